package rules

import (
	"github.com/rarenet/rarenet/typology"
)

func checkDuplicateLabel(ctx *Context) {
	dup, _ := ctx.ix.teamClashes(ctx.net)
	emitClashes(ctx, dup)
}

func checkReferenceAndCompetence(ctx *Context) {
	_, mixed := ctx.ix.teamClashes(ctx.net)
	emitClashes(ctx, mixed)
}

// emitClashes reports one finding per team: n[0] the first clash's tier,
// list the team's centres that clash, d[0] the first day of the first
// clash, n[1] and n[2] its two centres.
func emitClashes(ctx *Context, cs []teamClash) {
	ix := ctx.ix
	for i := range cs {
		c := &cs[i]
		r := rec{subj: c.team, group: c.group, date: c.first, n: [3]int32{int32(c.tier), c.a, c.b}}
		ix.addList(&r, c.centres)
		refs := make([]evRef, 0, min(len(c.centres), maxListed))
		for _, p := range c.centres[:min(len(c.centres), maxListed)] {
			refs = append(refs, evRef{kind: evCentre, a: p})
		}
		ix.addEvidence(&r, refs...)
		r.evN = int32(len(c.centres))
		ctx.emit(r)
	}
}

func msgDuplicateLabel(b []byte, m *msgCtx, r *rec) []byte {
	tier := typology.Tier(r.n[0])
	if r.listN == 2 {
		b = append(b, "the team holds two "...)
		b = append(b, tier.String()...)
		b = append(b, " labels for the same diseases of "...)
		b = append(b, groupName(r.group)...)
		b = append(b, ", through centres "...)
		b = append(b, m.ix.ids[r.n[1]]...)
		b = append(b, " and "...)
		b = append(b, m.ix.ids[r.n[2]]...)
		b = append(b, ", both in force from "...)
	} else {
		b = append(b, "the team holds "...)
		b = append(b, tier.String()...)
		b = append(b, " labels for the same diseases of "...)
		b = append(b, groupName(r.group)...)
		b = append(b, " through "...)
		b = appendInt(b, int(r.listN))
		b = append(b, " centres ("...)
		b = m.appendCentres(b, r)
		b = append(b, "), the first two of them, "...)
		b = append(b, m.ix.ids[r.n[1]]...)
		b = append(b, " and "...)
		b = append(b, m.ix.ids[r.n[2]]...)
		b = append(b, ", both in force from "...)
	}
	b = appendDate(b, r.date)
	return append(b, ": a team may be a centre in several groups, not twice for the same diseases"...)
}

func msgReferenceAndCompetence(b []byte, m *msgCtx, r *rec) []byte {
	ref, comp := r.n[1], r.n[2]
	if typology.Tier(r.n[0]) != typology.Reference {
		ref, comp = comp, ref
	}
	b = append(b, "the team is both reference centre "...)
	b = append(b, m.ix.ids[ref]...)
	b = append(b, " and competence centre "...)
	b = append(b, m.ix.ids[comp]...)
	b = append(b, " for the same diseases of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, ", both in force from "...)
	b = appendDate(b, r.date)
	if r.listN > 2 {
		b = append(b, " (of "...)
		b = appendInt(b, int(r.listN))
		b = append(b, " centres of the team in both tiers with the same diseases: "...)
		b = m.appendCentres(b, r)
		b = append(b, ')')
	}
	return append(b, ": the two tiers are meant to be distinct levels of care"...)
}
