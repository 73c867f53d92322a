package rules

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// The kinds of subject a finding is about (Finding.SubjectKind).
const (
	SubjectCentre     = "centre"
	SubjectTeam       = "team"
	SubjectConvention = "convention"
	SubjectPlatform   = "platform"
	SubjectRegion     = "region"
)

// A Finding is one fault (or fact) a rule found. Findings are data, not
// errors: a network with findings was still checked.
//
// Finding is a comparable value. Its zero fields mean "does not apply":
// Year is set by per-year rules, Group where a disease group is concerned,
// Date where a day matters (the day a label ended, a decision's day).
type Finding struct {
	Rule     string   // the rule's ID, such as "label.overlap"
	Severity Severity // the rule's severity
	// Subject is the ID of the entity the finding is about, of kind
	// SubjectKind: a centre (most rules), a team (team.*), a convention
	// (convention.*), a platform (platform.*) or a region code
	// (coverage.*).
	Subject     string
	SubjectKind string
	Year        int
	Group       typology.Group
	Date        labelling.Date
	// Message says what is wrong and why, in words an agency officer
	// understands; its wording may change between versions: match on Rule
	// and Subject, not on Message.
	Message string
	Source  string // the rule's source (see [Rule.Source])
}

// Compare orders findings as reports list them: by severity (violation
// first), rule ID, subject, year, date, then the remaining fields, so that
// the order is total and reports diff cleanly.
func (f Finding) Compare(g Finding) int {
	return cmp.Or(
		cmp.Compare(f.Severity, g.Severity),
		strings.Compare(f.Rule, g.Rule),
		strings.Compare(f.Subject, g.Subject),
		cmp.Compare(f.Year, g.Year),
		f.Date.Compare(g.Date),
		strings.Compare(f.Message, g.Message),
		strings.Compare(f.SubjectKind, g.SubjectKind),
		cmp.Compare(f.Group, g.Group),
		strings.Compare(f.Source, g.Source),
	)
}

// A Report is the result of an audit: the audit date and the findings,
// sorted by [Finding.Compare].
type Report struct {
	At       labelling.Date
	Findings []Finding
}

// Summary counts findings by severity.
type Summary struct {
	Violation int `json:"violation"`
	Advice    int `json:"advice"`
	Info      int `json:"info"`
}

// Total returns the number of findings counted.
func (s Summary) Total() int { return s.Violation + s.Advice + s.Info }

// Summary counts the report's findings by severity.
func (r Report) Summary() Summary {
	var s Summary
	for _, f := range r.Findings {
		switch f.Severity {
		case Violation:
			s.Violation++
		case Advice:
			s.Advice++
		case Info:
			s.Info++
		}
	}
	return s
}

// Worst returns the severity of the most severe finding. It reports false
// when there is no finding.
func (r Report) Worst() (Severity, bool) {
	var w Severity
	for _, f := range r.Findings {
		if f.Severity.IsValid() && (w == 0 || f.Severity < w) {
			w = f.Severity
		}
	}
	return w, w != 0
}

// Filter returns a report with the findings whose rule matches one of the
// patterns (all of them when patterns is empty) and whose severity is at
// least min (see [Severity.AtLeast]: Info, or the zero Severity, keeps
// every severity). A pattern is a rule ID or a prefix ending with '*', as
// in [Config.Rules]; here a pattern that matches nothing is no error. The
// findings are copied: the new report shares nothing with r.
func (r Report) Filter(patterns []string, min Severity) Report {
	out := Report{At: r.At, Findings: []Finding{}}
	for _, f := range r.Findings {
		if (len(patterns) == 0 || matchAny(patterns, f.Rule)) && f.Severity.AtLeast(min) {
			out.Findings = append(out.Findings, f)
		}
	}
	return out
}

// jsonFinding is a finding in the JSON report of FORMAT.md.
type jsonFinding struct {
	Rule        string         `json:"rule"`
	Severity    Severity       `json:"severity"`
	Subject     string         `json:"subject,omitzero"`
	SubjectKind string         `json:"subject_kind,omitzero"`
	Year        int            `json:"year,omitzero"`
	Date        labelling.Date `json:"date,omitzero"`
	Group       typology.Group `json:"group,omitzero"`
	Message     string         `json:"message,omitzero"`
	Source      string         `json:"source,omitzero"`
}

type jsonReport struct {
	At       labelling.Date `json:"at"`
	Network  string         `json:"network"`
	Findings []jsonFinding  `json:"findings"`
	Summary  Summary        `json:"summary"`
}

// WriteJSON writes the report as FORMAT.md's JSON document: the audit
// date, networkName (the file audited, or "embedded"), the findings in
// the report's order with their zero fields omitted ([] when there are
// none, never null), and the summary with all three severities. It is
// indented with two spaces and ends with a newline. It fails when the
// report's date is the zero Date or a finding's severity is invalid, and
// when w fails.
func (r Report) WriteJSON(w io.Writer, networkName string) error {
	doc := jsonReport{At: r.At, Network: networkName, Findings: make([]jsonFinding, len(r.Findings)), Summary: r.Summary()}
	for i, f := range r.Findings {
		doc.Findings[i] = jsonFinding{
			Rule: f.Rule, Severity: f.Severity, Subject: f.Subject, SubjectKind: f.SubjectKind,
			Year: f.Year, Date: f.Date, Group: f.Group, Message: f.Message, Source: f.Source,
		}
	}
	if r.At.IsZero() {
		return fmt.Errorf("rules: write JSON report: the audit date is missing")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("rules: write JSON report: %w", err)
	}
	return nil
}

// WriteText writes the report for people: a headline with the counts,
// then the findings grouped by severity (violations first) and by rule,
// each rule with its title, its count and its source, each finding on a
// line of its own with its subject and message.
func (r Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	s := r.Summary()
	at := r.At.String()
	if len(r.Findings) == 0 {
		fmt.Fprintf(bw, "Audit at %s: no findings.\n", at)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "Audit at %s: %s (%s, %s, %s).\n", at,
		plural(len(r.Findings), "finding", "findings"),
		plural(s.Violation, "violation", "violations"),
		plural(s.Advice, "advice", "advice"),
		plural(s.Info, "info", "info"))
	fs := slices.Clone(r.Findings)
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), strings.Compare(a.Rule, b.Rule))
	})
	for i := 0; i < len(fs); {
		sev := fs[i].Severity
		j := i
		for j < len(fs) && fs[j].Severity == sev {
			j++
		}
		heading := map[Severity]string{Violation: "Violations", Advice: "Advice", Info: "Info"}[sev]
		if heading == "" {
			heading = sev.String()
		}
		fmt.Fprintf(bw, "\n%s (%d)\n", heading, j-i)
		for k := i; k < j; {
			rule := fs[k].Rule
			l := k
			for l < j && fs[l].Rule == rule {
				l++
			}
			title := ""
			if br, ok := Lookup(rule); ok {
				title = ": " + br.Title()
			}
			fmt.Fprintf(bw, "\n  %s (%d)%s\n", rule, l-k, title)
			if src := fs[k].Source; src != "" {
				fmt.Fprintf(bw, "    source: %s\n", src)
			}
			for _, f := range fs[k:l] {
				kind := f.SubjectKind
				if kind == "" {
					kind = "subject"
				}
				fmt.Fprintf(bw, "    - %s %s: %s\n", kind, f.Subject, f.Message)
			}
			k = l
		}
		i = j
	}
	return bw.Flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
