package network_test

import (
	"testing"

	"github.com/rarenet/rarenet/network/networktest"
)

// TestCentreIndex checks that CentreIndex gives each centre's position in
// the order Centres yields them, and reports false for an unknown ID.
func TestCentreIndex(t *testing.T) {
	n := networktest.Scale(200, 1, 0)
	i := 0
	for c := range n.Centres() {
		if got, ok := n.CentreIndex(c.ID); !ok || got != i {
			t.Fatalf("CentreIndex(%q) = %d, %v; want %d, true", c.ID, got, ok, i)
		}
		i++
	}
	if got, ok := n.CentreIndex("no-such-centre"); ok {
		t.Fatalf("CentreIndex(unknown) = %d, true; want false", got)
	}
}
