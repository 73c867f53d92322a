package rules

import (
	"errors"
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
)

// A Rule is one regulatory check: a stable ID that users filter and grep
// on, a severity, a one-line title, the text it comes from, and the code
// that reports its findings.
//
// Rule is a small value with unexported fields: take the built-in rules
// from [Catalogue] or [Lookup], make your own with [NewRule], run them with
// [Check] or [CheckRules]. The zero Rule is invalid and cannot be run.
type Rule struct {
	id, title, source string
	sev               Severity
	// analysis marks the coverage rules, which run only when asked for
	// (Config.Coverage, or a Config.Rules pattern that names them).
	analysis bool
	// The built-in rules: what their findings are about, how they find
	// them and how their findings say it. A built-in rule has exactly one
	// of visit and check, and a message; a user rule only check.
	builtin bool
	meaning string      // RULES.md's meaning, for the generated catalogue
	subject subjectKind // the kind of its findings' subjects
	// static marks the rules whose findings depend on the network and
	// on Config's MinActiveFile, LabelTerm and DesignationDeadline only,
	// not on the audit date: they are computed once per network and
	// thresholds, and kept with the network (see useCache).
	static bool
	// visit is called once per centre, in ID order, for the rules that
	// look at one centre at a time: the engine visits every centre once
	// for all of them.
	visit func(*Context, *centreVisit)
	// check runs after every centre was visited: user rules, and the
	// built-in rules that look across centres.
	check func(*Context)
	// message writes the message of one of its findings.
	message func(b []byte, m *msgCtx, r *rec) []byte
}

// ID returns the rule's stable identifier, such as "label.overlap".
func (r Rule) ID() string { return r.id }

// Severity returns the severity of the rule's findings.
func (r Rule) Severity() Severity { return r.sev }

// Title returns a one-line description of what the rule reports.
func (r Rule) Title() string { return r.title }

// Source returns where the rule comes from: a file of the regulatory
// sources and its section, for example
// "circulaire-dhos-2007-centres-de-competences.txt, étape n°3".
func (r Rule) Source() string { return r.source }

// IsAnalysis reports whether r is an analysis rule (the coverage rules of
// RULES.md), which [Check] runs only when [Config.Coverage] is set or when
// a [Config.Rules] pattern names it. Rules made with [NewRule] are never
// analysis rules.
func (r Rule) IsAnalysis() bool { return r.analysis }

// IsValid reports whether r was built by [NewRule] or comes from the
// catalogue; the zero Rule is invalid.
func (r Rule) IsValid() bool { return r.id != "" && (r.check != nil || r.visit != nil) }

// Meaning returns what the rule checks, in the words of the catalogue
// (RULES.md); it is empty for rules made with [NewRule].
func (r Rule) Meaning() string { return r.meaning }

// String returns the rule's ID.
func (r Rule) String() string { return r.id }

// ErrInvalidRule is wrapped by the errors of [NewRule].
var ErrInvalidRule = errors.New("rules: invalid rule")

// NewRule returns a user-defined rule. The ID must be lowercase ASCII
// letters, digits and '-', in dot-separated parts ("local.min-staff"):
// IDs are matched by [Config.Rules] patterns, which end with '*'. The
// severity must be valid, the title and the check non-empty; the source
// may be empty. Errors wrap [ErrInvalidRule].
//
// Check runs check once per audit with a [Context] that gives the network,
// the audit date and the configuration, and through which check reports
// its findings. A check:
//   - reads the network (which is immutable) and reports findings with
//     [Context.Report], as many as it finds, in any order: [Check] sorts
//     them;
//   - must be deterministic: same network, date and configuration, same
//     findings; it must not read the clock or keep state between runs;
//   - must not keep the Context after it returns, nor use it from another
//     goroutine;
//   - reports a finding it cannot evaluate as a finding (or not at all),
//     never by panicking: a panic is a bug and is not recovered.
//
// Report sets each finding's Rule, Severity and Source from the rule.
func NewRule(id string, sev Severity, title, source string, check func(*Context)) (Rule, error) {
	if err := checkID(id); err != nil {
		return Rule{}, fmt.Errorf("%w %q: %v", ErrInvalidRule, id, err)
	}
	switch {
	case !sev.IsValid():
		return Rule{}, fmt.Errorf("%w %q: %v is not a severity", ErrInvalidRule, id, sev)
	case title == "":
		return Rule{}, fmt.Errorf("%w %q: missing title", ErrInvalidRule, id)
	case check == nil:
		return Rule{}, fmt.Errorf("%w %q: missing check function", ErrInvalidRule, id)
	}
	return Rule{id: id, sev: sev, title: title, source: source, check: check}, nil
}

// checkID checks the syntax of a rule ID.
func checkID(id string) error {
	if id == "" {
		return errors.New("empty ID")
	}
	part := 0
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-':
			part++
		case c == '.':
			if part == 0 {
				return errors.New("empty part between dots")
			}
			part = 0
		default:
			return fmt.Errorf("character %q not allowed (lowercase letters, digits, '-' and '.')", c)
		}
	}
	if part == 0 {
		return errors.New("empty last part")
	}
	return nil
}

// Catalogue returns the built-in rules of RULES.md, in its order: a fresh
// slice the caller may modify.
func Catalogue() []Rule { return slices.Clone(catalogue[:]) }

// Lookup returns the built-in rule with ID id.
func Lookup(id string) (Rule, bool) {
	for _, r := range catalogue {
		if r.id == id {
			return r, true
		}
	}
	return Rule{}, false
}

// A Context is what a rule's check sees while [Check] runs it: the
// network, the audit date, the configuration, and [Context.Report] to
// report findings. It is valid only during the call.
type Context struct {
	net  *network.Network
	at   labelling.Date
	cfg  Config
	rule *Rule
	ri   int32       // the index of rule in sel
	sel  []Rule      // the rules of the audit
	out  [][]Finding // the findings of the user rules, by rule
	// cached holds, by rule, the findings taken from the network's cache
	// (nil: not cached); see useCache.
	cached []*segment
	recs   [][]rec // the findings of the built-in rules, by rule
	ix     *index  // the built-in rules' shared index
}

// Network returns the network under audit.
func (c *Context) Network() *network.Network { return c.net }

// At returns the audit date.
func (c *Context) At() labelling.Date { return c.at }

// Config returns the configuration of the audit. Its slices are shared:
// read them only.
func (c *Context) Config() Config { return c.cfg }

// Rule returns the rule being run.
func (c *Context) Rule() Rule { return *c.rule }

// Report records finding f of the rule being run. It sets f.Rule,
// f.Severity and f.Source from the rule, whatever f holds; the check sets
// the rest: Subject and SubjectKind (always), Year, Group and Date where
// they apply (zero otherwise), and Message. f's evidence is copied: the
// check may reuse its slice.
func (c *Context) Report(f Finding) {
	f.Rule, f.Severity, f.Source = c.rule.id, c.rule.sev, c.rule.source
	f.Evidence = slices.Clone(f.Evidence)
	c.out[c.ri] = append(c.out[c.ri], f)
}
