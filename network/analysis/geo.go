package analysis

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/rarenet/rarenet/network"
)

// Attribution is the credit line the region outlines require wherever they
// are embedded or drawn (data/README.md of this package). [MapSVG]
// writes it under every map.
const Attribution = "Contours: IGN Admin Express COG 2018, INSEE COG 2018, via france-geojson, Licence Ouverte"

// regionsGeoJSON holds the simplified outlines of the 13 metropolitan
// regions of the 2016 map (data/README.md says where they come from and
// under which licence). Overseas regions have none.
//
//go:embed data/regions-2016-simplified.geojson
var regionsGeoJSON []byte

// A ring is a closed line of points, each [lon, lat] in degrees.
type ring [][2]float64

// An outline is one region's shape: polygons, each an outer ring then its
// holes.
type outline struct {
	code     network.RegionCode
	name     string
	polygons [][]ring
}

// outlines parses the embedded outlines once, in the file's order. An
// error is a build defect that the package tests report; callers then
// draw no outline rather than panic.
var outlines = sync.OnceValues(func() ([]outline, error) { return parseOutlines(regionsGeoJSON) })

func parseOutlines(b []byte) ([]outline, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties struct {
				Code string `json:"code"`
				Nom  string `json:"nom"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("analysis: region outlines: %w", err)
	}
	var out []outline
	for i, f := range fc.Features {
		o := outline{code: network.RegionCode(f.Properties.Code), name: f.Properties.Nom}
		if _, ok := network.RegionOf(o.code); !ok {
			return nil, fmt.Errorf("analysis: region outlines: features[%d]: %q is not a region code", i, o.code)
		}
		switch f.Geometry.Type {
		case "Polygon":
			var p []ring
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, fmt.Errorf("analysis: region outlines: features[%d]: %w", i, err)
			}
			o.polygons = [][]ring{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &o.polygons); err != nil {
				return nil, fmt.Errorf("analysis: region outlines: features[%d]: %w", i, err)
			}
		default:
			return nil, fmt.Errorf("analysis: region outlines: features[%d]: unexpected geometry %q", i, f.Geometry.Type)
		}
		out = append(out, o)
	}
	return out, nil
}

// A RefPoint is a region's reference point, from which distances between
// regions are measured, with where it comes from.
type RefPoint struct {
	Region network.RegionCode `json:"region"`
	// Location is the point (WGS84 degrees, Known true).
	Location network.Location `json:"location"`
	// Source says how the point was obtained.
	Source string `json:"source"`
}

// overseasPoints are the reference points of the overseas regions: the
// position of their university hospital (or main hospital) as the
// reference data's establishments.csv gives it (the embedded network's
// establishments ch-cayenne and chu-reunion). Guadeloupe (01) and Martinique (02) have
// none there (the GISCO points were withdrawn: addresses without street),
// and Mayotte (06) has no establishment: they get no reference point.
var overseasPoints = []RefPoint{
	{
		Region:   "03",
		Location: network.Location{Lat: 4.923561, Lon: -52.320607, Known: true},
		Source:   "establishments.csv row ch-cayenne (Centre hospitalier de Cayenne Andrée-Rosemon, French Guiana's main hospital; its university hospital body has no known FINESS number yet): lat/lon from Wikipedia (Andrée-Rosemon Hospital infobox)",
	},
	{
		Region:   "04",
		Location: network.Location{Lat: -20.89431, Lon: 55.44462, Known: true},
		Source:   "establishments.csv row chu-reunion (CHU de La Réunion - site Félix-Guyon, Saint-Denis): lat/lon WGS84 from Eurostat GISCO healthcare FR 2020 (FINESS extract 2020-03)",
	},
}

// refPoints computes the reference points once, in region code order.
var refPoints = sync.OnceValue(func() []RefPoint {
	ols, err := outlines()
	if err != nil {
		ols = nil
	}
	var ps []RefPoint
	for _, o := range ols {
		lat, lon := centroid(o)
		ps = append(ps, RefPoint{
			Region:   o.code,
			Location: network.Location{Lat: round4(lat), Lon: round4(lon), Known: true},
			Source:   "centroid of the region's outline in regions-2016-simplified.geojson (area-weighted, in longitude/latitude degrees; holes subtracted). " + Attribution,
		})
	}
	ps = append(ps, overseasPoints...)
	slices.SortFunc(ps, func(a, b RefPoint) int { return cmpString(string(a.Region), string(b.Region)) })
	return ps
})

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// centroid returns the area-weighted centroid of an outline in the
// longitude/latitude plane: the first ring of each polygon adds, the
// others (holes) subtract, whatever the rings' orientation.
func centroid(o outline) (lat, lon float64) {
	var area, cx, cy float64
	for _, p := range o.polygons {
		for k, r := range p {
			a, x, y := ringMoments(r)
			sign := 1.0
			if (a < 0) != (k > 0) { // outer rings count positive, holes negative
				sign = -1
			}
			area += sign * a
			cx += sign * x
			cy += sign * y
		}
	}
	if area == 0 {
		return 0, 0
	}
	return cy / area, cx / area
}

// ringMoments returns the signed area of a closed ring (shoelace formula)
// and its first moments, whose ratios to the area give its centroid.
func ringMoments(r ring) (a, mx, my float64) {
	for i := 0; i+1 < len(r); i++ {
		x0, y0, x1, y1 := r[i][0], r[i][1], r[i+1][0], r[i+1][1]
		c := x0*y1 - x1*y0
		a += c
		mx += (x0 + x1) * c
		my += (y0 + y1) * c
	}
	return a / 2, mx / 6, my / 6
}

// ReferencePoints returns the regions' reference points in region code
// order: for each of the 13 metropolitan regions, the centroid of its
// outline (see [Attribution]); for La Réunion and French Guiana, the
// position of their main hospital in the reference data's
// establishments.csv.
// Guadeloupe, Martinique and Mayotte have no reference point: no position
// of their hospital is recorded. Each point says its source.
func ReferencePoints() []RefPoint { return slices.Clone(refPoints()) }

// ReferencePoint returns region r's reference point, and false when r has
// none (see [ReferencePoints]).
func ReferencePoint(r network.RegionCode) (RefPoint, bool) {
	ps := refPoints()
	i, ok := slices.BinarySearchFunc(ps, r, func(p RefPoint, r network.RegionCode) int {
		return cmpString(string(p.Region), string(r))
	})
	if !ok {
		return RefPoint{}, false
	}
	return ps[i], true
}

// EarthRadiusKm is the mean Earth radius (IUGG) used for great-circle
// distances.
const EarthRadiusKm = 6371.0088

// DistanceKm returns the great-circle distance in kilometres between a and
// b (haversine formula on a sphere of radius [EarthRadiusKm]). It returns
// NaN when either location is not known.
func DistanceKm(a, b network.Location) float64 {
	if !a.Known || !b.Known {
		return math.NaN()
	}
	rad := math.Pi / 180
	dlat := (b.Lat - a.Lat) * rad
	dlon := (b.Lon - a.Lon) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}
