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

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// The application files of package dossier's tests: a complete one, one
// failing each check, and the network they are cross-checked against.
const (
	lib      = "../../rules/dossier/testdata/"
	complete = lib + "complete.json"
	netDoc   = lib + "network.json"
)

func fail(check string) string { return lib + "fail/" + check + ".json" }

func runIt(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errs)
	return code, out.String(), errs.String()
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
		// rules the report must name (text output), or none
		rules []string
	}{
		{"complete", []string{"-file", complete}, 0, nil},
		{"complete, cross-checked", []string{"-file", complete, "-network", netDoc}, 0, nil},
		{"missing sections", []string{"-file", fail("section-missing")}, 1, []string{"dossier.section-missing"}},
		{"late deliberation", []string{"-file", fail("attachment-after-transmission")}, 1, []string{"dossier.attachment-after-transmission"}},
		{"advice only: passes by default", []string{"-file", fail("commitment-missing")}, 0, []string{"dossier.commitment-missing"}},
		{"advice only, -fail-on advice", []string{"-file", fail("commitment-missing"), "-fail-on", "advice"}, 1, []string{"dossier.commitment-missing"}},
		{"violation, -fail-on never", []string{"-file", fail("signature-missing"), "-fail-on", "never"}, 0, []string{"dossier.signature-missing"}},
		{"team already labelled, no network", []string{"-file", fail("team-already-labelled")}, 0, nil},
		{"team already labelled, network", []string{"-file", fail("team-already-labelled"), "-network", netDoc}, 1, []string{"dossier.team-already-labelled"}},
		{"lapsed reference centre, network", []string{"-file", fail("reference-not-labelled"), "-network", netDoc}, 1, []string{"dossier.reference-not-labelled"}},
		{"embedded network", []string{"-file", complete, "-embedded"}, 1, []string{"dossier.reference-not-labelled"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runIt(t, "", tc.args...)
			if code != tc.want {
				t.Errorf("run(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.want, out, errs)
			}
			if errs != "" {
				t.Errorf("run(%q) wrote to standard error:\n%s", tc.args, errs)
			}
			for _, r := range tc.rules {
				if !strings.Contains(out, "\n  "+r+" (") {
					t.Errorf("run(%q): the report does not name %s:\n%s", tc.args, r, out)
				}
			}
			if tc.rules == nil && !strings.Contains(out, "No findings.") {
				t.Errorf("run(%q): want no findings, got:\n%s", tc.args, out)
			}
		})
	}
}

// Every file of testdata/fail fails with its check, given the network.
func TestEveryFailFile(t *testing.T) {
	files, err := filepath.Glob(lib + "fail/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fail files: %v", err)
	}
	for _, file := range files {
		check := "dossier." + strings.TrimSuffix(filepath.Base(file), ".json")
		code, out, errs := runIt(t, "", "-file", file, "-network", netDoc, "-fail-on", "advice", "-format", "json")
		if code != 1 {
			t.Errorf("run(-file %s) = %d, want 1\n%s", file, code, errs)
		}
		var rep struct {
			Findings []struct{ Rule string }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("run(-file %s -format json): %v\n%s", file, err, out)
		}
		for _, f := range rep.Findings {
			if f.Rule != check {
				t.Errorf("run(-file %s) found %s, want only %s", file, f.Rule, check)
			}
		}
		if len(rep.Findings) == 0 {
			t.Errorf("run(-file %s) found nothing, want %s", file, check)
		}
	}
}

func TestJSON(t *testing.T) {
	code, out, _ := runIt(t, "", "-file", complete, "-format", "json")
	if code != 0 {
		t.Fatalf("run(complete, json) = %d", code)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("run(-format json) is not JSON: %v\n%s", err, out)
	}
	if fs, ok := rep["findings"].([]any); !ok || len(fs) != 0 {
		t.Errorf("findings = %v, want []", rep["findings"])
	}
	if _, ok := rep["network"]; ok {
		t.Errorf("network is set without a network: %v", rep["network"])
	}
	if rep["transmitted"] != "2007-10-30" || rep["applicant"] != "ccmr-sensoriel-exemple" || rep["group"] != 12.0 {
		t.Errorf("header = %v", rep)
	}
}

// Golden reports: the text and the JSON of two failing files.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"testdata/attachment-missing.txt.golden", []string{"-file", fail("attachment-missing")}},
		{"testdata/team-already-labelled.json.golden", []string{"-file", fail("team-already-labelled"), "-network", netDoc, "-format", "json"}},
	} {
		_, out, _ := runIt(t, "", tc.args...)
		if *update {
			if err := os.WriteFile(tc.golden, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(tc.golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if diff := cmp.Diff(string(want), out); diff != "" {
			t.Errorf("run(%q) mismatch with %s (-want +got):\n%s", tc.args, tc.golden, diff)
		}
	}
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(complete)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runIt(t, string(data), "-file", "-", "-network", netDoc)
	if code != 0 || !strings.Contains(out, "Application file standard input") {
		t.Errorf("run(-file -) = %d\n%s%s", code, out, errs)
	}
	net, err := os.ReadFile(netDoc)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs = runIt(t, string(net), "-file", complete, "-network", "-")
	if code != 0 || !strings.Contains(out, "cross-checked against the network standard input") {
		t.Errorf("run(-network -) = %d\n%s%s", code, out, errs)
	}
}

func TestBadInput(t *testing.T) {
	code, out, errs := runIt(t, "", "-file", "testdata/bad.json")
	if code != 2 || out != "" {
		t.Errorf("run(bad.json) = %d, stdout %q; want 2 and nothing", code, out)
	}
	for _, want := range []string{
		`dossier: testdata/bad.json: centre.responsible: name: unknown field`,
		`dossier: testdata/bad.json: centre.activity[1]: year: want an integer, got "2005"`,
		`dossier: testdata/bad.json: attachments[0]: date: "2007-13-01" is not a date`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("run(bad.json) standard error lacks %q:\n%s", want, errs)
		}
	}
	// A bad network document names the network file.
	dir := t.TempDir()
	badNet := filepath.Join(dir, "net.json")
	os.WriteFile(badNet, []byte(`{"format": "rarenet/1", "establishments": [], "teams": [], "centres": [{"id": "x"}]}`), 0o644)
	code, _, errs = runIt(t, "", "-file", complete, "-network", badNet)
	if code != 2 || !strings.Contains(errs, "dossier: "+badNet+": centres[0]") {
		t.Errorf("run(bad network) = %d\n%s", code, errs)
	}
	code, _, errs = runIt(t, "", "-file", filepath.Join(dir, "absent.json"))
	if code != 2 || !strings.Contains(errs, "absent.json") {
		t.Errorf("run(absent file) = %d\n%s", code, errs)
	}
	code, _, errs = runIt(t, "not json", "-file", "-")
	if code != 2 || !strings.Contains(errs, "dossier: standard input: not JSON") {
		t.Errorf("run(not JSON on stdin) = %d\n%s", code, errs)
	}
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-file", complete, "extra"},
		{"-file", complete, "-format", "xml"},
		{"-file", complete, "-fail-on", "warning"},
		{"-file", complete, "-network", netDoc, "-embedded"},
		{"-file", "-", "-network", "-"},
		{"-nope"},
	} {
		code, out, errs := runIt(t, "", args...)
		if code != 2 || out != "" || errs == "" {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want 2, nothing, an error", args, code, out, errs)
		}
	}
	if code, _, _ := runIt(t, "", "-h"); code != 0 {
		t.Errorf("run(-h) = %d, want 0", code)
	}
}
