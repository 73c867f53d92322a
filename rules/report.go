package rules

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"iter"
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
//
// A Report from [Check] keeps its findings compact, as the engine found
// them: a [Finding], with its message and evidence, is built when it is
// read ([Report.Finding], [Report.All], [Report.Findings]), and each read
// returns new values that share nothing with the report or with other
// reads. So an audit costs what finding its faults costs, and a program
// pays for the findings it reads: counting them ([Report.Len],
// [Report.Summary]) or filtering them by rule builds nothing. Findings
// built together (by All, a few hundred at a time, or by Findings) share
// their text's buffers: a program that keeps a few of many findings for
// long keeps their batch's buffers too, unless it keeps copies
// (strings.Clone) or reads them with Finding. A Report keeps the network
// it audited reachable (its findings name its entities).
//
// A Report is immutable and safe for concurrent readers. The zero Report
// has no findings. Compare reports with [Report.Equal]: == does not
// compile. A Report marshals to JSON as {"at": ..., "findings": [...]},
// "at" left out when zero.
type Report struct {
	_   [0]func() // not comparable: == would compare the records' addresses
	At  labelling.Date
	set *findingSet
}

// NewReport returns a report of findings fs at day at: a copy of fs,
// sorted by [Finding.Compare]; fs may be in any order. It is how a report
// read back or made by a program is built.
func NewReport(at labelling.Date, fs []Finding) Report {
	own := make([]Finding, len(fs))
	for i, f := range fs {
		f.Evidence = slices.Clone(f.Evidence)
		own[i] = f
	}
	slices.SortStableFunc(own, Finding.Compare)
	return Report{At: at, set: newBuiltSet(own)}
}

// Len returns the number of findings.
func (r Report) Len() int { return r.set.len() }

// Finding returns finding i (0 <= i < Len()), built anew. It panics when
// i is out of range, like an index into a slice.
func (r Report) Finding(i int) Finding {
	if i < 0 || i >= r.Len() {
		panic(fmt.Sprintf("rules: Report.Finding(%d) with %d findings", i, r.Len()))
	}
	// Built into scratch buffers, then copied out: the finding keeps its
	// own bytes only, not a buffer sized for many.
	f := r.set.buildInto(i, i+1, &buildBuf{})[0]
	f.Message = strings.Clone(f.Message)
	for j := range f.Evidence {
		f.Evidence[j].Pointer = strings.Clone(f.Evidence[j].Pointer)
	}
	return f
}

// All yields the findings in order, built a few hundred at a time.
func (r Report) All() iter.Seq[Finding] {
	if r.set == nil {
		return func(func(Finding) bool) {}
	}
	return r.set.all()
}

// Findings returns all the findings, built anew in a slice the caller
// owns ([] when there is none).
func (r Report) Findings() []Finding {
	if r.set == nil {
		return []Finding{}
	}
	return r.set.build(0, r.set.n)
}

// Equal reports whether r and s have the same date and the same
// findings, field by field (evidence included), in the same order.
func (r Report) Equal(s Report) bool {
	if r.At != s.At || r.Len() != s.Len() {
		return false
	}
	if r.Len() == 0 {
		return true
	}
	a, b := r.Findings(), s.Findings()
	return slices.EqualFunc(a, b, Finding.equal)
}

// equal reports whether f and g are the same, evidence included.
func (f Finding) equal(g Finding) bool {
	return f.Rule == g.Rule && f.Severity == g.Severity && f.Subject == g.Subject &&
		f.SubjectKind == g.SubjectKind && f.Year == g.Year && f.Group == g.Group && f.Date == g.Date &&
		f.Message == g.Message && f.Source == g.Source && f.EvidenceMore == g.EvidenceMore &&
		slices.Equal(f.Evidence, g.Evidence)
}

// Locate returns the report with each evidence record's Pointer, Line
// and Column taken from p, the positions of the records in the document
// the network was read from (see [network.Decoder.RecordPositions]), so
// that evidence points into the document as read (FORMAT.md); records p
// does not know keep theirs. A nil p changes nothing. Locating costs
// nothing until findings are read.
func (r Report) Locate(p *network.Positions) Report {
	if p == nil || r.set == nil {
		return r
	}
	s := *r.set
	s.pos = p
	r.set = &s
	return r
}

// reportJSON is a Report as JSON holds it.
type reportJSON struct {
	At       labelling.Date `json:"at,omitzero"`
	Findings []Finding      `json:"findings"`
}

// MarshalJSON writes the report as {"at": "YYYY-MM-DD", "findings":
// [...]}, each finding as [Finding] marshals (the audit date is left out
// when zero).
func (r Report) MarshalJSON() ([]byte, error) {
	return json.Marshal(reportJSON{At: r.At, Findings: r.Findings()})
}

// UnmarshalJSON reads what MarshalJSON writes; findings may come in any
// order (see [NewReport]). JSON null leaves r as it is.
func (r *Report) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var x reportJSON
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	*r = Report{At: x.At, set: newBuiltSet(x.Findings)}
	if r.set != nil {
		slices.SortStableFunc(r.set.segs[0].built, Finding.Compare)
	}
	return nil
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
	r.eachSeverity(func(sev Severity, n int) {
		switch sev {
		case Violation:
			s.Violation += n
		case Advice:
			s.Advice += n
		case Info:
			s.Info += n
		}
	})
	return s
}

// eachSeverity calls f with the severity of runs of the report's
// findings and their lengths, reading no finding built.
func (r Report) eachSeverity(f func(sev Severity, n int)) {
	if r.set == nil {
		return
	}
	for k := range r.set.segs {
		g := &r.set.segs[k]
		if g.rule != nil {
			f(g.rule.sev, len(g.recs))
			continue
		}
		for i := range g.built {
			f(g.built[i].Severity, 1)
		}
	}
}

// Worst returns the severity of the most severe finding. It reports false
// when there is no finding.
func (r Report) Worst() (Severity, bool) {
	var w Severity
	r.eachSeverity(func(sev Severity, _ int) {
		if sev.IsValid() && (w == 0 || sev < w) {
			w = sev
		}
	})
	return w, w != 0
}

// Filter returns a report with the findings whose rule matches one of the
// patterns (all of them when patterns is empty) and whose severity is at
// least min (see [Severity.AtLeast]: Info, or the zero Severity, keeps
// every severity). A pattern is a rule ID or a prefix ending with '*', as
// in [Config.Rules]; here a pattern that matches nothing is no error.
// Nothing is built: the new report shares r's records, which neither
// report ever changes.
func (r Report) Filter(patterns []string, min Severity) Report {
	if r.set == nil {
		return r
	}
	return Report{At: r.At, set: r.set.filter(func(rule string, sev Severity) bool {
		return (len(patterns) == 0 || matchAny(patterns, rule)) && sev.AtLeast(min)
	})}
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
	if err := r.set.checkJSON(); err != nil {
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
	if r.Len() == 0 {
		fmt.Fprintf(bw, "Audit at %s: no findings.\n", at)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "Audit at %s: %s (%s, %s, %s).\n", at,
		plural(r.Len(), "finding", "findings"),
		plural(s.Violation, "violation", "violations"),
		plural(s.Advice, "advice", "advice"),
		plural(s.Info, "info", "info"))
	// The findings are in report order: by severity, then rule. Each run
	// of one rule is headed by its count, each severity by its own: both
	// are known before any finding is built.
	runs := r.set.runs()
	var line []byte
	ri, left := 0, 0 // the current run, and its findings still to write
	r.set.each(func(f *Finding) bool {
		if left == 0 {
			ru := runs[ri]
			if ri == 0 || runs[ri-1].sev != ru.sev {
				n := 0
				for _, o := range runs[ri:] {
					if o.sev != ru.sev {
						break
					}
					n += o.n
				}
				heading := map[Severity]string{Violation: "Violations", Advice: "Advice", Info: "Info"}[ru.sev]
				if heading == "" {
					heading = ru.sev.String()
				}
				fmt.Fprintf(bw, "\n%s (%d)\n", heading, n)
			}
			title := ""
			if br, ok := Lookup(ru.rule); ok {
				title = ": " + br.Title()
			}
			line = append(line[:0], "\n  "...)
			line = appendEscaped(line, ru.rule)
			line = append(line, " ("...)
			line = appendInt(line, ru.n)
			line = append(line, ')')
			line = append(line, title...)
			line = append(line, '\n')
			if src := f.Source; src != "" {
				line = append(line, "    source: "...)
				line = appendEscaped(line, src)
				line = append(line, '\n')
			}
			bw.Write(line)
			ri, left = ri+1, ru.n
		}
		line = appendFindingLine(line[:0], *f)
		if explain {
			line = appendEvidence(line, *f, "        ")
		}
		bw.Write(line)
		left--
		return true
	})
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

// isBidiControl reports whether r changes the direction of the text
// around it (Unicode's bidirectional formatting characters and marks):
// printed raw, a value could reorder what a reader sees of the rest of
// its line. The decoder takes them in text (they are not control
// characters), so reports escape them.
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// appendEscaped appends s with its control characters (C0, DEL, C1),
// bidirectional formatting characters (see isBidiControl), the line and
// paragraph separators U+2028 and U+2029, and
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
		if (r == utf8.RuneError && size == 1) || r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			q := strconv.Quote(s[i : i+size])
			b = append(b, q[1:len(q)-1]...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}
