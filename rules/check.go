package rules

import (
	"errors"
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
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
// malformed pattern, a pattern that matches no rule).
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
	ctx := &Context{net: n, at: at, cfg: cfg}
	var visits []*Rule
	indexed, teams := false, false
	for i := range sel {
		r := &sel[i]
		if r.visit != nil {
			visits = append(visits, r)
		}
		indexed = indexed || r.builtin
		teams = teams || r.teams
	}
	if indexed {
		newIndex(ctx, visits, teams) // sets ctx.ix
	}
	for i := range sel {
		if r := &sel[i]; r.check != nil {
			ctx.rule = r
			r.check(ctx)
		}
	}
	ctx.rule = nil
	out := ctx.out
	if out == nil {
		out = []Finding{}
	}
	slices.SortFunc(out, Finding.Compare)
	return Report{At: at, Findings: out}, nil
}
