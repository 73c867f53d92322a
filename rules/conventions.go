package rules

import (
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// checkGroupMismatch: list the reference parties of another group (ID
// order).
func checkGroupMismatch(ctx *Context) {
	ix := ctx.ix
	convs := ix.conventions(ctx.net)
	var bad []int32
	for i := range convs {
		cv := &convs[i]
		if cv.comp < 0 {
			continue
		}
		g := cv.group
		bad = bad[:0]
		for _, r := range ix.refs(cv) {
			if ix.info[r].group != g && !slices.Contains(bad, r) {
				bad = append(bad, r)
			}
		}
		if len(bad) == 0 {
			continue
		}
		slices.Sort(bad) // whatever the order of the parties
		r := rec{subj: int32(i), group: g, n: [3]int32{cv.comp}}
		ix.addList(&r, bad)
		ix.addEvidence(&r, evRef{kind: evConvention, a: int32(i)})
		ctx.emit(r)
	}
}

func msgGroupMismatch(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "the competence party "...)
	b = append(b, m.ix.ids[r.n[0]]...)
	b = append(b, " is of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, " but the reference party "...)
	for i, p := range m.list(r) {
		if i > 0 {
			b = append(b, " and the reference party "...)
		}
		b = append(b, m.ix.ids[p]...)
		b = append(b, ", of "...)
		b = append(b, groupName(m.ix.info[p].group)...)
	}
	b = appendMore(b, int(r.listN))
	return append(b, ": a convention binds centres of one group"...)
}

// outlives reports whether a convention recorded as running from start
// until end (zero: no end) runs past day e.
func outlives(end, e labelling.Date) bool { return end.IsZero() || end.After(e) }

// checkOutlivesReferenceLabel: one finding per convention; date the
// earliest day E a reference party it outlives stopped being labelled;
// list those parties (ID order); d[0] the convention's end; evidence: the
// convention and the label that set each party's E.
func checkOutlivesReferenceLabel(ctx *Context) {
	ix := ctx.ix
	st := staticOf.Of(ctx.net)
	var bad []int32
	var refs []evRef
	for i := range st.runs {
		cv := &st.runs[i]
		bad = bad[:0]
		var e labelling.Date
		for _, r := range st.runRefs[cv.refLo:cv.refHi] {
			on, _, ended := ix.ended.endE(r)
			if !ended || !outlives(cv.end, on) || slices.Contains(bad, r) {
				continue
			}
			if len(bad) == 0 || on.Before(e) {
				e = on
			}
			bad = append(bad, r)
		}
		if len(bad) == 0 {
			continue
		}
		slices.Sort(bad)
		r := rec{subj: int32(i), group: cv.group, date: e}
		r.d[0] = cv.end
		ix.addList(&r, bad)
		refs = refs[:0] // the parties' labels, then the convention: document order
		for _, p := range bad {
			if k, ok := ix.endLabel(p); ok {
				refs = append(refs, evRef{kind: evLabel, a: p, b: k})
			}
		}
		refs = append(refs, evRef{kind: evConvention, a: int32(i)})
		ix.addEvidence(&r, refs...)
		ctx.emit(r)
	}
}

// appendRuns appends how a convention is recorded to run.
func appendRuns(b []byte, end labelling.Date) []byte {
	if end.IsZero() {
		return append(b, "is recorded with no end"...)
	}
	b = append(b, "is recorded as running until "...)
	return appendDate(b, end)
}

func msgOutlivesReferenceLabel(b []byte, m *msgCtx, r *rec) []byte {
	if r.listN == 1 {
		b = append(b, "the reference party "...)
		b = append(b, m.ix.ids[m.list(r)[0]]...)
		b = append(b, " stopped being labelled on "...)
		b = appendDate(b, r.date)
	} else {
		b = appendInt(b, int(r.listN))
		b = append(b, " reference parties stopped being labelled, the first on "...)
		b = appendDate(b, r.date)
		b = append(b, " ("...)
		b = m.appendCentres(b, r)
		b = append(b, ')')
	}
	b = append(b, ", but the convention "...)
	b = appendRuns(b, r.d[0])
	return append(b, ": it ends when the reference centre's label ends"...)
}

// checkOutlivesCompetenceLabel: date E, the day the competence party
// stopped being labelled; d[0] the convention's end; evidence: the
// convention and the label that set E.
func checkOutlivesCompetenceLabel(ctx *Context) {
	ix := ctx.ix
	st := staticOf.Of(ctx.net)
	for i := range st.runs {
		cv := &st.runs[i]
		if cv.comp < 0 {
			continue
		}
		on, k, ended := ix.ended.endE(cv.comp)
		if !ended || !outlives(cv.end, on) {
			continue
		}
		r := rec{subj: int32(i), group: cv.group, date: on, n: [3]int32{cv.comp}}
		r.d[0] = cv.end
		if k >= 0 {
			ix.addEvidence(&r, evRef{kind: evLabel, a: cv.comp, b: k}, evRef{kind: evConvention, a: int32(i)})
		} else {
			ix.addEvidence(&r, evRef{kind: evConvention, a: int32(i)})
		}
		ctx.emit(r)
	}
}

func msgOutlivesCompetenceLabel(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "the competence party "...)
	b = append(b, m.ix.ids[r.n[0]]...)
	b = append(b, " stopped being labelled on "...)
	b = appendDate(b, r.date)
	b = append(b, ", but the convention "...)
	b = appendRuns(b, r.d[0])
	return append(b, ": it ends when the competence centre's label ends"...)
}

// checkMissingCosignatory: date the signing day S; n[0] how many of the
// group's coordinating sites in force on S did not sign, n[1] how many
// there are; list the first of them (ID order). Linear: the number of
// coordinating sites in force on S comes from the group's sorted span
// ends, the signatories that count are looked up by position, and the
// sites listed are found by a walk that stops at maxListed.
func checkMissingCosignatory(ctx *Context) {
	ix := ctx.ix
	convs := ix.conventions(ctx.net)
	var missing []int32
	var mark []int32 // per centre position: 1 + the last convention that named it a signatory
	for i := range convs {
		cv := &convs[i]
		if cv.comp < 0 {
			continue
		}
		g, s := cv.group, cv.signed
		need := ix.coordinatingInForce(g, s)
		if need == 0 {
			continue
		}
		if mark == nil {
			mark = make([]int32, len(ix.ids))
		}
		have := 0
		for _, p := range ix.sigs(cv) {
			if mark[p] == int32(i)+1 {
				continue // named twice
			}
			mark[p] = int32(i) + 1
			if in := &ix.info[p]; in.tier == typology.Reference && in.role == typology.Coordinating && in.group == g && inForce(ix.spansOf(p), s) {
				have++
			}
		}
		if have >= need {
			continue
		}
		missing = missing[:0]
		for _, p := range ix.coordinating[g] {
			if mark[p] != int32(i)+1 && inForce(ix.spansOf(p), s) {
				missing = append(missing, p)
				if len(missing) == maxListed {
					break
				}
			}
		}
		r := rec{subj: int32(i), group: g, date: s, n: [3]int32{int32(need - have), int32(need)}}
		r.list = int32(len(ix.lists))
		r.listN = int32(need - have)
		ix.lists = append(ix.lists, missing...)
		ix.addEvidence(&r, evRef{kind: evConvention, a: int32(i)})
		ctx.emit(r)
	}
}

func msgMissingCosignatory(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "signed on "...)
	b = appendDate(b, r.date)
	b = append(b, " without the co-signature of "...)
	b = appendInt(b, int(r.n[0]))
	b = append(b, " of the "...)
	b = appendPlural(b, int(r.n[1]), "coordinating site", "coordinating sites")
	b = append(b, " of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, " in force that day: "...)
	b = m.appendCentres(b, r)
	return append(b, "; the coordinators of all the reference centres of the group co-sign"...)
}
