package rules

import (
	"slices"

	"github.com/rarenet/rarenet/labelling"
)

// addLabels stores the labels ks (document indexes, in any order) of the
// visited centre as r's evidence: at most maxListed in document order, all
// of them counted. ks is sorted in place.
func (v *centreVisit) addLabels(r *rec, ks []int32) { v.ix.addLabels(r, v.pos, ks) }

// addLabels stores the labels ks (document indexes, in any order) of the
// centre at position p as r's evidence: at most maxListed in document
// order, all of them counted. ks is sorted in place.
func (ix *index) addLabels(r *rec, p int32, ks []int32) {
	slices.Sort(ks)
	ix.addSortedLabels(r, p, ks[:min(len(ks), maxListed)], int32(len(ks)))
}

// addSortedLabels stores the labels ks (document indexes, in order, at
// most maxListed) of the centre at position p as r's evidence, n of them
// in all.
func (ix *index) addSortedLabels(r *rec, p int32, ks []int32, n int32) {
	r.evLo = int32(len(ix.evs))
	for _, k := range ks {
		ix.evs = append(ix.evs, evRef{kind: evLabel, a: p, b: k})
	}
	r.evHi = int32(len(ix.evs))
	r.evN = n
}

// visitWindowTooLong reports the centre's labels whose initial window is
// longer than the term: d[0], d[1] the initial window of the first (by
// start), n[0] by how many days, d[2]... the limit is recomputed from
// the start; n[1] the number of such labels.
func visitWindowTooLong(ctx *Context, v *centreVisit) {
	term := ctx.cfg.LabelTerm
	ls := v.labels()
	var r rec
	var ks []int32
	for i := range ls {
		in := ls[i].Initial()
		// term years hold at least 365*term days: a shorter window needs
		// no calendar arithmetic.
		if in.End().Sub(in.Start()) <= 365*term {
			continue
		}
		limit := v.ix.termEnd(in.Start(), term)
		if limit.IsZero() || !in.End().After(limit) {
			continue
		}
		if len(ks) == 0 || in.Start().Before(r.d[0]) {
			r.d = [4]labelling.Date{in.Start(), in.End()}
		}
		ks = append(ks, int32(i))
	}
	if len(ks) == 0 {
		return
	}
	x := v.rec()
	x.date, x.d, x.n[1] = r.d[0], r.d, int32(len(ks))
	v.addLabels(&x, ks)
	ctx.emit(x)
}

func msgWindowTooLong(b []byte, m *msgCtx, r *rec) []byte {
	term := m.ctx.cfg.LabelTerm
	limit := r.d[0].AddDate(term, 0, 0)
	b = append(b, "label granted from "...)
	b = appendDate(b, r.d[0])
	b = append(b, " until "...)
	b = appendDate(b, r.d[1])
	b = append(b, ", "...)
	b = appendPlural(b, r.d[1].Sub(limit), "day", "days")
	b = append(b, " longer than the "...)
	b = appendInt(b, term)
	b = append(b, "-year term (it should end by "...)
	b = appendDate(b, limit)
	b = append(b, " at the latest)"...)
	return appendOthers(b, int(r.n[1])-1, "other label", "other labels")
}

// appendOthers appends ", and N other things too" when n > 0.
func appendOthers(b []byte, n int, one, many string) []byte {
	if n <= 0 {
		return b
	}
	b = append(b, ", and "...)
	b = appendPlural(b, n, one, many)
	return append(b, " too"...)
}

// visitExtensionWithoutBasis reports the extensions without an act: the
// first by date is described (d[0] its date, d[1] its label's start, d[2]
// its new end), n[0] counts them all.
func visitExtensionWithoutBasis(ctx *Context, v *centreVisit) {
	ls := v.labels()
	var x rec
	var refs []evRef
	for i := range ls {
		l := &ls[i]
		if l.NumEvents() == 0 {
			continue
		}
		k := int32(-1)
		for e := range l.Events() {
			k++
			if e.Kind != labelling.Extension || !e.Act.IsZero() {
				continue
			}
			if len(refs) == 0 || e.Date.Before(x.d[0]) {
				x.d = [4]labelling.Date{e.Date, l.Start(), e.Until}
			}
			refs = append(refs, evRef{kind: evEvent, a: v.pos, b: int32(i), c: k})
		}
	}
	if len(refs) == 0 {
		return
	}
	r := v.rec()
	r.date, r.d, r.n[0] = x.d[0], x.d, int32(len(refs))
	v.ix.addEvidence(&r, refs...)
	ctx.emit(r)
}

func msgExtensionWithoutBasis(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "the extension of "...)
	b = appendDate(b, r.d[0])
	b = append(b, " of the label granted on "...)
	b = appendDate(b, r.d[1])
	b = append(b, " (new end "...)
	b = appendDate(b, r.d[2])
	b = append(b, ") records no act"...)
	b = appendOthers(b, int(r.n[0])-1, "other extension without an act", "other extensions without an act")
	return append(b, ": a label is extended only by a legal act"...)
}

// visitOverlap reports the labels of the centre whose effective windows
// intersect another's: one sweep over the labels in start order (a label
// meets another exactly when it starts before the latest end of those
// before it, or the next one starts before its end). d[0], d[1] the
// windows' first intersection, date its start; n[0], n[1] the two labels
// whose intersection it is (document indexes).
func visitOverlap(ctx *Context, v *centreVisit) {
	ls := v.labels()
	if len(ls) < 2 {
		return
	}
	// The windows are pairwise disjoint exactly when their union, the
	// spans, has as many days as they have together.
	days := 0
	for i := range ls {
		days += ls[i].Effective().Days()
	}
	for _, s := range v.spans {
		days -= s.Days()
	}
	if days == 0 {
		return
	}
	var order []int32
	for k, l := range v.hist().Ordered() {
		if !l.Effective().IsEmpty() {
			order = append(order, int32(k))
		}
	}
	in := make([]bool, len(ls))
	var ks []int32
	mark := func(k int32) {
		if !in[k] {
			in[k] = true
			ks = append(ks, k)
		}
	}
	var r rec
	found := false
	maxK := int32(-1)
	var maxEnd labelling.Date
	for i, k := range order {
		w := ls[k].Effective()
		if maxK >= 0 && w.Start().Before(maxEnd) {
			mark(k)
			mark(maxK)
			if !found {
				found = true
				r = v.rec()
				r.date = w.Start()
				a := ls[maxK].Effective()
				r.d = [4]labelling.Date{a.Start(), a.End(), w.Start(), w.End()}
			}
		}
		if i+1 < len(order) && ls[order[i+1]].Effective().Start().Before(w.End()) {
			mark(k)
		}
		if maxK < 0 || w.End().After(maxEnd) {
			maxK, maxEnd = k, w.End()
		}
	}
	if !found {
		return
	}
	r.n[2] = int32(len(ks))
	v.addLabels(&r, ks)
	ctx.emit(r)
}

func minDate(a, b labelling.Date) labelling.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func msgOverlap(b []byte, m *msgCtx, r *rec) []byte {
	if r.n[2] > 2 {
		b = appendInt(b, int(r.n[2]))
		b = append(b, " labels are in force at once on some days; first, labels "...)
	} else {
		b = append(b, "labels "...)
	}
	b = appendWindow(b, r.d[0], r.d[1])
	b = append(b, " and "...)
	b = appendWindow(b, r.d[2], r.d[3])
	b = append(b, " are both in force from "...)
	b = appendDate(b, r.date)
	b = append(b, " until "...)
	b = appendDate(b, minDate(r.d[1], r.d[3]))
	return append(b, ": a centre holds one label at a time"...)
}

func visitGap(ctx *Context, v *centreVisit) {
	if len(v.labels()) < 2 {
		return
	}
	var first labelling.Window
	var next int
	n := 0
	for k, g := range v.hist().Gaps() {
		if n == 0 {
			first, next = g, k
		}
		n++
	}
	if n == 0 {
		return
	}
	r := v.rec()
	r.date = first.Start()
	r.d = [4]labelling.Date{first.Start(), first.End(), v.labels()[next].Start()}
	r.n[0], r.n[1] = int32(next), int32(n)
	v.ix.addEvidence(&r, evRef{kind: evLabel, a: v.pos, b: int32(next)})
	ctx.emit(r)
}

func msgGap(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "unlabelled from "...)
	b = appendDate(b, r.d[0])
	b = append(b, " until "...)
	b = appendDate(b, r.d[1])
	b = append(b, " ("...)
	b = appendPlural(b, r.d[1].Sub(r.d[0]), "day", "days")
	b = append(b, ") before the label granted from "...)
	b = appendDate(b, r.d[2])
	if r.n[1] > 1 {
		b = append(b, ", and "...)
		b = appendPlural(b, int(r.n[1])-1, "other gap", "other gaps")
		b = append(b, " later"...)
	}
	return b
}

// visitRenewalWithoutEvaluation reports the centre's first renewal whose
// previous label carries no evaluation: n[0] the renewal, n[1] the
// previous label, n[2] the number of such renewals; evidence: the
// previous labels.
func visitRenewalWithoutEvaluation(ctx *Context, v *centreVisit) {
	if len(v.labels()) < 2 {
		return
	}
	var r rec
	var ks []int32
	for k, p := range v.hist().RenewedWithoutEvaluation() {
		if len(ks) == 0 {
			r = v.rec()
			r.date = v.labels()[k].Start()
			w := v.labels()[p].Effective()
			r.d = [4]labelling.Date{r.date, w.Start(), w.End()}
		}
		if !slices.Contains(ks, int32(p)) {
			ks = append(ks, int32(p))
		}
		r.n[2]++
	}
	if len(ks) == 0 {
		return
	}
	v.addLabels(&r, ks)
	ctx.emit(r)
}

func msgRenewalWithoutEvaluation(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "the label granted from "...)
	b = appendDate(b, r.d[0])
	b = append(b, " renews the label in force "...)
	b = appendWindow(b, r.d[1], r.d[2])
	b = append(b, ", which carries no evaluation dated inside it"...)
	b = appendOthers(b, int(r.n[2])-1, "other renewal like it", "other renewals like it")
	return append(b, ": a centre is evaluated before its label is renewed"...)
}

// visitActivityOutsideWindow reports each activity year in which the
// centre held no label in force on any day: n[0] the patients, n[1] the
// entry's index.
func visitActivityOutsideWindow(ctx *Context, v *centreVisit) {
	acts := v.activity()
	if len(acts) == 0 {
		return
	}
	if ys := v.yearSpans(); len(ys) == 1 && ys[0].touches(acts[0].Year) && ys[0].touches(acts[len(acts)-1].Year) {
		return // one span touches every year from the first to the last (activity is by year, increasing)
	}
	for i := range acts {
		a := &acts[i]
		if v.touched(a.Year) {
			continue
		}
		r := v.rec()
		r.year = int32(a.Year)
		r.n[0] = int32(a.Patients)
		v.ix.addEvidence(&r, evRef{kind: evActivity, a: v.pos, b: int32(i)})
		ctx.emit(r)
	}
}

func msgActivityOutsideWindow(b []byte, m *msgCtx, r *rec) []byte {
	b = appendInt(b, int(r.year))
	b = append(b, ": activity recorded ("...)
	b = appendPlural(b, int(r.n[0]), "patient", "patients")
	return append(b, " followed) for a year in which the centre held no label in force on any day"...)
}

// checkLapsed reports the centres no longer labelled: date the day each
// stopped; evidence: the label that ended last. The index holds them.
func checkLapsed(ctx *Context) {
	ix := ctx.ix
	for i, p := range ix.ended.pos {
		e := &ix.ended.at[i]
		r := rec{subj: p, group: ix.info[p].group, date: e.on}
		if e.label >= 0 {
			ix.addEvidence(&r, evRef{kind: evLabel, a: p, b: e.label})
		}
		ctx.emit(r)
	}
}

func msgLapsed(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "no label in force on "...)
	b = appendDate(b, m.ctx.at)
	b = append(b, ": the centre stopped being labelled on "...)
	return appendDate(b, r.date)
}
