package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

func convFinding(ix *index, i int, g typology.Group) Finding {
	return Finding{Subject: string(ix.convIDs[i]), SubjectKind: SubjectConvention, Group: g}
}

func checkGroupMismatch(ctx *Context) {
	ix := ctx.ix
	convs := ix.conventions(ctx.net)
	for i := range convs {
		cv := &convs[i]
		if cv.comp < 0 {
			continue
		}
		g := ix.info[cv.comp].group
		var bad []string
		for k, r := range ix.refs(cv) {
			if rg := ix.info[r].group; rg != g && !slices.Contains(ix.refs(cv)[:k], r) {
				bad = append(bad, fmt.Sprintf("%s, of %s", ix.ids[r], groupName(rg)))
			}
		}
		if len(bad) == 0 {
			continue
		}
		slices.Sort(bad) // whatever the order of the parties
		f := convFinding(ix, i, g)
		f.Message = fmt.Sprintf("the competence party %s is of %s but the reference party %s: a convention binds centres of one group",
			ix.ids[cv.comp], groupName(g), strings.Join(bad, " and the reference party "))
		ctx.Report(f)
	}
}

func checkOutlivesReferenceLabel(ctx *Context) {
	ix := ctx.ix
	convs := ix.conventions(ctx.net)
	for i := range convs {
		cv := &convs[i]
		refs := ix.refs(cv)
		for k, r := range refs {
			in := &ix.info[r]
			if !in.ended || (!cv.end.IsZero() && !cv.end.After(in.endedOn)) || slices.Contains(refs[:k], r) {
				continue
			}
			var g typology.Group
			if cv.comp >= 0 {
				g = ix.info[cv.comp].group
			}
			f := convFinding(ix, i, g)
			f.Date = in.endedOn
			runs := "is recorded with no end"
			if !cv.end.IsZero() {
				runs = fmt.Sprintf("is recorded as running until %v", cv.end)
			}
			f.Message = fmt.Sprintf("the reference party %s stopped being labelled on %v, but the convention %s: it ends when the reference centre's label ends",
				ix.ids[r], in.endedOn, runs)
			ctx.Report(f)
		}
	}
}

func checkMissingCosignatory(ctx *Context) {
	ix := ctx.ix
	convs := ix.conventions(ctx.net)
	var missing []string
	var seen [groupSlots][]int32 // per coordinating site: 1 + the last convention that counted it
	byID := func(p int32, id network.CentreID) int { return strings.Compare(string(ix.ids[p]), string(id)) }
	for i := range convs {
		cv := &convs[i]
		if cv.comp < 0 {
			continue
		}
		g, s := ix.info[cv.comp].group, cv.signed
		need := ix.coordinatingInForce(g, s)
		if need == 0 {
			continue
		}
		// Count the distinct signatories that are coordinating sites of
		// the group in force on s: the coordinating sites of a group are
		// in ID order, so each signatory is found by bisection.
		coords := ix.coordinating[g]
		if seen[g] == nil {
			seen[g] = make([]int32, len(coords))
		}
		have, next := 0, 0
		for _, id := range cv.sigs {
			// Signatories often come in ID order: try the site after the
			// last one found before bisecting.
			k, ok := next, next < len(coords) && ix.ids[coords[next]] == id
			if !ok {
				k, ok = slices.BinarySearchFunc(coords, id, byID)
			}
			if ok {
				next = k + 1
			}
			if ok && seen[g][k] != int32(i)+1 && inForce(ix.spansOf(coords[k]), s) {
				seen[g][k] = int32(i) + 1
				have++
			}
		}
		if have >= need {
			continue
		}
		missing = missing[:0]
		for _, p := range coords {
			if inForce(ix.spansOf(p), s) && !slices.Contains(cv.sigs, ix.ids[p]) {
				missing = append(missing, string(ix.ids[p]))
			}
		}
		f := convFinding(ix, i, g)
		f.Date = s
		f.Message = fmt.Sprintf("signed on %v without the co-signature of %s, of the %s of %s in force that day: the coordinators of all the reference centres of the group co-sign",
			s, strings.Join(missing, ", "), plural(need, "coordinating site", "coordinating sites"), groupName(g))
		ctx.Report(f)
	}
}
