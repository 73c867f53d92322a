package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADME keeps the README's section on this program true: its
// command runs from the repository's root with the exit status the
// section gives, and its table lists exactly the program's flags.
func TestREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	_, section, ok := strings.Cut(readme, "### Active files from activity records\n")
	if !ok {
		t.Fatal("README has no section on active files")
	}
	section, _, _ = strings.Cut(section, "\n### ")

	const cmd = "go run ./examples/activefile "
	i := strings.Index(section, "```sh\n"+cmd)
	if i < 0 {
		t.Fatalf("README's section lacks a %q block", cmd)
	}
	line, _, _ := strings.Cut(section[i+len("```sh\n"+cmd):], "\n")
	args := strings.Fields(line)
	t.Run("command", func(t *testing.T) {
		t.Chdir("../..")
		r := runMain(t, "", args...)
		if r.code != exitViolations || r.stderr != "" {
			t.Errorf("README: %s%s = %d, stderr %q; want %d, the status the README gives", cmd, line, r.code, r.stderr, exitViolations)
		}
		if !strings.Contains(section, "`ccmr-b` followed 24 patients in 2019") || !strings.Contains(r.stdout, "ccmr-b  2019             96           24") {
			t.Errorf("README and output disagree on ccmr-b in 2019:\n%s", r.stdout)
		}
	})

	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `(-[a-z-]+)").FindAllStringSubmatch(section, -1) {
		documented = append(documented, m[1])
	}
	usage := runMain(t, "", "-h").stderr
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  (-[a-z-]+)`).FindAllStringSubmatch(usage, -1) {
		flags = append(flags, m[1])
	}
	slices.Sort(documented)
	if !slices.Equal(documented, flags) || len(flags) == 0 {
		t.Errorf("README documents the flags %v; the program has %v", documented, flags)
	}
	for _, code := range []string{"0 when", "1 when", "2 for"} {
		if !strings.Contains(section, code) {
			t.Errorf("README's section does not give exit status %q", code)
		}
	}
}
