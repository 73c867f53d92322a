package rules

import (
	"hash/maphash"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// The index is what the built-in rules share in one audit. It is built by
// one pass over the centres, in ID order, which also runs every per-centre
// rule; the parts only some rules need (the map from centre ID to
// position, the conventions resolved to positions, sector memberships,
// team pairs, counts of coordinating sites) are built the first time a
// rule asks for them. Nothing in it is per finding, and nothing allocates
// per centre: centres live in a few flat arrays indexed by their position
// in ID order.
type index struct {
	atYear int // the audit date's year

	ids   []network.CentreID
	info  []centreInfo
	spans []labelling.Window // the spans of every centre, see centreInfo

	// coordinating holds the positions of the coordinating sites, by group.
	coordinating [groupSlots][]int32
	// constitutive holds the positions of the constitutive sites and,
	// in parallel, the coordinating site each one names.
	constitutive      []int32
	constitutiveCoord []network.CentreID

	net *network.Network

	// Built on demand.
	convs       []convInfo
	convIDs     []network.ConventionID
	convParties []int32 // the reference parties of the conventions
	convBuilt   bool
	filCount    []uint8 // number of sectors listing each centre (saturating)
	coordDays   [groupSlots]*dayCounter
	pairs       []teamPair
	pairsBuilt  bool

	// termEnds caches start.AddDate(term, 0, 0) by start day: labels of
	// one campaign share their start, and renewals chain five-year steps.
	termEnds [1 << 13]struct{ start, end labelling.Date }
	// teamHits counts the centres of each team, by a hash of the team's
	// ID: a team whose count is below 2 holds one centre, and the team
	// rules need not look it up (a count of 2 may be a collision).
	teamHits []uint8
	teamSeed maphash.Seed
}

// termEnd returns start.AddDate(term, 0, 0) (term is the same for a whole
// audit).
func (ix *index) termEnd(start labelling.Date, term int) labelling.Date {
	e := &ix.termEnds[uint(start.Sub(labelling.Date{}))%uint(len(ix.termEnds))]
	if e.start != start || e.start.IsZero() {
		e.start, e.end = start, start.AddDate(term, 0, 0)
	}
	return e.end
}

// groupSlots is the size of an array indexed by typology.Group.
const groupSlots = int(typology.OtherRareDiseases) + 1

// centreInfo is what the cross-centre rules need of each centre.
type centreInfo struct {
	tier    typology.Tier
	role    typology.Role
	group   typology.Group
	inForce bool // some label is in force at the audit date
	// ended is set when the centre had stopped being labelled by the
	// audit date (labelling.History.EndedBy): endedOn is the day.
	ended   bool
	endedOn labelling.Date
	// The centre's spans (the union of its labels' effective windows, as
	// disjoint windows in order) are spans[spanLo:spanHi] of the index.
	spanLo, spanHi int32
}

// centreVisit is the centre a per-centre rule looks at.
type centreVisit struct {
	c       network.Centre
	h       labelling.History
	pos     int32
	rule    *Rule // the rule being run, for report
	inForce bool  // some label in force at the audit date
	spans   []labelling.Window
	// years holds, for each span, the calendar years it touches and those
	// it covers wholly; computed on first use (yearSpans).
	years     []yearSpan
	yearsDone bool
}

// report reports finding f of the rule being run on v.
func (v *centreVisit) report(ctx *Context, f Finding) {
	ctx.rule = v.rule
	ctx.Report(f)
}

// yearSpan is a span's calendar years: those it has at least one day of,
// [touchFirst, touchLast], and those it covers on every day, [wholeFirst,
// wholeLast] (empty when wholeFirst > wholeLast).
type yearSpan struct {
	touchFirst, touchLast, wholeFirst, wholeLast int
	span                                         labelling.Window
}

// yearSpans returns the years of each span, computing them once per
// centre: two calendar conversions per span, where testing each activity
// year against the windows would take several.
func (v *centreVisit) yearSpans() []yearSpan {
	if v.yearsDone {
		return v.years
	}
	v.yearsDone = true
	v.years = v.years[:0]
	for _, s := range v.spans {
		var ys yearSpan
		ys.span = s
		y, m, d := s.Start().Date()
		ys.touchFirst, ys.wholeFirst = y, y
		if m != 1 || d != 1 {
			ys.wholeFirst++
		}
		y, m, d = s.End().Date()
		ys.touchLast, ys.wholeLast = y, y-1
		if m == 1 && d == 1 {
			ys.touchLast--
		}
		v.years = append(v.years, ys)
	}
	return v.years
}

// wholeSpan returns the span that covers every day of year y.
func (v *centreVisit) wholeSpan(y int) (labelling.Window, bool) {
	for _, ys := range v.yearSpans() {
		if ys.wholeFirst <= y && y <= ys.wholeLast {
			return ys.span, true
		}
	}
	return labelling.Window{}, false
}

// touched reports whether the centre held a label in force on some day
// of year y.
func (v *centreVisit) touched(y int) bool {
	for _, ys := range v.yearSpans() {
		if ys.touchFirst <= y && y <= ys.touchLast {
			return true
		}
	}
	return false
}

// newIndex visits every centre once, builds the index into ctx.ix and
// runs the per-centre rules; teams asks for the team index too.
func newIndex(ctx *Context, visits []*Rule, teams bool) {
	n := ctx.net
	nc := n.NumCentres()
	ix := &index{
		atYear: ctx.at.Year(),
		net:    n,
		ids:    make([]network.CentreID, 0, nc),
		info:   make([]centreInfo, 0, nc),
		spans:  make([]labelling.Window, 0, nc+nc/4),
	}
	ctx.ix = ix
	if teams {
		ix.teamSeed = maphash.MakeSeed()
		ix.teamHits = make([]uint8, teamSlots(nc))
	}
	// The visits are called directly, not through r.visit: v then stays
	// on the stack, and copying each centre into it needs no write
	// barrier.
	kinds := make([]visitKind, len(visits))
	for k, r := range visits {
		kinds[k] = visitKindOf(r.id)
	}
	var v centreVisit
	at := ctx.at
	for c := range n.Centres() {
		v.c = c
		v.h = v.h.Reuse(c.Labels)
		v.pos = int32(len(ix.ids))
		lo := len(ix.spans)
		for s := range v.h.Spans() {
			ix.spans = append(ix.spans, s)
		}
		v.spans = ix.spans[lo:len(ix.spans):len(ix.spans)]
		v.inForce = inForce(v.spans, at)
		v.yearsDone = false
		in := centreInfo{
			tier: c.Tier, role: c.Role, group: c.Group, inForce: v.inForce,
			spanLo: int32(lo), spanHi: int32(len(ix.spans)),
		}
		in.endedOn, in.ended = v.h.EndedBy(at)
		ix.ids = append(ix.ids, c.ID)
		ix.info = append(ix.info, in)
		if teams {
			if h := &ix.teamHits[ix.teamSlot(c.Team)]; *h < 2 {
				*h++
			}
		}
		if c.Tier == typology.Reference && c.Group.IsValid() {
			switch c.Role {
			case typology.Coordinating:
				ix.coordinating[c.Group] = append(ix.coordinating[c.Group], v.pos)
			case typology.Constitutive:
				ix.constitutive = append(ix.constitutive, v.pos)
				ix.constitutiveCoord = append(ix.constitutiveCoord, c.CoordinatingSite)
			}
		}
		for k, r := range visits {
			v.rule = r // not ctx.rule: a write to the stack needs no barrier
			runVisit(ctx, kinds[k], &v)
		}
	}
}

// visitKind names a per-centre rule, for runVisit.
type visitKind uint8

const (
	visitKindMinActiveFile visitKind = iota
	visitKindActivityMissing
	visitKindInterregionalPreferred
	visitKindWindowTooLong
	visitKindExtensionWithoutBasis
	visitKindOverlap
	visitKindGap
	visitKindRenewalWithoutEvaluation
	visitKindActivityOutsideWindow
	visitKindLapsed
	visitKindActivityInconsistent
	visitKindMissingOpinion
	visitKindDesignationLate
)

// visitKindOf returns the kind of the built-in per-centre rule with ID id
// (only built-in rules have a visit function).
func visitKindOf(id string) visitKind {
	switch id {
	case CompetenceMinActiveFile:
		return visitKindMinActiveFile
	case CompetenceActivityMissing:
		return visitKindActivityMissing
	case CompetenceInterregionalPreferred:
		return visitKindInterregionalPreferred
	case LabelWindowTooLong:
		return visitKindWindowTooLong
	case LabelExtensionWithoutBasis:
		return visitKindExtensionWithoutBasis
	case LabelOverlap:
		return visitKindOverlap
	case LabelGap:
		return visitKindGap
	case LabelRenewalWithoutEvaluation:
		return visitKindRenewalWithoutEvaluation
	case LabelActivityOutsideWindow:
		return visitKindActivityOutsideWindow
	case LabelLapsed:
		return visitKindLapsed
	case ActivityInconsistent:
		return visitKindActivityInconsistent
	case DesignationMissingOpinion:
		return visitKindMissingOpinion
	case DesignationLate:
		return visitKindDesignationLate
	}
	panic("rules: no visit kind for rule " + id)
}

// runVisit runs the per-centre rule of kind k on v, by a direct call.
func runVisit(ctx *Context, k visitKind, v *centreVisit) {
	switch k {
	case visitKindMinActiveFile:
		visitMinActiveFile(ctx, v)
	case visitKindActivityMissing:
		visitActivityMissing(ctx, v)
	case visitKindInterregionalPreferred:
		visitInterregionalPreferred(ctx, v)
	case visitKindWindowTooLong:
		visitWindowTooLong(ctx, v)
	case visitKindExtensionWithoutBasis:
		visitExtensionWithoutBasis(ctx, v)
	case visitKindOverlap:
		visitOverlap(ctx, v)
	case visitKindGap:
		visitGap(ctx, v)
	case visitKindRenewalWithoutEvaluation:
		visitRenewalWithoutEvaluation(ctx, v)
	case visitKindActivityOutsideWindow:
		visitActivityOutsideWindow(ctx, v)
	case visitKindLapsed:
		visitLapsed(ctx, v)
	case visitKindActivityInconsistent:
		visitActivityInconsistent(ctx, v)
	case visitKindMissingOpinion:
		visitMissingOpinion(ctx, v)
	case visitKindDesignationLate:
		visitDesignationLate(ctx, v)
	}
}

// inForce reports whether one of the spans contains day d.
func inForce(spans []labelling.Window, d labelling.Date) bool {
	for _, s := range spans {
		if d.Before(s.Start()) {
			return false
		}
		if d.Before(s.End()) {
			return true
		}
	}
	return false
}

// spansOf returns the spans of the centre at position p.
func (ix *index) spansOf(p int32) []labelling.Window {
	in := &ix.info[p]
	return ix.spans[in.spanLo:in.spanHi]
}

// posOf returns the position of centre id.
func (ix *index) posOf(id network.CentreID) (int32, bool) {
	p, ok := ix.net.CentreIndex(id)
	return int32(p), ok
}

// convInfo is a convention with its competence and reference parties
// resolved to centre positions. Parties that do not resolve (the builder
// never lets that happen) are dropped. Signatories are kept as IDs: the
// only rule that reads them compares them with the few coordinating sites
// of a group.
type convInfo struct {
	comp               int32 // -1 when unresolved
	refLo, refHi       int32 // reference parties: convParties[refLo:refHi]
	sigs               []network.CentreID
	signed, start, end labelling.Date
}

// conventions resolves the conventions once.
func (ix *index) conventions(n *network.Network) []convInfo {
	if ix.convBuilt {
		return ix.convs
	}
	ix.convBuilt = true
	m := 0
	for range n.Conventions() {
		m++
	}
	ix.convs = make([]convInfo, 0, m)
	ix.convIDs = make([]network.ConventionID, 0, m)
	ix.convParties = make([]int32, 0, m+m/2)
	for c := range n.Conventions() {
		ci := convInfo{comp: -1, sigs: c.Signatories, signed: c.Signed, start: c.Start, end: c.End}
		if p, ok := ix.posOf(c.Competence); ok {
			ci.comp = p
		}
		ci.refLo = int32(len(ix.convParties))
		for _, r := range c.Reference {
			if p, ok := ix.posOf(r); ok {
				ix.convParties = append(ix.convParties, p)
			}
		}
		ci.refHi = int32(len(ix.convParties))
		ix.convs = append(ix.convs, ci)
		ix.convIDs = append(ix.convIDs, c.ID)
	}
	return ix.convs
}

// refs returns a resolved convention's reference parties.
func (ix *index) refs(c *convInfo) []int32 { return ix.convParties[c.refLo:c.refHi] }

// running reports whether a resolved convention runs on day d: start <= d
// and, when it has an end, d < end.
func (c *convInfo) running(d labelling.Date) bool {
	return !d.Before(c.start) && (c.end.IsZero() || d.Before(c.end))
}

// filieres returns, for every centre position, the number of sectors that
// list it (saturating at 255; a sector listing a centre twice counts once).
func (ix *index) filieres(n *network.Network) []uint8 {
	if ix.filCount != nil {
		return ix.filCount
	}
	ix.filCount = make([]uint8, len(ix.ids))
	last := make([]int32, len(ix.ids)) // 1 + the last sector counted
	fi := int32(0)
	for f := range n.Filieres() {
		fi++
		for _, m := range f.Members {
			p, ok := ix.posOf(m)
			if !ok || last[p] == fi {
				continue
			}
			last[p] = fi
			if ix.filCount[p] < 255 {
				ix.filCount[p]++
			}
		}
	}
	return ix.filCount
}

// dayCounter counts the centres of a set in force on a day, from the
// sorted starts and ends of their spans: a centre's spans are disjoint, so
// the centres in force on d are the spans with start <= d minus those with
// end <= d.
type dayCounter struct{ starts, ends []labelling.Date }

func (dc *dayCounter) inForce(d labelling.Date) int {
	return upper(dc.starts, d) - upper(dc.ends, d)
}

// upper returns the number of dates of sorted ds that are on or before d.
func upper(ds []labelling.Date, d labelling.Date) int {
	lo, hi := 0, len(ds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ds[m].After(d) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// coordinatingInForce returns the number of coordinating sites of group g
// in force on day d.
func (ix *index) coordinatingInForce(g typology.Group, d labelling.Date) int {
	if !g.IsValid() {
		return 0
	}
	dc := ix.coordDays[g]
	if dc == nil {
		k := 0
		for _, p := range ix.coordinating[g] {
			k += len(ix.spansOf(p))
		}
		dc = &dayCounter{starts: make([]labelling.Date, 0, k), ends: make([]labelling.Date, 0, k)}
		for _, p := range ix.coordinating[g] {
			for _, s := range ix.spansOf(p) {
				dc.starts = append(dc.starts, s.Start())
				dc.ends = append(dc.ends, s.End())
			}
		}
		slices.SortFunc(dc.starts, labelling.Date.Compare)
		slices.SortFunc(dc.ends, labelling.Date.Compare)
		ix.coordDays[g] = dc
	}
	return dc.inForce(d)
}

// labelsMeet returns the first day on which some label of a and some
// label of b are both in force, if any.
func labelsMeet(a, b []labelling.Label) (labelling.Date, bool) {
	var first labelling.Date
	found := false
	for i := range a {
		for j := range b {
			w := a[i].Effective().Intersect(b[j].Effective())
			if w.IsEmpty() {
				continue
			}
			if !found || w.Start().Before(first) {
				first, found = w.Start(), true
			}
		}
	}
	return first, found
}

// sameDisease reports whether two diseases are the same disease, as
// typology.Disease.Key says (the ORPHAcode when a disease has one, else
// its name exactly), without building the keys.
func sameDisease(a, b typology.Disease) bool {
	if a.Orpha.IsValid() || b.Orpha.IsValid() {
		return a.Orpha == b.Orpha
	}
	return a.Name == b.Name
}

// coverageOverlaps reports whether two centres' coverages overlap: same
// group, and either disease list empty or the lists sharing a disease.
func coverageOverlaps(a, b *network.Centre) bool {
	if a.Group != b.Group {
		return false
	}
	if len(a.Diseases) == 0 || len(b.Diseases) == 0 {
		return true
	}
	for _, x := range a.Diseases {
		for _, y := range b.Diseases {
			if sameDisease(x, y) {
				return true
			}
		}
	}
	return false
}

// teamSlots returns the size of the team hash table for n centres: a
// power of two, at least 4n.
func teamSlots(n int) int {
	s := 64
	for s < 4*n {
		s <<= 1
	}
	return s
}

func (ix *index) teamSlot(t network.TeamID) uint64 {
	return maphash.String(ix.teamSeed, string(t)) & uint64(len(ix.teamHits)-1)
}

// A teamPair is two centres of one team whose coverages overlap and that
// are both in force on some day, first.
type teamPair struct {
	team  network.TeamID
	a, b  network.CentreID // a < b
	ta    typology.Tier
	tb    typology.Tier
	group typology.Group
	first labelling.Date
}

// teamPairs finds, once, every pair of centres of one team with
// overlapping coverages and a common day in force.
func (ix *index) teamPairs(n *network.Network) []teamPair {
	if ix.pairsBuilt {
		return ix.pairs
	}
	ix.pairsBuilt = true
	// Teams hold a few centres: copying them to the stack needs no write
	// barrier.
	var buf [8]network.Centre
	cs := buf[:0]
	for t := range n.Teams() {
		if ix.teamHits[ix.teamSlot(t.ID)] < 2 {
			continue // one centre at most: no pair
		}
		cs = cs[:0]
		for c := range n.CentresOfTeam(t.ID) {
			cs = append(cs, c)
		}
		if len(cs) < 2 {
			continue
		}
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := &cs[i], &cs[j]
				if !coverageOverlaps(a, b) {
					continue
				}
				first, ok := labelsMeet(a.Labels, b.Labels)
				if !ok {
					continue
				}
				ix.pairs = append(ix.pairs, teamPair{
					team: t.ID, a: a.ID, b: b.ID, ta: a.Tier, tb: b.Tier, group: a.Group, first: first,
				})
			}
		}
	}
	return ix.pairs
}
