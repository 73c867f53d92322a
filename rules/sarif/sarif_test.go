package sarif_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/sarif"
)

// report is a report as an audit of a file gives it: evidence located.
func report() rules.Report {
	return rules.NewReport(labelling.MustParseDate("2020-01-01"), []rules.Finding{
		{Rule: "label.overlap", Severity: rules.Violation, Subject: "crmr-a", SubjectKind: rules.SubjectCentre,
			Message: "two labels overlap", Evidence: []rules.Evidence{
				{Kind: rules.EvidenceLabel, ID: "crmr-a", Pointer: "/centres/1/labels/0", Line: 10, Column: 8},
				{Kind: rules.EvidenceLabel, ID: "crmr-a", Pointer: "/centres/1/labels/1", Line: 11, Column: 8},
			}},
		{Rule: "platform.single-centre-host", Severity: rules.Advice, Subject: "pemr-b", SubjectKind: rules.SubjectPlatform,
			Message: "one centre", Evidence: []rules.Evidence{{Kind: rules.EvidencePlatform, ID: "pemr-b", Pointer: "/platforms/0", Line: 30, Column: 5}}},
		{Rule: "coverage.region-without-centre", Severity: rules.Info, Subject: "94", SubjectKind: rules.SubjectRegion, Group: 3,
			Message: "no centre"},
		{Rule: "user.rule", Severity: rules.Info, Subject: "x", Message: "not in the run's rules"},
	})
}

func write(t *testing.T, r rules.Report, document string) sarif.Log {
	t.Helper()
	var buf bytes.Buffer
	if err := sarif.Write(&buf, r, rules.Catalogue(), document); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	var log sarif.Log
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("the log does not read back: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("header: %q %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	return log
}

func TestWriteDocument(t *testing.T) {
	log := write(t, report(), "in/my network.json")
	run := log.Runs[0]
	if n := len(run.Tool.Driver.Rules); n != len(rules.Catalogue()) {
		t.Errorf("%d rules, want the catalogue's %d", n, len(rules.Catalogue()))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Help == nil || !strings.HasPrefix(r.Help.Text, "Source: ") || r.ShortDescription.Text == "" {
			t.Errorf("rule %s lacks its title or source: %+v", r.ID, r)
		}
	}
	const uri = "in/my%20network.json"
	if len(run.Artifacts) != 1 || run.Artifacts[0].Location.URI != uri {
		t.Errorf("artifacts = %+v, want %s", run.Artifacts, uri)
	}
	var got []string
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d names %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
		line := fmt.Sprintf("%s %s %q", res.RuleID, res.Level, res.Message.Text)
		for _, loc := range append(res.Locations, res.RelatedLocations...) {
			if p := loc.PhysicalLocation; p != nil {
				line += fmt.Sprintf(" %s:%d:%d", p.ArtifactLocation.URI, p.Region.StartLine, p.Region.StartColumn)
			}
			for _, l := range loc.LogicalLocations {
				line += fmt.Sprintf(" [%s %s %s]", l.Kind, l.Name, l.FullyQualifiedName)
			}
		}
		got = append(got, line)
	}
	want := []string{
		`label.overlap error "two labels overlap" ` + uri + `:10:8 [label crmr-a /centres/1/labels/0] ` + uri + `:11:8 [label crmr-a /centres/1/labels/1]`,
		`platform.single-centre-host warning "one centre" ` + uri + `:30:5 [platform pemr-b /platforms/0]`,
		`coverage.region-without-centre note "no centre" [region 94 ]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if rel := run.Results[0].RelatedLocations; len(rel) != 1 || rel[0].ID == nil || *rel[0].ID != 1 || rel[0].Message == nil {
		t.Errorf("related locations = %+v, want one with an id and a message", rel)
	}
}

// TestWriteNoDocument: a report on a network that was not read from a
// file (the embedded one) has logical locations only.
func TestWriteNoDocument(t *testing.T) {
	log := write(t, report(), "")
	run := log.Runs[0]
	if len(run.Artifacts) != 0 || len(run.Results) != 3 {
		t.Fatalf("%d artifacts, %d results", len(run.Artifacts), len(run.Results))
	}
	for _, res := range run.Results {
		if len(res.RelatedLocations) != 0 || len(res.Locations) != 1 || res.Locations[0].PhysicalLocation != nil {
			t.Errorf("result %s: locations %+v, related %+v", res.RuleID, res.Locations, res.RelatedLocations)
		}
	}
	if l := run.Results[0].Locations[0].LogicalLocations; len(l) != 3 || l[0].Name != "crmr-a" || l[2].FullyQualifiedName != "/centres/1/labels/1" {
		t.Errorf("logical locations = %+v, want the subject and both labels", l)
	}
	if empty := write(t, rules.Report{At: labelling.MustParseDate("2020-01-01")}, ""); empty.Runs[0].Results == nil {
		t.Error("an empty report has null results, want []")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteError(t *testing.T) {
	if err := sarif.Write(failWriter{}, report(), rules.Catalogue(), ""); err == nil {
		t.Error("a failing writer: no error")
	}
}

func ExampleWrite() {
	r := rules.NewReport(labelling.MustParseDate("2020-01-01"), []rules.Finding{{
		Rule: "platform.single-centre-host", Severity: rules.Advice, Subject: "pemr-b", SubjectKind: rules.SubjectPlatform,
		Message:  "expertise platform hosted by chu-b, the seat of only one centre in force",
		Evidence: []rules.Evidence{{Kind: rules.EvidencePlatform, ID: "pemr-b", Pointer: "/platforms/0", Line: 30, Column: 5}},
	}})
	var buf bytes.Buffer
	if err := sarif.Write(&buf, r, rules.Catalogue(), "network.json"); err != nil {
		fmt.Println(err)
		return
	}
	var log sarif.Log
	json.Unmarshal(buf.Bytes(), &log)
	res := log.Runs[0].Results[0]
	p := res.Locations[0].PhysicalLocation
	fmt.Println(res.RuleID, res.Level, p.ArtifactLocation.URI, p.Region.StartLine)
	// Output: platform.single-centre-host warning network.json 30
}
