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
	heat, mp, csv := filepath.Join(dir, "h.svg"), filepath.Join(dir, "m.svg"), filepath.Join(dir, "c.csv")
	code, out, errs := runCmd(t, "", "-at", "2024-06-01", "-group", "12", "-svg", heat, "-map", mp, "-csv", csv)
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	for _, want := range []string{"Coverage on 2024-06-01 of all centres: centres in force", "Network: embedded, a sample of the national network", "of them with no known label: not counted when a date is asked.", "11 Île-de-France", "GIRCI Grand Ouest", "Gaps for group 12"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkXML(t, heat)
	checkXML(t, mp)
	b, err := os.ReadFile(csv)
	if err != nil || !strings.HasPrefix(string(b), "# Network: embedded, a sample") || !strings.Contains(string(b), "\nregion,name,interregion,group,reference,competence,total\n") {
		t.Errorf("CSV: %v, %.80q", err, b)
	}
}

func TestUserDocument(t *testing.T) {
	code, out, errs := runCmd(t, "", "-network", "testdata/small.json", "-at", "2024-06-01", "-group", "sensory")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-2024-group12.txt", out)

	doc, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, string(doc), "-network", "-", "-at", "2018-06-01", "-tier", "competence")
	if code != 0 {
		t.Fatalf("stdin: exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-2018-competence.txt", out)

	code, out, errs = runCmd(t, "", "-network", "testdata/small.json", "-at", "2024-06-01", "-marks", "verified,inferred")
	if code != 0 {
		t.Fatalf("-marks: exit %d, stderr: %s", code, errs)
	}
	golden(t, "small-2024-marked.txt", out)
}

func TestBadUsage(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stdin  string
		stderr string
	}{
		{[]string{"-at", "2024-13-01"}, "", "-at"},
		{[]string{"-tier", "middle"}, "", "-tier"},
		{[]string{"-group", "99"}, "", "-group"},
		{[]string{"-map", "x.svg"}, "", "-map needs -group"},
		{[]string{"-network", "testdata/none.json"}, "", "testdata/none.json"},
		{[]string{"-network", "-"}, `{"format": "rarenet/1", "establishments": [], "teams": [], "centres": [{"id": "x"}]}`, "standard input"},
		{[]string{"extra"}, "", "unexpected argument"},
		{[]string{"-marks", "verified,sure"}, "", "-marks"},
		{[]string{"-nope"}, "", "-nope"},
	} {
		code, out, errs := runCmd(t, tt.stdin, tt.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tt.stderr) {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want 2, nothing, an error naming %q", tt.args, code, out, errs, tt.stderr)
		}
	}
	if code, _, _ := runCmd(t, "", "-h"); code != 0 {
		t.Errorf("-h exits %d, want 0", code)
	}
}

// TestREADME runs every command of README.md that runs this program and
// checks the output the README shows ("..." stands for lines left out).
func TestREADME(t *testing.T) {
	readme.Check(t, "../../README.md", "coverage", func(args ...string) (int, string, string) { return runCmd(t, "", args...) })
}

// TestHelpPlaceholders checks that -h names each flag's value by what it
// is, never by a value that could pass for the default.
func TestHelpPlaceholders(t *testing.T) {
	code, _, errs := runCmd(t, "", "-h")
	if code != 0 {
		t.Fatalf("-h exits %d", code)
	}
	for _, want := range []string{"-tier TIER", "-group G", `(default "all")`} {
		if !strings.Contains(errs, want) {
			t.Errorf("-h lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "-tier reference") {
		t.Errorf("-h shows a value as a placeholder:\n%s", errs)
	}
}
