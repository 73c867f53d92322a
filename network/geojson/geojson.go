// Package geojson writes a rare-disease care network ([network.Network]) as
// a GeoJSON FeatureCollection (RFC 7946) for GIS tools (QGIS, geopandas,
// kepler.gl): its establishments as points carrying their centres, and the
// metropolitan regions as polygons carrying their coverage on a date.
//
// # Features
//
// Each establishment whose position is known is a Point feature (id
// "establishment/ID") with the properties
//
//	kind          "establishment"
//	id, name, city, region, finess, finess_ej   (empty strings when unknown)
//	centres       the establishment's centres (through its teams), in ID order:
//	              [{"id", "name", "tier", "role", "kind", "group", "in_force"}]
//	              ("role" is "" for a competence centre; "in_force" says
//	              whether the centre holds a label in force on the date)
//	centres_in_force   how many of them are in force on the date
//
// Establishments without a known position are left out; the collection's
// "rarenet" member counts them.
//
// Each metropolitan region is a Polygon or MultiPolygon feature (id
// "region/CODE") with the properties kind "region", code, name,
// interregion, then the coverage row of the region on the date, as
// network/analysis computes it (Cover): "centres" (all centres in force)
// and "group_1" to "group_17" (centres in force of each disease group,
// both tiers), then "reference" and "competence" (by tier). The overseas
// regions have no outline and no feature.
//
// # Coordinates
//
// Positions are [longitude, latitude] in WGS84 degrees, as RFC 7946
// section 3.1.1 says. Rings are closed and follow the right-hand rule of
// section 3.1.6: exterior rings counterclockwise, holes clockwise (the
// embedded outlines run the other way and are reversed).
//
// # Attribution and foreign members
//
// The collection has two foreign members (RFC 7946 section 6.1):
// "attribution", the credit line the region outlines require
// (analysis.Attribution: IGN Admin Express COG 2018, INSEE COG 2018, via
// france-geojson, Licence Ouverte), and "rarenet", with the date
// ("date"), the number of establishments left out for want of a position
// ("establishments_without_position") and the coverage's meaning.
//
// The output is deterministic: features in ID order (establishments) and
// in the outlines' order (regions).
package geojson

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

// Options configures [Encode].
type Options struct {
	// At is the date of "in_force" and of the coverage rows. It is
	// required.
	At labelling.Date `json:"at"`
	// NoRegions leaves the region features out.
	NoRegions bool `json:"no_regions,omitempty"`
	// Indent, when true, indents the JSON by two spaces.
	Indent bool `json:"indent,omitempty"`
}

// ErrNoDate is returned by Encode when Options.At is the zero date.
var ErrNoDate = errors.New("geojson: no date (Options.At)")

// centre is one centre as the properties of its establishment list it.
type centre struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Tier    string `json:"tier"`
	Role    string `json:"role"`
	Kind    string `json:"kind"`
	Group   int    `json:"group"`
	InForce bool   `json:"in_force"`
}

type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

type feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   geometry   `json:"geometry"`
	Properties properties `json:"properties"`
}

// properties keep their order in the output: a slice of key-value pairs.
type properties []kv

type kv struct {
	k string
	v any
}

func (p properties) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, x := range p {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(x.k)
		v, err := json.Marshal(x.v)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

type meta struct {
	Date                string `json:"date"`
	WithoutPosition     int    `json:"establishments_without_position"`
	Coverage            string `json:"coverage"`
	EstablishmentPoints int    `json:"establishment_points"`
	RegionFeatures      int    `json:"region_features"`
}

type collection struct {
	Type        string    `json:"type"`
	Attribution string    `json:"attribution"`
	Rarenet     meta      `json:"rarenet"`
	Features    []feature `json:"features"`
}

// Encode writes the feature collection of n on w. It fails when opts.At is
// the zero date, when the embedded outlines cannot be read (a defect the
// tests rule out) or when w fails.
func Encode(w io.Writer, n *network.Network, opts Options) error {
	if opts.At.IsZero() {
		return ErrNoDate
	}
	fc := collection{Type: "FeatureCollection", Attribution: analysis.Attribution, Features: []feature{},
		Rarenet: meta{Date: opts.At.String(), Coverage: "centres in force on the date (holding a label whose effective window contains it), by the region of their establishment"}}
	for e := range n.Establishments() {
		if !e.Location.Known {
			fc.Rarenet.WithoutPosition++
			continue
		}
		centres := []centre{}
		inForce := 0
		for c := range n.CentresOfEstablishment(e.ID) {
			var role string
			if c.Role != 0 {
				role = c.Role.String()
			}
			in := c.InForce(opts.At)
			if in {
				inForce++
			}
			centres = append(centres, centre{ID: string(c.ID), Name: c.Name, Tier: c.Tier.String(), Role: role, Kind: c.Kind.String(), Group: int(c.Group), InForce: in})
		}
		slices.SortFunc(centres, func(a, b centre) int { return cmp.Compare(a.ID, b.ID) })
		fc.Features = append(fc.Features, feature{
			Type: "Feature", ID: "establishment/" + string(e.ID),
			Geometry: geometry{Type: "Point", Coordinates: [2]float64{e.Location.Lon, e.Location.Lat}},
			Properties: properties{{"kind", "establishment"}, {"id", string(e.ID)}, {"name", e.Name}, {"city", e.City},
				{"region", string(e.Region)}, {"finess", e.FINESS.String()}, {"finess_ej", e.FINESSEJ.String()},
				{"centres", centres}, {"centres_in_force", inForce}},
		})
		fc.Rarenet.EstablishmentPoints++
	}
	if !opts.NoRegions {
		outlines, err := analysis.Outlines()
		if err != nil {
			return err
		}
		cov := analysis.Cover(n, opts.At)
		for _, o := range outlines {
			reg, _ := network.RegionOf(o.Region)
			polys := make([][][][2]float64, len(o.Polygons))
			for i, p := range o.Polygons {
				polys[i] = rightHand(p)
			}
			g := geometry{Type: "MultiPolygon", Coordinates: polys}
			if len(polys) == 1 {
				g = geometry{Type: "Polygon", Coordinates: polys[0]}
			}
			total := cov.RegionTotal(o.Region)
			props := properties{{"kind", "region"}, {"code", string(o.Region)}, {"name", reg.Name}, {"interregion", reg.Interregion.String()},
				{"centres", total.Total()}}
			for gr := range typology.Groups() {
				props = append(props, kv{"group_" + strconv.Itoa(int(gr)), cov.Region(o.Region, gr).Total()})
			}
			props = append(props, kv{"reference", total.Reference}, kv{"competence", total.Competence})
			fc.Features = append(fc.Features, feature{Type: "Feature", ID: "region/" + string(o.Region), Geometry: g, Properties: props})
			fc.Rarenet.RegionFeatures++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if opts.Indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(fc)
}

// rightHand returns the polygon p (an exterior ring then holes) with its
// exterior ring counterclockwise and its holes clockwise, each closed.
func rightHand(p [][][2]float64) [][][2]float64 {
	out := make([][][2]float64, len(p))
	for i, r := range p {
		r = slices.Clone(r)
		if len(r) > 0 && r[0] != r[len(r)-1] {
			r = append(r, r[0])
		}
		ccw := signedArea(r) > 0
		if (i == 0) != ccw {
			slices.Reverse(r)
		}
		out[i] = r
	}
	return out
}

// signedArea is twice the signed area of ring r in the plane of longitude
// and latitude (shoelace formula): positive when r runs counterclockwise.
func signedArea(r [][2]float64) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}
