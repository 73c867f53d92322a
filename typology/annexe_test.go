package typology_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/typology"
)

// The files the typology is checked against, in the repository: annexe 2
// of the 2007 circular, quoted (the README's Sources section cites the
// text), and the reference data's table of groups.
const (
	circularPath = "testdata/annexe2.txt"
	groupsPath   = "../network/data/source/groups.csv"
)

// readData returns the content of a file of the repository. A missing file
// fails the test: the check it guards must never be skipped silently.
func readData(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// TestAnnexe2 checks the French names against the text of the circular,
// character for character. The text was extracted from a PDF, which breaks
// long lines (group 12 spans two) and adds blank lines, so runs of whitespace
// are collapsed to one space, and nothing else is normalised: accents,
// hyphens and the typographic apostrophe must match as printed.
func TestAnnexe2(t *testing.T) {
	var lines []string
	for line := range strings.Lines(string(readData(t, circularPath))) {
		if !strings.HasPrefix(line, "#") { // the quote's citation
			lines = append(lines, line)
		}
	}
	text := strings.Join(lines, "")
	const heading = "ANNEXE 2 - TYPOLOGIE DES GROUPES DE MALADIES RARES"
	i := strings.Index(text, heading)
	if i < 0 {
		t.Fatalf("%s: heading %q not found", circularPath, heading)
	}
	// Annexe 2 ends with group 17, followed by the header of annexe 3.
	section := text[i+len(heading):]
	if j := strings.Index(section, "Cahier des charges"); j >= 0 {
		section = section[:j]
	}
	section = strings.Join(strings.Fields(section), " ")

	for g := range typology.Groups() {
		// Each item is "N. Name" and runs to the next item; the last
		// ends with a full stop.
		want := fmt.Sprintf("%d. %s %d. ", g.Number(), g.NameFR(), g.Number()+1)
		if g == typology.OtherRareDiseases {
			want = fmt.Sprintf("%d. %s.", g.Number(), g.NameFR())
		}
		if !strings.Contains(section, want) {
			t.Errorf("annexe 2 does not contain group %d as %q", g.Number(), want)
		}
	}
	if strings.Contains(section, " 18. ") {
		t.Errorf("annexe 2 has a group 18: %q", section)
	}
	// The literal table of the tests agrees with the circular too.
	for _, a := range annexe2 {
		if !strings.Contains(section, fmt.Sprintf("%d. %s", a.n, a.name)) {
			t.Errorf("annexe 2 does not contain %d. %q", a.n, a.name)
		}
	}
}

// TestGroupsCSV checks every column of the reference data's table of groups.
func TestGroupsCSV(t *testing.T) {
	r := csv.NewReader(strings.NewReader(string(readData(t, groupsPath))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", groupsPath, err)
	}
	if diff := cmp.Diff([]string{"number", "name_fr", "name_en", "slug", "source"}, records[0]); diff != "" {
		t.Fatalf("%s header mismatch (-want +got):\n%s", groupsPath, diff)
	}
	type row struct{ Number, NameFR, NameEN, Slug string }
	var want, got []row
	for _, rec := range records[1:] {
		want = append(want, row{rec[0], rec[1], rec[2], rec[3]})
	}
	for g := range typology.Groups() {
		got = append(got, row{strconv.Itoa(g.Number()), g.NameFR(), g.NameEN(), g.Slug()})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups differ from %s (-csv +typology):\n%s", groupsPath, diff)
	}
}
