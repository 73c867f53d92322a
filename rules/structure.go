package rules

import (
	"slices"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// checkOrphanConstitutiveSite: n[0] why (see msg), n[1] the coordinating
// site's position when it resolves; d... none.
func checkOrphanConstitutiveSite(ctx *Context) {
	ix := ctx.ix
	for i, p := range ix.constitutive {
		in := &ix.info[p]
		cp := ix.constitutiveCoord[i]
		r := rec{subj: p, group: in.group, n: [3]int32{0, -1}}
		if cp < 0 {
			r.n[0] = orphanNone
		} else if ci := &ix.info[cp]; ci.tier != typology.Reference || ci.role != typology.Coordinating {
			r.n[0], r.n[1] = orphanNotCoordinating, cp
		} else if ci.group != in.group {
			r.n[0], r.n[1] = orphanOtherGroup, cp
		} else {
			continue
		}
		r.n[2] = int32(i)
		ix.addEvidence(&r, evRef{kind: evCentre, a: p})
		ctx.emit(r)
	}
}

// Why a constitutive site is an orphan (a coordinating site that is not
// in the network does not build).
const (
	orphanNone = iota + 1
	orphanNotCoordinating
	orphanOtherGroup
)

func msgOrphanConstitutiveSite(b []byte, m *msgCtx, r *rec) []byte {
	ix := m.ix
	b = append(b, "constitutive site of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, " that "...)
	var coord network.CentreID
	if r.n[1] >= 0 {
		coord = ix.ids[r.n[1]]
	}
	switch r.n[0] {
	case orphanNone:
		b = append(b, "names no coordinating site"...)
	case orphanNotCoordinating:
		ci := &ix.info[r.n[1]]
		b = append(b, "names "...)
		b = append(b, coord...)
		b = append(b, " as its coordinating site, but "...)
		b = append(b, coord...)
		if ci.tier == typology.Reference {
			b = append(b, " is a "...)
			b = append(b, ci.role.String()...)
			b = append(b, " site"...)
		} else {
			b = append(b, " is a competence centre"...)
		}
	case orphanOtherGroup:
		b = append(b, "names "...)
		b = append(b, coord...)
		b = append(b, " as its coordinating site, but "...)
		b = append(b, coord...)
		b = append(b, " is of "...)
		b = append(b, groupName(ix.info[r.n[1]].group)...)
	}
	return append(b, ": a reference centre is one coordinating site of its group and its constitutive sites"...)
}

func checkReferenceOutsideFiliere(ctx *Context) {
	if ctx.at.Before(ctx.cfg.FilieresSince) {
		return
	}
	ix := ctx.ix
	for i, p := range ix.tab.sited {
		if ix.tab.sitedFils[i] > 0 || !ix.live.in(p) {
			continue
		}
		r := rec{subj: p, group: ix.info[p].group}
		ix.addEvidence(&r, evRef{kind: evCentre, a: p})
		ctx.emit(r)
	}
}

func msgReferenceOutsideFiliere(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "coordinating site in force on "...)
	b = appendDate(b, m.ctx.at)
	b = append(b, " that belongs to no sector (filière): every reference centre belongs to a sector since "...)
	return appendDate(b, m.ctx.cfg.FilieresSince)
}

// checkReferenceInSeveral: list the sectors (positions in ID order).
func checkReferenceInSeveral(ctx *Context) {
	ix := ctx.ix
	var fs []int32
	var refs []evRef
	for i, p := range ix.tab.sited {
		if ix.tab.sitedFils[i] < 2 {
			continue
		}
		fs = fs[:0]
		for f := range ctx.net.FilieresOf(ix.ids[p]) {
			fs = append(fs, ix.filierePos(f.ID))
		}
		r := rec{subj: p, group: ix.info[p].group}
		ix.addList(&r, fs)
		refs = append(refs[:0], evRef{kind: evCentre, a: p})
		for _, f := range fs {
			refs = append(refs, evRef{kind: evSector, a: f})
		}
		ix.addEvidence(&r, refs...)
		ctx.emit(r)
	}
}

func msgReferenceInSeveral(b []byte, m *msgCtx, r *rec) []byte {
	b = append(b, "coordinating site listed by "...)
	b = appendInt(b, int(r.listN))
	b = append(b, " sectors ("...)
	ids := m.ix.filiereIDs()
	for i, f := range m.list(r) {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, ids[f]...)
	}
	b = appendMore(b, int(r.listN))
	return append(b, "): a coordinating site belongs to one sector"...)
}

// checkSingleCentreHost: n[0] the centres in force at the host (0 or 1),
// n[1] the one centre's position, n[2] 1 for an overseas platform;
// evidence: the platform and the host's centre.
func checkSingleCentreHost(ctx *Context) {
	ix := ctx.ix
	for k, pl := range staticOf.Of(ctx.net).plats {
		var in [2]int32
		seats := 0
		for _, p := range pl.centres {
			if ix.live.in(p) {
				in[seats] = p
				if seats++; seats == 2 {
					break
				}
			}
		}
		if seats >= 2 {
			continue
		}
		r := rec{subj: int32(k), n: [3]int32{int32(seats), -1}}
		if pl.overseas {
			r.n[2] = 1
		}
		refs := []evRef{{kind: evPlatform, a: int32(k)}}
		if seats == 1 {
			r.n[1] = in[0]
			refs = append(refs, evRef{kind: evCentre, a: in[0]})
		}
		ix.addEvidence(&r, refs...)
		ctx.emit(r)
	}
}

func msgSingleCentreHost(b []byte, m *msgCtx, r *rec) []byte {
	pl := staticOf.Of(m.ix.net).plats[r.subj]
	if r.n[2] == 1 {
		b = append(b, "overseas coordination platform"...)
	} else {
		b = append(b, "expertise platform"...)
	}
	b = append(b, " hosted by "...)
	b = append(b, pl.host...)
	b = append(b, ", the seat of "...)
	if r.n[0] == 1 {
		b = append(b, "only one centre in force, "...)
		b = append(b, m.ix.ids[r.n[1]]...)
		b = append(b, ","...)
	} else {
		b = append(b, "no centre in force"...)
	}
	b = append(b, " on "...)
	b = appendDate(b, m.ctx.at)
	return append(b, ": platforms are set up in establishments that are the seat of several labelled centres"...)
}

// visitActivityInconsistent: year; n[0] new patients, n[1] patients,
// n[2] consultations; evidence: the activity year.
func visitActivityInconsistent(ctx *Context, v *centreVisit) {
	acts := v.activity()
	for i := range acts {
		a := &acts[i]
		if a.NewPatients <= a.Patients && a.Consultations >= a.Patients {
			continue
		}
		r := v.rec()
		r.year = int32(a.Year)
		r.n = [3]int32{int32(a.NewPatients), int32(a.Patients), int32(a.Consultations)}
		v.ix.addEvidence(&r, evRef{kind: evActivity, a: v.pos, b: int32(i)})
		ctx.emit(r)
	}
}

func msgActivityInconsistent(b []byte, m *msgCtx, r *rec) []byte {
	newP, pats, cons := int(r.n[0]), int(r.n[1]), int(r.n[2])
	b = appendInt(b, int(r.year))
	b = append(b, ": "...)
	if newP > pats {
		b = appendInt(b, newP)
		b = append(b, " new patients but only "...)
		b = appendInt(b, pats)
		b = append(b, " patients followed (new patients are among those followed)"...)
		if cons < pats {
			b = append(b, "; "...)
		}
	}
	if cons < pats {
		b = appendInt(b, cons)
		b = append(b, " consultations for "...)
		b = appendInt(b, pats)
		b = append(b, " patients followed (a patient followed has at least one consultation)"...)
	}
	return b
}

// coveredGroups returns, for each region of regionOrder, the groups of
// the centres in force at the audit date in that region: one pass over the
// centres, whose regions the centre table holds.
func (ix *index) coveredGroups() [][groupSlots]bool {
	has := make([][groupSlots]bool, len(regionOrder()))
	for p := range ix.info {
		in := &ix.info[p]
		if !ix.live.has(p) || !in.group.IsValid() {
			continue
		}
		if k := ix.region[p]; k >= 0 {
			has[k][in.group] = true
		}
	}
	return has
}

func checkRegionWithoutCentre(ctx *Context) {
	for k, has := range ctx.ix.coveredGroups() {
		for g := range typology.Groups() {
			if !has[g] {
				ctx.emit(rec{subj: int32(k), group: g})
			}
		}
	}
}

func msgRegionWithoutCentre(b []byte, m *msgCtx, r *rec) []byte {
	reg := regionOrder()[r.subj]
	b = append(b, "no centre of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, ", of either tier, in force on "...)
	b = appendDate(b, m.ctx.at)
	b = append(b, " in region "...)
	b = append(b, reg.Code...)
	b = append(b, " ("...)
	b = append(b, reg.Name...)
	return append(b, ')')
}

func checkInterregionWithoutCentre(ctx *Context) {
	irs := interregionOrder()
	has := make([][groupSlots]bool, len(irs))
	byRegion := ctx.ix.coveredGroups()
	for k, r := range regionOrder() {
		i := slices.Index(irs, r.Interregion)
		if i < 0 {
			continue
		}
		for g := range has[i] {
			has[i][g] = has[i][g] || byRegion[k][g]
		}
	}
	for k := range irs {
		for g := range typology.Groups() {
			if !has[k][g] {
				ctx.emit(rec{subj: int32(k), group: g})
			}
		}
	}
}

func msgInterregionWithoutCentre(b []byte, m *msgCtx, r *rec) []byte {
	ir := interregionOrder()[r.subj]
	b = append(b, "no centre of "...)
	b = append(b, groupName(r.group)...)
	b = append(b, ", of either tier, in force on "...)
	b = appendDate(b, m.ctx.at)
	b = append(b, " in interregion "...)
	b = append(b, ir.String()...)
	b = append(b, " ("...)
	b = append(b, ir.Name()...)
	return append(b, ')')
}
