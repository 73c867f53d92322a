package rules_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// refFinding, refReport and writeJSONReference are the encoding/json
// writer Report.WriteJSON replaced, kept here as the reference its output
// must match byte for byte.
type refFinding struct {
	Rule         string           `json:"rule"`
	Severity     rules.Severity   `json:"severity"`
	Subject      string           `json:"subject,omitzero"`
	SubjectKind  string           `json:"subject_kind,omitzero"`
	Year         int              `json:"year,omitzero"`
	Date         labelling.Date   `json:"date,omitzero"`
	Group        typology.Group   `json:"group,omitzero"`
	Message      string           `json:"message,omitzero"`
	Source       string           `json:"source,omitzero"`
	Evidence     []rules.Evidence `json:"evidence"`
	EvidenceMore int              `json:"evidence_more"`
}

type refReport struct {
	At       labelling.Date `json:"at"`
	Network  string         `json:"network"`
	Findings []refFinding   `json:"findings"`
	Summary  rules.Summary  `json:"summary"`
}

func writeJSONReference(w io.Writer, r rules.Report, networkName string) error {
	if r.At.IsZero() {
		return errors.New("zero date")
	}
	doc := refReport{At: r.At, Network: networkName, Findings: make([]refFinding, r.Len()), Summary: r.Summary()}
	for i, f := range r.Findings() {
		ev := f.Evidence
		if ev == nil {
			ev = []rules.Evidence{}
		}
		doc.Findings[i] = refFinding{
			Rule: f.Rule, Severity: f.Severity, Subject: f.Subject, SubjectKind: f.SubjectKind,
			Year: f.Year, Date: f.Date, Group: f.Group, Message: f.Message, Source: f.Source,
			Evidence: ev, EvidenceMore: f.EvidenceMore,
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// oddString draws strings made to test escaping: quotes, backslashes,
// every control character, DEL and C1 controls, HTML characters, accents,
// U+2028 and U+2029, invalid UTF-8 (stray continuation bytes, truncated
// sequences, surrogates, overlong forms), or any string at all.
func oddString() *rapid.Generator[string] {
	pieces := []string{
		"", "a", "centre-1", `"`, `\`, `\"`, "/", "<", ">", "&", "\x00", "\x01", "\b", "\f", "\n",
		"\r", "\t", "\x1f", " ", "\x7f", "\u0080", "\u009f", "é", "ç", "Ω", "€", "😀",
		"\u2028", "\u2029", "\u2027", "\u202a", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80",
		"\xc0\xaf", "\x80", "\xf4\x90\x80\x80", "\ufffd", "\ufeff",
	}
	piece := rapid.OneOf(rapid.SampledFrom(pieces), rapid.String(),
		rapid.Map(rapid.SliceOfN(rapid.Byte(), 0, 8), func(b []byte) string { return string(b) }))
	return rapid.Custom(func(t *rapid.T) string {
		var sb strings.Builder
		for range rapid.IntRange(0, 6).Draw(t, "pieces") {
			sb.WriteString(piece.Draw(t, "piece"))
		}
		return sb.String()
	})
}

func genDate(t *rapid.T, label string) labelling.Date {
	y := rapid.IntRange(labelling.MinYear, labelling.MaxYear).Draw(t, label+"Year")
	m := rapid.IntRange(1, 12).Draw(t, label+"Month")
	d := rapid.IntRange(1, 28).Draw(t, label+"Day")
	return labelling.MakeDate(y, time.Month(m), d)
}

func genReport(t *rapid.T) rules.Report {
	str := oddString()
	n := rapid.IntRange(0, 6).Draw(t, "findings")
	at := genDate(t, "at")
	var fs []rules.Finding
	for range n {
		f := rules.Finding{
			Rule:         str.Draw(t, "rule"),
			Severity:     rules.Severity(rapid.IntRange(0, 3).Draw(t, "severity")),
			Subject:      str.Draw(t, "subject"),
			SubjectKind:  str.Draw(t, "kind"),
			Year:         rapid.OneOf(rapid.Just(0), rapid.Int()).Draw(t, "year"),
			Group:        typology.Group(rapid.IntRange(0, 17).Draw(t, "group")),
			Message:      str.Draw(t, "message"),
			Source:       str.Draw(t, "source"),
			EvidenceMore: rapid.OneOf(rapid.Just(0), rapid.Int()).Draw(t, "more"),
		}
		if rapid.Bool().Draw(t, "dated") {
			f.Date = genDate(t, "date")
		}
		switch k := rapid.IntRange(-1, 6).Draw(t, "evidence"); {
		case k == 0:
			f.Evidence = []rules.Evidence{}
		case k > 0:
			for range k {
				f.Evidence = append(f.Evidence, rules.Evidence{
					Kind: str.Draw(t, "evKind"), ID: str.Draw(t, "evID"), Pointer: str.Draw(t, "evPointer"),
					Line:   rapid.OneOf(rapid.Just(0), rapid.Int()).Draw(t, "line"),
					Column: rapid.OneOf(rapid.Just(0), rapid.Int()).Draw(t, "column"),
				})
			}
		}
		fs = append(fs, f)
	}
	return rules.NewReport(at, fs)
}

// TestWriteJSONMatchesEncodingJSON checks that WriteJSON writes, byte for
// byte, what encoding/json writes for the same document, on reports full
// of strings that need escaping.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genReport(t)
		name := oddString().Draw(t, "network")
		var want, got bytes.Buffer
		if err := writeJSONReference(&want, r, name); err != nil {
			t.Fatalf("reference: %v", err)
		}
		if err := r.WriteJSON(&got, name); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("WriteJSON differs from encoding/json (-want +got):\n%s", gocmp.Diff(want.String(), got.String()))
		}
	})
}

// TestWriteJSONStrings checks the escaping of each character class alone,
// against json.Marshal.
func TestWriteJSONStrings(t *testing.T) {
	var cases []string
	for c := range 0x100 {
		cases = append(cases, string([]byte{byte(c)}), string(rune(c)))
	}
	cases = append(cases, "\u2028", "\u2029", "a\u2028b\u2029c", "\xe2\x80\xa8", "\xed\xbf\xbf", "x\xf0\x9f\x98", "😀\xff😀")
	for _, s := range cases {
		r := rules.NewReport(labelling.MustParseDate("2020-01-01"), []rules.Finding{{Rule: s, Subject: s}})
		var want, got bytes.Buffer
		if err := writeJSONReference(&want, r, s); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteJSON(&got, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("%q: WriteJSON differs from encoding/json (-want +got):\n%s", s, gocmp.Diff(want.String(), got.String()))
		}
	}
}

// TestWriteJSONNational checks identity with the reference on the report
// of a national-scale network, large enough to be written in several
// pieces, and on the golden reports of testdata/golden read back.
func TestWriteJSONNational(t *testing.T) {
	n := networktest.Scale(2500, 1, networktest.RealisticDefects)
	r, err := rules.Check(n, labelling.MustParseDate("2020-01-01"), rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	// The report as Check gives it (findings built a batch at a time from
	// the engine's records, into buffers WriteJSON reuses), and one made
	// of findings, with lines and columns.
	fs := r.Findings()
	for i := range fs {
		for j := range fs[i].Evidence {
			fs[i].Evidence[j].Line, fs[i].Evidence[j].Column = i+1, j+1
		}
	}
	for name, r := range map[string]rules.Report{"Check's": r, "NewReport's": rules.NewReport(r.At, fs)} {
		var want, got bytes.Buffer
		if err := writeJSONReference(&want, r, "national.json"); err != nil {
			t.Fatal(err)
		}
		var chunks chunkWriter
		if err := r.WriteJSON(io.MultiWriter(&got, &chunks), "national.json"); err != nil {
			t.Fatal(err)
		}
		if want.Len() < 1<<20 || chunks < 2 {
			t.Fatalf("%s report is %d bytes written in %d pieces: too small to test streaming", name, want.Len(), chunks)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("WriteJSON of %s report differs from encoding/json (-want +got):\n%s", name, gocmp.Diff(want.String(), got.String()))
		}
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if len(paths) == 0 {
		t.Fatal("no golden JSON report")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			At       labelling.Date
			Network  string
			Findings []rules.Finding
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var got bytes.Buffer
		if err := (rules.NewReport(doc.At, doc.Findings)).WriteJSON(&got, doc.Network); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, got.Bytes()) {
			t.Errorf("%s read back and written again differs (-golden +got):\n%s", p, gocmp.Diff(string(data), got.String()))
		}
	}
}

// TestWriteJSONErrors checks the failures WriteJSON documents: a zero
// date, an invalid severity or group (nothing written then), a failing
// writer.
func TestWriteJSONErrors(t *testing.T) {
	at := labelling.MustParseDate("2020-01-01")
	for _, c := range []struct {
		name string
		r    rules.Report
		want string
	}{
		{"zero date", rules.Report{}, "audit date"},
		{"severity", rules.NewReport(at, []rules.Finding{{Rule: "a"}, {Rule: "b", Severity: 9}}), `finding 1 (rule "b"): severity`},
		{"group", rules.NewReport(at, []rules.Finding{{Rule: "a", Group: 18}}), `finding 0 (rule "a"): group`},
	} {
		var buf bytes.Buffer
		err := c.r.WriteJSON(&buf, "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %q before failing", c.name, buf.String())
		}
		if writeJSONReference(io.Discard, c.r, "x") == nil {
			t.Errorf("%s: encoding/json accepts the report", c.name)
		}
	}
	boom := errors.New("boom")
	fs := make([]rules.Finding, 2000)
	for i := range fs {
		fs[i] = rules.Finding{Rule: "rule.x", Severity: rules.Advice, Message: strings.Repeat("m", 100)}
	}
	r := rules.NewReport(at, fs)
	for _, after := range []int{0, 1} {
		w := &failWriter{after: after, err: boom}
		if err := r.WriteJSON(w, "x"); !errors.Is(err, boom) {
			t.Errorf("writer failing after %d writes: error %v, want %v", after, err, boom)
		}
		if w.writes > after+1 {
			t.Errorf("writer failing after %d writes: %d writes, want no write after the failure", after, w.writes)
		}
	}
}

// failWriter fails every write after the first after.
type failWriter struct {
	after, writes int
	err           error
}

func (w *failWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > w.after {
		return 0, w.err
	}
	return len(p), nil
}

// chunkWriter counts the writes made to it.
type chunkWriter int

func (c *chunkWriter) Write(p []byte) (int, error) {
	*c++
	return len(p), nil
}

// BenchmarkWriteJSON writes the JSON report of a national-scale network
// (2,500 centres with realistic defects, audited on 2020-01-01: thousands
// of findings with their evidence), the audit program's -format json.
func BenchmarkWriteJSON(b *testing.B) {
	n := networktest.Scale(2500, 1, networktest.RealisticDefects)
	r, err := rules.Check(n, labelling.MustParseDate("2020-01-01"), rules.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	var cw countWriter
	if err := r.WriteJSON(&cw, "national.json"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(cw))
	b.ReportAllocs()
	for b.Loop() {
		if err := r.WriteJSON(io.Discard, "national.json"); err != nil {
			b.Fatal(err)
		}
	}
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
