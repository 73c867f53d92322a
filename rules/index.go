package rules

import (
	"iter"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// The index is what the built-in rules share in one audit. It is built by
// one pass over the centres, in ID order, which works out what the audit
// date says of each (in force, ended: a few bits a centre) and runs the
// per-centre rules not taken from the network's cache; the parts only
// some rules need (the conventions resolved to positions, counts of
// coordinating sites...) are built the first time a rule asks for them.
// Nothing in it is per finding but what findings keep (evs, lists), and
// nothing allocates per centre: centres live in a few flat arrays indexed
// by their position in ID order, most of them the network's centreTable.
type index struct {
	atYear int // the audit date's year

	tab   *centreTable // the network's: read only
	ids   []network.CentreID
	info  []centreInfo       // shared with the network's centreTable: read only
	spans []labelling.Window // the spans of every centre, see centreInfo
	// What the audit date changes, in a few bits a centre: a rule that
	// looks a centre up by position (a convention's party, a platform's
	// seat) finds them in cache at any size, where a wider record per
	// centre would be a miss to memory for each at a million centres.
	live   bitset     // the centres with a label in force at the audit date
	ended  endedIndex // the centres that had stopped being labelled by then
	region []int16    // every centre's region (see centreTable)

	// coordinating holds the positions of the coordinating sites, by group.
	coordinating [groupSlots][]int32
	// constitutive holds the positions of the constitutive sites and,
	// in parallel, the coordinating site each one names.
	constitutive      []int32
	constitutiveCoord []int32 // -1: names none

	net *network.Network

	// The attachments (attached_to) of the competence centres that have
	// some: attachFrom[i] is attached to row(attachLo, attachPos, i)
	// (-1: not a centre).
	attachFrom, attachLo []int32
	attachPos            []int32

	// Built on demand.
	convs       []convInfo // shared with the network's static index: read only
	convIDs     []network.ConventionID
	convParties []int32
	coordDays   [groupSlots]*dayCounter
	teams       []network.TeamID     // every team ID, in ID order
	plats       []network.PlatformID // every platform ID, in ID order
	fils        []network.FiliereID  // every sector ID, in ID order

	// What findings hold until the report is built: the lists their
	// messages name and their evidence.
	lists []int32
	evs   []evRef
	kept  []ruleSize // by rule: what it kept of them (see noteSizes)

	// termEnds caches start.AddDate(term, 0, 0) by start day: labels of
	// one campaign share their start, and renewals chain five-year steps.
	// Allocated on first use: the only rule that needs it is cached
	// (static), and 64 KiB zeroed per audit showed in the profile.
	termEnds *[1 << 13]struct{ start, end labelling.Date }
}

// termEnd returns start.AddDate(term, 0, 0) (term is the same for a whole
// audit).
func (ix *index) termEnd(start labelling.Date, term int) labelling.Date {
	if ix.termEnds == nil {
		ix.termEnds = new([1 << 13]struct{ start, end labelling.Date })
	}
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
	tier  typology.Tier
	role  typology.Role
	group typology.Group
	// The centre's spans (the union of its labels' effective windows, as
	// disjoint windows in order) are spans[spanLo:spanHi] of the index.
	spanLo, spanHi int32
}

// centreVisit is the centre a per-centre rule looks at. Only the cheap
// fields of c (ID, tier, role, group, scope) are always set: the labels,
// their history, the activity and the diseases are read from the network
// the first time a rule asks (labels, hist, activity, diseases), because
// most audits take the rules that read them for every centre from the
// cache and only look at a few centres' records. Set by index.visitAt.
type centreVisit struct {
	c     network.Centre
	cv    network.CentreView
	pos   int32
	ix    *index
	spans []labelling.Window
	years []yearSpan // the calendar years of each span (see yearSpan)

	h                          labelling.History
	acts                       []network.Activity // activity's, when it reads them
	hasLabels, hasHist, hasAct bool
}

// labels returns the visited centre's labels, in document order.
func (v *centreVisit) labels() []labelling.Label {
	if !v.hasLabels {
		v.hasLabels = true
		v.c.Labels = v.cv.AppendLabels(v.c.Labels[:0])
	}
	return v.c.Labels
}

// hist returns the history of the visited centre's labels.
func (v *centreVisit) hist() labelling.History {
	if !v.hasHist {
		v.hasHist = true
		v.h = v.h.Reuse(v.labels())
	}
	return v.h
}

// activity returns the visited centre's activity, by year.
func (v *centreVisit) activity() []network.Activity {
	if !v.hasAct {
		v.hasAct = true
		v.acts = v.cv.AppendActivity(v.acts[:0])
		v.c.Activity = v.acts
	}
	return v.c.Activity
}

// rec starts a finding about the visited centre.
func (v *centreVisit) rec() rec { return rec{subj: v.pos, group: v.c.Group} }

// yearSpan is a span's calendar years: those it has at least one day of,
// [touchFirst, touchLast], and those it covers on every day, [wholeFirst,
// wholeLast] (empty when wholeFirst > wholeLast). int32 years (labelling
// dates stay within MinYear and MaxYear), and not the span itself (the
// table's spans hold it): the table keeps one per span.
type yearSpan struct {
	touchFirst, touchLast, wholeFirst, wholeLast int32
}

// newYearSpan returns the years of span s: two calendar conversions per
// span, where testing each activity year against the windows would take
// several.
func newYearSpan(s labelling.Window) yearSpan {
	var ys yearSpan
	y, m, d := s.Start().Date()
	ys.touchFirst, ys.wholeFirst = int32(y), int32(y)
	if m != 1 || d != 1 {
		ys.wholeFirst++
	}
	y, m, d = s.End().Date()
	ys.touchLast, ys.wholeLast = int32(y), int32(y-1)
	if m == 1 && d == 1 {
		ys.touchLast--
	}
	return ys
}

// yearSpans returns the years of each of the visited centre's spans.
func (v *centreVisit) yearSpans() []yearSpan { return v.years }

// wholeSpan returns the span that covers every day of year y, and
// whether it is one label's effective window (isLabelWindow).
func (v *centreVisit) wholeSpan(y int) (s labelling.Window, single, ok bool) {
	for i := range v.years {
		if v.years[i].covers(y) {
			return v.spans[i], v.ix.tab.labelSpans.has(int(v.ix.info[v.pos].spanLo) + i), true
		}
	}
	return labelling.Window{}, false, false
}

// touched reports whether the centre held a label in force on some day
// of year y.
func (v *centreVisit) touched(y int) bool {
	for _, ys := range v.years {
		if ys.touches(y) {
			return true
		}
	}
	return false
}

// covers reports whether the span covers every day of year y.
func (ys *yearSpan) covers(y int) bool { return int(ys.wholeFirst) <= y && y <= int(ys.wholeLast) }

// touches reports whether the span has at least one day of year y.
func (ys *yearSpan) touches(y int) bool { return int(ys.touchFirst) <= y && y <= int(ys.touchLast) }

// isLabelWindow reports whether span s is the effective window of one of
// the labels ls (else it joins several labels): what a message says of
// the span.
func isLabelWindow(ls []labelling.Label, s labelling.Window) bool {
	for i := range ls {
		if ls[i].Effective() == s {
			return true
		}
	}
	return false
}

// row returns row i of a table stored as vals with rows starting at lo
// (lo has a closing entry: row i is vals[lo[i]:lo[i+1]]).
func row(lo, vals []int32, i int) []int32 { return vals[lo[i]:lo[i+1]] }

// centreTable is the part of the index that depends neither on the audit
// date nor on the configuration: each centre's ID, kind, spans and the
// days its labels end, the coordinating and constitutive sites, the
// attachments resolved, and the few centres some date-dependent rules
// look at, with what they read of them. Reading every centre's labels and
// building their histories was most of an audit's cost; the table is
// built once per network (centresOf) and shared, read-only, by every
// audit of it, which only works out what the date changes (index.live
// and index.ended, from dates) and walks the lists it needs.
type centreTable struct {
	ids   []network.CentreID
	info  []centreInfo // the date-dependent fields left zero
	spans []labelling.Window
	years []yearSpan // the years of spans[i]
	// labelSpans holds the spans that are one label's effective window
	// (isLabelWindow), by span index: what messages say of a span, known
	// without reading the centre's labels again.
	labelSpans bitset
	// ends[endLo[p]:endLo[p+1]] are the labels of the centre at position
	// p by start (RULES.md order), for labelling.History.EndedBy.
	ends  []labelEnd
	endLo []int32
	// dates answers most audits' questions about a centre (in force,
	// ended) from 24 bytes: the per-audit pass over every centre reads
	// these, not the spans and ends, but for a centre with several labels
	// still to start.
	dates []centreDates
	// region holds the position in regionOrder of each centre's region
	// (-1: none), for the coverage rules.
	region []int16

	coordinating      [groupSlots][]int32
	constitutive      []int32
	constitutiveCoord []int32 // -1: names none
	// sited are the coordinating sites of every group (reference centres
	// whose role is coordinating, whatever their group), in position
	// order, and the number of sectors that list each (saturating).
	sited     []int32
	sitedFils []uint8

	// attachFrom[i] is attached to row(attachLo, attachPos, i).
	attachFrom, attachLo []int32
	attachPos            []int32 // -1: not a centre
	// row(attachSameLo, attachSame, i) are the reference sites of its own
	// group the centre attachFrom[i] is attached to.
	attachSameLo, attachSame []int32

	// regional are the regional competence centres that list diseases,
	// for competence.interregional-preferred.
	regional []regionalCentre
	// missing are the runs of years without activity among those every
	// day of which a competence centre was labelled, by centre and year,
	// for competence.activity-missing (which only judges the years before
	// the audit's). A run holds all its findings need: the few an audit
	// reports are far apart in a large table, each read a miss to memory.
	missing []missingYears
	// missingFirst[i] is missing[i].first: an audit judges the years
	// before its own, and reads the runs that start before them only.
	missingFirst []int16
}

// missingYears is a run of years [first, last] without activity of the
// competence centre at position pos, in its span [start, end), single
// when that span is one label's effective window, every year of which is
// covered on every day by the same n labels: the first maxListed of them
// (document indexes, in order) are labels.
type missingYears struct {
	pos         int32
	first, last int16
	start, end  labelling.Date
	n           int32
	labels      [maxListed]int32
	single      uint8 // 1 or 0
	group       typology.Group
}

// regionalCentre is a regional competence centre that lists n diseases,
// worst the commonest prevalence among them (PrevalenceUnknown when one is
// unknown: such a centre is never all below a threshold).
type regionalCentre struct {
	pos, n int32
	worst  typology.Prevalence
	group  typology.Group
}

// lastStarted returns the labelEnd of the last label of the centre at
// position p started by day d, nil if none.
func (t *centreTable) lastStarted(p int, d labelling.Date) *labelEnd {
	es := t.ends[t.endLo[p]:t.endLo[p+1]]
	n := 0 // the labels with start <= d: few, so a linear scan
	for n < len(es) && !es[n].start.After(d) {
		n++
	}
	if n == 0 {
		return nil
	}
	return &es[n-1]
}

// centreDates answers, from 24 bytes, what an audit on day d asks of a
// centre whose labels started by d are all of them, or all but the last
// to start. With e the entry of the centre's labelEnds of the last label
// started by d (RULES.md order, by start), the centre is in force on d
// when e.maxEnd is after d (a label's effective window starts on its start
// day, so some window of those labels contains d exactly when the latest
// of their ends is after d: inForce over the spans says the same), and
// had stopped being labelled on e.maxEnd otherwise
// (labelling.History.EndedBy). last is the entry of every label, prev that
// of all but the last (the zero labelEnd when there is no such label:
// neither in force nor ended). Earlier days, for a centre with several
// labels still to start, read the centre's labelEnds.
type centreDates struct{ prev, last labelEnd }

// liveOrEnded records in ix what the audit date says of the centre at
// position p: in force, or ended.
func (t *centreTable) liveOrEnded(ix *index, p int, d labelling.Date) {
	cd := &t.dates[p]
	var e *labelEnd
	switch {
	case !d.Before(cd.last.start):
		e = &cd.last
	case !d.Before(cd.prev.start):
		e = &cd.prev
	default:
		if e = t.lastStarted(p, d); e == nil {
			return
		}
	}
	switch {
	case e.maxEnd.IsZero(): // no label started by d
	case e.maxEnd.After(d):
		ix.live.set(p)
	default:
		ix.ended.add(p, e)
	}
}

// labelEnd is a label of a centre in start order: its start, the latest
// effective end among it and the labels before it, and the label that
// ended on that day (a label whose window is not empty, -1 if none), so
// that EndedBy(d) is the maxEnd of the last entry with start <= d. endE
// and labelE are the same but for the labels whose window is not empty:
// the date E of the convention rules, which RULES.md says ignore a label
// withdrawn on its start day (label.lapsed counts it).
type labelEnd struct {
	start, maxEnd, endE labelling.Date
	label, labelE       int32
}

// appendLabelEnds appends the labelEnds of the labels of h, in one pass:
// each label's entry depends only on the labels before it.
func appendLabelEnds(ends []labelEnd, h labelling.History) []labelEnd {
	e := labelEnd{label: -1, labelE: -1}
	for k, l := range h.Ordered() {
		e.start = l.Start()
		end, empty := l.End(), l.Effective().IsEmpty()
		switch {
		case end.After(e.maxEnd):
			e.maxEnd, e.label = end, -1
			if !empty {
				e.label = int32(k)
			}
		case end == e.maxEnd && e.label < 0 && !empty:
			e.label = int32(k)
		}
		if !empty && end.After(e.endE) {
			e.endE, e.labelE = end, int32(k)
		}
		ends = append(ends, e)
	}
	return ends
}

// centresOf keeps each network's centre table: built once, by the first
// audit that needs it (see newIndex), or by centreTableOf.
var centresOf = network.NewDerived(func(*network.Network) *tableOnce { return new(tableOnce) })

// tableOnce is a network's centre table, built once.
type tableOnce struct {
	once sync.Once
	t    *centreTable
}

// get returns the table, calling build to make it if it was not yet.
func (s *tableOnce) get(build func() *centreTable) *centreTable {
	s.once.Do(func() { s.t = build() })
	return s.t
}

// centreTableOf returns the centre table of n, building it if no audit
// has yet.
func centreTableOf(n *network.Network) *centreTable {
	return centresOf.Of(n).get(func() *centreTable { return newCentreTable(n) })
}

// newCentreTable builds the centre table of n: one pass over the centres
// in position order, each part of the table appended by its own step,
// then what needs every centre (the dates, the attachments resolved).
func newCentreTable(n *network.Network) *centreTable {
	b := newTableBuilder(n)
	for p := range n.NumCentres() {
		b.add(p, n.CentreAt(p))
	}
	return b.finish(n)
}

// newTableBuilder returns the builder of the centre table of n, its
// arrays allocated.
func newTableBuilder(n *network.Network) *tableBuilder {
	nc := n.NumCentres()
	nl := 0 // one labelEnd a label: grown by append, they were copied twice over
	for p := range nc {
		nl += n.CentreAt(p).NumLabels()
	}
	t := &centreTable{
		ids:    make([]network.CentreID, nc),
		info:   make([]centreInfo, nc),
		endLo:  make([]int32, nc+1),
		region: make([]int16, nc),
		dates:  make([]centreDates, nc),
		ends:   make([]labelEnd, 0, nl),
		// A centre has a span or two: room for most networks' without
		// growing.
		spans: make([]labelling.Window, 0, nc+nc/4),
		years: make([]yearSpan, 0, nc+nc/4),
	}
	return &tableBuilder{t: t, regPos: regionPositions()}
}

// finish completes the table once every centre of n is added, and
// returns it.
func (b *tableBuilder) finish(n *network.Network) *centreTable {
	t := b.t
	t.endLo[len(t.ids)] = int32(len(t.ends))
	t.attachLo = append(t.attachLo, int32(len(b.attachIDs)))
	t.fillDates()
	t.resolveAttachments(n, b.attachIDs)
	return t
}

// tableBuilder is the scratch of newCentreTable.
type tableBuilder struct {
	t      *centreTable
	regPos map[network.RegionCode]int16
	// The labels and history of the centre last added, and its activity
	// if it is a competence centre (else acts is left as it was).
	ls        []labelling.Label
	h         labelling.History
	acts      []network.Activity
	attachIDs []network.CentreID // the IDs centres are attached to, by row
	cover     []int32            // addMissing's
}

// regionPositions returns the position of every region in regionOrder.
func regionPositions() map[network.RegionCode]int16 {
	regs := regionOrder()
	regPos := make(map[network.RegionCode]int16, len(regs))
	for k, r := range regs {
		regPos[r.Code] = int16(k)
	}
	return regPos
}

// add adds the centre at position p to the table.
func (b *tableBuilder) add(p int, cv network.CentreView) {
	t := b.t
	b.ls = cv.AppendLabels(b.ls[:0])
	b.h = b.h.Reuse(b.ls)
	lo := t.addLabels(p, cv, b.ls, b.h)
	t.region[p] = -1
	if k, ok := b.regPos[cv.Region()]; ok {
		t.region[p] = k
	}
	if cv.Tier() == typology.Competence {
		t.addRegional(p, cv)
		b.acts = cv.AppendActivity(b.acts[:0])
		b.cover = t.addMissing(p, lo, b.ls, b.acts, b.cover)
	}
	b.attachIDs = t.addAttachments(p, cv, b.attachIDs)
	t.addSites(p, cv)
}

// addLabels adds what the table keeps of the labels of the centre at
// position p, whose history is h: its spans and their years, its
// labelEnds, and its info. It returns the position of its first span.
func (t *centreTable) addLabels(p int, cv network.CentreView, ls []labelling.Label, h labelling.History) int {
	lo := len(t.spans)
	for s := range h.Spans() {
		t.spans = append(t.spans, s)
		t.years = append(t.years, newYearSpan(s))
		t.labelSpans = t.labelSpans.grow(len(t.spans))
		if isLabelWindow(ls, s) {
			t.labelSpans.set(len(t.spans) - 1)
		}
	}
	t.ids[p] = cv.ID()
	t.info[p] = centreInfo{tier: cv.Tier(), role: cv.Role(), group: cv.Group(),
		spanLo: int32(lo), spanHi: int32(len(t.spans))}
	t.endLo[p] = int32(len(t.ends))
	t.ends = appendLabelEnds(t.ends, h)
	return lo
}

// addRegional adds the competence centre at position p to t.regional if
// it is regional and lists diseases.
func (t *centreTable) addRegional(p int, cv network.CentreView) {
	if k := cv.NumDiseases(); k > 0 && cv.Scope() == typology.Regional {
		t.regional = append(t.regional, regionalCentre{pos: int32(p), n: int32(k), worst: worstPrevalence(cv), group: cv.Group()})
	}
}

// addAttachments adds the row of the centre at position p to the
// attachments if it has some, appending the IDs it is attached to to ids
// (resolved by resolveAttachments once every centre is added).
func (t *centreTable) addAttachments(p int, cv network.CentreView, ids []network.CentreID) []network.CentreID {
	k := cv.NumAttachedTo()
	if k == 0 {
		return ids
	}
	t.attachFrom = append(t.attachFrom, int32(p))
	t.attachLo = append(t.attachLo, int32(len(ids)))
	for i := range k {
		ids = append(ids, cv.AttachedTo(i))
	}
	return ids
}

// addSites adds the centre at position p to the coordinating and
// constitutive sites if it is one.
func (t *centreTable) addSites(p int, cv network.CentreView) {
	if cv.Tier() != typology.Reference {
		return
	}
	role, group := cv.Role(), cv.Group()
	if role == typology.Coordinating {
		t.sited = append(t.sited, int32(p))
		t.sitedFils = append(t.sitedFils, uint8(min(cv.NumFilieres(), 255)))
	}
	if !group.IsValid() {
		return
	}
	switch role {
	case typology.Coordinating:
		t.coordinating[group] = append(t.coordinating[group], int32(p))
	case typology.Constitutive:
		coord := int32(-1)
		if cp, ok := cv.CoordinatingSite(); ok {
			coord = int32(cp)
		}
		t.constitutive = append(t.constitutive, int32(p))
		t.constitutiveCoord = append(t.constitutiveCoord, coord)
	}
}

// fillDates sets every centre's centreDates from its labelEnds.
func (t *centreTable) fillDates() {
	for p := range t.dates {
		es := t.ends[t.endLo[p]:t.endLo[p+1]]
		cd := &t.dates[p]
		if k := len(es); k > 0 {
			cd.last = es[k-1]
			if k > 1 {
				cd.prev = es[k-2]
			}
		}
	}
}

// resolveAttachments resolves the IDs the centres are attached to (ids,
// by row) to positions, and lists each row's reference sites of the
// centre's own group.
func (t *centreTable) resolveAttachments(n *network.Network, ids []network.CentreID) {
	t.attachPos = make([]int32, len(ids))
	for i, id := range ids {
		p, ok := n.CentreIndex(id)
		if !ok {
			p = -1
		}
		t.attachPos[i] = int32(p)
	}
	t.attachSameLo = make([]int32, len(t.attachFrom)+1)
	for i, p := range t.attachFrom {
		t.attachSameLo[i] = int32(len(t.attachSame))
		g := t.info[p].group
		for _, r := range row(t.attachLo, t.attachPos, i) {
			if r >= 0 && t.info[r].tier == typology.Reference && t.info[r].group == g {
				t.attachSame = append(t.attachSame, r)
			}
		}
	}
	t.attachSameLo[len(t.attachFrom)] = int32(len(t.attachSame))
}

// worstPrevalence returns the commonest prevalence of the diseases of a
// centre, or PrevalenceUnknown if one is not known.
func worstPrevalence(cv network.CentreView) typology.Prevalence {
	var w typology.Prevalence
	for k := range cv.NumDiseases() {
		p := cv.Disease(k).Prevalence
		if !p.IsKnown() {
			return typology.PrevalenceUnknown
		}
		w = max(w, p)
	}
	return w
}

// addMissing adds the runs of years without activity of the competence
// centre at position p, whose spans start at spans[lo], whose labels are
// ls and activity acts, to t.missing. cover is scratch, returned for the
// next centre.
func (t *centreTable) addMissing(p, lo int, ls []labelling.Label, acts []network.Activity, cover []int32) []int32 {
	n, k := len(acts), 0
	for i := range t.years[lo:] {
		s, span := &t.years[lo+i], t.spans[lo+i]
		single := uint8(0)
		if t.labelSpans.has(lo + i) {
			single = 1
		}
		for y := int(s.wholeFirst); y <= int(s.wholeLast); y++ {
			recorded := false
			for ; k < n; k++ {
				if ay := acts[k].Year; ay >= y {
					recorded = ay == y
					break
				}
			}
			if recorded {
				continue
			}
			// The labels in force on every day of y (Label.InForceYear):
			// a run goes on while they stay the same.
			cover = cover[:0]
			if yw := labelling.YearWindow(y); !yw.IsEmpty() {
				for j := range ls {
					if ls[j].Effective().ContainsWindow(yw) {
						cover = append(cover, int32(j))
					}
				}
			}
			if last := len(t.missing) - 1; last >= 0 && t.missing[last].extends(int32(p), span, y, cover) {
				t.missing[last].last = int16(y)
				continue
			}
			run := missingYears{pos: int32(p), first: int16(y), last: int16(y), start: span.Start(), end: span.End(),
				n: int32(len(cover)), single: single, group: t.info[p].group}
			copy(run.labels[:], cover)
			t.missing = append(t.missing, run)
			t.missingFirst = append(t.missingFirst, int16(y))
		}
	}
	return cover
}

// extends reports whether year y of the centre at position pos, in span
// s, covered on every day by labels cover, continues run m.
func (m *missingYears) extends(pos int32, s labelling.Window, y int, cover []int32) bool {
	return m.pos == pos && int(m.last) == y-1 && m.start == s.Start() && m.end == s.End() &&
		int(m.n) == len(cover) && slices.Equal(m.labels[:min(len(cover), maxListed)], cover[:min(len(cover), maxListed)])
}

// newIndex builds the index into ctx.ix, from the network's centreTable
// and the audit date, and runs the per-centre rules.
//
// The first audit of a network builds the table too, and when its
// per-centre rules are all static (the first audit's are: it runs the
// static rules apart, for the network's cache) it runs them on each
// centre as the table adds it, with the labels and history the table
// read: reading every centre's labels and building their histories a
// second time was a fifth of a first audit. A static rule depends
// neither on the audit date nor on other centres (what live and ended
// hold), so it finds the same there: TestFusedVisitOracle compares both
// ways.
func newIndex(ctx *Context, visits []visitRule) {
	n := ctx.net
	at := ctx.at
	ix := &index{atYear: at.Year(), net: n}
	ctx.ix = ix
	ix.presize(ctx)
	visited := false
	t := centresOf.Of(n).get(func() *centreTable {
		if len(visits) == 0 || !allStatic(ctx.sel, visits) {
			return newCentreTable(n)
		}
		visited = true
		return ix.buildVisiting(ctx, visits)
	})
	ix.tab, ix.ids, ix.info, ix.spans, ix.region = t, t.ids, t.info, t.spans, t.region
	ix.coordinating, ix.constitutive, ix.constitutiveCoord = t.coordinating, t.constitutive, t.constitutiveCoord
	ix.attachFrom, ix.attachLo, ix.attachPos = t.attachFrom, t.attachLo, t.attachPos
	ix.live = newBitset(len(ix.info))
	ix.ended.has = newBitset(len(ix.info))
	for p := range ix.info {
		t.liveOrEnded(ix, p, at)
	}
	ix.ended.done()
	if len(visits) == 0 || visited {
		return
	}
	v := &centreVisit{ix: ix}
	for p := range ix.info {
		ix.visitAt(v, p)
		runVisits(ctx, v, visits)
	}
}

// runVisits runs the per-centre rules on the centre v visits.
func runVisits(ctx *Context, v *centreVisit, visits []visitRule) {
	for _, r := range visits {
		ctx.ri = r.ri
		r.visit(ctx, v)
	}
}

// allStatic reports whether the rules of visits are all static.
func allStatic(sel []Rule, visits []visitRule) bool {
	for _, r := range visits {
		if !sel[r.ri].static {
			return false
		}
	}
	return true
}

// buildVisiting builds the centre table of ctx.net and runs the static
// per-centre rules on each centre once the table has added it, giving
// them the labels and history it read, and a competence centre's
// activity (see newIndex). The index reads the table as it grows: its
// arrays of one entry a centre are allocated up front, the spans are read
// through ix.tab.
func (ix *index) buildVisiting(ctx *Context, visits []visitRule) *centreTable {
	n := ctx.net
	b := newTableBuilder(n)
	ix.tab, ix.ids, ix.info = b.t, b.t.ids, b.t.info
	v := &centreVisit{ix: ix}
	for p := range n.NumCentres() {
		cv := n.CentreAt(p)
		b.add(p, cv)
		ix.visitAt(v, p)
		v.c.Labels, v.h = b.ls, b.h
		v.hasLabels, v.hasHist = true, true
		if v.c.Tier == typology.Competence {
			v.c.Activity, v.hasAct = b.acts, true
		}
		runVisits(ctx, v, visits)
	}
	return b.finish(n)
}

// visitAt makes v visit the centre at position p.
func (ix *index) visitAt(v *centreVisit, p int) {
	in := &ix.info[p]
	cv := ix.net.CentreAt(p)
	v.cv = cv
	c := &v.c
	c.ID, c.Tier, c.Role, c.Group, c.Scope = ix.ids[p], in.tier, in.role, in.group, cv.Scope()
	v.hasLabels, v.hasHist, v.hasAct = false, false, false
	v.pos = int32(p)
	v.spans = ix.tab.spans[in.spanLo:in.spanHi:in.spanHi]
	v.years = ix.tab.years[in.spanLo:in.spanHi:in.spanHi]
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

// convInfo is a convention with its competence and reference parties
// resolved to centre positions. Parties that do not resolve (the builder
// never lets that happen) are dropped. Signatories are kept as IDs: the
// only rule that reads them compares them with the few coordinating sites
// of a group.
type convInfo struct {
	comp         int32          // -1 when unresolved
	group        typology.Group // the competence party's (zero when unresolved)
	refLo, refHi int32          // reference parties: convParties[refLo:refHi]
	sigLo, sigHi int32          // signatories: convParties[sigLo:sigHi]
	// The reference parties of the competence party's group:
	// convParties[sameLo:sameHi].
	sameLo, sameHi     int32
	signed, start, end labelling.Date
}

// conventions returns the conventions resolved to positions, computed
// once per network.
func (ix *index) conventions(n *network.Network) []convInfo {
	if ix.convs == nil {
		st := staticOf.Of(n)
		ix.convs, ix.convIDs, ix.convParties = st.convs, st.convIDs, st.convParties
	}
	return ix.convs
}

// refs returns a resolved convention's reference parties.
func (ix *index) refs(c *convInfo) []int32 { return ix.convParties[c.refLo:c.refHi] }

// sigs returns a resolved convention's signatories.
func (ix *index) sigs(c *convInfo) []int32 { return ix.convParties[c.sigLo:c.sigHi] }

// endLabel returns the document index of the label of the centre at
// position p that ended on the day it stopped being labelled.
func (ix *index) endLabel(p int32) (int32, bool) {
	_, k, ok := ix.ended.of(p)
	return k, ok && k >= 0
}

// A bitset holds a set of centre positions.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

// grow returns b with room for positions below n.
func (b bitset) grow(n int) bitset {
	for len(b)*64 < n {
		b = append(b, 0)
	}
	return b
}

func (b bitset) set(p int)       { b[p>>6] |= 1 << (p & 63) }
func (b bitset) has(p int) bool  { return b[p>>6]&(1<<(p&63)) != 0 }
func (b bitset) in(p int32) bool { return b.has(int(p)) }

// endedIndex holds the centres that had stopped being labelled by the
// audit date, each with the day it stopped (labelling.History.EndedBy)
// and the label that ended that day: a bit a centre, and the few ended
// centres' records in position order, found by counting the bits before
// a centre's (rank[w] counts those of the words before word w).
type endedIndex struct {
	has  bitset
	rank []int32
	at   []endedAt
	pos  []int32 // the ended centres' positions, in order
}

type endedAt struct {
	on, onE     labelling.Date
	label, lblE int32 // -1: none
}

// add records that the centre at position p, after every centre before
// it, stopped being labelled as le says (its maxEnd, and endE for the
// convention rules).
func (e *endedIndex) add(p int, le *labelEnd) {
	e.has.set(p)
	e.at = append(e.at, endedAt{le.maxEnd, le.endE, le.label, le.labelE})
	e.pos = append(e.pos, int32(p))
}

// done counts the bits before every word, once every centre is added.
func (e *endedIndex) done() {
	e.rank = make([]int32, len(e.has))
	n := 0
	for w, word := range e.has {
		e.rank[w] = int32(n)
		n += bits.OnesCount64(word)
	}
}

// of returns the day the centre at position p stopped being labelled and
// the label that ended then, if it had stopped by the audit date.
func (e *endedIndex) of(p int32) (labelling.Date, int32, bool) {
	w := p >> 6
	word := e.has[w]
	if word&(1<<(p&63)) == 0 {
		return labelling.Date{}, -1, false
	}
	i := int(e.rank[w]) + bits.OnesCount64(word&(1<<(p&63)-1))
	return e.at[i].on, e.at[i].label, true
}

// endE returns the date E of the convention rules for the centre at
// position p, and the label that ended then, if it had stopped being
// labelled by the audit date: the latest end of its labels started by
// then whose window is not empty (none: ok is false).
func (e *endedIndex) endE(p int32) (labelling.Date, int32, bool) {
	w := p >> 6
	word := e.has[w]
	if word&(1<<(p&63)) == 0 {
		return labelling.Date{}, -1, false
	}
	a := &e.at[int(e.rank[w])+bits.OnesCount64(word&(1<<(p&63)-1))]
	return a.onE, a.lblE, !a.onE.IsZero()
}

// attachments yields the competence centres with attachments and the
// positions of the centres they are attached to (-1 for an ID that is no
// centre, which the builder never lets through).
func (ix *index) attachments() iter.Seq2[int32, []int32] {
	return func(yield func(int32, []int32) bool) {
		for i, p := range ix.attachFrom {
			if !yield(p, row(ix.attachLo, ix.attachPos, i)) {
				return
			}
		}
	}
}

// filierePos returns the position of sector id in ID order.
func (ix *index) filierePos(id network.FiliereID) int32 {
	ids := ix.filiereIDs()
	k, _ := slices.BinarySearchFunc(ids, id, func(a, b network.FiliereID) int { return strings.Compare(string(a), string(b)) })
	return int32(k)
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

// teamClashes returns the clashes of every team, computed once per
// network.
func (ix *index) teamClashes(n *network.Network) (dup, mixed []teamClash) {
	st := staticOf.Of(n)
	return st.dup, st.mixed
}

// teamIDs returns every team ID in ID order.
func (ix *index) teamIDs() []network.TeamID {
	if ix.teams == nil {
		ix.teams = []network.TeamID{}
		for t := range ix.net.Teams() {
			ix.teams = append(ix.teams, t.ID)
		}
	}
	return ix.teams
}

// platformIDs returns every platform ID in ID order.
func (ix *index) platformIDs() []network.PlatformID {
	if ix.plats == nil {
		ix.plats = []network.PlatformID{}
		for p := range ix.net.Platforms() {
			ix.plats = append(ix.plats, p.ID)
		}
	}
	return ix.plats
}

// filiereIDs returns every sector ID in ID order.
func (ix *index) filiereIDs() []network.FiliereID {
	if ix.fils == nil {
		ix.fils = []network.FiliereID{}
		for f := range ix.net.Filieres() {
			ix.fils = append(ix.fils, f.ID)
		}
	}
	return ix.fils
}

// regionOrder returns the regions in the order of their codes.
var regionOrder = sync.OnceValue(func() []network.Region {
	var rs []network.Region
	for r := range network.Regions() {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b network.Region) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return rs
})

// interregionOrder returns the interregions in the order of their slugs.
var interregionOrder = sync.OnceValue(func() []network.Interregion {
	var is []network.Interregion
	for i := range network.Interregions() {
		is = append(is, i)
	}
	slices.SortFunc(is, func(a, b network.Interregion) int { return strings.Compare(a.String(), b.String()) })
	return is
})

// auditSizes remembers, for a network, how many records each built-in
// rule kept in its last audit, so that the next audit allocates them at
// their size: grown by append, a rule's records took about five times
// their final size in allocations and copies at 1e5 centres (large slices
// grow by a quarter), the largest cost of an audit that grew faster than
// the network. Audits at other dates find about as many; the slices grow
// as usual when they find more.
type auditSizes struct {
	mu     sync.Mutex
	byRule map[string]ruleSize
}

// The caps of presize's hints, per subject of the network: records of
// one rule, and evidence or list entries of all rules together. A
// realistic audit keeps under two records a centre over all rules.
const (
	maxRecsHint = 2
	maxRefsHint = 8
)

// ruleSize is what a rule kept: records, evidence, list entries.
type ruleSize struct{ recs, evs, lists int }

var sizesOf = network.NewDerived(func(*network.Network) *auditSizes {
	return &auditSizes{byRule: map[string]ruleSize{}}
})

// presize allocates the records of the rules the audit runs, and the
// index's evidence and lists, at the sizes the last audit found.
func (ix *index) presize(ctx *Context) {
	sz := sizesOf.Of(ctx.net)
	// A hint is the last audit's: one that found far more than usual (a
	// what-if on extreme thresholds) would make the next audits allocate
	// as much for nothing. Hints are capped at a few records a subject
	// (centre or convention) of the network; an audit that finds more
	// grows its slices past the cap as usual.
	subjects := ctx.net.NumCentres() + ctx.net.NumConventions() + 64
	evs, lists := 0, 0
	sz.mu.Lock()
	for i := range ctx.sel {
		if ctx.cached != nil && ctx.cached[i] != nil {
			continue
		}
		if k, ok := sz.byRule[ctx.sel[i].id]; ok {
			ctx.recs[i] = make([]rec, 0, min(k.recs, maxRecsHint*subjects))
			evs += k.evs
			lists += k.lists
		}
	}
	sz.mu.Unlock()
	ix.kept = make([]ruleSize, len(ctx.sel))
	ix.evs = make([]evRef, 0, min(evs, maxRefsHint*subjects))
	ix.lists = make([]int32, 0, min(lists, maxRefsHint*subjects))
}

// noteSizes remembers what each built-in rule of the audit kept, for the
// next audit's presize.
func (ix *index) noteSizes(ctx *Context) {
	sz := sizesOf.Of(ctx.net)
	sz.mu.Lock()
	defer sz.mu.Unlock()
	for i := range ctx.sel {
		if !ctx.sel[i].builtin || (ctx.cached != nil && ctx.cached[i] != nil) {
			continue
		}
		k := ix.kept[i]
		k.recs = len(ctx.recs[i])
		sz.byRule[ctx.sel[i].id] = k
	}
}
