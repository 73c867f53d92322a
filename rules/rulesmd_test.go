package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/rules"
)

// rulesMDHeader opens the repository's RULES.md, before the tables that
// the catalogue writes.
const rulesMDHeader = `# Rule catalogue

<!-- Generated from the catalogue of package rules (rules.Catalogue) by
TestRulesMD: do not edit by hand, run go test ./rules -run TestRulesMD -update. -->

The regulatory checks of package ` + "`rules`" + `, as ` + "`rules.Check`" + ` runs
them and ` + "`go run ./examples/audit`" + ` reports them. Each rule has a stable
ID (filter, suppress and grep on it: it is never renamed), a severity, a
title, what it checks and the text it comes from (a file of the sources listed
in the README and its section).

Severities: ` + "`violation`" + ` where a text says must or the data contradicts
itself, ` + "`advice`" + ` where it says prefer or should, ` + "`info`" + ` for facts an
analyst wants. A label is in force on day D when its effective window (after
extensions, cut by a withdrawal) contains D; windows are half-open. A label
withdrawn on its start day has an empty window: it is never in force and
covers no day; it counts as a label that ended that day (for
` + "`label.lapsed`" + `), but it is left aside when finding a label's previous
label, a gap, or the day E of the convention rules. The
thresholds in backquotes are fields of ` + "`rules.Config`" + ` (defaults in
` + "`rules.DefaultConfig`" + `). A rule finds at most one finding per subject (and
per year for the yearly rules, per group for the coverage rules); a finding
about several other entities says how many there are and names at most five,
then "and N more". The coverage rules run only with ` + "`Config.Coverage`" + `
(` + "`-coverage`" + `) or when named.
`

// families are the sections of RULES.md, by the first part of the IDs.
var families = []struct{ prefixes, title string }{
	{"competence", "Competence centres"},
	{"team", "Teams"},
	{"label", "Labels"},
	{"convention", "Conventions (reference <-> competence)"},
	{"reference filiere platform", "Reference centres, sectors and platforms"},
	{"activity", "Activity data quality"},
	{"designation", "Designation procedure (2007 competence-centre campaign)"},
	{"coverage", "Coverage (analysis, off by default)"},
}

// rulesMD renders the catalogue as RULES.md.
func rulesMD(rs []rules.Rule) string {
	var b strings.Builder
	b.WriteString(rulesMDHeader)
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, fam := range families {
		var rows []rules.Rule
		for _, r := range rs {
			first, _, _ := strings.Cut(r.ID(), ".")
			if strings.Contains(" "+fam.prefixes+" ", " "+first+" ") {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 {
			continue
		}
		b.WriteString("\n## " + fam.title + "\n\n| ID | severity | title | meaning | source |\n|---|---|---|---|---|\n")
		for _, r := range rows {
			b.WriteString("| `" + r.ID() + "` | " + r.Severity().String() + " | " + cell(r.Title()) + " | " +
				cell(r.Meaning()) + " | " + cell(r.Source()) + " |\n")
		}
	}
	return b.String()
}

// TestRulesMD checks that the repository's RULES.md is the catalogue as
// rulesMD renders it, every rule in one section; -update rewrites it.
func TestRulesMD(t *testing.T) {
	rs := rules.Catalogue()
	got := rulesMD(rs)
	for _, r := range rs {
		if strings.Count(got, "| `"+r.ID()+"` |") != 1 {
			t.Errorf("RULES.md lists %s %d times, want once", r.ID(), strings.Count(got, "| `"+r.ID()+"` |"))
		}
	}
	path := filepath.Join("..", "RULES.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./rules -run TestRulesMD -update to write it)", err)
	}
	if diff := gocmp.Diff(string(want), got); diff != "" {
		t.Errorf("RULES.md is stale (-file +catalogue; go test ./rules -run TestRulesMD -update):\n%s", diff)
	}
}
