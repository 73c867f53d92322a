package typology_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/typology"
)

// anyPrevalence draws valid and invalid values alike, so that the order
// and the rarity tests are checked on everything a caller can hold.
var anyPrevalence = rapid.Custom(func(t *rapid.T) typology.Prevalence {
	return typology.Prevalence(rapid.OneOf(rapid.Uint8Range(0, 8), rapid.Byte()).Draw(t, "p"))
})

func TestPrevalenceOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := anyPrevalence.Draw(t, "p")
		q := anyPrevalence.Draw(t, "q")
		r := anyPrevalence.Draw(t, "r")
		known := p.IsKnown() && q.IsKnown()
		if got, want := p.Below(q), known && p.Compare(q) < 0; got != want {
			t.Fatalf("%v.Below(%v) = %v, want %v", p, q, got, want)
		}
		if got, want := p.AtMost(q), known && p.Compare(q) <= 0; got != want {
			t.Fatalf("%v.AtMost(%v) = %v, want %v", p, q, got, want)
		}
		if p.Below(q) && !p.AtMost(q) {
			t.Fatalf("%v.Below(%v) but not AtMost", p, q)
		}
		if got, want := p.IsRareInEU(), p.AtMost(typology.EURarityLimit); got != want {
			t.Fatalf("%v.IsRareInEU() = %v, want %v", p, got, want)
		}
		// Unknown is never below anything and nothing is below it.
		u := typology.PrevalenceUnknown
		if u.Below(p) || p.Below(u) || u.AtMost(p) || p.AtMost(u) {
			t.Fatalf("unknown compared as a class with %v", p)
		}
		// Compare is a total order.
		if p.Compare(p) != 0 {
			t.Fatalf("%v.Compare(itself) = %d", p, p.Compare(p))
		}
		if p.Compare(q) != -q.Compare(p) {
			t.Fatalf("Compare(%v, %v) = %d but Compare(%v, %v) = %d", p, q, p.Compare(q), q, p, q.Compare(p))
		}
		if (p.Compare(q) == 0) != (p == q) {
			t.Fatalf("Compare(%v, %v) = %d for different values", p, q, p.Compare(q))
		}
		if p.Compare(q) <= 0 && q.Compare(r) <= 0 && p.Compare(r) > 0 {
			t.Fatalf("Compare not transitive on %v, %v, %v", p, q, r)
		}
		// Unknown sorts after every known class, before every invalid value.
		if p.IsKnown() && p.Compare(u) >= 0 || !p.IsValid() && p.Compare(u) <= 0 {
			t.Fatalf("Compare(%v, unknown) = %d", p, p.Compare(u))
		}
	})
}

func TestPrevalenceSort(t *testing.T) {
	ps := []typology.Prevalence{
		typology.PrevalenceUnknown, typology.PrevalenceAbove1Per1000,
		typology.PrevalenceBelow1PerMillion, typology.Prevalence1To5Per10000,
	}
	slices.SortFunc(ps, typology.Prevalence.Compare)
	want := []typology.Prevalence{
		typology.PrevalenceBelow1PerMillion, typology.Prevalence1To5Per10000,
		typology.PrevalenceAbove1Per1000, typology.PrevalenceUnknown,
	}
	if diff := cmp.Diff(want, ps); diff != "" {
		t.Errorf("SortFunc(Prevalence.Compare) mismatch (-want +got):\n%s", diff)
	}
}

func TestIsRareInEU(t *testing.T) {
	want := map[typology.Prevalence]bool{
		typology.PrevalenceUnknown:          false,
		typology.PrevalenceBelow1PerMillion: true,
		typology.Prevalence1To9PerMillion:   true,
		typology.Prevalence1To9Per100000:    true,
		typology.Prevalence1To5Per10000:     true,
		typology.Prevalence6To9Per10000:     false,
		typology.PrevalenceAbove1Per1000:    false,
		typology.Prevalence(7):              false,
	}
	for p, w := range want {
		if got := p.IsRareInEU(); got != w {
			t.Errorf("%v.IsRareInEU() = %v, want %v", p, got, w)
		}
	}
	if !typology.PrevalenceUnknown.IsValid() || typology.PrevalenceUnknown.IsKnown() {
		t.Errorf("PrevalenceUnknown: IsValid() = %v, IsKnown() = %v, want true, false",
			typology.PrevalenceUnknown.IsValid(), typology.PrevalenceUnknown.IsKnown())
	}
	var zero typology.Prevalence
	if zero != typology.PrevalenceUnknown {
		t.Errorf("zero Prevalence = %v, want unknown", zero)
	}
}

func TestParsePrevalence(t *testing.T) {
	tests := []struct {
		in   string
		want typology.Prevalence
	}{
		{"<1/1000000", typology.PrevalenceBelow1PerMillion},
		{"< 1 / 1 000 000", typology.PrevalenceBelow1PerMillion},
		{"1-9 / 1 000 000", typology.Prevalence1To9PerMillion},
		{"1-9 / 100 000", typology.Prevalence1To9Per100000},
		{"1–9 / 100\u00a0000", typology.Prevalence1To9Per100000},
		{"1-5 / 10 000", typology.Prevalence1To5Per10000},
		{"6-9 / 10 000", typology.Prevalence6To9Per10000},
		{"> 1 / 1000", typology.PrevalenceAbove1Per1000},
		{">1/1\u202f000", typology.PrevalenceAbove1Per1000},
		{"Unknown", typology.PrevalenceUnknown},
		{" UNKNOWN ", typology.PrevalenceUnknown},
		{"Not yet documented", typology.PrevalenceUnknown},
	}
	for _, tt := range tests {
		if got, err := typology.ParsePrevalence(tt.in); err != nil || got != tt.want {
			t.Errorf("ParsePrevalence(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestParsePrevalenceSpaced checks that whitespace anywhere and case do not
// matter, as in Orphanet's spaced spellings.
func TestParsePrevalenceSpaced(t *testing.T) {
	valid := append([]typology.Prevalence{typology.PrevalenceUnknown}, slices.Collect(typology.Prevalences())...)
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom(valid).Draw(t, "p")
		var b strings.Builder
		for _, r := range p.String() {
			b.WriteString(rapid.SampledFrom([]string{"", "", " ", "\t", "\u00a0", "\u202f"}).Draw(t, "space"))
			if rapid.Bool().Draw(t, "upper") {
				r = unicode.ToUpper(r)
			}
			if r == '-' {
				r = rapid.SampledFrom([]rune{'-', '–'}).Draw(t, "dash")
			}
			b.WriteRune(r)
		}
		in := b.String()
		if got, err := typology.ParsePrevalence(in); err != nil || got != p {
			t.Fatalf("ParsePrevalence(%q) = %v, %v, want %v", in, got, err, p)
		}
	})
}

func TestPrevalenceStrict(t *testing.T) {
	for _, in := range []string{"Unknown", " unknown", "1-9 / 1 000 000", "1–9/100000", "", "not yet documented", "<1/1 000 000"} {
		p := typology.Prevalence1To5Per10000
		if err := p.UnmarshalText([]byte(in)); err == nil || p != typology.Prevalence1To5Per10000 {
			t.Errorf("UnmarshalText(%q) = %v, %v, want error and value unchanged", in, p, err)
		}
	}
}

func TestPrevalenceJSON(t *testing.T) {
	d := typology.Disease{Orpha: 791, Name: "Rétinite pigmentaire", Prevalence: typology.Prevalence1To5Per10000}
	b, err := json.Marshal(d)
	if want := `{"orpha":791,"name":"Rétinite pigmentaire","prevalence":"1-5/10000"}`; err != nil || string(b) != want {
		t.Errorf("json.Marshal(%+v) = %s, %v, want %s", d, b, err, want)
	}
	var back typology.Disease
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("json.Unmarshal(%s) = %+v, %v, want %+v", b, back, err, d)
	}
}
