package network

import (
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// A Network is an immutable, indexed rare-disease care network:
// establishments, teams, centres with their labels and activity,
// conventions, sectors and platforms. Build one with a [Builder], decode
// one with [Decode], or take the embedded national reference network with
// [National].
//
// A Network is immutable and safe for concurrent use by multiple
// goroutines. Every collection is yielded in ID order. Every value it
// returns is the caller's own: slices in a returned [Centre], [Convention]
// or [Filiere] are fresh copies, so writing to them never changes the
// network. Loops that read every centre and cannot afford those copies use
// the allocation-free views instead ([Network.CentreAt],
// [Network.ConventionAt], [Network.FiliereAt]).
type Network struct {
	establishments []Establishment
	teams          []teamRec
	centres        []centreRec      // a sentinel record follows the last (see store.go)
	labels         labelling.Packed // every centre's, in centre order
	activity       []activityRec
	bigActivity    map[int32]Activity
	diseases       []typology.Disease
	attached       []CentreID
	conventions    []conventionRec // a sentinel record follows the last
	parties        []int32
	filieres       []filiereRec // a sentinel record follows the last
	filGroups      []typology.Group
	filMembers     []int32
	platforms      []Platform
	provenances    provTable // each distinct one once

	centreTable idTable // centre positions by ID

	byGroup           [18][]int32
	byTier            [3][]int32
	teamCentres       csr // centres of each team
	estCentres        csr // centres of each establishment
	filiereCentres    csr // member centres of each sector, in ID order, once each
	centreFilieres    csr // sectors of each centre
	centreConventions csr // conventions a centre is a party to
	finess            []finessEntry

	derived derivedValues
}

// centresAt yields copies of the centres at the given positions.
func (n *Network) centresAt(is []int32) iter.Seq[Centre] {
	return func(yield func(Centre) bool) {
		for _, i := range is {
			if !yield(n.centre(i)) {
				return
			}
		}
	}
}

// Establishments yields the establishments in ID order.
func (n *Network) Establishments() iter.Seq[Establishment] { return slices.Values(n.establishments) }

// NumEstablishments returns the number of establishments.
func (n *Network) NumEstablishments() int { return len(n.establishments) }

// Establishment returns the establishment with ID id.
func (n *Network) Establishment(id EstablishmentID) (Establishment, bool) {
	i, ok := findByID(n.establishments, id, func(e *Establishment) EstablishmentID { return e.ID })
	if !ok {
		return Establishment{}, false
	}
	return n.establishments[i], true
}

// EstablishmentAt returns the establishment at position i in ID order,
// 0 <= i < [Network.NumEstablishments]; [CentreView.Establishment] gives
// such positions.
func (n *Network) EstablishmentAt(i int) Establishment { return n.establishments[i] }

// EstablishmentsByFINESS yields, in ID order, the establishments whose
// FINESS number (the site's, [Establishment.FINESS]) or legal-entity
// number ([Establishment.FINESSEJ]) is f: one site, or every site of a
// legal entity. The zero FINESS finds nothing.
func (n *Network) EstablishmentsByFINESS(f FINESS) iter.Seq[Establishment] {
	return func(yield func(Establishment) bool) {
		if f.IsZero() {
			return
		}
		i, _ := slices.BinarySearchFunc(n.finess, f.s, func(e finessEntry, s string) int { return strings.Compare(e.number, s) })
		for ; i < len(n.finess) && n.finess[i].number == f.s; i++ {
			if !yield(n.establishments[n.finess[i].est]) {
				return
			}
		}
	}
}

// Teams yields the teams in ID order.
func (n *Network) Teams() iter.Seq[Team] {
	return func(yield func(Team) bool) {
		for i := range n.teams {
			if !yield(n.team(int32(i))) {
				return
			}
		}
	}
}

// NumTeams returns the number of teams.
func (n *Network) NumTeams() int { return len(n.teams) }

// Team returns the team with ID id.
func (n *Network) Team(id TeamID) (Team, bool) {
	i, ok := findByID(n.teams, id, func(t *teamRec) TeamID { return t.id })
	if !ok {
		return Team{}, false
	}
	return n.team(i), true
}

// TeamAt returns the team at position i in ID order, 0 <= i <
// [Network.NumTeams]; [CentreView.Team] gives such positions.
func (n *Network) TeamAt(i int) Team {
	_ = n.teams[i] // out of range panics here, not as another team
	return n.team(int32(i))
}

// Centres yields every centre in ID order.
func (n *Network) Centres() iter.Seq[Centre] {
	return func(yield func(Centre) bool) {
		for i := range n.centres {
			if !yield(n.centre(int32(i))) {
				return
			}
		}
	}
}

// NumCentres returns the number of centres.
func (n *Network) NumCentres() int { return len(n.centres) }

// CentreIndex returns the position of centre id in ID order: the number
// of centres that [Network.Centres] yields before it.
func (n *Network) CentreIndex(id CentreID) (int, bool) {
	i, ok := n.centrePos(id)
	return int(i), ok
}

// Centre returns the centre with ID id.
func (n *Network) Centre(id CentreID) (Centre, bool) {
	i, ok := n.centrePos(id)
	if !ok {
		return Centre{}, false
	}
	return n.centre(i), true
}

// CentresByGroup yields the centres of group g in ID order.
func (n *Network) CentresByGroup(g typology.Group) iter.Seq[Centre] {
	if !g.IsValid() {
		return n.centresAt(nil)
	}
	return n.centresAt(n.byGroup[g])
}

// CentresByTier yields the centres of tier t in ID order.
func (n *Network) CentresByTier(t typology.Tier) iter.Seq[Centre] {
	if !t.IsValid() {
		return n.centresAt(nil)
	}
	return n.centresAt(n.byTier[t])
}

// CentresOfTeam yields the centres held by team t in ID order.
func (n *Network) CentresOfTeam(t TeamID) iter.Seq[Centre] {
	i, ok := findByID(n.teams, t, func(t *teamRec) TeamID { return t.id })
	if !ok {
		return n.centresAt(nil)
	}
	return n.centresAt(n.teamCentres.row(i))
}

// CentresOfEstablishment yields the centres whose team belongs to
// establishment e, in ID order.
func (n *Network) CentresOfEstablishment(e EstablishmentID) iter.Seq[Centre] {
	i, ok := findByID(n.establishments, e, func(e *Establishment) EstablishmentID { return e.ID })
	if !ok {
		return n.centresAt(nil)
	}
	return n.centresAt(n.estCentres.row(i))
}

// CentresInRegion yields the centres whose team's establishment lies in
// region r (2016 map), in ID order.
func (n *Network) CentresInRegion(r RegionCode) iter.Seq[Centre] {
	return n.centresWhere(func(reg RegionCode) bool { return reg == r })
}

// CentresInInterregion yields the centres of the regions of interregion
// ir, in ID order.
func (n *Network) CentresInInterregion(ir Interregion) iter.Seq[Centre] {
	return n.centresWhere(func(reg RegionCode) bool {
		r, ok := RegionOf(reg)
		return ok && r.Interregion == ir
	})
}

// centresWhere yields the centres whose establishment's region satisfies
// in, asking once per establishment.
func (n *Network) centresWhere(in func(RegionCode) bool) iter.Seq[Centre] {
	return func(yield func(Centre) bool) {
		ok := make([]bool, len(n.establishments))
		for i, e := range n.establishments {
			ok[i] = in(e.Region)
		}
		for i := range n.centres {
			if ok[n.centres[i].est] && !yield(n.centre(int32(i))) {
				return
			}
		}
	}
}

// CentresOfFiliere yields the member centres of sector f in ID order.
func (n *Network) CentresOfFiliere(f FiliereID) iter.Seq[Centre] {
	i, ok := findByID(n.filieres, f, func(f *filiereRec) FiliereID { return f.id })
	if !ok {
		return n.centresAt(nil)
	}
	return n.centresAt(n.filiereCentres.row(i))
}

// RegionOfCentre returns the code of the region of the establishment of
// centre id's team; [Network.CentreRegion] returns the region itself.
func (n *Network) RegionOfCentre(id CentreID) (RegionCode, bool) {
	i, ok := n.centrePos(id)
	if !ok {
		return "", false
	}
	return n.establishments[n.centres[i].est].Region, true
}

// CentreRegion returns the region (2016 map: code, name, interregion) of
// the establishment of centre id's team. It reports false when there is no
// such centre.
func (n *Network) CentreRegion(id CentreID) (Region, bool) {
	code, ok := n.RegionOfCentre(id)
	if !ok {
		return Region{}, false
	}
	return RegionOf(code)
}

// EstablishmentOfCentre returns the establishment of centre id's team.
func (n *Network) EstablishmentOfCentre(id CentreID) (Establishment, bool) {
	i, ok := n.centrePos(id)
	if !ok {
		return Establishment{}, false
	}
	return n.establishments[n.centres[i].est], true
}

// Conventions yields every convention in ID order.
func (n *Network) Conventions() iter.Seq[Convention] {
	return func(yield func(Convention) bool) {
		for i := range n.conventions {
			if !yield(n.convention(int32(i))) {
				return
			}
		}
	}
}

// NumConventions returns the number of conventions.
func (n *Network) NumConventions() int { return len(n.conventions) }

// Convention returns the convention with ID id.
func (n *Network) Convention(id ConventionID) (Convention, bool) {
	i, ok := findByID(n.conventions, id, func(c *conventionRec) ConventionID { return c.id })
	if !ok {
		return Convention{}, false
	}
	return n.convention(i), true
}

// ConventionsOf yields the conventions to which centre c is a party
// (reference or competence), in ID order.
func (n *Network) ConventionsOf(c CentreID) iter.Seq[Convention] {
	return func(yield func(Convention) bool) {
		i, ok := n.centrePos(c)
		if !ok {
			return
		}
		for _, k := range n.centreConventions.row(i) {
			if !yield(n.convention(k)) {
				return
			}
		}
	}
}

// LabelsOf yields the labels of centre c in document order.
func (n *Network) LabelsOf(c CentreID) iter.Seq[labelling.Label] {
	return func(yield func(labelling.Label) bool) {
		i, ok := n.centrePos(c)
		if !ok {
			return
		}
		v := n.CentreAt(int(i))
		for k := range v.NumLabels() {
			if !yield(v.Label(k)) {
				return
			}
		}
	}
}

// Filieres yields every sector in ID order.
func (n *Network) Filieres() iter.Seq[Filiere] {
	return func(yield func(Filiere) bool) {
		for i := range n.filieres {
			if !yield(n.filiere(int32(i))) {
				return
			}
		}
	}
}

// NumFilieres returns the number of sectors.
func (n *Network) NumFilieres() int { return len(n.filieres) }

// Filiere returns the sector with ID id.
func (n *Network) Filiere(id FiliereID) (Filiere, bool) {
	i, ok := findByID(n.filieres, id, func(f *filiereRec) FiliereID { return f.id })
	if !ok {
		return Filiere{}, false
	}
	return n.filiere(i), true
}

// FilieresOf yields the sectors that list centre c as a member, in ID
// order.
func (n *Network) FilieresOf(c CentreID) iter.Seq[Filiere] {
	return func(yield func(Filiere) bool) {
		i, ok := n.centrePos(c)
		if !ok {
			return
		}
		for _, f := range n.centreFilieres.row(i) {
			if !yield(n.filiere(f)) {
				return
			}
		}
	}
}

// Platforms yields every platform in ID order.
func (n *Network) Platforms() iter.Seq[Platform] { return slices.Values(n.platforms) }

// Platform returns the platform with ID id.
func (n *Network) Platform(id PlatformID) (Platform, bool) {
	i, ok := findByID(n.platforms, id, func(p *Platform) PlatformID { return p.ID })
	if !ok {
		return Platform{}, false
	}
	return n.platforms[i], true
}

// InForce reports whether centre c holds a label in force on day d.
func (c Centre) InForce(d labelling.Date) bool {
	for i := range c.Labels {
		if c.Labels[i].Effective().Contains(d) { // by index: a Label is too big to copy per test
			return true
		}
	}
	return false
}

// CentresInForce yields, in ID order, the centres holding a label in force
// on day d.
func (n *Network) CentresInForce(d labelling.Date) iter.Seq[Centre] {
	return func(yield func(Centre) bool) {
		for i := range n.centres {
			if n.CentreAt(i).InForce(d) && !yield(n.centre(int32(i))) {
				return
			}
		}
	}
}

// Snapshot returns the network as it stood on day d: the centres holding a
// label in force on d, each with only its labels in force on d and its
// activity for the years those labels cover on some day; the conventions
// running on d between kept centres (parties no longer kept are dropped);
// sector members and competence centres' attachments restricted to kept
// centres; a constitutive site's coordinating site cleared when that site
// is not kept. Establishments, teams, sectors and platforms are all kept.
func (n *Network) Snapshot(d labelling.Date) *Network {
	x := &entities{
		establishments: n.establishments,
		teams:          make([]Team, len(n.teams)),
		platforms:      n.platforms,
	}
	for i := range n.teams {
		x.teams[i] = n.team(int32(i))
	}
	kept := make(map[CentreID]bool)
	for i := range n.centres {
		if n.CentreAt(i).InForce(d) {
			kept[n.centres[i].id] = true
		}
	}
	for i := range n.centres {
		if !kept[n.centres[i].id] {
			continue
		}
		c := n.centre(int32(i))
		var labels []labelling.Label
		for _, l := range c.Labels {
			if l.InForce(d) {
				labels = append(labels, l)
			}
		}
		var act []Activity
		for _, a := range c.Activity {
			yw := labelling.YearWindow(a.Year)
			for _, l := range labels {
				if l.Effective().Overlaps(yw) {
					act = append(act, a)
					break
				}
			}
		}
		c.Labels, c.Activity = labels, act
		if c.CoordinatingSite != "" && !kept[c.CoordinatingSite] {
			c.CoordinatingSite = ""
		}
		if c.AttachedTo != nil {
			c.AttachedTo = keepIDs(c.AttachedTo, kept)
		}
		x.centres = append(x.centres, c)
	}
	for i := range n.conventions {
		c := n.convention(int32(i))
		if !c.RunningOn(d) || !kept[c.Competence] {
			continue
		}
		c.Reference = keepIDs(c.Reference, kept)
		c.Signatories = keepIDs(c.Signatories, kept)
		if len(c.Reference) == 0 {
			continue
		}
		x.conventions = append(x.conventions, c)
	}
	for i := range n.filieres {
		f := n.filiere(int32(i))
		f.Members = keepIDs(f.Members, kept)
		x.filieres = append(x.filieres, f)
	}
	// Everything kept was valid in n and every reference kept names a kept
	// entity, so the snapshot needs no new checks.
	snap, _ := x.freeze(x.indexIDs(&problems{}))
	return snap
}

func keepIDs(ids []CentreID, kept map[CentreID]bool) []CentreID {
	var out []CentreID
	for _, id := range ids {
		if kept[id] {
			out = append(out, id)
		}
	}
	return out
}

// Stats counts a network's entities.
type Stats struct {
	Establishments int `json:"establishments"`
	Teams          int `json:"teams"`
	Centres        int `json:"centres"`
	Labels         int `json:"labels"`
	Conventions    int `json:"conventions"`
	Filieres       int `json:"filieres"`
	Platforms      int `json:"platforms"`
}

// Stats returns the number of entities of each kind.
func (n *Network) Stats() Stats {
	return Stats{
		Establishments: len(n.establishments),
		Teams:          len(n.teams),
		Centres:        len(n.centres),
		Labels:         n.labels.Len(),
		Conventions:    len(n.conventions),
		Filieres:       len(n.filieres),
		Platforms:      len(n.platforms),
	}
}

// String returns the counts in words: "78 establishments, 281 teams, 281
// centres, 155 labels, 0 conventions, 23 sectors, 18 platforms".
func (s Stats) String() string {
	var b []byte
	for k, v := range [...]struct {
		n                int
		singular, plural string
	}{
		{s.Establishments, "establishment", "establishments"},
		{s.Teams, "team", "teams"},
		{s.Centres, "centre", "centres"},
		{s.Labels, "label", "labels"},
		{s.Conventions, "convention", "conventions"},
		{s.Filieres, "sector", "sectors"},
		{s.Platforms, "platform", "platforms"},
	} {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(v.n), 10)
		b = append(b, ' ')
		if v.n == 1 {
			b = append(b, v.singular...)
		} else {
			b = append(b, v.plural...)
		}
	}
	return string(b)
}
