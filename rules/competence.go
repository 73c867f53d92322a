package rules

import (
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// visitMinActiveFile: year, n[0] the patients, d[0], d[1] the span that
// covers the year, n[1] whether it is one label's window; evidence: the
// activity year.
func visitMinActiveFile(ctx *Context, v *centreVisit) {
	c := &v.c
	if c.Tier != typology.Competence {
		return
	}
	min := ctx.cfg.MinActiveFile
	acts := v.activity()
	for i := range acts {
		a := &acts[i]
		if a.Patients >= min {
			continue
		}
		s, single, ok := v.wholeSpan(a.Year)
		if !ok {
			continue // not labelled on every day of the year: not judged
		}
		r := v.rec()
		r.year = int32(a.Year)
		r.n[0] = int32(a.Patients)
		if single {
			r.n[1] = 1
		}
		r.d[0], r.d[1] = s.Start(), s.End()
		v.ix.addEvidence(&r, evRef{kind: evActivity, a: v.pos, b: int32(i)})
		ctx.emit(r)
	}
}

func msgMinActiveFile(b []byte, m *msgCtx, r *rec) []byte {
	b = appendInt(b, int(r.year))
	b = append(b, ": "...)
	b = appendPlural(b, int(r.n[0]), "patient", "patients")
	b = append(b, " followed, below the minimum active file of "...)
	b = appendInt(b, m.ctx.cfg.MinActiveFile)
	b = append(b, " a year; "...)
	return describeSpan(b, labelling.MustWindow(r.d[0], r.d[1]), r.n[1] == 1)
}

// checkActivityMissing: year, d[0], d[1] the span that covers it, n[0]
// whether it is one label's window; evidence: the labels in force on every
// day of the year. The network's centre table lists the years without
// activity of every competence centre's wholly labelled years, and which
// labels cover each: an audit keeps those before its year.
func checkActivityMissing(ctx *Context) {
	ix := ctx.ix
	t := ix.tab
	for i, first := range t.missingFirst {
		if int(first) >= ix.atYear {
			continue
		}
		m := &t.missing[i]
		last := min(int(m.last), ix.atYear-1)
		for y := int(m.first); y <= last; y++ {
			r := rec{subj: m.pos, group: m.group, year: int32(y)}
			r.n[0] = int32(m.single)
			r.d[0], r.d[1] = m.start, m.end
			ix.addSortedLabels(&r, m.pos, m.labels[:min(m.n, maxListed)], m.n)
			ctx.emit(r)
		}
	}
}

func msgActivityMissing(b []byte, m *msgCtx, r *rec) []byte {
	b = appendInt(b, int(r.year))
	b = append(b, ": no activity recorded for a year in which the competence centre was labelled on every day ("...)
	b = describeSpan(b, labelling.MustWindow(r.d[0], r.d[1]), r.n[0] == 1)
	return append(b, "), so its active file cannot be judged"...)
}

// checkInterregionalPreferred: listN the number of diseases; evidence: the
// centre. The network's centre table holds the regional competence centres
// that list diseases, with the commonest prevalence among them.
func checkInterregionalPreferred(ctx *Context) {
	ix := ctx.ix
	low := ctx.cfg.LowPrevalence
	for _, c := range ix.tab.regional {
		if !c.worst.Below(low) || !ix.live.in(c.pos) {
			continue
		}
		r := rec{subj: c.pos, group: c.group, listN: c.n}
		ix.addEvidence(&r, evRef{kind: evCentre, a: c.pos})
		ctx.emit(r)
	}
}

func msgInterregionalPreferred(b []byte, m *msgCtx, r *rec) []byte {
	cv := m.ix.net.CentreAt(int(r.subj))
	names := make([]string, 0, cv.NumDiseases())
	for k := range cv.NumDiseases() {
		d := cv.Disease(k)
		names = append(names, d.Name+" ("+d.Prevalence.String()+")")
	}
	slices.Sort(names) // whatever the order of the list
	b = append(b, "regional competence centre in force on "...)
	b = appendDate(b, m.ctx.at)
	b = append(b, " whose listed diseases are all of low prevalence, below "...)
	b = append(b, m.ctx.cfg.LowPrevalence.String()...)
	b = append(b, ": "...)
	b = append(b, strings.Join(names[:min(len(names), maxListed)], ", ")...)
	b = appendMore(b, len(names))
	return append(b, "; interregional competence centres are preferred for low-prevalence diseases"...)
}

// checkUnattached: n[0] 0 when the centre has no convention running at
// the audit date and no attachment, 1 when it has some but none with a
// reference centre of its group in force; evidence: the centre and its
// conventions running at the audit date.
func checkUnattached(ctx *Context) {
	ix, at := ctx.ix, ctx.at
	st := staticOf.Of(ctx.net)
	t := ix.tab
	a := 0 // the next centre with attachments: t.attachFrom is in position order
	var refs []evRef
	for i, p := range st.comps {
		for a < len(t.attachFrom) && t.attachFrom[a] < p {
			a++
		}
		if !ix.live.in(p) {
			continue
		}
		// 0 nothing, 1 conventions or attachments, none valid, 2 attached.
		state := int32(0)
		refs = append(refs[:0], evRef{kind: evCentre, a: p}) // then its conventions: document order
		for k := st.compLo[i]; k < st.compLo[i+1]; k++ {
			cc := &st.compConvs[k]
			if !cc.running(at) {
				continue
			}
			if ix.anyLive(st.compSame[cc.sameLo:cc.sameHi]) {
				state = 2
				break
			}
			state = 1
			refs = append(refs, evRef{kind: evConvention, a: cc.conv})
		}
		if state < 2 && a < len(t.attachFrom) && t.attachFrom[a] == p {
			state = 1
			if ix.anyLive(row(t.attachSameLo, t.attachSame, a)) {
				state = 2
			}
		}
		if state == 2 {
			continue
		}
		r := rec{subj: p, group: ix.info[p].group, n: [3]int32{state}}
		ix.addEvidence(&r, refs...)
		ctx.emit(r)
	}
}

// anyLive reports whether one of the centres at positions ps is in force
// at the audit date.
func (ix *index) anyLive(ps []int32) bool {
	for _, p := range ps {
		if ix.live.in(p) {
			return true
		}
	}
	return false
}

func msgUnattached(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "competence centre in force on "...)
	b = appendDate(b, m.ctx.at)
	if r.n[0] == 1 {
		b = append(b, " has conventions running on that day or attachments (attached_to), but none with a reference centre of its group whose label is in force"...)
	} else {
		b = append(b, " has no convention running on that day and no attachment (attached_to)"...)
	}
	b = append(b, ": a competence centre is attached, by a convention or through attached_to, to the reference centres of "...)
	return append(b, groupName(r.group)...)
}

// checkAttachmentMismatch: list the reference sites of another group the
// competence centre is attached to (ID order).
func checkAttachmentMismatch(ctx *Context) {
	ix := ctx.ix
	var bad []int32
	for p, sites := range ix.attachments() {
		g := ix.info[p].group
		bad = bad[:0]
		for _, r := range sites {
			if r >= 0 && ix.info[r].tier == typology.Reference && ix.info[r].group != g && !slices.Contains(bad, r) {
				bad = append(bad, r)
			}
		}
		if len(bad) == 0 {
			continue
		}
		slices.Sort(bad)
		r := rec{subj: p, group: g}
		ix.addList(&r, bad)
		ix.addEvidence(&r, evRef{kind: evCentre, a: p})
		ctx.emit(r)
	}
}

func msgAttachmentMismatch(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "competence centre of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, " attached (attached_to) to "...)
	b = appendPlural(b, int(r.listN), "reference site", "reference sites")
	b = append(b, " of another group: "...)
	for i, p := range m.list(r) {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, m.ix.ids[p]...)
		b = append(b, " (of "...)
		b = append(b, groupName(m.ix.info[p].group)...)
		b = append(b, ')')
	}
	b = appendMore(b, int(r.listN))
	return append(b, ": a competence centre depends on a reference centre of its own group"...)
}
