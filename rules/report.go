package rules

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// The kinds of subject a finding is about (Finding.SubjectKind).
const (
	SubjectCentre      = "centre"
	SubjectTeam        = "team"
	SubjectConvention  = "convention"
	SubjectPlatform    = "platform"
	SubjectRegion      = "region"
	SubjectInterregion = "interregion"
)

// A Finding is one fault (or fact) a rule found. Findings are data, not
// errors: a network with findings was still checked.
//
// Its zero fields mean "does not apply": Year is set by per-year rules,
// Group where a disease group is concerned, Date where a day matters (the
// day a label ended, a decision's day). It marshals to JSON as a finding
// of FORMAT.md's report (snake_case names, zero fields omitted).
type Finding struct {
	Rule     string   `json:"rule"`              // the rule's ID, such as "label.overlap"
	Severity Severity `json:"severity,omitzero"` // the rule's severity
	// Subject is the ID of the entity the finding is about, of kind
	// SubjectKind: a centre (most rules), a team (team.*), a convention
	// (convention.*), a platform (platform.*), a region code
	// (coverage.region-without-centre) or an interregion's slug
	// (coverage.interregion-without-centre). The methods Centre, Team,
	// Convention, Platform, Region and Interregion return it typed.
	Subject     string         `json:"subject,omitzero"`
	SubjectKind string         `json:"subject_kind,omitzero"`
	Year        int            `json:"year,omitzero"`
	Group       typology.Group `json:"group,omitzero"`
	Date        labelling.Date `json:"date,omitzero"`
	// Message says what is wrong and why, in words an agency officer
	// understands; its wording may change between versions: match on Rule
	// and Subject, not on Message.
	Message string `json:"message,omitzero"`
	Source  string `json:"source,omitzero"` // the rule's source (see [Rule.Source])
	// Evidence lists the records that caused the finding, at most five,
	// in document order; EvidenceMore counts those left out. Findings of
	// user rules and coverage findings have none.
	Evidence     []Evidence `json:"evidence,omitempty"`
	EvidenceMore int        `json:"evidence_more,omitzero"`
}

// Centre returns the subject as a centre ID, when the finding is about a
// centre.
func (f Finding) Centre() (network.CentreID, bool) {
	return network.CentreID(f.Subject), f.SubjectKind == SubjectCentre
}

// Team returns the subject as a team ID, when the finding is about a team.
func (f Finding) Team() (network.TeamID, bool) {
	return network.TeamID(f.Subject), f.SubjectKind == SubjectTeam
}

// Convention returns the subject as a convention ID, when the finding is
// about a convention.
func (f Finding) Convention() (network.ConventionID, bool) {
	return network.ConventionID(f.Subject), f.SubjectKind == SubjectConvention
}

// Platform returns the subject as a platform ID, when the finding is
// about a platform.
func (f Finding) Platform() (network.PlatformID, bool) {
	return network.PlatformID(f.Subject), f.SubjectKind == SubjectPlatform
}

// Region returns the subject as a region code, when the finding is about
// a region.
func (f Finding) Region() (network.RegionCode, bool) {
	return network.RegionCode(f.Subject), f.SubjectKind == SubjectRegion
}

// Interregion returns the subject as an interregion, when the finding is
// about an interregion (and its slug is one).
func (f Finding) Interregion() (network.Interregion, bool) {
	if f.SubjectKind != SubjectInterregion {
		return 0, false
	}
	var ir network.Interregion
	if ir.UnmarshalText([]byte(f.Subject)) != nil {
		return 0, false
	}
	return ir, true
}

// Compare orders findings as reports list them: by severity (violation
// first), rule ID, subject, year, date, group, then the remaining fields
// (evidence aside), so that the order is total and reports diff cleanly.
func (f Finding) Compare(g Finding) int {
	return cmp.Or(
		cmp.Compare(f.Severity, g.Severity),
		strings.Compare(f.Rule, g.Rule),
		strings.Compare(f.Subject, g.Subject),
		cmp.Compare(f.Year, g.Year),
		f.Date.Compare(g.Date),
		cmp.Compare(f.Group, g.Group),
		strings.Compare(f.Message, g.Message),
		strings.Compare(f.SubjectKind, g.SubjectKind),
		strings.Compare(f.Source, g.Source),
	)
}

// A Report is the result of an audit: the audit date and the findings,
// sorted by [Finding.Compare].
type Report struct {
	At       labelling.Date `json:"at,omitzero"`
	Findings []Finding      `json:"findings"`
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

// jsonFinding is a finding in the JSON report of FORMAT.md: evidence
// always present ([] when there is none).
type jsonFinding struct {
	Rule         string         `json:"rule"`
	Severity     Severity       `json:"severity"`
	Subject      string         `json:"subject,omitzero"`
	SubjectKind  string         `json:"subject_kind,omitzero"`
	Year         int            `json:"year,omitzero"`
	Date         labelling.Date `json:"date,omitzero"`
	Group        typology.Group `json:"group,omitzero"`
	Message      string         `json:"message,omitzero"`
	Source       string         `json:"source,omitzero"`
	Evidence     []Evidence     `json:"evidence"`
	EvidenceMore int            `json:"evidence_more"`
}

func toJSON(fs []Finding) []jsonFinding {
	out := make([]jsonFinding, len(fs))
	for i, f := range fs {
		ev := f.Evidence
		if ev == nil {
			ev = []Evidence{}
		}
		out[i] = jsonFinding{
			Rule: f.Rule, Severity: f.Severity, Subject: f.Subject, SubjectKind: f.SubjectKind,
			Year: f.Year, Date: f.Date, Group: f.Group, Message: f.Message, Source: f.Source,
			Evidence: ev, EvidenceMore: f.EvidenceMore,
		}
	}
	return out
}

// WriteJSON writes the report as FORMAT.md's JSON document: the audit
// date, networkName (the file audited, or "embedded"), the findings in
// the report's order with their zero fields omitted and their evidence
// ([] when there are none, never null), and the summary with all three
// severities. It is indented with two spaces and ends with a newline. It
// fails, writing nothing, when the report's date is the zero Date or a
// finding's severity or group is invalid (the zero ones are written as ""
// and left out), and when w fails. The document is exactly what
// encoding/json would write for it with HTML escaping off (U+2028, U+2029
// and control characters escaped, invalid UTF-8 as \ufffd), written
// without reflection in pieces of about 32 KiB.
func (r Report) WriteJSON(w io.Writer, networkName string) error {
	if r.At.IsZero() {
		return fmt.Errorf("rules: write JSON report: the audit date is missing")
	}
	if err := checkJSON(r.Findings); err != nil {
		return fmt.Errorf("rules: write JSON report: %w", err)
	}
	return writeReportJSON(w, r, networkName)
}

// WriteText writes the report for people: a headline with the counts,
// then the findings grouped by severity (violations first) and by rule,
// each rule with its title, its count and its source, each finding on a
// line of its own with its subject and message. Control characters and
// invalid UTF-8 in what comes from the input (IDs, names) are written
// escaped, as strconv.Quote writes them, so no input can forge a line.
func (r Report) WriteText(w io.Writer) error { return r.writeText(w, false) }

// WriteTextEvidence is [Report.WriteText] with the evidence of each
// finding under it: kind, ID, JSON Pointer and, when known, line and
// column of each record.
func (r Report) WriteTextEvidence(w io.Writer) error { return r.writeText(w, true) }

func (r Report) writeText(w io.Writer, explain bool) error {
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
	var line []byte
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
			line = append(line[:0], "\n  "...)
			line = appendEscaped(line, rule)
			line = append(line, " ("...)
			line = appendInt(line, l-k)
			line = append(line, ')')
			line = append(line, title...)
			line = append(line, '\n')
			if src := fs[k].Source; src != "" {
				line = append(line, "    source: "...)
				line = appendEscaped(line, src)
				line = append(line, '\n')
			}
			bw.Write(line)
			for _, f := range fs[k:l] {
				line = appendFindingLine(line[:0], f)
				if explain {
					line = appendEvidence(line, f, "        ")
				}
				bw.Write(line)
			}
			k = l
		}
		i = j
	}
	return bw.Flush()
}

// appendFindingLine appends "    - kind subject: message\n", escaped.
func appendFindingLine(b []byte, f Finding) []byte {
	kind := cmp.Or(f.SubjectKind, "subject")
	b = append(b, "    - "...)
	b = appendEscaped(b, kind)
	b = append(b, ' ')
	b = appendEscaped(b, f.Subject)
	b = append(b, ": "...)
	b = appendEscaped(b, f.Message)
	return append(b, '\n')
}

// appendEvidence appends one line per evidence record of f, indented.
func appendEvidence(b []byte, f Finding, indent string) []byte {
	for _, e := range f.Evidence {
		b = append(b, indent...)
		b = append(b, "evidence: "...)
		b = appendEscaped(b, e.Kind)
		b = append(b, ' ')
		b = appendEscaped(b, e.ID)
		b = append(b, " at "...)
		b = appendEscaped(b, e.Pointer)
		if e.Line > 0 {
			b = append(b, " (line "...)
			b = appendInt(b, e.Line)
			b = append(b, ", column "...)
			b = appendInt(b, e.Column)
			b = append(b, ')')
		}
		b = append(b, '\n')
	}
	if f.EvidenceMore > 0 {
		b = append(b, indent...)
		b = append(b, "evidence: and "...)
		b = appendInt(b, f.EvidenceMore)
		b = append(b, " more\n"...)
	}
	return b
}

// appendEscaped appends s with its control characters (C0, DEL, C1) and
// invalid UTF-8 escaped as strconv.Quote escapes them; everything else,
// accents included, as it is.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			q := strconv.Quote(s[i : i+size])
			b = append(b, q[1:len(q)-1]...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}
