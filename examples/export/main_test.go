package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/examples/internal/readme"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/csvtable"
	"github.com/rarenet/rarenet/network/fhir"
	"github.com/rarenet/rarenet/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const example = "testdata/example.json"

// runExport runs the program and returns its exit status and outputs.
func runExport(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// golden compares got with the file testdata/name, rewritten with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func decodeFile(t *testing.T, name string) *network.Network {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := network.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func encode(t *testing.T, n *network.Network) string {
	t.Helper()
	var b bytes.Buffer
	if err := network.Encode(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestJSON(t *testing.T) {
	code, out, errOut := runExport(t, "", "-network", example)
	if code != exitOK || errOut != "" {
		t.Fatalf("export -network %s = %d, stderr %q", example, code, errOut)
	}
	if want := encode(t, decodeFile(t, example)); out != want {
		t.Errorf("export wrote (-want +got):\n%s", cmp.Diff(want, out))
	}
	// Exporting the export gives it back.
	code, again, _ := runExport(t, out, "-network", "-", "-format", "json")
	if code != exitOK || again != out {
		t.Errorf("export -network - of the export = %d, changed: %v", code, again != out)
	}
}

func TestJSONAt(t *testing.T) {
	code, out, errOut := runExport(t, "", "-network", example, "-at", "2012-06-01")
	if code != exitOK {
		t.Fatalf("export -at = %d, stderr %q", code, errOut)
	}
	n, err := network.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the snapshot does not decode: %v", err)
	}
	var ids []network.CentreID
	for c := range n.Centres() {
		ids = append(ids, c.ID)
	}
	// In 2012 only the 2008 competence label was in force; the convention
	// (2018) was not running yet.
	if !slices.Equal(ids, []network.CentreID{"ccmr-exemple"}) || n.Stats().Conventions != 0 || n.Stats().Labels != 1 {
		t.Errorf("snapshot of 2012 = centres %v, stats %+v; want ccmr-exemple alone with one label", ids, n.Stats())
	}
	// The snapshot less what no centre in force needs: the team of the
	// reference centre goes; its hospital stays, as the platform's host.
	snap := decodeFile(t, example).Snapshot(labelling.MustParseDate("2012-06-01"))
	var teams, estabs []string
	for tm := range n.Teams() {
		teams = append(teams, string(tm.ID))
	}
	for e := range n.Establishments() {
		estabs = append(estabs, string(e.ID))
	}
	if diff := cmp.Diff([]string{"hus-ophtalmologie"}, teams); diff != "" {
		t.Errorf("export -at teams mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"hex", "hus"}, estabs); diff != "" {
		t.Errorf("export -at establishments mismatch (-want +got):\n%s", diff)
	}
	if got, want := n.Stats().Filieres, snap.Stats().Filieres; got != want {
		t.Errorf("export -at kept %d sectors, want all %d", got, want)
	}
}

// TestJSONAtEmbedded: on the embedded network, -at keeps only the teams of
// the centres in force, and what it leaves out changes no finding: auditing
// the export on that day gives the audit of the snapshot on that day.
func TestJSONAtEmbedded(t *testing.T) {
	code, out, errOut := runExport(t, "", "-at", "2019-06-01")
	if code != exitOK {
		t.Fatalf("export -at = %d, stderr %q", code, errOut)
	}
	n, err := network.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the export does not decode: %v", err)
	}
	at := labelling.MustParseDate("2019-06-01")
	for tm := range n.Teams() {
		if len(slices.Collect(n.CentresOfTeam(tm.ID))) == 0 {
			t.Errorf("export -at keeps team %s, which holds no centre in force", tm.ID)
		}
	}
	if got, all := n.Stats().Teams, network.National().Stats().Teams; got >= all {
		t.Errorf("export -at kept %d teams of %d", got, all)
	}
	want, err := rules.Check(network.National().Snapshot(at), at, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got, err := rules.Check(n, at, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	key := func(r rules.Report) []rules.FindingKey {
		var ks []rules.FindingKey
		for _, f := range r.Findings() {
			ks = append(ks, f.Key())
		}
		return ks
	}
	if diff := cmp.Diff(key(want), key(got)); diff != "" {
		t.Errorf("audit of export -at differs from the audit of the snapshot (-snapshot +export):\n%s", diff)
	}
}

func TestCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tables")
	code, out, errOut := runExport(t, "", "-network", example, "-format", "csv", "-dir", dir)
	if code != exitOK || out != "" || errOut != "" {
		t.Fatalf("export -format csv = %d, stdout %q, stderr %q", code, out, errOut)
	}
	names := csvtable.Names()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Errorf("%s is not valid CSV: %v", name, err)
		}
		if (len(rows) < 2 && name != csvtable.Events) || rows[0][0] == "" {
			t.Errorf("%s has %d rows, want a header and data", name, len(rows))
		}
		golden(t, filepath.Join("csv", name), b)
	}
	// The same network gives the same bytes.
	dir2 := t.TempDir()
	runExport(t, "", "-network", example, "-format", "csv", "-dir", dir2)
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(dir2, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestFromCSV reads back the tables -format csv wrote: the document is the
// same.
func TestFromCSV(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runExport(t, "", "-network", example, "-format", "csv", "-dir", dir); code != exitOK {
		t.Fatalf("export -format csv: %s", errOut)
	}
	code, out, errOut := runExport(t, "", "-from-csv", dir)
	if code != exitOK || errOut != "" {
		t.Fatalf("export -from-csv = %d, stderr %q", code, errOut)
	}
	if want := encode(t, decodeFile(t, example)); out != want {
		t.Errorf("export -from-csv differs from the document:\n%s", cmp.Diff(want, out))
	}
	// An edit that breaks a table is reported at its line and column.
	path := filepath.Join(dir, csvtable.Centres)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte(",12,"), []byte(",19,"), 1), 0o644)
	code, _, errOut = runExport(t, "", "-from-csv", dir)
	want := "export: " + dir + "/centres.csv:2: row 1 (id \"ccmr-exemple\"): column group: \"19\" is not a group (1 to 17)\n"
	if code != exitUsage || errOut != want {
		t.Errorf("export -from-csv of a bad table = %d, stderr %q; want %q", code, errOut, want)
	}
	if code, _, errOut := runExport(t, "", "-from-csv", dir, "-network", example); code != exitUsage || !strings.Contains(errOut, "give one") {
		t.Errorf("-from-csv with -network = %d, %q", code, errOut)
	}
}

func TestFHIR(t *testing.T) {
	code, out, errOut := runExport(t, "", "-network", example, "-format", "fhir", "-date", "2020-06-15")
	if code != exitOK || errOut != "" {
		t.Fatalf("export -format fhir = %d, stderr %q", code, errOut)
	}
	if err := fhir.Check([]byte(out)); err != nil {
		t.Errorf("Check: %v", err)
	}
	golden(t, "example.fhir.json", []byte(out))
	// Without -date, the -at date, else today.
	defer func(f func() labelling.Date) { today = f }(today)
	today = func() labelling.Date { return labelling.MustParseDate("2020-06-15") }
	if _, again, _ := runExport(t, "", "-network", example, "-format", "fhir"); again != out {
		t.Error("-format fhir without -date does not take today")
	}
	if code, _, errOut := runExport(t, "", "-date", "2020-06-15"); code != exitUsage || !strings.Contains(errOut, "only -format fhir and geojson") {
		t.Errorf("-date without -format fhir = %d, %q", code, errOut)
	}
}

func TestGeoJSON(t *testing.T) {
	code, out, errOut := runExport(t, "", "-format", "geojson", "-date", "2024-06-01")
	if code != exitOK || errOut != "" {
		t.Fatalf("export -format geojson = %d, stderr %q", code, errOut)
	}
	var fc struct {
		Type        string
		Attribution string
		Features    []struct{ Geometry struct{ Type string } }
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range fc.Features {
		kinds[f.Geometry.Type]++
	}
	located := 0
	for e := range network.National().Establishments() {
		if e.Location.Known {
			located++
		}
	}
	if fc.Type != "FeatureCollection" || kinds["Point"] != located || kinds["Polygon"]+kinds["MultiPolygon"] != 13 || !strings.Contains(fc.Attribution, "IGN") {
		t.Errorf("collection %q with %v features, attribution %q; want %d points and 13 regions", fc.Type, kinds, fc.Attribution, located)
	}
}

func TestDot(t *testing.T) {
	code, out, errOut := runExport(t, "", "-network", example, "-format", "dot")
	if code != exitOK || errOut != "" {
		t.Fatalf("export -format dot = %d, stderr %q", code, errOut)
	}
	golden(t, "example.dot", []byte(out))
	for _, want := range []string{
		`"filiere:SENSGENE" [shape=folder, label="SENSGENE\nMaladies rares sensorielles"];`,
		`"centre:crmr-exemple" -> "centre:ccmr-exemple" [label="conv-1"];`,
		`"filiere:SENSGENE" -> "centre:crmr-exemple" [color=gray];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dot output lacks %s", want)
		}
	}
}

func TestDotQuoting(t *testing.T) {
	doc := `{"format": "rarenet/1",
	 "establishments": [{"id": "e", "name": "E", "region": "11"}],
	 "teams": [{"id": "t", "establishment": "e"}],
	 "centres": [
	  {"id": "a\"b\\c", "name": "quote \" and \\ backslash", "tier": "reference", "role": "coordinating", "group": 1, "team": "t"},
	  {"id": "d", "name": "D", "tier": "reference", "role": "constitutive", "coordinating_site": "a\"b\\c", "group": 1, "team": "t"}]}`
	code, out, errOut := runExport(t, doc, "-network", "-", "-format", "dot")
	if code != exitOK {
		t.Fatalf("export = %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		`"centre:a\"b\\c" [shape=box, style=bold, label="a\"b\\c\nquote \" and \\ backslash\ncrmr, group 1"];`,
		`"centre:d" -> "centre:a\"b\\c" [style=dotted, label="site of"];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dot output lacks %s\n%s", want, out)
		}
	}
}

func TestEmbedded(t *testing.T) {
	code, out, errOut := runExport(t, "")
	if code != exitOK || errOut != "" {
		t.Fatalf("export = %d, stderr %q", code, errOut)
	}
	n, err := network.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the export of the embedded network does not decode: %v", err)
	}
	if diff := cmp.Diff(encode(t, network.National()), encode(t, n)); diff != "" {
		t.Errorf("the export differs from the embedded network (-want +got):\n%s", diff)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml"}, `export: -format: "xml" is not a format (json, csv, dot, fhir or geojson)`},
		{[]string{"-at", "2017-13-01"}, `export: -at: "2017-13-01" is not a date (YYYY-MM-DD)`},
		{[]string{"-at", "yesterday"}, `-at: "yesterday" is not a date`},
		{[]string{"-dir", "out"}, `export: -dir: only -format csv writes into a directory`},
		{[]string{"extra"}, `export: unexpected argument "extra"`},
		{[]string{"-colour"}, `flag provided but not defined: -colour`},
		{[]string{"-network", "testdata/missing.json"}, `export: open testdata/missing.json: no such file or directory`},
		{[]string{"-network", "testdata/bad.json"}, `export: testdata/bad.json: centres[0] (id "ccmr-x"): labels[0].start: "2017-13-01" is not a date`},
		{[]string{"-network", "testdata/bad.json"}, `export: testdata/bad.json: centres[0] (id "ccmr-x"): team: no team has the ID "nowhere"`},
		{[]string{"-network", "-"}, `export: standard input: document: invalid JSON at line 1, column 1: unexpected end of input`},
		{[]string{"-network", example, "-format", "csv", "-dir", "testdata/example.json"}, `export: mkdir testdata/example.json: not a directory`},
	}
	for _, tt := range tests {
		code, out, errOut := runExport(t, "", tt.args...)
		if code != exitUsage {
			t.Errorf("export %q = %d, want %d", tt.args, code, exitUsage)
		}
		if out != "" {
			t.Errorf("export %q wrote %q on standard output", tt.args, out)
		}
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("export %q stderr =\n%s\nwant it to contain %q", tt.args, errOut, tt.want)
		}
	}
}

func TestHelp(t *testing.T) {
	code, _, errOut := runExport(t, "", "-h")
	if code != exitOK || !strings.Contains(errOut, "-format") {
		t.Errorf("export -h = %d, stderr %q; want 0 and the flags", code, errOut)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteError(t *testing.T) {
	var errOut bytes.Buffer
	code := run([]string{"-network", example}, strings.NewReader(""), failingWriter{}, &errOut)
	if code != exitUsage || !strings.Contains(errOut.String(), "export: writing standard output: file already closed") {
		t.Errorf("export to a failing writer = %d, stderr %q", code, errOut.String())
	}
}

// TestREADME runs every command of README.md that runs this program and
// checks the output the README shows, standard error after standard output
// as a terminal shows them ("..." stands for lines left out).
func TestREADME(t *testing.T) {
	readme.Check(t, "../../README.md", "export", func(args ...string) (int, string, string) {
		code, out, errOut := runExport(t, "", args...)
		return code, out + errOut, errOut
	})
}
