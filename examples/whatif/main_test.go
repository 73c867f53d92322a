package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata")

// runCmd runs the program with args and stdin, and returns its exit
// status, standard output and standard error.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

func TestEmbedded(t *testing.T) {
	code, out, errs := runCmd(t, "", "-at", "2024-06-01", "-vs", "2025-06-01")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	for _, want := range []string{"Scenario A: embedded on 2024-06-01, default configuration", "Scenario B: embedded on 2025-06-01", "What-if: "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCmd(t, "", "-at", "2024-06-01", "-set", "MinActiveFile=30", "-format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d, stderr: %s", code, errs)
	}
	var doc struct {
		A, B, Network         string
		Appeared, Disappeared []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.A != "2024-06-01" || doc.Network != "embedded" || len(doc.Disappeared) != 0 {
		t.Errorf("JSON output %v: %.300s", err, out)
	}
}

func TestUserDocument(t *testing.T) {
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"small-min30.txt", []string{"-network", "testdata/small.json", "-at", "2021-06-01", "-set", "MinActiveFile=30", "-rules", "competence.*"}},
		{"small-dates.txt", []string{"-network", "testdata/small.json", "-at", "2021-06-01", "-vs", "2023-06-01"}},
		{"small-equal.txt", []string{"-network", "testdata/small.json", "-at", "2021-06-01", "-coverage", "-skip", "coverage.*"}},
		{"small-min30.json", []string{"-network", "testdata/small.json", "-at", "2021-06-01", "-set", "minactivefile=30", "-set", "LabelTerm=6", "-rules", "competence.min-active-file", "-format", "json"}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			code, out, errs := runCmd(t, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, errs)
			}
			golden(t, tt.golden, out)
		})
	}
	doc, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, string(doc), "-network", "-", "-at", "2021-06-01", "-set", "Coverage=true", "-set", "FilieresSince=2030-01-01", "-set", "LowPrevalence=1-9/1000000", "-set", "DesignationDeadline=2008-01-01")
	if code != 0 || !strings.Contains(out, "Scenario B: standard input on 2021-06-01, default configuration but LowPrevalence=") || !strings.Contains(out, "coverage.region-without-centre") {
		t.Errorf("stdin: exit %d, stderr %s, stdout:\n%s", code, errs, out)
	}
}

func TestBadUsage(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stdin  string
		stderr string
	}{
		{[]string{"-at", "2024-13-01"}, "", "-at"},
		{[]string{"-vs", "yesterday"}, "", "-vs"},
		{[]string{"-set", "MinActiveFile"}, "", "NAME=VALUE"},
		{[]string{"-set", "MinActiveFile=many"}, "", "MinActiveFile=many"},
		{[]string{"-set", "Colour=red"}, "", "unknown setting"},
		{[]string{"-set", "LabelTerm=0"}, "", "scenario B"},
		{[]string{"-set", "Coverage=maybe"}, "", "Coverage=maybe"},
		{[]string{"-set", "LowPrevalence=often"}, "", "LowPrevalence=often"},
		{[]string{"-set", "FilieresSince=2015"}, "", "FilieresSince=2015"},
		{[]string{"-rules", "nope.*"}, "", "nope"},
		{[]string{"-format", "xml"}, "", "-format"},
		{[]string{"-network", "testdata/none.json"}, "", "testdata/none.json"},
		{[]string{"-network", "-"}, "{", "standard input"},
		{[]string{"extra"}, "", "unexpected argument"},
	} {
		code, out, errs := runCmd(t, tt.stdin, tt.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tt.stderr) {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want 2, nothing, an error naming %q", tt.args, code, out, errs, tt.stderr)
		}
	}
}
