package analysis_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

// naivePoint counts a snapshot: what a Point must equal.
func naivePoint(n *network.Network, at labelling.Date) analysis.Point {
	s := n.Snapshot(at)
	p := analysis.Point{
		Date:          at,
		ByTier:        map[typology.Tier]int{},
		ByGroup:       map[typology.Group]int{},
		ByRegion:      map[network.RegionCode]int{},
		ByInterregion: map[network.Interregion]int{},
		BySector:      map[network.FiliereID]int{},
	}
	for c := range s.Centres() {
		p.Total++
		p.ByTier[c.Tier]++
		p.ByGroup[c.Group]++
		r, _ := s.RegionOfCentre(c.ID)
		p.ByRegion[r]++
		reg, _ := network.RegionOf(r)
		p.ByInterregion[reg.Interregion]++
		k := 0
		for f := range s.FilieresOf(c.ID) {
			if memberOn(f, at) {
				p.BySector[f.ID]++
				k++
			}
		}
		if k == 0 {
			p.NoSector++
		}
	}
	return p
}

// memberOn reports whether sector f counts its members on day at: from
// its Since, or from 2014-02-28 (the sectors' announcement) when unknown.
func memberOn(f network.Filiere, at labelling.Date) bool {
	since := f.Since
	if since.IsZero() {
		since = d("2014-02-28")
	}
	return !at.Before(since)
}

func TestTimelineEqualsSnapshots(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		dates := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) labelling.Date { return genDate(t, "date") }), 0, 6).Draw(t, "dates")
		got := analysis.Timeline(n, dates...)
		if len(got) != len(dates) {
			t.Fatalf("Timeline returned %d points for %d dates", len(got), len(dates))
		}
		for i, at := range dates {
			if diff := cmp.Diff(naivePoint(n, at), got[i], cmpopts.EquateEmpty(), dateOpt); diff != "" {
				t.Fatalf("Timeline at %v mismatch with the snapshot (-want +got):\n%s", at, diff)
			}
		}
	})
}

func TestCoverageEqualsRecount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		at := genDate(t, "at")
		cov := analysis.Cover(n, at)
		for r := range network.Regions() {
			for g := range typology.Groups() {
				var want analysis.Cell
				for c := range n.CentresInRegion(r.Code) {
					if c.Group == g && c.InForce(at) {
						if c.Tier == typology.Reference {
							want.Reference++
						} else {
							want.Competence++
						}
					}
				}
				if got := cov.Region(r.Code, g); got != want {
					t.Fatalf("Region(%s, %d) = %+v, want %+v", r.Code, g, got, want)
				}
			}
		}
		for ir := range network.Interregions() {
			for g := range typology.Groups() {
				var want analysis.Cell
				for c := range n.CentresInInterregion(ir) {
					if c.Group == g && c.InForce(at) {
						if c.Tier == typology.Reference {
							want.Reference++
						} else {
							want.Competence++
						}
					}
				}
				if got := cov.Interregion(ir, g); got != want {
					t.Fatalf("Interregion(%v, %d) = %+v, want %+v", ir, g, got, want)
				}
			}
		}
		// Gaps are exactly the empty cells, each with a nearest region
		// that is covered and no nearer covered region.
		var gaps int
		for _, gp := range cov.Gaps() {
			gaps++
			if cov.Region(gp.Region, gp.Group).Total() != 0 {
				t.Fatalf("gap %v × %d is covered", gp.Region, gp.Group)
			}
			p, ok := analysis.ReferencePoint(gp.Region)
			if !ok {
				if gp.Nearest != "" || gp.NearestCentre != "" {
					t.Fatalf("gap %v without reference point has a nearest: %+v", gp.Region, gp)
				}
				continue
			}
			for r := range network.Regions() {
				q, ok := analysis.ReferencePoint(r.Code)
				if !ok || r.Code == gp.Region || cov.Region(r.Code, gp.Group).Total() == 0 {
					continue
				}
				if gp.Nearest == "" || analysis.DistanceKm(p.Location, q.Location) < gp.NearestKm-1e-9 {
					t.Fatalf("gap %v × %d: nearest %q at %v km, but %v is covered at %v km", gp.Region, gp.Group, gp.Nearest, gp.NearestKm, r.Code, analysis.DistanceKm(p.Location, q.Location))
				}
			}
		}
		empty := 0
		for r := range network.Regions() {
			for g := range typology.Groups() {
				if cov.Region(r.Code, g).Total() == 0 {
					empty++
				}
			}
		}
		if gaps != empty {
			t.Fatalf("Gaps() has %d gaps, the matrix %d empty cells", gaps, empty)
		}
	})
}

// quantileR7 is the textbook R-7 quantile, the oracle for Summarize.
func quantileR7(sorted []float64, q float64) float64 {
	h := float64(len(sorted)-1) * q
	lo := math.Floor(h)
	if int(lo)+1 >= len(sorted) {
		return sorted[int(lo)]
	}
	return sorted[int(lo)] + (h-lo)*(sorted[int(lo)+1]-sorted[int(lo)])
}

func naiveSummary(xs []float64) analysis.Summary {
	if len(xs) == 0 {
		return analysis.Summary{}
	}
	s := slices.Sorted(slices.Values(xs))
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	mean := sum / float64(len(s))
	ss := 0.0
	for _, x := range s {
		ss += (x - mean) * (x - mean)
	}
	sd := 0.0
	if len(s) > 1 {
		sd = math.Sqrt(ss / float64(len(s)-1))
	}
	return analysis.Summary{N: len(s), Mean: mean, StdDev: sd, Min: s[0], Q1: quantileR7(s, .25),
		Median: quantileR7(s, .5), Q3: quantileR7(s, .75), Max: s[len(s)-1]}
}

var (
	approx  = cmpopts.EquateApprox(1e-9, 1e-9)
	dateOpt = cmpopts.EquateComparable(labelling.Date{})
)

func TestSummarizeAgreesWithNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOf(rapid.Float64Range(-1e4, 1e4)).Draw(t, "xs")
		in := slices.Clone(xs)
		got := analysis.Summarize(xs)
		if diff := cmp.Diff(naiveSummary(xs), got, approx); diff != "" {
			t.Fatalf("Summarize mismatch (-want +got):\n%s", diff)
		}
		if !slices.Equal(in, xs) {
			t.Fatalf("Summarize modified its input")
		}
	})
}

func TestStatisticsAgreeWithNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		// Active files, recounted per (year, tier, group) and per
		// (year, tier).
		var want []analysis.ActiveFile
		years := map[int]bool{}
		for c := range n.Centres() {
			for _, a := range c.Activity {
				years[a.Year] = true
			}
		}
		for _, y := range slices.Sorted(func(yield func(int) bool) {
			for y := range years {
				if !yield(y) {
					return
				}
			}
		}) {
			for tier := range typology.Tiers() {
				for g := 0; g <= 17; g++ {
					var xs []float64
					for c := range n.CentresByTier(tier) {
						if g != 0 && int(c.Group) != g {
							continue
						}
						for _, a := range c.Activity {
							if a.Year == y {
								xs = append(xs, float64(a.Patients))
							}
						}
					}
					if len(xs) > 0 {
						want = append(want, analysis.ActiveFile{Year: y, Tier: tier, Group: typology.Group(g), Summary: naiveSummary(xs)})
					}
				}
			}
		}
		if diff := cmp.Diff(want, analysis.ActiveFiles(n), approx, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("ActiveFiles mismatch (-want +got):\n%s", diff)
		}
		// Label durations.
		durs := map[typology.Tier][]float64{}
		derived := map[typology.Tier]int{}
		for c := range n.Centres() {
			for _, l := range c.Labels {
				if days := l.End().Sub(l.Start()); days > 0 {
					durs[c.Tier] = append(durs[c.Tier], float64(days))
					if l.Provenance().Mark == typology.MarkDerived || (l.Provenance().Mark == 0 && c.Provenance.Mark == typology.MarkDerived) {
						derived[c.Tier]++
					}
				}
			}
		}
		wantD := []analysis.TierSummary{
			{Tier: 0, Summary: naiveSummary(append(slices.Clone(durs[typology.Reference]), durs[typology.Competence]...)), Derived: derived[typology.Reference] + derived[typology.Competence]},
			{Tier: typology.Reference, Summary: naiveSummary(durs[typology.Reference]), Derived: derived[typology.Reference]},
			{Tier: typology.Competence, Summary: naiveSummary(durs[typology.Competence]), Derived: derived[typology.Competence]},
		}
		if diff := cmp.Diff(wantD, analysis.LabelDurations(n), approx); diff != "" {
			t.Fatalf("LabelDurations mismatch (-want +got):\n%s", diff)
		}
		// Renewals: a label after others; days from the latest end of
		// the labels sorted before it.
		var wantR []analysis.Renewal
		for c := range n.Centres() {
			for k, l := range c.Labels {
				var latest labelling.Date
				isDerived := l.Provenance().Mark == typology.MarkDerived
				for j, m := range c.Labels {
					before := m.Compare(l) < 0 || (m.Compare(l) == 0 && j < k)
					if before && m.End().After(latest) {
						latest = m.End()
					}
					if before && m.Provenance().Mark == typology.MarkDerived {
						isDerived = true
					}
				}
				if !latest.IsZero() {
					wantR = append(wantR, analysis.Renewal{Centre: c.ID, Tier: c.Tier, Label: k, PreviousEnd: latest, Start: l.Start(), Days: l.Start().Sub(latest), Derived: isDerived})
				}
			}
		}
		if diff := cmp.Diff(wantR, analysis.Renewals(n), cmpopts.EquateEmpty(), dateOpt); diff != "" {
			t.Fatalf("Renewals mismatch (-want +got):\n%s", diff)
		}
		// Sector sizes.
		at := genDate(t, "at")
		sizes, sum := analysis.SectorSizes(n, at)
		var xs []float64
		for _, s := range sizes {
			var want analysis.Cell
			f, _ := n.Filiere(s.Filiere)
			for c := range n.Snapshot(at).CentresOfFiliere(s.Filiere) {
				if !memberOn(f, at) {
					continue
				}
				if c.Tier == typology.Reference {
					want.Reference++
				} else {
					want.Competence++
				}
			}
			if s.Cell != want {
				t.Fatalf("SectorSizes %s = %+v, want %+v", s.Filiere, s.Cell, want)
			}
			xs = append(xs, float64(want.Total()))
		}
		if diff := cmp.Diff(naiveSummary(xs), sum, approx); diff != "" {
			t.Fatalf("SectorSizes summary mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestHistory(t *testing.T) {
	n := smallNetwork()
	got, ok := analysis.History(n, "crmr-necker-12")
	if !ok {
		t.Fatal("History: centre not found")
	}
	arr := func(s string) labelling.Act { return labelling.Act{Kind: labelling.Arrete, Date: d(s)} }
	want := []analysis.Change{
		{Centre: "crmr-necker-12", Date: d("2006-07-12"), Kind: analysis.Granted, Label: 0, Act: arr("2006-07-12"), Campaign: "crmr-2006"},
		{Centre: "crmr-necker-12", Date: d("2011-07-12"), Kind: analysis.Ended, Label: 0},
		{Centre: "crmr-necker-12", Date: d("2017-11-25"), Kind: analysis.Granted, Label: 1, Act: arr("2017-11-25"), Campaign: "crmr-2017-mhc"},
		{Centre: "crmr-necker-12", Date: d("2021-06-01"), Kind: analysis.Evaluated, Label: 1},
		{Centre: "crmr-necker-12", Date: d("2022-06-01"), Kind: analysis.Extended, Label: 1, Act: arr("2022-06-01"), Until: d("2023-12-29")},
		{Centre: "crmr-necker-12", Date: d("2023-12-29"), Kind: analysis.Ended, Label: 1},
		{Centre: "crmr-necker-12", Date: d("2023-12-29"), Kind: analysis.Renewed, Label: 2, Act: arr("2023-12-29"), Campaign: "crmr-2023"},
		{Centre: "crmr-necker-12", Date: d("2028-12-29"), Kind: analysis.Ended, Label: 2},
	}
	if diff := cmp.Diff(want, got, dateOpt); diff != "" {
		t.Errorf("History mismatch (-want +got):\n%s", diff)
	}
	// A designation record names the campaign; a withdrawal replaces the end.
	got, _ = analysis.History(n, "ccmr-rennes-12")
	if got[0].Campaign != labelling.CampaignCCMR2007 {
		t.Errorf("History(ccmr-rennes-12)[0].Campaign = %q, want %q", got[0].Campaign, labelling.CampaignCCMR2007)
	}
	got, _ = analysis.History(n, "ccmr-reunion-12")
	kinds := []analysis.ChangeKind{}
	for _, c := range got {
		kinds = append(kinds, c.Kind)
	}
	if want := []analysis.ChangeKind{analysis.Granted, analysis.Withdrawn}; !slices.Equal(kinds, want) {
		t.Errorf("History(ccmr-reunion-12) kinds = %v, want %v", kinds, want)
	}
	if _, ok := analysis.History(n, "nope"); ok {
		t.Errorf("History(nope) reported a centre")
	}
	ch := analysis.Changes(n, labelling.YearWindow(2017))
	if len(ch) != 4 {
		t.Errorf("Changes(2017) = %d changes, want 4: %v", len(ch), ch)
	}
}

func TestChangeKindString(t *testing.T) {
	for k, want := range map[analysis.ChangeKind]string{0: "ChangeKind(0)", analysis.Granted: "granted", analysis.Ended: "ended", 99: "ChangeKind(99)"} {
		if got := k.String(); got != want {
			t.Errorf("ChangeKind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

func TestCoverageSmall(t *testing.T) {
	cov := analysis.Cover(smallNetwork(), d("2018-06-01"))
	if got, want := cov.Region("53", typology.Sensory), (analysis.Cell{Competence: 1}); got != want {
		t.Errorf("Region(53, sensory) = %+v, want %+v", got, want)
	}
	if got, want := cov.Interregion(network.GrandOuest, typology.DevelopmentalAnomalies), (analysis.Cell{Reference: 1}); got != want {
		t.Errorf("Interregion(grand-ouest, 3) = %+v, want %+v", got, want)
	}
	if got := cov.Region("99", typology.Sensory); got != (analysis.Cell{}) {
		t.Errorf("Region(99) = %+v, want zero", got)
	}
	if got := cov.RegionTotal("53"); got.Total() != 2 {
		t.Errorf("RegionTotal(53) = %+v, want 2 centres", got)
	}
	var gap analysis.Gap
	for _, g := range cov.Gaps() {
		if g.Region == "28" && g.Group == typology.Sensory {
			gap = g
		}
	}
	// Normandie's nearest sensory centres: Île-de-France (Necker) by
	// reference points, Necker by hospital too.
	if gap.Nearest != "11" || gap.NearestCentre != "crmr-necker-12" {
		t.Errorf("gap Normandie × sensory = %+v, want nearest 11 and crmr-necker-12", gap)
	}
	// Competence-only gaps: Île-de-France has no competence centre.
	found := false
	for _, g := range cov.Gaps(typology.Competence) {
		if g.Region == "11" && g.Group == typology.Sensory {
			found = true
			if g.NearestCentre == "crmr-necker-12" {
				t.Errorf("competence gap's nearest centre is a reference centre: %+v", g)
			}
		}
	}
	if !found {
		t.Errorf("Gaps(competence) misses Île-de-France × sensory")
	}
	var b bytes.Buffer
	if err := cov.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs), 1+18*17+7*17; got != want {
		t.Errorf("WriteCSV wrote %d records, want %d", got, want)
	}
}

func TestYearlyDates(t *testing.T) {
	got := analysis.YearlyDates(2019, 2021, time.December, 31)
	want := []labelling.Date{d("2019-12-31"), d("2020-12-31"), d("2021-12-31")}
	if !slices.Equal(got, want) {
		t.Errorf("YearlyDates = %v, want %v", got, want)
	}
	if got := analysis.YearlyDates(2021, 2019, time.January, 1); got != nil {
		t.Errorf("YearlyDates(2021, 2019) = %v, want nil", got)
	}
}

func TestReferencePoints(t *testing.T) {
	ps := analysis.ReferencePoints()
	if len(ps) != 15 {
		t.Fatalf("%d reference points, want 13 metropolitan + 2 overseas", len(ps))
	}
	for _, p := range ps {
		if p.Source == "" || !p.Location.Known {
			t.Errorf("reference point %+v lacks a source or a position", p)
		}
		r, ok := network.RegionOf(p.Region)
		if !ok {
			t.Errorf("reference point of unknown region %q", p.Region)
			continue
		}
		// Metropolitan points lie in metropolitan France.
		if !r.Overseas && (p.Location.Lat < 41 || p.Location.Lat > 51.2 || p.Location.Lon < -5.5 || p.Location.Lon > 9.7) {
			t.Errorf("reference point of %s at %+v is outside France", r.Name, p.Location)
		}
	}
	for _, code := range []network.RegionCode{"01", "02", "06"} {
		if _, ok := analysis.ReferencePoint(code); ok {
			t.Errorf("ReferencePoint(%s) found a point the data does not give", code)
		}
	}
	// Paris-Lyon is about 392 km as the crow flies.
	paris := network.Location{Lat: 48.8566, Lon: 2.3522, Known: true}
	lyon := network.Location{Lat: 45.764, Lon: 4.8357, Known: true}
	if km := analysis.DistanceKm(paris, lyon); math.Abs(km-392) > 3 {
		t.Errorf("DistanceKm(Paris, Lyon) = %.1f, want about 392", km)
	}
	if km := analysis.DistanceKm(paris, network.Location{}); !math.IsNaN(km) {
		t.Errorf("DistanceKm to an unknown location = %v, want NaN", km)
	}
}

// TestOverseasPointsMatchEstablishments checks the overseas reference
// points against the embedded network's establishments they are copied
// from, and that the hospitals without a position still have none.
func TestOverseasPointsMatchEstablishments(t *testing.T) {
	n := network.National()
	for code, id := range map[network.RegionCode]network.EstablishmentID{"03": "ch-cayenne", "04": "chu-reunion"} {
		p, _ := analysis.ReferencePoint(code)
		e, ok := n.Establishment(id)
		if !ok {
			t.Fatalf("the embedded network has no establishment %s, whose position is a reference point", id)
		}
		if e.Region != code || e.Location != p.Location {
			t.Errorf("ReferencePoint(%s) = %+v, establishment %s is in region %s at %+v", code, p.Location, id, e.Region, e.Location)
		}
	}
	for _, id := range []network.EstablishmentID{"chu-guadeloupe", "chu-martinique"} {
		if e, ok := n.Establishment(id); ok && e.Location.Known {
			t.Errorf("the embedded network now gives a position for %s: use it as a reference point", id)
		}
	}
}

// TestOutlinesData checks that the embedded outlines come with their
// README, which states the source, the licence and the attribution.
func TestOutlinesData(t *testing.T) {
	b, err := os.ReadFile("data/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Licence Ouverte", "5d34ee6d0140c29f785fdb047d9329f1aab58833", analysis.Attribution} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("data/README.md does not say %q", want)
		}
	}
}
