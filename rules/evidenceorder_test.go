package rules_test

import (
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
)

// documentRank orders canonical pointers as the records stand in Encode's
// document: by list (FORMAT.md's order), then index by index.
var listRank = map[string]int{"establishments": 0, "teams": 1, "centres": 2, "conventions": 3, "filieres": 4, "platforms": 5}

func pointerLess(a, b string) bool {
	as, bs := strings.Split(a, "/")[1:], strings.Split(b, "/")[1:]
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		if i == 0 {
			return listRank[as[0]] < listRank[bs[0]]
		}
		x, errX := strconv.Atoi(as[i])
		y, errY := strconv.Atoi(bs[i])
		if errX == nil && errY == nil {
			return x < y
		}
		return as[i] < bs[i] // labels before activity, as Encode writes them
	}
	return len(as) < len(bs)
}

// TestEvidenceInDocumentOrder: whatever the defect, each finding's
// evidence lists its records in document order (FORMAT.md), so the first
// is the one that comes first in the document.
func TestEvidenceInDocumentOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := networktest.DefaultAt
		n := networktest.Network(networktest.Options{At: at}).Draw(t, "network")
		rule := rapid.SampledFrom(rulestest.Rules()).Draw(t, "rule")
		n, _ = rulestest.Inject(t, n, at, rule)
		cfg := rules.DefaultConfig()
		cfg.Coverage = true
		report, err := rules.Check(n, at, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range report.Findings() {
			for i := 1; i < len(f.Evidence); i++ {
				if !pointerLess(f.Evidence[i-1].Pointer, f.Evidence[i].Pointer) {
					t.Fatalf("%s on %s: evidence %s before %s", f.Rule, f.Subject, f.Evidence[i-1].Pointer, f.Evidence[i].Pointer)
				}
			}
		}
	})
}
