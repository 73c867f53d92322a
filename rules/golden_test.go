package rules_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// TestGoldenNational audits the embedded national network on a fixed day
// and compares the text and JSON reports with testdata/golden. Run
// go test ./rules -run Golden -update after a deliberate change (to the
// rules, their messages, or the embedded data) and review the diff.
func TestGoldenNational(t *testing.T) {
	r, err := rules.Check(network.National(), day("2024-06-01"), rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js, "embedded"); err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		file string
		got  []byte
	}{
		{"national-2024-06-01.txt", text.Bytes()},
		{"national-2024-06-01.json", js.Bytes()},
	} {
		path := filepath.Join("testdata", "golden", g.file)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, g.got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if diff := gocmp.Diff(string(want), string(g.got)); diff != "" {
			t.Errorf("audit of the national network differs from %s (-want +got; -update to accept):\n%s", path, diff)
		}
	}
}
