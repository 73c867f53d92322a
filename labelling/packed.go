package labelling

import (
	"iter"
	"math"
	"slices"

	"github.com/rarenet/rarenet/typology"
)

// A Packed holds a sequence of labels in compact form, for programs that
// keep many labels in memory for a long time: a national network holds
// about four labels a centre, and as a []Label each costs some 120 bytes
// plus an allocation for its events, the largest part of a decoded
// network's heap.
//
// A Packed keeps each label in 32 bytes: its days as the day numbers a
// [Date] already is, and indexes into tables that store an act, a
// designation, a provenance or a sequence of events once for the labels
// that share it (the acts, evaluations and extensions of a labelling
// campaign recur across the labels of a network). [Packed.At] gives a
// label back as a [Label] value without allocating: the label's events are
// a view of the shared table, which no method of Label writes to or lets
// its caller reach.
//
// Build one with [Pack], or label by label with a [Packer]. A Packed is
// immutable and safe for concurrent use; the zero Packed holds no labels.
type Packed struct {
	recs         []packedLabel
	events       []Event // sequences of events, shared by the labels that have them
	acts         []Act   // acts[0] is the zero Act, and so on for each table
	designations []Designation
	// The provenances, as their sources and marks apart: 17 bytes each,
	// not 24 (a provenance is often a line of a file, one per label).
	sources []string
	marks   []typology.Mark
}

// packedLabel is a label of a Packed: its initial window, the end of its
// effective window (zero when the window is empty: it then is the zero
// Window, as NewLabel makes it), and positions in the tables of the Packed
// (0 in each table is the zero value). Its events are
// events[events : events+numEvents].
type packedLabel struct {
	start, end, effEnd Date
	act                uint32
	designation        uint32
	provenance         uint32
	events, numEvents  uint32
}

// Pack returns the labels ls, in order, packed. It panics when ls holds
// 2^32-1 labels or 2^32 events or more: a []Label that large would take
// over 500 GB.
func Pack(ls []Label) Packed {
	var pk Packer
	pk.Grow(len(ls))
	for _, l := range ls {
		pk.Add(l)
	}
	return pk.Packed()
}

// A Packer packs labels one at a time, for labels that are not in one
// slice (a network's, centre by centre), which [Pack] would need a copy
// of. The zero Packer is ready to use.
type Packer struct {
	recs         []packedLabel
	acts         valueTable[Act]
	designations valueTable[Designation]
	provenances  valueTable[typology.Provenance]
	events       eventTable
}

// Grow makes room for n more labels, so that adding them does not move
// those added before.
func (pk *Packer) Grow(n int) { pk.recs = slices.Grow(pk.recs, n) }

// Len returns the number of labels added.
func (pk *Packer) Len() int { return len(pk.recs) }

// Add packs label l after those added before. It panics when pk already
// holds 2^32-2 labels, or l's events would bring it to 2^32 events.
func (pk *Packer) Add(l Label) {
	// Each table holds at most one entry per label (events: per event)
	// after its zero value, so its indexes fit a uint32 as the labels' do.
	// Counted in uint64: on 32-bit platforms an int cannot reach the limits.
	if uint64(len(pk.recs)) >= math.MaxUint32-1 || uint64(len(pk.events.vals))+uint64(len(l.events)) >= math.MaxUint32 {
		panic("labelling: Packer.Add: more labels or events than a Packed counts")
	}
	a, d, pr := l.act, l.designation, l.provenance
	r := packedLabel{
		start: l.initial.start, end: l.initial.end,
		act:         pk.acts.index(a, mix(uint64(a.Kind), a.Date)),
		designation: pk.designations.index(d, mix(mix(uint64(d.Route), d.CNCLOpinion), d.Decision)),
		provenance:  pk.provenances.index(pr, uint64(pr.Mark)<<32|uint64(len(pr.Source))),
		numEvents:   uint32(len(l.events)),
	}
	if l.effective != (Window{}) {
		r.effEnd = l.effective.end
	}
	if len(l.events) > 0 {
		r.events = pk.events.index(l.events)
	}
	pk.recs = append(pk.recs, r)
}

// Packed returns the labels added, in order, packed, and leaves pk empty,
// ready to pack others.
func (pk *Packer) Packed() Packed {
	p := Packed{
		recs:         clip(pk.recs),
		events:       clip(pk.events.vals),
		acts:         pk.acts.table(),
		designations: pk.designations.table(),
	}
	provs := pk.provenances.vals
	n := max(len(provs), 1) // index 0 is the zero provenance, also when none was added
	p.sources = make([]string, n)
	p.marks = make([]typology.Mark, n)
	for i, pr := range provs {
		p.sources[i], p.marks[i] = pr.Source, pr.Mark
	}
	*pk = Packer{}
	return p
}

// The tables of a Packed store each value once in the common case, not
// always: a value is found by a key made of its numbers only (kinds and
// dates), which points at the last value stored with that key. Hashing the
// strings of acts and provenances in a map made Pack three times slower;
// their numbers tell apart the acts, designations and events that recur
// in a network (a campaign's arrêté, the evaluations of a campaign), and
// a provenance recurs from one record to the next or not at all (a line
// of a file). A value whose key was last used by another is stored again,
// which costs memory, never correctness.

// mix adds day d to the key k.
func mix(k uint64, d Date) uint64 { return (k*0x9E3779B97F4A7C15)>>7 ^ uint64(uint32(d.n)) }

// A valueTable stores distinct values. Its zero value is empty; once a
// value is added, vals[0] is the zero value, index 0 meaning it.
type valueTable[T comparable] struct {
	vals []T
	last map[uint64]uint32 // key -> the index of the last value with that key
}

// index returns the index in t of v, whose key is k, adding v unless it
// is the last value stored under k.
func (t *valueTable[T]) index(v T, k uint64) uint32 {
	var zero T
	if v == zero {
		return 0
	}
	if t.last == nil {
		t.last = map[uint64]uint32{}
		t.vals = append(t.vals, zero)
	}
	if i, ok := t.last[k]; ok && t.vals[i] == v {
		return i
	}
	i := uint32(len(t.vals))
	t.vals = append(t.vals, v)
	t.last[k] = i
	return i
}

// table returns the values of t as a Packed holds them: index 0 is the
// zero value, also when t is empty.
func (t *valueTable[T]) table() []T {
	if len(t.vals) == 0 {
		return make([]T, 1)
	}
	return clip(t.vals)
}

// An eventTable stores the sequences of events of labels as a valueTable does
// its values: a sequence found again under its key is stored once.
type eventTable struct {
	vals []Event
	last map[uint64]struct{ at, n uint32 } // key -> the last sequence vals[at:at+n] with it
}

// index returns the position of evs, not empty, in t.vals, adding them
// unless they are the last sequence stored under their key.
func (t *eventTable) index(evs []Event) uint32 {
	if t.last == nil {
		t.last = map[uint64]struct{ at, n uint32 }{}
	}
	k := uint64(len(evs))
	for _, e := range evs {
		k = mix(mix(mix(k, e.Date), e.Until), e.Act.Date) ^ uint64(e.Kind)<<56 ^ uint64(e.Type)<<48 ^ uint64(e.Act.Kind)<<40
	}
	if s, ok := t.last[k]; ok && int(s.n) == len(evs) && slices.Equal(t.vals[s.at:s.at+s.n], evs) {
		return s.at
	}
	at := uint32(len(t.vals))
	t.vals = append(t.vals, evs...)
	t.last[k] = struct{ at, n uint32 }{at, uint32(len(evs))}
	return at
}

// clip returns s in an array of its own length, so that what append
// reserved beyond it is not kept for the life of the Packed.
func clip[T any](s []T) []T {
	if cap(s) == len(s) {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}

// Len returns the number of labels.
func (p *Packed) Len() int { return len(p.recs) }

// At returns label i, 0 <= i < [Packed.Len], equal (see [Label.Equal]) to
// the label packed there. It does not allocate. It panics when i is out of
// range, as indexing a slice does.
func (p *Packed) At(i int) Label {
	var l Label
	p.load(&l, &p.recs[i])
	return l
}

// AppendTo appends labels lo to hi-1, as [Packed.At] returns them, to dst
// and returns the extended slice. It panics when lo or hi is out of range
// (0 <= lo <= hi <= [Packed.Len]), as slicing does.
func (p *Packed) AppendTo(dst []Label, lo, hi int) []Label {
	recs := p.recs[lo:hi]
	n := len(dst)
	dst = slices.Grow(dst, len(recs))[:n+len(recs)]
	// Each label is written in place: building it and copying it in costs
	// twice the time (a Label is 120 bytes).
	for k := range recs {
		p.load(&dst[n+k], &recs[k])
	}
	return dst
}

// load sets *l to the label r.
func (p *Packed) load(l *Label, r *packedLabel) {
	// One assignment of the whole Label, so that a field added to Label
	// one day cannot keep a stale value in a reused dst (AppendTo).
	*l = Label{
		initial:     Window{r.start, r.end},
		act:         p.acts[r.act],
		designation: p.designations[r.designation],
		provenance:  typology.Provenance{Source: p.sources[r.provenance], Mark: p.marks[r.provenance]},
	}
	if !r.effEnd.IsZero() {
		l.effective = Window{r.start, r.effEnd}
	}
	if r.numEvents > 0 {
		end := r.events + r.numEvents
		// Capped at its own end, and never written to by Label: the
		// labels that share these events cannot see each other.
		l.events = p.events[r.events:end:end]
	}
}

// Effective returns the effective window of label i (see
// [Label.Effective]), without reading the rest of the label.
func (p *Packed) Effective(i int) Window {
	r := &p.recs[i]
	if r.effEnd.IsZero() {
		return Window{}
	}
	return Window{r.start, r.effEnd}
}

// All yields the labels in order, as [Packed.At] returns them.
func (p *Packed) All() iter.Seq[Label] {
	return func(yield func(Label) bool) {
		for i := range p.recs {
			if !yield(p.At(i)) {
				return
			}
		}
	}
}
