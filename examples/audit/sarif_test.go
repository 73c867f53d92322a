package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/sarif"
)

// TestSARIF checks the SARIF log against what FORMAT.md promises and the
// parts of the SARIF 2.1.0 schema it uses (CI also validates it with the
// SARIF Multitool, see .ci/run): one run, the catalogue as the tool's
// rules, one result per finding with its level, the first evidence record
// as the physical location in the audited file (line and column of the
// record), the others as related locations.
func TestSARIF(t *testing.T) {
	json1 := runAudit(t, "", "-network", "testdata/findings.json", "-format", "json")
	var rep struct {
		Findings []rules.Finding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(json1.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	r := runAudit(t, "", "-network", "testdata/findings.json", "-format", "sarif")
	if r.code != exitFindings {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	log := decodeSARIF(t, r.stdout)
	run := log.Runs[0]
	var ids []string
	for _, x := range run.Tool.Driver.Rules {
		ids = append(ids, x.ID)
		if x.ShortDescription.Text == "" || x.Help == nil || !strings.HasPrefix(x.Help.Text, "Source: ") {
			t.Errorf("rule %s: no title or no source as help: %+v", x.ID, x)
		}
	}
	var want []string
	for _, x := range rules.Catalogue() {
		want = append(want, x.ID())
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("tool.driver.rules differ from the catalogue (-want +got):\n%s", diff)
	}
	if len(run.Results) != len(rep.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(rep.Findings))
	}
	levels := map[rules.Severity]string{rules.Violation: "error", rules.Advice: "warning", rules.Info: "note"}
	for i, res := range run.Results {
		f := rep.Findings[i]
		if res.RuleID != f.Rule || ids[res.RuleIndex] != f.Rule || res.Level != levels[f.Severity] || res.Message.Text != f.Message {
			t.Errorf("result %d = %+v, want the finding %+v", i, res, f)
		}
		if len(res.Locations) != 1 || len(res.RelatedLocations) != len(f.Evidence)-1 {
			t.Fatalf("result %d: %d locations, %d related, for %d evidence records", i, len(res.Locations), len(res.RelatedLocations), len(f.Evidence))
		}
		for k, loc := range append(res.Locations, res.RelatedLocations...) {
			e := f.Evidence[k]
			p := loc.PhysicalLocation
			if p == nil || p.ArtifactLocation.URI != "testdata/findings.json" || p.Region == nil ||
				p.Region.StartLine != e.Line || p.Region.StartColumn != e.Column || e.Line < 1 || e.Column < 1 {
				t.Errorf("result %d, location %d = %+v, want line %d column %d of testdata/findings.json", i, k, p, e.Line, e.Column)
			}
			if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != e.Pointer {
				t.Errorf("result %d, location %d: logical location %+v, want pointer %s", i, k, loc.LogicalLocations, e.Pointer)
			}
		}
	}

	// The embedded network, coverage included: logical locations only.
	r = runAudit(t, "", "-at", "2024-06-01", "-coverage", "-format", "sarif", "-fail-on", "never")
	log = decodeSARIF(t, r.stdout)
	if len(log.Runs[0].Results) == 0 || len(log.Runs[0].Artifacts) != 0 {
		t.Fatalf("embedded: %d results, artifacts %v", len(log.Runs[0].Results), log.Runs[0].Artifacts)
	}
	for _, res := range log.Runs[0].Results {
		for _, loc := range append(res.Locations, res.RelatedLocations...) {
			if loc.PhysicalLocation != nil || len(loc.LogicalLocations) == 0 {
				t.Fatalf("embedded: result %s has location %+v, want logical locations only", res.RuleID, loc)
			}
		}
	}
}

// decodeSARIF decodes a log strictly and checks the fields the schema
// requires.
func decodeSARIF(t *testing.T, s string) sarif.Log {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	var log sarif.Log
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF output does not decode: %v", err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("SARIF header: version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	for _, res := range log.Runs[0].Results {
		if res.Message.Text == "" || len(res.Locations) == 0 {
			t.Errorf("result %+v: no message or no location", res)
		}
	}
	return log
}

// TestExplain checks that -explain lists the evidence under each finding,
// with the lines of the records in the file read.
func TestExplain(t *testing.T) {
	r := runAudit(t, "", "-network", "testdata/findings.json", "-explain")
	doc, err := os.ReadFile("testdata/findings.json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(doc), "\n")
	n := 0
	for _, l := range strings.Split(r.stdout, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "evidence: ") {
			continue
		}
		n++
		var kind, id, ptr string
		var line, col int
		if _, err := fmtSscanf(l, &kind, &id, &ptr, &line, &col); err != nil {
			t.Fatalf("evidence line %q: %v", l, err)
		}
		if line < 1 || line > len(lines) || !strings.Contains(lines[line-1], `"`) || col < 1 || lines[line-1][col-1] != '{' {
			t.Errorf("evidence %q: line %d column %d is not a record's opening brace", l, line, col)
		}
	}
	if n < 4 {
		t.Errorf("-explain printed %d evidence lines, want one at least per finding:\n%s", n, r.stdout)
	}
}

func fmtSscanf(l string, kind, id, ptr *string, line, col *int) (int, error) {
	return fmt.Sscanf(l, "evidence: %s %s at %s (line %d, column %d)", kind, id, ptr, line, col)
}
