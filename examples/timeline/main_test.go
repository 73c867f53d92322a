package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/examples/internal/readme"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata")

// runCmd runs the program with args and stdin, and returns its exit
// status, standard output and standard error.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// checkXML decodes every token of the SVG file at path.
func checkXML(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
	}
	if !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("<title>")) {
		t.Errorf("%s is not a titled SVG document", path)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

func TestEmbedded(t *testing.T) {
	dir := t.TempDir()
	svg, csv := filepath.Join(dir, "t.svg"), filepath.Join(dir, "t.csv")
	code, out, errs := runCmd(t, "", "-at", "2024-06-01", "-from", "2005", "-svg", svg, "-csv", csv, "-by", "interregion", "-stats")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	for _, want := range []string{"Centres in force on 12-31 of each year, 2005 to 2023\nNetwork: embedded, a sample of the national network", "with no known label: not counted when a date is asked.", "2023-12-31", "By interregion:", "Active files", "Label durations"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkXML(t, svg)
	b, err := os.ReadFile(csv)
	if err != nil || !strings.HasPrefix(string(b), "# Network: embedded, a sample") || !strings.Contains(string(b), "\ndate,by,key,centres\n2005-12-31,all,all,") {
		t.Errorf("CSV: %v, %.80q", err, b)
	}
}

func TestUserDocument(t *testing.T) {
	code, out, errs := runCmd(t, "", "-network", "testdata/small.json", "-at", "2024-06-01", "-by", "sector", "-stats")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-by-sector.txt", out)

	doc, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, string(doc), "-network", "-", "-centre", "crmr-necker-12")
	if code != 0 {
		t.Fatalf("stdin: exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-history.txt", out)

	code, out, errs = runCmd(t, "", "-network", "testdata/small.json", "-at", "2020-03-01", "-from", "2016", "-day", "07-01", "-by", "region")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-by-region-july.txt", out)

	code, out, errs = runCmd(t, "", "-network", "testdata/small.json", "-at", "2024-06-01", "-from", "2016", "-marks", "derived")
	if code != 0 {
		t.Fatalf("-marks: exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-marked.txt", out)
}

func TestBadUsage(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stdin  string
		stderr string
	}{
		{[]string{"-at", "2024-13-01"}, "", "-at"},
		{[]string{"-day", "13-45"}, "", "-day"},
		{[]string{"-day", "2024-01-01"}, "", "-day"},
		{[]string{"-by", "colour"}, "", "-by"},
		{[]string{"-centre", "nope"}, "", "nope"},
		{[]string{"-network", "testdata/none.json"}, "", "testdata/none.json"},
		{[]string{"-network", "-"}, `{"format": "rarenet/9"}`, "standard input"},
		{[]string{"extra"}, "", "unexpected argument"},
		{[]string{"-from", "x"}, "", "-from"},
		{[]string{"-day", "02-29"}, "", "common years"},
		{[]string{"-marks", "sure"}, "", "-marks"},
	} {
		code, out, errs := runCmd(t, tt.stdin, tt.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tt.stderr) {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want 2, nothing, an error naming %q", tt.args, code, out, errs, tt.stderr)
		}
	}
}

// TestREADME runs every command of README.md that runs this program and
// checks the output the README shows ("..." stands for lines left out).
func TestREADME(t *testing.T) {
	readme.Check(t, "../../README.md", "timeline", func(args ...string) (int, string, string) { return runCmd(t, "", args...) })
}

// TestHelpPlaceholders checks that -h names each flag's value by what it
// is, never by a value that could pass for the default.
func TestHelpPlaceholders(t *testing.T) {
	code, _, errs := runCmd(t, "", "-h")
	if code != 0 {
		t.Fatalf("-h exits %d", code)
	}
	for _, want := range []string{"-by WHAT", "-from YEAR", "-day MM-DD", "-centre ID", "-at YYYY-MM-DD", `(default "tier")`} {
		if !strings.Contains(errs, want) {
			t.Errorf("-h lacks %q:\n%s", want, errs)
		}
	}
}

// TestChartBy checks that -by draws one line per key: the chart by region
// is not the chart by tier, and names the regions.
func TestChartBy(t *testing.T) {
	dir := t.TempDir()
	draw := func(by string) string {
		path := filepath.Join(dir, by+".svg")
		code, _, errs := runCmd(t, "", "-network", "testdata/small.json", "-at", "2024-06-01", "-by", by, "-svg", path)
		if code != 0 {
			t.Fatalf("-by %s: exit %d, stderr: %s", by, code, errs)
		}
		checkXML(t, path)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tier, region := draw("tier"), draw("region")
	if tier == region {
		t.Fatal("-by region draws the same chart as -by tier")
	}
	for _, want := range []string{"11 Île-de-France", "53 Bretagne", "Network: testdata/small.json."} {
		if !strings.Contains(region, want) {
			t.Errorf("the chart by region does not name %q", want)
		}
	}
	if strings.Count(region, `class="series"`) <= strings.Count(tier, `class="series"`) {
		t.Errorf("the chart by region has no more lines than the chart by tier")
	}
}

// TestTextEscapes checks that values of the input that would reorder or
// break a line of the output (a right-to-left override, a line
// separator: the decoder refuses control characters, but takes these)
// are printed escaped: a centre's name, and a sector's ID in the table by
// sector.
func TestTextEscapes(t *testing.T) {
	doc, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(string(doc), `"CRMR maladies sensorielles (Necker)"`, `"CRMR \u202eNecker\u2028x"`, 1)
	evil = strings.Replace(evil, `"SENSGENE"`, `"SENS\u202eGENE"`, -1)
	for _, args := range [][]string{{"-network", "-", "-centre", "crmr-necker-12"}, {"-network", "-", "-at", "2024-06-01", "-by", "sector", "-stats"}} {
		code, out, errs := runCmd(t, evil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, stderr: %s", args, code, errs)
		}
		if strings.ContainsAny(out, "\u202e\u2028") {
			t.Errorf("%v: the output holds a raw character that reorders or breaks a line:\n%s", args, out)
		}
		if !strings.Contains(out, `CRMR \u202eNecker\u2028x`) && !strings.Contains(out, `SENS\u202eGENE`) {
			t.Errorf("%v: the values are not printed escaped:\n%s", args, out)
		}
	}
}
