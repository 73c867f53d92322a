package rulestest_test

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
	"github.com/rarenet/rarenet/typology"
)

// This file is a naive, literal reading of RULES.md with the default
// configuration: an oracle that checks the generators and injectors while
// package rules does not exist yet, and independently of it afterwards.
// It favours being obviously right over being fast, within reason (the
// Scale networks go through it).

type finding struct {
	Rule        string
	Subject     string
	SubjectKind string
	Year        int
	Group       typology.Group
	Date        labelling.Date
}

func (f finding) String() string {
	return rulestest.Defect{Finding: rules.Finding{Rule: f.Rule, Subject: f.Subject, SubjectKind: f.SubjectKind, Year: f.Year, Group: f.Group, Date: f.Date}}.String()
}

func fromDefects(ds []rules.Finding) []finding {
	var out []finding
	for _, d := range ds {
		out = append(out, finding{d.Rule, d.Subject, d.SubjectKind, d.Year, d.Group, d.Date})
	}
	sortFindings(out)
	return out
}

func sortFindings(fs []finding) {
	slices.SortFunc(fs, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Year, b.Year),
			cmp.Compare(a.Group, b.Group), a.Date.Compare(b.Date))
	})
}

var (
	lowPrevalence = typology.Prevalence1To9Per100000
	filieresSince = labelling.MakeDate(2015, 1, 1)
	deadline2007  = labelling.MakeDate(2008, 2, 1)
)

const minActiveFile = 25

// union returns the sorted, merged effective windows of c's labels.
func union(c network.Centre) []labelling.Window {
	var ws []labelling.Window
	for _, l := range c.Labels {
		if !l.Effective().IsEmpty() {
			ws = append(ws, l.Effective())
		}
	}
	slices.SortFunc(ws, labelling.Window.Compare)
	var out []labelling.Window
	for _, w := range ws {
		if n := len(out); n > 0 && !w.Start().After(out[n-1].End()) {
			if w.End().After(out[n-1].End()) {
				out[n-1] = labelling.MustWindow(out[n-1].Start(), w.End())
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

func labelledEveryDay(u []labelling.Window, y int) bool {
	for _, w := range u {
		if w.CoversYear(y) {
			return true
		}
	}
	return false
}

func labelledSomeDay(u []labelling.Window, y int) bool {
	for _, w := range u {
		if w.Overlaps(labelling.YearWindow(y)) {
			return true
		}
	}
	return false
}

func coverageOverlaps(a, b network.Centre) bool {
	if a.Group != b.Group {
		return false
	}
	if len(a.Diseases) == 0 || len(b.Diseases) == 0 {
		return true
	}
	for _, x := range a.Diseases {
		for _, y := range b.Diseases {
			if x.Key() == y.Key() {
				return true
			}
		}
	}
	return false
}

// audit returns every finding of RULES.md at at, with the coverage
// analysis when coverage is set.
func audit(n *network.Network, at labelling.Date, coverage bool) []finding {
	var fs []finding
	add := func(rule, subject, kind string, year int, g typology.Group, d labelling.Date) {
		fs = append(fs, finding{rule, subject, kind, year, g, d})
	}
	centre := func(rule string, c network.Centre) {
		add(rule, string(c.ID), rules.SubjectCentre, 0, 0, labelling.Date{})
	}

	conventionsOf := map[network.CentreID][]network.Convention{}
	for k := range n.Conventions() {
		conventionsOf[k.Competence] = append(conventionsOf[k.Competence], k)
	}
	coordinating := map[typology.Group][]network.Centre{}
	for c := range n.Centres() {
		if c.Tier == typology.Reference && c.Role == typology.Coordinating {
			coordinating[c.Group] = append(coordinating[c.Group], c)
		}
	}

	for c := range n.Centres() {
		u := union(c)
		// Competence centres.
		if c.Tier == typology.Competence {
			recorded := map[int]bool{}
			for _, a := range c.Activity {
				recorded[a.Year] = true
				if labelledEveryDay(u, a.Year) && a.Patients < minActiveFile {
					add("competence.min-active-file", string(c.ID), rules.SubjectCentre, a.Year, 0, labelling.Date{})
				}
			}
			for _, w := range u {
				for y := range w.WholeYears() {
					if y < at.Year() && !recorded[y] {
						add("competence.activity-missing", string(c.ID), rules.SubjectCentre, y, 0, labelling.Date{})
					}
				}
			}
			if c.InForce(at) && c.Scope == typology.Regional && len(c.Diseases) > 0 {
				low := true
				for _, d := range c.Diseases {
					low = low && d.Prevalence.Below(lowPrevalence)
				}
				if low {
					centre("competence.interregional-preferred", c)
				}
			}
			if c.InForce(at) {
				attached := false
				for _, k := range conventionsOf[c.ID] {
					if !k.RunningOn(at) {
						continue
					}
					for _, r := range k.Reference {
						rc, _ := n.Centre(r)
						attached = attached || (rc.Tier == typology.Reference && rc.Group == c.Group && rc.InForce(at))
					}
				}
				for _, r := range c.AttachedTo {
					rc, _ := n.Centre(r)
					attached = attached || (rc.Tier == typology.Reference && rc.Group == c.Group && rc.InForce(at))
				}
				if !attached {
					centre("competence.unattached", c)
				}
			}
			for _, r := range c.AttachedTo {
				if rc, _ := n.Centre(r); rc.Tier == typology.Reference && rc.Group != c.Group {
					centre("competence.attachment-mismatch", c)
					break
				}
			}
		}

		// Labels.
		order := make([]int, len(c.Labels))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Or(c.Labels[a].Start().Compare(c.Labels[b].Start()), c.Labels[a].End().Compare(c.Labels[b].End()))
		})
		gap := false
		var latest labelling.Date
		for k, li := range order {
			l := c.Labels[li]
			if l.Initial().End().After(l.Start().AddDate(5, 0, 0)) {
				centre("label.window-too-long", c)
			}
			for e := range l.Events() {
				if e.Kind == labelling.Extension && e.Act.IsZero() {
					centre("label.extension-without-basis", c)
				}
			}
			for _, lj := range order[k+1:] {
				if l.Effective().Overlaps(c.Labels[lj].Effective()) {
					centre("label.overlap", c)
				}
			}
			if k > 0 {
				if l.Start().After(latest) {
					gap = true
				}
				prev := c.Labels[order[k-1]]
				evaluated := false
				for e := range prev.Events() {
					evaluated = evaluated || (e.Kind == labelling.Evaluation && prev.Effective().Contains(e.Date))
				}
				if !evaluated {
					centre("label.renewal-without-evaluation", c)
				}
			}
			if latest.Before(l.End()) {
				latest = l.End()
			}
			if d, ok := l.Designation(); ok {
				if !d.HasOpinion() {
					centre("designation.missing-opinion", c)
				}
				if labelling.CanonicalCampaign(d.Campaign) == labelling.CampaignCCMR2007 && d.Decision.After(deadline2007) {
					add("designation.late", string(c.ID), rules.SubjectCentre, 0, 0, d.Decision)
				}
			}
		}
		if gap {
			centre("label.gap", c)
		}
		for _, a := range c.Activity {
			if !labelledSomeDay(u, a.Year) {
				add("label.activity-outside-window", string(c.ID), rules.SubjectCentre, a.Year, 0, labelling.Date{})
			}
			if a.NewPatients > a.Patients || a.Consultations < a.Patients {
				add("activity.inconsistent", string(c.ID), rules.SubjectCentre, a.Year, 0, labelling.Date{})
			}
		}
		if !c.InForce(at) {
			var ended labelling.Date
			for _, l := range c.Labels {
				if !l.Start().After(at) && !l.End().After(at) && l.End().After(ended) {
					ended = l.End()
				}
			}
			if !ended.IsZero() {
				add("label.lapsed", string(c.ID), rules.SubjectCentre, 0, 0, ended)
			}
		}

		// Reference centres and sectors.
		if c.Tier == typology.Reference && c.Role == typology.Constitutive {
			co, ok := n.Centre(c.CoordinatingSite)
			if !ok || co.Tier != typology.Reference || co.Role != typology.Coordinating || co.Group != c.Group {
				centre("reference.orphan-constitutive-site", c)
			}
		}
		if c.Tier == typology.Reference && c.Role == typology.Coordinating {
			nf := 0
			for range n.FilieresOf(c.ID) {
				nf++
			}
			if nf == 0 && c.InForce(at) && !at.Before(filieresSince) {
				centre("filiere.reference-outside-filiere", c)
			}
			if nf > 1 {
				centre("filiere.reference-in-several", c)
			}
		}
	}

	// Teams: one finding per pair of centres.
	for t := range n.Teams() {
		cs := slices.Collect(n.CentresOfTeam(t.ID))
		for i, a := range cs {
			for _, b := range cs[i+1:] {
				if !coverageOverlaps(a, b) {
					continue
				}
				meet := false
				for _, la := range a.Labels {
					for _, lb := range b.Labels {
						meet = meet || la.Effective().Overlaps(lb.Effective())
					}
				}
				if !meet {
					continue
				}
				if a.Tier == b.Tier {
					add("team.duplicate-label", string(t.ID), rules.SubjectTeam, 0, 0, labelling.Date{})
				} else {
					add("team.reference-and-competence", string(t.ID), rules.SubjectTeam, 0, 0, labelling.Date{})
				}
			}
		}
	}

	// Conventions.
	for k := range n.Conventions() {
		comp, _ := n.Centre(k.Competence)
		for _, r := range k.Reference {
			rc, _ := n.Centre(r)
			if rc.Group != comp.Group {
				add("convention.group-mismatch", string(k.ID), rules.SubjectConvention, 0, 0, labelling.Date{})
				break
			}
		}
		for _, r := range k.Reference {
			rc, _ := n.Centre(r)
			var e labelling.Date
			for _, l := range rc.Labels {
				if !l.Start().After(at) && l.End().After(e) {
					e = l.End()
				}
			}
			if !e.IsZero() && !e.After(at) && (k.End.IsZero() || k.End.After(e)) {
				add("convention.outlives-reference-label", string(k.ID), rules.SubjectConvention, 0, 0, e)
			}
		}
		var e labelling.Date
		for _, l := range comp.Labels {
			if !l.Start().After(at) && l.End().After(e) {
				e = l.End()
			}
		}
		if !e.IsZero() && !e.After(at) && (k.End.IsZero() || k.End.After(e)) {
			add("convention.outlives-competence-label", string(k.ID), rules.SubjectConvention, 0, 0, e)
		}
		for _, co := range coordinating[comp.Group] {
			if co.InForce(k.Signed) && !slices.Contains(k.Signatories, co.ID) {
				add("convention.missing-cosignatory", string(k.ID), rules.SubjectConvention, 0, 0, labelling.Date{})
				break
			}
		}
	}

	// Platforms.
	for p := range n.Platforms() {
		seats := 0
		for c := range n.CentresOfEstablishment(p.Host) {
			if c.InForce(at) {
				seats++
			}
		}
		if seats < 2 {
			add("platform.single-centre-host", string(p.ID), rules.SubjectPlatform, 0, 0, labelling.Date{})
		}
	}

	if coverage {
		for r := range network.Regions() {
			var in [18]bool
			for c := range n.CentresInRegion(r.Code) {
				if c.InForce(at) {
					in[c.Group] = true
				}
			}
			for g := range typology.Groups() {
				if !in[g] {
					add("coverage.region-without-centre", string(r.Code), rules.SubjectRegion, 0, g, labelling.Date{})
				}
			}
		}
		for ir := range network.Interregions() {
			var in [18]bool
			for c := range n.CentresInInterregion(ir) {
				if c.InForce(at) {
					in[c.Group] = true
				}
			}
			for g := range typology.Groups() {
				if !in[g] {
					add("coverage.interregion-without-centre", ir.String(), rules.SubjectInterregion, 0, g, labelling.Date{})
				}
			}
		}
	}
	// At most one finding per rule and subject (and year; group for the
	// coverage rules): the earliest date.
	sortFindings(fs)
	out := fs[:0]
	for _, f := range fs {
		if k := len(out) - 1; k >= 0 && out[k].Rule == f.Rule && out[k].Subject == f.Subject &&
			out[k].Year == f.Year && (out[k].Group == f.Group || !strings.HasPrefix(f.Rule, "coverage.")) {
			if f.Date.Before(out[k].Date) {
				out[k].Date = f.Date
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

func renamedFindings(fs []finding, f func(kind, id string) string) []finding {
	out := make([]finding, len(fs))
	for i, x := range fs {
		if x.SubjectKind != rules.SubjectRegion && x.SubjectKind != rules.SubjectInterregion {
			x.Subject = f(x.SubjectKind, x.Subject)
		}
		out[i] = x
	}
	sortFindings(out)
	return out
}
