package networktest_test

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
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

func TestNetworkComplies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		n := networktest.Network(o).Draw(t, "network")
		if got := audit(n, atOf(o), false); len(got) > 0 {
			t.Fatalf("audit(Network(%+v), %v) = %v, want no finding", o, atOf(o), got)
		}
	})
}

func TestNetworkSizes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.IntRange(0, 20).Draw(t, "min")
		hi := rapid.IntRange(max(lo, 1), 30).Draw(t, "max")
		n := networktest.Network(networktest.Options{MinCentres: lo, MaxCentres: hi}).Draw(t, "network")
		if got := n.NumCentres(); got < lo || got > hi {
			t.Fatalf("NumCentres() = %d, want between %d and %d", got, lo, hi)
		}
	})
}

func TestFullCoverage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := networktest.Options{MaxCentres: 5, FullCoverage: true, Designations: true}
		n := networktest.Network(o).Draw(t, "network")
		if got := audit(n, networktest.DefaultAt, true); len(got) > 0 {
			t.Fatalf("audit(Network(%+v), coverage on) = %v, want no finding", o, got)
		}
	})
}

// TestOrderAndSpelling checks the helpers that tests of rules use for
// order and spelling independence: the oracle gives the same findings.
func TestOrderAndSpelling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := drawOptions(t)
		at := atOf(o)
		n := networktest.Network(o).Draw(t, "network")
		rule := rapid.SampledFrom(networktest.Rules()).Draw(t, "rule")
		if rule == "filiere.reference-outside-filiere" && at.Before(labelling.MakeDate(2015, 1, 1)) {
			rule = "label.gap"
		}
		n, d := networktest.Inject(t, n, at, rule)
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

func TestPermutedKeepsEveryRecord(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{Designations: true}).Draw(t, "network")
		p, err := networktest.Permuted(t, n).Build()
		if err != nil {
			t.Fatalf("Permuted(n).Build() error: %v", err)
		}
		if got, want := p.Stats(), n.Stats(); got != want {
			t.Fatalf("Permuted(n).Stats() = %+v, want %+v", got, want)
		}
		for c := range n.Centres() {
			pc, _ := p.Centre(c.ID)
			if len(pc.Labels) != len(c.Labels) || len(pc.Activity) != len(c.Activity) || len(pc.Diseases) != len(c.Diseases) {
				t.Fatalf("Permuted(n): centre %s changed: %+v, want %+v", c.ID, pc, c)
			}
			for _, l := range c.Labels {
				if !slices.ContainsFunc(pc.Labels, l.Equal) {
					t.Fatalf("Permuted(n): centre %s lost label %v", c.ID, l)
				}
			}
		}
	})
}

func TestRenameIDsIdentity(t *testing.T) {
	n := networktest.Scale(200, 3, 0)
	r := networktest.RenameIDs(n, func(_, id string) string { return id })
	if diff := cmp.Diff(audit(n, networktest.ScaleAt, false), audit(r, networktest.ScaleAt, false), eqDate); diff != "" {
		t.Errorf("RenameIDs(identity) changed the findings (-want +got):\n%s", diff)
	}
	if r.Stats() != n.Stats() {
		t.Errorf("RenameIDs(identity).Stats() = %+v, want %+v", r.Stats(), n.Stats())
	}
}

func TestRules(t *testing.T) {
	got := networktest.Rules()
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
	for _, rule := range networktest.Rules() {
		t.Run(rule, rapid.MakeCheck(func(t *rapid.T) {
			o := drawOptions(t)
			at := atOf(o)
			n := networktest.Network(o).Draw(t, "network")
			if rule == "filiere.reference-outside-filiere" && at.Before(labelling.MakeDate(2015, 1, 1)) {
				o.At = networktest.DefaultAt
				at = o.At
				n = networktest.Network(o).Draw(t, "network_2020")
			}
			got, d := networktest.Inject(t, n, at, rule)
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
		rules := rapid.Permutation(independent).Draw(t, "rules")
		n, d1 := networktest.Inject(t, n, networktest.DefaultAt, rules[0])
		n, d2 := networktest.Inject(t, n, networktest.DefaultAt, rules[1])
		got := audit(n, networktest.DefaultAt, false)
		for _, d := range []networktest.Defect{d1, d2} {
			if !slices.Contains(got, fromDefects([]networktest.Defect{d})[0]) {
				t.Fatalf("after Inject(%q) and Inject(%q): audit = %v, missing %v", rules[0], rules[1], got, d)
			}
		}
	})
}

func TestInjectScale(t *testing.T) {
	n := networktest.Scale(120, 7, 0)
	prop := func(rule string) func(*rapid.T) {
		return func(t *rapid.T) {
			if rule == "" {
				rule = rapid.SampledFrom(networktest.Rules()).Draw(t, "rule")
			}
			got, d := networktest.Inject(t, n, networktest.ScaleAt, rule)
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
	for _, rule := range networktest.Rules() {
		t.Run(rule, rapid.MakeCheck(prop(rule)))
	}
}

func TestScaleComplies(t *testing.T) {
	for _, size := range []int{0, 1, 2, 3, 17, 40, 100, 681, 2500} {
		n := networktest.Scale(size, uint64(size), 0)
		if got := n.NumCentres(); got != size {
			t.Errorf("Scale(%d).NumCentres() = %d", size, got)
		}
		if got := audit(n, networktest.ScaleAt, false); len(got) > 0 {
			t.Errorf("audit(Scale(%d), ScaleAt) = %v, want no finding", size, got)
		}
	}
}

func TestScaleShape(t *testing.T) {
	got := networktest.Scale(2500, 1, 0).Stats()
	want := network.Stats{Establishments: 312, Teams: got.Teams, Centres: 2500, Labels: 10000, Conventions: 2000, Filieres: 23, Platforms: 20}
	if got != want {
		t.Errorf("Scale(2500, 1).Stats() = %+v, want %+v", got, want)
	}
	a, b := networktest.Scale(500, 9, 0), networktest.Scale(500, 9, 0)
	if diff := cmp.Diff(audit(a, networktest.ScaleAt, true), audit(b, networktest.ScaleAt, true), eqDate); diff != "" || a.Stats() != b.Stats() {
		t.Errorf("Scale(500, 9) is not deterministic")
	}
}

// TestScaleLinear checks that construction grows linearly, by its
// allocations (deterministic, unlike time on a shared machine): ten times
// the centres must not allocate much more than ten times as much.
func TestScaleLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	cost := func(n int) (allocs, bytes uint64) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		networktest.Scale(n, 1, 0)
		runtime.ReadMemStats(&after)
		return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
	}
	a1, b1 := cost(10_000)
	a2, b2 := cost(100_000)
	if r := float64(a2) / float64(a1); r > 12 {
		t.Errorf("Scale(100000) makes %.1f times the allocations of Scale(10000), want about 10", r)
	}
	if r := float64(b2) / float64(b1); r > 14 {
		t.Errorf("Scale(100000) allocates %.1f times the bytes of Scale(10000), want about 10", r)
	}
}

func BenchmarkScale(b *testing.B) {
	for b.Loop() {
		networktest.Scale(2500, 1, 0)
	}
}
