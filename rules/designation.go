package rules

import (
	"fmt"

	"github.com/rarenet/rarenet/labelling"
)

// designationDeadline returns the last day on which a designation of
// campaign id is on time.
func designationDeadline(cfg *Config, id labelling.CampaignID) (labelling.Date, bool) {
	id = labelling.CanonicalCampaign(id)
	if id == labelling.CampaignCCMR2007 && !cfg.DesignationDeadline.IsZero() {
		return cfg.DesignationDeadline, true
	}
	return labelling.DesignationDeadline(id)
}

func describeDesignation(d labelling.Designation) string {
	route := "listed by the reference centres"
	if d.Route == labelling.Direct {
		route = "applied directly to the regional agency"
	}
	return fmt.Sprintf("campaign %s, %s", labelling.CanonicalCampaign(d.Campaign), route)
}

func visitMissingOpinion(ctx *Context, v *centreVisit) {
	ls := v.c.Labels
	for i := range ls {
		d, ok := ls[i].Designation()
		if !ok {
			continue
		}
		var why string
		switch {
		case !d.HasOpinion():
			why = "with no opinion of the national committee (CNCL) recorded"
		case !d.Decision.IsZero() && d.CNCLOpinion.After(d.Decision):
			why = fmt.Sprintf("before the opinion of the national committee (CNCL), given on %v", d.CNCLOpinion)
		default:
			continue
		}
		f := centreFinding(&v.c)
		f.Date = d.Decision
		f.Message = fmt.Sprintf("designation decided by the regional agency on %v (%s) %s: the agency decides on the CNCL's opinion, whichever way the application came",
			d.Decision, describeDesignation(d), why)
		v.report(ctx, f)
	}
}

func visitDesignationLate(ctx *Context, v *centreVisit) {
	ls := v.c.Labels
	for i := range ls {
		d, ok := ls[i].Designation()
		if !ok || d.Decision.IsZero() {
			continue
		}
		deadline, ok := designationDeadline(&ctx.cfg, d.Campaign)
		if !ok || !d.Decision.After(deadline) {
			continue
		}
		f := centreFinding(&v.c)
		f.Date = d.Decision
		f.Message = fmt.Sprintf("designation decided on %v (%s), %s after the campaign's deadline of %v",
			d.Decision, describeDesignation(d), plural(d.Decision.Sub(deadline), "day", "days"), deadline)
		v.report(ctx, f)
	}
}
