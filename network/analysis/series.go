package analysis

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Breakdown is a way to split the centres in force of a [Point]: by
// tier, disease group, region, interregion or sector. The zero Breakdown
// is by tier.
type Breakdown uint8

// The breakdowns, in the order of Point's maps.
const (
	BreakdownTier Breakdown = iota
	BreakdownGroup
	BreakdownRegion
	BreakdownInterregion
	BreakdownSector
)

var breakdownNames = [...]string{"tier", "group", "region", "interregion", "sector"}

// String returns "tier", "group", "region", "interregion" or "sector", or
// "Breakdown(n)" when b is invalid.
func (b Breakdown) String() string {
	if int(b) >= len(breakdownNames) {
		return fmt.Sprintf("Breakdown(%d)", uint8(b))
	}
	return breakdownNames[b]
}

// MarshalText returns the name String gives; it fails for an invalid
// Breakdown.
func (b Breakdown) MarshalText() ([]byte, error) {
	if int(b) >= len(breakdownNames) {
		return nil, fmt.Errorf("analysis: marshal breakdown: %d is not a breakdown", uint8(b))
	}
	return []byte(breakdownNames[b]), nil
}

// UnmarshalText accepts exactly a name MarshalText returns.
func (b *Breakdown) UnmarshalText(text []byte) error {
	v, err := ParseBreakdown(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// ParseBreakdown reads "tier", "group", "region", "interregion" or
// "sector".
func ParseBreakdown(s string) (Breakdown, error) {
	for i, name := range breakdownNames {
		if s == name {
			return Breakdown(i), nil
		}
	}
	return 0, fmt.Errorf("analysis: breakdown %q is not tier, group, region, interregion or sector", cut(s))
}

// noSectorKey is the key of the centres no sector counts.
const noSectorKey = "(no sector)"

// Counts returns the counts of p by b, keyed by a label for people:
// "reference" and "competence"; "12 sensory" (group number and slug);
// "11 Île-de-France" (region code and name); "GIRCI Grand Ouest"; a
// sector's ID, and "(no sector)" for the centres no sector counts. Keys
// with no centre are absent.
func (p Point) Counts(b Breakdown) map[string]int {
	out := map[string]int{}
	switch b {
	case BreakdownTier:
		for t, v := range p.ByTier {
			out[t.String()] = v
		}
	case BreakdownGroup:
		for g, v := range p.ByGroup {
			out[fmt.Sprintf("%02d %s", g.Number(), g.Slug())] = v
		}
	case BreakdownRegion:
		for r, v := range p.ByRegion {
			reg, _ := network.RegionOf(r)
			out[string(r)+" "+reg.Name] = v
		}
	case BreakdownInterregion:
		for ir, v := range p.ByInterregion {
			out[ir.Name()] = v
		}
	case BreakdownSector:
		for f, v := range p.BySector {
			out[string(f)] = v
		}
		if p.NoSector > 0 {
			out[noSectorKey] = p.NoSector
		}
	}
	return out
}

// A Series is the count of one key of a breakdown on each date of a
// timeline.
type Series struct {
	Key    string `json:"key"`
	Counts []int  `json:"counts"`
}

// SeriesOf returns one series per key of breakdown b that has a centre on
// at least one of pts' dates, each with one count per point, in reading
// order: tiers reference then competence, groups by number, regions by
// code, interregions in their declared order, sectors by ID with "(no
// sector)" last.
func SeriesOf(pts []Point, b Breakdown) []Series {
	counts := make([]map[string]int, len(pts))
	all := map[string]bool{}
	for i, p := range pts {
		counts[i] = p.Counts(b)
		for k := range counts[i] {
			all[k] = true
		}
	}
	keys := slices.Sorted(maps.Keys(all))
	rank := map[string]int{}
	switch b {
	case BreakdownTier:
		for t := range typology.Tiers() {
			rank[t.String()] = int(t)
		}
	case BreakdownInterregion:
		for ir := range network.Interregions() {
			rank[ir.Name()] = int(ir)
		}
	case BreakdownSector:
		rank[noSectorKey] = 1
	}
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(rank[a], rank[b]) })
	out := make([]Series, len(keys))
	for k, key := range keys {
		out[k] = Series{Key: key, Counts: make([]int, len(pts))}
		for i := range pts {
			out[k].Counts[i] = counts[i][key]
		}
	}
	return out
}

// ChangeDays returns, in order, the days of window w on which a count of
// [Timeline] may change: the first day of every label (start) and the
// first day after it (its effective end), and the days from which
// sectors count their members ([SectorStart]). Between two consecutive
// change days every count is constant, so a timeline on w's start and on
// these days draws the counts exactly, as steps.
func ChangeDays(n *network.Network, w labelling.Window) []labelling.Date {
	seen := map[labelling.Date]bool{}
	add := func(d labelling.Date) {
		if w.Contains(d) {
			seen[d] = true
		}
	}
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		for k := range v.NumLabels() {
			if e := v.Label(k).Effective(); e.Days() > 0 {
				add(e.Start())
				add(e.End())
			}
		}
	}
	for f := range n.Filieres() {
		add(SectorStart(f))
	}
	return slices.SortedFunc(maps.Keys(seen), labelling.Date.Compare)
}

// keyWord names a breakdown's key in a legend.
func keyWord(b Breakdown) string {
	return strings.ToUpper(b.String()[:1]) + b.String()[1:]
}
