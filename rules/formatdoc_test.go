package rules_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
)

// jsonBlocks returns the fenced json blocks of a Markdown file, with the
// line each starts on.
func jsonBlocks(t *testing.T, path string) (blocks []string, lines []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cur *strings.Builder
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		switch {
		case cur == nil && s == "```json":
			cur = new(strings.Builder)
			lines = append(lines, n)
		case cur != nil && s == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(s + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks, lines
}

// TestFormatExamples checks the JSON examples of the repository's
// FORMAT.md: each network document decodes strictly, and the audit report
// is exactly what Report.WriteJSON writes when the first document is
// audited with the rules and date the report shows.
func TestFormatExamples(t *testing.T) {
	blocks, lines := jsonBlocks(t, "../FORMAT.md")
	var doc *network.Network
	documents, reports := 0, 0
	for i, b := range blocks {
		var head struct {
			Format   string
			At       string
			Network  string
			Findings []struct{ Rule string }
		}
		if err := json.Unmarshal([]byte(b), &head); err != nil {
			t.Errorf("FORMAT.md:%d: not JSON: %v", lines[i], err)
			continue
		}
		switch {
		case strings.HasPrefix(head.Format, "rarenet/"):
			documents++
			n, err := network.Decode(strings.NewReader(b))
			if err != nil {
				t.Errorf("FORMAT.md:%d: the document does not decode:\n%v", lines[i], err)
				continue
			}
			if doc == nil {
				doc = n
			}
		case head.At != "" && head.Findings != nil:
			reports++
			if doc == nil {
				t.Fatalf("FORMAT.md:%d: a report before any document", lines[i])
			}
			cfg := rules.DefaultConfig()
			for _, f := range head.Findings {
				cfg.Rules = append(cfg.Rules, f.Rule)
			}
			at, err := labelling.ParseDate(head.At)
			if err != nil {
				t.Fatalf("FORMAT.md:%d: %v", lines[i], err)
			}
			report, err := rules.Check(doc, at, cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := report.WriteJSON(&got, head.Network); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(indent(t, b), indent(t, got.String())); diff != "" {
				t.Errorf("FORMAT.md:%d: the report differs from what the audit writes (-FORMAT.md +audit):\n%s", lines[i], diff)
			}
		default:
			t.Errorf("FORMAT.md:%d: a JSON block that is neither a document nor a report", lines[i])
		}
	}
	if documents < 2 || reports < 1 {
		t.Errorf("FORMAT.md has %d documents and %d reports, want at least 2 and 1", documents, reports)
	}
}

// indent returns the JSON text s indented by two spaces.
func indent(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
