package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// product is the small prevalence fixture of network/orphadata, written
// from the documented structure of Orphadata's en_product9_prev.xml.
const product = "../../network/orphadata/testdata/en_product9_prev.xml"

// regional is a network whose regional competence centre, ccmr-b, lists
// ORPHA:1001 and ORPHA:1002 with unknown prevalence (the README audits it).
const regional = "testdata/regional.json"

// withCode writes a copy of the regional network in which ORPHA:1002 is
// replaced by code, and returns its path.
func withCode(t *testing.T, code string) string {
	t.Helper()
	b, err := os.ReadFile(regional)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "network.json")
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte(`"orpha": 1002`), []byte(`"orpha": `+code)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPrevalences also keeps true the standard-error lines the README shows
// for examples/audit/testdata/regional.json (the same network).
func TestPrevalences(t *testing.T) {
	doc := regional
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
	unknown := runAudit(t, "", "-network", withCode(t, "9999"), "-at", "2020-06-15", "-prevalences", product)
	if !strings.Contains(unknown.stderr, "  ORPHA:9999: not listed by the product: ccmr-b\n") {
		t.Errorf("an unlisted code is not reported:\n%s", unknown.stderr)
	}
	bad := runAudit(t, "", "-prevalences", "testdata/../main.go")
	if bad.code != exitUsage || !strings.Contains(bad.stderr, "audit: testdata/../main.go: orphadata:") {
		t.Errorf("a file that is not a product: exit %d, stderr %q", bad.code, bad.stderr)
	}
}
