package labelling

import (
	"cmp"
	"iter"
	"slices"
)

// A History is the labels of one centre, ordered as RULES.md orders them to
// find renewals, gaps and overlaps: by start, then effective end (see
// [Label.End]), then document order (the order of the slice given to
// [NewHistory]). In that order, a label's previous label is the one just
// before it, and there is a gap before a label when its start is after the
// latest effective end of all the labels before it.
//
// Labels are named by their document index: k is the k-th label of the
// slice given to NewHistory, whatever its place in the order.
//
// A History is immutable and safe for concurrent use. Building one sorts
// the labels, O(n log n) with one allocation (none with [History.Reuse]);
// no query after that allocates. The zero History holds no label.
type History struct {
	ls []Label // document order, owned
	// es holds the labels' keys in RULES.md order. Two more arrays share
	// its allocation: es[i].rank is NOT the rank of es[i] but the position
	// in es of the label of document index i, and es[:nspans].span are
	// the spans (see History.Spans).
	es     []histEntry
	nspans int
}

type histEntry struct {
	start  Date   // label.Start()
	end    Date   // label.End(): effective end, the start for an empty window
	maxEnd Date   // the latest end among es[0..i], this entry included
	doc    int32  // document index of this entry
	rank   int32  // position in es of the label of document index i (see History)
	span   Window // the i-th span, for i < nspans
}

// NewHistory returns the history of one centre's labels, given in
// document order. The History takes ownership of ls, which the caller must
// not modify afterwards (pass slices.Clone(ls) to keep using it).
func NewHistory(ls []Label) History {
	return History{}.Reuse(ls)
}

// Reuse is like [NewHistory] but reuses h's storage when it is large
// enough, which saves the allocation when one goroutine builds the
// histories of many centres in turn. h must not be used afterwards (nor
// any copy of it).
func (h History) Reuse(ls []Label) History {
	if len(ls) == 0 {
		return History{es: h.es[:0]}
	}
	es := h.es[:0]
	if cap(es) < len(ls) {
		es = make([]histEntry, len(ls))
	}
	es = es[:len(ls)]
	for i := range ls {
		l := &ls[i] // by index: a Label is too big to copy per entry
		es[i] = histEntry{start: l.Start(), end: l.End(), doc: int32(i)}
	}
	sortEntries(es)
	h = History{ls: ls, es: es}
	var max Date
	for i := range es {
		e := &es[i]
		es[e.doc].rank = int32(i)
		if e.end.After(max) {
			max = e.end
		}
		e.maxEnd = max
		if !e.end.After(e.start) {
			continue // empty effective window
		}
		// The spans are written behind the reading position i: there are
		// never more spans than entries read.
		if n := h.nspans; n > 0 && !e.start.After(es[n-1].span.end) {
			if e.end.After(es[n-1].span.end) {
				es[n-1].span.end = e.end
			}
			continue
		}
		es[h.nspans].span = Window{e.start, e.end}
		h.nspans++
	}
	return h
}

// sortEntries sorts es by start, end, then document index: insertion
// sort for the few labels a centre usually has, a general sort otherwise.
func sortEntries(es []histEntry) {
	less := func(a, b *histEntry) bool {
		if a.start != b.start {
			return a.start.Before(b.start)
		}
		if a.end != b.end {
			return a.end.Before(b.end)
		}
		return a.doc < b.doc
	}
	if len(es) > 12 {
		slices.SortFunc(es, func(a, b histEntry) int {
			return cmp.Or(a.start.Compare(b.start), a.end.Compare(b.end), cmp.Compare(a.doc, b.doc))
		})
		return
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && less(&es[j], &es[j-1]); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// Len returns the number of labels.
func (h History) Len() int { return len(h.es) }

// Label returns the label of document index k. It panics if k is out of
// range, as indexing a slice does.
func (h History) Label(k int) Label { return h.ls[k] }

// Ordered yields the document index and the label of every label, in
// RULES.md order: by start, then effective end, then document index.
func (h History) Ordered() iter.Seq2[int, Label] {
	return func(yield func(int, Label) bool) {
		for _, e := range h.es {
			if !yield(int(e.doc), h.ls[e.doc]) {
				return
			}
		}
	}
}

// Previous returns the document index of the label just before label k in
// RULES.md order. It reports false for the first label, which renews
// nothing, and for a k out of range.
func (h History) Previous(k int) (int, bool) {
	if k < 0 || k >= len(h.es) {
		return 0, false
	}
	r := h.es[k].rank
	if r == 0 {
		return 0, false
	}
	return int(h.es[r-1].doc), true
}

// GapBefore reports whether there is a gap before label k: whether its
// start is after the latest effective end of all the labels before it in
// RULES.md order. The gap is the window from that latest end to the
// label's start, the days in which the centre held no label. The first
// label has no gap before it.
func (h History) GapBefore(k int) (Window, bool) {
	if k < 0 || k >= len(h.es) {
		return Window{}, false
	}
	return h.gapAt(int(h.es[k].rank))
}

func (h History) gapAt(r int) (Window, bool) {
	if r == 0 {
		return Window{}, false
	}
	last, start := h.es[r-1].maxEnd, h.es[r].start
	if !start.After(last) {
		return Window{}, false
	}
	return Window{last, start}, true
}

// Gaps yields, in RULES.md order, the document index of every label with a
// gap before it, and the gap (see [History.GapBefore]). The rule label.gap
// reports the first one: one finding per centre.
func (h History) Gaps() iter.Seq2[int, Window] {
	return func(yield func(int, Window) bool) {
		for r := 1; r < len(h.es); r++ {
			if g, ok := h.gapAt(r); ok && !yield(int(h.es[r].doc), g) {
				return
			}
		}
	}
}

// Overlaps yields every pair of labels whose effective windows intersect,
// as document indexes (a, b) with a before b in RULES.md order. Pairs come
// ordered by b's place in that order, then a's. A label whose effective
// window is empty overlaps nothing.
//
// It takes O(n + pairs) time after the sort; it allocates only when more
// than 16 labels are in force on one day.
func (h History) Overlaps() iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		// active holds the positions, in order, of the earlier labels still
		// in force at the current start; since starts never decrease, a
		// label that ended before one start ends before every later one.
		var buf [16]int32
		active := buf[:0]
		for r := 1; r < len(h.es); r++ {
			e := h.es[r]
			if !e.start.Before(h.es[r-1].maxEnd) {
				// Nothing before r reaches its start: no pair, and no
				// earlier label can pair with a later one either.
				active = active[:0]
				continue
			}
			if len(active) == 0 {
				// Not built since the last reset (a built list cannot
				// be empty here: it would hold the label that reaches
				// past e.start). Build it from the labels still in force
				// at e.start, scanning back; this happens once per run
				// of overlapping labels, so each label is scanned once.
				for q := r - 1; q >= 0 && h.es[q].maxEnd.After(e.start); q-- {
					if h.es[q].end.After(e.start) && h.es[q].end.After(h.es[q].start) {
						active = append(active, int32(q))
					}
				}
				slices.Reverse(active)
			} else {
				// Drop the labels that ended by e.start.
				n := 0
				for _, q := range active {
					if h.es[q].end.After(e.start) {
						active[n] = q
						n++
					}
				}
				active = active[:n]
			}
			if e.end.After(e.start) {
				for _, q := range active {
					if !yield(int(h.es[q].doc), int(e.doc)) {
						return
					}
				}
				active = append(active, int32(r))
			}
		}
	}
}

// RenewedWithoutEvaluation yields, in RULES.md order, the document index of
// every label k that has a previous label p (see [History.Previous]) that
// carries no evaluation dated inside its own effective window (see
// [Label.Evaluated]), and p. This is the rule
// label.renewal-without-evaluation.
func (h History) RenewedWithoutEvaluation() iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for r := 1; r < len(h.es); r++ {
			p := h.es[r-1].doc
			if !h.ls[p].Evaluated() && !yield(int(h.es[r].doc), int(p)) {
				return
			}
		}
	}
}

// Spans yields, in order, the maximal windows in which the centre held a
// label in force on every day: the union of the labels' effective windows,
// with windows that overlap or touch merged (a renewal that starts on the
// day the previous label ends leaves no break).
func (h History) Spans() iter.Seq[Window] {
	return func(yield func(Window) bool) {
		for _, e := range h.es[:h.nspans] {
			if !yield(e.span) {
				return
			}
		}
	}
}

// spanAfter returns the index of the first span that ends after d
// (h.nspans if none).
func (h History) spanAfter(d Date) int {
	if h.nspans <= 8 { // the usual case: a linear scan beats bisection
		for i, e := range h.es[:h.nspans] {
			if e.span.end.After(d) {
				return i
			}
		}
		return h.nspans
	}
	lo, hi := 0, h.nspans
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if h.es[m].span.end.After(d) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// span returns the index of the span containing d, or -1.
func (h History) span(d Date) int {
	if i := h.spanAfter(d); i < h.nspans && !h.es[i].span.start.After(d) {
		return i
	}
	return -1
}

// InForce reports whether some label is in force on day d.
func (h History) InForce(d Date) bool { return h.span(d) >= 0 }

// Covers reports whether some label is in force on every day of w. An
// empty w is covered.
func (h History) Covers(w Window) bool {
	if w.IsEmpty() {
		return true
	}
	i := h.span(w.start)
	return i >= 0 && !h.es[i].span.end.Before(w.end)
}

// CoversYear reports whether the centre was labelled on every day of
// calendar year y: whether the union of its labels' effective windows
// covers the year. It is false for a year out of range.
func (h History) CoversYear(y int) bool {
	yw := YearWindow(y)
	return !yw.IsEmpty() && h.Covers(yw)
}

// CoveredYears yields, in increasing order, the calendar years on every
// day of which the centre was labelled (see [History.CoversYear]).
func (h History) CoveredYears() iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, e := range h.es[:h.nspans] {
			for y := range e.span.WholeYears() {
				if !yield(y) {
					return
				}
			}
		}
	}
}

// InForceDuring reports whether some label is in force on at least one day
// of w. A year with activity but no label in force on any day of it is
// what the rule label.activity-outside-window reports:
// !h.InForceDuring(YearWindow(y)).
func (h History) InForceDuring(w Window) bool {
	if w.IsEmpty() {
		return false
	}
	// The first span ending after w's start must start before w's end.
	i := h.spanAfter(w.start)
	return i < h.nspans && h.es[i].span.start.Before(w.end)
}

// LatestEnd returns the latest effective end (see [Label.End]) among the
// labels that started on or before d. It reports false when no label had
// started by d. The result is after d exactly when some label is in force
// on d.
func (h History) LatestEnd(d Date) (Date, bool) {
	// n is the number of labels with start <= d.
	n, hi := 0, len(h.es)
	for n < hi {
		m := int(uint(n+hi) >> 1)
		if h.es[m].start.After(d) {
			hi = m
		} else {
			n = m + 1
		}
	}
	if n == 0 {
		return Date{}, false
	}
	return h.es[n-1].maxEnd, true
}

// EndedBy reports the day E on which the centre stopped being labelled, if
// it had by day d: E is [History.LatestEnd] of d, when that is on or
// before d. Then no label is in force on d although one ended on or before
// d (the rule label.lapsed); a convention still running after E outlives
// its reference party's label (convention.outlives-reference-label). A
// centre whose first label starts after d has not ended.
func (h History) EndedBy(d Date) (Date, bool) {
	e, ok := h.LatestEnd(d)
	if !ok || e.After(d) {
		return Date{}, false
	}
	return e, true
}
