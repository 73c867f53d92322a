package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// product is the small prevalence fixture of network/orphadata, written
// from the documented structure of Orphadata's en_product9_prev.xml.
const product = "../../network/orphadata/testdata/en_product9_prev.xml"

// regionalDocument writes a network whose regional competence centre,
// ccmr-b, lists diseases of the given codes with unknown prevalence.
func regionalDocument(t *testing.T, codes ...typology.ORPHAcode) string {
	t.Helper()
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-a", Name: "CHU A", Region: "11"})
	b.AddEstablishment(network.Establishment{ID: "chu-b", Name: "CHU B", Region: "44"})
	b.AddTeam(network.Team{ID: "a", Establishment: "chu-a"})
	b.AddTeam(network.Team{ID: "b", Establishment: "chu-b"})
	label := func(start string, kind labelling.ActKind) labelling.Label {
		d := labelling.MustParseDate(start)
		return labelling.MustLabel(d, d.AddDate(5, 0, 0), labelling.Act{Kind: kind, Date: d})
	}
	b.AddCentre(network.Centre{ID: "crmr-a", Name: "CRMR A", Tier: typology.Reference, Role: typology.Coordinating, Group: 1, Team: "a",
		Labels: []labelling.Label{label("2017-11-25", labelling.Arrete)}})
	var ds []typology.Disease
	for _, c := range codes {
		ds = append(ds, typology.Disease{Orpha: c, Name: "disease " + c.String()})
	}
	b.AddCentre(network.Centre{ID: "ccmr-b", Name: "CCMR B", Tier: typology.Competence, Group: 1, Team: "b", Diseases: ds,
		Labels: []labelling.Label{label("2018-01-10", labelling.Decision)}})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "network.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := network.Encode(f, n); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPrevalences also keeps true the standard-error lines the README shows
// for examples/audit/testdata/regional.json (the same network).
func TestPrevalences(t *testing.T) {
	doc := regionalDocument(t, 1001, 1002)
	args := []string{"-network", doc, "-at", "2020-06-15", "-rules", "competence.interregional-preferred", "-format", "json"}
	without := runAudit(t, "", args...)
	if without.code != exitOK || strings.Contains(without.stdout, `"rule": "competence.interregional-preferred"`) {
		t.Fatalf("without -prevalences: exit %d, report %s", without.code, without.stdout)
	}
	with := runAudit(t, "", append(args, "-prevalences", product, "-fail-on", "never")...)
	if with.code != exitOK || !strings.Contains(with.stdout, `"rule": "competence.interregional-preferred"`) || !strings.Contains(with.stdout, `"subject": "ccmr-b"`) {
		t.Fatalf("with -prevalences: exit %d, report %s, stderr %s", with.code, with.stdout, with.stderr)
	}
	for _, line := range []string{
		"prevalence classes set from Orphanet: 2; ORPHAcodes without one: 0\n",
		"  set ORPHA:1001 1-9/1000000 (Europe; was unknown): ccmr-b\n",
		"  set ORPHA:1002 <1/1000000 (France; was unknown): ccmr-b\n",
	} {
		if !strings.Contains(with.stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, with.stderr)
		}
	}
	unknown := runAudit(t, "", "-network", regionalDocument(t, 1001, 9999), "-at", "2020-06-15", "-prevalences", product)
	if !strings.Contains(unknown.stderr, "  ORPHA:9999: not listed by the product: ccmr-b\n") {
		t.Errorf("an unlisted code is not reported:\n%s", unknown.stderr)
	}
	bad := runAudit(t, "", "-prevalences", "testdata/../main.go")
	if bad.code != exitUsage || !strings.Contains(bad.stderr, "audit: testdata/../main.go: orphadata:") {
		t.Errorf("a file that is not a product: exit %d, stderr %q", bad.code, bad.stderr)
	}
}
