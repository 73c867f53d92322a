package typology

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t\n", ""},
		{"Maladies  osseuses\u00a0RARES ", "maladies osseuses rares"},
		{"Déficits", "deficits"},
		{"DÉFICITS", "deficits"},
		{"De\u0301ficits", "deficits"},
		{"Œuvre cœur", "oeuvre coeur"},
		{"ÆTHER", "aether"},
		{"d’origine dʼorigine d'origine d‘origine", "d'origine d'origine d'origine d'origine"},
		{"hépato‑gastro–entérologiques", "hepato-gastro-enterologiques"},
		{"ça à où île", "ca a ou ile"},
		{"Ñandú côte ÿ", "nandu cote y"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldDistinct guards ParseGroup against two groups folding to the same
// key, which would make one of them unreachable by name.
func TestFoldDistinct(t *testing.T) {
	seen := map[string]Group{}
	for g := range Groups() {
		for _, name := range []string{g.NameFR(), g.NameEN(), g.Slug()} {
			k := fold(name)
			if h, ok := seen[k]; ok && h != g {
				t.Errorf("fold(%q) = %q, also the key of %v", name, k, h)
			}
			seen[k] = g
		}
	}
	if len(groupByName) != len(seen) {
		t.Errorf("groupByName has %d keys, want %d", len(groupByName), len(seen))
	}
}
