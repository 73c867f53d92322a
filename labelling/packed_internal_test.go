package labelling

import (
	"slices"
	"testing"

	"github.com/rarenet/rarenet/typology"
)

// TestPackedEventsAreViewsCapped checks what makes sharing a Packed's
// events safe: every label read back (At, All, AppendTo) has its events
// capped at their own end, so that appending to one label's events, as a
// method of Label might one day, never writes into another label's, even
// when both share one sequence of events.
func TestPackedEventsAreViewsCapped(t *testing.T) {
	d := MustParseDate
	act := Act{Kind: Arrete, Date: d("2017-11-25")}
	ev := []Event{EvaluationEvent(d("2019-06-01"), External), EvaluationEvent(d("2021-06-01"), External)}
	l := MustLabel(d("2017-11-25"), d("2022-11-25"), act, ev...)
	short := MustLabel(d("2017-11-25"), d("2022-11-25"), act, ev[0])
	p := Pack([]Label{l, short, l, {}})
	read := append(slices.Collect(p.All()), p.AppendTo(nil, 0, p.Len())...)
	read = append(read, p.At(0), p.At(2))
	for i, got := range read {
		if cap(got.events) != len(got.events) {
			t.Fatalf("label %d read back: %d events with room for %d: an append would write into the next label's", i, len(got.events), cap(got.events))
		}
	}
	a := p.At(0)
	a.events = append(a.events, EvaluationEvent(d("2022-01-01"), SelfEvaluation))
	a.events[0].Type = SelfEvaluation
	if b := p.At(2); !b.Equal(l) {
		t.Fatalf("changing the events of one label read back changed another sharing them: %v, want %v", b, l)
	}
}

// TestPackedStoresRepeatsOnce checks the point of a Packed's tables: a
// thousand copies of one label keep one act, one designation, one
// provenance and one sequence of events.
func TestPackedStoresRepeatsOnce(t *testing.T) {
	d := MustParseDate
	l := MustLabel(d("2017-11-25"), d("2022-11-25"), Act{Kind: Arrete, Date: d("2017-11-25"), Ref: "arrêté"},
		EvaluationEvent(d("2021-06-01"), External)).
		WithProvenance(typology.Provenance{Source: "labels.csv", Mark: 1}).
		WithDesignation(Designation{Campaign: "2007", Route: 1, Decision: d("2017-11-25")})
	ls := make([]Label, 1000)
	for i := range ls {
		ls[i] = l
	}
	p := Pack(ls)
	// Each table holds the zero value first.
	if len(p.acts) != 2 || len(p.designations) != 2 || len(p.sources) != 2 || len(p.events) != 1 {
		t.Errorf("1000 copies of one label: %d acts, %d designations, %d provenances, %d events; want 2, 2, 2, 1",
			len(p.acts), len(p.designations), len(p.sources), len(p.events))
	}
	for i := range p.Len() {
		if !p.At(i).Equal(l) {
			t.Fatalf("At(%d) = %v, want %v", i, p.At(i), l)
		}
	}
}
