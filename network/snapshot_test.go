package network_test

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// TestSnapshotDecodes checks that a snapshot is a network of its own:
// every reference it keeps names a centre it keeps, so its document decodes
// back to it, on every first of January of the embedded network's years
// and of a network with defects.
func TestSnapshotDecodes(t *testing.T) {
	for name, n := range map[string]*network.Network{
		"National": network.National(),
		"Scale":    networktest.Scale(300, 2, networktest.RealisticDefects),
	} {
		for y := 2005; y <= 2026; y++ {
			s := n.Snapshot(labelling.MakeDate(y, 1, 1))
			var buf bytes.Buffer
			if err := network.Encode(&buf, s); err != nil {
				t.Fatalf("%s: Encode(Snapshot(%d-01-01)): %v", name, y, err)
			}
			back, err := network.Decode(&buf)
			if err != nil {
				t.Fatalf("%s: Decode(Encode(Snapshot(%d-01-01))): %v", name, y, err)
			}
			if diff := networkDiff(s, back); diff != "" {
				t.Fatalf("%s: Snapshot(%d-01-01) does not come back (-snapshot +decoded):\n%s", name, y, diff)
			}
		}
	}
}

// TestEditRebuilds checks that a Builder from Edit builds the same network,
// and that editing it leaves the original alone.
func TestEditRebuilds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{}).Draw(t, "network")
		before := encode(t, n)
		b := n.Edit()
		m, err := b.Build()
		if err != nil {
			t.Fatalf("Edit().Build(): %v", err)
		}
		if diff := networkDiff(n, m); diff != "" {
			t.Fatalf("Edit().Build() differs (-original +rebuilt):\n%s", diff)
		}
		b.AddCentre(network.Centre{ID: "extra"}) // invalid: the original must not mind
		if _, err := b.Build(); err == nil {
			t.Fatalf("Build of an invalid edit succeeded")
		}
		if after := encode(t, n); !bytes.Equal(before, after) {
			t.Fatalf("editing a Builder from Edit changed the original network")
		}
	})
}
