package network

import (
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// Typed identifiers keep the IDs of different kinds of entity from being
// mixed up. IDs are chosen by the data (a sector's acronym, an
// establishment's short name) and compared exactly.
type (
	// EstablishmentID identifies an [Establishment].
	EstablishmentID string
	// TeamID identifies a [Team].
	TeamID string
	// CentreID identifies a [Centre].
	CentreID string
	// ConventionID identifies a [Convention].
	ConventionID string
	// FiliereID identifies a [Filiere]: usually its acronym ("SENSGENE").
	FiliereID string
	// PlatformID identifies a [Platform].
	PlatformID string
)

// An Establishment is a hospital (établissement de santé) that hosts teams,
// sectors or platforms.
type Establishment struct {
	ID     EstablishmentID `json:"id"`
	FINESS FINESS          `json:"finess,omitzero"` // the zero FINESS when no number is known
	// FINESSEJ is the FINESS number of the establishment's legal entity
	// (entité juridique) when FINESS is the number of the site
	// (établissement géographique) or is unknown; the zero FINESS when not
	// known. A university hospital's sites share one. (rarenet/1.1
	// finess_ej.)
	FINESSEJ FINESS     `json:"finess_ej,omitzero"`
	Name     string     `json:"name"`
	City     string     `json:"city,omitempty"`
	Region   RegionCode `json:"region"` // a region of the 2016 map
	Location Location   `json:"-"`      // where known
	// Provenance says where the facts come from.
	Provenance typology.Provenance `json:"-"`
}

// A Location is a point in WGS84 degrees. Known is false when the position
// is not known; the zero Location is "unknown".
type Location struct {
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
	Known bool    `json:"known"`
}

// A Team is a hospital team (équipe hospitalière) of an establishment. A
// team may hold several labels: it may be a competence centre in several
// groups, each label being a [Centre] of its own.
type Team struct {
	ID            TeamID              `json:"id"`
	Establishment EstablishmentID     `json:"establishment"`
	Unit          string              `json:"unit,omitempty"` // the department or unit, when known
	Provenance    typology.Provenance `json:"-"`
}

// A Centre is one labelled site for one disease group: a reference centre's
// coordinating or constitutive site, or a competence centre (or one of the
// older thematic structures, told apart by Kind).
//
// A Centre returned by a [Network] is the caller's own: its slices are
// copies, and writing to them changes nothing in the network.
type Centre struct {
	ID   CentreID      `json:"id"`
	Name string        `json:"name"`
	Tier typology.Tier `json:"tier"`
	// Role is set for reference centres only (coordinating or
	// constitutive site); it is zero for competence centres.
	Role typology.Role `json:"role,omitzero"`
	// CoordinatingSite is set for constitutive sites only: the
	// coordinating site of the reference centre they belong to.
	CoordinatingSite CentreID `json:"coordinating_site,omitempty"`
	// Kind defaults to CRMR or CCMR by tier when zero at build time.
	Kind  typology.Kind  `json:"kind,omitzero"`
	Group typology.Group `json:"group"`
	// Diseases narrows the centre's coverage inside its group; empty
	// means the whole group.
	Diseases []typology.Disease `json:"diseases,omitempty"`
	// Scope defaults to national (reference) or regional (competence)
	// when zero at build time.
	Scope typology.Scope `json:"scope,omitzero"`
	Team  TeamID         `json:"team"`
	// AttachedTo lists, for a competence centre only, the reference sites
	// (coordinating or constitutive) it depends on functionally (« en lien
	// avec le CRMR dont il dépend fonctionnellement », the ministry's
	// care-offer page). Empty for reference centres. (rarenet/1.1
	// attached_to.)
	AttachedTo []CentreID        `json:"attached_to,omitempty"`
	Labels     []labelling.Label `json:"labels,omitempty"`
	Activity   []Activity        `json:"activity,omitempty"` // by year, increasing, one entry a year
	// Provenance says where the facts come from.
	Provenance typology.Provenance `json:"-"`
}

// Activity is a centre's activity for one calendar year (cahier des charges
// 1.2 of the 2007 circular): the consultations, the patients followed (the
// active file) and the new patients. Counts are never negative.
type Activity struct {
	Year          int `json:"year"`
	Consultations int `json:"consultations"`
	Patients      int `json:"patients"`
	NewPatients   int `json:"new_patients"`
}

// A Convention binds a competence centre to one or more reference centres
// of its group (the model convention of annexe 3 of the 2007 circular).
//
// A Convention returned by a [Network] is the caller's own: its slices are
// copies.
type Convention struct {
	ID         ConventionID   `json:"id"`
	Reference  []CentreID     `json:"reference"`  // reference parties, at least one
	Competence CentreID       `json:"competence"` // the competence party
	Signed     labelling.Date `json:"signed,omitzero"`
	Start      labelling.Date `json:"start,omitzero"`
	// End is the first day the convention no longer runs; the zero Date
	// while it runs.
	End         labelling.Date      `json:"end,omitzero"`
	Signatories []CentreID          `json:"signatories,omitempty"`
	Provenance  typology.Provenance `json:"-"`
}

// Window returns the days the convention runs: [Start, End), or from Start
// on when it has no end (up to the last representable day).
func (c Convention) Window() labelling.Window {
	end := c.End
	if end.IsZero() {
		end = labelling.MakeDate(labelling.MaxYear, 12, 31)
	}
	w, _ := labelling.NewWindow(c.Start, end)
	return w
}

// RunningOn reports whether the convention runs on day d.
func (c Convention) RunningOn(d labelling.Date) bool { return c.Window().Contains(d) }

// A Filiere is a rare-disease health sector (filière de santé maladies
// rares, FSMR): since 2014, 23 of them coordinate the centres of their
// field.
//
// A Filiere returned by a [Network] is the caller's own: its slices are
// copies.
type Filiere struct {
	ID      FiliereID        `json:"id"`
	Name    string           `json:"name"`
	Host    EstablishmentID  `json:"host,omitempty"` // the hosting establishment, when known
	Groups  []typology.Group `json:"groups,omitempty"`
	Members []CentreID       `json:"members,omitempty"`
	// Since is the day the sector was constituted, the zero Date when not
	// known: analyses by sector count members from that day on. The
	// sector rules do not read it. (rarenet/1.1 since.)
	Since      labelling.Date      `json:"since,omitzero"`
	Provenance typology.Provenance `json:"-"`
}

// A Platform is an expertise platform (plateforme d'expertise maladies
// rares, PEMR) or, when Overseas, an overseas coordination platform
// (PCOM), set up in an establishment that hosts several labelled centres.
type Platform struct {
	ID         PlatformID          `json:"id"`
	Name       string              `json:"name"`
	Host       EstablishmentID     `json:"host"`
	Overseas   bool                `json:"overseas,omitempty"`
	Provenance typology.Provenance `json:"-"`
}
