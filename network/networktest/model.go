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

// The thresholds of rules.DefaultConfig that the generators rely on.
// They are repeated here because package rules imports nothing
// of this package and this package must not import rules (rules' own
// tests import it).
const (
	minActiveFile = 25 // rules.Config.MinActiveFile
	labelYears    = 5  // rules.Config.LabelTerm, in years (AddDate)
)

var designationDeadline = labelling.MakeDate(2008, 2, 1) // rules.Config.DesignationDeadline

// A Model is a mutable copy of a network, for generators and for test
// helpers that edit a network before building it again (package
// rules/rulestest injects its defects through it). Take one with [Edit],
// change it, and [Model.Build] it.
//
// Its slices are owned: nothing is shared with a Network. Entities may be
// edited in place, but added only with the methods that add them
// ([Model.AddCentre], [Model.NewTeam]...), which keep the set of IDs in
// use. The Model indexes centres, teams and establishments by position:
// they keep their ID and place, while conventions, sectors and platforms
// may also be removed. Every choice a method makes is drawn from the
// test's rapid.T, so a failing case shrinks.
type Model struct {
	// At is the audit date the edits are made for.
	At labelling.Date

	// The entities of the network, each kind in the order it was added.
	Establishments []network.Establishment
	Teams          []network.Team
	Centres        []network.Centre
	Conventions    []network.Convention
	Filieres       []network.Filiere
	Platforms      []network.Platform

	t    *rapid.T
	cidx map[network.CentreID]int
	tidx map[network.TeamID]int
	eidx map[network.EstablishmentID]int
	used map[string]map[string]bool // kind -> IDs in use
	seq  int                        // counter that keeps fresh IDs unique
}

func newModel(t *rapid.T, at labelling.Date) *Model {
	m := &Model{
		t:    t,
		At:   at,
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

// Edit returns a Model holding a copy of every entity of n, whose draws
// come from t, for edits made for the audit date at.
func Edit(t *rapid.T, n *network.Network, at labelling.Date) *Model {
	m := newModel(t, at)
	for e := range n.Establishments() {
		m.addEst(e)
	}
	for tm := range n.Teams() {
		m.addTeam(tm)
	}
	for c := range n.Centres() {
		m.AddCentre(c)
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

func (m *Model) addEst(e network.Establishment) {
	m.eidx[e.ID] = len(m.Establishments)
	m.used[KindEstablishment][string(e.ID)] = true
	m.Establishments = append(m.Establishments, e)
}

func (m *Model) addTeam(t network.Team) {
	m.tidx[t.ID] = len(m.Teams)
	m.used[KindTeam][string(t.ID)] = true
	m.Teams = append(m.Teams, t)
}

// AddCentre adds c, with its slices copied, and returns its position in
// m.Centres. Its ID must be new and its team in the Model: draw the ID
// with [Model.FreshID].
func (m *Model) AddCentre(c network.Centre) int {
	c.Diseases = slices.Clone(c.Diseases)
	c.Labels = slices.Clone(c.Labels)
	c.Activity = slices.Clone(c.Activity)
	i := len(m.Centres)
	m.cidx[c.ID] = i
	m.used[KindCentre][string(c.ID)] = true
	m.Centres = append(m.Centres, c)
	return i
}

func (m *Model) addConv(c network.Convention) int {
	c.Reference = slices.Clone(c.Reference)
	c.Signatories = slices.Clone(c.Signatories)
	m.used[KindConvention][string(c.ID)] = true
	m.Conventions = append(m.Conventions, c)
	return len(m.Conventions) - 1
}

func (m *Model) addFiliere(f network.Filiere) int {
	f.Groups = slices.Clone(f.Groups)
	f.Members = slices.Clone(f.Members)
	m.used[KindFiliere][string(f.ID)] = true
	m.Filieres = append(m.Filieres, f)
	return len(m.Filieres) - 1
}

func (m *Model) addPlatform(p network.Platform) {
	m.used[KindPlatform][string(p.ID)] = true
	m.Platforms = append(m.Platforms, p)
}

// builder returns a Builder holding every entity of the model.
func (m *Model) builder() *network.Builder {
	b := &network.Builder{}
	for _, e := range m.Establishments {
		b.AddEstablishment(e)
	}
	for _, t := range m.Teams {
		b.AddTeam(t)
	}
	for _, c := range m.Centres {
		b.AddCentre(c)
	}
	for _, c := range m.Conventions {
		b.AddConvention(c)
	}
	for _, f := range m.Filieres {
		b.AddFiliere(f)
	}
	for _, p := range m.Platforms {
		b.AddPlatform(p)
	}
	return b
}

// Build builds the network the Model holds. It panics when the network
// does not build: the Model's methods only ever make what the builder
// accepts, so a failure is a bug of the caller's edits or of this package.
func (m *Model) Build() *network.Network {
	n, err := m.builder().Build()
	if err != nil {
		panic(fmt.Sprintf("networktest: internal error: the edited network does not build: %v", err))
	}
	return n
}

// ---- drawing ----

// Intn draws an int of [lo, hi] (lo when hi <= lo), under label.
func (m *Model) Intn(label string, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return rapid.IntRange(lo, hi).Draw(m.t, label)
}

// Coin draws a bool.
func (m *Model) Coin(label string) bool { return rapid.Bool().Draw(m.t, label) }

// Chance draws true with probability about p/100, shrinking to false.
func (m *Model) Chance(label string, p int) bool {
	return rapid.IntRange(0, 99).Draw(m.t, label) >= 100-p
}

// Pick draws an element of xs, which must not be empty.
func Pick[E any](m *Model, label string, xs []E) E {
	return xs[m.Intn(label, 0, len(xs)-1)]
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

// DateIn draws a day of [lo, hi] (both included).
func (m *Model) DateIn(label string, lo, hi labelling.Date) labelling.Date {
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(m.Intn(label, 0, hi.Sub(lo)))
}

func mustLabel(start, end labelling.Date, act labelling.Act, events ...labelling.Event) labelling.Label {
	l, err := labelling.NewLabel(start, end, act, events...)
	if err != nil {
		panic(fmt.Sprintf("networktest: internal error: %v", err))
	}
	return l
}

// Relabel rebuilds l with a new initial window and events, keeping its
// act (moved to start when dated after it), designation and provenance.
// It panics when the label is invalid.
func Relabel(l labelling.Label, start, end labelling.Date, events []labelling.Event) labelling.Label {
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

func actFor(tier typology.Tier, d labelling.Date) labelling.Act {
	if tier == typology.Reference {
		return labelling.Act{Kind: labelling.Arrete, Date: d}
	}
	return labelling.Act{Kind: labelling.Decision, Date: d}
}

// SortedLabels returns the positions of c's labels in RULES.md's order:
// by start, then effective end, then document order.
func SortedLabels(c network.Centre) []int {
	idx := make([]int, len(c.Labels))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return c.Labels[a].Compare(c.Labels[b])
	})
	return idx
}

// WhollyLabelled reports whether the union of c's effective windows
// covers every day of year y.
func WhollyLabelled(c network.Centre, y int) bool {
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

// LabelledYears returns the first and last years in which c is labelled on
// some day; ok is false when c has no effective window.
func LabelledYears(c network.Centre) (first, last int, ok bool) {
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

// CentreIndex returns the position of centre id in m.Centres.
func (m *Model) CentreIndex(id network.CentreID) (int, bool) {
	i, ok := m.cidx[id]
	return i, ok
}

func (m *Model) centre(id network.CentreID) (*network.Centre, bool) {
	i, ok := m.cidx[id]
	if !ok {
		return nil, false
	}
	return &m.Centres[i], true
}

func (m *Model) estOfCentre(c network.Centre) network.EstablishmentID {
	return m.Teams[m.tidx[c.Team]].Establishment
}

// RegionOf returns the region of c's establishment.
func (m *Model) RegionOf(c network.Centre) network.RegionCode {
	return m.Establishments[m.eidx[m.estOfCentre(c)]].Region
}

// Coordinating returns the positions of the coordinating sites of group g.
func (m *Model) Coordinating(g typology.Group) []int {
	var out []int
	for i, c := range m.Centres {
		if c.Tier == typology.Reference && c.Role == typology.Coordinating && c.Group == g {
			out = append(out, i)
		}
	}
	return out
}

// RequiredSignatories returns the coordinating sites of group g in force
// on day s: those that must co-sign a convention of g signed on s.
func (m *Model) RequiredSignatories(g typology.Group, s labelling.Date) []network.CentreID {
	var out []network.CentreID
	for _, i := range m.Coordinating(g) {
		if m.Centres[i].InForce(s) {
			out = append(out, m.Centres[i].ID)
		}
	}
	return out
}

// GroupOf returns the group of centre id (zero when unknown).
func (m *Model) GroupOf(id network.CentreID) typology.Group {
	if c, ok := m.centre(id); ok {
		return c.Group
	}
	return 0
}

// ReferencesInForce returns the positions of the reference centres of
// group g in force on day d.
func (m *Model) ReferencesInForce(g typology.Group, d labelling.Date) []int {
	var out []int
	for i, c := range m.Centres {
		if c.Tier == typology.Reference && c.Group == g && c.InForce(d) {
			out = append(out, i)
		}
	}
	return out
}

// InForceCounts counts, per establishment, the centres in force at m.At.
func (m *Model) InForceCounts() map[network.EstablishmentID]int {
	out := map[network.EstablishmentID]int{}
	for _, c := range m.Centres {
		if c.InForce(m.At) {
			out[m.estOfCentre(c)]++
		}
	}
	return out
}

// ---- edits that keep the network compliant ----

// FixActivity makes centre i's activity agree with its labels: it drops
// the years in which no label is in force on any day, raises a competence
// centre's active file to the minimum in wholly labelled years, and records
// the wholly labelled years before the audit year that a competence centre
// lacks. Counts it adds are consistent.
func (m *Model) FixActivity(i int) {
	c := &m.Centres[i]
	var act []network.Activity
	have := map[int]bool{}
	for _, a := range c.Activity {
		if !labelledSomeDay(*c, a.Year) {
			continue
		}
		if c.Tier == typology.Competence && WhollyLabelled(*c, a.Year) && a.Patients < minActiveFile {
			a.Patients = minActiveFile
			a.Consultations = max(a.Consultations, a.Patients)
		}
		have[a.Year] = true
		act = append(act, a)
	}
	if first, last, ok := LabelledYears(*c); ok && c.Tier == typology.Competence {
		for y := max(first, network.MinActivityYear); y <= last && y < m.At.Year(); y++ {
			if !have[y] && WhollyLabelled(*c, y) {
				p := minActiveFile + (y*7)%50
				act = append(act, network.Activity{Year: y, Consultations: 2 * p, Patients: p, NewPatients: p / 4})
			}
		}
	}
	slices.SortFunc(act, func(a, b network.Activity) int { return cmp.Compare(a.Year, b.Year) })
	c.Activity = act
}
