package rules

import "testing"

// TestCatalogueRulesComplete checks that every built-in rule carries all
// it needs, in its one place: exactly one of visit and check, a message,
// the kind of its subjects, a title, a meaning and a source.
func TestCatalogueRulesComplete(t *testing.T) {
	for _, r := range catalogue {
		if (r.visit == nil) == (r.check == nil) {
			t.Errorf("%s: want exactly one of visit and check", r.id)
		}
		if r.message == nil || r.subject == 0 || !r.builtin {
			t.Errorf("%s: missing message, subject kind or builtin mark", r.id)
		}
		if r.title == "" || r.meaning == "" || r.source == "" {
			t.Errorf("%s: missing title, meaning or source", r.id)
		}
	}
}
