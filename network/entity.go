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
	ID     EstablishmentID
	FINESS FINESS // the zero FINESS when no number is known
	// FINESSEJ is the FINESS number of the establishment's legal entity
	// (entité juridique) when FINESS is the number of the site
	// (établissement géographique) or is unknown; the zero FINESS when not
	// known. A university hospital's sites share one. (rarenet/1.1
	// finess_ej.)
	FINESSEJ FINESS
	Name     string
	City     string
	Region   RegionCode // a region of the 2016 map
	Location Location   // where known
	// Provenance says where the facts come from.
	Provenance typology.Provenance
}

// A Location is a point in WGS84 degrees. Known is false when the position
// is not known; the zero Location is "unknown".
type Location struct {
	Lat, Lon float64
	Known    bool
}

// A Team is a hospital team (équipe hospitalière) of an establishment. A
// team may hold several labels: it may be a competence centre in several
// groups, each label being a [Centre] of its own.
type Team struct {
	ID            TeamID
	Establishment EstablishmentID
	Unit          string // the department or unit, when known
	Provenance    typology.Provenance
}

// A Centre is one labelled site for one disease group: a reference centre's
// coordinating or constitutive site, or a competence centre (or one of the
// older thematic structures, told apart by Kind).
//
// Slices in a Centre returned by a [Network] are shared with it: read them,
// never write to them (copy them with slices.Clone to edit).
type Centre struct {
	ID   CentreID
	Name string
	Tier typology.Tier
	// Role is set for reference centres only (coordinating or
	// constitutive site); it is zero for competence centres.
	Role typology.Role
	// CoordinatingSite is set for constitutive sites only: the
	// coordinating site of the reference centre they belong to.
	CoordinatingSite CentreID
	// Kind defaults to CRMR or CCMR by tier when zero at build time.
	Kind  typology.Kind
	Group typology.Group
	// Diseases narrows the centre's coverage inside its group; empty
	// means the whole group.
	Diseases []typology.Disease
	// Scope defaults to national (reference) or regional (competence)
	// when zero at build time.
	Scope typology.Scope
	Team  TeamID
	// AttachedTo lists, for a competence centre only, the reference sites
	// (coordinating or constitutive) it depends on functionally (« en lien
	// avec le CRMR dont il dépend fonctionnellement », the ministry's
	// care-offer page). Empty for reference centres. (rarenet/1.1
	// attached_to.)
	AttachedTo []CentreID
	Labels     []labelling.Label
	Activity   []Activity // by year, increasing, one entry a year
	// Provenance says where the facts come from.
	Provenance typology.Provenance
}

// Activity is a centre's activity for one calendar year (cahier des charges
// 1.2 of the 2007 circular): the consultations, the patients followed (the
// active file) and the new patients. Counts are never negative.
type Activity struct {
	Year          int
	Consultations int
	Patients      int
	NewPatients   int
}

// A Convention binds a competence centre to one or more reference centres
// of its group (the model convention of annexe 3 of the 2007 circular).
//
// Slices in a Convention returned by a [Network] are shared with it: read
// them, never write to them.
type Convention struct {
	ID         ConventionID
	Reference  []CentreID // reference parties, at least one
	Competence CentreID   // the competence party
	Signed     labelling.Date
	Start      labelling.Date
	// End is the first day the convention no longer runs; the zero Date
	// while it runs.
	End         labelling.Date
	Signatories []CentreID
	Provenance  typology.Provenance
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
// Slices in a Filiere returned by a [Network] are shared with it: read
// them, never write to them.
type Filiere struct {
	ID      FiliereID
	Name    string
	Host    EstablishmentID // the hosting establishment, when known
	Groups  []typology.Group
	Members []CentreID
	// Since is the day the sector was constituted, the zero Date when not
	// known: analyses by sector count members from that day on. The
	// sector rules do not read it. (rarenet/1.1 since.)
	Since      labelling.Date
	Provenance typology.Provenance
}

// A Platform is an expertise platform (plateforme d'expertise maladies
// rares, PEMR) or, when Overseas, an overseas coordination platform
// (PCOM), set up in an establishment that hosts several labelled centres.
type Platform struct {
	ID         PlatformID
	Name       string
	Host       EstablishmentID
	Overseas   bool
	Provenance typology.Provenance
}
