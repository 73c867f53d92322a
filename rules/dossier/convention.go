package dossier

import (
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Convention is the convention between the reference centres of a group
// and a competence centre, on the model of annexe 3 of the 2007 circular
// ("proposition de convention-type"), article by article. The model is a
// frame the parties adapt ("une trame qui doit être adaptée"): the
// commitments of articles 3 and 4 are negotiable, which is why [Check]
// reports a commitment left out as advice, not as a violation.
//
// Article 6 fixes the convention's end by the text itself: it runs from
// Start until the reference centre's label is withdrawn (by ministerial
// order, on the national committee's opinion) or the regional agency's
// director ends the competence centre. A convention therefore has no end
// date of its own; once the centre is designated, the network records the
// day it ended ([network.Convention]).
type Convention struct {
	// Reference lists the reference centres that are parties (article 1),
	// at least one; their coordinators sign.
	Reference []network.CentreID
	// Competence is the competence centre that is a party (article 1):
	// the applicant of the file.
	Competence network.CentreID
	// Group is the disease group of the typology (article 1).
	Group typology.Group
	// Diseases are the rare diseases concerned (article 1); empty means
	// the whole group.
	Diseases []typology.Disease
	// Missions says how the five missions of article 2 are carried out
	// between the parties; the zero Missions when left out.
	Missions Missions
	// ReferenceCommitments are the reference centres' commitments
	// (article 3); nil when left out.
	ReferenceCommitments *ReferenceCommitments
	// CompetenceCommitments are the competence centre's commitments
	// (article 4); nil when left out.
	CompetenceCommitments *CompetenceCommitments
	// Adaptations records what the parties negotiated away from the
	// model's commitments ("ces éléments sont à adapter dans le cadre
	// d'une négociation"); optional.
	Adaptations string
	// Evaluation states how the competence centre's activity will be
	// evaluated (article 5; step 3 of the circular asks the agency to
	// make sure it is stated).
	Evaluation string
	// Start is the day the convention applies from (article 6).
	Start labelling.Date
	// Signatures are the signatures closing the convention: the
	// coordinator of each reference centre and the competence centre's
	// responsible physician.
	Signatures []Signature
}

// Missions are the five missions of article 2, which the competence centre
// shares with the reference centres under their coordination. Each field
// says how the parties carry the mission out together (each paragraph of
// the article ends with "préciser..."). The zero Missions is a missing
// article.
type Missions struct {
	// GlobalCare (2.1): global and coherent care for the patient and
	// relatives: access to diagnosis, care strategy, patient information
	// (guidelines, leaflets).
	GlobalCare string
	// LocalCare (2.2): local care with establishments and professionals:
	// the reference centres' recourse role (direct telephone line,
	// hospitalisation, annual meetings, training of the competence
	// centre's staff).
	LocalCare string
	// Knowledge (2.3): knowledge and practice: the registry, clinical
	// research, first prescription of orphan drugs, good practice.
	Knowledge string
	// Coordination (2.4): how coordination between the structures works
	// and its tools.
	Coordination string
	// Authorities (2.5): relations with local patient associations and
	// regional authorities.
	Authorities string
}

// ReferenceCommitments are the commitments of the reference centres in
// article 3 of the model, each one true when the convention keeps it.
type ReferenceCommitments struct {
	// RegistryAccess: give the competence centre access to its patients'
	// records in the national registry.
	RegistryAccess bool
	// WebsiteAccess: give access to the network's website.
	WebsiteAccess bool
	// FirstPrescription: let the competence centre make the first
	// prescription of orphan drugs on top of activity-based payment (T2A);
	// the prescribers are [CompetenceCommitments.Prescribers].
	FirstPrescription bool
	// Recourse: answer the competence centre's requests for recourse.
	Recourse bool
	// Protocols: circulate the protocols and good practice.
	Protocols bool
	// Research: include the competence centre in research and in trials
	// of new treatments.
	Research bool
}

// CompetenceCommitments are the commitments of the competence centre in
// article 4 of the model. Booleans are true when the convention keeps the
// commitment; counts are what it undertakes.
type CompetenceCommitments struct {
	// Training: follow the training the reference centres organise for
	// medical and care staff.
	Training bool
	// AnnualMeetings: attend the annual meetings the reference centre
	// organises.
	AnnualMeetings bool
	// RegistryRecords: fill in the patient record and send it to the
	// national registry.
	RegistryRecords bool
	// Prescribers designates the physicians who make first prescriptions,
	// by role (the model says "nominativement", by name: the names stay
	// out of the file, with the roles pointing to them).
	Prescribers []string
	// FollowUpVisits is the number of follow-up visits a year per
	// patient; the model asks for at least one.
	FollowUpVisits int
	// PhoneAnswers: designated physicians answer patients' questions by
	// telephone.
	PhoneAnswers bool
	// AssociationMeeting: take part in the patient association's annual
	// meeting.
	AssociationMeeting bool
	// PractitionerMeetings is the number of meetings a year for hospital
	// and private physicians; the model asks for two.
	PractitionerMeetings int
	// Interlocutor: be those physicians' interlocutor.
	Interlocutor bool
}

// Model figures of article 4.
const (
	// MinFollowUpVisits is the least number of follow-up visits a year
	// per patient ("au minimum une visite de suivi annuelle par patient").
	MinFollowUpVisits = 1
	// MinPractitionerMeetings is the number of meetings a year for
	// hospital and private physicians ("deux réunions annuelles").
	MinPractitionerMeetings = 2
)

// ModelReferenceCommitments returns the commitments of article 3 as the
// model states them, every one kept.
func ModelReferenceCommitments() ReferenceCommitments {
	return ReferenceCommitments{
		RegistryAccess:    true,
		WebsiteAccess:     true,
		FirstPrescription: true,
		Recourse:          true,
		Protocols:         true,
		Research:          true,
	}
}

// ModelCompetenceCommitments returns the commitments of article 4 as the
// model states them, with the given prescribers (roles).
func ModelCompetenceCommitments(prescribers ...string) CompetenceCommitments {
	return CompetenceCommitments{
		Training:             true,
		AnnualMeetings:       true,
		RegistryRecords:      true,
		Prescribers:          prescribers,
		FollowUpVisits:       MinFollowUpVisits,
		PhoneAnswers:         true,
		AssociationMeeting:   true,
		PractitionerMeetings: MinPractitionerMeetings,
		Interlocutor:         true,
	}
}
