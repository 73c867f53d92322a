package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/typology"
)

// TestLiveOrEndedOracle checks the per-audit pass's shortcut (the last
// two labels' start and latest end, centreDates, and the labelEnds made in
// one pass) against labelling.History and a model of RULES.md read from
// the labels themselves, for every centre of a network with realistic
// defects and labels withdrawn on their start day, on days from before
// its first label to after its last: in force, ended on which day by
// which label, and the date E of the convention rules (which ignores
// the labels withdrawn on their start day).
func TestLiveOrEndedOracle(t *testing.T) {
	n := withEmptyLabels(t, networktest.Scale(3000, 1, networktest.RealisticDefects))
	tab := centreTableOf(n)
	checked := map[[2]bool]int{}
	var emptyIgnored int
	for d := labelling.MakeDate(1995, 1, 1); d.Before(labelling.MakeDate(2040, 1, 1)); d = d.AddDate(0, 0, 53) {
		ix := &index{live: newBitset(len(tab.info))}
		ix.ended.has = newBitset(len(tab.info))
		for p := range tab.info {
			tab.liveOrEnded(ix, p, d)
		}
		ix.ended.done()
		for p := range tab.info {
			ls := n.CentreAt(p).AppendLabels(nil)
			h := labelling.NewHistory(ls)
			wantLive := h.InForce(d)
			wantOn, wantEnded := h.EndedBy(d)
			wantK, wantE, wantKE := int32(-1), labelling.Date{}, int32(-1)
			if wantEnded {
				// The labels started by d: the first (in RULES.md order)
				// whose window is not empty and ends on the day, and the
				// latest end of those whose window is not empty.
				for k, l := range h.Ordered() {
					if l.Start().After(d) || l.Effective().IsEmpty() {
						continue
					}
					if wantK < 0 && l.End() == wantOn {
						wantK = int32(k)
					}
					if l.End().After(wantE) {
						wantE, wantKE = l.End(), int32(k)
					}
				}
			}
			on, k, ended := ix.ended.of(int32(p))
			e, ke, hasE := ix.ended.endE(int32(p))
			if !ended {
				on, k = labelling.Date{}, -1
			}
			if live := ix.live.has(p); live != wantLive || ended != wantEnded || on != wantOn || k != wantK {
				t.Fatalf("centre %s on %v: live %v, ended %v on %v by label %d; want %v, %v on %v by %d",
					tab.ids[p], d, live, ended, on, k, wantLive, wantEnded, wantOn, wantK)
			}
			if hasE != !wantE.IsZero() || e != wantE || (hasE && ke != wantKE) {
				t.Fatalf("centre %s on %v: E %v (%v) by label %d; want %v by %d", tab.ids[p], d, e, hasE, ke, wantE, wantKE)
			}
			if wantEnded && wantE != wantOn {
				emptyIgnored++
			}
			checked[[2]bool{wantLive, wantEnded}]++
		}
	}
	// The test means something only if it saw centres in force, ended
	// and not yet labelled, and an E that a label withdrawn on its start
	// day would have moved.
	for _, c := range [][2]bool{{true, false}, {false, true}, {false, false}} {
		if checked[c] == 0 {
			t.Errorf("no centre with live, ended = %v", c)
		}
	}
	if emptyIgnored == 0 {
		t.Error("no ended centre whose E ignores a label withdrawn on its start day")
	}
}

// withEmptyLabels returns n with, for one centre in five, a label
// withdrawn on its start day added a year after its last label ends.
func withEmptyLabels(t *testing.T, n *network.Network) *network.Network {
	t.Helper()
	b := n.Edit()
	i := 0
	b.EditCentres(func(c *network.Centre) {
		if i++; len(c.Labels) == 0 || i%5 != 0 {
			return
		}
		var last labelling.Date
		for _, l := range c.Labels {
			if l.End().After(last) {
				last = l.End()
			}
		}
		start := last.AddDate(1, 0, 0)
		act := labelling.Act{Kind: labelling.Arrete, Date: start}
		l, err := labelling.NewLabel(start, start.AddDate(5, 0, 0), act,
			labelling.Event{Kind: labelling.Withdrawal, Date: start, Act: act})
		if err != nil {
			t.Fatal(err)
		}
		c.Labels = append(c.Labels, l)
	})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestActivityMissingOracle checks competence.activity-missing, read from
// the runs of the network's centre table, against the rule computed from
// the network's labels and activity as RULES.md states it: on a network
// with realistic defects over thirty years of audit dates, and on
// generated networks audited years after the date they comply at (their
// activity stops the year before it).
func TestActivityMissingOracle(t *testing.T) {
	seen := map[int32]int{} // findings by n[0]: the span is one label's window (1) or not
	check := func(t interface{ Fatalf(string, ...any) }, n *network.Network, at labelling.Date) {
		got := activityMissingFound(n, at)
		if diff := cmp.Diff(activityMissingWant(n, at), got); diff != "" {
			t.Fatalf("activity-missing at %v (-want +got):\n%s", at, diff)
		}
		for _, f := range got {
			seen[f.Single]++
		}
	}
	n := networktest.Scale(3000, 1, networktest.RealisticDefects)
	for y := 1995; y <= 2025; y++ {
		check(t, n, labelling.MakeDate(y, 6, 15))
	}
	rapid.Check(t, func(t *rapid.T) {
		o := networktest.Options{At: labelling.MakeDate(rapid.IntRange(2005, 2020).Draw(t, "year"), 3, 15), MaxCentres: 16}
		n := networktest.Network(o).Draw(t, "network")
		check(t, n, o.At.AddDate(rapid.IntRange(0, 8).Draw(t, "later"), 0, 0))
	})
	// The test means something only if it saw spans of one label and of
	// several.
	if seen[0] == 0 || seen[1] == 0 {
		t.Errorf("findings by span of one label (1) or several (0): %v, want both", seen)
	}
}

// missingFound is a finding of competence.activity-missing.
type missingFound struct {
	Pos, Year  int32
	Start, End labelling.Date
	Single     int32
	Labels     []int32 // the first maxListed labels in force on every day of the year
	All        int32   // how many there are
}

// activityMissingFound returns the findings of competence.activity-missing
// as the engine records them.
func activityMissingFound(n *network.Network, at labelling.Date) []missingFound {
	var sel []Rule
	for _, r := range catalogue {
		if r.id == CompetenceActivityMissing {
			sel = append(sel, r)
		}
	}
	ctx := audit(n, at, DefaultConfig(), sel, false)
	var out []missingFound
	for _, r := range ctx.recs[0] {
		f := missingFound{Pos: r.subj, Year: r.year, Start: r.d[0], End: r.d[1], Single: r.n[0], All: r.evN}
		for _, e := range ctx.ix.evs[r.evLo:r.evHi] {
			f.Labels = append(f.Labels, e.b)
		}
		out = append(out, f)
	}
	return out
}

// activityMissingWant returns the findings of competence.activity-missing
// from the network's labels and activity, the plain way: each competence
// centre's spans, the years they cover on every day before the audit's,
// those without activity.
func activityMissingWant(n *network.Network, at labelling.Date) []missingFound {
	var out []missingFound
	for p := range n.NumCentres() {
		cv := n.CentreAt(p)
		if cv.Tier() != typology.Competence {
			continue
		}
		ls := cv.AppendLabels(nil)
		has := map[int]bool{}
		for k := range cv.NumActivity() {
			has[cv.Activity(k).Year] = true
		}
		for s := range labelling.NewHistory(ls).Spans() {
			single := int32(0)
			if isLabelWindow(ls, s) {
				single = 1
			}
			for y := range s.WholeYears() {
				if y >= at.Year() || has[y] {
					continue
				}
				f := missingFound{Pos: int32(p), Year: int32(y), Start: s.Start(), End: s.End(), Single: single}
				for k, l := range ls {
					if l.InForceYear(y) {
						if len(f.Labels) < maxListed {
							f.Labels = append(f.Labels, int32(k))
						}
						f.All++
					}
				}
				out = append(out, f)
			}
		}
	}
	return out
}

// TestPresizeCapped checks that the sizes remembered from one audit that
// kept far more records than the network has subjects do not make the
// next audit allocate that much: presize caps its hints.
func TestPresizeCapped(t *testing.T) {
	n := networktest.Scale(50, 1, networktest.RealisticDefects)
	cfg := DefaultConfig()
	sel, err := cfg.selectRules(catalogue[:])
	if err != nil {
		t.Fatal(err)
	}
	sz := sizesOf.Of(n)
	sz.mu.Lock()
	for _, r := range sel {
		sz.byRule[r.id] = ruleSize{recs: 1 << 20, evs: 1 << 20, lists: 1 << 20}
	}
	sz.mu.Unlock()
	ctx := audit(n, networktest.ScaleAt, cfg, sel, false)
	subjects := n.NumCentres() + n.NumConventions() + 64
	for i, recs := range ctx.recs {
		if c := cap(recs); c > maxRecsHint*subjects && c > 2*len(recs) {
			t.Errorf("rule %s: cap(recs) = %d for %d records, want at most %d", sel[i].id, c, len(recs), maxRecsHint*subjects)
		}
	}
	if c := cap(ctx.ix.evs); c > maxRefsHint*subjects && c > 2*len(ctx.ix.evs) {
		t.Errorf("cap(evs) = %d for %d, want at most %d", c, len(ctx.ix.evs), maxRefsHint*subjects)
	}
	if c := cap(ctx.ix.lists); c > maxRefsHint*subjects && c > 2*len(ctx.ix.lists) {
		t.Errorf("cap(lists) = %d for %d, want at most %d", c, len(ctx.ix.lists), maxRefsHint*subjects)
	}
}

// TestFusedVisitOracle checks the first audit's shortcut (newIndex runs
// the static per-centre rules as the centre table is built, on the labels
// and history the table read) against the same rules run apart, over a
// table built before: same findings, messages and evidence included, on a
// network with realistic defects and labels withdrawn on their start
// day, and on generated networks.
func TestFusedVisitOracle(t *testing.T) {
	cfg := DefaultConfig()
	var static []Rule
	for _, r := range catalogue {
		if r.static && r.visit != nil {
			static = append(static, r)
		}
	}
	check := func(t interface {
		Helper()
		Fatalf(string, ...any)
	}, fused, apart *network.Network, at labelling.Date) int {
		t.Helper()
		if centresOf.Of(fused).t != nil || centresOf.Of(apart).t != nil {
			t.Fatalf("the networks were audited before")
		}
		centreTableOf(apart) // the audit finds the table built: it visits apart
		got := Report{set: run(fused, at, cfg, static, false)}.Findings()
		if centresOf.Of(fused).t == nil {
			t.Fatalf("the audit did not build the table")
		}
		want := Report{set: run(apart, at, cfg, static, false)}.Findings()
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b labelling.Date) bool { return a == b })); diff != "" {
			t.Fatalf("fused visits at %v (-apart +fused):\n%s", at, diff)
		}
		return len(got)
	}
	at := networktest.ScaleAt
	fused := withEmptyLabels(t, networktest.Scale(3000, 1, networktest.RealisticDefects))
	byRule := map[string]int{}
	for f := range (Report{set: run(rebuilt(t, fused), at, cfg, static, false)}).All() {
		byRule[f.Rule]++
	}
	check(t, fused, rebuilt(t, fused), at)
	// The test means something only if every static per-centre rule
	// found something.
	for _, r := range static {
		if byRule[r.id] == 0 {
			t.Errorf("no finding of %s", r.id)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		size := rapid.IntRange(1, 300).Draw(t, "centres")
		seed := rapid.Uint64().Draw(t, "seed")
		defects := rapid.Float64Range(0, 5).Draw(t, "defects")
		check(t, networktest.Scale(size, seed, defects), networktest.Scale(size, seed, defects), at)
	})
}

// rebuilt returns a copy of n, built afresh: none of n's derived values.
func rebuilt(t testing.TB, n *network.Network) *network.Network {
	t.Helper()
	m, err := n.Edit().Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
