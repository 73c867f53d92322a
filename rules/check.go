package rules

import (
	"errors"
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// ErrNoNetwork is returned by [Check] for a nil network.
var ErrNoNetwork = errors.New("rules: no network to check")

// ErrNoDate is returned by [Check] for the zero audit date.
var ErrNoDate = errors.New("rules: the audit date is missing")

// Check audits network n on day at with the built-in rules of the
// catalogue that cfg selects (see [Config.Rules]), and returns the
// report: every finding, sorted by [Finding.Compare].
//
// Findings are data: a network full of faults is checked without error.
// The error is for what prevents the audit: a nil network
// ([ErrNoNetwork]), the zero date ([ErrNoDate]), or an invalid
// configuration (wrapping [ErrConfig]: a threshold out of range, a
// malformed pattern, a pattern that matches no rule). A Config whose
// thresholds are all zero takes those of [DefaultConfig].
//
// Check reads no clock and has no state: the same network, date and
// configuration give the same report. It is safe for concurrent use.
func Check(n *network.Network, at labelling.Date, cfg Config) (Report, error) {
	return CheckRules(n, at, cfg, catalogue[:])
}

// CheckRules is like [Check] but runs the rules of rs that cfg selects:
// built-in rules (from [Catalogue] or [Lookup]) and rules made with
// [NewRule], in any mix. Patterns of cfg are matched against the IDs of
// rs. It also fails, wrapping [ErrInvalidRule], when a rule of rs is the
// zero Rule or two rules share an ID.
func CheckRules(n *network.Network, at labelling.Date, cfg Config, rs []Rule) (Report, error) {
	if n == nil {
		return Report{}, ErrNoNetwork
	}
	if at.IsZero() {
		return Report{}, ErrNoDate
	}
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return Report{}, err
	}
	seen := make(map[string]bool, len(rs))
	for i, r := range rs {
		if !r.IsValid() {
			return Report{}, fmt.Errorf("%w: rules[%d] is the zero Rule", ErrInvalidRule, i)
		}
		if seen[r.id] {
			return Report{}, fmt.Errorf("%w: two rules with ID %q", ErrInvalidRule, r.id)
		}
		seen[r.id] = true
	}
	sel, err := cfg.selectRules(rs)
	if err != nil {
		return Report{}, err
	}
	return Report{At: at, set: run(n, at, cfg, sel, true)}, nil
}

// run audits n with the rules of sel, in any order, and returns the
// findings sorted. With cache, the findings of the rules that depend
// neither on the audit date nor on the record of anything but the
// network and a few thresholds (Rule.static) are taken from, or put in,
// the network's cache.
func run(n *network.Network, at labelling.Date, cfg Config, sel []Rule, cache bool) *findingSet {
	return audit(n, at, cfg, sel, cache).findings()
}

// audit runs the rules of sel over n, as run does, and returns what they
// found before any finding is built: the engine's part of an audit.
func audit(n *network.Network, at labelling.Date, cfg Config, sel []Rule, cache bool) *Context {
	ctx := &Context{net: n, at: at, cfg: cfg, sel: sel,
		out: make([][]Finding, len(sel)), recs: make([][]rec, len(sel))}
	if cache {
		ctx.useCache()
	}
	var visits []visitRule
	indexed := false
	for i := range sel {
		r := &sel[i]
		if ctx.cached != nil && ctx.cached[i] != nil {
			continue
		}
		if r.visit != nil {
			visits = append(visits, visitRule{int32(i), r.visit})
		}
		indexed = indexed || r.builtin
	}
	if indexed {
		newIndex(ctx, visits) // sets ctx.ix
	}
	for i := range sel {
		if ctx.cached != nil && ctx.cached[i] != nil {
			continue
		}
		if r := &sel[i]; r.check != nil {
			ctx.rule, ctx.ri = r, int32(i)
			r.check(ctx)
		}
	}
	ctx.rule = nil
	if ctx.ix != nil {
		ctx.ix.noteSizes(ctx)
	}
	return ctx
}

// visitRule is a per-centre rule of an audit and its index in Context.sel.
type visitRule struct {
	ri    int32
	visit func(*Context, *centreVisit)
}

// A rec is a finding of a built-in rule as the engine keeps it until the
// report is built: positions instead of IDs, the arguments of its message
// instead of text. Which field means what is up to the rule's visit or
// check and its message function.
type rec struct {
	subj  int32 // the subject's position: see subjectKind
	year  int32
	group typology.Group
	date  labelling.Date
	n     [3]int32          // numbers of the message
	d     [4]labelling.Date // dates of the message
	// list holds positions the message names (centres, conventions,
	// sectors... as the rule says): lists[list : list+listN] of the
	// index, in the order the message gives them. listN counts them all;
	// at most maxListed are stored.
	list, listN int32
	// ev is the evidence: evs[evLo:evHi] of the index (at most maxListed),
	// evN counts it all.
	evLo, evHi, evN int32
}

// key returns the order of r among the findings of one rule: subject,
// year, date, group (see Finding.Compare), packed in two words.
func (r *rec) key() [2]uint64 {
	return [2]uint64{
		uint64(uint32(r.subj))<<32 | uint64(uint32(r.year)),
		uint64(uint32(r.date.Sub(labelling.Date{})))<<8 | uint64(r.group),
	}
}

func keyLess(a, b [2]uint64) int {
	switch {
	case a[0] < b[0]:
		return -1
	case a[0] > b[0]:
		return 1
	case a[1] < b[1]:
		return -1
	case a[1] > b[1]:
		return 1
	}
	return 0
}

// maxListed is how many entities a message lists at most, and how many
// evidence records a finding carries (RULES.md: five, then "and N more").
const maxListed = 5

// emit records finding r of the rule being run.
func (c *Context) emit(r rec) {
	c.recs[c.ri] = append(c.recs[c.ri], r)
	k := &c.ix.kept[c.ri]
	k.evs += int(r.evHi - r.evLo)
	k.lists += min(int(r.listN), maxListed)
}

// addList stores the positions ps (all of them counted, at most
// maxListed kept) as r's list.
func (ix *index) addList(r *rec, ps []int32) {
	r.list = int32(len(ix.lists))
	r.listN = int32(len(ps))
	ix.lists = append(ix.lists, ps[:min(len(ps), maxListed)]...)
}

// findings returns the audit's findings in report order: the rules in
// the order of Finding.Compare (severity, then ID), each rule's compact
// records sorted on their packed keys (already in order, almost always:
// the rules run over the entities in ID order), and the findings of user
// rules and of the cache as they are. Nothing is built here: see
// findingSet.
func (c *Context) findings() *findingSet {
	order := make([]int32, len(c.sel))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return ruleOrder(&c.sel[a], &c.sel[b]) })
	s := &findingSet{}
	var src *msgCtx
	for _, ri := range order {
		r := &c.sel[ri]
		if c.cached != nil && c.cached[ri] != nil {
			s.add(*c.cached[ri])
			continue
		}
		if fs := c.out[ri]; len(fs) > 0 {
			slices.SortStableFunc(fs, Finding.Compare)
			s.add(segment{built: fs})
			continue
		}
		rs := c.recs[ri]
		if len(rs) == 0 {
			continue
		}
		// The key orders a rule's records totally: a rule reports at most
		// one finding per subject, year, date and group (RULES.md), so the
		// unstable sort cannot swap two records that differ.
		if !slices.IsSortedFunc(rs, func(a, b rec) int { return keyLess(a.key(), b.key()) }) {
			slices.SortFunc(rs, func(a, b rec) int { return keyLess(a.key(), b.key()) })
		}
		if src == nil {
			src = c.forReport()
		}
		rule := *r
		s.add(segment{rule: &rule, recs: slices.Clip(rs), src: src})
	}
	return s
}
