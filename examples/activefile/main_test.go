package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

type result struct {
	code           int
	stdout, stderr string
}

func runMain(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// TestTestdata runs the program on testdata/records.csv: ccmr-b followed
// 24 patients in 2019, below the minimum active file of 25.
func TestTestdata(t *testing.T) {
	for _, workers := range []string{"1", "2"} {
		r := runMain(t, "", "-records", "testdata/records.csv", "-network", "testdata/network.json", "-at", "2022-06-01", "-workers", workers)
		if r.code != exitViolations || r.stderr != "" {
			t.Fatalf("run() = %d, stderr %q; want %d and no error\nstdout:\n%s", r.code, r.stderr, exitViolations, r.stdout)
		}
		for _, want := range []string{
			"1110 records, 0 bad lines skipped",
			"ccmr-b  2019             96           24             4\n",
			"ccmr-b 2019: consultations 100 -> 96, patients 30 -> 24, new_patients 5 -> 4\n",
			"ccmr-c 2018: consultations 0 -> 60, patients 0 -> 30, new_patients 0 -> 30\n",
			"competence.min-active-file (1)",
			"centre ccmr-b: 2019",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("run() output lacks %q:\n%s", want, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "p-0") {
			t.Errorf("run() printed a pseudonym:\n%s", r.stdout)
		}
	}
}

// writeRecords writes a records file in dir: for each centre and year,
// patients p-000000 to p-(n-1), twice each.
func writeRecords(t *testing.T, dir string, centres []network.CentreID, years []int, n int) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("centre,patient,date,kind\n")
	for _, c := range centres {
		for _, y := range years {
			for p := range n {
				for range 2 {
					fmt.Fprintf(&b, "%s,p-%06d,%d-%02d-%02d,consultation\n", c, p, y, 1+rng.IntN(12), 1+rng.IntN(28))
				}
			}
		}
	}
	path := filepath.Join(dir, "records.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGenerated runs the program on records generated in a temporary
// directory, for the test network and for the embedded one.
func TestGenerated(t *testing.T) {
	dir := t.TempDir()
	// Enough patients every year: no violation.
	path := writeRecords(t, dir, []network.CentreID{"ccmr-b", "ccmr-c"}, []int{2018, 2019, 2020, 2021}, 25)
	r := runMain(t, "", "-records", path, "-network", "testdata/network.json", "-at", "2022-06-01")
	if r.code != exitOK || !strings.Contains(r.stdout, "no findings") {
		t.Errorf("run(25 patients a year) = %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, exitOK, r.stdout, r.stderr)
	}
	// A year without records, before the audit year: advice only.
	path = writeRecords(t, dir, []network.CentreID{"ccmr-b", "ccmr-c"}, []int{2018, 2019, 2021}, 30)
	r = runMain(t, "", "-records", path, "-network", "testdata/network.json", "-at", "2022-06-01")
	if r.code != exitOK || !strings.Contains(r.stdout, "competence.activity-missing (2)") {
		t.Errorf("run(no records in 2020) = %d, want %d and activity-missing twice\nstdout:\n%s", r.code, exitOK, r.stdout)
	}

	// The embedded network: a competence centre labelled on every day of
	// a year before today.
	n := network.National()
	var centre network.CentreID
	var year int
	for c := range n.CentresByTier(typology.Competence) {
		for _, l := range c.Labels {
			y := l.Effective().Start().Year() + 1
			if l.Effective().Contains(labelling.MakeDate(y, 12, 31)) {
				centre, year = c.ID, y
				break
			}
		}
		if centre != "" {
			break
		}
	}
	if centre == "" {
		t.Skip("no labelled competence centre in the embedded network")
	}
	at := fmt.Sprintf("%d-06-01", year+1)
	path = writeRecords(t, dir, []network.CentreID{centre}, []int{year}, 10)
	r = runMain(t, "", "-records", path, "-at", at)
	if r.code != exitViolations || !strings.Contains(r.stdout, "centre "+string(centre)+": "+fmt.Sprint(year)) {
		t.Errorf("run(embedded network, %s with 10 patients in %d) = %d, want %d\nstdout:\n%s\nstderr:\n%s", centre, year, r.code, exitViolations, r.stdout, r.stderr)
	}
	// From standard input.
	data, _ := os.ReadFile(writeRecords(t, dir, []network.CentreID{centre}, []int{year}, 40))
	r = runMain(t, string(data), "-records", "-", "-at", at)
	if !strings.Contains(r.stdout, fmt.Sprintf("%s  %d  %13d  %11d  %12d", centre, year, 80, 40, 40)) {
		t.Errorf("run(-records -) output lacks %s's activity:\n%s\nstderr:\n%s", centre, r.stdout, r.stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	secret := write("secret.csv", "centre,patient,date\nccmr-b,SECRET-1,2019-01-01\nccmr-z,SECRET-2,2019-01-01\nccmr-b,SECRET-3,2019-13-01\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string // substrings
	}{
		{"no -records", []string{"-network", "testdata/network.json"}, exitUsage, []string{"-records is required", "usage:"}},
		{"missing records", []string{"-records", filepath.Join(dir, "none.csv"), "-network", "testdata/network.json"}, exitUsage, []string{"none.csv"}},
		{"missing network", []string{"-records", "testdata/records.csv", "-network", "testdata/none.json"}, exitUsage, []string{"none.json"}},
		{"bad network", []string{"-records", "testdata/records.csv", "-network", write("bad.json", `{"format": "rarenet/1"}`)}, exitUsage, []string{"bad.json"}},
		{"bad -at", []string{"-records", "testdata/records.csv", "-at", "1/6/2022"}, exitUsage, []string{"-at", "usage:"}},
		{"bad -workers", []string{"-records", "testdata/records.csv", "-workers", "0"}, exitUsage, []string{"-workers"}},
		{"unknown flag", []string{"-recrods", "testdata/records.csv"}, exitUsage, []string{"flag provided but not defined"}},
		{"extra argument", []string{"-records", "testdata/records.csv", "extra"}, exitUsage, []string{"unexpected argument"}},
		{"unknown centre", []string{"-records", secret, "-network", "testdata/network.json", "-at", "2022-06-01"}, exitUsage, []string{`secret.csv: line 3: centre: unknown centre "ccmr-z"`}},
		{"unknown centre with control characters", []string{"-records", write("escape.csv", "centre,patient,date\nccmr-\x1b[2J\r,SECRET-1,2019-01-01\n"), "-network", "testdata/network.json"}, exitUsage, []string{`unknown centre "ccmr-\x1b[2J\r"`}},
		{"CR line ends", []string{"-records", write("cr.csv", "centre,patient,date\rccmr-b,SECRET-1,2019-01-01\r"), "-network", "testdata/network.json"}, exitUsage, []string{"line 1: bad header: a carriage return (CR)"}},
		{"stray quote, skip bad", []string{"-records", write("quote.csv", "centre,patient,date\nccmr-b,\"SECRET-1,2019-01-01\nccmr-b,SECRET-2,2019-01-01\n"), "-network", "testdata/network.json", "-at", "2022-06-01", "-skip-bad"}, exitViolations, []string{"line 2: malformed CSV: a quoted field does not close"}},
		{"bad header", []string{"-records", write("header.csv", "site,patient,date\n"), "-network", "testdata/network.json"}, exitUsage, []string{"line 1: centre: bad header"}},
		{"skip bad lines", []string{"-records", secret, "-network", "testdata/network.json", "-at", "2022-06-01", "-skip-bad"}, exitViolations, []string{"line 3: centre: unknown centre", "line 4: date: not a date"}},
		{"help", []string{"-h"}, exitOK, []string{"-records"}},
	}
	for _, tc := range tests {
		r := runMain(t, "", tc.args...)
		if r.code != tc.code {
			t.Errorf("%s: run(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.name, tc.args, r.code, tc.code, r.stdout, r.stderr)
		}
		for _, want := range tc.stderr {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: run(%q) stderr lacks %q:\n%s", tc.name, tc.args, want, r.stderr)
			}
		}
		if tc.code == exitUsage && r.stdout != "" {
			t.Errorf("%s: run(%q) wrote to stdout on error:\n%s", tc.name, tc.args, r.stdout)
		}
		if strings.ContainsAny(r.stdout+r.stderr, "\x1b\r") {
			t.Errorf("%s: run(%q) printed control characters of the input:\n%q\n%q", tc.name, tc.args, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, "SECRET") {
			t.Errorf("%s: run(%q) printed a pseudonym:\n%s\n%s", tc.name, tc.args, r.stdout, r.stderr)
		}
	}
}
