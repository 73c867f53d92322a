package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// Config holds the thresholds of RULES.md and the choice of rules to run.
// Start from [DefaultConfig], or from the zero Config: a Config whose
// thresholds (MinActiveFile, LowPrevalence, LabelTerm, FilieresSince,
// DesignationDeadline) are all zero takes DefaultConfig's thresholds, its
// Coverage, Rules and Skip kept; one that sets some of them must set
// them all (LabelTerm 0 is refused).
type Config struct {
	// MinActiveFile is the minimum active file of a competence centre:
	// the number of distinct patients followed in a calendar year
	// (competence.min-active-file). Default 25: 24 fails, 25 passes.
	// Today's rule, applied to every year.
	MinActiveFile int `json:"min_active_file"`
	// LowPrevalence is the prevalence class below which a disease counts
	// as of low prevalence (competence.interregional-preferred): a
	// disease is of low prevalence when its class is strictly below this
	// one (see [typology.Prevalence.Below]). Default
	// [typology.Prevalence1To9Per100000], so that "<1/1000000" and
	// "1-9/1000000" are low, "1-9/100000" is not. Unknown never is.
	LowPrevalence typology.Prevalence `json:"low_prevalence"`
	// LabelTerm is the longest initial window of a label, in years,
	// counted as time.Time.AddDate counts (label.window-too-long).
	// Default 5.
	LabelTerm int `json:"label_term"`
	// FilieresSince is the first day on which every coordinating site in
	// force must belong to a sector (filiere.reference-outside-filiere):
	// the rule applies when the audit date is on or after it. Default
	// 2015-01-01, the 23 sectors having been constituted during 2014.
	FilieresSince labelling.Date `json:"filieres_since,omitzero"`
	// DesignationDeadline is the last day on which a designation of the
	// 2007 competence-centre campaign (ccmr-2007) is on time
	// (designation.late): a decision on that day is on time, a decision
	// the day after is late. Default 2008-02-01 (annexe 1 of the 2007
	// circular). Designations of other campaigns are judged against the
	// deadline of the embedded campaign table
	// ([labelling.DesignationDeadline]), if it has one.
	DesignationDeadline labelling.Date `json:"designation_deadline,omitzero"`
	// Coverage also runs the analysis rules (coverage.*), which are off by
	// default. Default false.
	Coverage bool `json:"coverage"`
	// Rules, when not empty, runs only the rules that one of its patterns
	// matches, analysis rules included whatever Coverage says. A pattern
	// is a rule ID, or a prefix ending with '*' ("label.*"; "*" matches
	// every rule). Each pattern must match at least one rule.
	Rules []string `json:"rules,omitempty"`
	// Skip drops the rules that one of its patterns matches, after Rules
	// and Coverage have chosen. Same patterns as Rules.
	Skip []string `json:"skip,omitempty"`
}

// DefaultConfig returns the thresholds of RULES.md: MinActiveFile 25,
// LowPrevalence 1-9/100,000 (strictly below it is low), LabelTerm 5 years,
// FilieresSince 2015-01-01, DesignationDeadline 2008-02-01, Coverage off,
// every rule selected.
func DefaultConfig() Config {
	return Config{
		MinActiveFile:       25,
		LowPrevalence:       typology.Prevalence1To9Per100000,
		LabelTerm:           5,
		FilieresSince:       labelling.MakeDate(2015, 1, 1),
		DesignationDeadline: labelling.MakeDate(2008, 2, 1),
	}
}

// withDefaults returns c with DefaultConfig's thresholds when c sets
// none.
func (c Config) withDefaults() Config {
	if c.MinActiveFile == 0 && c.LowPrevalence == 0 && c.LabelTerm == 0 &&
		c.FilieresSince.IsZero() && c.DesignationDeadline.IsZero() {
		d := DefaultConfig()
		d.Coverage, d.Rules, d.Skip = c.Coverage, c.Rules, c.Skip
		return d
	}
	return c
}

// ErrConfig is wrapped by the errors [Check] returns for an invalid
// configuration.
var ErrConfig = errors.New("rules: invalid config")

// validate checks the thresholds.
func (c Config) validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...))
	}
	if c.MinActiveFile < 0 {
		bad("MinActiveFile %d is negative", c.MinActiveFile)
	}
	if !c.LowPrevalence.IsValid() {
		bad("LowPrevalence %v is not a prevalence class", c.LowPrevalence)
	}
	if c.LabelTerm < 1 || c.LabelTerm > labelling.MaxYear {
		bad("LabelTerm %d is not a number of years (1 or more; a Config that sets no threshold takes DefaultConfig's)", c.LabelTerm)
	}
	return errors.Join(errs...)
}

// matchPattern reports whether rule ID id matches pattern p.
func matchPattern(p, id string) bool {
	if prefix, ok := strings.CutSuffix(p, "*"); ok {
		return strings.HasPrefix(id, prefix)
	}
	return p == id
}

// A PatternError reports a pattern of [Config.Rules] or [Config.Skip]
// that is malformed or matches no rule. It wraps [ErrConfig].
type PatternError struct {
	Field   string // "Rules" or "Skip"
	Pattern string
	Reason  string // "matches no rule", or what is wrong with its syntax
}

// Error returns a message such as
// `rules: invalid config: Rules: pattern "lable.*" matches no rule`.
func (e *PatternError) Error() string {
	return fmt.Sprintf("%v: %s: pattern %q %s", ErrConfig, e.Field, e.Pattern, e.Reason)
}

// Unwrap returns [ErrConfig].
func (e *PatternError) Unwrap() error { return ErrConfig }

// checkPattern checks a pattern's syntax and returns what is wrong with
// it, or "".
func checkPattern(p string) string {
	if p == "" {
		return "is empty"
	}
	body := strings.TrimSuffix(p, "*")
	if strings.Contains(body, "*") {
		return "has a '*' before its end"
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return fmt.Sprintf("has %q, which no rule ID has", c)
		}
	}
	return ""
}

// matchAny reports whether id matches one of the patterns.
func matchAny(patterns []string, id string) bool {
	for _, p := range patterns {
		if matchPattern(p, id) {
			return true
		}
	}
	return false
}

// selectRules returns the rules of rs that c selects, in the order of rs.
// It fails when a pattern is malformed or matches no rule of rs.
func (c Config) selectRules(rs []Rule) ([]Rule, error) {
	var errs []error
	for _, list := range []struct {
		field    string
		patterns []string
	}{{"Rules", c.Rules}, {"Skip", c.Skip}} {
		for _, p := range list.patterns {
			if why := checkPattern(p); why != "" {
				errs = append(errs, &PatternError{Field: list.field, Pattern: p, Reason: why})
				continue
			}
			matched := false
			for _, r := range rs {
				if matchPattern(p, r.id) {
					matched = true
					break
				}
			}
			if !matched {
				errs = append(errs, &PatternError{Field: list.field, Pattern: p, Reason: "matches no rule"})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []Rule
	for _, r := range rs {
		var on bool
		if len(c.Rules) > 0 {
			on = matchAny(c.Rules, r.id)
		} else {
			on = !r.analysis || c.Coverage
		}
		if on && !matchAny(c.Skip, r.id) {
			out = append(out, r)
		}
	}
	return out, nil
}
