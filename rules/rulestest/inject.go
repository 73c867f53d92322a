package rulestest

import (
	"cmp"
	"fmt"
	"slices"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// A Defect is a defect that [Inject] put into a network: the finding it
// must produce, and the other findings it cannot be injected without.
//
// The embedded Finding has Rule, Subject and SubjectKind set, and only
// what a defect can predict besides: Year for the per-year rules
// (competence.min-active-file, competence.activity-missing,
// label.activity-outside-window, activity.inconsistent), Group for the
// coverage rules, Date where the day is unambiguous (the day the centre
// stopped being labelled for label.lapsed and the convention.outlives-*
// rules, E in RULES.md; the decision day for designation.late). A finding
// of the audit may carry a Group or Date where the Defect leaves it zero:
// [Comparable] cuts the findings of an audit down to what a Defect
// predicts, so that the two compare with go-cmp. Severity, Message,
// Source and Evidence are left zero.
//
// Also holds the findings the defect cannot be injected without: the
// label.lapsed finding of the lapsed party or centre of the
// convention.outlives-* rules, the interregion that loses its last region
// for a group (coverage.region-without-centre) and the regions of an
// uncovered interregion (coverage.interregion-without-centre). It is
// empty for every other rule.
type Defect struct {
	rules.Finding                 // the finding the defect must produce
	Also          []rules.Finding `json:"also,omitempty"` // the other findings it brings
}

// Renamed returns d with its subjects, and those of d.Also, renamed by f
// as networktest.RenameIDs renames IDs (region codes and interregions are
// left as they are), so that the defect can be checked on a renamed
// network.
func (d Defect) Renamed(f func(kind, id string) string) Defect {
	d.Finding = renamed(d.Finding, f)
	if d.Also != nil {
		also := make([]rules.Finding, len(d.Also))
		for i, a := range d.Also {
			also[i] = renamed(a, f)
		}
		d.Also = also
	}
	return d
}

func renamed(x rules.Finding, f func(kind, id string) string) rules.Finding {
	if x.SubjectKind != rules.SubjectRegion && x.SubjectKind != rules.SubjectInterregion {
		x.Subject = f(x.SubjectKind, x.Subject)
	}
	return x
}

// All returns every finding expected: d's and those of d.Also, in the
// order of [Comparable].
func (d Defect) All() []rules.Finding {
	out := append([]rules.Finding{d.Finding}, d.Also...)
	slices.SortFunc(out, compareKeys)
	return out
}

// String returns a short description such as
// "label.gap on centre crmr-1" or
// "activity.inconsistent on centre x2 (year 2019)".
func (d Defect) String() string { return describe(d.Finding) }

func describe(f rules.Finding) string {
	s := f.Rule + " on " + f.SubjectKind + " " + f.Subject
	if f.Year != 0 {
		s += fmt.Sprintf(" (year %d)", f.Year)
	}
	if f.Group != 0 {
		s += fmt.Sprintf(" (group %d)", f.Group)
	}
	if !f.Date.IsZero() {
		s += " (" + f.Date.String() + ")"
	}
	return s
}

// Comparable returns the findings of got cut down to what the expected
// findings want predict, sorted as [Defect.All] sorts: Rule, Subject,
// SubjectKind and Year always, Group and Date only where a finding of want
// on the same rule and subject sets them. Compare its result with
// want (from [Defect.All]) with go-cmp: any finding missing, extra or
// different shows in the diff.
func Comparable(got, want []rules.Finding) []rules.Finding {
	out := make([]rules.Finding, 0, len(got))
	for _, f := range got {
		k := rules.Finding{Rule: f.Rule, Subject: f.Subject, SubjectKind: f.SubjectKind, Year: f.Year}
		for _, w := range want {
			if w.Rule == f.Rule && w.Subject == f.Subject {
				if w.Group != 0 {
					k.Group = f.Group
				}
				if !w.Date.IsZero() {
					k.Date = f.Date
				}
			}
		}
		out = append(out, k)
	}
	slices.SortFunc(out, compareKeys)
	return out
}

func compareKeys(a, b rules.Finding) int {
	return cmp.Or(
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.SubjectKind, b.SubjectKind),
		cmp.Compare(a.Subject, b.Subject),
		cmp.Compare(a.Year, b.Year),
		cmp.Compare(a.Group, b.Group),
		a.Date.Compare(b.Date),
	)
}

// Rules returns the IDs of the rules of RULES.md that [Inject] can break,
// in the order of RULES.md: all of them.
func Rules() []string {
	inj := injectors()
	out := make([]string, len(inj))
	for i, in := range inj {
		out[i] = in.rule
	}
	return out
}

type injector struct {
	rule string
	fn   func(*model) Defect
}

// injectors lists one injector per rule, in the order of RULES.md.
func injectors() []injector {
	return []injector{
		{rules.CompetenceMinActiveFile, (*model).injectMinActiveFile},
		{rules.CompetenceActivityMissing, (*model).injectActivityMissing},
		{rules.CompetenceInterregionalPreferred, (*model).injectInterregionalPreferred},
		{rules.CompetenceUnattached, (*model).injectUnattached},
		{rules.CompetenceAttachmentMismatch, (*model).injectAttachmentMismatch},
		{rules.TeamDuplicateLabel, (*model).injectDuplicateLabel},
		{rules.TeamReferenceAndCompetence, (*model).injectReferenceAndCompetence},
		{rules.LabelWindowTooLong, (*model).injectWindowTooLong},
		{rules.LabelExtensionWithoutBasis, (*model).injectExtensionWithoutBasis},
		{rules.LabelOverlap, (*model).injectOverlap},
		{rules.LabelGap, (*model).injectGap},
		{rules.LabelRenewalWithoutEvaluation, (*model).injectRenewalWithoutEvaluation},
		{rules.LabelActivityOutsideWindow, (*model).injectActivityOutsideWindow},
		{rules.LabelLapsed, (*model).injectLapsed},
		{rules.ConventionGroupMismatch, (*model).injectGroupMismatch},
		{rules.ConventionOutlivesReferenceLabel, (*model).injectOutlives},
		{rules.ConventionOutlivesCompetenceLabel, (*model).injectOutlivesCompetence},
		{rules.ConventionMissingCosignatory, (*model).injectMissingCosignatory},
		{rules.ReferenceOrphanConstitutiveSite, (*model).injectOrphan},
		{rules.FiliereReferenceOutsideFiliere, (*model).injectOutsideFiliere},
		{rules.FiliereReferenceInSeveral, (*model).injectInSeveral},
		{rules.PlatformSingleCentreHost, (*model).injectSingleCentreHost},
		{rules.ActivityInconsistent, (*model).injectInconsistent},
		{rules.DesignationMissingOpinion, (*model).injectMissingOpinion},
		{rules.DesignationLate, (*model).injectLate},
		{rules.CoverageRegionWithoutCentre, (*model).injectRegionWithoutCentre},
		{rules.CoverageInterregionWithoutCentre, (*model).injectInterregionWithoutCentre},
	}
}

// Inject returns a copy of n with exactly one defect against rule (an ID
// of the catalogue, such as [rules.LabelGap]), and the findings that
// defect must produce. n must comply with every rule at the audit date at
// under [rules.DefaultConfig] (as the networks of networktest.Network do
// at Options.At); then auditing the copy at at gives exactly the findings
// of the returned Defect ([Defect.All]) and nothing else. For
// coverage.region-without-centre and coverage.interregion-without-centre
// that holds with the coverage analysis enabled (Config.Coverage).
//
// The subject is drawn by t among the entities of n that can carry the
// defect without any other rule noticing; when n has none, Inject adds a
// fresh, compliant subject first (a competence centre attached to a
// reference centre of its group, a constitutive site, a convention...),
// so injection always succeeds, with one exception: a coordinating site
// outside every sector is no finding before 2015 (sectors since), so for
// filiere.reference-outside-filiere Inject skips the test case (t.Skip)
// when at is before Config.FilieresSince. An unknown rule fails the test
// (t.Fatalf).
//
// Each rule's injector is documented in the package overview.
func Inject(t *rapid.T, n *network.Network, at labelling.Date, rule string) (*network.Network, Defect) {
	t.Helper()
	inj := injectors()
	i := slices.IndexFunc(inj, func(in injector) bool { return in.rule == rule })
	if i < 0 {
		t.Fatalf("rulestest: Inject: no injector for rule %q", rule)
		return n, Defect{}
	}
	cfg := rules.DefaultConfig()
	if rule == rules.FiliereReferenceOutsideFiliere && at.Before(cfg.FilieresSince) {
		t.Skipf("rulestest: Inject: %s cannot occur before %v", rule, cfg.FilieresSince)
		return n, Defect{}
	}
	m := newModel(networktest.Edit(t, n, at), cfg)
	d := inj[i].fn(m)
	d.Rule = rule
	return m.Build(), d
}

// defect returns a Defect on the subject id of the given kind.
func defect(kind, id string) Defect {
	return Defect{Finding: rules.Finding{Subject: id, SubjectKind: kind}}
}

func centreDefect(c network.Centre) Defect { return defect(rules.SubjectCentre, string(c.ID)) }

// ---- fresh, compliant subjects ----

// someGroup draws a group, preferring those the network already has.
func (m *model) someGroup() typology.Group {
	var gs []typology.Group
	for _, c := range m.Centres {
		if !slices.Contains(gs, c.Group) {
			gs = append(gs, c.Group)
		}
	}
	slices.Sort(gs)
	if len(gs) > 0 && m.Chance("known_group", 75) {
		return pick(m, "group", gs)
	}
	return typology.Group(m.Intn("group", 1, 17))
}

// stdLabels returns one five-year label from start, by the act of tier.
func (m *model) stdLabels(tier typology.Tier, start labelling.Date) []labelling.Label {
	return []labelling.Label{mustLabel(start, m.termEnd(start), actFor(tier, start))}
}

// freshCentre adds a centre with the given labels, held by a new team in
// an establishment of region (drawn when empty) that hosts no platform,
// so that another injection's platform keeps its finding.
func (m *model) freshCentre(tier typology.Tier, role typology.Role, g typology.Group, coord network.CentreID, region network.RegionCode, labels []labelling.Label) int {
	var est network.EstablishmentID
	var ests []network.EstablishmentID
	hosts := map[network.EstablishmentID]bool{}
	for _, p := range m.Platforms {
		hosts[p.Host] = true
	}
	for _, e := range m.Establishments {
		if (region == "" || e.Region == region) && !hosts[e.ID] {
			ests = append(ests, e.ID)
		}
	}
	if len(ests) > 0 && m.Coin("fresh_in_known_establishment") {
		est = pick(m, "fresh_establishment", ests)
	} else {
		est = m.NewEstablishment(region)
	}
	id := m.FreshID(rules.SubjectCentre)
	i := m.AddCentre(network.Centre{
		ID:               network.CentreID(id),
		Name:             "Centre " + id,
		Tier:             tier,
		Role:             role,
		Group:            g,
		CoordinatingSite: coord,
		Team:             m.NewTeam(est),
		Labels:           labels,
	})
	m.FixActivity(i)
	return i
}

// freshCoordinating adds a coordinating site with the given labels, makes
// it co-sign the conventions it must co-sign and, when inFiliere, puts it
// in exactly one sector.
func (m *model) freshCoordinating(g typology.Group, labels []labelling.Label, inFiliere bool) int {
	i := m.freshCentre(typology.Reference, typology.Coordinating, g, "", "", labels)
	m.patchSignatories(m.Centres[i])
	if inFiliere {
		var f int
		if len(m.Filieres) > 0 && m.Coin("known_filiere") {
			f = m.Intn("filiere", 0, len(m.Filieres)-1)
		} else {
			f = m.NewFiliere()
		}
		m.Filieres[f].Members = append(m.Filieres[f].Members, m.Centres[i].ID)
		if !slices.Contains(m.Filieres[f].Groups, g) {
			m.Filieres[f].Groups = append(m.Filieres[f].Groups, g)
		}
	}
	return i
}

// ensureReference returns a reference centre of group g in force at At,
// adding a coordinating site when there is none.
func (m *model) ensureReference(g typology.Group) network.CentreID {
	if refs := m.ReferencesInForce(g, m.At); len(refs) > 0 {
		return m.Centres[pick(m, "reference", refs)].ID
	}
	return m.Centres[m.freshCoordinating(g, m.stdLabels(typology.Reference, m.At), true)].ID
}

// ensureCoordinating returns a coordinating site of group g, adding one
// in force at At when there is none.
func (m *model) ensureCoordinating(g typology.Group) network.CentreID {
	if cs := m.Coordinating(g); len(cs) > 0 {
		return m.Centres[pick(m, "coordinating_site", cs)].ID
	}
	return m.Centres[m.freshCoordinating(g, m.stdLabels(typology.Reference, m.At), true)].ID
}

// attach gives competence centre i a convention running at At with a
// reference centre of its group in force at At.
func (m *model) attach(i int) int {
	ref := m.ensureReference(m.Centres[i].Group)
	return m.NewConvention(i, []network.CentreID{ref}, m.At, labelling.Date{}, m.At)
}

// freshCompetence adds a competence centre with the given labels (one
// five-year label from At when nil), attached when in force at At.
func (m *model) freshCompetence(g typology.Group, region network.RegionCode, labels []labelling.Label) int {
	if labels == nil {
		labels = m.stdLabels(typology.Competence, m.At)
	}
	i := m.freshCentre(typology.Competence, 0, g, "", region, labels)
	if m.Centres[i].InForce(m.At) {
		m.attach(i)
	}
	return i
}

// historyLabels returns contiguous evaluated five-year labels from first
// until one is in force at At.
func (m *model) historyLabels(tier typology.Tier, first labelling.Date) []labelling.Label {
	var out []labelling.Label
	for s := first; ; {
		e := m.termEnd(s)
		out = append(out, mustLabel(s, e, actFor(tier, s), labelling.EvaluationEvent(s, labelling.SelfEvaluation)))
		if e.After(m.At) {
			return out
		}
		s = e
	}
}

// freshCompetenceHistory adds an attached competence centre labelled from
// 1 January two years before At's year, with its activity for the two
// wholly labelled years before At's year.
func (m *model) freshCompetenceHistory() int {
	first := day(m.At.Year()-2, 1, 1)
	return m.freshCompetence(m.someGroup(), "", m.historyLabels(typology.Competence, first))
}

// freshConstitutive adds a constitutive site of a coordinating site of its
// group, with the given labels.
func (m *model) freshConstitutive(labels []labelling.Label) int {
	g := m.someGroup()
	coord := m.ensureCoordinating(g)
	return m.freshCentre(typology.Reference, typology.Constitutive, g, coord, "", labels)
}

// freshRenewed adds a constitutive site with two contiguous labels, the
// first evaluated, the second in force at At.
func (m *model) freshRenewed() int {
	a, b := m.At.AddDate(-2, 0, 0), m.At.AddDate(-1, 0, 0)
	return m.freshConstitutive([]labelling.Label{
		mustLabel(a, b, actFor(typology.Reference, a), labelling.EvaluationEvent(a, labelling.External)),
		mustLabel(b, m.termEnd(b), actFor(typology.Reference, b)),
	})
}

// moveCentre gives centre i a new team in establishment est.
func (m *model) moveCentre(i int, est network.EstablishmentID) {
	m.Centres[i].Team = m.NewTeam(est)
}

// dropLonelyPlatforms removes the platforms whose host is no longer the
// seat of two centres in force at At.
func (m *model) dropLonelyPlatforms() {
	counts := m.InForceCounts()
	m.Platforms = slices.DeleteFunc(m.Platforms, func(p network.Platform) bool { return counts[p.Host] < 2 })
}

type labelRef struct{ ci, li int }

// labelsWhere returns the labels, with a non-empty effective window, of
// the centres that satisfy keep.
func (m *model) labelsWhere(keep func(network.Centre) bool) []labelRef {
	var out []labelRef
	for ci, c := range m.Centres {
		if !keep(c) {
			continue
		}
		for li, l := range c.Labels {
			if !l.Effective().IsEmpty() {
				out = append(out, labelRef{ci, li})
			}
		}
	}
	return out
}

func anyCentre(network.Centre) bool { return true }

// centresWhere returns the positions of the centres that satisfy keep.
func (m *model) centresWhere(keep func(network.Centre) bool) []int {
	var out []int
	for i, c := range m.Centres {
		if keep(c) {
			out = append(out, i)
		}
	}
	return out
}

// drawCentre draws the subject of a defect among the centres at positions
// cands, under label, or returns the fresh one that fresh adds when there
// is none (and, now and then, when there are some).
func (m *model) drawCentre(label string, cands []int, fresh func() int) int {
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		return fresh()
	}
	return pick(m, label, cands)
}

// ---- competence centres ----

type activityRef struct{ ci, ai int }

// judgedYears returns the activity years of competence centres labelled
// on every day of the year (and, when before, before At's year).
func (m *model) judgedYears(before bool) []activityRef {
	var out []activityRef
	for ci, c := range m.Centres {
		if c.Tier != typology.Competence {
			continue
		}
		for ai, a := range c.Activity {
			if networktest.WhollyLabelled(c, a.Year) && (!before || a.Year < m.At.Year()) {
				out = append(out, activityRef{ci, ai})
			}
		}
	}
	return out
}

func (m *model) ofCentre(rs []activityRef, ci int) []activityRef {
	return slices.DeleteFunc(rs, func(r activityRef) bool { return r.ci != ci })
}

// injectMinActiveFile lowers the active file of one wholly labelled year
// of a competence centre below 25 (new patients lowered with it).
func (m *model) injectMinActiveFile() Defect {
	cands := m.judgedYears(false)
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		i := m.freshCompetenceHistory()
		cands = m.ofCentre(m.judgedYears(false), i)
	}
	r := pick(m, "activity_year", cands)
	a := &m.Centres[r.ci].Activity[r.ai]
	a.Patients = m.Intn("patients", 0, m.cfg.MinActiveFile-1)
	a.NewPatients = min(a.NewPatients, a.Patients)
	d := centreDefect(m.Centres[r.ci])
	d.Year = a.Year
	return d
}

// injectActivityMissing deletes the activity of one year before At's year
// in which a competence centre was labelled on every day.
func (m *model) injectActivityMissing() Defect {
	cands := m.judgedYears(true)
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		i := m.freshCompetenceHistory()
		cands = m.ofCentre(m.judgedYears(true), i)
	}
	r := pick(m, "activity_year", cands)
	c := &m.Centres[r.ci]
	y := c.Activity[r.ai].Year
	c.Activity = slices.Delete(c.Activity, r.ai, r.ai+1)
	d := centreDefect(*c)
	d.Year = y
	return d
}

func (m *model) competenceInForce() []int {
	return m.centresWhere(func(c network.Centre) bool { return c.Tier == typology.Competence && c.InForce(m.At) })
}

// injectInterregionalPreferred gives a regional competence centre in force
// at At a list of one to three diseases, all of low prevalence. The
// diseases are new to the network, so no team's coverages start to
// overlap.
func (m *model) injectInterregionalPreferred() Defect {
	cands := m.competenceInForce()
	i := m.drawCentre("centre", cands, func() int { return m.freshCompetence(m.someGroup(), "", nil) })
	c := &m.Centres[i]
	c.Scope = pick(m, "scope", []typology.Scope{0, typology.Regional})
	c.Diseases = nil
	for range m.Intn("diseases", 1, 3) {
		m.diseaseSeq++
		c.Diseases = append(c.Diseases, typology.Disease{
			Orpha:      typology.ORPHAcode(900000 + m.diseaseSeq),
			Name:       fmt.Sprintf("Maladie très rare n°%d", m.diseaseSeq),
			Prevalence: pick(m, "prevalence", []typology.Prevalence{typology.PrevalenceBelow1PerMillion, typology.Prevalence1To9PerMillion}),
		})
	}
	return centreDefect(*c)
}

// injectUnattached ends (on or before At) or deletes every convention
// running at At of a competence centre in force at At.
func (m *model) injectUnattached() Defect {
	cands := m.competenceInForce()
	i := m.drawCentre("centre", cands, func() int {
		return m.freshCentre(typology.Competence, 0, m.someGroup(), "", "", m.stdLabels(typology.Competence, m.At))
	})
	id := m.Centres[i].ID
	var keep []network.Convention
	for _, k := range m.Conventions {
		if k.Competence == id && k.RunningOn(m.At) {
			if !k.Start.Before(m.At) || m.Coin("delete_convention") {
				continue
			}
			k.End = m.DateIn("end", k.Start.AddDays(1), m.At)
		}
		keep = append(keep, k)
	}
	m.Conventions = keep
	return centreDefect(m.Centres[i])
}

// ---- teams ----

// twinSubject draws a centre in force at At and returns it with the
// window of its label in force at At cut to at most five years from At.
func (m *model) twinSubject() (int, labelling.Label) {
	cands := m.centresWhere(func(c network.Centre) bool { return c.InForce(m.At) })
	i := m.drawCentre("centre", cands, func() int { return m.freshCompetence(m.someGroup(), "", nil) })
	c := m.Centres[i]
	var end labelling.Date
	for _, l := range c.Labels {
		if l.InForce(m.At) {
			end = maxDate(end, l.End())
		}
	}
	end = minDate(end, m.termEnd(m.At))
	return i, mustLabel(m.At, end, actFor(c.Tier, m.At))
}

// injectDuplicateLabel gives the team of a centre C in force at At a
// second centre of C's tier, group and diseases, labelled from At for no
// longer than C's label in force at At: the new centre's days and coverage
// lie inside C's, so C is the only centre it meets. A new competence
// centre is attached; a new reference centre is a constitutive site of
// C's coordinating site.
func (m *model) injectDuplicateLabel() Defect {
	i, l := m.twinSubject()
	c := m.Centres[i]
	twin := network.Centre{
		ID:    network.CentreID(m.FreshID(rules.SubjectCentre)),
		Tier:  c.Tier,
		Group: c.Group,
		Scope: c.Scope,
		Kind:  c.Kind,
		Team:  c.Team,
	}
	twin.Name = "Centre " + string(twin.ID)
	twin.Diseases = slices.Clone(c.Diseases)
	twin.Labels = []labelling.Label{l}
	if c.Tier == typology.Reference {
		twin.Role = typology.Constitutive
		twin.CoordinatingSite = c.CoordinatingSite
		if c.Role == typology.Coordinating {
			twin.CoordinatingSite = c.ID
		}
	}
	j := m.AddCentre(twin)
	if twin.Tier == typology.Competence {
		m.attach(j)
	}
	return defect(rules.SubjectTeam, string(c.Team))
}

// injectReferenceAndCompetence gives the team of a centre C in force at At
// a centre of the other tier with C's group and diseases, labelled from At
// for no longer than C's label in force at At: a constitutive site of a
// coordinating site of the group when C is a competence centre, an
// attached competence centre (interregional when its diseases are all of
// low prevalence) when C is a reference centre.
func (m *model) injectReferenceAndCompetence() Defect {
	i, l := m.twinSubject()
	c := m.Centres[i]
	twin := network.Centre{
		ID:    network.CentreID(m.FreshID(rules.SubjectCentre)),
		Group: c.Group,
		Team:  c.Team,
	}
	twin.Name = "Centre " + string(twin.ID)
	twin.Diseases = slices.Clone(c.Diseases)
	if c.Tier == typology.Competence {
		twin.Tier, twin.Role = typology.Reference, typology.Constitutive
		twin.CoordinatingSite = m.ensureCoordinating(c.Group)
		twin.Labels = []labelling.Label{mustLabel(l.Start(), l.End(), actFor(typology.Reference, l.Start()))}
	} else {
		twin.Tier = typology.Competence
		twin.Labels = []labelling.Label{l}
		if m.allLow(twin.Diseases) {
			twin.Scope = pick(m, "scope", []typology.Scope{typology.Interregional, typology.National})
		}
	}
	j := m.AddCentre(twin)
	if twin.Tier == typology.Competence {
		m.attach(j)
	}
	return defect(rules.SubjectTeam, string(c.Team))
}

// ---- labels ----

// labelSubject draws a label with a non-empty effective window, adding a
// constitutive site labelled from At when there is none.
func (m *model) labelSubject() labelRef {
	cands := m.labelsWhere(anyCentre)
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		i := m.freshConstitutive(m.stdLabels(typology.Reference, m.At))
		return labelRef{i, 0}
	}
	return pick(m, "label", cands)
}

// keepEffectiveEnd rebuilds l with events evs and, when its effective end
// then differs from end, a withdrawal on end.
func keepEffectiveEnd(l labelling.Label, initialEnd, end labelling.Date, evs []labelling.Event) labelling.Label {
	n := networktest.Relabel(l, l.Start(), initialEnd, evs)
	if n.End() != end {
		n = networktest.Relabel(l, l.Start(), initialEnd, append(evs, labelling.WithdrawalEvent(end, labelling.Act{})))
	}
	return n
}

// injectWindowTooLong lengthens a label's initial window to more than five
// years (by 1 to 400 days), dropping the extensions that no longer extend
// and adding a withdrawal on the old effective end when needed, so that
// the effective window is unchanged.
func (m *model) injectWindowTooLong() Defect {
	r := m.labelSubject()
	c := &m.Centres[r.ci]
	l := c.Labels[r.li]
	end := l.End()
	e := m.termEnd(l.Start()).AddDays(m.Intn("days_too_long", 1, 400))
	var evs []labelling.Event
	cur := e
	for _, ev := range events(l) {
		if ev.Kind == labelling.Extension {
			if !ev.Until.After(cur) {
				continue
			}
			cur = ev.Until
		}
		evs = append(evs, ev)
	}
	c.Labels[r.li] = keepEffectiveEnd(l, e, end, evs)
	return centreDefect(*c)
}

// injectExtensionWithoutBasis removes the act of one of a label's
// extensions or adds an extension without an act (with a withdrawal on the
// old effective end, so that the effective window is unchanged).
func (m *model) injectExtensionWithoutBasis() Defect {
	r := m.labelSubject()
	c := &m.Centres[r.ci]
	l := c.Labels[r.li]
	evs := events(l)
	var exts []int
	cur, last := l.Initial().End(), l.Start()
	for i, ev := range evs {
		if ev.Kind == labelling.Extension {
			exts = append(exts, i)
			cur, last = maxDate(cur, ev.Until), maxDate(last, ev.Date)
		}
	}
	if len(exts) > 0 && m.Coin("strip_act") {
		evs[pick(m, "extension", exts)].Act = labelling.Act{}
		c.Labels[r.li] = networktest.Relabel(l, l.Start(), l.Initial().End(), evs)
	} else {
		d := last.AddDays(m.Intn("extension_days_after", 0, 365))
		evs = append(evs, labelling.ExtensionEvent(d, cur.AddDays(m.Intn("extension_days", 1, 730)), labelling.Act{}))
		c.Labels[r.li] = keepEffectiveEnd(l, l.Initial().End(), l.End(), evs)
	}
	return centreDefect(*c)
}

// injectOverlap adds to a centre a label lying inside the effective window
// of one of its labels (evaluated, as is that label, so that whichever
// comes first in RULES.md's order is a renewal with an evaluation).
func (m *model) injectOverlap() Defect {
	r := m.labelSubject()
	c := &m.Centres[r.ci]
	l := c.Labels[r.li]
	w := l.Effective()
	a := m.DateIn("overlap_start", w.Start(), w.End().AddDays(-1))
	b := m.DateIn("overlap_end", a.AddDays(1), minDate(w.End(), m.termEnd(a)))
	nl := mustLabel(a, b, actFor(c.Tier, a), labelling.EvaluationEvent(m.DateIn("overlap_evaluation", a, b.AddDays(-1)), labelling.Unstated))
	if !l.Evaluated() {
		c.Labels[r.li] = networktest.Relabel(l, l.Start(), l.Initial().End(),
			append(events(l), labelling.EvaluationEvent(m.DateIn("evaluation", w.Start(), w.End().AddDays(-1)), labelling.SelfEvaluation)))
	}
	c.Labels = slices.Insert(c.Labels, m.Intn("position", 0, len(c.Labels)), nl)
	return centreDefect(*c)
}

// renewals returns, for every label with a previous label (RULES.md's
// order), its centre and its position in that order.
func (m *model) renewals(keep func(network.Centre, []int, int) bool) []labelRef {
	var out []labelRef
	for ci, c := range m.Centres {
		order := networktest.SortedLabels(c)
		for k := 1; k < len(order); k++ {
			if keep(c, order, k) {
				out = append(out, labelRef{ci, k})
			}
		}
	}
	return out
}

// gapRoom returns by how many days, at most, the start of the k-th label
// (RULES.md's order) can move later while it starts before At, keeps a
// day of its initial and effective windows, and leaves a gap shorter than
// a year.
func (m *model) gapRoom(c network.Centre, order []int, k int) int {
	l := c.Labels[order[k]]
	if !l.Start().Before(m.At) {
		return 0
	}
	return min(300, m.At.Sub(l.Start()), l.End().Sub(l.Start())-1, l.Initial().End().Sub(l.Start())-1)
}

// injectGap moves the start of a renewal label that starts before At
// later by 1 to 300 days (never past At), which leaves the centre
// unlabelled for a while before At. Events dated before the new start
// move to it, so the label keeps its evaluation.
func (m *model) injectGap() Defect {
	room := func(c network.Centre, order []int, k int) bool { return m.gapRoom(c, order, k) > 0 }
	cands := m.renewals(room)
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		i := m.freshRenewed()
		cands = []labelRef{{i, 1}}
	}
	r := pick(m, "renewal", cands)
	c := &m.Centres[r.ci]
	order := networktest.SortedLabels(*c)
	li := order[r.li]
	l := c.Labels[li]
	s := l.Start().AddDays(m.Intn("gap_days", 1, m.gapRoom(*c, order, r.li)))
	evs := events(l)
	for i := range evs {
		evs[i].Date = maxDate(evs[i].Date, s)
	}
	c.Labels[li] = networktest.Relabel(l, s, l.Initial().End(), evs)
	return centreDefect(*c)
}

// injectRenewalWithoutEvaluation strips the label before a renewal of its
// evaluations inside its effective window (deleting them, or moving them
// after its end).
func (m *model) injectRenewalWithoutEvaluation() Defect {
	cands := m.renewals(func(network.Centre, []int, int) bool { return true })
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		cands = []labelRef{{m.freshRenewed(), 1}}
	}
	r := pick(m, "renewal", cands)
	c := &m.Centres[r.ci]
	li := networktest.SortedLabels(*c)[r.li-1]
	l := c.Labels[li]
	w := l.Effective()
	var evs []labelling.Event
	for _, ev := range events(l) {
		if ev.Kind == labelling.Evaluation && w.Contains(ev.Date) {
			if !m.Coin("move_evaluation") {
				continue
			}
			ev.Date = w.End().AddDays(m.Intn("late_days", 0, 300))
		}
		evs = append(evs, ev)
	}
	c.Labels[li] = networktest.Relabel(l, l.Start(), l.Initial().End(), evs)
	return centreDefect(*c)
}

// injectActivityOutsideWindow records activity (consistent) for a year
// before a centre's first label, or after its last one.
func (m *model) injectActivityOutsideWindow() Defect {
	var cands []int
	for i, c := range m.Centres {
		if _, _, ok := networktest.LabelledYears(c); ok {
			cands = append(cands, i)
		}
	}
	i := m.drawCentre("centre", cands, func() int { return m.freshConstitutive(m.stdLabels(typology.Reference, m.At)) })
	c := &m.Centres[i]
	first, last, _ := networktest.LabelledYears(*c)
	var y int
	if last < network.MaxActivityYear && (first <= network.MinActivityYear || m.Coin("after")) {
		y = m.Intn("year_after", last+1, min(last+5, network.MaxActivityYear))
	} else {
		y = m.Intn("year_before", max(first-5, network.MinActivityYear), first-1)
	}
	p := m.Intn("patients", 0, 400)
	c.Activity = append(c.Activity, network.Activity{Year: y, Patients: p, NewPatients: p / 3, Consultations: 2 * p})
	d := centreDefect(*c)
	d.Year = y
	return d
}

// lapseLabels returns the positions, in RULES.md's order, of c's labels
// that started before At with a non-empty effective window: those a lapse
// can end.
func (m *model) lapseLabels(c network.Centre) []int {
	var ks []int
	for k, li := range networktest.SortedLabels(c) {
		if l := c.Labels[li]; l.Start().Before(m.At) && !l.Effective().IsEmpty() {
			ks = append(ks, k)
		}
	}
	return ks
}

// injectLapsed ends the labels of a centre in force at At on a day E on or
// before At: the labels after E are dropped and the label running on E is
// withdrawn on E, or cut short when E falls in its initial window. Its
// activity after E goes. The centre is a competence centre or a reference
// centre that is no convention's reference party, so that no convention
// outlives it. A platform whose host it leaves with fewer than two centres
// in force at At goes.
func (m *model) injectLapsed() Defect {
	var cands []int
	for i, c := range m.Centres {
		if c.InForce(m.At) && len(m.lapseLabels(c)) > 0 &&
			(c.Tier == typology.Competence || !m.isReferenceParty(c.ID)) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		e := m.At.AddDays(-m.Intn("days_before", 0, 400))
		a := e.AddDate(-2, 0, 0)
		i := m.freshConstitutive([]labelling.Label{mustLabel(a, e, actFor(typology.Reference, a))})
		d := centreDefect(m.Centres[i])
		d.Date = e
		return d
	}
	i := pick(m, "centre", cands)
	c := &m.Centres[i]
	order := networktest.SortedLabels(*c)
	k := pick(m, "last_label", m.lapseLabels(*c))
	l := c.Labels[order[k]]
	e := l.Start().AddDays(m.Intn("lapse_days", 1, minDate(m.At, l.End()).Sub(l.Start())))
	if e.Before(l.End()) {
		if !e.After(l.Initial().End()) && m.Coin("cut_short") {
			var evs []labelling.Event
			for _, ev := range events(l) {
				if ev.Kind == labelling.Evaluation {
					evs = append(evs, ev)
				}
			}
			l = networktest.Relabel(l, l.Start(), e, evs)
		} else {
			var act labelling.Act
			if m.Coin("withdrawal_act") {
				act = actFor(c.Tier, e)
			}
			l = networktest.Relabel(l, l.Start(), l.Initial().End(), append(events(l), labelling.WithdrawalEvent(e, act)))
		}
	}
	var labels []labelling.Label
	for kk, li := range order {
		switch {
		case kk < k:
			labels = append(labels, c.Labels[li])
		case kk == k:
			labels = append(labels, l)
		}
	}
	c.Labels = labels
	m.FixActivity(i)
	m.dropLonelyPlatforms()
	m.endConventionsOf(c.ID, e)
	d := centreDefect(m.Centres[i])
	d.Date = e
	return d
}

// endConventionsOf ends on day e the conventions of competence centre id
// that run past it (deleting those that start on or after it), so that no
// convention outlives its label ended on e.
func (m *model) endConventionsOf(id network.CentreID, e labelling.Date) {
	m.Conventions = slices.DeleteFunc(m.Conventions, func(k network.Convention) bool {
		return k.Competence == id && !k.Start.Before(e)
	})
	for i := range m.Conventions {
		if k := &m.Conventions[i]; k.Competence == id && (k.End.IsZero() || k.End.After(e)) {
			k.End = e
		}
	}
}

// ---- conventions ----

// convSubject draws a convention, adding an attached competence centre
// when there is none.
func (m *model) convSubject() int {
	if len(m.Conventions) == 0 || m.Chance("fresh_subject", 10) {
		i := m.freshCompetence(m.someGroup(), "", nil)
		for k, c := range m.Conventions {
			if c.Competence == m.Centres[i].ID {
				return k
			}
		}
	}
	return m.Intn("convention", 0, len(m.Conventions)-1)
}

// injectGroupMismatch adds a reference centre of another group, in force
// at At, to a convention's reference parties, or signs a new convention
// between a competence centre and such a centre.
func (m *model) injectGroupMismatch() Defect {
	k := m.convSubject()
	comp := m.Conventions[k].Competence
	g := m.GroupOf(comp)
	foreign := m.foreignReference(g, true)
	if m.Coin("new_convention") {
		k = m.NewConvention(m.index(comp), []network.CentreID{foreign}, m.At, labelling.Date{}, m.At)
	} else {
		ref := m.Conventions[k].Reference
		m.Conventions[k].Reference = slices.Insert(ref, m.Intn("position", 0, len(ref)), foreign)
	}
	return defect(rules.SubjectConvention, string(m.Conventions[k].ID))
}

// injectOutlives adds to a convention that runs past a day E on or before
// At a new reference party of its group whose only label ended on E: a
// constitutive site of a coordinating site of the group, or a coordinating
// site (in one sector, co-signing what it must) when the group has none.
// The new party is a lapsed centre: label.lapsed is expected too, on it,
// with the same date.
func (m *model) injectOutlives() Defect {
	k := m.convSubject()
	kc := m.Conventions[k]
	g := m.GroupOf(kc.Competence)
	upper := m.At
	if !kc.End.IsZero() {
		upper = minDate(upper, kc.End.AddDays(-1))
	}
	e := upper.AddDays(-m.Intn("days_before", 0, 1000))
	s := e.AddDays(-m.Intn("label_days", 30, 1800))
	labels := []labelling.Label{mustLabel(s, e, actFor(typology.Reference, s))}
	var r int
	if cs := m.Coordinating(g); len(cs) > 0 && m.Chance("constitutive", 80) {
		r = m.freshCentre(typology.Reference, typology.Constitutive, g, m.Centres[pick(m, "coordinating_site", cs)].ID, "", labels)
	} else {
		r = m.freshCoordinating(g, labels, true)
	}
	ref := m.Conventions[k].Reference
	m.Conventions[k].Reference = slices.Insert(ref, m.Intn("position", 0, len(ref)), m.Centres[r].ID)
	lapsed := centreDefect(m.Centres[r])
	lapsed.Rule, lapsed.Date = rules.LabelLapsed, e
	d := defect(rules.SubjectConvention, string(kc.ID))
	d.Date, d.Also = e, []rules.Finding{lapsed.Finding}
	return d
}

// injectMissingCosignatory removes from a convention's signatories one of
// the coordinating sites of its group in force on the signing day; when no
// convention has any, it first moves a convention's signing day into the
// effective window of a coordinating site of its group (adding the sites
// then due), or adds an attached competence centre whose group has a
// coordinating site in force at At.
func (m *model) injectMissingCosignatory() Defect {
	var cands []int
	for k, c := range m.Conventions {
		if len(m.RequiredSignatories(m.GroupOf(c.Competence), c.Signed)) > 0 {
			cands = append(cands, k)
		}
	}
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		var movable []int
		for k, c := range m.Conventions {
			for _, ci := range m.Coordinating(m.GroupOf(c.Competence)) {
				if len(m.Centres[ci].Labels) > 0 {
					movable = append(movable, k)
					break
				}
			}
		}
		if len(movable) > 0 && m.Coin("move_signing_day") {
			k := pick(m, "convention", movable)
			g := m.GroupOf(m.Conventions[k].Competence)
			var ws []labelling.Window
			for _, ci := range m.Coordinating(g) {
				for _, l := range m.Centres[ci].Labels {
					if !l.Effective().IsEmpty() {
						ws = append(ws, l.Effective())
					}
				}
			}
			w := pick(m, "window", ws)
			kc := &m.Conventions[k]
			kc.Signed = m.DateIn("signed", w.Start(), w.End().AddDays(-1))
			for _, id := range m.RequiredSignatories(g, kc.Signed) {
				if !slices.Contains(kc.Signatories, id) {
					kc.Signatories = append(kc.Signatories, id)
				}
			}
			cands = []int{k}
		} else {
			g := m.someGroup()
			if len(m.RequiredSignatories(g, m.At)) == 0 {
				m.freshCoordinating(g, m.stdLabels(typology.Reference, m.At), true)
			}
			i := m.freshCompetence(g, "", nil)
			cands = []int{slices.IndexFunc(m.Conventions, func(c network.Convention) bool { return c.Competence == m.Centres[i].ID })}
		}
	}
	kc := &m.Conventions[pick(m, "convention", cands)]
	missing := pick(m, "missing", m.RequiredSignatories(m.GroupOf(kc.Competence), kc.Signed))
	kc.Signatories = slices.DeleteFunc(kc.Signatories, func(id network.CentreID) bool { return id == missing })
	return defect(rules.SubjectConvention, string(kc.ID))
}

// ---- reference centres, sectors, platforms ----

// injectOrphan points a constitutive site at no coordinating site, at
// itself or another constitutive site, at a competence centre, or at a
// coordinating site of another group.
func (m *model) injectOrphan() Defect {
	cands := m.centresWhere(func(c network.Centre) bool { return c.Role == typology.Constitutive })
	i := m.drawCentre("constitutive_site", cands, func() int {
		return m.freshCentre(typology.Reference, typology.Constitutive, m.someGroup(), "", "", m.stdLabels(typology.Reference, m.At))
	})
	c := &m.Centres[i]
	targets := []network.CentreID{"", c.ID}
	for _, x := range m.Centres {
		if x.Role == typology.Constitutive || x.Tier == typology.Competence || x.Group != c.Group {
			targets = append(targets, x.ID)
		}
	}
	c.CoordinatingSite = pick(m, "coordinating_site", targets)
	return centreDefect(*c)
}

func (m *model) coordinatingWhere(keep func(network.Centre) bool) []int {
	return m.centresWhere(func(c network.Centre) bool { return c.Role == typology.Coordinating && keep(c) })
}

// injectOutsideFiliere removes a coordinating site in force at At from
// every sector (or adds one in force at At in none).
func (m *model) injectOutsideFiliere() Defect {
	cands := m.coordinatingWhere(func(c network.Centre) bool { return c.InForce(m.At) })
	i := m.drawCentre("coordinating_site", cands, func() int { return m.freshCoordinating(m.someGroup(), m.stdLabels(typology.Reference, m.At), false) })
	id := m.Centres[i].ID
	for f := range m.Filieres {
		m.Filieres[f].Members = slices.DeleteFunc(m.Filieres[f].Members, func(x network.CentreID) bool { return x == id })
	}
	return centreDefect(m.Centres[i])
}

// injectInSeveral adds a coordinating site to a second sector (an existing
// one or a new one).
func (m *model) injectInSeveral() Defect {
	cands := m.coordinatingWhere(anyCentre)
	i := m.drawCentre("coordinating_site", cands, func() int { return m.freshCoordinating(m.someGroup(), m.stdLabels(typology.Reference, m.At), true) })
	c := m.Centres[i]
	in := m.filieresOf(c.ID)
	if len(in) == 0 { // a coordinating site not in force at At before 2015 may be in none
		f := m.NewFiliere()
		m.Filieres[f].Members = append(m.Filieres[f].Members, c.ID)
		in = []int{f}
	}
	var others []int
	for f := range m.Filieres {
		if !slices.Contains(in, f) {
			others = append(others, f)
		}
	}
	var f int
	if len(others) == 0 || m.Coin("new_filiere") {
		f = m.NewFiliere()
	} else {
		f = pick(m, "filiere", others)
	}
	mem := m.Filieres[f].Members
	m.Filieres[f].Members = slices.Insert(mem, m.Intn("position", 0, len(mem)), c.ID)
	return centreDefect(c)
}

// injectSingleCentreHost hosts a platform, a new one or an existing one
// moved, in an establishment that is the seat of fewer than two centres in
// force at At.
func (m *model) injectSingleCentreHost() Defect {
	counts := m.InForceCounts()
	var hosts []network.EstablishmentID
	for _, e := range m.Establishments {
		if counts[e.ID] < 2 {
			hosts = append(hosts, e.ID)
		}
	}
	var host network.EstablishmentID
	if len(hosts) == 0 || m.Chance("fresh_host", 20) {
		host = m.NewEstablishment("")
	} else {
		host = pick(m, "host", hosts)
	}
	if len(m.Platforms) > 0 && m.Coin("move_platform") {
		p := &m.Platforms[m.Intn("platform", 0, len(m.Platforms)-1)]
		p.Host = host
		return defect(rules.SubjectPlatform, string(p.ID))
	}
	return defect(rules.SubjectPlatform, string(m.NewPlatform(host)))
}

// ---- activity ----

// injectInconsistent makes one activity year report more new patients
// than patients, or fewer consultations than patients; when the network
// records no activity, it first records a consistent year for a centre.
func (m *model) injectInconsistent() Defect {
	var cands []activityRef
	for ci, c := range m.Centres {
		for ai := range c.Activity {
			cands = append(cands, activityRef{ci, ai})
		}
	}
	if len(cands) == 0 || m.Chance("fresh_subject", 10) {
		var labelled []int
		for i, c := range m.Centres {
			if _, _, ok := networktest.LabelledYears(c); ok {
				labelled = append(labelled, i)
			}
		}
		var i int
		if len(labelled) == 0 || m.Coin("fresh_centre") {
			i = m.freshConstitutive(m.stdLabels(typology.Reference, m.At))
		} else {
			i = pick(m, "centre", labelled)
		}
		c := &m.Centres[i]
		first, _, _ := networktest.LabelledYears(*c)
		if slices.ContainsFunc(c.Activity, func(a network.Activity) bool { return a.Year == first }) {
			cands = []activityRef{{i, slices.IndexFunc(c.Activity, func(a network.Activity) bool { return a.Year == first })}}
		} else {
			p := m.Intn("patients", m.cfg.MinActiveFile, 400)
			c.Activity = append(c.Activity, network.Activity{Year: first, Patients: p, NewPatients: p / 2, Consultations: 3 * p})
			cands = []activityRef{{i, len(c.Activity) - 1}}
		}
	}
	r := pick(m, "activity_year", cands)
	a := &m.Centres[r.ci].Activity[r.ai]
	if a.Patients > 0 && m.Coin("few_consultations") {
		a.Consultations = m.Intn("consultations", 0, a.Patients-1)
	} else {
		a.NewPatients = a.Patients + m.Intn("extra_new_patients", 1, 50)
	}
	d := centreDefect(m.Centres[r.ci])
	d.Year = a.Year
	return d
}

// ---- designations ----

// designationSubject draws a label of a competence centre, with a
// designation record when designated is true and one exists.
func (m *model) designationSubject() labelRef {
	comp := func(c network.Centre) bool { return c.Tier == typology.Competence }
	var with, without []labelRef
	for _, r := range m.labelsWhere(comp) {
		if _, ok := m.Centres[r.ci].Labels[r.li].Designation(); ok {
			with = append(with, r)
		} else {
			without = append(without, r)
		}
	}
	switch {
	case len(with) > 0 && m.Coin("designated"):
		return pick(m, "label", with)
	case len(without) > 0 && !m.Chance("fresh_subject", 10):
		return pick(m, "label", without)
	}
	return labelRef{m.freshCompetence(m.someGroup(), "", nil), 0}
}

func (m *model) designation(r labelRef) labelling.Designation {
	if d, ok := m.Centres[r.ci].Labels[r.li].Designation(); ok {
		return d
	}
	dec := m.DateIn("decision", day(2007, 10, 5), m.cfg.DesignationDeadline)
	return labelling.Designation{
		Campaign:    pick(m, "campaign", []labelling.CampaignID{labelling.CampaignCCMR2007, "2007"}),
		Route:       pick(m, "route", []labelling.Route{labelling.Listed, labelling.Direct}),
		CNCLOpinion: m.DateIn("cncl_opinion", day(2007, 9, 27), dec),
		Decision:    dec,
	}
}

// injectMissingOpinion clears the committee's opinion of a competence
// centre's designation record, or gives a competence centre's label a
// record of the 2007 campaign without one (decided in time).
func (m *model) injectMissingOpinion() Defect {
	r := m.designationSubject()
	d := m.designation(r)
	d.CNCLOpinion = labelling.Date{}
	c := &m.Centres[r.ci]
	c.Labels[r.li] = c.Labels[r.li].WithDesignation(d)
	return centreDefect(*c)
}

// injectLate moves the decision of a competence centre's designation
// record of the 2007 campaign 1 to 400 days past 1 February 2008, or
// gives a competence centre's label such a record (with the committee's
// opinion).
func (m *model) injectLate() Defect {
	r := m.designationSubject()
	d := m.designation(r)
	d.Decision = m.cfg.DesignationDeadline.AddDays(m.Intn("days_late", 1, 400))
	c := &m.Centres[r.ci]
	c.Labels[r.li] = c.Labels[r.li].WithDesignation(d)
	def := centreDefect(*c)
	def.Date = d.Decision
	return def
}

// ---- coverage ----

// injectRegionWithoutCentre first covers every (region, group) pair not
// covered at At with an attached competence centre, then uncovers one
// pair: every centre of that group in force at At in that region moves to
// a new team in a new establishment of another region (platforms whose
// host is left with fewer than two centres in force at At go).
func (m *model) injectRegionWithoutCentre() Defect {
	m.coverAll()
	regions := regionCodes()
	r := pick(m, "region", regions)
	g := typology.Group(m.Intn("group", 1, 17))
	others := slices.DeleteFunc(slices.Clone(regions), func(x network.RegionCode) bool { return x == r })
	est := m.NewEstablishment(pick(m, "other_region", others))
	for i, c := range m.Centres {
		if c.Group == g && c.InForce(m.At) && m.RegionOf(c) == r {
			m.moveCentre(i, est)
		}
	}
	m.dropLonelyPlatforms()
	d := defect(rules.SubjectRegion, string(r))
	d.Group = g
	// Every pair was covered: the interregion of r loses group g only
	// when r is its one region.
	ir := interregionOf(r)
	alone := true
	for _, x := range regions {
		alone = alone && (x == r || interregionOf(x) != ir)
	}
	if alone {
		d.Also = []rules.Finding{{Rule: rules.CoverageInterregionWithoutCentre, Subject: ir.String(), SubjectKind: rules.SubjectInterregion, Group: g}}
	}
	return d
}

func interregionOf(r network.RegionCode) network.Interregion {
	reg, _ := network.RegionOf(r)
	return reg.Interregion
}

// coverAll covers every (region, group) pair not covered at At with an
// attached competence centre.
func (m *model) coverAll() {
	covered := map[string]bool{}
	key := func(r network.RegionCode, g typology.Group) string { return fmt.Sprint(r, "/", g) }
	for _, c := range m.Centres {
		if c.InForce(m.At) {
			covered[key(m.RegionOf(c), c.Group)] = true
		}
	}
	for _, r := range regionCodes() {
		for g := range typology.Groups() {
			if !covered[key(r, g)] {
				i := m.freshCompetence(g, r, nil)
				for _, c := range m.Centres[i:] { // with any coordinating site it needed
					covered[key(m.RegionOf(c), c.Group)] = true
				}
			}
		}
	}
}

// injectInterregionWithoutCentre first covers every (region, group) pair
// not covered at At, then uncovers one interregion for one group: every
// centre of that group in force at At in a region of that interregion
// moves to a new team in a new establishment of a region outside it. The
// interregion's regions lose the group too: their findings are expected
// as well.
func (m *model) injectInterregionWithoutCentre() Defect {
	m.coverAll()
	var irs []network.Interregion
	for ir := range network.Interregions() {
		irs = append(irs, ir)
	}
	ir := pick(m, "interregion", irs)
	g := typology.Group(m.Intn("group", 1, 17))
	var inside, outside []network.RegionCode
	for _, r := range regionCodes() {
		if interregionOf(r) == ir {
			inside = append(inside, r)
		} else {
			outside = append(outside, r)
		}
	}
	est := m.NewEstablishment(pick(m, "other_region", outside))
	for i, c := range m.Centres {
		if c.Group == g && c.InForce(m.At) && interregionOf(m.RegionOf(c)) == ir {
			m.moveCentre(i, est)
		}
	}
	m.dropLonelyPlatforms()
	d := defect(rules.SubjectInterregion, ir.String())
	d.Group = g
	for _, r := range inside {
		d.Also = append(d.Also, rules.Finding{Rule: rules.CoverageRegionWithoutCentre, Subject: string(r), SubjectKind: rules.SubjectRegion, Group: g})
	}
	return d
}

// foreignReference returns a reference centre of another group than g
// (in force at At when inForce): an existing one, or a new coordinating
// site (in one sector, co-signing what it must) labelled from At.
func (m *model) foreignReference(g typology.Group, inForce bool) network.CentreID {
	var others []int
	for i, c := range m.Centres {
		if c.Tier == typology.Reference && c.Group != g && (!inForce || c.InForce(m.At)) {
			others = append(others, i)
		}
	}
	if len(others) == 0 || m.Chance("fresh_reference", 10) {
		og := typology.Group(m.Intn("other_group", 1, 16))
		if og >= g {
			og++
		}
		return m.Centres[m.freshCoordinating(og, m.stdLabels(typology.Reference, m.At), true)].ID
	}
	return m.Centres[pick(m, "foreign_reference", others)].ID
}

// injectAttachmentMismatch attaches (attached_to) a competence centre to
// a reference site of another group: an existing one, or a new
// coordinating site (in one sector, co-signing what it must) labelled from
// At.
func (m *model) injectAttachmentMismatch() Defect {
	cands := m.centresWhere(func(c network.Centre) bool { return c.Tier == typology.Competence })
	i := m.drawCentre("centre", cands, func() int { return m.freshCompetence(m.someGroup(), "", nil) })
	site := m.foreignReference(m.Centres[i].Group, false)
	c := &m.Centres[i]
	if !slices.Contains(c.AttachedTo, site) {
		c.AttachedTo = slices.Insert(c.AttachedTo, m.Intn("position", 0, len(c.AttachedTo)), site)
	}
	return centreDefect(*c)
}

// injectOutlivesCompetence adds a competence centre whose only label
// ended on a day E on or before At, with a convention that starts during
// that label and is recorded with no end (or an end after E), with a
// reference centre of its group in force at At. The new centre is a
// lapsed centre: label.lapsed is expected too, on it, with the same date.
func (m *model) injectOutlivesCompetence() Defect {
	g := m.someGroup()
	ref := m.ensureReference(g)
	e := m.At.AddDays(-m.Intn("days_before", 0, 1000))
	s := e.AddDays(-m.Intn("label_days", 30, 1800))
	i := m.freshCentre(typology.Competence, 0, g, "", "", []labelling.Label{mustLabel(s, e, actFor(typology.Competence, s))})
	start := m.DateIn("start", s, e.AddDays(-1))
	var end labelling.Date
	if m.Coin("with_end") {
		end = e.AddDays(m.Intn("end_days_after", 1, 2000))
	}
	k := m.NewConvention(i, []network.CentreID{ref}, start, end, start)
	lapsed := centreDefect(m.Centres[i])
	lapsed.Rule, lapsed.Date = rules.LabelLapsed, e
	d := defect(rules.SubjectConvention, string(m.Conventions[k].ID))
	d.Date, d.Also = e, []rules.Finding{lapsed.Finding}
	return d
}
