package networktest_test

import (
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// TestScaleDefects checks that Scale with RealisticDefects gives about as
// many findings per centre as the real data (1.8) and every rule of the
// default configuration, and that the network without defects is the same
// network but for the defects (same size, same IDs).
func TestScaleDefects(t *testing.T) {
	const size = 2500
	n := networktest.Scale(size, 1, networktest.RealisticDefects)
	r, err := rules.Check(n, networktest.ScaleAt, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	perCentre := float64(r.Len()) / float64(n.NumCentres())
	if perCentre < 1.5 || perCentre > 2.2 {
		t.Errorf("Scale(%d, 1, RealisticDefects): %.2f findings per centre, want about 1.8", size, perCentre)
	}
	seen := map[string]int{}
	for _, f := range r.Findings() {
		seen[f.Rule]++
	}
	for _, rule := range rules.Catalogue() {
		if id := rule.ID(); !strings.HasPrefix(id, "coverage.") && seen[id] == 0 {
			t.Errorf("Scale(%d, 1, RealisticDefects): no finding of %s", size, id)
		}
	}
	t.Logf("%d findings, %.2f per centre: %v", r.Len(), perCentre, seen)

	clean := networktest.Scale(size, 1, 0)
	if c, d := clean.NumCentres(), n.NumCentres(); c != d {
		t.Errorf("Scale(%d, 1, 0) has %d centres, with defects %d", size, c, d)
	}
	for i := range clean.NumCentres() {
		if a, b := clean.CentreAt(i).ID(), n.CentreAt(i).ID(); a != b {
			t.Fatalf("centre %d: %s without defects, %s with", i, a, b)
		}
	}
}

// TestScaleDefectsSmall checks that small networks with defects still
// build, and that a rate of 1 gives a defect to most centres.
func TestScaleDefectsSmall(t *testing.T) {
	for _, size := range []int{1, 2, 5, 17, 40, 100} {
		for _, rate := range []float64{0.1, 1} {
			n := networktest.Scale(size, 3, rate)
			if n.NumCentres() != size {
				t.Errorf("Scale(%d, 3, %v) has %d centres", size, rate, n.NumCentres())
			}
			if _, err := rules.Check(n, networktest.ScaleAt, rules.DefaultConfig()); err != nil {
				t.Errorf("Check(Scale(%d, 3, %v)): %v", size, rate, err)
			}
		}
	}
}
