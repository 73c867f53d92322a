package networktest

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// The thresholds of rules.DefaultConfig that the generators and injectors
// rely on. They are repeated here because package rules imports nothing
// of this package and this package must not import rules (rules' own
// tests import it).
const (
	minActiveFile = 25 // rules.Config.MinActiveFile
	labelYears    = 5  // rules.Config.LabelTerm, in years (AddDate)
)

var (
	filieresSince       = labelling.MakeDate(2015, 1, 1) // rules.Config.FilieresSince
	designationDeadline = labelling.MakeDate(2008, 2, 1) // campaign ccmr-2007
)

// model is a mutable copy of a network that generators and injectors edit
// before building it again. Its slices are owned: nothing is shared with a
// Network.
type model struct {
	t  *rapid.T
	at labelling.Date

	ests    []network.Establishment
	teams   []network.Team
	centres []network.Centre
	convs   []network.Convention
	fils    []network.Filiere
	plats   []network.Platform

	cidx map[network.CentreID]int
	tidx map[network.TeamID]int
	eidx map[network.EstablishmentID]int
	used map[string]map[string]bool // kind -> IDs in use
	seq  int                        // counter that keeps fresh IDs unique
}

func newModel(t *rapid.T, at labelling.Date) *model {
	m := &model{
		t:    t,
		at:   at,
		cidx: map[network.CentreID]int{},
		tidx: map[network.TeamID]int{},
		eidx: map[network.EstablishmentID]int{},
		used: map[string]map[string]bool{},
	}
	for _, k := range []string{KindEstablishment, KindTeam, KindCentre, KindConvention, KindFiliere, KindPlatform} {
		m.used[k] = map[string]bool{}
	}
	return m
}

// fromNetwork copies every entity of n into a new model.
func fromNetwork(t *rapid.T, n *network.Network, at labelling.Date) *model {
	m := newModel(t, at)
	for e := range n.Establishments() {
		m.addEst(e)
	}
	for tm := range n.Teams() {
		m.addTeam(tm)
	}
	for c := range n.Centres() {
		m.addCentre(c)
	}
	for c := range n.Conventions() {
		m.addConv(c)
	}
	for f := range n.Filieres() {
		m.addFiliere(f)
	}
	for p := range n.Platforms() {
		m.addPlatform(p)
	}
	return m
}

func (m *model) addEst(e network.Establishment) {
	m.eidx[e.ID] = len(m.ests)
	m.used[KindEstablishment][string(e.ID)] = true
	m.ests = append(m.ests, e)
}

func (m *model) addTeam(t network.Team) {
	m.tidx[t.ID] = len(m.teams)
	m.used[KindTeam][string(t.ID)] = true
	m.teams = append(m.teams, t)
}

func (m *model) addCentre(c network.Centre) int {
	c.Diseases = slices.Clone(c.Diseases)
	c.Labels = slices.Clone(c.Labels)
	c.Activity = slices.Clone(c.Activity)
	i := len(m.centres)
	m.cidx[c.ID] = i
	m.used[KindCentre][string(c.ID)] = true
	m.centres = append(m.centres, c)
	return i
}

func (m *model) addConv(c network.Convention) int {
	c.Reference = slices.Clone(c.Reference)
	c.Signatories = slices.Clone(c.Signatories)
	m.used[KindConvention][string(c.ID)] = true
	m.convs = append(m.convs, c)
	return len(m.convs) - 1
}

func (m *model) addFiliere(f network.Filiere) int {
	f.Groups = slices.Clone(f.Groups)
	f.Members = slices.Clone(f.Members)
	m.used[KindFiliere][string(f.ID)] = true
	m.fils = append(m.fils, f)
	return len(m.fils) - 1
}

func (m *model) addPlatform(p network.Platform) {
	m.used[KindPlatform][string(p.ID)] = true
	m.plats = append(m.plats, p)
}

// builder returns a Builder holding every entity of the model.
func (m *model) builder() *network.Builder {
	b := &network.Builder{}
	for _, e := range m.ests {
		b.AddEstablishment(e)
	}
	for _, t := range m.teams {
		b.AddTeam(t)
	}
	for _, c := range m.centres {
		b.AddCentre(c)
	}
	for _, c := range m.convs {
		b.AddConvention(c)
	}
	for _, f := range m.fils {
		b.AddFiliere(f)
	}
	for _, p := range m.plats {
		b.AddPlatform(p)
	}
	return b
}

// build builds the model. A failure is a bug of this package: the model
// only ever holds what the builder accepts.
func (m *model) build() *network.Network {
	n, err := m.builder().Build()
	if err != nil {
		panic(fmt.Sprintf("networktest: internal error: the edited network does not build: %v", err))
	}
	return n
}

// ---- drawing ----

func (m *model) intn(label string, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return rapid.IntRange(lo, hi).Draw(m.t, label)
}

func (m *model) coin(label string) bool { return rapid.Bool().Draw(m.t, label) }

// chance reports true with probability about p/100, shrinking to false.
func (m *model) chance(label string, p int) bool {
	return rapid.IntRange(0, 99).Draw(m.t, label) >= 100-p
}

func pick[E any](m *model, label string, xs []E) E {
	return xs[m.intn(label, 0, len(xs)-1)]
}

// ---- dates and labels ----

func day(y int, mo time.Month, d int) labelling.Date { return labelling.MakeDate(y, mo, d) }

func termEnd(start labelling.Date) labelling.Date { return start.AddDate(labelYears, 0, 0) }

func minDate(a, b labelling.Date) labelling.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b labelling.Date) labelling.Date {
	if a.After(b) {
		return a
	}
	return b
}

// dateIn draws a day of [lo, hi] (both included).
func (m *model) dateIn(label string, lo, hi labelling.Date) labelling.Date {
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(m.intn(label, 0, hi.Sub(lo)))
}

func mustLabel(start, end labelling.Date, act labelling.Act, events ...labelling.Event) labelling.Label {
	l, err := labelling.NewLabel(start, end, act, events...)
	if err != nil {
		panic(fmt.Sprintf("networktest: internal error: %v", err))
	}
	return l
}

// relabel rebuilds l with a new initial window and events, keeping its act,
// designation and provenance.
func relabel(l labelling.Label, start, end labelling.Date, events []labelling.Event) labelling.Label {
	act := l.Act()
	if act.Date.After(start) {
		act.Date = start
	}
	n := mustLabel(start, end, act, events...)
	if d, ok := l.Designation(); ok {
		n = n.WithDesignation(d)
	}
	return n.WithProvenance(l.Provenance())
}

func events(l labelling.Label) []labelling.Event {
	var out []labelling.Event
	for e := range l.Events() {
		out = append(out, e)
	}
	return out
}

func actFor(tier typology.Tier, d labelling.Date) labelling.Act {
	if tier == typology.Reference {
		return labelling.Act{Kind: labelling.Arrete, Date: d}
	}
	return labelling.Act{Kind: labelling.Decision, Date: d}
}

// sortedLabels returns the positions of c's labels in RULES.md's order:
// by start, then effective end, then document order.
func sortedLabels(c network.Centre) []int {
	idx := make([]int, len(c.Labels))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return c.Labels[a].Compare(c.Labels[b])
	})
	return idx
}

// whollyLabelled reports whether the union of c's effective windows
// covers every day of year y.
func whollyLabelled(c network.Centre, y int) bool {
	yw := labelling.YearWindow(y)
	if yw.IsEmpty() {
		return false
	}
	var ws []labelling.Window
	for _, l := range c.Labels {
		if w := l.Effective().Intersect(yw); !w.IsEmpty() {
			ws = append(ws, w)
		}
	}
	slices.SortFunc(ws, labelling.Window.Compare)
	cur := yw.Start()
	for _, w := range ws {
		if w.Start().After(cur) {
			return false
		}
		cur = maxDate(cur, w.End())
	}
	return !cur.Before(yw.End())
}

// labelledSomeDay reports whether one of c's labels is in force on some
// day of year y.
func labelledSomeDay(c network.Centre, y int) bool {
	yw := labelling.YearWindow(y)
	for _, l := range c.Labels {
		if l.Effective().Overlaps(yw) {
			return true
		}
	}
	return false
}

// labelledYears returns the first and last years in which c is labelled on
// some day; ok is false when c has no effective window.
func labelledYears(c network.Centre) (first, last int, ok bool) {
	for _, l := range c.Labels {
		w := l.Effective()
		if w.IsEmpty() {
			continue
		}
		f, e := w.Start().Year(), w.End().AddDays(-1).Year()
		if !ok || f < first {
			first = f
		}
		if !ok || e > last {
			last = e
		}
		ok = true
	}
	return first, last, ok
}

// ---- queries on the model ----

func (m *model) centre(id network.CentreID) (*network.Centre, bool) {
	i, ok := m.cidx[id]
	if !ok {
		return nil, false
	}
	return &m.centres[i], true
}

func (m *model) estOfCentre(c network.Centre) network.EstablishmentID {
	return m.teams[m.tidx[c.Team]].Establishment
}

func (m *model) regionOfCentre(c network.Centre) network.RegionCode {
	return m.ests[m.eidx[m.estOfCentre(c)]].Region
}

// coordinating returns the positions of the coordinating sites of group g.
func (m *model) coordinating(g typology.Group) []int {
	var out []int
	for i, c := range m.centres {
		if c.Tier == typology.Reference && c.Role == typology.Coordinating && c.Group == g {
			out = append(out, i)
		}
	}
	return out
}

// requiredSignatories returns the coordinating sites of group g in force
// on day s: those that must co-sign a convention of g signed on s.
func (m *model) requiredSignatories(g typology.Group, s labelling.Date) []network.CentreID {
	var out []network.CentreID
	for _, i := range m.coordinating(g) {
		if m.centres[i].InForce(s) {
			out = append(out, m.centres[i].ID)
		}
	}
	return out
}

// groupOf returns the group of centre id (zero when unknown).
func (m *model) groupOf(id network.CentreID) typology.Group {
	if c, ok := m.centre(id); ok {
		return c.Group
	}
	return 0
}

// referencesInForce returns the positions of the reference centres of
// group g in force on day d.
func (m *model) referencesInForce(g typology.Group, d labelling.Date) []int {
	var out []int
	for i, c := range m.centres {
		if c.Tier == typology.Reference && c.Group == g && c.InForce(d) {
			out = append(out, i)
		}
	}
	return out
}

// inForceCounts counts, per establishment, the centres in force at m.at.
func (m *model) inForceCounts() map[network.EstablishmentID]int {
	out := map[network.EstablishmentID]int{}
	for _, c := range m.centres {
		if c.InForce(m.at) {
			out[m.estOfCentre(c)]++
		}
	}
	return out
}

// isReferenceParty reports whether centre id is a reference party of a
// convention.
func (m *model) isReferenceParty(id network.CentreID) bool {
	for _, k := range m.convs {
		if slices.Contains(k.Reference, id) {
			return true
		}
	}
	return false
}

func (m *model) filieresOf(id network.CentreID) []int {
	var out []int
	for i, f := range m.fils {
		if slices.Contains(f.Members, id) {
			out = append(out, i)
		}
	}
	return out
}

// ---- edits that keep the network compliant ----

// patchSignatories adds coordinating site c to the signatories of every
// convention of its group signed on a day c is in force, so that adding or
// relabelling a coordinating site never makes a convention miss a
// co-signatory.
func (m *model) patchSignatories(c network.Centre) {
	for i := range m.convs {
		k := &m.convs[i]
		if m.groupOf(k.Competence) == c.Group && c.InForce(k.Signed) && !slices.Contains(k.Signatories, c.ID) {
			k.Signatories = append(k.Signatories, c.ID)
		}
	}
}

// fixActivity makes centre i's activity agree with its labels: it drops
// the years in which no label is in force on any day, raises a competence
// centre's active file to the minimum in wholly labelled years, and records
// the wholly labelled years before the audit year that a competence centre
// lacks. Counts it adds are consistent.
func (m *model) fixActivity(i int) {
	c := &m.centres[i]
	var act []network.Activity
	have := map[int]bool{}
	for _, a := range c.Activity {
		if !labelledSomeDay(*c, a.Year) {
			continue
		}
		if c.Tier == typology.Competence && whollyLabelled(*c, a.Year) && a.Patients < minActiveFile {
			a.Patients = minActiveFile
			a.Consultations = max(a.Consultations, a.Patients)
		}
		have[a.Year] = true
		act = append(act, a)
	}
	if first, last, ok := labelledYears(*c); ok && c.Tier == typology.Competence {
		for y := max(first, network.MinActivityYear); y <= last && y < m.at.Year(); y++ {
			if !have[y] && whollyLabelled(*c, y) {
				p := minActiveFile + (y*7)%50
				act = append(act, network.Activity{Year: y, Consultations: 2 * p, Patients: p, NewPatients: p / 4})
			}
		}
	}
	slices.SortFunc(act, func(a, b network.Activity) int { return cmp.Compare(a.Year, b.Year) })
	c.Activity = act
}
