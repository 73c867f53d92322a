package rules

import (
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/networktest"
)

// TestLiveOrEndedOracle checks the per-audit pass's shortcut (the last
// two labels' start and latest end, centreDates) against the general path
// (the spans and the labels' ends) for every centre of a network with
// realistic defects, on days from before its first label to after its
// last.
func TestLiveOrEndedOracle(t *testing.T) {
	n := networktest.Scale(3000, 1, networktest.RealisticDefects)
	tab := centresOf.Of(n)
	checked := map[[2]bool]int{}
	for d := labelling.MakeDate(1995, 1, 1); d.Before(labelling.MakeDate(2040, 1, 1)); d = d.AddDate(0, 0, 53) {
		ix := &index{live: newBitset(len(tab.info))}
		ix.ended.has = newBitset(len(tab.info))
		for p := range tab.info {
			tab.liveOrEnded(ix, p, d)
		}
		ix.ended.done()
		for p := range tab.info {
			in := &tab.info[p]
			wantLive := inForce(tab.spans[in.spanLo:in.spanHi], d)
			var wantOn labelling.Date
			wantK, wantEnded := int32(-1), false
			if !wantLive {
				wantOn, wantK, wantEnded = tab.endedOn(p, d)
			}
			on, k, ended := ix.ended.of(int32(p))
			if !ended {
				on, k = labelling.Date{}, -1
			}
			if live := ix.live.has(p); live != wantLive || ended != wantEnded || on != wantOn || k != wantK {
				t.Fatalf("centre %s on %v: live %v, ended %v on %v by label %d; want %v, %v on %v by %d",
					tab.ids[p], d, live, ended, on, k, wantLive, wantEnded, wantOn, wantK)
			}
			checked[[2]bool{wantLive, wantEnded}]++
		}
	}
	// The test means something only if it saw centres in force, ended
	// and not yet labelled.
	for _, c := range [][2]bool{{true, false}, {false, true}, {false, false}} {
		if checked[c] == 0 {
			t.Errorf("no centre with live, ended = %v", c)
		}
	}
}
