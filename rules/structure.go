package rules

import (
	"fmt"
	"strings"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

func checkOrphanConstitutiveSite(ctx *Context) {
	ix := ctx.ix
	for i, p := range ix.constitutive {
		in := &ix.info[p]
		coord := ix.constitutiveCoord[i]
		var why string
		if coord == "" {
			why = "names no coordinating site"
		} else if cp, ok := ix.posOf(coord); !ok {
			why = fmt.Sprintf("names %s as its coordinating site, which is not in the network", coord)
		} else if ci := &ix.info[cp]; ci.tier != typology.Reference || ci.role != typology.Coordinating {
			what := "a competence centre"
			if ci.tier == typology.Reference {
				what = "a " + ci.role.String() + " site"
			}
			why = fmt.Sprintf("names %s as its coordinating site, but %s is %s", coord, coord, what)
		} else if ci.group != in.group {
			why = fmt.Sprintf("names %s as its coordinating site, but %s is of %s", coord, coord, groupName(ci.group))
		} else {
			continue
		}
		ctx.Report(Finding{
			Subject: string(ix.ids[p]), SubjectKind: SubjectCentre, Group: in.group,
			Message: fmt.Sprintf("constitutive site of %s that %s: a reference centre is one coordinating site of its group and its constitutive sites",
				groupName(in.group), why),
		})
	}
}

func checkReferenceOutsideFiliere(ctx *Context) {
	if ctx.at.Before(ctx.cfg.FilieresSince) {
		return
	}
	ix := ctx.ix
	var count []uint8
	for p := range ix.info {
		in := &ix.info[p]
		if in.tier != typology.Reference || in.role != typology.Coordinating || !in.inForce {
			continue
		}
		if count == nil {
			count = ix.filieres(ctx.net)
		}
		if count[p] > 0 {
			continue
		}
		ctx.Report(Finding{
			Subject: string(ix.ids[p]), SubjectKind: SubjectCentre, Group: in.group,
			Message: fmt.Sprintf("coordinating site in force on %v that belongs to no sector (filière): every reference centre belongs to a sector since %v",
				ctx.at, ctx.cfg.FilieresSince),
		})
	}
}

func checkReferenceInSeveral(ctx *Context) {
	ix := ctx.ix
	var count []uint8
	for p := range ix.info {
		in := &ix.info[p]
		if in.tier != typology.Reference || in.role != typology.Coordinating {
			continue
		}
		if count == nil {
			count = ix.filieres(ctx.net)
		}
		if count[p] < 2 {
			continue
		}
		var names []string
		for f := range ctx.net.FilieresOf(ix.ids[p]) {
			names = append(names, string(f.ID))
		}
		ctx.Report(Finding{
			Subject: string(ix.ids[p]), SubjectKind: SubjectCentre, Group: in.group,
			Message: fmt.Sprintf("coordinating site listed by %d sectors (%s): a coordinating site belongs to one sector",
				len(names), strings.Join(names, ", ")),
		})
	}
}

func checkSingleCentreHost(ctx *Context) {
	at := ctx.at
	for pl := range ctx.net.Platforms() {
		var seats [2]network.CentreID
		in := seats[:0]
		for c := range ctx.net.CentresOfEstablishment(pl.Host) {
			if c.InForce(at) {
				in = append(in, c.ID)
				if len(in) == 2 {
					break
				}
			}
		}
		if len(in) >= 2 {
			continue
		}
		kind := "expertise platform"
		if pl.Overseas {
			kind = "overseas coordination platform"
		}
		seat := "no centre in force"
		if len(in) == 1 {
			seat = fmt.Sprintf("only one centre in force, %s,", in[0])
		}
		ctx.Report(Finding{
			Subject: string(pl.ID), SubjectKind: SubjectPlatform,
			Message: fmt.Sprintf("%s hosted by %s, the seat of %s on %v: platforms are set up in establishments that are the seat of several labelled centres",
				kind, pl.Host, seat, at),
		})
	}
}

func visitActivityInconsistent(ctx *Context, v *centreVisit) {
	acts := v.c.Activity
	for i := range acts {
		a := &acts[i]
		if a.NewPatients <= a.Patients && a.Consultations >= a.Patients {
			continue
		}
		var why []string
		if a.NewPatients > a.Patients {
			why = append(why, fmt.Sprintf("%d new patients but only %d patients followed (new patients are among those followed)", a.NewPatients, a.Patients))
		}
		if a.Consultations < a.Patients {
			why = append(why, fmt.Sprintf("%d consultations for %d patients followed (a patient followed has at least one consultation)", a.Consultations, a.Patients))
		}
		if len(why) == 0 {
			continue
		}
		f := centreFinding(&v.c)
		f.Year = a.Year
		f.Message = fmt.Sprintf("%d: %s", a.Year, strings.Join(why, "; "))
		v.report(ctx, f)
	}
}

func checkRegionWithoutCentre(ctx *Context) {
	at := ctx.at
	for r := range network.Regions() {
		var has [groupSlots]bool
		for c := range ctx.net.CentresInRegion(r.Code) {
			if c.Group.IsValid() && !has[c.Group] && c.InForce(at) {
				has[c.Group] = true
			}
		}
		for g := range typology.Groups() {
			if has[g] {
				continue
			}
			ctx.Report(Finding{
				Subject: string(r.Code), SubjectKind: SubjectRegion, Group: g,
				Message: fmt.Sprintf("no centre of %s, of either tier, in force on %v in region %s (%s)", groupName(g), at, r.Code, r.Name),
			})
		}
	}
}
