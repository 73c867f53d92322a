package dossier_test

import (
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/typology"
)

// complete decodes testdata/complete.json afresh, so that each test may
// edit its own copy.
func complete(t testing.TB) dossier.File {
	t.Helper()
	fh, err := os.Open("testdata/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := dossier.Decode(fh)
	if err != nil {
		t.Fatalf("Decode(testdata/complete.json) = %v", err)
	}
	return f
}

var day = labelling.MustParseDate

// The reference centres of testdata/complete.json.
const (
	ophtalmo  = network.CentreID("crmr-ophtalmo-exemple")
	surdites  = network.CentreID("crmr-surdites-exemple")
	applicant = network.CentreID("ccmr-sensoriel-exemple")
	team      = network.TeamID("chu-exemple-ophtalmologie")
)

var retinitis = typology.Disease{Orpha: 791, Name: "Rétinite pigmentaire", Prevalence: typology.Prevalence1To5Per10000}

// netOpts describes the test network: the two reference centres of the
// complete file, labelled in group 12 on its transmission day, plus what
// a case adds.
type netOpts struct {
	drop    network.CentreID // leave this reference centre out
	centres []network.Centre // more centres (teams are created as needed)
}

func inForce(start, end string, kind labelling.ActKind) []labelling.Label {
	return []labelling.Label{labelling.MustLabel(day(start), day(end), labelling.Act{Kind: kind, Date: day(start)})}
}

func buildNet(t *testing.T, o netOpts) *network.Network {
	t.Helper()
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-exemple", Name: "CHU exemple", Region: "84"})
	teams := map[network.TeamID]bool{}
	add := func(c network.Centre) {
		if !teams[c.Team] {
			teams[c.Team] = true
			b.AddTeam(network.Team{ID: c.Team, Establishment: "chu-exemple"})
		}
		b.AddCentre(c)
	}
	for _, id := range []network.CentreID{ophtalmo, surdites} {
		if id == o.drop {
			continue
		}
		add(network.Centre{ID: id, Name: string(id), Tier: typology.Reference, Role: typology.Coordinating,
			Group: typology.Sensory, Team: network.TeamID("team-" + id), Labels: inForce("2006-07-12", "2011-07-12", labelling.Arrete)})
	}
	for _, c := range o.centres {
		if c.Team == "" {
			c.Team = network.TeamID("team-" + c.ID)
		}
		if c.Name == "" {
			c.Name = string(c.ID)
		}
		add(c)
	}
	n, err := b.Build()
	if err != nil {
		t.Fatalf("Build() = %v", err)
	}
	return n
}

func TestCompleteFilePasses(t *testing.T) {
	f := complete(t)
	if got := dossier.Check(f, nil); len(got) != 0 {
		t.Errorf("Check(complete.json, nil) = %v, want none", got)
	}
	if got := dossier.Check(f, buildNet(t, netOpts{})); len(got) != 0 {
		t.Errorf("Check(complete.json, network) = %v, want none", got)
	}
}

func editConvention(f *dossier.File, edit func(c *dossier.Convention)) {
	c := *f.Convention
	edit(&c)
	f.Convention = &c
}

func dropSignature(ss []dossier.Signature, r dossier.SignatoryRole, ref network.CentreID) []dossier.Signature {
	return slices.DeleteFunc(slices.Clone(ss), func(s dossier.Signature) bool { return s.Role == r && s.Reference == ref })
}

func dropAttachment(as []dossier.Attachment, k dossier.AttachmentKind) []dossier.Attachment {
	return slices.DeleteFunc(slices.Clone(as), func(a dossier.Attachment) bool { return a.Kind == k })
}

func setAttachmentDate(as []dossier.Attachment, k dossier.AttachmentKind, d string) []dossier.Attachment {
	as = slices.Clone(as)
	for i := range as {
		if as[i].Kind == k {
			as[i].Date = day(d)
		}
	}
	return as
}

// checkCases are the table of Check: each case breaks the complete file
// in one way and cites the part of annexe 3 (or the step of the
// circular) it breaks.
var checkCases = []struct {
	name   string
	source string // what the case rests on
	edit   func(f *dossier.File)
	net    *netOpts // nil: no network
	want   []dossier.Part
}{
	// dossier.section-missing
	{"no reference centre named", "cahier des charges, en-tête",
		func(f *dossier.File) { f.Reference = nil }, nil,
		[]dossier.Part{{dossier.SectionMissing, "header/reference"}}},
	{"section 1 missing", "cahier des charges 1",
		func(f *dossier.File) { f.Centre = dossier.Description{} }, nil,
		[]dossier.Part{{dossier.SectionMissing, "1"}}},
	{"no responsible physician", "cahier des charges 1.1",
		func(f *dossier.File) {
			f.Centre.Responsible = dossier.Physician{}
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "1.1/responsible"}}},
	{"no activity, no pathology", "cahier des charges 1.2",
		func(f *dossier.File) { f.Centre.Activity, f.Centre.Pathology = nil, " " }, nil,
		[]dossier.Part{{dossier.SectionMissing, "1.2/activity"}, {dossier.SectionMissing, "1.2/pathology"}}},
	{"no catchment area", "cahier des charges 1.3",
		func(f *dossier.File) { f.Centre.Catchment = dossier.Catchment{} }, nil,
		[]dossier.Part{{dossier.SectionMissing, "1.3/catchment"}}},
	{"section 2 missing", "cahier des charges 2",
		func(f *dossier.File) {
			f.Platform = dossier.Platform{}
			f.Attachments = dropAttachment(f.Attachments, dossier.SharedRecord)
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "2"}}},
	{"no technical platform, no medical staff, no cooperation", "cahier des charges 2.1, 2.3",
		func(f *dossier.File) {
			f.Platform.Technical, f.Platform.Medical, f.Platform.Cooperation = dossier.Technical{}, nil, nil
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "2.1/technical"}, {dossier.SectionMissing, "2.3/medical"}, {dossier.SectionMissing, "2.3/cooperation"}}},
	{"no diagnosis, no emergencies objective, no implementation", "cahier des charges 3.1, 3.2, 3.3",
		func(f *dossier.File) {
			f.Care.Diagnosis, f.Care.Implementation = dossier.Diagnosis{}, dossier.Implementation{}
			f.Care.Objectives = slices.DeleteFunc(slices.Clone(f.Care.Objectives), func(o dossier.Objective) bool { return o.Topic == dossier.Emergencies })
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "3.1/diagnosis"}, {dossier.SectionMissing, "3.2/emergencies"}, {dossier.SectionMissing, "3.3/implementation"}}},
	{"section 4 missing", "cahier des charges 4",
		func(f *dossier.File) { f.Local = dossier.Local{} }, nil,
		[]dossier.Part{{dossier.SectionMissing, "4"}}},
	{"no five-year goals", "cahier des charges 5.1",
		func(f *dossier.File) { f.Plan.Goals = nil }, nil,
		[]dossier.Part{{dossier.SectionMissing, "5.1/goals"}}},
	{"no approach", "cahier des charges 5.2",
		func(f *dossier.File) { f.Plan.Approach = "" }, nil,
		[]dossier.Part{{dossier.SectionMissing, "5.2/approach"}}},
	{"both parts of section 5 missing: the section is reported once", "cahier des charges 5",
		func(f *dossier.File) { f.Plan.Goals, f.Plan.Approach = nil, "" }, nil,
		[]dossier.Part{{dossier.SectionMissing, "5"}}},
	{"no department project", "cahier des charges 4",
		func(f *dossier.File) { f.Local.Project = "" }, nil,
		[]dossier.Part{{dossier.SectionMissing, "4/project"}}},
	{"section 6 is optional", "cahier des charges 6",
		func(f *dossier.File) { f.FreeText = "" }, nil,
		nil},
	{"convention missions and evaluation", "convention-type articles 2.4 and 5",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Missions.Coordination, c.Evaluation = "", "" })
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "convention/2.4"}, {dossier.SectionMissing, "convention/5"}}},
	{"convention commitments left out", "convention-type articles 3 and 4",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.ReferenceCommitments, c.CompetenceCommitments = nil, nil })
		}, nil,
		[]dossier.Part{{dossier.SectionMissing, "convention/3"}, {dossier.SectionMissing, "convention/4"}}},

	// dossier.attachment-missing
	{"no CV of a physician", "annexes à joindre 1); cahier des charges 1.1",
		func(f *dossier.File) {
			f.Attachments = slices.DeleteFunc(slices.Clone(f.Attachments), func(a dossier.Attachment) bool { return a.Of == "paediatric ophthalmologist" })
		}, nil,
		[]dossier.Part{{dossier.AttachmentMissing, "cv/paediatric ophthalmologist"}}},
	{"no publications joined", "annexes à joindre 2); cahier des charges 3.1",
		func(f *dossier.File) { f.Attachments = dropAttachment(f.Attachments, dossier.Publications) }, nil,
		[]dossier.Part{{dossier.AttachmentMissing, "publications"}}},
	{"no publications, none to join", "annexes à joindre 2)",
		func(f *dossier.File) {
			f.Care.Publications = nil
			f.Attachments = dropAttachment(f.Attachments, dossier.Publications)
		}, nil,
		nil},
	{"no CME opinion, no board deliberation", "annexes à joindre 3); étape n°3",
		func(f *dossier.File) {
			f.Attachments = dropAttachment(dropAttachment(f.Attachments, dossier.CMEOpinion), dossier.BoardDeliberation)
		}, nil,
		[]dossier.Part{{dossier.AttachmentMissing, "cme-opinion"}, {dossier.AttachmentMissing, "board-deliberation"}}},
	{"shared record not joined", "cahier des charges 2.3",
		func(f *dossier.File) { f.Attachments = dropAttachment(f.Attachments, dossier.SharedRecord) }, nil,
		[]dossier.Part{{dossier.AttachmentMissing, "shared-record"}}},
	{"no convention", "annexes à joindre 4); étape n°3",
		func(f *dossier.File) { f.Convention = nil }, nil,
		[]dossier.Part{{dossier.AttachmentMissing, "convention"}}},

	// dossier.signature-missing
	{"no head of division", "cahier des charges, signatures",
		func(f *dossier.File) { f.Signatures = dropSignature(f.Signatures, dossier.DivisionHead, "") }, nil,
		[]dossier.Part{{dossier.SignatureMissing, "file/division-head"}}},
	{"no hospital director of a reference centre", "cahier des charges, signatures",
		func(f *dossier.File) { f.Signatures = dropSignature(f.Signatures, dossier.HospitalDirector, surdites) }, nil,
		[]dossier.Part{{dossier.SignatureMissing, "file/hospital-director/" + string(surdites)}}},
	{"convention not signed by the responsible physician", "convention-type, signatures",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Signatures = dropSignature(c.Signatures, dossier.Responsible, "") })
		}, nil,
		[]dossier.Part{{dossier.SignatureMissing, "convention/responsible"}}},

	// dossier.coordinator-signature-missing
	{"file not signed by a coordinator", "étape n°3; cahier des charges, signatures",
		func(f *dossier.File) { f.Signatures = dropSignature(f.Signatures, dossier.Coordinator, ophtalmo) }, nil,
		[]dossier.Part{{dossier.CoordinatorSignatureMissing, "file/" + string(ophtalmo)}}},
	{"convention not signed by a coordinator", "étape n°3; convention-type, signatures",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Signatures = dropSignature(c.Signatures, dossier.Coordinator, surdites) })
		}, nil,
		[]dossier.Part{{dossier.CoordinatorSignatureMissing, "convention/" + string(surdites)}}},
	{"a coordinating site of the group in force has signed nothing", "étape n°3: cosigné par les coordonnateurs des centres de référence d'un même groupe",
		func(f *dossier.File) {}, &netOpts{centres: []network.Centre{
			{ID: "crmr-tiers", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory, Labels: inForce("2007-01-01", "2012-01-01", labelling.Arrete)},
		}},
		[]dossier.Part{{dossier.CoordinatorSignatureMissing, "file/crmr-tiers"}, {dossier.CoordinatorSignatureMissing, "convention/crmr-tiers"}}},
	{"lapsed, constitutive and other-group sites need not sign", "étape n°3",
		func(f *dossier.File) {}, &netOpts{centres: []network.Centre{
			{ID: "crmr-lapsed", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory, Labels: inForce("2002-01-01", "2007-01-01", labelling.Arrete)},
			{ID: "crmr-later", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory, Labels: inForce("2007-10-31", "2012-10-31", labelling.Arrete)},
			{ID: "crmr-site", Tier: typology.Reference, Role: typology.Constitutive, CoordinatingSite: ophtalmo, Group: typology.Sensory, Labels: inForce("2007-01-01", "2012-01-01", labelling.Arrete)},
			{ID: "crmr-bone", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Bone, Labels: inForce("2007-01-01", "2012-01-01", labelling.Arrete)},
		}},
		nil},

	// dossier.signature-after-transmission
	{"signed after the transmission", "étape n°3",
		func(f *dossier.File) {
			f.Signatures = slices.Clone(f.Signatures)
			for i, s := range f.Signatures {
				if s.Role == dossier.EstablishmentHead {
					f.Signatures[i].Date = day("2007-11-02")
				}
			}
		}, nil,
		[]dossier.Part{{dossier.SignatureAfterTransmission, "file/establishment-head/"}}},

	// dossier.attachment-after-transmission
	{"CME opinion after the transmission", "étape n°3: après avis de la commission médicale d'établissement",
		func(f *dossier.File) {
			f.Attachments = setAttachmentDate(f.Attachments, dossier.CMEOpinion, "2007-11-05")
		}, nil,
		[]dossier.Part{{dossier.AttachmentAfterTransmission, "cme-opinion"}}},
	{"board deliberation on the day of transmission", "étape n°3",
		func(f *dossier.File) {
			f.Attachments = setAttachmentDate(f.Attachments, dossier.BoardDeliberation, "2007-10-30")
		}, nil,
		nil},
	{"board deliberation after the transmission", "étape n°3: délibération du conseil d'administration",
		func(f *dossier.File) {
			f.Attachments = setAttachmentDate(f.Attachments, dossier.BoardDeliberation, "2007-10-31")
		}, nil,
		[]dossier.Part{{dossier.AttachmentAfterTransmission, "board-deliberation"}}},

	// dossier.activity-years
	{"activity of the wrong years", "cahier des charges 1.2 (2004 2005 2006)",
		func(f *dossier.File) {
			f.Centre.Activity = []network.Activity{
				{Year: 2003, Consultations: 10, Patients: 5}, {Year: 2004, Consultations: 10, Patients: 5}, {Year: 2005, Consultations: 10, Patients: 5}}
		}, nil,
		[]dossier.Part{{dossier.ActivityYears, "extra/2003"}, {dossier.ActivityYears, "missing/2006"}}},
	{"transmitted a year later", "cahier des charges 1.2",
		func(f *dossier.File) { f.Transmitted = day("2008-01-15") }, nil,
		[]dossier.Part{{dossier.ActivityYears, "extra/2004"}, {dossier.ActivityYears, "missing/2007"}}},

	// dossier.activity-inconsistent
	{"more new patients than patients", "cahier des charges 1.2",
		func(f *dossier.File) {
			f.Centre.Activity = slices.Clone(f.Centre.Activity)
			f.Centre.Activity[1].NewPatients = f.Centre.Activity[1].Patients + 1
		}, nil,
		[]dossier.Part{{dossier.ActivityInconsistent, "2005/new"}}},
	{"fewer consultations than patients", "cahier des charges 1.2",
		func(f *dossier.File) {
			f.Centre.Activity = slices.Clone(f.Centre.Activity)
			f.Centre.Activity[2].Consultations = f.Centre.Activity[2].Patients - 1
		}, nil,
		[]dossier.Part{{dossier.ActivityInconsistent, "2006/consultations"}}},

	// dossier.convention-group-mismatch
	{"convention for another group", "convention-type article 1",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Group = typology.Neurological })
		}, nil,
		[]dossier.Part{{dossier.ConventionGroupMismatch, "group"}}},

	// dossier.convention-parties-mismatch
	{"convention with other reference centres", "convention-type article 1",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Reference = []network.CentreID{ophtalmo} })
		}, nil,
		[]dossier.Part{{dossier.ConventionPartiesMismatch, "reference"}}},
	{"convention for another competence centre", "convention-type article 1",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Competence = "ccmr-autre" })
		}, nil,
		[]dossier.Part{{dossier.ConventionPartiesMismatch, "competence"}}},

	// dossier.commitment-missing
	{"no follow-up visit a year", "convention-type article 4: au minimum une visite de suivi annuelle par patient",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) {
				k := *c.CompetenceCommitments
				k.FollowUpVisits = 0
				c.CompetenceCommitments = &k
			})
		}, nil,
		[]dossier.Part{{dossier.CommitmentMissing, "4/follow-up-visits"}}},
	{"one practitioner meeting a year, no prescriber", "convention-type article 4: deux réunions annuelles",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) {
				k := *c.CompetenceCommitments
				k.PractitionerMeetings, k.Prescribers = 1, nil
				c.CompetenceCommitments = &k
			})
		}, nil,
		[]dossier.Part{{dossier.CommitmentMissing, "4/prescribers"}, {dossier.CommitmentMissing, "4/practitioner-meetings"}}},
	{"reference centres do not include in research", "convention-type article 3",
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) {
				r := *c.ReferenceCommitments
				r.Research = false
				c.ReferenceCommitments = &r
			})
		}, nil,
		[]dossier.Part{{dossier.CommitmentMissing, "3/research"}}},

	// dossier.reference-not-labelled
	{"reference centre unknown to the network", "étape n°3; cahier des charges, en-tête",
		func(f *dossier.File) {}, &netOpts{drop: surdites},
		[]dossier.Part{{dossier.ReferenceNotLabelled, string(surdites)}}},
	{"reference centre of another group, lapsed, or a competence centre", "étape n°3",
		func(f *dossier.File) {
			f.Reference = []network.CentreID{ophtalmo, surdites, "crmr-bone", "crmr-lapsed", "ccmr-voisin"}
			for _, r := range f.Reference[2:] {
				f.Signatures = append(slices.Clone(f.Signatures),
					dossier.Signature{Role: dossier.Coordinator, Reference: r, Date: day("2007-10-01")},
					dossier.Signature{Role: dossier.HospitalDirector, Reference: r, Date: day("2007-10-01")})
			}
			editConvention(f, func(c *dossier.Convention) {
				c.Reference = f.Reference
				for _, r := range f.Reference[2:] {
					c.Signatures = append(slices.Clone(c.Signatures), dossier.Signature{Role: dossier.Coordinator, Reference: r, Date: day("2007-10-01")})
				}
			})
		}, &netOpts{centres: []network.Centre{
			{ID: "crmr-bone", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Bone, Labels: inForce("2007-01-01", "2012-01-01", labelling.Arrete)},
			{ID: "crmr-lapsed", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory, Labels: inForce("2002-01-01", "2007-01-01", labelling.Arrete)},
			{ID: "ccmr-voisin", Tier: typology.Competence, Group: typology.Sensory, Labels: inForce("2007-01-01", "2012-01-01", labelling.Decision)},
		}},
		[]dossier.Part{{dossier.ReferenceNotLabelled, "crmr-bone"}, {dossier.ReferenceNotLabelled, "crmr-lapsed"}, {dossier.ReferenceNotLabelled, "ccmr-voisin"}}},

	// dossier.team-already-labelled
	{"team already labelled for the same disease", "étape n°1",
		func(f *dossier.File) {}, &netOpts{centres: []network.Centre{
			{ID: "ccmr-deja", Tier: typology.Competence, Group: typology.Sensory, Team: team,
				Diseases: []typology.Disease{{Orpha: 791, Name: "Retinitis pigmentosa"}}, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
		}},
		[]dossier.Part{{dossier.TeamAlreadyLabelled, "ccmr-deja"}}},
	{"team already labelled for the whole group", "étape n°1",
		func(f *dossier.File) {}, &netOpts{centres: []network.Centre{
			{ID: "ccmr-deja", Tier: typology.Competence, Group: typology.Sensory, Team: team, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
		}},
		[]dossier.Part{{dossier.TeamAlreadyLabelled, "ccmr-deja"}}},
	{"a whole-group application overlaps any label of the group", "étape n°1",
		func(f *dossier.File) {
			f.Diseases = nil
			editConvention(f, func(c *dossier.Convention) { c.Diseases = nil })
		}, &netOpts{centres: []network.Centre{
			{ID: "ccmr-deja", Tier: typology.Competence, Group: typology.Sensory, Team: team,
				Diseases: []typology.Disease{{Name: "Surdité génétique"}}, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
		}},
		[]dossier.Part{{dossier.TeamAlreadyLabelled, "ccmr-deja"}}},
	{"same name without ORPHAcode overlaps", "étape n°1",
		func(f *dossier.File) {
			f.Diseases = []typology.Disease{{Name: "Surdité génétique"}}
			editConvention(f, func(c *dossier.Convention) { c.Diseases = f.Diseases })
		}, &netOpts{centres: []network.Centre{
			{ID: "ccmr-deja", Tier: typology.Competence, Group: typology.Sensory, Team: team,
				Diseases: []typology.Disease{{Name: "Surdité génétique"}}, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
		}},
		[]dossier.Part{{dossier.TeamAlreadyLabelled, "ccmr-deja"}}},
	{"other diseases, other group, lapsed label, renewal, reference label: no overlap", "étape n°1: une même équipe hospitalière peut être centre de compétences dans différents groupes",
		func(f *dossier.File) {}, &netOpts{centres: []network.Centre{
			{ID: "ccmr-surdite", Tier: typology.Competence, Group: typology.Sensory, Team: team,
				Diseases: []typology.Disease{{Orpha: 90625, Name: "Surdité"}}, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
			{ID: "ccmr-neuro", Tier: typology.Competence, Group: typology.Neurological, Team: team, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
			{ID: "ccmr-ancien", Tier: typology.Competence, Group: typology.Sensory, Team: team, Labels: inForce("2001-01-01", "2006-01-01", labelling.Decision)},
			{ID: applicant, Tier: typology.Competence, Group: typology.Sensory, Team: team, Diseases: []typology.Disease{retinitis}, Labels: inForce("2006-01-01", "2011-01-01", labelling.Decision)},
			{ID: "crmr-equipe", Tier: typology.Reference, Role: typology.Constitutive, Group: typology.Sensory, Team: team, Labels: inForce("2006-01-01", "2011-01-01", labelling.Arrete)},
		}},
		nil},
}

func TestCheck(t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			f := complete(t)
			tc.edit(&f)
			var n *network.Network
			if tc.net != nil {
				n = buildNet(t, *tc.net)
			}
			got := dossier.CheckParts(f, n)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("CheckParts(complete.json edited: %s [%s]) mismatch (-want +got):\n%s", tc.name, tc.source, diff)
			}
		})
	}
}

// Every check of the catalogue is exercised by a case of the table.
func TestEveryRuleIsTested(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range checkCases {
		for _, p := range tc.want {
			seen[p.Rule] = true
		}
	}
	for _, r := range dossier.Rules() {
		if !seen[r.ID] {
			t.Errorf("no case of checkCases fails rule %s", r.ID)
		}
	}
}

func TestFindingFields(t *testing.T) {
	f := complete(t)
	f.Attachments = setAttachmentDate(f.Attachments, dossier.CMEOpinion, "2007-11-05")
	f.Centre.Activity = slices.Clone(f.Centre.Activity)
	f.Centre.Activity[0].Year = 2003
	editConvention(&f, func(c *dossier.Convention) {
		k := *c.CompetenceCommitments
		k.Interlocutor = false
		c.CompetenceCommitments = &k
	})
	got := dossier.Check(f, nil)
	type brief struct {
		Rule     string
		Severity rules.Severity
		Subject  string
		Kind     string
		Year     int
		Group    typology.Group
		Date     labelling.Date
		Source   string
	}
	var gotBrief []brief
	for _, x := range got {
		if x.Message == "" {
			t.Errorf("finding %v has no message", x)
		}
		gotBrief = append(gotBrief, brief{x.Rule, x.Severity, x.Subject, x.SubjectKind, x.Year, x.Group, x.Date, x.Source})
	}
	want := []brief{
		{dossier.ActivityYears, rules.Violation, string(applicant), "dossier", 2003, typology.Sensory, labelling.Date{}, "circulaire-dhos-2007, annexe 3, cahier des charges 1.2"},
		{dossier.ActivityYears, rules.Violation, string(applicant), "dossier", 2004, typology.Sensory, labelling.Date{}, "circulaire-dhos-2007, annexe 3, cahier des charges 1.2"},
		{dossier.AttachmentAfterTransmission, rules.Violation, string(applicant), "dossier", 0, typology.Sensory, day("2007-11-05"), "circulaire-dhos-2007, étape n°3"},
		{dossier.CommitmentMissing, rules.Advice, string(applicant), "dossier", 0, typology.Sensory, labelling.Date{}, "circulaire-dhos-2007, annexe 3, convention-type article 4"},
	}
	if diff := cmp.Diff(want, gotBrief, equateFiles); diff != "" {
		t.Errorf("Check() mismatch (-want +got):\n%s", diff)
	}
}

func TestRulesCatalogue(t *testing.T) {
	rs := dossier.Rules()
	if !slices.IsSortedFunc(rs, func(a, b dossier.Rule) int { return cmpString(a.ID, b.ID) }) {
		t.Errorf("Rules() is not in ID order")
	}
	for _, r := range rs {
		if !r.Severity.IsValid() || r.Title == "" || r.Source == "" || len(r.ID) < len("dossier.") || r.ID[:8] != "dossier." {
			t.Errorf("Rules(): incomplete rule %+v", r)
		}
	}
	rs[0].ID = "changed"
	if dossier.Rules()[0].ID == "changed" {
		t.Errorf("Rules() shares its slice")
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
