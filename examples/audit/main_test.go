package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixedNow is the clock of the tests: 1 June 2022.
func fixedNow() time.Time { return time.Date(2022, 6, 1, 15, 4, 5, 0, time.UTC) }

type result struct {
	code           int
	stdout, stderr string
}

func runAudit(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut, fixedNow)
	return result{code, out.String(), errOut.String()}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean network", []string{"-network", "testdata/clean.json"}, 0},
		{"clean network, fail on info", []string{"-network", "testdata/clean.json", "-fail-on", "info"}, 0},
		{"a violation fails by default", []string{"-network", "testdata/findings.json"}, 1},
		{"fail on advice", []string{"-network", "testdata/findings.json", "-fail-on", "advice"}, 1},
		{"never fail", []string{"-network", "testdata/findings.json", "-fail-on", "never"}, 0},
		{"advice only, failing on violation", []string{"-network", "testdata/findings.json", "-skip", "competence.min-active-file"}, 0},
		{"advice only, failing on advice", []string{"-network", "testdata/findings.json", "-skip", "competence.min-active-file", "-fail-on", "advice"}, 1},
		{"info only, failing on advice", []string{"-network", "testdata/clean.json", "-at", "2023-06-01", "-rules", "label.lapsed", "-fail-on", "advice"}, 0},
		{"info only, failing on info", []string{"-network", "testdata/clean.json", "-at", "2023-06-01", "-rules", "label.lapsed", "-fail-on", "info"}, 1},
		{"embedded network", []string{"-at", "2024-06-01", "-fail-on", "never"}, 0},
		{"bad -fail-on", []string{"-network", "testdata/clean.json", "-fail-on", "warning"}, 2},
		{"bad -format", []string{"-network", "testdata/clean.json", "-format", "xml"}, 2},
		{"bad -at", []string{"-network", "testdata/clean.json", "-at", "1/6/2022"}, 2},
		{"unknown flag", []string{"-netwrok", "testdata/clean.json"}, 2},
		{"extra argument", []string{"-network", "testdata/clean.json", "extra"}, 2},
		{"unknown rule", []string{"-network", "testdata/clean.json", "-rules", "label.overlaps"}, 2},
		{"bad pattern", []string{"-network", "testdata/clean.json", "-skip", "*.gap"}, 2},
		{"missing file", []string{"-network", "testdata/no-such-file.json"}, 2},
		{"help (on standard error)", []string{"-h"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runAudit(t, "", tc.args...)
			if r.code != tc.want {
				t.Errorf("run(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, r.code, tc.want, r.stdout, r.stderr)
			}
			if r.code == 2 && r.stdout != "" {
				t.Errorf("run(%q) wrote to stdout on error:\n%s", tc.args, r.stdout)
			}
			if r.code != 2 && r.stderr != "" && !strings.HasPrefix(tc.name, "help") {
				t.Errorf("run(%q) wrote to stderr without an error:\n%s", tc.args, r.stderr)
			}
		})
	}
}

// TestBadInput checks that malformed documents give exit status 2 and an
// error that names the file, the entity and the field, and quotes the
// value, with no stack trace and nothing on standard output.
func TestBadInput(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings of stderr
	}{
		{"testdata/bad-date.json", []string{"testdata/bad-date.json: ", `centres[0] (id "ccmr-x")`, "labels[0].start", `"2017-13-01"`}},
		{"testdata/unknown-field.json", []string{"testdata/unknown-field.json: ", `establishments[0] (id "chu-a")`, `"colour"`}},
		{"testdata/dangling.json", []string{"testdata/dangling.json: ", `teams[0] (id "t")`, "establishment", `"chu-z"`, "group", "18"}},
		{"testdata/not-json.json", []string{"testdata/not-json.json: ", "JSON"}},
		{"testdata/truncated.json", []string{"testdata/truncated.json: ", "JSON"}},
		{"testdata/empty.json", []string{"testdata/empty.json: "}},
		{"testdata/no-such-file.json", []string{"testdata/no-such-file.json"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r := runAudit(t, "", "-network", tc.file)
			if r.code != 2 {
				t.Fatalf("run(-network %s) = %d, want 2; stderr:\n%s", tc.file, r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr holds a stack trace:\n%s", r.stderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
				if !strings.HasPrefix(line, "audit: ") {
					t.Errorf("stderr line %q does not start with \"audit: \"", line)
				}
			}
		})
	}
}

func TestStdin(t *testing.T) {
	doc, err := os.ReadFile("testdata/findings.json")
	if err != nil {
		t.Fatal(err)
	}
	r := runAudit(t, string(doc), "-network", "-", "-format", "json")
	if r.code != 1 {
		t.Fatalf("run(-network -) = %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	var got struct{ Network string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Network != "-" {
		t.Errorf(`"network" = %q, want "-"`, got.Network)
	}
	r = runAudit(t, "{", "-network", "-")
	if r.code != 2 || !strings.HasPrefix(r.stderr, "audit: standard input: ") {
		t.Errorf("run(-network -) on bad input = %d, stderr %q; want 2 and the input named", r.code, r.stderr)
	}
}

// report is FORMAT.md's JSON report, decoded loosely to check its shape.
type report struct {
	At       string           `json:"at"`
	Network  string           `json:"network"`
	Findings []map[string]any `json:"findings"`
	Summary  map[string]int   `json:"summary"`
}

func TestJSONShape(t *testing.T) {
	r := runAudit(t, "", "-network", "testdata/findings.json", "-format", "json", "-fail-on", "never")
	if r.code != 0 {
		t.Fatalf("run = %d; stderr:\n%s", r.code, r.stderr)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &top); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	for _, k := range []string{"at", "network", "findings", "summary"} {
		if _, ok := top[k]; !ok {
			t.Errorf("report has no %q: keys %v", k, keys)
		}
	}
	if len(top) != 4 {
		t.Errorf("report keys = %v, want at, network, findings, summary", keys)
	}
	var rep report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.At != "2022-06-01" || rep.Network != "testdata/findings.json" {
		t.Errorf("at, network = %q, %q; want 2022-06-01, testdata/findings.json", rep.At, rep.Network)
	}
	want := map[string]int{"violation": 1, "advice": 3, "info": 0}
	if diff := cmp.Diff(want, rep.Summary); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	allowed := map[string]bool{"rule": true, "severity": true, "subject": true, "subject_kind": true,
		"year": true, "date": true, "group": true, "message": true, "source": true,
		"evidence": true, "evidence_more": true}
	var rules []string
	for _, f := range rep.Findings {
		for k, v := range f {
			if !allowed[k] {
				t.Errorf("finding has unknown key %q", k)
			}
			if (v == nil || v == "" || v == float64(0)) && k != "evidence_more" {
				t.Errorf("finding %v: zero value of %q not omitted", f["rule"], k)
			}
		}
		for _, k := range []string{"rule", "severity", "subject", "subject_kind", "message", "source"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %v has no %q", f["rule"], k)
			}
		}
		rules = append(rules, f["rule"].(string))
	}
	wantRules := []string{"competence.min-active-file", "competence.activity-missing", "convention.missing-cosignatory", "platform.single-centre-host"}
	if diff := cmp.Diff(wantRules, rules); diff != "" {
		t.Errorf("findings (in report order) mismatch (-want +got):\n%s", diff)
	}
	if f := rep.Findings[0]; f["year"] != float64(2019) || f["group"] != float64(12) || f["severity"] != "violation" {
		t.Errorf("first finding = %v, want year 2019, group 12, violation", f)
	}

	// No findings: [] and a summary with all three keys.
	r = runAudit(t, "", "-network", "testdata/clean.json", "-format", "json")
	if !strings.Contains(r.stdout, `"findings": []`) {
		t.Errorf("clean report has no empty findings list:\n%s", r.stdout)
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"violation": 0, "advice": 0, "info": 0}, rep.Summary); diff != "" {
		t.Errorf("clean summary mismatch (-want +got):\n%s", diff)
	}

	// The embedded network is named "embedded".
	r = runAudit(t, "", "-format", "json", "-fail-on", "never", "-at", "2024-06-01")
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Network != "embedded" {
		t.Errorf(`"network" = %q, want "embedded"`, rep.Network)
	}
}

func TestRulePatterns(t *testing.T) {
	rulesOf := func(args ...string) []string {
		t.Helper()
		r := runAudit(t, "", append([]string{"-network", "testdata/findings.json", "-format", "json", "-fail-on", "never"}, args...)...)
		if r.code != 0 {
			t.Fatalf("run(%q) = %d; stderr:\n%s", args, r.code, r.stderr)
		}
		var rep report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range rep.Findings {
			out = append(out, f["rule"].(string))
		}
		return out
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"-rules", "competence.*"}, []string{"competence.min-active-file", "competence.activity-missing"}},
		{[]string{"-rules", "competence.min-active-file, platform.*"}, []string{"competence.min-active-file", "platform.single-centre-host"}},
		{[]string{"-skip", "competence.*,convention.*"}, []string{"platform.single-centre-host"}},
		{[]string{"-rules", "competence.*", "-skip", "competence.activity-missing"}, []string{"competence.min-active-file"}},
		{[]string{"-rules", "label.*"}, nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, rulesOf(tc.args...)); diff != "" {
			t.Errorf("run(%q) rules mismatch (-want +got):\n%s", tc.args, diff)
		}
	}
	// Coverage: off by default, on with -coverage or when named.
	count := func(args ...string) int {
		n := 0
		for _, r := range rulesOf(args...) {
			if r == "coverage.region-without-centre" {
				n++
			}
		}
		return n
	}
	if n := count(); n != 0 {
		t.Errorf("coverage findings without -coverage = %d, want 0", n)
	}
	if n := count("-coverage"); n != 18*17-2 {
		t.Errorf("coverage findings with -coverage = %d, want %d", n, 18*17-2)
	}
	if n := count("-rules", "coverage.region-without-centre"); n != 18*17-2 {
		t.Errorf("coverage findings when named = %d, want %d", n, 18*17-2)
	}
	if n := count("-coverage", "-skip", "coverage.*"); n != 0 {
		t.Errorf("coverage findings when skipped = %d, want 0", n)
	}
}

func TestDefaultDateIsToday(t *testing.T) {
	r := runAudit(t, "", "-network", "testdata/clean.json", "-format", "json")
	var rep report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.At != "2022-06-01" {
		t.Errorf(`"at" = %q, want the date of now(), 2022-06-01`, rep.At)
	}
}

func TestTextReport(t *testing.T) {
	r := runAudit(t, "", "-network", "testdata/findings.json")
	for _, w := range []string{
		"Audit at 2022-06-01: 4 findings (1 violation, 3 advice, 0 info).",
		"Violations (1)",
		"competence.min-active-file (1)",
		"centre ccmr-b: 2019: 24 patients followed, below the minimum active file of 25",
		"Advice (3)",
	} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("text report does not hold %q:\n%s", w, r.stdout)
		}
	}
}

// TestNoPanic runs the program on input that could trip a careless
// decoder or auditor: it must end with status 2 or a report, never a
// panic.
func TestNoPanic(t *testing.T) {
	inputs := []string{
		"", "null", "[]", "{}", `{"format": "rarenet/1"}`, `{"format": 1}`,
		`{"format":"rarenet/1","establishments":null,"teams":null,"centres":null}`,
		`{"format":"rarenet/1","establishments":[],"teams":[],"centres":[{"id":"x"}]}`,
		strings.Repeat("[", 100000),
		"\xff\xfe",
	}
	for _, in := range inputs {
		r := runAudit(t, in, "-network", "-")
		if r.code != 2 && r.code != 0 && r.code != 1 {
			t.Errorf("run on %.40q = %d", in, r.code)
		}
		if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "goroutine") {
			t.Errorf("run on %.40q: %s", in, r.stderr)
		}
	}
	// A panic inside run is recovered into one line and status 2.
	var out, errOut bytes.Buffer
	code := run([]string{"-network", "testdata/clean.json"}, strings.NewReader(""), &out, &errOut,
		func() time.Time { panic("clock broken\nsecond line") })
	if code != 2 || errOut.String() != "audit: internal error: clock broken\n" {
		t.Errorf("run with a panicking clock = %d, %q; want 2 and one line", code, errOut.String())
	}
}
