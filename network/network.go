package network

import (
	"iter"
	"slices"

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
// goroutines. Every collection is yielded in ID order. Values it returns
// share their slices with it: read them, never write to them.
type Network struct {
	establishments []Establishment
	teams          []Team
	centres        []Centre
	conventions    []Convention
	filieres       []Filiere
	platforms      []Platform

	estIdx    map[EstablishmentID]int32
	teamIdx   map[TeamID]int32
	centreIdx map[CentreID]int32
	convIdx   map[ConventionID]int32
	filIdx    map[FiliereID]int32
	platIdx   map[PlatformID]int32

	centreEst     []int32 // establishment of each centre's team
	byGroup       [18][]int32
	byTier        [3][]int32
	byTeam        map[TeamID][]int32
	byEst         map[EstablishmentID][]int32
	byRegion      map[RegionCode][]int32
	byFiliere     [][]int32 // centres of each sector, by sector position
	filieresOf    [][]int32 // sectors of each centre, by centre position
	conventionsOf [][]int32 // conventions a centre is a party to
}

func (n *Network) index() {
	sortByID(n.establishments, func(e Establishment) EstablishmentID { return e.ID })
	sortByID(n.teams, func(t Team) TeamID { return t.ID })
	sortByID(n.centres, func(c Centre) CentreID { return c.ID })
	sortByID(n.conventions, func(c Convention) ConventionID { return c.ID })
	sortByID(n.filieres, func(f Filiere) FiliereID { return f.ID })
	sortByID(n.platforms, func(p Platform) PlatformID { return p.ID })
	for i := range n.centres {
		normaliseCentre(&n.centres[i])
	}
	n.estIdx = posMap(n.establishments, func(e Establishment) EstablishmentID { return e.ID })
	n.teamIdx = posMap(n.teams, func(t Team) TeamID { return t.ID })
	n.centreIdx = posMap(n.centres, func(c Centre) CentreID { return c.ID })
	n.convIdx = posMap(n.conventions, func(c Convention) ConventionID { return c.ID })
	n.filIdx = posMap(n.filieres, func(f Filiere) FiliereID { return f.ID })
	n.platIdx = posMap(n.platforms, func(p Platform) PlatformID { return p.ID })

	n.centreEst = make([]int32, len(n.centres))
	n.byTeam = make(map[TeamID][]int32)
	n.byEst = make(map[EstablishmentID][]int32)
	n.byRegion = make(map[RegionCode][]int32)
	for i, c := range n.centres {
		i := int32(i)
		t := n.teams[n.teamIdx[c.Team]]
		e := n.estIdx[t.Establishment]
		n.centreEst[i] = e
		n.byGroup[c.Group] = append(n.byGroup[c.Group], i)
		n.byTier[c.Tier] = append(n.byTier[c.Tier], i)
		n.byTeam[c.Team] = append(n.byTeam[c.Team], i)
		n.byEst[t.Establishment] = append(n.byEst[t.Establishment], i)
		r := n.establishments[e].Region
		n.byRegion[r] = append(n.byRegion[r], i)
	}
	// Sectors and conventions are visited in position order, so a centre's
	// list only ever grows at its end: comparing with the last element
	// removes the duplicates a record may list, in constant time.
	n.byFiliere = make([][]int32, len(n.filieres))
	n.filieresOf = make([][]int32, len(n.centres))
	for fi, f := range n.filieres {
		for _, m := range f.Members {
			ci := n.centreIdx[m]
			n.byFiliere[fi] = append(n.byFiliere[fi], ci)
			n.filieresOf[ci] = appendLast(n.filieresOf[ci], int32(fi))
		}
		slices.Sort(n.byFiliere[fi])
		n.byFiliere[fi] = slices.Compact(n.byFiliere[fi])
	}
	n.conventionsOf = make([][]int32, len(n.centres))
	for ki, c := range n.conventions {
		k := int32(ki)
		for _, r := range c.Reference {
			ci := n.centreIdx[r]
			n.conventionsOf[ci] = appendLast(n.conventionsOf[ci], k)
		}
		ci := n.centreIdx[c.Competence]
		n.conventionsOf[ci] = appendLast(n.conventionsOf[ci], k)
	}
}

// appendLast appends v to s unless it is already s's last element.
func appendLast(s []int32, v int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

func posMap[T any, ID comparable](xs []T, id func(T) ID) map[ID]int32 {
	m := make(map[ID]int32, len(xs))
	for i, x := range xs {
		m[id(x)] = int32(i)
	}
	return m
}

func lookup[T any, ID comparable](xs []T, idx map[ID]int32, id ID) (T, bool) {
	i, ok := idx[id]
	if !ok {
		var zero T
		return zero, false
	}
	return xs[i], true
}

// centresAt yields the centres at the given positions.
func (n *Network) centresAt(is []int32) iter.Seq[Centre] {
	return func(yield func(Centre) bool) {
		for _, i := range is {
			if !yield(n.centres[i]) {
				return
			}
		}
	}
}

// Establishments yields the establishments in ID order.
func (n *Network) Establishments() iter.Seq[Establishment] { return slices.Values(n.establishments) }

// Establishment returns the establishment with ID id.
func (n *Network) Establishment(id EstablishmentID) (Establishment, bool) {
	return lookup(n.establishments, n.estIdx, id)
}

// Teams yields the teams in ID order.
func (n *Network) Teams() iter.Seq[Team] { return slices.Values(n.teams) }

// Team returns the team with ID id.
func (n *Network) Team(id TeamID) (Team, bool) { return lookup(n.teams, n.teamIdx, id) }

// Centres yields every centre in ID order.
func (n *Network) Centres() iter.Seq[Centre] { return slices.Values(n.centres) }

// NumCentres returns the number of centres.
func (n *Network) NumCentres() int { return len(n.centres) }

// CentreIndex returns the position of centre id in ID order: the number
// of centres that [Network.Centres] yields before it.
func (n *Network) CentreIndex(id CentreID) (int, bool) {
	i, ok := n.centreIdx[id]
	return int(i), ok
}

// Centre returns the centre with ID id.
func (n *Network) Centre(id CentreID) (Centre, bool) { return lookup(n.centres, n.centreIdx, id) }

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
func (n *Network) CentresOfTeam(t TeamID) iter.Seq[Centre] { return n.centresAt(n.byTeam[t]) }

// CentresOfEstablishment yields the centres whose team belongs to
// establishment e, in ID order.
func (n *Network) CentresOfEstablishment(e EstablishmentID) iter.Seq[Centre] {
	return n.centresAt(n.byEst[e])
}

// CentresInRegion yields the centres whose team's establishment lies in
// region r (2016 map), in ID order.
func (n *Network) CentresInRegion(r RegionCode) iter.Seq[Centre] { return n.centresAt(n.byRegion[r]) }

// CentresInInterregion yields the centres of the regions of interregion
// ir, in ID order.
func (n *Network) CentresInInterregion(ir Interregion) iter.Seq[Centre] {
	var is []int32
	for r := range Regions() {
		if r.Interregion == ir {
			is = append(is, n.byRegion[r.Code]...)
		}
	}
	slices.Sort(is)
	return n.centresAt(is)
}

// CentresOfFiliere yields the member centres of sector f in ID order.
func (n *Network) CentresOfFiliere(f FiliereID) iter.Seq[Centre] {
	i, ok := n.filIdx[f]
	if !ok {
		return n.centresAt(nil)
	}
	return n.centresAt(n.byFiliere[i])
}

// RegionOfCentre returns the region of the establishment of centre id's
// team.
func (n *Network) RegionOfCentre(id CentreID) (RegionCode, bool) {
	e, ok := n.EstablishmentOfCentre(id)
	return e.Region, ok
}

// EstablishmentOfCentre returns the establishment of centre id's team.
func (n *Network) EstablishmentOfCentre(id CentreID) (Establishment, bool) {
	i, ok := n.centreIdx[id]
	if !ok {
		return Establishment{}, false
	}
	return n.establishments[n.centreEst[i]], true
}

// Conventions yields every convention in ID order.
func (n *Network) Conventions() iter.Seq[Convention] { return slices.Values(n.conventions) }

// Convention returns the convention with ID id.
func (n *Network) Convention(id ConventionID) (Convention, bool) {
	return lookup(n.conventions, n.convIdx, id)
}

// ConventionsOf yields the conventions to which centre c is a party
// (reference or competence), in ID order.
func (n *Network) ConventionsOf(c CentreID) iter.Seq[Convention] {
	return func(yield func(Convention) bool) {
		i, ok := n.centreIdx[c]
		if !ok {
			return
		}
		for _, k := range n.conventionsOf[i] { // in position, hence ID, order
			if !yield(n.conventions[k]) {
				return
			}
		}
	}
}

// LabelsOf yields the labels of centre c in document order.
func (n *Network) LabelsOf(c CentreID) iter.Seq[labelling.Label] {
	ce, _ := n.Centre(c)
	return slices.Values(ce.Labels)
}

// Filieres yields every sector in ID order.
func (n *Network) Filieres() iter.Seq[Filiere] { return slices.Values(n.filieres) }

// Filiere returns the sector with ID id.
func (n *Network) Filiere(id FiliereID) (Filiere, bool) { return lookup(n.filieres, n.filIdx, id) }

// FilieresOf yields the sectors that list centre c as a member, in ID
// order.
func (n *Network) FilieresOf(c CentreID) iter.Seq[Filiere] {
	return func(yield func(Filiere) bool) {
		i, ok := n.centreIdx[c]
		if !ok {
			return
		}
		for _, f := range n.filieresOf[i] { // in position, hence ID, order
			if !yield(n.filieres[f]) {
				return
			}
		}
	}
}

// Platforms yields every platform in ID order.
func (n *Network) Platforms() iter.Seq[Platform] { return slices.Values(n.platforms) }

// Platform returns the platform with ID id.
func (n *Network) Platform(id PlatformID) (Platform, bool) { return lookup(n.platforms, n.platIdx, id) }

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
		for _, c := range n.centres {
			if c.InForce(d) && !yield(c) {
				return
			}
		}
	}
}

// Snapshot returns the network as it stood on day d: the centres holding a
// label in force on d, each with only its labels in force on d and its
// activity for the years those labels cover on some day; the conventions
// running on d between kept centres (parties no longer kept are dropped);
// sector members restricted to kept centres; a constitutive site's
// coordinating site cleared when that site is not kept. Establishments,
// teams, sectors and platforms are all kept.
func (n *Network) Snapshot(d labelling.Date) *Network {
	b := &Builder{}
	b.establishments = slices.Clone(n.establishments)
	b.teams = slices.Clone(n.teams)
	b.platforms = slices.Clone(n.platforms)
	kept := make(map[CentreID]bool)
	for _, c := range n.centres {
		if c.InForce(d) {
			kept[c.ID] = true
		}
	}
	for _, c := range n.centres {
		if !kept[c.ID] {
			continue
		}
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
		b.centres = append(b.centres, c)
	}
	for _, c := range n.conventions {
		if !c.RunningOn(d) || !kept[c.Competence] {
			continue
		}
		c.Reference = keepIDs(c.Reference, kept)
		c.Signatories = keepIDs(c.Signatories, kept)
		if len(c.Reference) == 0 {
			continue
		}
		b.conventions = append(b.conventions, c)
	}
	for _, f := range n.filieres {
		f.Members = keepIDs(f.Members, kept)
		b.filieres = append(b.filieres, f)
	}
	// Everything kept was valid in n and every reference kept names a kept
	// entity, so the snapshot needs no new checks: index it directly.
	s := &Network{
		establishments: b.establishments,
		teams:          b.teams,
		centres:        b.centres,
		conventions:    b.conventions,
		filieres:       b.filieres,
		platforms:      b.platforms,
	}
	s.index()
	return s
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
	Establishments, Teams, Centres, Labels, Conventions, Filieres, Platforms int
}

// Stats returns the number of entities of each kind.
func (n *Network) Stats() Stats {
	s := Stats{
		Establishments: len(n.establishments),
		Teams:          len(n.teams),
		Centres:        len(n.centres),
		Conventions:    len(n.conventions),
		Filieres:       len(n.filieres),
		Platforms:      len(n.platforms),
	}
	for _, c := range n.centres {
		s.Labels += len(c.Labels)
	}
	return s
}
