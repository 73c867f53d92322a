package rules

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Scenario is one audit of a what-if comparison: a network, an audit
// date and a configuration, as [Check] takes them.
type Scenario struct {
	Network *network.Network `json:"network"`
	At      labelling.Date   `json:"at,omitzero"`
	Config  Config           `json:"config"`
}

// A FindingKey identifies a finding across two audits: its rule, subject,
// year, date and group. Two audits report "the same" finding when their
// keys are equal, whatever the message says (its wording may change, and
// it often quotes the thresholds that a what-if varies).
type FindingKey struct {
	Rule    string         `json:"rule"`
	Subject string         `json:"subject"`
	Year    int            `json:"year,omitempty"`
	Date    labelling.Date `json:"date,omitzero"`
	Group   typology.Group `json:"group,omitzero"`
}

// Key returns f's key.
func (f Finding) Key() FindingKey {
	return FindingKey{Rule: f.Rule, Subject: f.Subject, Year: f.Year, Date: f.Date, Group: f.Group}
}

// A Diff compares the findings of two audits, A then B. Each list is
// sorted by [Finding.Compare]; a finding is in exactly one of them.
type Diff struct {
	// A and B are the audit dates of the two reports.
	A labelling.Date `json:"a,omitzero"`
	B labelling.Date `json:"b,omitzero"`
	// Appeared holds B's findings that A did not report.
	Appeared []Finding `json:"appeared"`
	// Disappeared holds A's findings that B no longer reports.
	Disappeared []Finding `json:"disappeared"`
	// Stayed holds B's findings that A reported too (with B's message).
	Stayed []Finding `json:"stayed"`
}

// Changed reports whether anything appeared or disappeared.
func (d Diff) Changed() bool { return len(d.Appeared) > 0 || len(d.Disappeared) > 0 }

// CompareReports compares two reports finding by finding, by
// [Finding.Key]: a finding of b whose key a has too stayed, one whose key
// a lacks appeared, and a finding of a whose key b lacks disappeared.
// Keys are counted, so that a report holding a key twice and another
// holding it once differ by one finding.
func CompareReports(a, b Report) Diff {
	d := Diff{A: a.At, B: b.At, Appeared: []Finding{}, Disappeared: []Finding{}, Stayed: []Finding{}}
	fa, fb := a.Findings(), b.Findings()
	left := make(map[FindingKey]int, len(fa))
	for _, f := range fa {
		left[f.Key()]++
	}
	for _, f := range fb {
		k := f.Key()
		if left[k] > 0 {
			left[k]--
			d.Stayed = append(d.Stayed, f)
		} else {
			d.Appeared = append(d.Appeared, f)
		}
	}
	// What A reported beyond what B matched: the last findings of each
	// key are the unmatched ones. Walking A backwards finds them; reverse
	// to keep A's order.
	for i := len(fa) - 1; i >= 0; i-- {
		f := fa[i]
		if k := f.Key(); left[k] > 0 {
			left[k]--
			d.Disappeared = append(d.Disappeared, f)
		}
	}
	slices.Reverse(d.Disappeared)
	// Reports from Check are sorted, and so are these subsequences of
	// them; sort only what a caller built in another order.
	for _, s := range [][]Finding{d.Appeared, d.Disappeared, d.Stayed} {
		if !slices.IsSortedFunc(s, Finding.Compare) {
			slices.SortStableFunc(s, Finding.Compare)
		}
	}
	return d
}

// WhatIf audits scenarios a and b with [Check] and compares
// their findings with [CompareReports]: what appears, disappears and stays
// when the configuration changes (MinActiveFile 25 then 30), when the date
// moves, or when the network is edited ([network.Network.Edit]). The error
// is [Check]'s, for either scenario, prefixed "scenario A" or "scenario
// B".
//
// The two audits run concurrently ([Check] is safe for concurrent use), so
// a what-if takes about as long as one audit on a machine with two cores.
func WhatIf(a, b Scenario) (Diff, error) {
	var (
		ra, rb     Report
		errA, errB error
		wg         sync.WaitGroup
	)
	wg.Go(func() { ra, errA = Check(a.Network, a.At, a.Config) })
	rb, errB = Check(b.Network, b.At, b.Config)
	wg.Wait()
	if errA != nil {
		return Diff{}, fmt.Errorf("scenario A: %w", errA)
	}
	if errB != nil {
		return Diff{}, fmt.Errorf("scenario B: %w", errB)
	}
	return CompareReports(ra, rb), nil
}

type jsonDiff struct {
	A           labelling.Date `json:"a"`
	B           labelling.Date `json:"b"`
	Network     string         `json:"network"`
	Appeared    []jsonFinding  `json:"appeared"`
	Disappeared []jsonFinding  `json:"disappeared"`
	Stayed      []jsonFinding  `json:"stayed"`
}

// WriteJSON writes the diff as a JSON document: the two audit dates "a"
// and "b", networkName, and the lists "appeared", "disappeared" and
// "stayed", each finding as in the audit report of FORMAT.md (zero fields
// omitted; [] when empty, never null). It is indented with two spaces and
// ends with a newline. It fails when a date is missing and when w fails.
func (d Diff) WriteJSON(w io.Writer, networkName string) error {
	if d.A.IsZero() || d.B.IsZero() {
		return errors.New("rules: write JSON diff: an audit date is missing")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(jsonDiff{A: d.A, B: d.B, Network: networkName,
		Appeared: toJSON(d.Appeared), Disappeared: toJSON(d.Disappeared), Stayed: toJSON(d.Stayed)})
	if err != nil {
		return fmt.Errorf("rules: write JSON diff: %w", err)
	}
	return nil
}

// WriteText writes the diff for people: a headline with the counts, then
// the findings that appeared and those that disappeared, grouped by rule,
// one line each with the subject and the message (as [Report.WriteText]
// writes them), in the audit report's order: by severity (violations
// first), then rule. Findings that stayed are counted by rule, not listed.
func (d Diff) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "What-if: %d appeared, %d disappeared, %d stayed.\n", len(d.Appeared), len(d.Disappeared), len(d.Stayed))
	list := func(title string, fs []Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s (%d)\n", title, len(fs))
		sorted := slices.Clone(fs)
		// As the audit report orders them: by severity, then rule.
		slices.SortStableFunc(sorted, func(a, b Finding) int {
			if a.Severity != b.Severity {
				return int(a.Severity) - int(b.Severity)
			}
			return strings.Compare(a.Rule, b.Rule)
		})
		for i := 0; i < len(sorted); {
			j := i
			for j < len(sorted) && sorted[j].Rule == sorted[i].Rule {
				j++
			}
			fmt.Fprintf(bw, "\n  %s (%s, %d)\n", sorted[i].Rule, sorted[i].Severity, j-i)
			for _, f := range sorted[i:j] {
				bw.Write(appendFindingLine(nil, f))
			}
			i = j
		}
	}
	list("Appeared", d.Appeared)
	list("Disappeared", d.Disappeared)
	if len(d.Stayed) > 0 {
		counts := map[string]int{}
		for _, f := range d.Stayed {
			counts[f.Rule]++
		}
		fmt.Fprintf(bw, "\nStayed (%d)\n", len(d.Stayed))
		ids := make([]string, 0, len(counts))
		for id := range counts {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			fmt.Fprintf(bw, "  %s: %d\n", id, counts[id])
		}
	}
	return bw.Flush()
}
