package labelling_test

import (
	"cmp"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"pgregory.net/rapid"
)

// genLabels draws the labels of one centre: usually up to eight, sometimes
// up to 24 (past the small-case paths of History), starting within a few
// years of each other, so that renewals, gaps, overlaps, ties and empty
// windows all happen.
func genLabels() *rapid.Generator[[]labelling.Label] {
	from := labelling.MustParseDate("2010-01-01")
	return rapid.Custom(func(t *rapid.T) []labelling.Label {
		n := rapid.OneOf(rapid.IntRange(0, 8), rapid.IntRange(9, 24)).Draw(t, "n")
		parts := genLabelParts(from, 6*365)
		if n > 8 && rapid.Bool().Draw(t, "short") {
			// Short labels without events: many separate spans.
			parts = rapid.Map(genLabelPartsTerm(from, 6*365, rapid.IntRange(1, 40)), func(p labelParts) labelParts {
				p.events = nil
				return p
			})
		}
		ls := make([]labelling.Label, n)
		for i := range ls {
			ls[i] = parts.Draw(t, "label").build(t)
		}
		return ls
	})
}

// key is the RULES.md order of label i, for the naive oracle.
func key(ls []labelling.Label, i, j int) int {
	return cmp.Or(ls[i].Start().Compare(ls[j].Start()), ls[i].End().Compare(ls[j].End()), cmp.Compare(i, j))
}

// naivePrevious: the greatest label less than k, by a scan.
func naivePrevious(ls []labelling.Label, k int) (int, bool) {
	p, ok := 0, false
	for j := range ls {
		if key(ls, j, k) < 0 && (!ok || key(ls, j, p) > 0) {
			p, ok = j, true
		}
	}
	return p, ok
}

func naiveInForce(ls []labelling.Label, d labelling.Date) bool {
	return slices.ContainsFunc(ls, func(l labelling.Label) bool { return l.InForce(d) })
}

func TestHistoryOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := genLabels().Draw(t, "labels")
		h := labelling.NewHistory(ls)
		if h.Len() != len(ls) {
			t.Fatalf("Len() = %d, want %d", h.Len(), len(ls))
		}
		// Ordered: the document indexes sorted by the RULES.md key.
		want := make([]int, len(ls))
		for i := range want {
			want[i] = i
		}
		slices.SortFunc(want, func(i, j int) int { return key(ls, i, j) })
		var got []int
		for k, l := range h.Ordered() {
			got = append(got, k)
			if !l.Equal(ls[k]) || !h.Label(k).Equal(ls[k]) {
				t.Fatalf("Ordered/Label(%d) is not the label of that index", k)
			}
		}
		if diff := gocmp.Diff(want, got, gocmpEmpty); diff != "" {
			t.Fatalf("Ordered() mismatch (-want +got):\n%s", diff)
		}

		type pair struct{ A, B int }
		type gap struct {
			K   int
			Gap labelling.Window
		}
		var wantGaps, gotGaps []gap
		var wantRenew, gotRenew []pair
		for _, k := range want {
			p, ok := naivePrevious(ls, k)
			gp, gok := h.Previous(k)
			if gp != p || gok != ok {
				t.Fatalf("Previous(%d) = %d, %v, want %d, %v", k, gp, gok, p, ok)
			}
			if !ok {
				continue
			}
			if !ls[p].Evaluated() {
				wantRenew = append(wantRenew, pair{k, p})
			}
			var latest labelling.Date
			for j := range ls {
				if key(ls, j, k) < 0 && ls[j].End().After(latest) {
					latest = ls[j].End()
				}
			}
			if ls[k].Start().After(latest) {
				wantGaps = append(wantGaps, gap{k, labelling.MustWindow(latest, ls[k].Start())})
			}
		}
		for k, g := range h.Gaps() {
			gotGaps = append(gotGaps, gap{k, g})
			if g2, ok := h.GapBefore(k); !ok || g2 != g {
				t.Fatalf("GapBefore(%d) = %v, %v, want %v", k, g2, ok, g)
			}
		}
		for k, p := range h.RenewedWithoutEvaluation() {
			gotRenew = append(gotRenew, pair{k, p})
		}
		if diff := gocmp.Diff(wantGaps, gotGaps, gocmpEmpty); diff != "" {
			t.Fatalf("Gaps() mismatch (-want +got):\n%s", diff)
		}
		if diff := gocmp.Diff(wantRenew, gotRenew, gocmpEmpty); diff != "" {
			t.Fatalf("RenewedWithoutEvaluation() mismatch (-want +got):\n%s", diff)
		}

		// Overlaps: every pair whose effective windows intersect, earlier
		// label first, ordered by the later label then the earlier one.
		rank := make([]int, len(ls))
		for r, k := range want {
			rank[k] = r
		}
		var wantOv, gotOv []pair
		for _, b := range want {
			for _, a := range want {
				if rank[a] < rank[b] && ls[a].Effective().Overlaps(ls[b].Effective()) {
					wantOv = append(wantOv, pair{a, b})
				}
			}
		}
		for a, b := range h.Overlaps() {
			gotOv = append(gotOv, pair{a, b})
		}
		if diff := gocmp.Diff(wantOv, gotOv, gocmpEmpty); diff != "" {
			t.Fatalf("Overlaps() mismatch (-want +got):\n%s", diff)
		}

		// Day by day: InForce, Spans, years, LatestEnd, EndedBy.
		lo := labelling.MustParseDate("2009-12-01")
		hi := labelling.MustParseDate("2040-01-01")
		inSpan := func(d labelling.Date) bool {
			for s := range h.Spans() {
				if s.Contains(d) {
					return true
				}
			}
			return false
		}
		var prev labelling.Window
		for s := range h.Spans() {
			if s.IsEmpty() || !prev.IsEmpty() && !s.Start().After(prev.End()) {
				t.Fatalf("Spans(): %v after %v is empty, unsorted or touching", s, prev)
			}
			prev = s
		}
		covered := map[int]int{}
		for d := lo; d.Before(hi); d = d.AddDays(1) {
			in := naiveInForce(ls, d)
			if h.InForce(d) != in || inSpan(d) != in {
				t.Fatalf("InForce(%v) = %v (spans %v), want %v", d, h.InForce(d), inSpan(d), in)
			}
			if in {
				covered[d.Year()]++
			}
			var latest labelling.Date
			started, ended := false, false
			var endedAt labelling.Date
			for _, l := range ls {
				if !l.Start().After(d) {
					started = true
					if l.End().After(latest) {
						latest = l.End()
					}
				}
				if l.EndedBy(d) {
					ended = true
					if l.End().After(endedAt) {
						endedAt = l.End()
					}
				}
			}
			if e, ok := h.LatestEnd(d); ok != started || e != latest {
				t.Fatalf("LatestEnd(%v) = %v, %v, want %v, %v", d, e, ok, latest, started)
			}
			// RULES.md label.lapsed: no label in force, one ended.
			lapsed := !in && ended
			if e, ok := h.EndedBy(d); ok != lapsed || ok && e != endedAt {
				t.Fatalf("EndedBy(%v) = %v, %v, want %v, %v", d, e, ok, endedAt, lapsed)
			}
		}
		var wantYears []int
		for y := lo.Year(); y < hi.Year(); y++ {
			whole := covered[y] == labelling.YearWindow(y).Days()
			if whole {
				wantYears = append(wantYears, y)
			}
			if h.CoversYear(y) != whole {
				t.Fatalf("CoversYear(%d) = %v, want %v", y, h.CoversYear(y), whole)
			}
			if got, want := h.InForceDuring(labelling.YearWindow(y)), covered[y] > 0; got != want {
				t.Fatalf("InForceDuring(year %d) = %v, want %v", y, got, want)
			}
		}
		if diff := gocmp.Diff(wantYears, slices.Collect(h.CoveredYears()), gocmpEmpty); diff != "" {
			t.Fatalf("CoveredYears() mismatch (-want +got):\n%s", diff)
		}
		// Covers and InForceDuring on short random windows.
		w := genWindow().Draw(t, "w")
		all, any := true, false
		for _, d := range days(w) {
			in := naiveInForce(ls, d)
			all, any = all && in, any || in
		}
		if h.Covers(w) != all || h.InForceDuring(w) != any {
			t.Fatalf("Covers(%v) = %v, InForceDuring = %v, want %v, %v", w, h.Covers(w), h.InForceDuring(w), all, any)
		}
	})
}

// gocmpEmpty treats nil and empty slices alike.
// and compares dates and windows with ==.
var gocmpEmpty = gocmp.Options{
	cmpopts.EquateEmpty(),
	cmpopts.EquateComparable(labelling.Date{}, labelling.Window{}),
}

func TestHistoryEdges(t *testing.T) {
	var h labelling.History
	d := labelling.MustParseDate("2017-11-25")
	if h.Len() != 0 || h.InForce(d) || h.CoversYear(2018) || h.InForceDuring(labelling.YearWindow(2018)) {
		t.Error("the zero History is labelled")
	}
	if _, ok := h.Previous(0); ok {
		t.Error("Previous(0) on the zero History reported a label")
	}
	if _, ok := h.GapBefore(-1); ok {
		t.Error("GapBefore(-1) reported a gap")
	}
	if !h.Covers(labelling.Window{}) || h.InForceDuring(labelling.Window{}) {
		t.Error("Covers/InForceDuring of the empty window")
	}
	if _, ok := h.LatestEnd(d); ok {
		t.Error("LatestEnd on the zero History reported a date")
	}
	// Early exits of the iterators.
	act := labelling.Act{Kind: labelling.Arrete, Date: d}
	ls := []labelling.Label{
		labelling.MustLabel(d, d.AddDate(5, 0, 0), act),
		labelling.MustLabel(d.AddDate(1, 0, 0), d.AddDate(6, 0, 0), act),
		labelling.MustLabel(d.AddDate(8, 0, 0), d.AddDate(13, 0, 0), act),
		labelling.MustLabel(d.AddDate(9, 0, 0), d.AddDate(14, 0, 0), act),
		labelling.MustLabel(d.AddDate(15, 0, 0), d.AddDate(20, 0, 0), act),
	}
	h = labelling.NewHistory(ls)
	for range h.Ordered() {
		break
	}
	for range h.Gaps() {
		break
	}
	for range h.Overlaps() {
		break
	}
	for range h.RenewedWithoutEvaluation() {
		break
	}
	for range h.CoveredYears() {
		break
	}
	for range h.Spans() {
		break
	}
	var pairs [][2]int
	for a, b := range h.Overlaps() {
		pairs = append(pairs, [2]int{a, b})
	}
	if diff := gocmp.Diff([][2]int{{0, 1}, {2, 3}}, pairs); diff != "" {
		t.Errorf("Overlaps() mismatch (-want +got):\n%s", diff)
	}
}

// BenchmarkHistory builds the histories of 10,000 labels in 2,500 centres
// and runs on each the queries of the label rules, with four years of
// activity per centre.
func BenchmarkHistory(b *testing.B) {
	d := labelling.MustParseDate("2007-01-01")
	act := labelling.Act{Kind: labelling.Arrete, Date: d}
	centres := make([][]labelling.Label, 2500)
	for i := range centres {
		s := d.AddDays(i % 400)
		for j := range 4 {
			start := s.AddDate(5*j, 0, (i*j)%3-1)
			centres[i] = append(centres[i], labelling.MustLabel(start, start.AddDate(5, 0, 0), act,
				labelling.EvaluationEvent(start.AddDate(4, 0, 0), labelling.External)))
		}
	}
	at := labelling.MustParseDate("2024-06-01")
	b.ReportAllocs()
	var h labelling.History
	for b.Loop() {
		n := 0
		for _, ls := range centres {
			h = h.Reuse(ls)
			for range h.Overlaps() {
				n++
			}
			for range h.Gaps() {
				n++
				break
			}
			for range h.RenewedWithoutEvaluation() {
				n++
			}
			for y := 2019; y < 2023; y++ { // four years of activity
				if h.CoversYear(y) {
					n++
				}
				if h.InForceDuring(labelling.YearWindow(y)) {
					n++
				}
			}
			if h.InForce(at) {
				n++
			}
			if _, ok := h.EndedBy(at); ok {
				n++
			}
		}
		_ = n
	}
}
