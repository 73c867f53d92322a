package rules_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
	"github.com/rarenet/rarenet/typology"
)

// equateDates lets go-cmp compare labelling.Date, a comparable value
// with unexported fields.
var equateDates = cmpopts.EquateComparable(labelling.Date{})

// evidenceAsSet compares evidence by kind and ID, whatever its order and
// pointers: the records of a permuted network are in another order.
var evidenceAsSet = gocmp.Transformer("evidenceSet", func(es []rules.Evidence) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Kind+" "+e.ID)
	}
	slices.Sort(out)
	return out
})

// key is what TestRenamingKeepsFindings compares of a finding: rule,
// subject, year, group and date, not the wording.
type key struct {
	Rule, Subject, SubjectKind string
	Year                       int
	Group                      int
	Date                       labelling.Date
}

func sortKeys(ks []key) {
	slices.SortFunc(ks, func(a, b key) int {
		return cmp.Or(strings.Compare(a.Rule, b.Rule), strings.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Year, b.Year), cmp.Compare(a.Group, b.Group), a.Date.Compare(b.Date))
	})
}

// audit checks n at at with the default configuration, the coverage
// analysis on or off.
func audit(t interface {
	Helper()
	Fatalf(string, ...any)
}, n *network.Network, at labelling.Date, coverage bool) rules.Report {
	t.Helper()
	cfg := rules.DefaultConfig()
	cfg.Coverage = coverage
	r, err := rules.Check(n, at, cfg)
	if err != nil {
		t.Fatalf("Check(%v) error: %v", at, err)
	}
	return r
}

// drawAt draws an audit date, mostly networktest's default.
func drawOptions(t *rapid.T) networktest.Options {
	at := rapid.SampledFrom([]labelling.Date{
		networktest.DefaultAt,
		labelling.MakeDate(2024, 6, 1),
		labelling.MakeDate(2012, 3, 15),
		labelling.MakeDate(2008, 2, 1),
	}).Draw(t, "at")
	return networktest.Options{At: at, Designations: rapid.Bool().Draw(t, "designations"), MaxCentres: 16}
}

func TestCompliantNetworksHaveNoFinding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		n := networktest.Network(o).Draw(t, "network")
		r := audit(t, n, o.At, false)
		if r.Len() > 0 {
			t.Fatalf("Check(compliant network, %v) = %d findings, want none; first: %+v", o.At, r.Len(), r.Finding(0))
		}
	})
}

func TestCompliantNetworksFullCoverage(t *testing.T) {
	checks := 10
	if testing.Short() {
		checks = 2
	}
	t.Setenv("RAPID_CHECKS", fmt.Sprint(checks))
	rapid.Check(t, func(t *rapid.T) {
		o := networktest.Options{FullCoverage: true, MaxCentres: 4}
		n := networktest.Network(o).Draw(t, "network")
		r := audit(t, n, networktest.DefaultAt, true)
		if r.Len() > 0 {
			t.Fatalf("Check(compliant network, full coverage) = %d findings, want none; first: %+v", r.Len(), r.Finding(0))
		}
	})
}

// TestInjectedDefect checks, for every rule of the catalogue, that
// injecting exactly its defect into a compliant network gives exactly the
// expected finding, on exactly that subject, and nothing else; that the
// finding does not depend on the spelling of IDs nor on the order of the
// input records.
func TestInjectedDefect(t *testing.T) {
	var ids []string
	for _, r := range rules.Catalogue() {
		ids = append(ids, r.ID())
	}
	if diff := gocmp.Diff(ids, rulestest.Rules(), equateDates); diff != "" {
		t.Errorf("the rules rulestest injects differ from the catalogue (-catalogue +rulestest):\n%s", diff)
	}
	for _, rule := range rules.Catalogue() {
		t.Run(rule.ID(), func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				o := drawOptions(t)
				n := networktest.Network(o).Draw(t, "network")
				bad, d := rulestest.Inject(t, n, o.At, rule.ID())
				coverage := rule.IsAnalysis()
				want := d.All()
				got := audit(t, bad, o.At, coverage)
				if diff := gocmp.Diff(want, rulestest.Comparable(got.Findings(), want), equateDates); diff != "" {
					t.Fatalf("Check(network with %v) mismatch (-want +got):\n%s\nmessages: %s", d, diff, messages(got))
				}
				for _, f := range got.Findings() {
					if f.Rule == rule.ID() && (f.Severity != rule.Severity() || f.Source != rule.Source() || f.Message == "") {
						t.Fatalf("finding %+v: severity, source or message do not match rule %v", f, rule)
					}
				}

				// The same audit on the network with other ID spellings.
				renamed, rename := networktest.Respell(t, bad)
				wantRenamed := d.Renamed(rename).All()
				got2 := audit(t, renamed, o.At, coverage)
				if diff := gocmp.Diff(wantRenamed, rulestest.Comparable(got2.Findings(), wantRenamed), equateDates); diff != "" {
					t.Fatalf("Check(renamed network with %v) mismatch (-want +got):\n%s", d, diff)
				}

				// The same audit with the input records in another order.
				permuted, err := networktest.Permuted(t, bad).Build()
				if err != nil {
					t.Fatalf("Permuted(...).Build() error: %v", err)
				}
				got3 := audit(t, permuted, o.At, coverage)
				if diff := gocmp.Diff(got.Findings(), got3.Findings(), equateDates, evidenceAsSet); diff != "" {
					t.Fatalf("Check(permuted network with %v) mismatch (-original +permuted):\n%s", d, diff)
				}

				// Running the rule alone finds what it found among all.
				cfg := rules.DefaultConfig()
				cfg.Rules = []string{rule.ID()}
				alone, err := rules.Check(bad, o.At, cfg)
				if err != nil {
					t.Fatal(err)
				}
				var mine []rules.Finding
				for _, f := range got.Findings() {
					if f.Rule == rule.ID() {
						mine = append(mine, f)
					}
				}
				if diff := gocmp.Diff(mine, alone.Findings(), equateDates); diff != "" {
					t.Fatalf("Check(Rules: %s) differs from the full audit (-full +alone):\n%s", rule.ID(), diff)
				}
			})
		})
	}
}

func messages(r rules.Report) string {
	var b strings.Builder
	for _, f := range r.Findings() {
		fmt.Fprintf(&b, "\n  %s %s: %s", f.Rule, f.Subject, f.Message)
	}
	return b.String()
}

// TestRenamingKeepsFindings checks on compliant networks with a few
// defects injected at once that renaming IDs renames the subjects and
// changes nothing else.
func TestRenamingKeepsFindings(t *testing.T) {
	all := rulestest.Rules()
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		n := networktest.Network(o).Draw(t, "network")
		k := rapid.IntRange(1, 3).Draw(t, "defects")
		for i := range k {
			rule := rapid.SampledFrom(all).Draw(t, fmt.Sprintf("rule%d", i))
			if rule == rules.FiliereReferenceOutsideFiliere && o.At.Before(labelling.MakeDate(2015, 1, 1)) {
				continue
			}
			n, _ = rulestest.Inject(t, n, o.At, rule)
		}
		got := audit(t, n, o.At, true)
		renamed, rename := networktest.Respell(t, n)
		got2 := audit(t, renamed, o.At, true)
		var want []key
		for _, f := range got.Findings() {
			s := f.Subject
			if f.SubjectKind != rules.SubjectRegion && f.SubjectKind != rules.SubjectInterregion {
				s = rename(f.SubjectKind, s)
			}
			want = append(want, key{f.Rule, s, f.SubjectKind, f.Year, int(f.Group), f.Date})
		}
		var have []key
		for _, f := range got2.Findings() {
			have = append(have, key{f.Rule, f.Subject, f.SubjectKind, f.Year, int(f.Group), f.Date})
		}
		sortKeys(want)
		sortKeys(have)
		if diff := gocmp.Diff(want, have, equateDates); diff != "" {
			t.Fatalf("findings of the renamed network (-renamed original +renamed network):\n%s", diff)
		}
	})
}

// TestTeamInSeveralGroups checks the circular's permission (étape n°1,
// last sentence): a team may be a competence centre in several groups.
// Adding to the team of a centre in force a centre of the same tier, with
// the same labels and diseases but another group, never gives a team
// finding, whatever else it breaks.
func TestTeamInSeveralGroups(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		n := networktest.Network(o).Draw(t, "network")
		var inForce []network.Centre
		for c := range n.Centres() {
			if c.InForce(o.At) {
				inForce = append(inForce, c)
			}
		}
		if len(inForce) == 0 {
			t.Skip("no centre in force")
		}
		c := rapid.SampledFrom(inForce).Draw(t, "centre")
		twin := c
		twin.ID = c.ID + "-twin"
		// A group none of the team's centres holds: the team may already be
		// a centre in several groups, and a twin in one of those would be
		// a genuine duplicate.
		held := map[typology.Group]bool{}
		for o := range n.CentresOfTeam(c.Team) {
			held[o.Group] = true
		}
		var free []typology.Group
		for g := range typology.Groups() {
			if !held[g] {
				free = append(free, g)
			}
		}
		if len(free) == 0 {
			t.Skip("the team already holds every group")
		}
		twin.Group = rapid.SampledFrom(free).Draw(t, "other group")
		twin.CoordinatingSite = ""
		if twin.Role == typology.Constitutive {
			twin.Role = typology.Coordinating
		}
		b := n.Edit()
		b.AddCentre(twin)
		n2, err := b.Build()
		if err != nil {
			t.Fatalf("Build() error: %v", err)
		}
		r := audit(t, n2, o.At, false)
		for _, f := range r.Findings() {
			if strings.HasPrefix(f.Rule, "team.") {
				t.Fatalf("a team in two groups gave %s on %s: %s", f.Rule, f.Subject, f.Message)
			}
		}
		// The same twin in the same group is a duplicate.
		twin.Group = c.Group
		twin.Role, twin.CoordinatingSite = c.Role, c.CoordinatingSite
		b = n.Edit()
		b.AddCentre(twin)
		n3, err := b.Build()
		if err != nil {
			t.Fatalf("Build() error: %v", err)
		}
		r = audit(t, n3, o.At, false)
		found := false
		for _, f := range r.Findings() {
			found = found || (f.Rule == rules.TeamDuplicateLabel && f.Subject == string(c.Team))
		}
		if !found {
			t.Fatalf("the same team labelled twice for group %v gave no %s", c.Group, rules.TeamDuplicateLabel)
		}
	})
}
