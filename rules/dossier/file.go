package dossier

import (
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A File is a competence-centre application file (dossier de candidature):
// the specification (cahier des charges) of annexe 3 of the 2007 circular,
// filled in by a hospital team, with its signatures, its attachments and
// the convention with the reference centres, as the establishment's
// director transmits it to the regional agency (ARH, now ARS).
//
// The fields follow the annexe: the header, then sections 1 to 6, then
// the signatures and the attachments. A section or a part of a section
// that the file leaves out is the zero value of its field; [Check]
// reports the parts a complete file must have. No field holds a person's
// name: physicians and signatories are roles.
//
// Slices and pointers in a File are not copied by the functions of this
// package, which never modify them.
type File struct {
	// Applicant is the ID the competence centre has, or will have, in
	// the network (the parties of the convention name it).
	Applicant network.CentreID
	// Name is the centre's name as the file gives it; optional.
	Name string
	// Team is the hospital team applying (équipe hospitalière), an ID of
	// the network when the team is already known there.
	Team network.TeamID
	// Group is the disease group of the application (annexe 2).
	Group typology.Group
	// Diseases narrows the application inside its group ("nom de la
	// maladie ou du groupe de maladies"); empty means the whole group.
	Diseases []typology.Disease
	// Reference lists the reference centres the competence centre
	// attaches to (header: "nom du centre de référence auquel se rattache
	// le centre de compétences"), by their network IDs.
	Reference []network.CentreID
	// Transmitted is the day the establishment's director sent the file
	// to the regional agency. The activity of section 1.2 covers the three
	// calendar years before its year.
	Transmitted labelling.Date

	Centre     Description // section 1: description of the competence centre
	Platform   Platform    // section 2: access to a technical and human platform
	Care       Care        // section 3: the ways patients are cared for
	Local      Local       // section 4: local care and the social dimension
	Plan       Plan        // section 5: the objectives the centre sets itself
	FreeText   string      // section 6: free text ("texte libre"); optional
	Signatures []Signature // the signatures closing the specification
	// Attachments are the documents joined to the file, except the
	// convention.
	Attachments []Attachment
	// Convention is the convention with the reference centres (the fourth
	// attachment); nil when it is not joined.
	Convention *Convention
}

// Description is section 1 of the specification, "description du centre
// de compétences". The zero Description is a missing section.
type Description struct {
	// Responsible is the centre's responsible physician (1.1); the zero
	// Physician when the file does not describe one.
	Responsible Physician
	// Physicians are the other physicians of the centre, one
	// identification sheet each (1.1); optional.
	Physicians []Physician
	// Activity is the activity on the diseases concerned in each of the
	// three calendar years before the application (1.2: "2004 2005 2006"
	// for the 2007 campaign), from the PMSI, the CCAM and the follow-up of
	// patients.
	Activity []network.Activity
	// Pathology briefly describes the diseases (care specifics,
	// diagnostic and follow-up constraints, local epidemiology) and shows
	// what the centre brings to the organisation of care (1.2).
	Pathology string
	// Catchment is the centre's catchment area (1.3); the zero Catchment
	// when the file does not describe it.
	Catchment Catchment
}

// A Physician is a physician of the competence centre as section 1.1
// describes one, identified by role, never by name. The zero Physician
// stands for a physician not described.
type Physician struct {
	// Role says who the physician is in the centre, for example
	// "responsible physician" or "paediatrician, day hospital"; roles are
	// unique within section 1.1, and CV attachments refer to them.
	Role string
	// Specialty is the medical specialty ("spécialité médicale").
	Specialty string
	// Status is the hospital and academic status and titles ("titres
	// hospitalo-universitaires"), for example "PU-PH" or "PH".
	Status string
	// Experience is the experience acquired with the disease or group.
	Experience string
}

// Catchment is the catchment area of section 1.3: regional or
// interregional, and the distance between the centre and the homes of its
// farthest patients. The zero Catchment is a missing part.
type Catchment struct {
	// Scope is typology.Regional or typology.Interregional.
	Scope typology.Scope
	// FarthestKm is the distance, in kilometres, to the homes of the
	// farthest patients.
	FarthestKm int
	// Description describes the area; optional.
	Description string
}

// Platform is section 2 of the specification, "accès à un plateau
// technique et humain adapté aux missions du centre de compétences". The
// zero Platform is a missing section.
type Platform struct {
	// Technical describes the technical platform (2.1); the zero
	// Technical when the file does not describe it.
	Technical Technical
	// Difficulties met because the platform is not suited, and the
	// solutions (2.2); optional.
	Difficulties Difficulties
	// Medical is the medical staff of the centre (2.3).
	Medical []Staff
	// ParamedicalCoordinator is the identified paramedical coordinator
	// (2.3), the zero Staff when there is none.
	ParamedicalCoordinator Staff
	// Paramedical is the other paramedical staff (2.3); optional.
	Paramedical []Staff
	// Correspondents are the hospital correspondents, public or private,
	// who help with care without belonging to the centre (2.3); optional.
	Correspondents []Correspondent
	// Cooperation is how the centre and those specialists work together
	// (2.3, "mode d'organisation"); nil when the file does not say.
	Cooperation *Cooperation
}

// Technical is the technical platform of section 2.1. The zero Technical
// is a missing part.
type Technical struct {
	Kind PlatformKind // general or specialised
	// Components describes the platform's main components.
	Components string
	// Operation is how the platform runs.
	Operation Operation
	// Partner is the hospital the platform works in network with; set
	// when, and only when, Operation is Networked.
	Partner NetworkPartner
	// Laboratory is the reference laboratory for molecular diagnosis the
	// centre works with (one identified by the DHOS's OPRC mission), ""
	// when none; optional.
	Laboratory string
}

// NetworkPartner is the hospital a networked platform works with
// (section 2.1: "préciser lequel et sa distance avec le centre").
type NetworkPartner struct {
	// Hospital names the hospital (an establishment, never a person).
	Hospital string
	// DistanceKm is its distance from the centre, in kilometres.
	DistanceKm int
	// Collaboration describes the ways of working set up: shared record,
	// concertation meetings, other.
	Collaboration string
}

// Difficulties is section 2.2: the difficulties the centre meets because
// its platform is not suited, and the solutions. The zero Difficulties
// means none are reported.
type Difficulties struct {
	Description string     // the difficulties met
	Solutions   []Solution // the solutions adopted or planned; optional
}

// A Solution is a solution adopted or planned for a difficulty of section
// 2.2, with its schedule ("échéancier") and, when it rests on a
// convention with a structure that performs examinations the centre
// cannot, that structure.
type Solution struct {
	Action string // what is done
	// Due is the day by which it is to be in place; the zero Date when
	// the file gives none.
	Due labelling.Date
	// Partner names the structure the centre has a convention with, for
	// example the reference centre; optional.
	Partner string
}

// Staff is a member of the staff of section 2.3, identified by role,
// never by name. The zero Staff stands for a member not described.
type Staff struct {
	// Role says who the member is, for example "referent physician" or
	// "paramedical coordinator".
	Role string
	// Status is the member's status (PH, PU-PH, nurse on a permanent
	// post...).
	Status string
	// Specialty is the specialty, or for paramedical staff the
	// profession (nurse, physiotherapist, psychologist...).
	Specialty string
	// TimePercent is the share of working time given to the diseases
	// concerned, from 0 to 100.
	TimePercent int
	// SeniorityYears is the number of years in post.
	SeniorityYears int
	// Experience is the experience acquired with the disease; optional.
	Experience string
}

// A Correspondent is one line of the hospital correspondents of section
// 2.3: how many physicians (or paramedical staff) of one specialty, and
// where they work.
type Correspondent struct {
	Kind CorrespondentKind // medical or paramedical
	Site Site              // the centre's hospital or another one
	// Specialty is the specialty, or the profession for paramedical
	// correspondents.
	Specialty string
	// Status is the physicians' status; optional for paramedical
	// correspondents.
	Status string
	// Count is the number of correspondents, at least 1.
	Count int
	// Hospital names the other hospital, for Site OtherHospital;
	// optional.
	Hospital string
}

// Cooperation is the organisation of joint work between the centre and the
// specialists who take part in care (section 2.3: "cocher la case
// correspondante").
type Cooperation struct {
	// MultidisciplinaryConsultations: rare-disease multidisciplinary
	// consultations exist.
	MultidisciplinaryConsultations bool
	// JointDayHospitals: the centre organises day hospitals jointly with
	// these specialties.
	JointDayHospitals bool
	// SharedRecords: shared rare-disease records exist; the file then
	// joins a copy (a [SharedRecord] attachment).
	SharedRecords bool
	// Meetings are the rare-disease concertation meetings with the
	// centre; the zero Meetings when there are none.
	Meetings Meetings
	// Other describes other ways of working together; optional.
	Other string
}

// Meetings are concertation meetings: their type and how many a year.
// The zero Meetings means there are none.
type Meetings struct {
	Type    string // what kind of meeting, with whom
	PerYear int    // at least 1
}

// Care is section 3 of the specification, "modalités de prise en charge
// des patients". The zero Care is a missing section.
type Care struct {
	// Publications are the national and international publications and
	// communications of the last three years written with the reference
	// centre (3.1); optional. When there are some, the file joins their
	// first pages (a [Publications] attachment).
	Publications []Publication
	// Diagnosis describes how care is organised today (3.1); the zero
	// Diagnosis when the file does not describe it.
	Diagnosis Diagnosis
	// Objectives are the objectives set with the reference centres, with
	// their schedule (3.2). A complete file has one for each of Strategy,
	// Emergencies and Continuity.
	Objectives []Objective
	// Implementation is how the centre takes part in the national work
	// (3.3); the zero Implementation when the file does not say.
	Implementation Implementation
}

// A Publication is one line of the list of section 3.1. Ref identifies it
// by a PubMed ID, a DOI or a short title; prefer identifiers to citations,
// which carry authors' names.
type Publication struct {
	Year  int             // the year of publication or of the meeting
	Type  PublicationType // publication or communication
	Reach Reach           // national or international
	Ref   string          // a PubMed ID, a DOI or a short title
}

// Diagnosis is the description of the organisation of care in section
// 3.1. The zero Diagnosis is a missing part.
type Diagnosis struct {
	// Procedures: how the diagnostic procedures are carried out.
	Procedures string
	// GeneticCounselling: access to genetic counselling, where relevant;
	// optional.
	GeneticCounselling string
	// Announcement: support for the patient and relatives when the
	// diagnosis is announced.
	Announcement string
	// Assessment: assessment of the disease's manifestations and
	// prognosis.
	Assessment string
	// Feedback: how information on the patient's state and treatment
	// flows back to the physician who usually follows the patient.
	Feedback string
}

// An Objective is an objective the competence centre and the reference
// centres set together (section 3.2), with its due date ("préciser
// l'échéancier").
type Objective struct {
	Topic       Topic          // what the objective is about
	Description string         // the objective
	Due         labelling.Date // the day by which it is to be reached
}

// Implementation is section 3.3, "modalités de mise en œuvre": how the
// centre takes part in the work of the reference centres. The zero
// Implementation is a missing part.
type Implementation struct {
	// Protocols: the national diagnosis and care protocols, with the
	// Haute Autorité de santé (HAS).
	Protocols string
	// Training: training and information of health professionals on the
	// material of the reference centre.
	Training string
	// Research: research work, its nature and the partnership with the
	// reference centre.
	Research string
	// Surveillance: epidemiological surveillance, and the links with the
	// national public-health institute (InVS) and the reference centre.
	Surveillance string
}

// Local is section 4, "soins de proximité et dimension sociale, familiale
// et relationnelle de la prise en charge". The zero Local is a missing
// section.
type Local struct {
	// Project is the centre's department project, which takes the
	// patient's social, family and relational dimension into account and
	// organises local care.
	Project string
	// Actions are the actions carried out with partners.
	Actions []Action
}

// An Action is an action of section 4 carried out with a partner.
type Action struct {
	Partner     Partner // with whom
	Description string  // what is done
}

// Plan is section 5, "objectifs que se fixe le centre de compétences en
// lien avec le centre de référence". The zero Plan is a missing section.
type Plan struct {
	// Goals are the objectives and calendar over five years (5.1).
	Goals []Goal
	// Approach describes the approach and the tools planned (5.2).
	Approach string
}

// A Goal is an objective of section 5.1 and the year it is set for.
type Goal struct {
	Year        int    // the year the goal is set for
	Description string // the goal
}

// A Signature is a signature of the file or of the convention: a role, the
// reference centre concerned for a coordinator or a hospital director, and
// a date. It never holds a name.
type Signature struct {
	Role SignatoryRole // the capacity in which one signs
	// Reference is the reference centre whose coordinator signs, or whose
	// university hospital's director signs; empty for the other roles.
	Reference network.CentreID
	Date      labelling.Date // the day of the signature
}

// An Attachment is a document joined to the file.
type Attachment struct {
	Kind AttachmentKind // what the document is
	// Of is, for a CV, the role of the physician or staff member whose CV
	// it is (a [Physician.Role] or [Staff.Role]); empty for other kinds.
	Of string
	// Date is the day of the act, required for a CMEOpinion or a
	// BoardDeliberation and optional for the others.
	Date labelling.Date
	// Ref identifies the document (a file name, a register number);
	// optional.
	Ref string
}
