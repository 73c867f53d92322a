package analysis_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

// markedNetwork is the small network with marks: Necker's first label
// verified, its second derived, the centre itself inferred (so its third
// label, unmarked, reads as inferred).
func markedNetwork(t *testing.T) *network.Network {
	t.Helper()
	return smallNetworkWith(func(c *network.Centre) {
		if c.ID != "crmr-necker-12" {
			return
		}
		c.Provenance = typology.Provenance{Source: "test", Mark: typology.MarkInferred}
		ls := slices.Clone(c.Labels)
		ls[0] = ls[0].WithProvenance(typology.Provenance{Mark: typology.MarkVerified})
		ls[1] = ls[1].WithProvenance(typology.Provenance{Mark: typology.MarkDerived})
		c.Labels = ls
	})
}

func TestDescribe(t *testing.T) {
	n := markedNetwork(t)
	got := analysis.Describe(n, "marked")
	want := analysis.Basis{Network: "marked", Centres: 6, Unlabelled: 0, Labels: 9, LabelMarks: []analysis.MarkCount{
		{Mark: typology.MarkVerified, Labels: 1}, {Mark: typology.MarkInferred, Labels: 1}, {Mark: typology.MarkDerived, Labels: 1}, {Labels: 6}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Describe (-want +got):\n%s", diff)
	}
	got = analysis.Describe(n, "marked", typology.MarkVerified, typology.MarkInferred)
	if got.Labels != 2 || got.Unlabelled != 5 {
		t.Errorf("Describe(verified, inferred) = %d labels, %d unlabelled; want 2, 5", got.Labels, got.Unlabelled)
	}
	text := strings.Join(got.Lines(), "\n")
	for _, want := range []string{"Network: marked.", "6 centres, 5 of them with no label of the marks kept: not counted when a date is asked.", "9 labels, marked: verified 1, inferred 1, derived 1, no mark 6 (derived:", "Only labels marked verified or inferred are counted: 2 of 9."} {
		if !strings.Contains(text, want) {
			t.Errorf("Lines() lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "sample") {
		t.Errorf("a user's network is called a sample:\n%s", text)
	}
	nat := analysis.Describe(network.National(), "embedded")
	if !nat.Sample || !strings.Contains(nat.String(), "a sample of the national network") {
		t.Errorf("Describe(National()) = %+v, does not say it is a sample", nat)
	}
	if nat.Unlabelled == 0 || nat.Unlabelled > nat.Centres {
		t.Errorf("Describe(National()) counts %d unlabelled of %d", nat.Unlabelled, nat.Centres)
	}
	var b bytes.Buffer
	if err := got.WriteComments(&b); err != nil || !strings.HasPrefix(b.String(), "# Network: marked.\n# 6 centres") {
		t.Errorf("WriteComments = %q, %v", b.String(), err)
	}
}

func TestParseMarks(t *testing.T) {
	got, err := analysis.ParseMarks(" verified, inferred,verified")
	if err != nil || !slices.Equal(got, []typology.Mark{typology.MarkVerified, typology.MarkInferred}) {
		t.Errorf("ParseMarks = %v, %v", got, err)
	}
	if got, err := analysis.ParseMarks(""); got != nil || err != nil {
		t.Errorf("ParseMarks(\"\") = %v, %v; want none", got, err)
	}
	if _, err := analysis.ParseMarks("verified,sure"); err == nil || !strings.Contains(err.Error(), `"sure"`) {
		t.Errorf("ParseMarks(sure) = %v, want an error quoting it", err)
	}
}

// TestOnlyMarksCountsOnlyThoseLabels checks the timeline of a restricted
// network against a count of the labels of the marks kept.
func TestOnlyMarksCountsOnlyThoseLabels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		marks := rapid.SliceOfNDistinct(rapid.SampledFrom([]typology.Mark{0, 1, 2, 3, 4}), 1, 3, rapid.ID).Draw(t, "marks")
		var kept []typology.Mark
		for _, m := range marks {
			if m != 0 {
				kept = append(kept, m)
			}
		}
		r, err := analysis.OnlyMarks(n, kept...)
		if err != nil {
			t.Fatal(err)
		}
		at := genDate(t, "at")
		want := 0
		for c := range n.Centres() {
			for _, l := range c.Labels {
				if (len(kept) == 0 || slices.Contains(kept, analysis.LabelMark(c, l))) && l.InForce(at) {
					want++
					break
				}
			}
		}
		if got := analysis.Timeline(r, at)[0].Total; got != want {
			t.Fatalf("Timeline(OnlyMarks(%v)) at %v = %d centres, want %d", kept, at, got, want)
		}
		if r.NumCentres() != n.NumCentres() || r.Stats().Filieres != n.Stats().Filieres {
			t.Fatalf("OnlyMarks dropped entities: %+v, want %+v", r.Stats(), n.Stats())
		}
	})
}

// TestChangeDays checks that no count of a timeline changes between two
// consecutive change days.
func TestChangeDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		from := genDate(t, "from")
		w := labelling.MustWindow(from, from.AddDays(rapid.IntRange(1, 6000).Draw(t, "days")))
		days := analysis.ChangeDays(n, w)
		if !slices.IsSortedFunc(days, labelling.Date.Compare) {
			t.Fatalf("ChangeDays not sorted: %v", days)
		}
		at := w.Start().AddDays(rapid.IntRange(0, w.Days()-1).Draw(t, "at"))
		last := w.Start()
		for _, d := range days {
			if !w.Contains(d) {
				t.Fatalf("change day %v outside %v", d, w)
			}
			if !d.After(at) {
				last = d
			}
		}
		pts := analysis.Timeline(n, last, at)
		if diff := cmp.Diff(pts[0], pts[1], cmpopts.EquateEmpty(), cmpopts.IgnoreFields(analysis.Point{}, "Date")); diff != "" {
			t.Fatalf("counts changed between %v and %v with no change day between (-%v +%v):\n%s", last, at, last, at, diff)
		}
	})
}

func TestSeriesAndBreakdown(t *testing.T) {
	n := smallNetwork()
	pts := analysis.Timeline(n, d("2010-01-01"), d("2019-06-01"))
	got := analysis.SeriesOf(pts, analysis.BreakdownSector)
	want := []analysis.Series{{Key: "AnDDI-Rares", Counts: []int{0, 2}}, {Key: "SENSGENE", Counts: []int{0, 2}}, {Key: "(no sector)", Counts: []int{2, 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SeriesOf(sector) (-want +got):\n%s", diff)
	}
	if got := analysis.SeriesOf(pts, analysis.BreakdownTier); len(got) != 2 || got[0].Key != "reference" {
		t.Errorf("SeriesOf(tier) = %+v, want reference then competence", got)
	}
	for _, name := range []string{"tier", "group", "region", "interregion", "sector"} {
		b, err := analysis.ParseBreakdown(name)
		if err != nil || b.String() != name {
			t.Errorf("ParseBreakdown(%q) = %v, %v", name, b, err)
		}
	}
	if _, err := analysis.ParseBreakdown("colour"); err == nil {
		t.Error("ParseBreakdown(colour) succeeded")
	}
	var b analysis.Breakdown
	if err := b.UnmarshalText([]byte("region")); err != nil || b != analysis.BreakdownRegion {
		t.Errorf("UnmarshalText(region) = %v, %v", b, err)
	}
	if _, err := analysis.Breakdown(9).MarshalText(); err == nil || !strings.Contains(err.Error(), "marshal") {
		t.Errorf("MarshalText(Breakdown(9)) = %v", err)
	}
}

func TestSectorStart(t *testing.T) {
	if got := analysis.SectorStart(network.Filiere{}); got != d("2014-02-28") {
		t.Errorf("SectorStart of a sector of unknown age = %v, want 2014-02-28", got)
	}
	if got := analysis.SectorStart(network.Filiere{Since: d("2015-03-01")}); got != d("2015-03-01") {
		t.Errorf("SectorStart = %v, want its Since", got)
	}
}

func TestDerivedStatistics(t *testing.T) {
	n := markedNetwork(t)
	ds := analysis.LabelDurations(n)
	if ds[0].Derived != 1 || ds[1].Derived != 1 || ds[2].Derived != 0 {
		t.Errorf("LabelDurations Derived = %d, %d, %d; want 1, 1, 0", ds[0].Derived, ds[1].Derived, ds[2].Derived)
	}
	rs := analysis.RenewalDelays(n)
	if rs[1].Derived != 2 {
		t.Errorf("RenewalDelays reference Derived = %d, want 2 (the derived 2017 label, and the 2023 label after it)", rs[1].Derived)
	}
}
