package analysis

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Cell counts centres in force, by tier. The zero Cell counts none.
type Cell struct {
	Reference  int `json:"reference"`
	Competence int `json:"competence"`
}

// Total returns the number of centres of both tiers.
func (c Cell) Total() int { return c.Reference + c.Competence }

// Of returns the count for tier t, or [Cell.Total] when t is the zero
// Tier (both tiers).
func (c Cell) Of(t typology.Tier) int {
	switch t {
	case typology.Reference:
		return c.Reference
	case typology.Competence:
		return c.Competence
	}
	return c.Total()
}

func (c *Cell) add(t typology.Tier) {
	switch t {
	case typology.Reference:
		c.Reference++
	case typology.Competence:
		c.Competence++
	}
}

// numGroups is the number of disease groups; group g is at index g-1.
const numGroups = 17

// located is a centre in force with the region and position of its
// establishment.
type located struct {
	id       network.CentreID
	tier     typology.Tier
	region   network.RegionCode
	location network.Location
}

// Coverage is the region × group and interregion × group coverage of a
// network on one date: the centres in force on At (those holding a label
// whose effective window contains At), by the region of their
// establishment, by disease group and by tier. Build it with [Cover]. A
// Coverage is immutable and safe for concurrent use.
type Coverage struct {
	// At is the date of the coverage.
	At      labelling.Date
	regions []network.Region
	rowOf   map[network.RegionCode]int
	cells   [][numGroups]Cell // by region row, then group
	inter   [8][numGroups]Cell
	byGroup [numGroups][]located
}

// Cover returns the coverage of n on date at.
func Cover(n *network.Network, at labelling.Date) *Coverage {
	c := &Coverage{At: at, rowOf: map[network.RegionCode]int{}}
	for r := range network.Regions() {
		c.rowOf[r.Code] = len(c.regions)
		c.regions = append(c.regions, r)
	}
	c.cells = make([][numGroups]Cell, len(c.regions))
	for i := range n.NumCentres() {
		v := n.CentreAt(i) // a view: nothing of the centre is copied
		if !v.Group().IsValid() || !v.InForce(at) {
			continue
		}
		e := n.EstablishmentAt(v.Establishment())
		gi, tier := int(v.Group())-1, v.Tier()
		if row, ok := c.rowOf[e.Region]; ok {
			c.cells[row][gi].add(tier)
			if ir := c.regions[row].Interregion; ir.IsValid() {
				c.inter[ir][gi].add(tier)
			}
		}
		c.byGroup[gi] = append(c.byGroup[gi], located{v.ID(), tier, e.Region, e.Location})
	}
	return c
}

// Regions returns the rows of the region matrix: the 18 regions of the
// 2016 map in code order.
func (c *Coverage) Regions() []network.Region { return slices.Clone(c.regions) }

// Region returns the centres of group g in force in region r. It returns
// the zero Cell for an unknown region or an invalid group.
func (c *Coverage) Region(r network.RegionCode, g typology.Group) Cell {
	row, ok := c.rowOf[r]
	if !ok || !g.IsValid() {
		return Cell{}
	}
	return c.cells[row][g-1]
}

// RegionTotal returns the centres of every group in force in region r.
func (c *Coverage) RegionTotal(r network.RegionCode) Cell {
	var t Cell
	for g := range typology.Groups() {
		x := c.Region(r, g)
		t.Reference += x.Reference
		t.Competence += x.Competence
	}
	return t
}

// Interregion returns the centres of group g in force in the regions of
// interregion ir. It returns the zero Cell for an invalid interregion or
// group.
func (c *Coverage) Interregion(ir network.Interregion, g typology.Group) Cell {
	if !ir.IsValid() || !g.IsValid() {
		return Cell{}
	}
	return c.inter[ir][g-1]
}

// A Gap is a region with no centre in force for a disease group, with
// where the nearest ones are.
type Gap struct {
	Region network.RegionCode `json:"region"`
	Group  typology.Group     `json:"group,omitzero"`
	// Nearest is the nearest region that has a centre of the group (of
	// the tiers asked for) in force, by great-circle distance between the
	// regions' reference points ([ReferencePoint]); NearestKm is that
	// distance (0 when Nearest is ""). Nearest is "" when the gap's region has no reference
	// point or no other region with a reference point has such a centre.
	Nearest   network.RegionCode `json:"nearest,omitempty"`
	NearestKm float64            `json:"nearest_km,omitzero"`
	// NearestCentre is the centre of the group (of the tiers asked for)
	// in force whose establishment is nearest to the gap's region's
	// reference point, among establishments whose position is known;
	// NearestCentreKm is that distance (0 when NearestCentre is ""). NearestCentre is "" when the
	// region has no reference point or no such establishment is located.
	NearestCentre   network.CentreID `json:"nearest_centre,omitempty"`
	NearestCentreKm float64          `json:"nearest_centre_km,omitzero"`
}

// Gaps returns, in region code then group order, every region and group
// with no centre in force of the given tiers (of any tier when none is
// given): the gaps the rule coverage.region-without-centre reports when no
// tier is given. Each gap carries its nearest covered region and nearest
// located centre (see [Gap]).
func (c *Coverage) Gaps(tiers ...typology.Tier) []Gap {
	count := func(x Cell) int {
		if len(tiers) == 0 {
			return x.Total()
		}
		s := 0
		for _, t := range tiers {
			if t.IsValid() {
				s += x.Of(t)
			}
		}
		return s
	}
	want := func(t typology.Tier) bool { return len(tiers) == 0 || slices.Contains(tiers, t) }
	var gaps []Gap
	for row, r := range c.regions {
		for gi := range numGroups {
			if count(c.cells[row][gi]) > 0 {
				continue
			}
			g := Gap{Region: r.Code, Group: typology.Group(gi + 1)}
			if p, ok := ReferencePoint(r.Code); ok {
				for row2, r2 := range c.regions {
					if row2 == row || count(c.cells[row2][gi]) == 0 {
						continue
					}
					q, ok := ReferencePoint(r2.Code)
					if !ok {
						continue
					}
					if d := DistanceKm(p.Location, q.Location); g.Nearest == "" || d < g.NearestKm {
						g.Nearest, g.NearestKm = r2.Code, d
					}
				}
				for _, l := range c.byGroup[gi] {
					if !want(l.tier) || !l.location.Known {
						continue
					}
					if d := DistanceKm(p.Location, l.location); g.NearestCentre == "" || d < g.NearestCentreKm {
						g.NearestCentre, g.NearestCentreKm = l.id, d
					}
				}
			}
			gaps = append(gaps, g)
		}
	}
	return gaps
}

// WriteCSV writes the region × group matrix as CSV: a header
// "region,name,interregion,group,reference,competence,total", then one
// record per region and group, in region code then group order, then one
// per interregion and group with an empty name and the interregion's slug
// in the region column prefixed "interregion:".
func (c *Coverage) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rec := func(region, name, inter string, g int, x Cell) {
		_ = cw.Write([]string{region, name, inter, strconv.Itoa(g),
			strconv.Itoa(x.Reference), strconv.Itoa(x.Competence), strconv.Itoa(x.Total())})
	}
	_ = cw.Write([]string{"region", "name", "interregion", "group", "reference", "competence", "total"})
	for row, r := range c.regions {
		for gi := range numGroups {
			rec(string(r.Code), r.Name, r.Interregion.String(), gi+1, c.cells[row][gi])
		}
	}
	for ir := range network.Interregions() {
		for gi := range numGroups {
			rec("interregion:"+ir.String(), "", ir.String(), gi+1, c.inter[ir][gi])
		}
	}
	cw.Flush()
	return cw.Error()
}

// MarshalJSON writes the coverage as
//
//	{"at": "2019-06-01",
//	 "regions": [{"region": "01", "name": "Guadeloupe", "interregion": "...",
//	              "groups": [{"reference": 0, "competence": 1}, ...]}, ...],
//	 "interregions": [{"interregion": "ile-de-france", "groups": [...]}, ...]}
//
// with the regions in code order, the interregions in their declared
// order and, in each row, the 17 cells of groups 1 to 17 (group g at index
// g-1). "at" is left out when it is the zero Date.
func (c *Coverage) MarshalJSON() ([]byte, error) {
	type region struct {
		Region      network.RegionCode  `json:"region"`
		Name        string              `json:"name"`
		Interregion network.Interregion `json:"interregion,omitzero"`
		Groups      []Cell              `json:"groups"`
	}
	type inter struct {
		Interregion network.Interregion `json:"interregion"`
		Groups      []Cell              `json:"groups"`
	}
	out := struct {
		At           labelling.Date `json:"at,omitzero"`
		Regions      []region       `json:"regions"`
		Interregions []inter        `json:"interregions"`
	}{At: c.At, Regions: []region{}, Interregions: []inter{}}
	for row, r := range c.regions {
		out.Regions = append(out.Regions, region{r.Code, r.Name, r.Interregion, c.cells[row][:]})
	}
	for ir := range network.Interregions() {
		out.Interregions = append(out.Interregions, inter{ir, c.inter[ir][:]})
	}
	return json.Marshal(out)
}
