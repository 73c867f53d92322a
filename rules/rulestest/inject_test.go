package rulestest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
)

// drawOptions draws generator options over audit dates that matter: the
// default, before the sectors, during the 2007 campaign, a leap day, and
// any day between 2000 and 2030.
func drawOptions(t *rapid.T) networktest.Options {
	at := rapid.SampledFrom([]labelling.Date{
		{}, // DefaultAt
		labelling.MakeDate(2008, 1, 15),
		labelling.MakeDate(2013, 1, 1),
		labelling.MakeDate(2024, 2, 29),
		labelling.MakeDate(2015, 1, 1),
	}).Draw(t, "at")
	if rapid.Bool().Draw(t, "any_at") {
		at = labelling.MakeDate(2000, 1, 1).AddDays(rapid.IntRange(0, 30*365).Draw(t, "at_days"))
	}
	return networktest.Options{
		At:           at,
		MaxCentres:   rapid.IntRange(0, 30).Draw(t, "max_centres"),
		Years:        rapid.IntRange(0, 20).Draw(t, "years"),
		Designations: rapid.Bool().Draw(t, "designations"),
	}
}

var eqDate = cmpopts.EquateComparable(labelling.Date{})

func atOf(o networktest.Options) labelling.Date {
	if o.At.IsZero() {
		return networktest.DefaultAt
	}
	return o.At
}

// TestOrderAndSpelling checks the helpers that tests of rules use for
// order and spelling independence: the oracle gives the same findings.
func TestOrderAndSpelling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		at := atOf(o)
		n := networktest.Network(o).Draw(t, "network")
		rule := rapid.SampledFrom(rulestest.Rules()).Draw(t, "rule")
		if rule == rules.FiliereReferenceOutsideFiliere && at.Before(labelling.MakeDate(2015, 1, 1)) {
			rule = rules.LabelGap
		}
		n, d := rulestest.Inject(t, n, at, rule)
		cov := strings.HasPrefix(rule, "coverage.")
		want := audit(n, at, cov)

		p, err := networktest.Permuted(t, n).Build()
		if err != nil {
			t.Fatalf("Permuted(n).Build() error: %v", err)
		}
		if diff := cmp.Diff(want, audit(p, at, cov), eqDate); diff != "" {
			t.Errorf("findings on the permuted network differ (-want +got):\n%s", diff)
		}

		r, f := networktest.Respell(t, n)
		if diff := cmp.Diff(renamedFindings(want, f), audit(r, at, cov), eqDate); diff != "" {
			t.Errorf("findings on the respelled network differ (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(fromDefects(d.Renamed(f).All()), audit(r, at, cov), eqDate); diff != "" {
			t.Errorf("Defect.Renamed does not match the respelled network (-want +got):\n%s", diff)
		}
	})
}

func TestRules(t *testing.T) {
	got := rulestest.Rules()
	if len(got) != 27 {
		t.Errorf("len(Rules()) = %d, want 27 (every rule of RULES.md)", len(got))
	}
	seen := map[string]bool{}
	for _, r := range got {
		if seen[r] {
			t.Errorf("Rules() lists %q twice", r)
		}
		seen[r] = true
	}
}

// TestInject checks, for every rule, that the injected network gives
// exactly the returned defect (and its Also) and nothing else.
func TestInject(t *testing.T) {
	for _, rule := range rulestest.Rules() {
		t.Run(rule, rapid.MakeCheck(func(t *rapid.T) {
			o := drawOptions(t)
			at := atOf(o)
			n := networktest.Network(o).Draw(t, "network")
			if rule == rules.FiliereReferenceOutsideFiliere && at.Before(labelling.MakeDate(2015, 1, 1)) {
				o.At = networktest.DefaultAt
				at = o.At
				n = networktest.Network(o).Draw(t, "network_2020")
			}
			got, d := rulestest.Inject(t, n, at, rule)
			if d.Rule != rule {
				t.Fatalf("Inject(%q) returned a defect of rule %q", rule, d.Rule)
			}
			cov := strings.HasPrefix(rule, "coverage.")
			if diff := cmp.Diff(fromDefects(d.All()), audit(got, at, cov), eqDate); diff != "" {
				t.Fatalf("Inject(%q) = %v: audit mismatch (-want +got):\n%s", rule, d, diff)
			}
			if cov {
				if fs := audit(got, at, false); len(fs) > 0 {
					t.Fatalf("Inject(%q): with coverage off, audit = %v, want nothing", rule, fs)
				}
			}
		}))
	}
}

// TestInjectTwice checks that injections compose: two defects of two
// different rules give both findings (when neither rule reads what the
// other changes, which the rules below ensure).
func TestInjectTwice(t *testing.T) {
	independent := []string{"label.extension-without-basis", "activity.inconsistent", "competence.interregional-preferred",
		"reference.orphan-constitutive-site", "platform.single-centre-host", "filiere.reference-in-several"}
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{}).Draw(t, "network")
		pair := rapid.Permutation(independent).Draw(t, "rules")
		n, d1 := rulestest.Inject(t, n, networktest.DefaultAt, pair[0])
		n, d2 := rulestest.Inject(t, n, networktest.DefaultAt, pair[1])
		got := audit(n, networktest.DefaultAt, false)
		for _, d := range []rulestest.Defect{d1, d2} {
			if !slices.Contains(got, fromDefects([]rules.Finding{d.Finding})[0]) {
				t.Fatalf("after Inject(%q) and Inject(%q): audit = %v, missing %v", pair[0], pair[1], got, d)
			}
		}
	})
}

func TestInjectScale(t *testing.T) {
	n := networktest.Scale(120, 7, 0)
	prop := func(rule string) func(*rapid.T) {
		return func(t *rapid.T) {
			if rule == "" {
				rule = rapid.SampledFrom(rulestest.Rules()).Draw(t, "rule")
			}
			got, d := rulestest.Inject(t, n, networktest.ScaleAt, rule)
			cov := strings.HasPrefix(rule, "coverage.")
			if diff := cmp.Diff(fromDefects(d.All()), audit(got, networktest.ScaleAt, cov), eqDate); diff != "" {
				t.Fatalf("Inject(Scale(120, 7), %q) = %v: audit mismatch (-want +got):\n%s", rule, d, diff)
			}
		}
	}
	if testing.Short() {
		rapid.Check(t, prop(""))
		return
	}
	for _, rule := range rulestest.Rules() {
		t.Run(rule, rapid.MakeCheck(prop(rule)))
	}
}
