package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// groupName names a group in messages: "group 12 (sensory)".
func groupName(g typology.Group) string {
	return fmt.Sprintf("group %d (%v)", int(g), g)
}

// centreFinding starts a finding about centre c.
func centreFinding(c *network.Centre) Finding {
	return Finding{Subject: string(c.ID), SubjectKind: SubjectCentre, Group: c.Group}
}

// describeSpan says how the centre was labelled over span s: by one label,
// or by several without a break.
func describeSpan(ls []labelling.Label, s labelling.Window) string {
	for i := range ls {
		if ls[i].Effective() == s {
			return fmt.Sprintf("label in force from %v until %v", s.Start(), s.End())
		}
	}
	return fmt.Sprintf("labelled without a break from %v until %v", s.Start(), s.End())
}

func visitMinActiveFile(ctx *Context, v *centreVisit) {
	c := &v.c
	if c.Tier != typology.Competence {
		return
	}
	min := ctx.cfg.MinActiveFile
	acts := c.Activity
	for i := range acts {
		a := &acts[i]
		if a.Patients >= min {
			continue
		}
		s, ok := v.wholeSpan(a.Year)
		if !ok {
			continue // not labelled on every day of the year: not judged
		}
		f := centreFinding(c)
		f.Year = a.Year
		f.Message = fmt.Sprintf("%d: %s followed, below the minimum active file of %d a year; %s",
			a.Year, plural(a.Patients, "patient", "patients"), min, describeSpan(c.Labels, s))
		v.report(ctx, f)
	}
}

func visitActivityMissing(ctx *Context, v *centreVisit) {
	c := &v.c
	if c.Tier != typology.Competence {
		return
	}
	atYear := ctx.ix.atYear
	acts := c.Activity // by year, increasing, one entry a year
	k := 0
	for _, ys := range v.yearSpans() {
		last := min(ys.wholeLast, atYear-1)
		if ys.wholeFirst > last {
			continue
		}
		for k < len(acts) && acts[k].Year < ys.wholeFirst {
			k++
		}
		// Years are unique and increasing: when the entry for the first
		// year is there and so is the one for the last, every year between
		// is there too.
		if n := last - ys.wholeFirst; k+n < len(acts) && acts[k].Year == ys.wholeFirst && acts[k+n].Year == last {
			k += n + 1
			continue
		}
		for y := ys.wholeFirst; y <= last; y++ {
			for k < len(acts) && acts[k].Year < y {
				k++
			}
			if k < len(acts) && acts[k].Year == y {
				continue
			}
			f := centreFinding(c)
			f.Year = y
			f.Message = fmt.Sprintf("%d: no activity recorded for a year in which the competence centre was labelled on every day (%s), so its active file cannot be judged",
				y, describeSpan(c.Labels, ys.span))
			v.report(ctx, f)
		}
	}
}

func visitInterregionalPreferred(ctx *Context, v *centreVisit) {
	c := &v.c
	if c.Tier != typology.Competence || !v.inForce || c.Scope != typology.Regional || len(c.Diseases) == 0 {
		return
	}
	low := ctx.cfg.LowPrevalence
	for _, d := range c.Diseases {
		if !d.Prevalence.Below(low) {
			return
		}
	}
	var names []string
	for _, d := range c.Diseases {
		names = append(names, fmt.Sprintf("%s (%v)", d.Name, d.Prevalence))
	}
	slices.Sort(names) // whatever the order of the list
	f := centreFinding(c)
	f.Message = fmt.Sprintf("regional competence centre in force on %v whose listed diseases are all of low prevalence, below %v: %s; interregional competence centres are preferred for low-prevalence diseases",
		ctx.at, low, strings.Join(names, ", "))
	v.report(ctx, f)
}

func checkUnattached(ctx *Context) {
	ix, at := ctx.ix, ctx.at
	// state: 0 no convention running at the audit date, 1 running but
	// with no reference party of the group in force, 2 attached.
	state := make([]uint8, len(ix.ids))
	convs := ix.conventions(ctx.net)
	for i := range convs {
		cv := &convs[i]
		if cv.comp < 0 || !cv.running(at) {
			continue
		}
		g := ix.info[cv.comp].group
		st := uint8(1)
		for _, r := range ix.refs(cv) {
			if in := &ix.info[r]; in.group == g && in.inForce {
				st = 2
				break
			}
		}
		state[cv.comp] = max(state[cv.comp], st)
	}
	for p := range ix.info {
		in := &ix.info[p]
		if in.tier != typology.Competence || !in.inForce || state[p] == 2 {
			continue
		}
		why := "has no convention running on that day"
		if state[p] == 1 {
			why = "has conventions running on that day, but none with a reference centre of its group whose label is in force"
		}
		ctx.Report(Finding{
			Subject: string(ix.ids[p]), SubjectKind: SubjectCentre, Group: in.group,
			Message: fmt.Sprintf("competence centre in force on %v %s: a competence centre is attached by a convention to the reference centres of %s",
				at, why, groupName(in.group)),
		})
	}
}
