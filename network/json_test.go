package network_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// contents is every entity of a network, for comparisons with cmp.
type contents struct {
	Establishments []network.Establishment
	Teams          []network.Team
	Centres        []network.Centre
	Conventions    []network.Convention
	Filieres       []network.Filiere
	Platforms      []network.Platform
}

func contentsOf(n *network.Network) contents {
	return contents{
		Establishments: slices.Collect(n.Establishments()),
		Teams:          slices.Collect(n.Teams()),
		Centres:        slices.Collect(n.Centres()),
		Conventions:    slices.Collect(n.Conventions()),
		Filieres:       slices.Collect(n.Filieres()),
		Platforms:      slices.Collect(n.Platforms()),
	}
}

// cmpOpts compare networks' contents: dates and FINESS numbers are
// comparable values, labels compare with their Equal method (which cmp
// calls), and an empty list equals a missing one.
var cmpOpts = []cmp.Option{
	cmpopts.EquateComparable(labelling.Date{}, network.FINESS{}),
	cmpopts.EquateEmpty(),
}

// networkDiff returns the differences between two networks, "" when they
// are equal.
func networkDiff(want, got *network.Network) string {
	return cmp.Diff(contentsOf(want), contentsOf(got), cmpOpts...)
}

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

func encode(t tb, n *network.Network) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := network.Encode(&b, n); err != nil {
		t.Fatalf("Encode() = %v", err)
	}
	return b.Bytes()
}

func decode(t tb, doc []byte) *network.Network {
	t.Helper()
	n, err := network.Decode(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("Decode() = %v", err)
	}
	return n
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeExample(t *testing.T) {
	n := decode(t, readFile(t, "testdata/example.json"))

	crmr, ok := n.Centre("crmr-exemple")
	if !ok {
		t.Fatal(`Centre("crmr-exemple") not found`)
	}
	if crmr.Kind != typology.KindCRMR || crmr.Scope != typology.National || crmr.Role != typology.Coordinating || crmr.Group != typology.Sensory {
		t.Errorf("crmr-exemple = kind %v, scope %v, role %v, group %v; want crmr, national, coordinating, 12", crmr.Kind, crmr.Scope, crmr.Role, crmr.Group)
	}
	if want := []typology.Disease{{Orpha: 791, Name: "Rétinite pigmentaire", Prevalence: typology.Prevalence1To5Per10000}}; !slices.Equal(crmr.Diseases, want) {
		t.Errorf("crmr-exemple diseases = %v, want %v", crmr.Diseases, want)
	}
	if len(crmr.Labels) != 1 {
		t.Fatalf("crmr-exemple has %d labels, want 1", len(crmr.Labels))
	}
	l := crmr.Labels[0]
	// Extended to 2024-01-01, then withdrawn on 2023-03-01.
	if got, want := l.Effective(), labelling.MustWindow(d("2017-11-25"), d("2023-03-01")); got != want {
		t.Errorf("label Effective() = %v, want %v", got, want)
	}
	if l.NumEvents() != 3 || !l.Evaluated() {
		t.Errorf("label has %d events (evaluated %v), want 3 with an evaluation", l.NumEvents(), l.Evaluated())
	}
	if got, want := crmr.Activity, []network.Activity{{Year: 2019, Consultations: 900, Patients: 410, NewPatients: 60}}; !slices.Equal(got, want) {
		t.Errorf("crmr-exemple activity = %v, want %v", got, want)
	}

	ccmr, _ := n.Centre("ccmr-exemple")
	if ccmr.Kind != typology.KindCCMR || ccmr.Scope != typology.Regional || ccmr.Role != 0 {
		t.Errorf("ccmr-exemple = kind %v, scope %v, role %v; want the competence defaults and no role", ccmr.Kind, ccmr.Scope, ccmr.Role)
	}
	if got := ccmr.Diseases[0].Prevalence; got != typology.PrevalenceUnknown {
		t.Errorf("a disease without prevalence decodes as %v, want unknown", got)
	}
	ds, ok := ccmr.Labels[0].Designation()
	if want := (labelling.Designation{Campaign: "2007", Route: labelling.Listed, CNCLOpinion: d("2007-09-28"), Decision: d("2008-02-01")}); !ok || ds != want {
		t.Errorf("designation = %+v, %v; want %+v (the campaign as written)", ds, ok, want)
	}
	if got, want := ccmr.Labels[0].Provenance(), (typology.Provenance{Source: "FORMAT.md example, completed", Mark: typology.MarkInferred}); got != want {
		t.Errorf("label provenance = %+v, want %+v", got, want)
	}
	if got := []int{ccmr.Activity[0].Year, ccmr.Activity[1].Year}; !slices.Equal(got, []int{2019, 2020}) {
		t.Errorf("activity years = %v, want them sorted", got)
	}

	hus, _ := n.Establishment("hus")
	if want := (network.Location{Lat: 48.5749, Lon: 7.7436, Known: true}); hus.Location != want || hus.FINESS.String() != "670780055" {
		t.Errorf("hus = %v %v, want %v and FINESS 670780055", hus.Location, hus.FINESS, want)
	}
	hex, _ := n.Establishment("hex")
	if hex.Location.Known {
		t.Errorf("hex has a location, want none")
	}
	conv, _ := n.Convention("conv-1")
	if !conv.End.IsZero() || !conv.RunningOn(d("2030-01-01")) {
		t.Errorf("conv-1 end = %v, want none (null)", conv.End)
	}
	if st := n.Stats(); st != (network.Stats{Establishments: 2, Teams: 2, Centres: 2, Labels: 3, Conventions: 1, Filieres: 1, Platforms: 1}) {
		t.Errorf("Stats() = %+v", st)
	}
}

// TestEncodeGolden pins the document Encode writes for the example; run
// with -update to rewrite it after a deliberate change.
func TestEncodeGolden(t *testing.T) {
	got := encode(t, decode(t, readFile(t, "testdata/example.json")))
	golden := filepath.Join("testdata", "example.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFile(t, golden); !bytes.Equal(got, want) {
		t.Errorf("Encode(example) differs from %s (-want +got):\n%s", golden, cmp.Diff(string(want), string(got)))
	}
	// The golden document is what other tools read: check it with the
	// standard library too.
	if !json.Valid(got) {
		t.Errorf("Encode() wrote invalid JSON")
	}
}

func TestRoundTripTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) < 2 {
		t.Fatalf("testdata holds %d documents, want the example and its golden encoding", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkRoundTrip(t, decode(t, readFile(t, f)))
		})
	}
}

// checkRoundTrip checks that Decode(Encode(n)) equals n and that
// encoding again gives the same bytes.
func checkRoundTrip(t tb, n *network.Network) {
	t.Helper()
	doc := encode(t, n)
	if want, got := formatOf(n), documentFormat(doc); got != want {
		t.Fatalf("Encode(n) wrote format %q, want %q, the lowest that holds n", got, want)
	}
	m := decode(t, doc)
	if diff := networkDiff(n, m); diff != "" {
		t.Fatalf("Decode(Encode(n)) differs from n (-want +got):\n%s", diff)
	}
	if again := encode(t, m); !bytes.Equal(doc, again) {
		t.Fatalf("Encode(Decode(Encode(n))) differs from Encode(n):\n%s", cmp.Diff(string(doc), string(again)))
	}
}

// formatOf returns the lowest version of the document that holds n.
func formatOf(n *network.Network) string {
	for e := range n.Establishments() {
		if !e.FINESSEJ.IsZero() {
			return network.Format11
		}
	}
	for c := range n.Centres() {
		if len(c.AttachedTo) > 0 {
			return network.Format11
		}
	}
	for f := range n.Filieres() {
		if !f.Since.IsZero() {
			return network.Format11
		}
	}
	return network.Format
}

// documentFormat returns the format field of a document.
func documentFormat(doc []byte) string {
	var v struct{ Format string }
	_ = json.Unmarshal(doc, &v)
	return v.Format
}

func TestMarshalJSON(t *testing.T) {
	n := decode(t, readFile(t, "testdata/example.json"))
	b, err := n.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, encode(t, n)) {
		t.Errorf("MarshalJSON() differs from Encode()")
	}
	// Through encoding/json, which compacts it.
	wrapped, err := json.Marshal(struct{ N *network.Network }{n})
	if err != nil {
		t.Fatalf("json.Marshal() = %v", err)
	}
	var back struct{ N json.RawMessage }
	if err := json.Unmarshal(wrapped, &back); err != nil {
		t.Fatal(err)
	}
	if diff := networkDiff(n, decode(t, back.N)); diff != "" {
		t.Errorf("decoding the compacted document (-want +got):\n%s", diff)
	}
}

// base is a small valid document; each malformed case edits it.
const base = `{"format": "rarenet/1",
 "establishments": [
  {"id": "hex", "finess": "750712184", "name": "Hôpital exemple", "city": "Paris", "region": "11", "lat": 48.85, "lon": 2.35},
  {"id": "hus", "name": "Hôpitaux universitaires de Strasbourg", "region": "44"}],
 "teams": [
  {"id": "hex-genetique", "establishment": "hex", "unit": "Génétique"},
  {"id": "hus-ophtalmo", "establishment": "hus"}],
 "centres": [
  {"id": "crmr-exemple", "name": "Centre de référence exemple", "tier": "reference", "role": "coordinating", "group": 12, "scope": "national", "team": "hex-genetique",
   "diseases": [{"orpha": 791, "name": "Rétinite pigmentaire", "prevalence": "1-5/10000"}],
   "labels": [{"start": "2017-11-25", "end": "2022-11-25", "act": {"kind": "arrete", "date": "2017-11-25", "ref": "arrêté du 25 novembre 2017"},
     "events": [{"kind": "evaluation", "date": "2021-06-01", "type": "external"},
                {"kind": "extension", "date": "2022-06-01", "until": "2024-01-01", "act": {"kind": "arrete", "date": "2022-06-01"}}]}],
   "activity": [{"year": 2019, "consultations": 900, "patients": 410, "new_patients": 60}]},
  {"id": "ccmr-exemple", "name": "Centre de compétences exemple", "tier": "competence", "group": 12, "team": "hus-ophtalmo",
   "labels": [{"start": "2008-02-01", "end": "2013-02-01", "act": {"kind": "decision", "date": "2008-02-01"},
     "designation": {"campaign": "2007", "route": "listed", "cncl_opinion": "2007-09-28", "decision": "2008-02-01"}}]}],
 "conventions": [{"id": "conv-1", "reference": ["crmr-exemple"], "competence": "ccmr-exemple", "signed": "2018-01-10", "start": "2018-01-10", "end": null, "signatories": ["crmr-exemple"]}],
 "filieres": [{"id": "SENSGENE", "name": "Maladies rares sensorielles", "host": "hus", "groups": [12], "members": ["crmr-exemple"]}],
 "platforms": [{"id": "pemr-exemple", "name": "Plateforme exemple", "host": "hex", "overseas": false}]}
`

// edit returns base with each pair of old and new texts replaced; every
// old text must occur exactly once, so that a case edits what it means to.
func edit(t testing.TB, pairs ...string) string {
	t.Helper()
	doc := base
	for i := 0; i < len(pairs); i += 2 {
		if c := strings.Count(doc, pairs[i]); c != 1 {
			t.Fatalf("edit: %q occurs %d times in the document, want once", pairs[i], c)
		}
		doc = strings.Replace(doc, pairs[i], pairs[i+1], 1)
	}
	return doc
}

func TestDecodeBase(t *testing.T) {
	checkRoundTrip(t, decode(t, []byte(base)))
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string // pairs of old and new texts
		want  string   // substring of the error message
		is    error    // a sentinel the error wraps
		as    any      // a pointer to an error type the error holds, or nil
	}{
		{"format", []string{`"rarenet/1"`, `"rarenet/2"`}, `document: format: "rarenet/2" is not a supported format (want "rarenet/1" or "rarenet/1.1")`, network.ErrInvalid, nil},
		{"missing format", []string{`"format": "rarenet/1",`, ``}, `document: format: missing`, network.ErrMissing, nil},
		{"missing centres", []string{`"centres": [`, `"x": [`}, `document: centres: missing`, network.ErrMissing, nil},
		{"null teams", []string{`"teams": [`, `"teams": null, "x": [`}, `document: teams: null, but a value is required`, network.ErrMissing, nil},
		{"unknown document field", []string{`"format": "rarenet/1",`, `"format": "rarenet/1", "extra": {"a": [1]},`}, `document: extra: unknown field "extra"`, network.ErrInvalid, nil},
		{"unknown entity field", []string{`"unit": "Génétique"`, `"unit": "Génétique", "colour": "red"`}, `teams[0] (id "hex-genetique"): colour: unknown field "colour"`, network.ErrInvalid, nil},
		{"unknown field before the id", []string{`{"id": "hus-ophtalmo"`, `{"x": 1, "id": "hus-ophtalmo"`}, `teams[1] (id "hus-ophtalmo"): x: unknown field "x"`, network.ErrInvalid, nil},
		{"unknown label field", []string{`"end": "2013-02-01",`, `"end": "2013-02-01", "renewed": true,`}, `centres[1] (id "ccmr-exemple"): labels[0].renewed: unknown field "renewed"`, network.ErrInvalid, nil},
		{"duplicate field", []string{`{"id": "hus", `, `{"id": "hus", "id": "hus2", `}, `establishments[1] (id "hus"): id: field appears twice`, network.ErrInvalid, nil},
		{"missing name", []string{`"name": "Hôpital exemple", `, ``}, `establishments[0] (id "hex"): name: missing`, network.ErrMissing, nil},
		{"missing id", []string{`{"id": "hus-ophtalmo", `, `{`}, `teams[1]: id: missing`, network.ErrMissing, nil},
		{"null required", []string{`"region": "11"`, `"region": null`}, `establishments[0] (id "hex"): region: null, but a value is required`, network.ErrMissing, nil},
		{"string for a number", []string{`"group": 12, "scope"`, `"group": "12", "scope"`}, `centres[0] (id "crmr-exemple"): group: expected a group number (1 to 17), got the string "12"`, network.ErrInvalid, nil},
		{"number for a string", []string{`"region": "44"`, `"region": 44`}, `establishments[1] (id "hus"): region: expected a string, got 44`, network.ErrInvalid, nil},
		{"object for an array", []string{`"groups": [12]`, `"groups": {"12": true}`}, `filieres[0] (id "SENSGENE"): groups: expected an array, got an object`, network.ErrInvalid, nil},
		{"group out of range", []string{`"group": 12, "team": "hus-ophtalmo"`, `"group": 18, "team": "hus-ophtalmo"`}, `centres[1] (id "ccmr-exemple"): group: 18 is not a group (1 to 17)`, network.ErrInvalid, new(*typology.ParseError)},
		{"group as a fraction", []string{`"groups": [12]`, `"groups": [12.0]`}, `filieres[0] (id "SENSGENE"): groups[0]: 12.0 is not a group (1 to 17)`, network.ErrInvalid, nil},
		{"tier spelled for people", []string{`"tier": "competence"`, `"tier": "Competence"`}, `centres[1] (id "ccmr-exemple"): tier: "Competence" is not a valid tier`, typology.ErrUnknown, new(*typology.ParseError)},
		{"scope in French", []string{`"scope": "national"`, `"scope": "nationale"`}, `centres[0] (id "crmr-exemple"): scope: "nationale" is not a valid scope`, network.ErrInvalid, nil},
		{"kind", []string{`"tier": "competence"`, `"tier": "competence", "kind": "CCMR"`}, `centres[1] (id "ccmr-exemple"): kind: "CCMR" is not a valid kind`, network.ErrInvalid, nil},
		{"prevalence spelled for people", []string{`"1-5/10000"`, `"1-5 / 10 000"`}, `centres[0] (id "crmr-exemple"): diseases[0].prevalence: "1-5 / 10 000" is not a valid prevalence`, network.ErrInvalid, nil},
		{"mark", []string{`"overseas": false`, `"overseas": false, "mark": "checked"`}, `platforms[0] (id "pemr-exemple"): mark: "checked" is not a valid mark`, network.ErrInvalid, nil},
		{"ORPHAcode zero", []string{`"orpha": 791`, `"orpha": 0`}, `diseases[0].orpha: 0 is out of range`, network.ErrInvalid, nil},
		{"month 13", []string{`{"start": "2017-11-25"`, `{"start": "2017-13-01"`}, `centres[0] (id "crmr-exemple"): labels[0].start: "2017-13-01" is not a date`, network.ErrInvalid, new(*labelling.ParseError)},
		{"date in French order", []string{`"signed": "2018-01-10"`, `"signed": "10/01/2018"`}, `conventions[0] (id "conv-1"): signed: "10/01/2018" is not a date`, network.ErrInvalid, nil},
		{"date with a time", []string{`"date": "2021-06-01"`, `"date": "2021-06-01T00:00:00Z"`}, `labels[0].events[0].date: "2021-06-01T00:00:00Z" is not a date`, network.ErrInvalid, nil},
		{"empty window", []string{`"end": "2013-02-01"`, `"end": "2008-02-01"`}, `centres[1] (id "ccmr-exemple"): labels[0].end: "2008-02-01" is not after the start "2008-02-01"`, network.ErrInvalid, nil},
		{"event before the start", []string{`"date": "2021-06-01"`, `"date": "2016-06-01"`}, `centres[0] (id "crmr-exemple"): labels[0].events[0].date: "2016-06-01" is before the label's start "2017-11-25"`, network.ErrInvalid, nil},
		{"extension without until", []string{`"until": "2024-01-01", `, ``}, `centres[0] (id "crmr-exemple"): labels[0].events[1].until: missing`, network.ErrMissing, nil},
		{"extension with null until", []string{`"until": "2024-01-01", `, `"until": null, `}, `labels[0].events[1].until: null, but an extension needs until`, network.ErrMissing, nil},
		{"extension not after the initial end", []string{`"until": "2024-01-01"`, `"until": "2022-11-25"`}, `labels[0].events[1].until: "2022-11-25" is not after the label's initial end "2022-11-25"`, network.ErrInvalid, nil},
		{"extension that shortens an extension", []string{`"act": {"kind": "arrete", "date": "2022-06-01"}}`, `"act": {"kind": "arrete", "date": "2022-06-01"}}, {"kind": "extension", "date": "2023-01-01", "until": "2023-06-01"}`}, `labels[0].events[2].until: 2023-06-01 does not extend the end in effect 2024-01-01`, network.ErrInvalid, new(*labelling.LabelError)},
		{"extensions out of date order", []string{`"events": [{"kind": "evaluation"`, `"events": [{"kind": "extension", "date": "2023-01-01", "until": "2023-06-01"}, {"kind": "evaluation"`}, `labels[0].events[0].until: 2023-06-01 does not extend the end in effect 2024-01-01`, network.ErrInvalid, nil},
		{"until on an evaluation", []string{`"type": "external"`, `"type": "external", "until": "2030-01-01"`}, `labels[0].events[0].until: only extensions have an until`, network.ErrInvalid, nil},
		{"type on an extension", []string{`"until": "2024-01-01",`, `"until": "2024-01-01", "type": "self",`}, `labels[0].events[1].type: only evaluations have a type`, network.ErrInvalid, nil},
		{"event kind", []string{`"kind": "evaluation"`, `"kind": "renewal"`}, `labels[0].events[0].kind: "renewal" is not a valid kind`, network.ErrInvalid, new(*labelling.ParseError)},
		{"act kind", []string{`"kind": "decision"`, `"kind": "arrêté"`}, `centres[1] (id "ccmr-exemple"): labels[0].act.kind: "arrêté" is not a valid kind`, network.ErrInvalid, nil},
		{"act date missing", []string{`"act": {"kind": "arrete", "date": "2022-06-01"}`, `"act": {"kind": "arrete"}`}, `labels[0].events[1].act.date: missing`, network.ErrMissing, nil},
		{"label without act", []string{`"act": {"kind": "decision", "date": "2008-02-01"},`, ``}, `centres[1] (id "ccmr-exemple"): labels[0].act: missing`, network.ErrMissing, nil},
		{"bad FINESS key", []string{`"750712184"`, `"750712185"`}, `establishments[0] (id "hex"): finess: "750712185" is not a FINESS number: check key does not match`, network.ErrInvalid, new(*network.FINESSError)},
		{"FINESS of department 20", []string{`"750712184"`, `"200000000"`}, `finess: "200000000" is not a FINESS number`, network.ErrInvalid, nil},
		{"lat without lon", []string{`, "lon": 2.35`, ``}, `establishments[0] (id "hex"): lon: missing: lat and lon go together`, network.ErrMissing, nil},
		{"lon without lat", []string{`"lat": 48.85, `, `"lat": null, `}, `establishments[0] (id "hex"): lat: null, but lat and lon go together`, network.ErrMissing, nil},
		{"latitude out of range", []string{`48.85`, `148.85`}, `establishments[0] (id "hex"): lat: 148.85 is out of range (-90 to 90)`, network.ErrInvalid, nil},
		{"negative count", []string{`"new_patients": 60`, `"new_patients": -60`}, `centres[0] (id "crmr-exemple"): activity[0].new_patients: -60 is negative`, network.ErrInvalid, nil},
		{"fractional count", []string{`"patients": 410`, `"patients": 410.5`}, `activity[0].patients: 410.5 is not an integer`, network.ErrInvalid, nil},
		{"activity year out of range", []string{`"year": 2019`, `"year": 19`}, `activity[0].year: 19 is out of range (1900 to 2999)`, network.ErrInvalid, nil},
		{"duplicate activity year", []string{`"new_patients": 60}`, `"new_patients": 60}, {"year": 2019, "consultations": 1, "patients": 1, "new_patients": 1}`}, `activity[1].year: 2019 is already recorded at activity[0]`, network.ErrDuplicate, nil},
		{"missing count", []string{`"consultations": 900, `, ``}, `activity[0].consultations: missing`, network.ErrMissing, nil},
		{"dangling team", []string{`"team": "hus-ophtalmo"`, `"team": "nowhere"`}, `centres[1] (id "ccmr-exemple"): team: no team has the ID "nowhere"`, network.ErrDangling, nil},
		{"team of the wrong kind", []string{`"establishment": "hex"`, `"establishment": "hex-genetique"`}, `teams[0] (id "hex-genetique"): establishment: no establishment has the ID "hex-genetique"`, network.ErrDangling, nil},
		{"duplicate ID", []string{`{"id": "hus-ophtalmo", "establishment": "hus"}`, `{"id": "hus-ophtalmo", "establishment": "hus"}, {"id": "hex-genetique", "establishment": "hus"}`}, `teams[2] (id "hex-genetique"): id: "hex-genetique" is already the ID of teams[0]`, network.ErrDuplicate, nil},
		{"convention competence is a reference centre", []string{`"competence": "ccmr-exemple"`, `"competence": "crmr-exemple"`}, `conventions[0] (id "conv-1"): competence: "crmr-exemple" is not a competence centre`, network.ErrDangling, nil},
		{"convention reference is a competence centre", []string{`"reference": ["crmr-exemple"]`, `"reference": ["ccmr-exemple"]`}, `conventions[0] (id "conv-1"): reference[0]: "ccmr-exemple" is not a reference centre`, network.ErrDangling, nil},
		{"convention without reference", []string{`"reference": ["crmr-exemple"]`, `"reference": []`}, `conventions[0] (id "conv-1"): reference: no reference party`, network.ErrMissing, nil},
		{"convention reference not a string", []string{`"reference": ["crmr-exemple"]`, `"reference": ["crmr-exemple", 7]`}, `conventions[0] (id "conv-1"): reference[1]: expected a string, got 7`, network.ErrInvalid, nil},
		{"convention ends before it starts", []string{`"end": null`, `"end": "2018-01-01"`}, `conventions[0] (id "conv-1"): end: "2018-01-01" is not after the start "2018-01-10"`, network.ErrInvalid, nil},
		{"dangling member", []string{`"members": ["crmr-exemple"]`, `"members": ["crmr-nope"]`}, `filieres[0] (id "SENSGENE"): members[0]: no centre has the ID "crmr-nope"`, network.ErrDangling, nil},
		{"unknown campaign", []string{`"campaign": "2007"`, `"campaign": "2099"`}, `centres[1] (id "ccmr-exemple"): labels[0].designation.campaign: "2099" is not a campaign of the embedded campaigns`, network.ErrDangling, nil},
		{"route", []string{`"route": "listed"`, `"route": "liste"`}, `labels[0].designation.route: "liste" is not a valid route`, network.ErrInvalid, nil},
		{"designation without decision", []string{`, "decision": "2008-02-01"}`, `}`}, `labels[0].designation.decision: missing`, network.ErrMissing, nil},
		{"reference centre without role", []string{`"role": "coordinating", `, ``}, `centres[0] (id "crmr-exemple"): role: missing: a reference centre needs a role`, network.ErrMissing, nil},
		{"competence centre with a role", []string{`"tier": "competence"`, `"tier": "competence", "role": "coordinating"`}, `centres[1] (id "ccmr-exemple"): role: a competence centre has no role`, network.ErrInvalid, nil},
		{"region of the old map", []string{`"region": "44"`, `"region": "42"`}, `establishments[1] (id "hus"): region: "42" is not a region code of the 2016 map`, network.ErrInvalid, nil},
		{"platform without host", []string{`, "host": "hex"`, ``}, `platforms[0] (id "pemr-exemple"): host: missing`, network.ErrMissing, nil},
		{"overseas as a string", []string{`"overseas": false`, `"overseas": "no"`}, `platforms[0] (id "pemr-exemple"): overseas: expected true or false, got the string "no"`, network.ErrInvalid, nil},
		{"entity not an object", []string{`{"id": "hus-ophtalmo", "establishment": "hus"}`, `{"id": "hus-ophtalmo", "establishment": "hus"}, 5`}, `teams[2]: expected an object, got 5`, network.ErrInvalid, nil},
		{"document not an object", []string{base, `[]`}, `document: expected an object, got an array`, network.ErrInvalid, nil},
		{"trailing comma", []string{`"overseas": false}]`, `"overseas": false},]`}, `platforms[1]: invalid JSON at line 20, column 103: invalid character ']' looking for a value`, network.ErrInvalid, nil},
		{"single quotes", []string{`"city": "Paris"`, `"city": 'Paris'`}, `establishments[0] (id "hex"): invalid JSON at line 3, column 76: invalid character '\'' looking for a value`, network.ErrInvalid, nil},
		{"bad escape", []string{`"Paris"`, `"Pa\xris"`}, `invalid escape 'x' in a string`, network.ErrInvalid, nil},
		{"truncated", []string{`"overseas": false}]}`, `"overseas": false}]`}, `unexpected end of input`, network.ErrInvalid, nil},
		{"data after the document", []string{`"overseas": false}]}`, `"overseas": false}]} {}`}, `invalid character '{' after the document`, network.ErrInvalid, nil},
		{"invalid UTF-8", []string{`"Paris"`, "\"Par\xffis\""}, `invalid UTF-8 in a string`, network.ErrInvalid, nil},
		{"control character", []string{`"Paris"`, "\"Par\tis\""}, `control character '\t' in a string`, network.ErrInvalid, nil},
		{"leading zero", []string{`"patients": 410`, `"patients": 0410`}, `invalid`, network.ErrInvalid, nil},
	}
	// Cases where other problems follow from the one tested: a missing
	// ID leaves the references to it dangling.
	more := map[string]bool{"missing centres": true, "null teams": true, "missing id": true}
	if len(tests) < 30 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := edit(t, tt.edits...)
			n, err := network.Decode(strings.NewReader(doc))
			if err == nil {
				t.Fatalf("Decode() = %v, nil; want an error containing %q", n, tt.want)
			}
			if n != nil {
				t.Errorf("Decode() returned a network with its error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode() error =\n%v\nwant it to contain\n%s", err, tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(Decode() error, %v) = false; error: %v", tt.is, err)
			}
			var fe *network.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("Decode() error holds no *FieldError: %v", err)
			}
			if tt.as != nil && !errors.As(err, tt.as) {
				t.Errorf("errors.As(Decode() error, %T) = false; error: %v", tt.as, err)
			}
			// One problem, reported once (not again by the builder).
			if !more[tt.name] && strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("Decode() reported more than the one problem:\n%v", err)
			}
		})
	}
}

func TestDecodeReportsSeveralErrors(t *testing.T) {
	doc := edit(t,
		`"tier": "competence"`, `"tier": "competent"`,
		`"region": "11"`, `"region": 11`,
		`"date": "2021-06-01"`, `"date": "2021-06-31"`,
		`"establishment": "hus"`, `"establishment": "nowhere"`,
		`"name": "Plateforme exemple", `, ``,
		`"members": ["crmr-exemple"]`, `"members": ["crmr-exemple"], "size": 3`,
	)
	n, err := network.Decode(strings.NewReader(doc))
	if n != nil || err == nil {
		t.Fatalf("Decode() = %v, %v; want no network and errors", n, err)
	}
	want := []string{
		`centres[1] (id "ccmr-exemple"): tier: "competent" is not a valid tier`,
		`establishments[0] (id "hex"): region: expected a string, got 11`,
		`centres[0] (id "crmr-exemple"): labels[0].events[0].date: "2021-06-31" is not a date`,
		`teams[1] (id "hus-ophtalmo"): establishment: no establishment has the ID "nowhere"`,
		`platforms[0] (id "pemr-exemple"): name: missing`,
		`filieres[0] (id "SENSGENE"): size: unknown field "size"`,
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		got = append(got, e.Error())
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode() errors (-want +got):\n%s", diff)
	}
}

func TestDecodeDefaultsAndNulls(t *testing.T) {
	doc := `{"format": "rarenet/1",
	  "establishments": [{"id": "e", "name": "E", "region": "11", "finess": null, "city": null, "lat": null, "lon": null, "source": null, "mark": null}],
	  "teams": [{"id": "t", "establishment": "e", "unit": null}],
	  "centres": [
	    {"id": "c", "name": "C", "tier": "competence", "group": 3, "team": "t", "role": null, "kind": null, "scope": null,
	     "coordinating_site": null, "diseases": null, "labels": null, "activity": null},
	    {"id": "r", "name": "R", "tier": "reference", "role": "constitutive", "coordinating_site": "r2", "group": 3, "team": "t",
	     "diseases": [{"name": "D", "orpha": null, "prevalence": null}],
	     "labels": [{"start": "2017-01-01", "end": "2022-01-01", "act": {"kind": "arrete", "date": "2017-01-01", "ref": null},
	       "events": null, "designation": null,
	       "source": null, "mark": null}]},
	    {"id": "r2", "name": "R2", "tier": "reference", "role": "coordinating", "kind": "crth", "scope": "interregional", "group": 3, "team": "t",
	     "labels": [{"start": "2017-01-01", "end": "2022-01-01", "act": {"kind": "arrete", "date": "2017-01-01"},
	       "events": [{"kind": "evaluation", "date": "2019-01-01", "type": null, "until": null, "act": null},
	                  {"kind": "withdrawal", "date": "2020-01-01"}],
	       "designation": {"campaign": "ccmr-2007", "route": "direct", "decision": "2008-01-01", "cncl_opinion": null}}]}],
	  "conventions": null, "filieres": null,
	  "platforms": [{"id": "p", "name": "P", "host": "e", "overseas": null}]}`
	n := decode(t, []byte(doc))
	c, _ := n.Centre("c")
	if c.Kind != typology.KindCCMR || c.Scope != typology.Regional || c.Role != 0 || len(c.Labels) != 0 {
		t.Errorf("centre c = %+v, want competence defaults", c)
	}
	r, _ := n.Centre("r")
	if r.Kind != typology.KindCRMR || r.Scope != typology.National || r.CoordinatingSite != "r2" {
		t.Errorf("centre r = %+v, want reference defaults, coordinating site r2", r)
	}
	if r.Diseases[0] != (typology.Disease{Name: "D"}) {
		t.Errorf("disease = %+v, want no code, unknown prevalence", r.Diseases[0])
	}
	r2, _ := n.Centre("r2")
	if r2.Kind != typology.KindCRTH || r2.Scope != typology.Interregional {
		t.Errorf("centre r2 kind, scope = %v, %v; want as written", r2.Kind, r2.Scope)
	}
	if end := r2.Labels[0].End(); end != d("2020-01-01") {
		t.Errorf("withdrawn label ends %v, want 2020-01-01", end)
	}
	if ds, _ := r2.Labels[0].Designation(); ds.HasOpinion() || ds.Route != labelling.Direct {
		t.Errorf("designation = %+v, want the direct route and no opinion", ds)
	}
	if st := n.Stats(); st.Conventions != 0 || st.Filieres != 0 || st.Platforms != 1 {
		t.Errorf("Stats() = %+v", st)
	}
	if p, _ := n.Platform("p"); p.Overseas {
		t.Errorf("overseas: null decodes as true")
	}
	checkRoundTrip(t, n)
}

func TestDecodeStrings(t *testing.T) {
	// Escapes, surrogate pairs, characters beyond ASCII and characters
	// Encode must escape, in names and IDs.
	doc := edit(t,
		`"name": "Hôpital exemple"`, `"name": "H\u00f4pital \"exemple\" \\ \/ \ud83c\udfe5 \u2028 é \u00a0"`,
		`"unit": "Génétique"`, `"unit": "<&> \u00e9\u007e"`,
	)
	n := decode(t, []byte(doc))
	e, _ := n.Establishment("hex")
	if want := "Hôpital \"exemple\" \\ / 🏥 \u2028 é \u00a0"; e.Name != want {
		t.Errorf("name = %q, want %q", e.Name, want)
	}
	tm, _ := n.Team("hex-genetique")
	if want := "<&> é~"; tm.Unit != want {
		t.Errorf("unit = %q, want %q", tm.Unit, want)
	}
	checkRoundTrip(t, n)
}

// TestDecodeRefusesControlCharacters: FORMAT.md wants every string valid
// UTF-8 without control characters, escaped or not, and no escaped lone
// surrogate; outside strings, NUL and other control characters are
// syntax errors at their position (issue 14, rows 6 and 11).
func TestDecodeRefusesControlCharacters(t *testing.T) {
	for _, tt := range []struct{ old, new, want string }{
		{`"Paris"`, `"Par\nis"`, `line 3, column 80: control character \n in a string`},
		{`"Paris"`, `"Par\tis"`, `control character \t in a string`},
		{`"Paris"`, `"Par\u0001is"`, `control character \u0001 in a string`},
		{`"Paris"`, `"Par\u007fis"`, `control character \u007f in a string`},
		{`"Paris"`, `"Par\u0085is"`, `control character \u0085 in a string`},
		{`"Paris"`, "\"Par\u0085is\"", `control character '\u0085' in a string`},
		{`"Paris"`, "\"Par\x7fis\"", `control character '\x7f' in a string`},
		{`"Paris"`, "\"Par\x00is\"", `control character '\x00' in a string`},
		{`"Paris"`, `"Par\ud800is"`, `lone surrogate \ud800 in a string`},
		{`"Paris"`, `"Par\udc00\ud800is"`, `lone surrogate \udc00 in a string`},
		{`"Paris"`, `"Par\ud800\u0041is"`, `lone surrogate \ud800 in a string`},
		{`"Paris"`, "\"Par\xc0\xafis\"", `invalid UTF-8 in a string`},
		{`"city": "Paris"`, "\"city\":\x00\"Paris\"", `line 3, column 75: invalid character '\x00' looking for a value`},
		{`"city": "Paris"`, "\"city\": \"Paris\"\x00", `line 3, column 83: invalid character '\x00', expecting ',' or '}' after an object field`},
		{`"overseas": false}]}`, "\"overseas\": false}]}\x00garbage", `invalid character '\x00' after the document`},
		{`"city": "Paris"`, "\"city\": \x1b\"Paris\"", `invalid character '\x1b' looking for a value`},
		{`"city": "Paris"`, "\"city\": \x7f\"Paris\"", `invalid character '\x7f' looking for a value`},
	} {
		doc := edit(t, tt.old, tt.new)
		n, err := network.Decode(strings.NewReader(doc))
		if n != nil || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%q) = %v, %v; want an error containing %s", tt.new, n, err, tt.want)
		}
	}
	// Two IDs that differ only in lone surrogates are refused as such, not
	// reported as duplicates of a replacement character (row 11).
	doc := edit(t, `{"id": "hus", `, `{"id": "chu-\ud800", `, `{"id": "hex", `, `{"id": "chu-\udbff", `)
	_, err := network.Decode(strings.NewReader(doc))
	if err == nil || !strings.Contains(err.Error(), `lone surrogate \udbff`) || strings.Contains(err.Error(), "\ufffd") {
		t.Errorf("Decode(lone surrogates) = %v, want the lone surrogate refused", err)
	}
}

// TestDecodeByteByByte reads through readers that return one byte at a
// time, or data with io.EOF: the scanner's refills must not change the
// result, and errors must locate the same place.
func TestDecodeByteByByte(t *testing.T) {
	for _, f := range []string{"testdata/example.json"} {
		doc := readFile(t, f)
		want := decode(t, doc)
		got, err := network.Decode(iotest.OneByteReader(bytes.NewReader(doc)))
		if err != nil {
			t.Fatalf("Decode(OneByteReader) = %v", err)
		}
		if diff := networkDiff(want, got); diff != "" {
			t.Errorf("Decode(OneByteReader(%s)) (-want +got):\n%s", f, diff)
		}
		got, err = network.Decode(iotest.DataErrReader(iotest.HalfReader(bytes.NewReader(doc))))
		if err != nil {
			t.Fatalf("Decode(DataErrReader) = %v", err)
		}
		if diff := networkDiff(want, got); diff != "" {
			t.Errorf("Decode(DataErrReader(%s)) (-want +got):\n%s", f, diff)
		}
	}
	bad := edit(t, `"city": "Paris"`, `"city": 'Paris'`)
	_, err1 := network.Decode(strings.NewReader(bad))
	_, err2 := network.Decode(iotest.OneByteReader(strings.NewReader(bad)))
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Errorf("syntax errors differ with the reader:\n%v\n%v", err1, err2)
	}
	// A document far longer than the scanner's buffer, with long strings.
	long := edit(t, `"name": "Hôpital exemple"`, `"name": "`+strings.Repeat("é\\/", 100000)+`"`)
	n := decode(t, []byte(long))
	if e, _ := n.Establishment("hex"); e.Name != strings.Repeat("é/", 100000) {
		t.Errorf("a 300 kB name does not decode whole")
	}
}

func TestDecodeReadError(t *testing.T) {
	boom := errors.New("boom")
	doc := readFile(t, "testdata/example.json")
	r := io.MultiReader(bytes.NewReader(doc[:100]), iotest.ErrReader(boom))
	n, err := network.Decode(r)
	if n != nil || !errors.Is(err, boom) {
		t.Errorf("Decode(failing reader) = %v, %v; want the read error", n, err)
	}
	if _, err := network.Decode(iotest.TimeoutReader(bytes.NewReader(doc))); !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("Decode(TimeoutReader) = %v, want %v", err, iotest.ErrTimeout)
	}
	if _, err := network.Decode(strings.NewReader("")); err == nil || !strings.Contains(err.Error(), "unexpected end of input") {
		t.Errorf("Decode(empty) = %v, want unexpected end of input", err)
	}
}

func TestDecodeErrorLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "rarenet/1", "establishments": [], "centres": [], "teams": [`)
	for i := range 3000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "t%d"}`, i)
	}
	b.WriteString("]}")
	_, err := network.Decode(strings.NewReader(b.String()))
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	if len(errs) > 1001 || !strings.Contains(errs[len(errs)-1].Error(), "stopped after 1000 errors") {
		t.Errorf("Decode() reported %d errors, the last %v; want 1000 and a note", len(errs), errs[len(errs)-1])
	}
}

func TestEncodeErrors(t *testing.T) {
	b := fixture()
	l := label("2008-02-01", "2013-02-01").
		WithDesignation(labelling.Designation{Campaign: "ccmr-2099", Decision: d("2008-02-01")}).
		WithProvenance(typology.Provenance{Mark: 9})
	b.AddCentre(network.Centre{ID: "ccmr-x", Name: "x", Tier: typology.Competence, Group: 1, Team: "hus-gen", Labels: []labelling.Label{l}})
	b.AddPlatform(network.Platform{ID: "p2", Name: "p", Host: "hus", Provenance: typology.Provenance{Mark: 7}})
	n := mustBuild(t, b)
	var w bytes.Buffer
	err := network.Encode(&w, n)
	for _, want := range []string{
		`centres[2] (id "ccmr-x"): labels[0].mark: Mark(9) is not a mark`,
		`centres[2] (id "ccmr-x"): labels[0].designation.campaign: "ccmr-2099" is not a campaign`,
		`labels[0].designation.route: Route(0) is not a route`,
		`(id "p2"): mark: Mark(7) is not a mark`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Encode() = %v, want an error containing %q", err, want)
		}
	}
	if w.Len() != 0 {
		t.Errorf("Encode() wrote %d bytes before failing", w.Len())
	}
	if err := network.Encode(&w, nil); err == nil {
		t.Errorf("Encode(nil) = nil, want an error")
	}
	if err := network.Encode(errWriter{}, mustBuild(t, fixture())); !errors.Is(err, errWrite) {
		t.Errorf("Encode(failing writer) = %v, want %v", err, errWrite)
	}
}

var errWrite = errors.New("disk full")

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errWrite }

// ---- properties on generated networks ----

func TestRoundTripGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		checkRoundTrip(t, n)
	})
}

// TestDecodeOrderIndependent permutes every list of a document (and each
// centre's activity, kept by year) and expects the same network.
func TestDecodeOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		doc := encode(t, n)
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("json Decode() = %v", err)
		}
		permuteDocument(t, m)
		permuted, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("json.Marshal() = %v", err)
		}
		got := decode(t, permuted)
		if diff := networkDiff(n, got); diff != "" {
			t.Fatalf("Decode(permuted) (-want +got):\n%s", diff)
		}
		if !bytes.Equal(encode(t, got), doc) {
			t.Fatalf("Encode(Decode(permuted)) differs from Encode(n)")
		}
	})
}

// permuteDocument permutes every list of a document decoded by
// encoding/json, and each centre's activity.
func permuteDocument(t *rapid.T, m map[string]any) {
	for _, list := range []string{"establishments", "teams", "centres", "conventions", "filieres", "platforms"} {
		xs := m[list].([]any)
		if len(xs) == 0 {
			continue
		}
		xs = rapid.Permutation(xs).Draw(t, list)
		for _, x := range xs {
			if act, ok := x.(map[string]any)["activity"].([]any); ok && len(act) > 0 {
				x.(map[string]any)["activity"] = rapid.Permutation(act).Draw(t, "activity")
			}
			// A label's events are stored by date: those of distinct dates
			// may come in any order (on one day, the order is the
			// document's and means something).
			labels, _ := x.(map[string]any)["labels"].([]any)
			for _, l := range labels {
				l := l.(map[string]any)
				evs, _ := l["events"].([]any)
				dates := map[any]bool{}
				for _, e := range evs {
					dates[e.(map[string]any)["date"]] = true
				}
				if len(evs) > 1 && len(dates) == len(evs) {
					l["events"] = rapid.Permutation(evs).Draw(t, "events")
				}
			}
		}
		m[list] = xs
	}
}

// TestDecodeMutatedNeverPanics inserts text into a generated document:
// Decode returns either a network or an error holding a *FieldError.
func TestDecodeMutatedNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := encode(t, genNetwork().Draw(t, "network"))
		i := rapid.IntRange(0, len(doc)-1).Draw(t, "at")
		mutated := slices.Concat(doc[:i], []byte(rapid.SampledFrom([]string{"", "x", "\"", "{", "]", ",", "null", "-1", "\"2A\""}).Draw(t, "insert")), doc[i+1:])
		n, err := network.Decode(bytes.NewReader(mutated))
		if (n == nil) == (err == nil) {
			t.Fatalf("Decode() = %v, %v: want exactly one of them", n, err)
		}
		if err != nil {
			var fe *network.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode() error holds no *FieldError: %v", err)
			}
		}
	})
}

var (
	genIDs     = []string{"a", "b", "c-1", "é", `q"uote`, "sp ace", "😀", "x\\y"}
	genStrings = []string{"Hôpital", "CHU de Lille", "ligne nouvelle", "\u2028", "<&>", "\u00a0insécable", "", "\U0001F3E5"}
	genFINESS  = []string{"750712184", "750100208", "670780055", "2A0012340", "2B0045678", "970408589", "980500128"}
	genRegions = []network.RegionCode{"11", "44", "84", "93", "04", "06"}
)

func genProvenance(t *rapid.T, label string) typology.Provenance {
	return typology.Provenance{
		Source: rapid.SampledFrom(append([]string{""}, genStrings...)).Draw(t, label+".source"),
		Mark:   typology.Mark(rapid.IntRange(0, 4).Draw(t, label+".mark")),
	}
}

func genDate(t *rapid.T, label string, from labelling.Date, maxDays int) labelling.Date {
	return from.AddDays(rapid.IntRange(0, maxDays).Draw(t, label))
}

func genLabel(t *rapid.T, competence bool) labelling.Label {
	start := genDate(t, "start", d("2000-01-01"), 9000)
	end := start.AddDays(rapid.IntRange(1, 2500).Draw(t, "days"))
	act := func(label string, on labelling.Date) labelling.Act {
		return labelling.Act{
			Kind: labelling.ActKind(rapid.IntRange(1, 3).Draw(t, label+".kind")),
			Date: on,
			Ref:  rapid.SampledFrom(genStrings).Draw(t, label+".ref"),
		}
	}
	var events []labelling.Event
	eff := end
	var lastExt labelling.Date
	for i := range rapid.IntRange(0, 4).Draw(t, "events") {
		on := genDate(t, "event.date", start, 3000)
		switch rapid.IntRange(0, 2).Draw(t, "event.kind") {
		case 0:
			events = append(events, labelling.EvaluationEvent(on, labelling.EvaluationType(rapid.IntRange(0, 2).Draw(t, "type"))))
		case 1:
			// Extensions in date order move the end forward.
			if on.Before(lastExt) {
				on = lastExt
			}
			lastExt = on
			eff = eff.AddDays(rapid.IntRange(1, 900).Draw(t, "until"))
			var a labelling.Act
			if rapid.Bool().Draw(t, "has act") {
				a = act(fmt.Sprintf("events[%d].act", i), on)
			}
			events = append(events, labelling.ExtensionEvent(on, eff, a))
		default:
			var a labelling.Act
			if rapid.Bool().Draw(t, "has act") {
				a = act(fmt.Sprintf("events[%d].act", i), on)
			}
			events = append(events, labelling.WithdrawalEvent(on, a))
		}
	}
	l, err := labelling.NewLabel(start, end, act("act", start), events...)
	if err != nil {
		// Extensions out of order with other events: keep the label
		// without events.
		l = labelling.MustLabel(start, end, act("act", start))
	}
	if competence && rapid.Bool().Draw(t, "designated") {
		ds := labelling.Designation{
			Campaign: labelling.CampaignID(rapid.SampledFrom([]string{"2007", "ccmr-2007", "crmr-2017"}).Draw(t, "campaign")),
			Route:    labelling.Route(rapid.IntRange(1, 2).Draw(t, "route")),
			Decision: start,
		}
		if rapid.Bool().Draw(t, "opinion") {
			ds.CNCLOpinion = start.AddDays(-30)
		}
		l = l.WithDesignation(ds)
	}
	return l.WithProvenance(genProvenance(t, "label"))
}

// genNetwork draws a small valid network, every optional field sometimes
// set (the rarenet/1.1 ones in about half the networks), with IDs and
// strings that need escaping.
func genNetwork() *rapid.Generator[*network.Network] {
	return rapid.Custom(func(t *rapid.T) *network.Network {
		// Half the networks use the fields of rarenet/1.1.
		v11 := rapid.Bool().Draw(t, "rarenet/1.1")
		b := &network.Builder{}
		ests := rapid.SliceOfNDistinct(rapid.SampledFrom(genIDs), 1, 4, rapid.ID).Draw(t, "establishments")
		for _, id := range ests {
			e := network.Establishment{
				ID:         network.EstablishmentID(id),
				Name:       "E " + rapid.SampledFrom(genStrings).Draw(t, "name"),
				City:       rapid.SampledFrom(genStrings).Draw(t, "city"),
				Region:     rapid.SampledFrom(genRegions).Draw(t, "region"),
				Provenance: genProvenance(t, "establishment"),
			}
			if rapid.Bool().Draw(t, "finess") {
				e.FINESS = network.MustParseFINESS(rapid.SampledFrom(genFINESS).Draw(t, "finess"))
			}
			if v11 && rapid.Bool().Draw(t, "finess_ej") {
				e.FINESSEJ = network.MustParseFINESS(rapid.SampledFrom(genFINESS).Draw(t, "finess_ej"))
			}
			if rapid.Bool().Draw(t, "location") {
				e.Location = network.Location{
					Lat:   rapid.Float64Range(-90, 90).Draw(t, "lat"),
					Lon:   rapid.Float64Range(-180, 180).Draw(t, "lon"),
					Known: true,
				}
			}
			b.AddEstablishment(e)
		}
		teams := rapid.SliceOfNDistinct(rapid.SampledFrom(genIDs), 1, 4, rapid.ID).Draw(t, "teams")
		for _, id := range teams {
			b.AddTeam(network.Team{
				ID:            network.TeamID(id),
				Establishment: network.EstablishmentID(rapid.SampledFrom(ests).Draw(t, "establishment")),
				Unit:          rapid.SampledFrom(genStrings).Draw(t, "unit"),
				Provenance:    genProvenance(t, "team"),
			})
		}
		centres := rapid.SliceOfNDistinct(rapid.SampledFrom(genIDs), 0, 6, rapid.ID).Draw(t, "centres")
		var refs, comps []network.CentreID
		for _, id := range centres {
			c := network.Centre{
				ID:         network.CentreID(id),
				Name:       "C " + rapid.SampledFrom(genStrings).Draw(t, "name"),
				Tier:       typology.Tier(rapid.IntRange(1, 2).Draw(t, "tier")),
				Kind:       typology.Kind(rapid.IntRange(0, 7).Draw(t, "kind")),
				Scope:      typology.Scope(rapid.IntRange(0, 3).Draw(t, "scope")),
				Group:      typology.Group(rapid.IntRange(1, 17).Draw(t, "group")),
				Team:       network.TeamID(rapid.SampledFrom(teams).Draw(t, "team")),
				Provenance: genProvenance(t, "centre"),
			}
			if c.Tier == typology.Reference {
				c.Role = typology.Role(rapid.IntRange(1, 2).Draw(t, "role"))
				if c.Role == typology.Constitutive && len(refs) > 0 && rapid.Bool().Draw(t, "has site") {
					c.CoordinatingSite = rapid.SampledFrom(refs).Draw(t, "coordinating site")
				}
				refs = append(refs, c.ID)
			} else {
				comps = append(comps, c.ID)
				if v11 && len(refs) > 0 && rapid.Bool().Draw(t, "attached") {
					c.AttachedTo = rapid.SliceOfN(rapid.SampledFrom(refs), 1, 2).Draw(t, "attached_to")
				}
			}
			for range rapid.IntRange(0, 2).Draw(t, "diseases") {
				c.Diseases = append(c.Diseases, typology.Disease{
					Orpha:      typology.ORPHAcode(rapid.OneOf(rapid.Just(uint32(0)), rapid.Uint32()).Draw(t, "orpha")),
					Name:       "D " + rapid.SampledFrom(genStrings).Draw(t, "name"),
					Prevalence: typology.Prevalence(rapid.IntRange(0, 6).Draw(t, "prevalence")),
				})
			}
			for range rapid.IntRange(0, 3).Draw(t, "labels") {
				c.Labels = append(c.Labels, genLabel(t, c.Tier == typology.Competence))
			}
			for _, y := range rapid.SliceOfNDistinct(rapid.IntRange(network.MinActivityYear, network.MaxActivityYear), 0, 4, rapid.ID).Draw(t, "years") {
				c.Activity = append(c.Activity, network.Activity{
					Year:          y,
					Consultations: rapid.IntRange(0, 1<<31-1).Draw(t, "consultations"),
					Patients:      rapid.IntRange(0, 5000).Draw(t, "patients"),
					NewPatients:   rapid.IntRange(0, 500).Draw(t, "new"),
				})
			}
			b.AddCentre(c)
		}
		if len(refs) > 0 && len(comps) > 0 {
			for i := range rapid.IntRange(0, 3).Draw(t, "conventions") {
				start := genDate(t, "start", d("2005-01-01"), 6000)
				cv := network.Convention{
					ID:          network.ConventionID(fmt.Sprintf("conv-%d", i)),
					Reference:   rapid.SliceOfN(rapid.SampledFrom(refs), 1, 2).Draw(t, "reference"),
					Competence:  rapid.SampledFrom(comps).Draw(t, "competence"),
					Signed:      start.AddDays(-rapid.IntRange(0, 30).Draw(t, "signed")),
					Start:       start,
					Signatories: rapid.SliceOfN(rapid.SampledFrom(refs), 0, 2).Draw(t, "signatories"),
					Provenance:  genProvenance(t, "convention"),
				}
				if rapid.Bool().Draw(t, "ended") {
					cv.End = start.AddDays(rapid.IntRange(1, 3000).Draw(t, "end"))
				}
				b.AddConvention(cv)
			}
		}
		for _, id := range rapid.SliceOfNDistinct(rapid.SampledFrom(genIDs), 0, 2, rapid.ID).Draw(t, "filieres") {
			f := network.Filiere{
				ID:         network.FiliereID(id),
				Name:       "F " + rapid.SampledFrom(genStrings).Draw(t, "name"),
				Groups:     rapid.SliceOfN(rapid.Custom(func(t *rapid.T) typology.Group { return typology.Group(rapid.IntRange(1, 17).Draw(t, "g")) }), 0, 3).Draw(t, "groups"),
				Provenance: genProvenance(t, "filiere"),
			}
			if v11 && rapid.Bool().Draw(t, "since") {
				f.Since = genDate(t, "since", d("2014-01-01"), 4000)
			}
			if rapid.Bool().Draw(t, "host") {
				f.Host = network.EstablishmentID(rapid.SampledFrom(ests).Draw(t, "host"))
			}
			if len(centres) > 0 {
				for _, m := range rapid.SliceOfN(rapid.SampledFrom(centres), 0, 3).Draw(t, "members") {
					f.Members = append(f.Members, network.CentreID(m))
				}
			}
			b.AddFiliere(f)
		}
		for _, id := range rapid.SliceOfNDistinct(rapid.SampledFrom(genIDs), 0, 2, rapid.ID).Draw(t, "platforms") {
			b.AddPlatform(network.Platform{
				ID:         network.PlatformID(id),
				Name:       "P " + rapid.SampledFrom(genStrings).Draw(t, "name"),
				Host:       network.EstablishmentID(rapid.SampledFrom(ests).Draw(t, "host")),
				Overseas:   rapid.Bool().Draw(t, "overseas"),
				Provenance: genProvenance(t, "platform"),
			})
		}
		n, err := b.Build()
		if err != nil {
			t.Fatalf("genNetwork built an invalid network: %v", err)
		}
		return n
	})
}

// TestDecodeLarge decodes a document of about 100 MB read as a stream,
// and checks that the heap stays in proportion to the network, not to the
// document.
func TestDecodeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB document: skipped under -short")
	}
	doc := nationalDocument(t)
	copies := int(100e6/len(doc)) + 1
	r := &replicated{doc: doc, copies: copies}
	size := r.size()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	n, err := network.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if got, want := n.NumCentres(), copies*nationalCentres; got != want {
		t.Errorf("NumCentres() = %d, want %d", got, want)
	}
	live := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%.0f MB, %d centres decoded and built in %v; the network keeps %.0f MB of heap, the process reserved %.0f MB at most",
		float64(size)/1e6, n.NumCentres(), elapsed, float64(live)/1e6, float64(after.HeapSys)/1e6)
	if live > size {
		t.Errorf("the decoded network keeps %d bytes of heap, more than the %d bytes of its document", live, size)
	}
	runtime.KeepAlive(n)
}

func TestDecodeEmptyKey(t *testing.T) {
	for _, doc := range []string{
		edit(t, `"city": "Paris"`, `"city": "Paris", "": 1`),
		edit(t, `"city": "Paris"`, `"city": "Paris", ""  : 1`),
	} {
		_, err := network.Decode(strings.NewReader(doc))
		if want := `establishments[0] (id "hex"): unknown field ""`; err == nil || err.Error() != want {
			t.Errorf("Decode() = %v, want %s", err, want)
		}
	}
}
