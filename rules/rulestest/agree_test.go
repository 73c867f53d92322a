package rulestest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
)

// This file checks the generators and injectors against package rules
// itself (the oracle of oracle_test.go checks them against a literal
// reading of RULES.md).

// check audits n with package rules, with the default configuration and
// the coverage analysis when coverage is set, and returns its findings cut
// down to what want, the expected findings, predicts (see Comparable).
func check(t interface {
	Helper()
	Fatalf(string, ...any)
}, n *network.Network, at labelling.Date, coverage bool, want []rules.Finding) []rules.Finding {
	t.Helper()
	cfg := rules.DefaultConfig()
	cfg.Coverage = coverage
	r, err := rules.Check(n, at, cfg)
	if err != nil {
		t.Fatalf("rules.Check(%v) error: %v", at, err)
	}
	return rulestest.Comparable(r.Findings(), want)
}

func TestRulesAgreeOnGeneratedNetworks(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		n := networktest.Network(o).Draw(t, "network")
		if got := check(t, n, atOf(o), false, nil); len(got) > 0 {
			t.Fatalf("rules.Check(Network(%+v), %v) = %v, want no finding", o, atOf(o), got)
		}
	})
}

func TestRulesAgreeOnFullCoverage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{MaxCentres: 5, FullCoverage: true}).Draw(t, "network")
		if got := check(t, n, networktest.DefaultAt, true, nil); len(got) > 0 {
			t.Fatalf("rules.Check(full coverage network, coverage on) = %v, want no finding", got)
		}
	})
}

func TestRulesAgreeOnScale(t *testing.T) {
	for _, size := range []int{1, 50, 2500} {
		if got := check(t, networktest.Scale(size, 1, 0), networktest.ScaleAt, false, nil); len(got) > 0 {
			t.Errorf("rules.Check(Scale(%d, 1), ScaleAt) = %v, want no finding", size, got)
		}
	}
}

// TestRulesAgreeOnInjections checks that package rules reports exactly
// each injected defect, on the injected network, once its IDs are
// respelled, and once its records are permuted.
func TestRulesAgreeOnInjections(t *testing.T) {
	for _, rule := range rulestest.Rules() {
		t.Run(rule, rapid.MakeCheck(func(t *rapid.T) {
			o := drawOptions(t)
			if rule == rules.FiliereReferenceOutsideFiliere && atOf(o).Before(labelling.MakeDate(2015, 1, 1)) {
				o.At = networktest.DefaultAt
			}
			at := atOf(o)
			n := networktest.Network(o).Draw(t, "network")
			n, d := rulestest.Inject(t, n, at, rule)
			cov := strings.HasPrefix(rule, "coverage.")
			want := d.All()
			if diff := cmp.Diff(want, check(t, n, at, cov, want), eqDate); diff != "" {
				t.Fatalf("rules.Check(Inject(%q) = %v) mismatch (-want +got):\n%s", rule, d, diff)
			}
			r, f := networktest.Respell(t, n)
			want = d.Renamed(f).All()
			if diff := cmp.Diff(want, check(t, r, at, cov, want), eqDate); diff != "" {
				t.Fatalf("rules.Check(Respell(Inject(%q))) mismatch (-want +got):\n%s", rule, diff)
			}
			p, err := networktest.Permuted(t, n).Build()
			if err != nil {
				t.Fatalf("Permuted().Build() error: %v", err)
			}
			want = d.All()
			if diff := cmp.Diff(want, check(t, p, at, cov, want), eqDate); diff != "" {
				t.Fatalf("rules.Check(Permuted(Inject(%q))) mismatch (-want +got):\n%s", rule, diff)
			}
		}))
	}
}
