package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Point counts the centres in force on one date (centres holding a label
// whose effective window contains Date), broken down several ways. In
// every map, keys with no centre are absent; a missing key reads as 0.
type Point struct {
	Date  labelling.Date `json:"date,omitzero"`
	Total int            `json:"total"`
	// ByTier counts by tier (reference, competence).
	ByTier map[typology.Tier]int `json:"by_tier"`
	// ByGroup counts by disease group (1 to 17).
	ByGroup map[typology.Group]int `json:"by_group"`
	// ByRegion counts by the region (2016 map) of the centre's
	// establishment.
	ByRegion map[network.RegionCode]int `json:"by_region"`
	// ByInterregion counts by the interregion of that region.
	ByInterregion map[network.Interregion]int `json:"by_interregion"`
	// BySector counts the sector members: a centre listed by two sectors
	// counts in both, so the values may add up to more than Total. A
	// sector counts its members from the day it was constituted
	// ([SectorStart]) on.
	BySector map[network.FiliereID]int `json:"by_sector"`
	// NoSector counts the centres in force that no sector counts on Date.
	NoSector int `json:"no_sector"`
}

// UnmarshalJSON reads what encoding/json writes for a Point. It exists
// because a map keyed by typology.Group does not decode by itself (see
// typology.Group.UnmarshalJSON): "by_group" is read with string keys, each
// a group number from 1 to 17.
func (p *Point) UnmarshalJSON(b []byte) error {
	type plain Point
	var v struct {
		plain
		ByGroup map[string]int `json:"by_group"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	q := Point(v.plain)
	q.ByGroup = nil
	if v.ByGroup != nil {
		q.ByGroup = make(map[typology.Group]int, len(v.ByGroup))
		for k, n := range v.ByGroup {
			var g typology.Group
			if err := g.UnmarshalText([]byte(k)); err != nil {
				return fmt.Errorf("analysis: point: by_group: %w", err)
			}
			q.ByGroup[g] = n
		}
	}
	*p = q
	return nil
}

// Tier returns the number of centres of tier t in force: p.ByTier[t].
func (p Point) Tier(t typology.Tier) int { return p.ByTier[t] }

// centreFacts are what a timeline needs of a centre, looked up once:
// dense indexes into the count arrays of [Timeline].
type centreFacts struct {
	tier    typology.Tier
	group   typology.Group
	windows []labelling.Window // the labels' effective windows
	region  int                // index into the regions, or -1
	inter   network.Interregion
	sectors []int // indexes into the sectors
}

// sectorsConstituted is the day analyses count sector members from when a
// sector's Since is not known.
var sectorsConstituted = labelling.MakeDate(2014, time.February, 28)

// SectorStart returns the day from which analyses count the members of
// sector f: f.Since when known; else 28 February 2014, the day the 23
// sectors were announced (the embedded campaign fsmr-2014: "23 sectors
// announced 2014-02-28; constituted during 2014"). No sector existed
// before, so a sector of unknown age counts no member before that day.
func SectorStart(f network.Filiere) labelling.Date { return sectorStart(f.Since) }

func sectorStart(since labelling.Date) labelling.Date {
	if !since.IsZero() {
		return since
	}
	return sectorsConstituted
}

// Timeline returns, for each date in the order given, the centres of n in
// force on that date, counted by tier, group, region, interregion and
// sector. Each point equals what [network.Network.Snapshot] of that date
// holds. Use [YearlyDates] for one date a year.
func Timeline(n *network.Network, dates ...labelling.Date) []Point {
	var regions []network.Region
	rowOf := map[network.RegionCode]int{}
	for r := range network.Regions() {
		rowOf[r.Code] = len(regions)
		regions = append(regions, r)
	}
	// Sectors and centres are read through views, in ID order: a view's
	// sector positions index sectors directly.
	sectors := make([]network.FiliereID, n.NumFilieres())
	since := make([]labelling.Date, n.NumFilieres())
	for i := range sectors {
		fv := n.FiliereAt(i)
		sectors[i], since[i] = fv.ID(), sectorStart(fv.Since())
	}
	facts := make([]centreFacts, 0, n.NumCentres())
	windows := make([]labelling.Window, 0, n.Stats().Labels)
	var memberships []int
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		first := len(windows)
		for k := range v.NumLabels() {
			windows = append(windows, v.Label(k).Effective())
		}
		f := centreFacts{tier: v.Tier(), group: v.Group(), windows: windows[first:len(windows):len(windows)], region: -1}
		if row, ok := rowOf[v.Region()]; ok {
			f.region, f.inter = row, regions[row].Interregion
		}
		firstSector := len(memberships)
		for k := range v.NumFilieres() {
			memberships = append(memberships, v.Filiere(k))
		}
		f.sectors = memberships[firstSector:len(memberships):len(memberships)]
		facts = append(facts, f)
	}

	pts := make([]Point, len(dates))
	byRegion := make([]int, len(regions))
	bySector := make([]int, len(sectors))
	for i, d := range dates {
		var byTier [3]int
		var byGroup [numGroups + 1]int
		var byInter [8]int
		clear(byRegion)
		clear(bySector)
		p := Point{Date: d}
		for k := range facts {
			f := &facts[k]
			if !anyContains(f.windows, d) {
				continue
			}
			p.Total++
			if f.tier.IsValid() {
				byTier[f.tier]++
			}
			if f.group.IsValid() {
				byGroup[f.group]++
			}
			if f.region >= 0 {
				byRegion[f.region]++
			}
			if f.inter.IsValid() {
				byInter[f.inter]++
			}
			member := false
			for _, s := range f.sectors {
				if !d.Before(since[s]) {
					bySector[s]++
					member = true
				}
			}
			if !member {
				p.NoSector++
			}
		}
		p.ByTier = nonZero(byTier[:], func(i int) typology.Tier { return typology.Tier(i) })
		p.ByGroup = nonZero(byGroup[:], func(i int) typology.Group { return typology.Group(i) })
		p.ByRegion = nonZero(byRegion, func(i int) network.RegionCode { return regions[i].Code })
		p.ByInterregion = nonZero(byInter[:], func(i int) network.Interregion { return network.Interregion(i) })
		p.BySector = nonZero(bySector, func(i int) network.FiliereID { return sectors[i] })
		pts[i] = p
	}
	return pts
}

// anyContains reports whether one of ws contains d: whether a centre with
// these effective windows is in force on d.
func anyContains(ws []labelling.Window, d labelling.Date) bool {
	for _, w := range ws {
		if w.Contains(d) {
			return true
		}
	}
	return false
}

// nonZero returns the map from key(i) to counts[i] for the counts that are
// not zero.
func nonZero[K comparable](counts []int, key func(int) K) map[K]int {
	m := make(map[K]int)
	for i, v := range counts {
		if v != 0 {
			m[key(i)] = v
		}
	}
	return m
}

// YearlyDates returns one date a year, from year from to year to
// inclusive, each on the given month and day (31 December gives the
// network as it stood at the end of each year). It returns nil when to is
// before from. Days out of range normalise as in [labelling.MakeDate].
func YearlyDates(from, to int, month time.Month, day int) []labelling.Date {
	var ds []labelling.Date
	for y := from; y <= to; y++ {
		if d := labelling.MakeDate(y, month, day); !d.IsZero() {
			ds = append(ds, d)
		}
	}
	return ds
}

// ChangeKind is what happened to a label on a date. The zero ChangeKind is
// invalid.
type ChangeKind uint8

// The kinds of change, in the order [History] lists the changes of one
// label on one day.
const (
	// Granted: a label starts, the centre's first or one after a gap.
	Granted ChangeKind = iota + 1
	// Renewed: a label starts with no gap after the centre's previous
	// labels (RULES.md's "previous" label): a renewal.
	Renewed
	// Evaluated: an evaluation of the label.
	Evaluated
	// Extended: an extension moves the label's end (to Change.Until).
	Extended
	// Withdrawn: a withdrawal; its date is the first day no longer
	// covered.
	Withdrawn
	// Ended: the label's effective end (the first day no longer covered)
	// when no withdrawal set it: the label expired, or will expire on
	// that day.
	Ended
)

var changeKindNames = [...]string{"", "granted", "renewed", "evaluated", "extended", "withdrawn", "ended"}

// String returns "granted", "renewed", "evaluated", "extended",
// "withdrawn" or "ended", or "ChangeKind(n)" when k is invalid.
func (k ChangeKind) String() string {
	if k == 0 || int(k) >= len(changeKindNames) {
		return fmt.Sprintf("ChangeKind(%d)", uint8(k))
	}
	return changeKindNames[k]
}

// MarshalText returns the name String gives, and empty text for the zero
// ChangeKind; it fails for any other invalid ChangeKind.
func (k ChangeKind) MarshalText() ([]byte, error) {
	if int(k) >= len(changeKindNames) {
		return nil, fmt.Errorf("analysis: marshal change kind: %d is not a kind of change", uint8(k))
	}
	return []byte(changeKindNames[k]), nil
}

// UnmarshalText accepts exactly a text MarshalText returns (empty text
// gives the zero ChangeKind).
func (k *ChangeKind) UnmarshalText(b []byte) error {
	for i, name := range changeKindNames {
		if string(b) == name {
			*k = ChangeKind(i)
			return nil
		}
	}
	return fmt.Errorf("analysis: change kind %q is not granted, renewed, evaluated, extended, withdrawn or ended", cut(string(b)))
}

// cut quotes at most 60 characters of s, with "..." when it was longer.
func cut(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "..."
	}
	return s
}

// A Change is one dated step in a centre's label history.
type Change struct {
	Centre network.CentreID `json:"centre"`
	Date   labelling.Date   `json:"date,omitzero"`
	Kind   ChangeKind       `json:"kind"`
	// Label is the position of the label in the centre's Labels
	// (document order).
	Label int `json:"label"`
	// Act is the act behind the change: the label's act for Granted and
	// Renewed, the event's act for the events; the zero Act when none is
	// recorded (and always for Ended).
	Act labelling.Act `json:"act,omitzero"`
	// Until is the new end for Extended; the zero Date otherwise.
	Until labelling.Date `json:"until,omitzero"`
	// Campaign is the campaign behind the change: for a grant, the
	// campaign of the label's designation record when it has one;
	// otherwise the campaign whose act date equals Act's date (see
	// [CampaignOf]); "" when none matches.
	Campaign labelling.CampaignID `json:"campaign,omitempty"`
}

// CampaignOf returns the embedded campaign (labelling.Campaigns) whose act
// date equals the date of act, the first in the table's order when
// several do. It reports false for the zero Act or when no campaign
// matches: many acts (a regional agency's decision, an extension) belong
// to no national campaign.
func CampaignOf(act labelling.Act) (labelling.Campaign, bool) {
	if act.IsZero() || act.Date.IsZero() {
		return labelling.Campaign{}, false
	}
	c, ok := campaignsByActDate()[act.Date]
	return c, ok
}

// campaignsByActDate maps each act date of the embedded campaigns to the
// first campaign of that date, in the table's order. It is built once.
var campaignsByActDate = sync.OnceValue(func() map[labelling.Date]labelling.Campaign {
	m := map[labelling.Date]labelling.Campaign{}
	for c := range labelling.Campaigns() {
		if _, dup := m[c.ActDate]; !dup && !c.ActDate.IsZero() {
			m[c.ActDate] = c
		}
	}
	return m
})

func campaignID(act labelling.Act) labelling.CampaignID {
	c, ok := CampaignOf(act)
	if !ok {
		return ""
	}
	return c.ID
}

// History returns the label history of centre id: for each label, its
// start (Granted or Renewed), its events (Evaluated, Extended, Withdrawn)
// and its end (Ended, unless a withdrawal set it), sorted by date, then
// label position, then kind. Ends in the future are included: the label
// will end then unless extended. It reports false when n has no centre id.
func History(n *network.Network, id network.CentreID) ([]Change, bool) {
	c, ok := n.Centre(id)
	if !ok {
		return nil, false
	}
	cs := appendHistory(nil, c.ID, c.Labels)
	sortChanges(cs)
	return cs, true
}

// Changes returns the changes of every centre of n dated in window w,
// sorted by date, then centre, then label position, then kind.
func Changes(n *network.Network, w labelling.Window) []Change {
	var all []Change
	var keys []changeKey
	ord := int32(0)
	var labels []labelling.Label
	for i := range n.NumCentres() { // in ID order: ord orders centres by ID
		v := n.CentreAt(i) // a view: nothing of the centre is copied
		labels = v.AppendLabels(labels[:0])
		first := len(all)
		all = appendHistory(all, v.ID(), labels)
		kept := all[:first]
		for _, ch := range all[first:] {
			if w.Contains(ch.Date) {
				keys = append(keys, changeKey{ch.Date, ord, int32(ch.Label), ch.Kind, int32(len(kept))})
				kept = append(kept, ch)
			}
		}
		all = kept
		ord++
	}
	slices.SortFunc(keys, changeKey.compare)
	out := make([]Change, len(all))
	for k, key := range keys {
		out[k] = all[key.seq]
	}
	return out
}

// A changeKey sorts a change: by date, centre (its rank in ID order),
// label position, kind, then the order the changes were listed in.
type changeKey struct {
	date   labelling.Date
	centre int32
	label  int32
	kind   ChangeKind
	seq    int32
}

func (a changeKey) compare(b changeKey) int {
	// Field by field with early exits: cmp.Or would evaluate every
	// comparison, and this runs n log n times.
	if c := a.date.Compare(b.date); c != 0 {
		return c
	}
	if a.centre != b.centre {
		return cmp.Compare(a.centre, b.centre)
	}
	if a.label != b.label {
		return cmp.Compare(a.label, b.label)
	}
	if a.kind != b.kind {
		return cmp.Compare(a.kind, b.kind)
	}
	return cmp.Compare(a.seq, b.seq)
}

// sortChanges sorts the changes of one centre by date, label position and
// kind, keeping the given order between equal changes.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Label, b.Label), cmp.Compare(a.Kind, b.Kind))
	})
}

// appendHistory appends the changes of one centre to out, unsorted.
func appendHistory(out []Change, id network.CentreID, labels []labelling.Label) []Change {
	for k, prevEnd := range startsAfter(labels) {
		l := labels[k]
		kind := Granted
		if !prevEnd.IsZero() && !l.Start().After(prevEnd) {
			kind = Renewed
		}
		camp := campaignID(l.Act())
		if d, ok := l.Designation(); ok && d.Campaign != "" {
			camp = labelling.CanonicalCampaign(d.Campaign)
		}
		out = append(out, Change{Centre: id, Date: l.Start(), Kind: kind, Label: k, Act: l.Act(), Campaign: camp})
		withdrawnAtEnd := false
		for e := range l.Events() {
			ch := Change{Centre: id, Date: e.Date, Label: k, Act: e.Act, Campaign: campaignID(e.Act)}
			switch e.Kind {
			case labelling.Evaluation:
				ch.Kind = Evaluated
			case labelling.Extension:
				ch.Kind, ch.Until = Extended, e.Until
			case labelling.Withdrawal:
				ch.Kind = Withdrawn
				if e.Date == l.End() {
					withdrawnAtEnd = true
				}
			default:
				continue
			}
			out = append(out, ch)
		}
		if !withdrawnAtEnd {
			out = append(out, Change{Centre: id, Date: l.End(), Kind: Ended, Label: k})
		}
	}
	return out
}

// startsAfter yields, for each label position k, the latest effective end
// of the labels that come before label k in RULES.md's order (start, then
// effective end, then document order), or the zero Date when none does.
func startsAfter(ls []labelling.Label) func(yield func(int, labelling.Date) bool) {
	return func(yield func(int, labelling.Date) bool) {
		var orderBuf [8]int
		var prevBuf [8]labelling.Date
		order, prev := orderBuf[:0], prevBuf[:0]
		if len(ls) > len(orderBuf) {
			order, prev = make([]int, 0, len(ls)), make([]labelling.Date, 0, len(ls))
		}
		for i := range ls {
			order = append(order, i)
			prev = append(prev, labelling.Date{})
		}
		if !slices.IsSortedFunc(order, func(a, b int) int { return ls[a].Compare(ls[b]) }) {
			slices.SortStableFunc(order, func(a, b int) int { return ls[a].Compare(ls[b]) })
		}
		var latest labelling.Date
		for _, k := range order {
			prev[k] = latest
			if e := ls[k].End(); e.After(latest) {
				latest = e
			}
		}
		for k := range ls {
			if !yield(k, prev[k]) {
				return
			}
		}
	}
}
