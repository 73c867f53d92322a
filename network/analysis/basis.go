package analysis

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Basis says what an analysis of a network counts, so that every report,
// table and picture can say it: which network, whether it is the embedded
// sample, how many of its centres have no known label (those are in force
// on no date, so no count by date includes them), and which marks its
// labels carry. Build it with [Describe]; [Basis.Lines] words it.
type Basis struct {
	// Network names the network: "embedded", a file name, or what the
	// caller chose.
	Network string `json:"network"`
	// Sample is true for the embedded national network
	// ([network.National]): a sample of the real network gathered from
	// public pages, not the national list.
	Sample bool `json:"sample,omitzero"`
	// Centres is the number of centres of the network.
	Centres int `json:"centres"`
	// Unlabelled is the number of centres with no label counted (none
	// recorded, or none of the marks kept): they are in force on no date.
	Unlabelled int `json:"unlabelled"`
	// Labels is the number of labels counted: all of them, or those of
	// the marks kept.
	Labels int `json:"labels"`
	// LabelMarks counts every label of the network by its mark (see
	// [LabelMark]), in the order verified, inferred, derived, unverified,
	// then no mark (the zero Mark); marks with no label are left out.
	LabelMarks []MarkCount `json:"label_marks"`
	// Marks are the marks kept ([OnlyMarks]); empty when every label is
	// counted.
	Marks []typology.Mark `json:"marks,omitempty"`
}

// A MarkCount is a number of labels that carry one mark; the zero Mark
// stands for labels without one.
type MarkCount struct {
	Mark   typology.Mark `json:"mark,omitzero"`
	Labels int           `json:"labels"`
}

// LabelMark returns the mark of label l of centre c: the label's own mark,
// or the centre's when the label records none (the zero Mark when neither
// does).
func LabelMark(c network.Centre, l labelling.Label) typology.Mark {
	return labelMark(c.Provenance.Mark, l)
}

// labelMark is LabelMark given the centre's mark.
func labelMark(centre typology.Mark, l labelling.Label) typology.Mark {
	if m := l.Provenance().Mark; m != 0 {
		return m
	}
	return centre
}

// markOrder ranks marks from the surest to the least sure, no mark last.
var markOrder = []typology.Mark{typology.MarkVerified, typology.MarkInferred, typology.MarkDerived, typology.MarkUnverified, 0}

// Describe returns the basis of an analysis of n, named name, restricted
// to the labels of the given marks (every label when none is given).
func Describe(n *network.Network, name string, marks ...typology.Mark) Basis {
	b := Basis{Network: name, Sample: n == network.National(), Centres: n.NumCentres(), Marks: slices.Clone(marks)}
	count := map[typology.Mark]int{}
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		kept := 0
		for k := range v.NumLabels() {
			m := labelMark(v.Provenance().Mark, v.Label(k))
			count[m]++
			if keep(marks, m) {
				kept++
			}
		}
		b.Labels += kept
		if kept == 0 {
			b.Unlabelled++
		}
	}
	for _, m := range markOrder {
		if count[m] > 0 {
			b.LabelMarks = append(b.LabelMarks, MarkCount{m, count[m]})
		}
	}
	return b
}

func keep(marks []typology.Mark, m typology.Mark) bool {
	return len(marks) == 0 || slices.Contains(marks, m)
}

// markName names a mark in a sentence, "no mark" for the zero Mark.
func markName(m typology.Mark) string {
	if m == 0 {
		return "no mark"
	}
	return m.String()
}

// Lines words the basis for the head of a report, one sentence a line:
//
//	Network: embedded, a sample of the national network gathered from public pages, not the official list.
//	281 centres, 126 of them with no known label: not counted when a date is asked.
//	155 labels, marked: derived 155 (derived: computed from other facts, such as a window from its campaign's act).
//
// and, when marks are kept, which ones and how many labels that leaves.
func (b Basis) Lines() []string {
	first := "Network: " + b.Network
	if b.Sample {
		first += ", a sample of the national network gathered from public pages, not the official list"
	}
	lines := []string{first + "."}
	what := "no known label"
	if len(b.Marks) > 0 {
		what = "no label of the marks kept"
	}
	lines = append(lines, fmt.Sprintf("%d centres, %d of them with %s: not counted when a date is asked.", b.Centres, b.Unlabelled, what))
	total := 0
	var parts []string
	derived := false
	for _, mc := range b.LabelMarks {
		total += mc.Labels
		parts = append(parts, fmt.Sprintf("%s %d", markName(mc.Mark), mc.Labels))
		derived = derived || mc.Mark == typology.MarkDerived
	}
	l := fmt.Sprintf("%d labels", total)
	if len(parts) > 0 {
		l += ", marked: " + strings.Join(parts, ", ")
	}
	if derived {
		l += " (derived: computed from other facts, such as a window from its campaign's act)"
	}
	lines = append(lines, l+".")
	if len(b.Marks) > 0 {
		names := make([]string, len(b.Marks))
		for i, m := range b.Marks {
			names[i] = markName(m)
		}
		lines = append(lines, fmt.Sprintf("Only labels marked %s are counted: %d of %d.", strings.Join(names, " or "), b.Labels, total))
	}
	return lines
}

// WriteComments writes the lines of [Basis.Lines] to w, each after "# ":
// the head of a CSV file, which readers skip with encoding/csv's
// Reader.Comment = '#' (pandas: comment="#"; R: comment.char = "#").
func (b Basis) WriteComments(w io.Writer) error {
	for _, l := range b.Lines() {
		if _, err := io.WriteString(w, "# "+l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// String returns the lines of [Basis.Lines] joined by spaces.
func (b Basis) String() string { return strings.Join(b.Lines(), " ") }

// ParseMarks reads a comma-separated list of marks ("verified,inferred"),
// as a -marks flag takes it; the empty string gives none (every label).
func ParseMarks(s string) ([]typology.Mark, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []typology.Mark
	for _, f := range strings.Split(s, ",") {
		m, err := typology.ParseMark(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("analysis: marks: %q is not verified, inferred, derived or unverified", cut(strings.TrimSpace(f)))
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// OnlyMarks returns a network like n in which every centre keeps only the
// labels whose mark ([LabelMark]) is one of marks: analyses of it count
// only facts of those marks. Everything else of n is kept. With no mark
// given it returns n itself. It fails only if the restricted network does
// not build, which a network that built once cannot cause.
func OnlyMarks(n *network.Network, marks ...typology.Mark) (*network.Network, error) {
	if len(marks) == 0 {
		return n, nil
	}
	b := n.Edit()
	b.EditCentres(func(c *network.Centre) {
		var ls []labelling.Label
		for _, l := range c.Labels {
			if keep(marks, LabelMark(*c, l)) {
				ls = append(ls, l)
			}
		}
		c.Labels = ls
	})
	r, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("analysis: keeping the labels of marks %v: %w", marks, err)
	}
	return r, nil
}
