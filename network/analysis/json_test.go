package analysis_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

// TestJSONRoundTrip marshals the zero value and a populated value of every
// exported value type of the package and reads them back.
func TestJSONRoundTrip(t *testing.T) {
	day := d
	n := smallNetwork()
	cov := analysis.Cover(n, day("2019-06-01"))
	hist, _ := analysis.History(n, "crmr-necker-12")
	sizes, sum := analysis.SectorSizes(n, day("2019-06-01"))
	list, err := analysis.ReadCentreList(strings.NewReader("centre,hospital,role,filiere,group\nCRMR x,CHU y,constitutif,SENSGENE (inferred),12\n"))
	if err != nil {
		t.Fatal(err)
	}
	values := []any{
		analysis.Cell{}, analysis.Cell{Reference: 2, Competence: 3},
		analysis.Gap{}, cov.Gaps()[0],
		analysis.Point{}, analysis.Timeline(n, day("2019-06-01"))[0],
		analysis.Change{}, hist[0], hist[len(hist)-1],
		analysis.ChangeKind(0), analysis.Extended,
		analysis.Summary{}, sum,
		analysis.ActiveFile{}, analysis.ActiveFiles(n)[0],
		analysis.SectorSize{}, sizes[0],
		analysis.TierSummary{}, analysis.LabelDurations(n)[1],
		analysis.Renewal{}, analysis.Renewals(n)[0],
		analysis.RefPoint{}, analysis.ReferencePoints()[0],
		analysis.ListedCentre{}, list[0],
		analysis.ListError{}, analysis.ListError{Line: 3, Column: "role", Msg: "missing"},
		analysis.Basis{}, analysis.Describe(n, "small", typology.MarkDerived),
		analysis.MarkCount{}, analysis.MarkCount{Mark: typology.MarkVerified, Labels: 2},
		analysis.Series{}, analysis.SeriesOf(analysis.Timeline(n, day("2019-06-01")), analysis.BreakdownRegion)[0],
		analysis.Breakdown(0), analysis.BreakdownSector,
		analysis.Chart{}, analysis.Chart{Title: "t", Basis: analysis.Describe(n, "small"), By: analysis.BreakdownGroup},
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("json.Marshal(%T %+v): %v", v, v, err)
			continue
		}
		back := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			t.Errorf("json.Unmarshal(%s) into %T: %v", b, v, err)
			continue
		}
		if diff := cmp.Diff(v, back.Elem().Interface(), cmp.Comparer(labelling.Label.Equal), cmp.AllowUnexported(labelling.Act{})); diff != "" {
			t.Errorf("%T: JSON round trip changed the value (-want +got):\n%s\n%s", v, diff, b)
		}
		if bytes.ContainsAny(b, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && bytes.Contains(b, []byte(`"N"`)) {
			t.Errorf("%T: a field name is not snake_case: %s", v, b)
		}
	}
}

// TestJSONNames checks snake_case names and that zero dates are left out.
func TestJSONNames(t *testing.T) {
	ch := analysis.Change{Centre: "c", Kind: analysis.Ended, Label: 1}
	b, err := json.Marshal(ch)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"centre":"c","kind":"ended","label":1}`; got != want {
		t.Errorf("json.Marshal(%+v) = %s, want %s", ch, got, want)
	}
	p := analysis.Point{Total: 1, ByTier: map[typology.Tier]int{typology.Reference: 1}, ByRegion: map[network.RegionCode]int{"11": 1}}
	if b, _ = json.Marshal(p); !strings.Contains(string(b), `"by_tier":{"reference":1}`) || strings.Contains(string(b), `"date"`) {
		t.Errorf("json.Marshal(Point) = %s", b)
	}
	if _, err := json.Marshal(analysis.ChangeKind(99)); err == nil || !strings.Contains(err.Error(), "marshal") {
		t.Errorf("json.Marshal(ChangeKind(99)) = %v, want an error that says marshal", err)
	}
	for _, c := range []*analysis.Coverage{{}, analysis.Cover(smallNetwork(), labelling.MustParseDate("2019-06-01"))} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("json.Marshal(Coverage): %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"regions", "interregions"} {
			if _, ok := m[k]; !ok {
				t.Errorf("Coverage JSON lacks %q: %.200s", k, b)
			}
		}
	}
}
