package rules_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// TestFindingsGrowWithEntities checks RULES.md's bound: k centres of one
// team labelled twice for the same diseases, or one centre holding k
// identical labels, give exactly one finding whatever k, whose message
// lists at most five of them, and whose evidence holds at most five
// records and counts the others.
func TestFindingsGrowWithEntities(tt *testing.T) {
	rapid.Check(tt, func(t *rapid.T) {
		k := rapid.IntRange(2, 60).Draw(t, "k")
		tier := rapid.SampledFrom([]typology.Tier{typology.Reference, typology.Competence}).Draw(t, "tier")
		l := label("2018-01-01", "2023-01-01")
		var in net
		for i := range k {
			c := competence(fmt.Sprintf("c%02d", i), l)
			if tier == typology.Reference {
				c = coordinating(fmt.Sprintf("c%02d", i), l)
			}
			c.Team = "t-shared"
			in.centres = append(in.centres, c)
		}
		lone := competence("lone")
		for range k {
			lone.Labels = append(lone.Labels, l)
		}
		in.centres = append(in.centres, lone)
		n := in.build(tt)
		at := day("2020-06-01")
		for _, tc := range []struct{ rule, subject string }{
			{rules.TeamDuplicateLabel, "t-shared"},
			{rules.LabelOverlap, "lone"},
		} {
			fs := findingsOf(tt, n, at, rules.DefaultConfig(), tc.rule)
			if len(fs) != 1 || fs[0].Subject != tc.subject {
				t.Fatalf("k = %d: %s gave %d findings (%v), want exactly one on %s", k, tc.rule, len(fs), briefs(fs), tc.subject)
			}
			f := fs[0]
			if len(f.Evidence) != min(k, 5) || f.EvidenceMore != k-min(k, 5) {
				t.Fatalf("k = %d: %s: %d evidence records and %d more, want %d and %d", k, tc.rule, len(f.Evidence), f.EvidenceMore, min(k, 5), k-min(k, 5))
			}
			if k > 5 && tc.rule == rules.TeamDuplicateLabel && !strings.Contains(f.Message, fmt.Sprintf("and %d more", k-5)) {
				t.Fatalf("k = %d: message %q does not bound its list", k, f.Message)
			}
			if len(f.Message) > 600 {
				t.Fatalf("k = %d: %s message of %d bytes grows with k", k, tc.rule, len(f.Message))
			}
		}
	})
}

// TestTextEscapesInput checks that no value can forge a line of the text
// reports: control characters in a subject or a message come out escaped
// (hostile-input row 7), in the audit report and in the what-if report,
// and so do characters that reorder or break a line (U+202E, the
// right-to-left override; U+2028, the line separator), which the builder
// takes in text. The builder refuses control characters in IDs and names;
// a user rule may still report them.
func TestTextEscapesInput(t *testing.T) {
	id := "ccmr-\x1b[2J\r\naudit: forged\u0085\u202e\u2028"
	forge, err := rules.NewRule("local.forge", rules.Violation, "Forge", "", func(c *rules.Context) {
		c.Report(rules.Finding{Subject: id, SubjectKind: rules.SubjectCentre, Message: "bad\nvalue " + id,
			Evidence: []rules.Evidence{{Kind: "centre", ID: id, Pointer: "/centres/0"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	n := net{centres: []network.Centre{competence("c")}}.build(t)
	r, err := rules.CheckRules(n, day("2020-06-01"), rules.DefaultConfig(), []rules.Rule{forge})
	if err != nil || r.Len() != 1 {
		t.Fatalf("CheckRules = %v, %v", r.Findings(), err)
	}
	var text bytes.Buffer
	if err := r.WriteTextEvidence(&text); err != nil {
		t.Fatal(err)
	}
	d := rules.CompareReports(rules.NewReport(r.At, []rules.Finding{}), r)
	if err := d.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(text.String(), "\n") {
		if strings.HasPrefix(line, "audit:") || strings.ContainsAny(line, "\x1b\r\u0085\u202e\u2028") {
			t.Fatalf("text report line %q holds a raw control character", line)
		}
	}
	if !strings.Contains(text.String(), `ccmr-\x1b[2J\r\naudit: forged\u0085\u202e\u2028`) {
		t.Errorf("the ID is not printed escaped:\n%s", text.String())
	}
}

// TestReportsAreTheCallersOwn checks that what a report gives is the
// caller's own: changing the findings read from one report (as a program
// may, to add lines to the evidence) changes neither a later read of that
// report nor a later report, even where the findings come from the
// network's cache.
func TestReportsAreTheCallersOwn(t *testing.T) {
	n := network.National()
	at := day("2024-06-01")
	a, err := rules.Check(n, at, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := rules.Check(n, at, rules.DefaultConfig())
	scribble := func(fs []rules.Finding) (touched int) {
		for i := range fs {
			for j := range fs[i].Evidence {
				fs[i].Evidence[j].Line = 99
				fs[i].Evidence[j].Pointer = "/x"
				touched++
			}
			fs[i].Message = "changed"
		}
		return touched
	}
	if scribble(a.Findings()) == 0 {
		t.Fatal("no evidence to change")
	}
	for f := range a.All() {
		scribble([]rules.Finding{f})
	}
	scribble([]rules.Finding{a.Finding(0)})
	b, _ := rules.Check(n, at, rules.DefaultConfig())
	for name, r := range map[string]rules.Report{"the same report": a, "a later report": b} {
		if diff := gocmp.Diff(want.Findings(), r.Findings(), equateDates); diff != "" {
			t.Errorf("findings changed by their reader changed %s (-before +after):\n%s", name, diff)
		}
	}
}
