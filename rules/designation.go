package rules

import (
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

func appendDesignation(b []byte, d labelling.Designation) []byte {
	b = append(b, "campaign "...)
	b = append(b, labelling.CanonicalCampaign(d.Campaign)...)
	if d.Route == labelling.Direct {
		return append(b, ", applied directly to the regional agency"...)
	}
	return append(b, ", listed by the reference centres"...)
}

// designationOf returns the designation of label k of the centre at
// position p, for a message.
func (m *msgCtx) designationOf(p, k int32) labelling.Designation {
	d, _ := m.ix.net.CentreAt(int(p)).Label(int(k)).Designation()
	return d
}

// visitMissingOpinion reports the designations decided without the
// opinion (see emitDesignations).
func visitMissingOpinion(ctx *Context, v *centreVisit) {
	v.emitDesignations(ctx, func(d labelling.Designation) (labelling.Date, bool) {
		return labelling.Date{}, !d.HasOpinion() || (!d.Decision.IsZero() && d.CNCLOpinion.After(d.Decision))
	})
}

// emitDesignations reports the labels of the visited centre whose
// designation bad selects (with a date for d[0]) as one finding: date and
// n[0] the first by decision day and its label, n[1] how many; evidence:
// their labels.
func (v *centreVisit) emitDesignations(ctx *Context, bad func(labelling.Designation) (labelling.Date, bool)) {
	ls := v.labels()
	var r rec
	var ks []int32
	for i := range ls {
		d, ok := ls[i].Designation()
		if !ok {
			continue
		}
		x, ok := bad(d)
		if !ok {
			continue
		}
		if len(ks) == 0 || d.Decision.Before(r.date) {
			r = v.rec()
			r.date = d.Decision
			r.d[0] = x
			r.n[0] = int32(i)
		}
		ks = append(ks, int32(i))
	}
	if len(ks) == 0 {
		return
	}
	r.n[1] = int32(len(ks))
	v.addLabels(&r, ks)
	ctx.emit(r)
}

func msgMissingOpinion(b []byte, m *msgCtx, r *rec) []byte {
	d := m.designationOf(r.subj, r.n[0])
	b = append(b, "designation decided by the regional agency on "...)
	b = appendDate(b, d.Decision)
	b = append(b, " ("...)
	b = appendDesignation(b, d)
	b = append(b, ") "...)
	if !d.HasOpinion() {
		b = append(b, "with no opinion of the national committee (CNCL) recorded"...)
	} else {
		b = append(b, "before the opinion of the national committee (CNCL), given on "...)
		b = appendDate(b, d.CNCLOpinion)
	}
	b = appendOthers(b, int(r.n[1])-1, "other designation like it", "other designations like it")
	return append(b, ": the agency decides on the CNCL's opinion, whichever way the application came"...)
}

// visitDesignationLate reports the late designations, d[0] the first
// one's deadline (see emitDesignations).
func visitDesignationLate(ctx *Context, v *centreVisit) {
	v.emitDesignations(ctx, func(d labelling.Designation) (labelling.Date, bool) {
		if d.Decision.IsZero() {
			return labelling.Date{}, false
		}
		deadline, ok := designationDeadline(&ctx.cfg, d.Campaign)
		return deadline, ok && d.Decision.After(deadline)
	})
}

func msgDesignationLate(b []byte, m *msgCtx, r *rec) []byte {
	d := m.designationOf(r.subj, r.n[0])
	b = append(b, "designation decided on "...)
	b = appendDate(b, d.Decision)
	b = append(b, " ("...)
	b = appendDesignation(b, d)
	b = append(b, "), "...)
	b = appendPlural(b, d.Decision.Sub(r.d[0]), "day", "days")
	b = append(b, " after the campaign's deadline of "...)
	b = appendDate(b, r.d[0])
	return appendOthers(b, int(r.n[1])-1, "other late designation", "other late designations")
}
