package network

import (
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// # The allocation-free read path
//
// [Network.Centre], [Network.Centres] and the other queries return values
// that are the caller's own, which costs a copy of every slice they hold.
// Loops that visit every centre of a large network (a rule engine, an
// analysis) read through views instead: a [CentreView], [ConventionView] or
// [FiliereView] is a small value (a network and a position) whose methods
// read the network's storage directly and allocate nothing. Entities are
// named by their position in ID order (0 <= i < NumCentres(), ...), and a
// view gives the positions of the entities it refers to, so a loop never
// looks an ID up in a map:
//
//	for i := range n.NumCentres() {
//		c := n.CentreAt(i)
//		for k := range c.NumLabels() {
//			l := c.Label(k) // a labelling.Label is immutable
//			...
//		}
//		if site, ok := c.CoordinatingSite(); ok {
//			_ = n.CentreAt(site).Group()
//		}
//	}
//
// Views return values (IDs, dates, labels, counts), never slices; the
// Append and CopyTo methods copy into buffers the caller owns and reuses
// (code written for [Centre] values can keep them, copying each centre
// into one reused Centre). A view is valid as long as its network, which
// never changes.

// A CentreView reads one centre of a [Network] without copying it; see
// [Network.CentreAt]. The zero CentreView is not valid.
type CentreView struct {
	n *Network
	i int32
}

// CentreAt returns a view of the centre at position i in ID order, 0 <= i
// < [Network.NumCentres]. It panics when i is out of range, as indexing a
// slice does.
func (n *Network) CentreAt(i int) CentreView {
	_ = n.centres[i]
	return CentreView{n, int32(i)}
}

func (v CentreView) rec() *centreRec { return &v.n.centres[v.i] }

// next is the record after v's, the sentinel after the last.
func (v CentreView) next() *centreRec { return &v.n.centres[:v.i+2][v.i+1] }

// Index returns the centre's position in ID order.
func (v CentreView) Index() int { return int(v.i) }

// ID returns the centre's ID.
func (v CentreView) ID() CentreID { return v.rec().id }

// Name returns the centre's name.
func (v CentreView) Name() string { return v.rec().name }

// Tier returns the centre's tier.
func (v CentreView) Tier() typology.Tier { return v.rec().tier }

// Role returns a reference centre's role; zero for a competence centre.
func (v CentreView) Role() typology.Role { return v.rec().role }

// Kind returns the centre's kind (defaulted by tier at build time).
func (v CentreView) Kind() typology.Kind { return v.rec().kind }

// Group returns the centre's disease group.
func (v CentreView) Group() typology.Group { return v.rec().group }

// Scope returns the centre's scope (defaulted by tier at build time).
func (v CentreView) Scope() typology.Scope { return v.rec().scope }

// Provenance returns where the centre's facts come from.
func (v CentreView) Provenance() typology.Provenance { return v.n.provenances.at(v.rec().provenance) }

// Team returns the position of the centre's team, for [Network.TeamAt].
func (v CentreView) Team() int { return int(v.rec().team) }

// TeamID returns the ID of the centre's team.
func (v CentreView) TeamID() TeamID { return v.n.teams[v.rec().team].id }

// Establishment returns the position of the establishment of the centre's
// team, for [Network.EstablishmentAt].
func (v CentreView) Establishment() int { return int(v.rec().est) }

// Region returns the code of the region of the centre's establishment.
func (v CentreView) Region() RegionCode { return v.n.establishments[v.rec().est].Region }

// CoordinatingSite returns, for a constitutive site that names one, the
// position of its coordinating site.
func (v CentreView) CoordinatingSite() (int, bool) {
	c := v.rec().coord
	return int(c), c >= 0
}

// NumLabels returns the number of the centre's labels.
func (v CentreView) NumLabels() int { return int(v.next().labels - v.rec().labels) }

// Label returns label k of the centre in document order, 0 <= k <
// NumLabels().
func (v CentreView) Label(k int) labelling.Label {
	lo, hi := v.rec().labels, v.next().labels
	if k < 0 || k >= int(hi-lo) {
		panic("network: CentreView.Label: index out of range")
	}
	return v.n.labels.At(int(lo) + k)
}

// AppendLabels appends the centre's labels, in document order, to dst and
// returns the extended slice.
func (v CentreView) AppendLabels(dst []labelling.Label) []labelling.Label {
	return v.n.appendLabels(dst, v.rec().labels, v.next().labels)
}

// InForce reports whether the centre holds a label in force on day d.
func (v CentreView) InForce(d labelling.Date) bool {
	for k := v.rec().labels; k < v.next().labels; k++ {
		if v.n.labels.Effective(int(k)).Contains(d) {
			return true
		}
	}
	return false
}

// NumActivity returns the number of years of activity recorded.
func (v CentreView) NumActivity() int { return int(v.next().activity - v.rec().activity) }

// Activity returns the activity of the k-th year recorded, by increasing
// year, 0 <= k < NumActivity().
func (v CentreView) Activity(k int) Activity {
	lo, hi := v.rec().activity, v.next().activity
	if k < 0 || k >= int(hi-lo) {
		panic("network: CentreView.Activity: index out of range")
	}
	return v.n.activityAt(lo + int32(k))
}

// AppendActivity appends the centre's activity, by increasing year, to
// dst and returns the extended slice: Activity(k) for every k, in one
// call.
func (v CentreView) AppendActivity(dst []Activity) []Activity {
	return v.n.appendActivity(dst, v.rec().activity, v.next().activity)
}

// appendActivity appends activity records lo to hi to dst.
func (n *Network) appendActivity(dst []Activity, lo, hi int32) []Activity {
	for k := lo; k < hi; k++ {
		dst = append(dst, n.activityAt(k))
	}
	return dst
}

// NumDiseases returns the number of diseases that narrow the centre's
// coverage (0: the whole group).
func (v CentreView) NumDiseases() int { return int(v.next().diseases - v.rec().diseases) }

// Disease returns disease k of the centre, 0 <= k < NumDiseases().
func (v CentreView) Disease(k int) typology.Disease {
	return v.n.diseases[v.rec().diseases:v.next().diseases][k]
}

// NumAttachedTo returns the number of reference sites a competence centre
// is attached to.
func (v CentreView) NumAttachedTo() int { return int(v.next().attached - v.rec().attached) }

// AttachedTo returns the ID of the k-th reference site the centre is
// attached to, 0 <= k < NumAttachedTo().
func (v CentreView) AttachedTo(k int) CentreID {
	return v.n.attached[v.rec().attached:v.next().attached][k]
}

// NumConventions returns the number of conventions the centre is a party
// to (reference or competence).
func (v CentreView) NumConventions() int { return len(v.n.centreConventions.row(v.i)) }

// Convention returns the position of the k-th convention the centre is a
// party to, in ID order, for [Network.ConventionAt].
func (v CentreView) Convention(k int) int { return int(v.n.centreConventions.row(v.i)[k]) }

// NumFilieres returns the number of sectors that list the centre.
func (v CentreView) NumFilieres() int { return len(v.n.centreFilieres.row(v.i)) }

// Filiere returns the position of the k-th sector listing the centre, in
// ID order, for [Network.FiliereAt].
func (v CentreView) Filiere(k int) int { return int(v.n.centreFilieres.row(v.i)[k]) }

// Centre returns the centre as a value of its own (slices copied).
func (v CentreView) Centre() Centre { return v.n.centre(v.i) }

// CopyTo sets *c to the centre, copying into the slices c already holds
// when they are large enough: a loop that needs whole [Centre] values
// copies each centre into one Centre of its own and allocates only when a
// centre has more labels, years, diseases or attachments than any before
// it. The slices of *c must not be in use elsewhere.
func (v CentreView) CopyTo(c *Centre) {
	r, next := v.rec(), v.next()
	n := v.n
	*c = Centre{
		ID: r.id, Name: r.name, Tier: r.tier, Role: r.role, Kind: r.kind, Group: r.group, Scope: r.scope,
		Team: n.teams[r.team].id, Provenance: n.provenances.at(r.provenance),
		Diseases:   append(c.Diseases[:0], n.diseases[r.diseases:next.diseases]...),
		AttachedTo: append(c.AttachedTo[:0], n.attached[r.attached:next.attached]...),
		Labels:     n.appendLabels(c.Labels[:0], r.labels, next.labels),
		Activity:   n.appendActivity(c.Activity[:0], r.activity, next.activity),
	}
	if r.coord >= 0 {
		c.CoordinatingSite = n.centres[r.coord].id
	}
}

// A ConventionView reads one convention of a [Network] without copying
// it; see [Network.ConventionAt]. Parties are centre positions, for
// [Network.CentreAt]. The zero ConventionView is not valid.
type ConventionView struct {
	n *Network
	i int32
}

// ConventionAt returns a view of the convention at position i in ID
// order, 0 <= i < [Network.NumConventions]; it panics when i is out of
// range.
func (n *Network) ConventionAt(i int) ConventionView {
	_ = n.conventions[i]
	return ConventionView{n, int32(i)}
}

func (v ConventionView) rec() *conventionRec  { return &v.n.conventions[v.i] }
func (v ConventionView) next() *conventionRec { return &v.n.conventions[:v.i+2][v.i+1] }

// Index returns the convention's position in ID order.
func (v ConventionView) Index() int { return int(v.i) }

// ID returns the convention's ID.
func (v ConventionView) ID() ConventionID { return v.rec().id }

// Competence returns the position of the competence party.
func (v ConventionView) Competence() int { return int(v.rec().competence) }

// NumReference returns the number of reference parties.
func (v ConventionView) NumReference() int { return int(v.rec().sigs - v.rec().refs) }

// Reference returns the position of reference party k, 0 <= k <
// NumReference().
func (v ConventionView) Reference(k int) int {
	r := v.rec()
	return int(v.n.parties[r.refs:r.sigs][k])
}

// NumSignatories returns the number of signatories.
func (v ConventionView) NumSignatories() int { return int(v.next().refs - v.rec().sigs) }

// Signatory returns the position of signatory k, 0 <= k <
// NumSignatories().
func (v ConventionView) Signatory(k int) int {
	return int(v.n.parties[v.rec().sigs:v.next().refs][k])
}

// Signed returns the day the convention was signed.
func (v ConventionView) Signed() labelling.Date { return v.rec().signed }

// Start returns the first day the convention runs.
func (v ConventionView) Start() labelling.Date { return v.rec().start }

// End returns the first day the convention no longer runs, the zero Date
// while it runs.
func (v ConventionView) End() labelling.Date { return v.rec().end }

// RunningOn reports whether the convention runs on day d.
func (v ConventionView) RunningOn(d labelling.Date) bool {
	r := v.rec()
	return !d.Before(r.start) && (r.end.IsZero() || d.Before(r.end))
}

// Provenance returns where the convention's facts come from.
func (v ConventionView) Provenance() typology.Provenance {
	return v.n.provenances.at(v.rec().provenance)
}

// Convention returns the convention as a value of its own.
func (v ConventionView) Convention() Convention { return v.n.convention(v.i) }

// CopyTo sets *k to the convention, copying into the slices k already
// holds when they are large enough (see [CentreView.CopyTo]).
func (v ConventionView) CopyTo(k *Convention) {
	r, next, n := v.rec(), v.next(), v.n
	*k = Convention{ID: r.id, Competence: n.centres[r.competence].id, Signed: r.signed, Start: r.start, End: r.end,
		Provenance: n.provenances.at(r.provenance), Reference: k.Reference[:0], Signatories: k.Signatories[:0]}
	for _, p := range n.parties[r.refs:r.sigs] {
		k.Reference = append(k.Reference, n.centres[p].id)
	}
	for _, p := range n.parties[r.sigs:next.refs] {
		k.Signatories = append(k.Signatories, n.centres[p].id)
	}
}

// A FiliereView reads one sector of a [Network] without copying it; see
// [Network.FiliereAt]. The zero FiliereView is not valid.
type FiliereView struct {
	n *Network
	i int32
}

// FiliereAt returns a view of the sector at position i in ID order, 0 <= i
// < [Network.NumFilieres]; it panics when i is out of range.
func (n *Network) FiliereAt(i int) FiliereView {
	_ = n.filieres[i]
	return FiliereView{n, int32(i)}
}

func (v FiliereView) rec() *filiereRec  { return &v.n.filieres[v.i] }
func (v FiliereView) next() *filiereRec { return &v.n.filieres[:v.i+2][v.i+1] }

// Index returns the sector's position in ID order.
func (v FiliereView) Index() int { return int(v.i) }

// ID returns the sector's ID.
func (v FiliereView) ID() FiliereID { return v.rec().id }

// Name returns the sector's name.
func (v FiliereView) Name() string { return v.rec().name }

// Host returns the hosting establishment's ID, "" when not known.
func (v FiliereView) Host() EstablishmentID { return v.rec().host }

// Since returns the day the sector was constituted, the zero Date when not
// known.
func (v FiliereView) Since() labelling.Date { return v.rec().since }

// NumGroups returns the number of disease groups the sector lists.
func (v FiliereView) NumGroups() int { return int(v.next().groups - v.rec().groups) }

// Group returns group k of the sector, 0 <= k < NumGroups().
func (v FiliereView) Group(k int) typology.Group {
	return v.n.filGroups[v.rec().groups:v.next().groups][k]
}

// NumMembers returns the number of member centres, each counted once.
func (v FiliereView) NumMembers() int { return len(v.n.filiereCentres.row(v.i)) }

// Member returns the position of member centre k, in ID order, 0 <= k <
// NumMembers().
func (v FiliereView) Member(k int) int { return int(v.n.filiereCentres.row(v.i)[k]) }

// Provenance returns where the sector's facts come from.
func (v FiliereView) Provenance() typology.Provenance { return v.rec().provenance }

// Filiere returns the sector as a value of its own (members as listed).
func (v FiliereView) Filiere() Filiere { return v.n.filiere(v.i) }

// A Derived is a value computed from a network once and kept with it: the
// first call of [Derived.Of] for a network computes it, every later call
// for that network, from any goroutine, returns the same value. It suits
// what does not depend on an audit date (a rule engine's indexes), so that
// each audit of a network reuses it. Declare Deriveds as package
// variables: each one keeps one value per network for the network's life.
//
// The value is shared by every caller: it must not be written to once
// computed.
type Derived[T any] struct {
	f func(*Network) T
}

// NewDerived returns a Derived computed by f.
func NewDerived[T any](f func(*Network) T) *Derived[T] { return &Derived[T]{f: f} }

// Of returns d's value for n, computing it on first use.
func (d *Derived[T]) Of(n *Network) T {
	s := n.derived.slot(d)
	s.once.Do(func() { s.v = d.f(n) })
	v, _ := s.v.(T) // a nil interface value is T's zero value
	return v
}

// slot returns the slot of key k, creating it.
func (dv *derivedValues) slot(k any) *derivedSlot {
	dv.mu.Lock()
	defer dv.mu.Unlock()
	if dv.vals == nil {
		dv.vals = make(map[any]*derivedSlot)
	}
	s, ok := dv.vals[k]
	if !ok {
		s = &derivedSlot{}
		dv.vals[k] = s
	}
	return s
}
