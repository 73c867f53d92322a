package rules

import "testing"

// TestVisitKinds checks that every built-in rule with a visit function has
// its own kind for runVisit, and that the rules without one have none.
func TestVisitKinds(t *testing.T) {
	seen := map[visitKind]string{}
	for _, r := range catalogue {
		if r.visit == nil {
			continue
		}
		k := visitKindOf(r.id) // panics when the rule has no kind
		if other, ok := seen[k]; ok {
			t.Errorf("rules %s and %s share visit kind %d", other, r.id, k)
		}
		seen[k] = r.id
	}
}
