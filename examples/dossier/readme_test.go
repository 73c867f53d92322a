package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADME runs the dossier command of the repository's README, from
// the repository's root as a reader would, and checks that the output
// block after it is what the program prints and that the files it names
// are there.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "go run ./examples/dossier "
	blocks := strings.Split(string(readme), "```")
	found := false
	// Odd pieces are the insides of the fenced blocks.
	for i := 1; i+2 < len(blocks); i += 2 {
		code, ok := strings.CutPrefix(blocks[i], "sh\n")
		if !ok || !strings.HasPrefix(code, cmd) || strings.Count(code, "\n") != 1 || strings.TrimSpace(blocks[i+1]) != "" {
			continue
		}
		found = true
		args := strings.Fields(strings.TrimPrefix(code, cmd))
		want := strings.TrimPrefix(blocks[i+2], "\n")
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir("../..")
			status, out, errs := runIt(t, "", args...)
			if out != want || errs != "" {
				t.Errorf("README: %s%s printed (stderr %q):\n%s\nwant the README's block:\n%s", cmd, strings.Join(args, " "), errs, out, want)
			}
			if status != 1 {
				t.Errorf("README: %s%s exit status %d, want 1 (a violation)", cmd, strings.Join(args, " "), status)
			}
		})
	}
	if !found {
		t.Errorf("README has no block with a one-line %q command followed by its output", cmd)
	}
}

// TestTextEscapes: a value of the input with control characters (an
// escape sequence, a line feed that would forge a line of the report)
// is printed escaped, in the report and in errors.
func TestTextEscapes(t *testing.T) {
	data, err := os.ReadFile("testdata/ccmr-x.json")
	if err != nil {
		t.Fatal(err)
	}
	const evil = `ccmr-\u001b[2J\ndossier.forged (1): all is well\r`
	doc := strings.Replace(string(data), `"ccmr-sensoriel-exemple"`, `"`+evil+`"`, 1)
	_, out, _ := runIt(t, doc, "-file", "-")
	if strings.ContainsAny(out, "\x1b\r") || strings.Contains(out, "\ndossier.forged") {
		t.Errorf("run() printed control characters of the input:\n%q", out)
	}
	if !strings.Contains(out, `applicant ccmr-\x1b[2J\ndossier.forged (1): all is well\r,`) {
		t.Errorf("run() output lacks the escaped applicant:\n%s", out)
	}
	bad := strings.Replace(string(data), `"group": 12`, "\"group\": 12, \"\\u001b]0;x\\u0007\": 1", 1)
	_, _, errs := runIt(t, bad, "-file", "-")
	if strings.ContainsAny(errs, "\x1b\x07") || !strings.Contains(errs, `unknown field`) {
		t.Errorf("run() error printed control characters of the input:\n%q", errs)
	}
}
