package fhir_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/fhir"
	"github.com/rarenet/rarenet/network/networktest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var at = labelling.MustParseDate("2020-06-15")

// small returns the network of testdata/small.json with the rarenet/1.1
// facts added: a legal entity, an attachment, a sector's constitution.
func small(t testing.TB) *network.Network {
	t.Helper()
	f, err := os.Open("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := network.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	var nb network.Builder
	for e := range n.Establishments() {
		if e.ID == "hus" {
			e.FINESSEJ = network.MustParseFINESS("670780055")
			e.FINESS = network.FINESS{}
		}
		nb.AddEstablishment(e)
	}
	for t := range n.Teams() {
		nb.AddTeam(t)
	}
	for c := range n.Centres() {
		if c.ID == "ccmr-exemple" {
			c.AttachedTo = []network.CentreID{"crmr-exemple"}
		}
		nb.AddCentre(c)
	}
	for c := range n.Conventions() {
		nb.AddConvention(c)
	}
	for f := range n.Filieres() {
		f.Since = labelling.MustParseDate("2014-06-01")
		nb.AddFiliere(f)
	}
	for p := range n.Platforms() {
		nb.AddPlatform(p)
	}
	out, err := nb.Build()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tb is what the helpers need of testing.TB and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
}

func encode(t tb, n *network.Network, opts fhir.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fhir.Encode(&buf, n, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := encode(t, small(t), fhir.Options{At: at, Indent: true})
	path := filepath.Join("testdata", "small.fhir.json")
	if *update {
		os.WriteFile(path, got, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("bundle differs from %s (-want +got):\n%s", path, d)
	}
	if err := fhir.Check(got); err != nil {
		t.Errorf("Check: %v", err)
	}
}

// counts returns the number of resources by type.
func counts(t testing.TB, b []byte) map[string]int {
	t.Helper()
	var bundle struct {
		Type  string
		Entry []struct {
			Resource struct{ ResourceType string }
		}
	}
	if err := json.Unmarshal(b, &bundle); err != nil {
		t.Fatal(err)
	}
	if bundle.Type != "collection" {
		t.Fatalf("bundle type %q", bundle.Type)
	}
	m := map[string]int{}
	for _, e := range bundle.Entry {
		m[e.Resource.ResourceType]++
	}
	return m
}

func TestNational(t *testing.T) {
	n := network.National()
	b := encode(t, n, fhir.Options{At: at})
	if err := fhir.Check(b); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if again := encode(t, n, fhir.Options{At: at}); !bytes.Equal(b, again) {
		t.Fatal("two encodings of the same network differ")
	}
	got := counts(t, b)
	s := n.Stats()
	if got["HealthcareService"] != s.Centres {
		t.Errorf("%d HealthcareServices for %d centres", got["HealthcareService"], s.Centres)
	}
	// A legal entity is an Organization of its own unless its number is
	// an establishment's own FINESS number.
	legal, sites := map[string]bool{}, map[string]bool{}
	located := 0
	for e := range n.Establishments() {
		if !e.FINESSEJ.IsZero() {
			legal[e.FINESSEJ.String()] = true
		}
		sites[e.FINESS.String()] = true
		if e.Location.Known {
			located++
		}
	}
	for ej := range legal {
		if sites[ej] {
			delete(legal, ej)
		}
	}
	if want := s.Establishments + len(legal) + s.Centres + s.Filieres + s.Platforms; got["Organization"] != want {
		t.Errorf("%d Organizations, want %d", got["Organization"], want)
	}
	if got["Location"] != located {
		t.Errorf("%d Locations, want %d", got["Location"], located)
	}
	t.Logf("resources of the embedded network at %v: %v", at, got)
}

func TestGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{}).Draw(t, "network")
		b := encode(t, n, fhir.Options{At: networktest.DefaultAt})
		if err := fhir.Check(b); err != nil {
			t.Fatalf("Check: %v", err)
		}
	})
}

func TestOddIDs(t *testing.T) {
	var b network.Builder
	long := strings.Repeat("x", 70)
	b.AddEstablishment(network.Establishment{ID: "é t", Name: "Hôpital\u00a0A", Region: "11", Location: network.Location{Lat: 48.8, Lon: 2.3, Known: true}})
	// Two sites with one number, a site whose number is another's legal
	// entity, and a site that is its own legal entity.
	b.AddEstablishment(network.Establishment{ID: "é-t", Name: "B", Region: "11", FINESS: network.MustParseFINESS("750712184")})
	b.AddEstablishment(network.Establishment{ID: "dup", Name: "B2", Region: "11", FINESS: network.MustParseFINESS("750712184")})
	b.AddEstablishment(network.Establishment{ID: "site", Name: "S", Region: "11", FINESSEJ: network.MustParseFINESS("750712184")})
	b.AddEstablishment(network.Establishment{ID: "self", Name: "S2", Region: "11", FINESS: network.MustParseFINESS("970408589"), FINESSEJ: network.MustParseFINESS("970408589")})
	b.AddTeam(network.Team{ID: "t", Establishment: "é t"})
	b.AddCentre(network.Centre{ID: network.CentreID(long), Name: "A", Tier: 1, Role: 1, Group: 1, Team: "t"})
	b.AddCentre(network.Centre{ID: network.CentreID(long + "y"), Name: "B", Tier: 1, Role: 1, Group: 1, Team: "t"})
	b.AddCentre(network.Centre{ID: "a-b", Name: "C", Tier: 2, Group: 1, Team: "t"})
	b.AddFiliere(network.Filiere{ID: "F", Name: "F", Members: []network.CentreID{"a-b", "a-b"}})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	out := encode(t, n, fhir.Options{At: at})
	if err := fhir.Check(out); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if bytes.Contains(out, []byte("\u00a0")) {
		t.Error("a no-break space reached the bundle")
	}
}

func TestCheckFinds(t *testing.T) {
	bad := `{"resourceType":"Bundle","type":"collection","entry":[
 {"fullUrl":"https://x/Organization/a","resource":{"resourceType":"Organization","id":"a","identifier":[{"system":"s","value":"1"}],"partOf":{"reference":"Organization/zz"}}},
 {"fullUrl":"https://x/Organization/a","resource":{"resourceType":"Organization","id":"a","identifier":[{"system":"s","value":"1"}]}},
 {"fullUrl":"https://x/Organization/c","resource":{"resourceType":"Location","id":"c"}}]}`
	err := fhir.Check([]byte(bad))
	if err == nil {
		t.Fatal("Check found nothing")
	}
	for _, want := range []string{
		`entry[0] (Organization/a): partOf.reference: reference "Organization/zz" resolves to no entry`,
		`entry[1] (Organization/a): fullUrl "https://x/Organization/a" is already the fullUrl of entry[0]`,
		`entry[1] (Organization/a): Organization/a is already entry[0]`,
		`entry[2] (Location/c): fullUrl "https://x/Organization/c" does not end in "/Location/c"`,
		`identifier[0] (system "s", value "1") is already an identifier of entry[0]`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error lacks %q:\n%v", want, err)
		}
	}
	if err := fhir.Encode(new(bytes.Buffer), network.National(), fhir.Options{}); err != fhir.ErrNoDate {
		t.Errorf("Encode without a date = %v", err)
	}
}

var out = flag.String("out", "", "write the bundles of the embedded network and of generated networks into this `directory`, for the schema validation of .ci/run")

// TestWriteBundles writes, with -out DIR, the bundles that CI validates
// against HL7's JSON schema: the embedded network, and generated networks
// of national scale (networktest.Scale, deterministic).
func TestWriteBundles(t *testing.T) {
	if *out == "" {
		t.Skip("no -out directory")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, n *network.Network, d labelling.Date) {
		b := encode(t, n, fhir.Options{At: d})
		if err := fhir.Check(b); err != nil {
			t.Fatalf("%s: Check: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("national.fhir.json", network.National(), labelling.MustParseDate("2024-06-01"))
	write("small.fhir.json", small(t), at)
	for _, g := range []struct {
		centres int
		seed    uint64
	}{{400, 1}, {120, 2}} {
		write("scale-"+strconv.Itoa(g.centres)+"-"+strconv.FormatUint(g.seed, 10)+".fhir.json", networktest.Scale(g.centres, g.seed, 0), networktest.ScaleAt)
	}
}

func FuzzCheck(f *testing.F) {
	b, _ := os.ReadFile("testdata/small.fhir.json")
	f.Add(string(b))
	f.Add(`{"resourceType":"Bundle","entry":[{"fullUrl":"x/A/1","resource":{"resourceType":"A","id":"1","identifier":[{"system":"s","value":"v","type":{"coding":[{}]}}],"a":[{"reference":"A/2"}]}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		_ = fhir.Check([]byte(s)) // never panics
	})
}
