package rules

import (
	"fmt"

	"github.com/rarenet/rarenet/typology"
)

func checkDuplicateLabel(ctx *Context) {
	for _, p := range ctx.ix.teamPairs(ctx.net) {
		if p.ta != p.tb {
			continue
		}
		ctx.Report(Finding{
			Subject: string(p.team), SubjectKind: SubjectTeam, Group: p.group, Date: p.first,
			Message: fmt.Sprintf("the team holds two %s labels for the same diseases of %s, through centres %s and %s, both in force from %v: a team may be a centre in several groups, not twice for the same diseases",
				p.ta, groupName(p.group), p.a, p.b, p.first),
		})
	}
}

func checkReferenceAndCompetence(ctx *Context) {
	for _, p := range ctx.ix.teamPairs(ctx.net) {
		if p.ta == p.tb {
			continue
		}
		ref, comp := p.a, p.b
		if p.ta != typology.Reference {
			ref, comp = comp, ref
		}
		ctx.Report(Finding{
			Subject: string(p.team), SubjectKind: SubjectTeam, Group: p.group, Date: p.first,
			Message: fmt.Sprintf("the team is both reference centre %s and competence centre %s for the same diseases of %s, both in force from %v: the two tiers are meant to be distinct levels of care",
				ref, comp, groupName(p.group), p.first),
		})
	}
}
