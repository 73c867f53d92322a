package dossier

import (
	"fmt"
	"strings"

	"github.com/rarenet/rarenet/network"
)

// The enumerations of the application file are small unsigned integers
// whose zero value is invalid (it stands for a value that was never set),
// as in package typology. Each has IsValid, a String that prints its
// rarenet-dossier/1 spelling (or "Kind(9)" when out of range), and
// MarshalText/UnmarshalText with the exact spellings of the format; the
// zero value marshals as empty text and reads back from it.

// spellings holds the names of an enumeration; index 0 is unused.
type spellings struct {
	typ   string   // the Go type name, for out-of-range values
	what  string   // what a value is, for error messages
	names []string // names[v] is the spelling of value v
}

func (s spellings) valid(v uint8) bool { return v >= 1 && int(v) < len(s.names) }

func (s spellings) str(v uint8) string {
	if s.valid(v) {
		return s.names[v]
	}
	return fmt.Sprintf("%s(%d)", s.typ, v)
}

// marshal writes the zero value (not set) as empty text, so that a struct
// holding one marshals; other invalid values fail.
func (s spellings) marshal(v uint8) ([]byte, error) {
	if v == 0 {
		return []byte{}, nil
	}
	if !s.valid(v) {
		return nil, fmt.Errorf("dossier: %w %s", network.ErrInvalid, s.str(v))
	}
	return []byte(s.names[v]), nil
}

// unmarshalText is unmarshal for the UnmarshalText methods: it also reads
// empty text, which marshal writes for the zero value. (The decoder calls
// unmarshal, which refuses empty text.)
func (s spellings) unmarshalText(b []byte) (uint8, error) {
	if len(b) == 0 {
		return 0, nil
	}
	return s.unmarshal(b)
}

func (s spellings) unmarshal(b []byte) (uint8, error) {
	for i := 1; i < len(s.names); i++ {
		if string(b) == s.names[i] {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q is not a %s (one of %s)", network.ErrInvalid, b, s.what, strings.Join(s.names[1:], ", "))
}

// PlatformKind says whether the technical platform of section 2.1 is
// general or specialised ("plateau technique polyvalent ou spécialisé").
// The zero PlatformKind is invalid.
type PlatformKind uint8

// The kinds of technical platform, with their spellings.
const (
	General     PlatformKind = iota + 1 // "general": polyvalent
	Specialised                         // "specialised": spécialisé
)

var platformKinds = spellings{"PlatformKind", "platform kind", []string{"", "general", "specialised"}}

// IsValid reports whether k is General or Specialised.
func (k PlatformKind) IsValid() bool { return platformKinds.valid(uint8(k)) }

// String returns k's spelling, or "PlatformKind(9)" when k is invalid.
func (k PlatformKind) String() string { return platformKinds.str(uint8(k)) }

// MarshalText returns k's spelling; it fails when k is invalid.
func (k PlatformKind) MarshalText() ([]byte, error) { return platformKinds.marshal(uint8(k)) }

// UnmarshalText accepts exactly "general" or "specialised".
func (k *PlatformKind) UnmarshalText(b []byte) error {
	v, err := platformKinds.unmarshalText(b)
	if err == nil {
		*k = PlatformKind(v)
	}
	return err
}

// Operation is how the technical platform of section 2.1 runs ("mode de
// fonctionnement"). The zero Operation is invalid.
type Operation uint8

// The modes of operation, with their spellings.
const (
	// AllHours: open 24 hours a day, on site ("ouvert 24 h sur 24 et sur
	// place").
	AllHours Operation = iota + 1 // "on-site-24h"
	// OnSite: on site but not permanent ("sur place mais non permanent").
	OnSite // "on-site"
	// Networked: in network with another hospital, which the file names
	// with its distance ("en réseau avec un autre hôpital").
	Networked // "network"
)

var operations = spellings{"Operation", "mode of operation", []string{"", "on-site-24h", "on-site", "network"}}

// IsValid reports whether o is one of the defined modes.
func (o Operation) IsValid() bool { return operations.valid(uint8(o)) }

// String returns o's spelling, or "Operation(9)" when o is invalid.
func (o Operation) String() string { return operations.str(uint8(o)) }

// MarshalText returns o's spelling; it fails when o is invalid.
func (o Operation) MarshalText() ([]byte, error) { return operations.marshal(uint8(o)) }

// UnmarshalText accepts exactly "on-site-24h", "on-site" or "network".
func (o *Operation) UnmarshalText(b []byte) error {
	v, err := operations.unmarshalText(b)
	if err == nil {
		*o = Operation(v)
	}
	return err
}

// CorrespondentKind tells medical from paramedical hospital correspondents
// (section 2.3). The zero CorrespondentKind is invalid.
type CorrespondentKind uint8

// The kinds of correspondent, with their spellings.
const (
	Medical     CorrespondentKind = iota + 1 // "medical": physicians
	Paramedical                              // "paramedical": nurses, physiotherapists, social workers, psychologists...
)

var correspondentKinds = spellings{"CorrespondentKind", "correspondent kind", []string{"", "medical", "paramedical"}}

// IsValid reports whether k is Medical or Paramedical.
func (k CorrespondentKind) IsValid() bool { return correspondentKinds.valid(uint8(k)) }

// String returns k's spelling, or "CorrespondentKind(9)" when k is invalid.
func (k CorrespondentKind) String() string { return correspondentKinds.str(uint8(k)) }

// MarshalText returns k's spelling; it fails when k is invalid.
func (k CorrespondentKind) MarshalText() ([]byte, error) { return correspondentKinds.marshal(uint8(k)) }

// UnmarshalText accepts exactly "medical" or "paramedical".
func (k *CorrespondentKind) UnmarshalText(b []byte) error {
	v, err := correspondentKinds.unmarshalText(b)
	if err == nil {
		*k = CorrespondentKind(v)
	}
	return err
}

// Site says where a hospital correspondent works (section 2.3): in the
// competence centre's hospital or in another one. The zero Site is
// invalid.
type Site uint8

// The sites, with their spellings.
const (
	SameHospital  Site = iota + 1 // "same-hospital"
	OtherHospital                 // "other-hospital"
)

var sites = spellings{"Site", "site", []string{"", "same-hospital", "other-hospital"}}

// IsValid reports whether s is SameHospital or OtherHospital.
func (s Site) IsValid() bool { return sites.valid(uint8(s)) }

// String returns s's spelling, or "Site(9)" when s is invalid.
func (s Site) String() string { return sites.str(uint8(s)) }

// MarshalText returns s's spelling; it fails when s is invalid.
func (s Site) MarshalText() ([]byte, error) { return sites.marshal(uint8(s)) }

// UnmarshalText accepts exactly "same-hospital" or "other-hospital".
func (s *Site) UnmarshalText(b []byte) error {
	v, err := sites.unmarshalText(b)
	if err == nil {
		*s = Site(v)
	}
	return err
}

// PublicationType tells publications from communications (section 3.1).
// The zero PublicationType is invalid.
type PublicationType uint8

// The publication types, with their spellings.
const (
	Article       PublicationType = iota + 1 // "publication": a published paper
	Communication                            // "communication": a talk or poster at a meeting
)

var publicationTypes = spellings{"PublicationType", "publication type", []string{"", "publication", "communication"}}

// IsValid reports whether t is Article or Communication.
func (t PublicationType) IsValid() bool { return publicationTypes.valid(uint8(t)) }

// String returns t's spelling, or "PublicationType(9)" when t is invalid.
func (t PublicationType) String() string { return publicationTypes.str(uint8(t)) }

// MarshalText returns t's spelling; it fails when t is invalid.
func (t PublicationType) MarshalText() ([]byte, error) { return publicationTypes.marshal(uint8(t)) }

// UnmarshalText accepts exactly "publication" or "communication".
func (t *PublicationType) UnmarshalText(b []byte) error {
	v, err := publicationTypes.unmarshalText(b)
	if err == nil {
		*t = PublicationType(v)
	}
	return err
}

// Reach is the audience of a publication (section 3.1: "nationales et
// internationales"). The zero Reach is invalid.
type Reach uint8

// The reaches, with their spellings.
const (
	NationalReach      Reach = iota + 1 // "national"
	InternationalReach                  // "international"
)

var reaches = spellings{"Reach", "reach", []string{"", "national", "international"}}

// IsValid reports whether r is NationalReach or InternationalReach.
func (r Reach) IsValid() bool { return reaches.valid(uint8(r)) }

// String returns r's spelling, or "Reach(9)" when r is invalid.
func (r Reach) String() string { return reaches.str(uint8(r)) }

// MarshalText returns r's spelling; it fails when r is invalid.
func (r Reach) MarshalText() ([]byte, error) { return reaches.marshal(uint8(r)) }

// UnmarshalText accepts exactly "national" or "international".
func (r *Reach) UnmarshalText(b []byte) error {
	v, err := reaches.unmarshalText(b)
	if err == nil {
		*r = Reach(v)
	}
	return err
}

// Topic is what an objective shared with the reference centres is about
// (section 3.2). The first three are the three the annexe lists, which a
// complete file has; Other is for more. The zero Topic is invalid.
type Topic uint8

// The topics, with their spellings.
const (
	// Strategy: following the therapeutic strategy set by the reference
	// centre ("suivi de la stratégie thérapeutique").
	Strategy Topic = iota + 1 // "strategy"
	// Emergencies: handling emergencies (telephone advice for local
	// carers, a path to intensive care when needed).
	Emergencies // "emergencies"
	// Continuity: continuity of care at every age, from childhood to
	// adulthood ("passage de l'enfance à l'âge adulte").
	Continuity // "continuity"
	// OtherTopic: any further objective.
	OtherTopic // "other"
)

var topics = spellings{"Topic", "objective topic", []string{"", "strategy", "emergencies", "continuity", "other"}}

// IsValid reports whether t is one of the defined topics.
func (t Topic) IsValid() bool { return topics.valid(uint8(t)) }

// String returns t's spelling, or "Topic(9)" when t is invalid.
func (t Topic) String() string { return topics.str(uint8(t)) }

// MarshalText returns t's spelling; it fails when t is invalid.
func (t Topic) MarshalText() ([]byte, error) { return topics.marshal(uint8(t)) }

// UnmarshalText accepts exactly "strategy", "emergencies", "continuity" or
// "other".
func (t *Topic) UnmarshalText(b []byte) error {
	v, err := topics.unmarshalText(b)
	if err == nil {
		*t = Topic(v)
	}
	return err
}

// Partner is whom an action of section 4 (local care and the social
// dimension) is carried out with, in the order of the annexe. The zero
// Partner is invalid.
type Partner uint8

// The partners, with their spellings.
const (
	Patients               Partner = iota + 1 // "patients": patients and their relatives
	CentreStaff                               // "centre-staff": the competence centre's staff
	EstablishmentStaff                        // "establishment-staff": the hospital's staff (emergency, intensive care...)
	OtherEstablishments                       // "other-establishments": other health establishments
	CommunityProfessionals                    // "community-professionals": general practitioners, home carers
	PreventiveMedicine                        // "preventive-medicine": mother and child, school, university, occupational medicine
	Associations                              // "associations": local patient associations and the public
	MDPH                                      // "mdph": maison départementale des personnes handicapées (disability centre)
	Authorities                               // "authorities": health insurance, regional agency (ARH), DRASS
	HealthNetworks                            // "health-networks": local health networks (réseaux de santé)
	Rehabilitation                            // "rehabilitation": follow-up and rehabilitation care (SSR)
)

var partners = spellings{"Partner", "partner", []string{"", "patients", "centre-staff", "establishment-staff",
	"other-establishments", "community-professionals", "preventive-medicine", "associations", "mdph",
	"authorities", "health-networks", "rehabilitation"}}

// IsValid reports whether p is one of the defined partners.
func (p Partner) IsValid() bool { return partners.valid(uint8(p)) }

// String returns p's spelling, or "Partner(99)" when p is invalid.
func (p Partner) String() string { return partners.str(uint8(p)) }

// MarshalText returns p's spelling; it fails when p is invalid.
func (p Partner) MarshalText() ([]byte, error) { return partners.marshal(uint8(p)) }

// UnmarshalText accepts exactly one of the spellings of the constants.
func (p *Partner) UnmarshalText(b []byte) error {
	v, err := partners.unmarshalText(b)
	if err == nil {
		*p = Partner(v)
	}
	return err
}

// SignatoryRole is the capacity in which someone signs the file or the
// convention. Signatures record roles and dates, never names. The zero
// SignatoryRole is invalid.
type SignatoryRole uint8

// The signatory roles, with their spellings, in the order of the annexe.
const (
	// Responsible: the competence centre's responsible physician (médecin
	// responsable), who signs the file and the convention.
	Responsible SignatoryRole = iota + 1 // "responsible"
	// DivisionHead: the head of the clinical division (chef de pôle).
	DivisionHead // "division-head"
	// EstablishmentHead: the head of the establishment (chef
	// d'établissement).
	EstablishmentHead // "establishment-head"
	// Coordinator: the coordinating physician of a reference centre, named
	// by its centre ID; signs the file and the convention.
	Coordinator // "coordinator"
	// HospitalDirector: the director general of the university hospital
	// that is the seat of a reference centre, named by the centre's ID.
	HospitalDirector // "hospital-director"
)

var signatoryRoles = spellings{"SignatoryRole", "signatory role", []string{"", "responsible", "division-head",
	"establishment-head", "coordinator", "hospital-director"}}

// IsValid reports whether r is one of the defined roles.
func (r SignatoryRole) IsValid() bool { return signatoryRoles.valid(uint8(r)) }

// String returns r's spelling, or "SignatoryRole(9)" when r is invalid.
func (r SignatoryRole) String() string { return signatoryRoles.str(uint8(r)) }

// MarshalText returns r's spelling; it fails when r is invalid.
func (r SignatoryRole) MarshalText() ([]byte, error) { return signatoryRoles.marshal(uint8(r)) }

// UnmarshalText accepts exactly one of the spellings of the constants.
func (r *SignatoryRole) UnmarshalText(b []byte) error {
	v, err := signatoryRoles.unmarshalText(b)
	if err == nil {
		*r = SignatoryRole(v)
	}
	return err
}

// hasReference reports whether a signature in role r names a reference
// centre.
func (r SignatoryRole) hasReference() bool { return r == Coordinator || r == HospitalDirector }

// AttachmentKind is the kind of a document joined to the file ("annexes à
// joindre à la demande"). The convention, the fourth attachment of the
// annexe, is not an attachment of the list: it is [File.Convention], held
// in full so that it can be checked. The zero AttachmentKind is invalid.
type AttachmentKind uint8

// The kinds of attachment, with their spellings.
const (
	// CV: the curriculum vitae of a physician of the centre (attachment
	// 1), named by the physician's role.
	CV AttachmentKind = iota + 1 // "cv"
	// Publications: the first pages or PubMed pages of the publications of
	// section 3.1 and the research projects under way (attachment 2).
	Publications // "publications"
	// CMEOpinion: the opinion of the medical committee of the
	// establishment (commission médicale d'établissement, CME), dated
	// (attachment 3).
	CMEOpinion // "cme-opinion"
	// BoardDeliberation: the deliberation of the establishment's board
	// (conseil d'administration), dated (attachment 3).
	BoardDeliberation // "board-deliberation"
	// SharedRecord: a copy of the shared rare-disease record, which
	// section 2.3 asks for when the centre keeps one with its
	// correspondents.
	SharedRecord // "shared-record"
)

var attachmentKinds = spellings{"AttachmentKind", "attachment kind", []string{"", "cv", "publications",
	"cme-opinion", "board-deliberation", "shared-record"}}

// IsValid reports whether k is one of the defined kinds.
func (k AttachmentKind) IsValid() bool { return attachmentKinds.valid(uint8(k)) }

// String returns k's spelling, or "AttachmentKind(9)" when k is invalid.
func (k AttachmentKind) String() string { return attachmentKinds.str(uint8(k)) }

// MarshalText returns k's spelling; it fails when k is invalid.
func (k AttachmentKind) MarshalText() ([]byte, error) { return attachmentKinds.marshal(uint8(k)) }

// UnmarshalText accepts exactly one of the spellings of the constants.
func (k *AttachmentKind) UnmarshalText(b []byte) error {
	v, err := attachmentKinds.unmarshalText(b)
	if err == nil {
		*k = AttachmentKind(v)
	}
	return err
}

// dated reports whether an attachment of kind k must carry its date: the
// opinion and the deliberation precede the transmission to the agency.
func (k AttachmentKind) dated() bool { return k == CMEOpinion || k == BoardDeliberation }
