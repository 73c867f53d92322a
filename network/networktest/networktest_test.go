package networktest_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// audit returns the findings of package rules on n at at, with the
// coverage analysis when coverage is set. (Package rules/rulestest checks
// package rules against an independent, literal reading of RULES.md on
// these same generated networks, so the generators are checked against
// the catalogue either way.)
func audit(n *network.Network, at labelling.Date, coverage bool) []rules.Finding {
	cfg := rules.DefaultConfig()
	cfg.Coverage = coverage
	r, err := rules.Check(n, at, cfg)
	if err != nil {
		panic(err) // the default configuration is valid
	}
	return r.Findings()
}

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
