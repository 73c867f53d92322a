package labelling_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

// genManyLabels draws labels as a network holds them: valid ones, some with a
// designation or a provenance, the zero Label now and then, and copies of
// earlier labels and of their parts, so that Pack's tables see repeats.
func genManyLabels() *rapid.Generator[[]labelling.Label] {
	from := labelling.MustParseDate("2004-01-01")
	designations := []labelling.Designation{
		{Campaign: labelling.CampaignCCMR2007, Route: labelling.Listed, CNCLOpinion: labelling.MustParseDate("2007-09-28"), Decision: labelling.MustParseDate("2008-02-01")},
		{Campaign: "2007", Route: labelling.Direct, Decision: labelling.MustParseDate("2008-03-01")},
	}
	return rapid.Custom(func(t *rapid.T) []labelling.Label {
		var ls []labelling.Label
		for range rapid.IntRange(0, 30).Draw(t, "labels") {
			var l labelling.Label
			switch rapid.IntRange(0, 9).Draw(t, "how") {
			case 0: // the zero Label
			case 1: // an earlier label again
				if len(ls) > 0 {
					l = ls[rapid.IntRange(0, len(ls)-1).Draw(t, "copy")]
				}
			case 2: // an earlier label twice more, each with another last event
				if len(ls) > 0 {
					e := ls[rapid.IntRange(0, len(ls)-1).Draw(t, "extend")]
					if e.Initial().IsEmpty() {
						break
					}
					evs := slices.Collect(e.Events())
					last := e.Start()
					if len(evs) > 0 {
						last = evs[len(evs)-1].Date
					}
					for _, typ := range []labelling.EvaluationType{labelling.SelfEvaluation, labelling.External} {
						ev := labelling.EvaluationEvent(last.AddDays(rapid.IntRange(0, 400).Draw(t, "days")), typ)
						ls = append(ls, labelling.MustLabel(e.Start(), e.Initial().End(), e.Act(), append(slices.Clone(evs), ev)...))
					}
					continue
				}
			default:
				p := genLabelParts(from, 7000).Draw(t, "parts")
				if len(ls) > 0 && rapid.Bool().Draw(t, "same act") {
					p.act = ls[len(ls)-1].Act()
					if p.act.IsZero() || p.act.Date.After(p.start) {
						p.act = labelling.Act{Kind: labelling.Decision, Date: p.start}
					}
				}
				l = p.build(t)
				if rapid.IntRange(0, 2).Draw(t, "designation") == 0 {
					l = l.WithDesignation(rapid.SampledFrom(designations).Draw(t, "which"))
				}
				if rapid.Bool().Draw(t, "provenance") {
					l = l.WithProvenance(typology.Provenance{
						Source: rapid.SampledFrom([]string{"", "labels.csv line 2", "labels.csv line 3"}).Draw(t, "source"),
						Mark:   typology.Mark(rapid.IntRange(0, 4).Draw(t, "mark")),
					})
				}
			}
			ls = append(ls, l)
		}
		return ls
	})
}

func TestPackReadsBack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := genManyLabels().Draw(t, "labels")
		want := slices.Clone(ls)
		p := labelling.Pack(ls)
		clear(ls) // the Packed is not a view of the caller's slice
		if p.Len() != len(want) {
			t.Fatalf("Pack(%d labels).Len() = %d", len(want), p.Len())
		}
		var got []labelling.Label
		for i := range p.Len() {
			got = append(got, p.At(i))
			if eff := p.Effective(i); eff != want[i].Effective() {
				t.Errorf("Effective(%d) = %v, want %v", i, eff, want[i].Effective())
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Pack then At mismatch (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, slices.Collect(p.All())); diff != "" {
			t.Fatalf("Pack then All mismatch (-want +got):\n%s", diff)
		}
		// AppendTo writes a range after what dst holds, over what its
		// array held beyond it.
		lo := rapid.IntRange(0, len(want)).Draw(t, "lo")
		hi := rapid.IntRange(lo, len(want)).Draw(t, "hi")
		dst := append(make([]labelling.Label, 0, rapid.IntRange(0, 40).Draw(t, "cap")), want[:lo]...)
		if cap(dst) > len(dst) {
			dst[:cap(dst)][len(dst)] = labelling.MustLabel(labelling.MakeDate(2000, 1, 1), labelling.MakeDate(2001, 1, 1), labelling.Act{Kind: labelling.OtherAct, Date: labelling.MakeDate(2000, 1, 1)})
		}
		if diff := cmp.Diff(want[:hi], p.AppendTo(dst, lo, hi), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AppendTo(%d labels, %d, %d) mismatch (-want +got):\n%s", lo, lo, hi, diff)
		}
		// A Packer, label by label with room made now and then, packs
		// the same, and is empty again once it has.
		var pk labelling.Packer
		for i, l := range want {
			if rapid.IntRange(0, 3).Draw(t, "grow") == 0 {
				pk.Grow(rapid.IntRange(0, len(want)-i).Draw(t, "room"))
			}
			pk.Add(l)
		}
		if pk.Len() != len(want) {
			t.Fatalf("Packer.Len() = %d after %d labels", pk.Len(), len(want))
		}
		q := pk.Packed()
		if diff := cmp.Diff(want, slices.Collect(q.All())); diff != "" {
			t.Fatalf("Packer.Add then Packed mismatch (-want +got):\n%s", diff)
		}
		if q := pk.Packed(); pk.Len() != 0 || q.Len() != 0 {
			t.Fatalf("after Packed: Len() = %d, Packed().Len() = %d, want 0, 0", pk.Len(), q.Len())
		}
		// (That a label read back cannot change another is the internal
		// TestPackedEventsAreViewsCapped: from outside, a Label has no
		// way to write its events.)
		got = slices.Collect(p.All())
		// What Equal compares is not all a Label is: the methods that read
		// the rest must agree too.
		for i, l := range got {
			w := want[i]
			if l.End() != w.End() || l.Evaluated() != w.Evaluated() || l.String() != w.String() {
				t.Fatalf("At(%d) = %v (end %v, evaluated %v), want %v (end %v, evaluated %v)",
					i, l, l.End(), l.Evaluated(), w, w.End(), w.Evaluated())
			}
		}
	})
}

func TestPackedAtDoesNotAllocate(t *testing.T) {
	d := labelling.MustParseDate
	act := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25"), Ref: "arrêté du 25 novembre 2017"}
	l := labelling.MustLabel(d("2017-11-25"), d("2022-11-25"), act,
		labelling.EvaluationEvent(d("2021-06-01"), labelling.External)).
		WithProvenance(typology.Provenance{Source: "labels.csv line 2"})
	p := labelling.Pack([]labelling.Label{l, l, {}})
	var sink labelling.Label
	if n := testing.AllocsPerRun(100, func() {
		for i := range p.Len() {
			sink = p.At(i)
		}
	}); n != 0 {
		t.Errorf("Packed.At allocates %v times, want 0", n)
	}
	_ = sink
	buf := make([]labelling.Label, 0, p.Len())
	if n := testing.AllocsPerRun(100, func() { buf = p.AppendTo(buf[:0], 0, p.Len()) }); n != 0 {
		t.Errorf("Packed.AppendTo into a slice with room allocates %v times, want 0", n)
	}
}

func TestZeroPacked(t *testing.T) {
	var p labelling.Packed
	if p.Len() != 0 || slices.Collect(p.All()) != nil {
		t.Errorf("zero Packed: Len() = %d, All() yields %v; want none", p.Len(), slices.Collect(p.All()))
	}
	if q := labelling.Pack(nil); q.Len() != 0 {
		t.Errorf("Pack(nil).Len() = %d, want 0", q.Len())
	}
}

func TestPackedMarshalJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := genManyLabels().Draw(t, "labels")
		want, err := json.Marshal(ls)
		if ls == nil {
			want = []byte("[]")
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(labelling.Pack(ls))
		if err != nil || string(got) != string(want) {
			t.Fatalf("json.Marshal(Pack(ls)) = %s, %v; want %s as for ls", got, err, want)
		}
	})
}
