package geojson_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/network/geojson"
	"github.com/rarenet/rarenet/network/networktest"
)

var out = flag.String("out", "", "write the collections of the embedded network and of a generated one into this `directory`, for the GeoJSON check of .ci/run")

var at = labelling.MustParseDate("2024-06-01")

type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// decoded is what the tests read back.
type decoded struct {
	Type        string
	Attribution string
	Rarenet     struct {
		Date            string
		WithoutPosition int `json:"establishments_without_position"`
	}
	Features []struct {
		Type     string
		ID       string
		Geometry struct {
			Type        string
			Coordinates json.RawMessage
		}
		Properties map[string]any
	}
}

func encode(t tb, n *network.Network, opts geojson.Options) ([]byte, decoded) {
	t.Helper()
	var buf bytes.Buffer
	if err := geojson.Encode(&buf, n, opts); err != nil {
		t.Fatal(err)
	}
	var d decoded
	if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return buf.Bytes(), d
}

// checkPoints round-trips the establishments' coordinates: every
// establishment with a position is a Point at [lon, lat], exactly.
func checkPoints(t tb, n *network.Network, d decoded) {
	t.Helper()
	points := map[string][2]float64{}
	for _, f := range d.Features {
		if f.Geometry.Type != "Point" {
			continue
		}
		var c [2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil {
			t.Fatalf("%s: coordinates: %v", f.ID, err)
		}
		points[f.ID] = c
	}
	without := 0
	for e := range n.Establishments() {
		got, ok := points["establishment/"+string(e.ID)]
		if !e.Location.Known {
			without++
			if ok {
				t.Fatalf("%s has no position but a Point", e.ID)
			}
			continue
		}
		if want := [2]float64{e.Location.Lon, e.Location.Lat}; !ok || got != want {
			t.Fatalf("%s: Point %v, want [lon, lat] %v", e.ID, got, want)
		}
		delete(points, "establishment/"+string(e.ID))
	}
	if len(points) != 0 || d.Rarenet.WithoutPosition != without {
		t.Fatalf("extra points %v; %d without position, want %d", points, d.Rarenet.WithoutPosition, without)
	}
}

func signedArea(r [][2]float64) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}

func TestNational(t *testing.T) {
	n := network.National()
	b, d := encode(t, n, geojson.Options{At: at})
	if d.Type != "FeatureCollection" || d.Attribution != analysis.Attribution || d.Rarenet.Date != "2024-06-01" {
		t.Fatalf("collection = %q, attribution %q, date %q", d.Type, d.Attribution, d.Rarenet.Date)
	}
	checkPoints(t, n, d)
	outlines, err := analysis.Outlines()
	if err != nil {
		t.Fatal(err)
	}
	regions := 0
	cov := analysis.Cover(n, at)
	for _, f := range d.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Point":
			continue
		case "Polygon":
			var p [][][2]float64
			json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			t.Fatalf("%s: geometry %q", f.ID, f.Geometry.Type)
		}
		o := outlines[regions]
		regions++
		if f.ID != "region/"+string(o.Region) {
			t.Fatalf("feature %s, want region/%s", f.ID, o.Region)
		}
		if len(polys) != len(o.Polygons) {
			t.Fatalf("%s: %d polygons, want %d", f.ID, len(polys), len(o.Polygons))
		}
		for i, p := range polys {
			for k, r := range p {
				if r[0] != r[len(r)-1] {
					t.Fatalf("%s: ring %d.%d is not closed", f.ID, i, k)
				}
				if ccw := signedArea(r) > 0; ccw != (k == 0) {
					t.Fatalf("%s: ring %d.%d breaks the right-hand rule (counterclockwise %v)", f.ID, i, k, ccw)
				}
				// The same points as the outline, maybe reversed.
				want := o.Polygons[i][k]
				if d := cmp.Diff(want, r); d != "" {
					rev := append([][2]float64(nil), r...)
					for a, z := 0, len(rev)-1; a < z; a, z = a+1, z-1 {
						rev[a], rev[z] = rev[z], rev[a]
					}
					if d := cmp.Diff(want, rev); d != "" {
						t.Fatalf("%s: ring %d.%d is not the outline's (-want +got):\n%s", f.ID, i, k, d)
					}
				}
			}
		}
		if got, want := f.Properties["centres"], float64(cov.RegionTotal(o.Region).Total()); got != want {
			t.Errorf("%s: centres %v, want %v", f.ID, got, want)
		}
	}
	if regions != 13 {
		t.Errorf("%d region features, want 13", regions)
	}
	_, again := encode(t, n, geojson.Options{At: at})
	if b2, _ := json.Marshal(again); !bytes.Equal(b2, mustMarshal(t, d)) {
		t.Error("two encodings differ")
	}
	_ = b
}

func mustMarshal(t tb, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{}).Draw(t, "network")
		_, d := encode(t, n, geojson.Options{At: networktest.DefaultAt, NoRegions: true})
		checkPoints(t, n, d)
	})
}

func TestNoDate(t *testing.T) {
	if err := geojson.Encode(new(bytes.Buffer), network.National(), geojson.Options{}); err != geojson.ErrNoDate {
		t.Errorf("Encode without a date = %v", err)
	}
}

// TestWriteCollections writes, with -out DIR, what CI checks with an npm
// GeoJSON checker.
func TestWriteCollections(t *testing.T) {
	if *out == "" {
		t.Skip("no -out directory")
	}
	os.MkdirAll(*out, 0o755)
	b, _ := encode(t, network.National(), geojson.Options{At: at})
	os.WriteFile(filepath.Join(*out, "national.geojson"), b, 0o644)
	n := located(t, networktest.Scale(200, 3, 0))
	b, d := encode(t, n, geojson.Options{At: networktest.ScaleAt})
	checkPoints(t, n, d)
	os.WriteFile(filepath.Join(*out, "scale-200-3.geojson"), b, 0o644)
}

// located returns n with a position for every establishment, spread
// deterministically over metropolitan France (generated networks have
// none).
func located(t tb, n *network.Network) *network.Network {
	var b network.Builder
	i := 0
	for e := range n.Establishments() {
		e.Location = network.Location{Lat: 43 + float64(i%50)*0.1, Lon: -1 + float64(i%70)*0.1, Known: true}
		b.AddEstablishment(e)
		i++
	}
	for x := range n.Teams() {
		b.AddTeam(x)
	}
	for c := range n.Centres() {
		b.AddCentre(c)
	}
	for c := range n.Conventions() {
		b.AddConvention(c)
	}
	for f := range n.Filieres() {
		b.AddFiliere(f)
	}
	for p := range n.Platforms() {
		b.AddPlatform(p)
	}
	out, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
