package dossier_test

import (
	"fmt"
	"slices"
	"time"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/typology"
)

// text draws a non-blank text.
func text(t *rapid.T, label string) string {
	return rapid.StringMatching(`[a-zé]{2,8}( [a-z]{2,8}){0,3}`).Draw(t, label)
}

// before draws a day on or before d, at most n days earlier.
func before(t *rapid.T, d labelling.Date, n int, label string) labelling.Date {
	return d.AddDays(-rapid.IntRange(0, n).Draw(t, label))
}

func after(t *rapid.T, d labelling.Date, n int, label string) labelling.Date {
	return d.AddDays(rapid.IntRange(1, n).Draw(t, label))
}

// diseasePool holds diseases with distinct keys; pools a and b are
// disjoint.
func diseasePool(offset int) []typology.Disease {
	var out []typology.Disease
	for i := range 6 {
		d := typology.Disease{Name: fmt.Sprintf("maladie %d", offset+i), Prevalence: typology.Prevalence1To9Per100000}
		if i%2 == 0 {
			d.Orpha = typology.ORPHAcode(1000 + offset + i)
		}
		out = append(out, d)
	}
	return out
}

func subset(t *rapid.T, pool []typology.Disease, min int, label string) []typology.Disease {
	n := rapid.IntRange(min, 3).Draw(t, label+"-n")
	p := rapid.Permutation(pool).Draw(t, label)
	if n == 0 {
		return nil
	}
	return slices.Clone(p[:n])
}

func physician(t *rapid.T, role string) dossier.Physician {
	return dossier.Physician{Role: role, Specialty: text(t, "specialty"), Status: text(t, "status"), Experience: text(t, "experience")}
}

func staff(t *rapid.T, role string) dossier.Staff {
	s := dossier.Staff{
		Role: role, Status: text(t, "status"), Specialty: text(t, "specialty"),
		TimePercent: rapid.IntRange(0, 100).Draw(t, "time"), SeniorityYears: rapid.IntRange(0, 40).Draw(t, "seniority"),
	}
	if rapid.Bool().Draw(t, "has-experience") {
		s.Experience = text(t, "experience")
	}
	return s
}

// genFile generates a complete, consistent application file: Check finds
// nothing in it.
func genFile() *rapid.Generator[dossier.File] {
	return rapid.Custom(func(t *rapid.T) dossier.File {
		y := rapid.IntRange(2005, 2040).Draw(t, "year")
		tr := labelling.MakeDate(y, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"))
		g := typology.Group(rapid.IntRange(1, 17).Draw(t, "group"))
		var refs []network.CentreID
		for i := range rapid.IntRange(1, 4).Draw(t, "refs") {
			refs = append(refs, network.CentreID(fmt.Sprintf("crmr-%s-%d", rapid.StringMatching(`[a-z]{1,6}`).Draw(t, "ref"), i)))
		}
		f := dossier.File{
			Applicant:   network.CentreID("ccmr-" + rapid.StringMatching(`[a-z0-9]{1,8}`).Draw(t, "applicant")),
			Team:        network.TeamID("team-" + rapid.StringMatching(`[a-z0-9]{1,8}`).Draw(t, "team")),
			Group:       g,
			Diseases:    subset(t, diseasePool(0), 0, "diseases"),
			Reference:   refs,
			Transmitted: tr,
		}
		if rapid.Bool().Draw(t, "named") {
			f.Name = text(t, "name")
		}
		// Section 1.
		f.Centre.Responsible = physician(t, "responsible physician")
		for i := range rapid.IntRange(0, 3).Draw(t, "physicians") {
			f.Centre.Physicians = append(f.Centre.Physicians, physician(t, fmt.Sprintf("physician %d", i)))
		}
		for yy := y - 3; yy < y; yy++ {
			p := rapid.IntRange(0, 1000).Draw(t, "patients")
			f.Centre.Activity = append(f.Centre.Activity, network.Activity{
				Year: yy, Patients: p,
				NewPatients:   rapid.IntRange(0, p).Draw(t, "new"),
				Consultations: rapid.IntRange(p, 5*p+10).Draw(t, "consultations"),
			})
		}
		f.Centre.Activity = rapid.Permutation(f.Centre.Activity).Draw(t, "activity-order")
		f.Centre.Pathology = text(t, "pathology")
		f.Centre.Catchment = dossier.Catchment{
			Scope:      rapid.SampledFrom([]typology.Scope{typology.Regional, typology.Interregional}).Draw(t, "scope"),
			FarthestKm: rapid.IntRange(0, 2000).Draw(t, "km"),
		}
		// Section 2.
		f.Platform.Technical = dossier.Technical{
			Kind:       rapid.SampledFrom([]dossier.PlatformKind{dossier.General, dossier.Specialised}).Draw(t, "kind"),
			Components: text(t, "components"),
			Operation:  rapid.SampledFrom([]dossier.Operation{dossier.AllHours, dossier.OnSite, dossier.Networked}).Draw(t, "operation"),
		}
		if f.Platform.Technical.Operation == dossier.Networked {
			f.Platform.Technical.Partner = dossier.NetworkPartner{Hospital: text(t, "hospital"), DistanceKm: rapid.IntRange(0, 500).Draw(t, "distance"), Collaboration: text(t, "collaboration")}
		}
		if rapid.Bool().Draw(t, "difficulties") {
			f.Platform.Difficulties = dossier.Difficulties{Description: text(t, "difficulty"),
				Solutions: []dossier.Solution{{Action: text(t, "action"), Due: after(t, tr, 400, "due")}}}
		}
		for i := range rapid.IntRange(1, 3).Draw(t, "medical") {
			f.Platform.Medical = append(f.Platform.Medical, staff(t, fmt.Sprintf("medical %d", i)))
		}
		if rapid.Bool().Draw(t, "coordinator") {
			f.Platform.ParamedicalCoordinator = staff(t, "paramedical coordinator")
		}
		if rapid.Bool().Draw(t, "correspondent") {
			f.Platform.Correspondents = []dossier.Correspondent{{Kind: dossier.Medical, Site: dossier.SameHospital, Specialty: text(t, "specialty"), Status: text(t, "status"), Count: 2}}
		}
		f.Platform.Cooperation = &dossier.Cooperation{
			MultidisciplinaryConsultations: rapid.Bool().Draw(t, "mdc"),
			JointDayHospitals:              rapid.Bool().Draw(t, "jdh"),
			SharedRecords:                  rapid.Bool().Draw(t, "shared"),
		}
		if rapid.Bool().Draw(t, "meetings") {
			f.Platform.Cooperation.Meetings = dossier.Meetings{Type: text(t, "meeting"), PerYear: rapid.IntRange(1, 12).Draw(t, "per-year")}
		}
		// Section 3.
		for range rapid.IntRange(0, 2).Draw(t, "publications") {
			f.Care.Publications = append(f.Care.Publications, dossier.Publication{
				Year: rapid.IntRange(y-3, y).Draw(t, "pub-year"), Type: dossier.Article, Reach: dossier.InternationalReach, Ref: text(t, "ref"),
			})
		}
		f.Care.Diagnosis = dossier.Diagnosis{Procedures: text(t, "procedures"), Announcement: text(t, "announcement"), Assessment: text(t, "assessment"), Feedback: text(t, "feedback")}
		for _, topic := range []dossier.Topic{dossier.Strategy, dossier.Emergencies, dossier.Continuity} {
			f.Care.Objectives = append(f.Care.Objectives, dossier.Objective{Topic: topic, Description: text(t, "objective"), Due: after(t, tr, 800, "due")})
		}
		f.Care.Objectives = rapid.Permutation(f.Care.Objectives).Draw(t, "objective-order")
		f.Care.Implementation = dossier.Implementation{Protocols: text(t, "protocols"), Training: text(t, "training"), Research: text(t, "research"), Surveillance: text(t, "surveillance")}
		// Sections 4 to 6.
		f.Local = dossier.Local{Project: text(t, "project"), Actions: []dossier.Action{{Partner: dossier.MDPH, Description: text(t, "action")}}}
		f.Plan = dossier.Plan{Goals: []dossier.Goal{{Year: y + rapid.IntRange(0, 5).Draw(t, "goal-year"), Description: text(t, "goal")}}, Approach: text(t, "approach")}
		if rapid.Bool().Draw(t, "free") {
			f.FreeText = text(t, "free")
		}
		// Signatures, all on or before the transmission.
		sig := func(r dossier.SignatoryRole, ref network.CentreID) dossier.Signature {
			return dossier.Signature{Role: r, Reference: ref, Date: before(t, tr, 60, "signed")}
		}
		f.Signatures = []dossier.Signature{sig(dossier.Responsible, ""), sig(dossier.DivisionHead, ""), sig(dossier.EstablishmentHead, "")}
		for _, r := range refs {
			f.Signatures = append(f.Signatures, sig(dossier.Coordinator, r), sig(dossier.HospitalDirector, r))
		}
		f.Signatures = rapid.Permutation(f.Signatures).Draw(t, "signature-order")
		// Attachments.
		f.Attachments = append(f.Attachments, dossier.Attachment{Kind: dossier.CV, Of: f.Centre.Responsible.Role})
		for _, p := range f.Centre.Physicians {
			f.Attachments = append(f.Attachments, dossier.Attachment{Kind: dossier.CV, Of: p.Role})
		}
		if len(f.Care.Publications) > 0 {
			f.Attachments = append(f.Attachments, dossier.Attachment{Kind: dossier.Publications, Ref: text(t, "ref")})
		}
		f.Attachments = append(f.Attachments,
			dossier.Attachment{Kind: dossier.CMEOpinion, Date: before(t, tr, 60, "cme")},
			dossier.Attachment{Kind: dossier.BoardDeliberation, Date: before(t, tr, 60, "board")})
		if f.Platform.Cooperation.SharedRecords {
			f.Attachments = append(f.Attachments, dossier.Attachment{Kind: dossier.SharedRecord})
		}
		f.Attachments = rapid.Permutation(f.Attachments).Draw(t, "attachment-order")
		// The convention.
		rc := dossier.ModelReferenceCommitments()
		cc := dossier.ModelCompetenceCommitments(f.Centre.Responsible.Role)
		cc.FollowUpVisits = rapid.IntRange(dossier.MinFollowUpVisits, 4).Draw(t, "visits")
		cc.PractitionerMeetings = rapid.IntRange(dossier.MinPractitionerMeetings, 6).Draw(t, "meetings")
		cv := &dossier.Convention{
			Reference:  rapid.Permutation(refs).Draw(t, "convention-refs"),
			Competence: f.Applicant,
			Group:      g,
			Diseases:   slices.Clone(f.Diseases),
			Missions: dossier.Missions{GlobalCare: text(t, "m1"), LocalCare: text(t, "m2"), Knowledge: text(t, "m3"),
				Coordination: text(t, "m4"), Authorities: text(t, "m5")},
			ReferenceCommitments:  &rc,
			CompetenceCommitments: &cc,
			Evaluation:            text(t, "evaluation"),
			Start:                 after(t, tr, 200, "start"),
		}
		cv.Signatures = append(cv.Signatures, sig(dossier.Responsible, ""))
		for _, r := range refs {
			cv.Signatures = append(cv.Signatures, sig(dossier.Coordinator, r))
		}
		f.Convention = cv
		return f
	})
}

// genNetwork generates a network consistent with f: its reference
// centres are labelled coordinating sites of f's group in force on the
// day of transmission, and the network holds distractors that must not
// trigger a cross-check.
func genNetwork(t *rapid.T, f dossier.File) *network.Network {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "est", Name: "Hôpital exemple", Region: "11"})
	b.AddTeam(network.Team{ID: f.Team, Establishment: "est"})
	tr := f.Transmitted
	label := func(kind labelling.ActKind, inForce bool) labelling.Label {
		var start, end labelling.Date
		if inForce {
			start = before(t, tr, 4*365, "label-start")
			end = after(t, tr, 365, "label-end")
		} else {
			end = before(t, tr, 365, "lapsed-end")
			start = end.AddDate(-5, 0, 0)
		}
		return labelling.MustLabel(start, end, labelling.Act{Kind: kind, Date: start})
	}
	teams := 0
	team := func() network.TeamID {
		teams++
		id := network.TeamID(fmt.Sprintf("ref-team-%d", teams))
		b.AddTeam(network.Team{ID: id, Establishment: "est"})
		return id
	}
	ref := func(id network.CentreID, g typology.Group, role typology.Role, coord network.CentreID, inForce bool) {
		b.AddCentre(network.Centre{ID: id, Name: string(id), Tier: typology.Reference, Role: role, CoordinatingSite: coord,
			Group: g, Team: team(), Labels: []labelling.Label{label(labelling.Arrete, inForce)}})
	}
	comp := func(id network.CentreID, g typology.Group, ds []typology.Disease, inForce bool) {
		b.AddCentre(network.Centre{ID: id, Name: string(id), Tier: typology.Competence, Group: g, Diseases: ds,
			Team: f.Team, Labels: []labelling.Label{label(labelling.Decision, inForce)}})
	}
	for _, r := range f.Reference {
		ref(r, f.Group, typology.Coordinating, "", true)
	}
	other := typology.Group(f.Group%17 + 1)
	if rapid.Bool().Draw(t, "lapsed-coordinator") {
		ref("crmr-lapsed", f.Group, typology.Coordinating, "", false)
	}
	if rapid.Bool().Draw(t, "other-group-coordinator") {
		ref("crmr-other-group", other, typology.Coordinating, "", true)
	}
	if rapid.Bool().Draw(t, "constitutive") {
		ref("crmr-constitutive", f.Group, typology.Constitutive, f.Reference[0], true)
	}
	if rapid.Bool().Draw(t, "renewal") {
		comp(f.Applicant, f.Group, f.Diseases, true)
	}
	if rapid.Bool().Draw(t, "team-other-group") {
		comp("ccmr-team-other-group", other, nil, true)
	}
	if rapid.Bool().Draw(t, "team-lapsed") {
		comp("ccmr-team-lapsed", f.Group, nil, false)
	}
	if len(f.Diseases) > 0 && rapid.Bool().Draw(t, "team-disjoint") {
		comp("ccmr-team-disjoint", f.Group, subset(t, diseasePool(100), 1, "disjoint"), true)
	}
	n, err := b.Build()
	if err != nil {
		t.Fatalf("Build() = %v", err)
	}
	return n
}
