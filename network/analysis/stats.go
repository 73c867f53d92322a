package analysis

import (
	"cmp"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
	"golang.org/x/exp/stats"
)

// A Summary describes a sample of numbers: its size, mean, sample
// standard deviation and quantiles. Quantiles are computed by
// golang.org/x/exp/stats (Hyndman and Fan's R-7 method, the default of R
// and of spreadsheets: linear interpolation between order statistics).
// The zero Summary describes the empty sample; StdDev is 0 for a sample
// of one.
type Summary struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	StdDev float64 `json:"std_dev"`
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	Max    float64 `json:"max"`
}

// Summarize returns the summary of xs, the zero Summary when xs is empty.
// It does not modify xs.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	mean, sd := stats.MeanAndStdDev(xs)
	q := stats.Quantiles(xs, 0, 0.25, 0.5, 0.75, 1)
	return Summary{N: len(xs), Mean: mean, StdDev: sd, Min: q[0], Q1: q[1], Median: q[2], Q3: q[3], Max: q[4]}
}

// An ActiveFile summarises the active files (patients followed in the
// year, cahier des charges 1.2) recorded for Year by the centres of Tier
// in Group. Group is the zero Group on the row that summarises every group
// of the tier.
type ActiveFile struct {
	Year  int            `json:"year"`
	Tier  typology.Tier  `json:"tier,omitzero"`
	Group typology.Group `json:"group,omitzero"`
	Summary
}

// ActiveFiles summarises the recorded activity of n: for each year with
// activity, each tier and each group, the active files of the centres that
// recorded that year (whether or not a label covered it: the rule
// label.activity-outside-window reports those), plus one row per year and
// tier over every group (Group zero). Rows are sorted by year, tier, then
// group, the all-groups row first.
func ActiveFiles(n *network.Network) []ActiveFile {
	type key struct {
		year  int
		tier  typology.Tier
		group typology.Group
	}
	samples := map[key][]float64{}
	for i := range n.NumCentres() {
		v := n.CentreAt(i) // a view: nothing of the centre is copied
		for j := range v.NumActivity() {
			a := v.Activity(j)
			for _, g := range [2]typology.Group{0, v.Group()} {
				k := key{a.Year, v.Tier(), g}
				samples[k] = append(samples[k], float64(a.Patients))
			}
		}
	}
	out := make([]ActiveFile, 0, len(samples))
	for k, xs := range samples {
		out = append(out, ActiveFile{Year: k.year, Tier: k.tier, Group: k.group, Summary: Summarize(xs)})
	}
	slices.SortFunc(out, func(a, b ActiveFile) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Tier, b.Tier), cmp.Compare(a.Group, b.Group))
	})
	return out
}

// A SectorSize counts the member centres of a sector (filière) in force
// on a date, by tier: none before the sector was constituted
// ([SectorStart]).
type SectorSize struct {
	Filiere network.FiliereID `json:"filiere"`
	Cell
}

// SectorSizes returns, for every sector of n in ID order, its member
// centres in force on date at, by tier; and the summary of the sectors'
// totals.
func SectorSizes(n *network.Network, at labelling.Date) ([]SectorSize, Summary) {
	var out []SectorSize
	var xs []float64
	for f := range n.Filieres() {
		s := SectorSize{Filiere: f.ID}
		for c := range n.CentresOfFiliere(f.ID) {
			if !at.Before(SectorStart(f)) && c.InForce(at) {
				s.add(c.Tier)
			}
		}
		out = append(out, s)
		xs = append(xs, float64(s.Total()))
	}
	return out, Summarize(xs)
}

// A TierSummary summarises a sample for one tier, or for both when Tier is
// the zero Tier.
type TierSummary struct {
	Tier typology.Tier `json:"tier,omitzero"`
	Summary
	// Derived is how many of the N values rest on a label marked derived
	// ([LabelMark]): computed from other facts, such as a window computed
	// from its campaign's act. Such values echo the rule that derived
	// them (a five-year window lasts five years), not a finding.
	Derived int `json:"derived"`
}

// byTier summarises per-tier samples, with per-tier counts of derived
// values: the all-tiers row first, then reference, then competence (a
// tier with no value gets the zero Summary).
func byTier(samples map[typology.Tier][]float64, derived map[typology.Tier]int) []TierSummary {
	var all []float64
	allDerived := 0
	for t := range typology.Tiers() {
		all = append(all, samples[t]...)
		allDerived += derived[t]
	}
	out := []TierSummary{{Tier: 0, Summary: Summarize(all), Derived: allDerived}}
	for t := range typology.Tiers() {
		out = append(out, TierSummary{Tier: t, Summary: Summarize(samples[t]), Derived: derived[t]})
	}
	return out
}

// LabelDurations summarises, in days, the effective durations of the
// labels of n (their windows after extensions and withdrawals; labels
// withdrawn on their first day are left out), for both tiers together,
// then reference, then competence. A five-year label lasts 1826 or 1827
// days; Derived counts the labels marked derived, whose windows were
// computed rather than read.
func LabelDurations(n *network.Network) []TierSummary {
	samples := map[typology.Tier][]float64{}
	derived := map[typology.Tier]int{}
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		for k := range v.NumLabels() {
			l := v.Label(k)
			if d := l.Effective().Days(); d > 0 {
				samples[v.Tier()] = append(samples[v.Tier()], float64(d))
				if labelMark(v.Provenance().Mark, l) == typology.MarkDerived {
					derived[v.Tier()]++
				}
			}
		}
	}
	return byTier(samples, derived)
}

// A Renewal is a label that follows earlier labels of the same centre
// (RULES.md's order: start, then effective end, then document order), with
// the time between the end of those labels and its start.
type Renewal struct {
	Centre network.CentreID `json:"centre"`
	Tier   typology.Tier    `json:"tier,omitzero"`
	// Label is the position of the label in the centre's Labels.
	Label int `json:"label"`
	// PreviousEnd is the latest effective end (first day no longer
	// covered) of the labels before it.
	PreviousEnd labelling.Date `json:"previous_end,omitzero"`
	// Start is the label's start.
	Start labelling.Date `json:"start,omitzero"`
	// Days is Start - PreviousEnd: 0 for a renewal without a break, more
	// for a gap (the centre was unlabelled for Days days), less than 0
	// when the new label started before the old ones ended.
	Days int `json:"days"`
	// Derived is true when the label or one of the centre's labels before
	// it is marked derived ([LabelMark]): Days then rests on computed
	// dates.
	Derived bool `json:"derived,omitzero"`
}

// Renewals returns every label of n that has earlier labels on its
// centre, in centre ID then label position order.
func Renewals(n *network.Network) []Renewal {
	var out []Renewal
	var labels []labelling.Label
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		labels = v.AppendLabels(labels[:0])
		for k, prev := range startsAfter(labels) {
			if prev.IsZero() {
				continue
			}
			l := labels[k]
			s := l.Start()
			derived := false
			for j, m := range labels {
				upTo := m.Compare(l) < 0 || (m.Compare(l) == 0 && j <= k) // RULES.md's order
				if upTo && labelMark(v.Provenance().Mark, m) == typology.MarkDerived {
					derived = true
				}
			}
			out = append(out, Renewal{Centre: v.ID(), Tier: v.Tier(), Label: k, PreviousEnd: prev, Start: s, Days: s.Sub(prev), Derived: derived})
		}
	}
	return out
}

// RenewalDelays summarises the Days of [Renewals]: the time in days
// between the end of a centre's labels and the start of the next one, for
// both tiers together, then reference, then competence.
func RenewalDelays(n *network.Network) []TierSummary {
	samples := map[typology.Tier][]float64{}
	derived := map[typology.Tier]int{}
	for _, r := range Renewals(n) {
		samples[r.Tier] = append(samples[r.Tier], float64(r.Days))
		if r.Derived {
			derived[r.Tier]++
		}
	}
	return byTier(samples, derived)
}
