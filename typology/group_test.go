package typology_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/typology"
)

// annexe2 is the typology of circulaire DHOS 2007, annexe 2 "Typologie des
// groupes de maladies rares", copied by hand, number and name. TestAnnexe2
// checks it against the text of the circular itself when present.
var annexe2 = []struct {
	n    int
	name string
}{
	{1, "Maladies auto-immunes et maladies systémiques rares"},
	{2, "Maladies cardio-vasculaires rares"},
	{3, "Anomalies du développement embryonnaire d’origine génétique"},
	{4, "Maladies dermatologiques rares"},
	{5, "Maladies endocriniennes rares"},
	{6, "Maladies hépato-gastro-entérologiques rares"},
	{7, "Maladies hématologiques non malignes rares"},
	{8, "Maladies héréditaires du métabolisme"},
	{9, "Maladies neurologiques rares"},
	{10, "Maladies neuromusculaires"},
	{11, "Maladies pulmonaires rares"},
	{12, "Maladies sensorielles rares regroupant les maladies ophtalmologiques rares et les surdités congénitales et génétiques"},
	{13, "Maladies rénales rares"},
	{14, "Maladies osseuses rares"},
	{15, "Déficits immunitaires rares"},
	{16, "Maladies de la trame conjonctive"},
	{17, "Autres maladies rares"},
}

func TestGroupNamesLiteral(t *testing.T) {
	got := slices.Collect(typology.Groups())
	if len(got) != len(annexe2) {
		t.Fatalf("Groups() yields %d groups, want %d", len(got), len(annexe2))
	}
	for i, want := range annexe2 {
		g := got[i]
		if g.Number() != want.n {
			t.Errorf("Groups()[%d].Number() = %d, want %d", i, g.Number(), want.n)
		}
		if g.NameFR() != want.name {
			t.Errorf("Group %d NameFR() = %q, want %q (annexe 2)", want.n, g.NameFR(), want.name)
		}
		if g2, ok := typology.GroupOf(want.n); !ok || g2 != g {
			t.Errorf("GroupOf(%d) = %v, %v, want %v, true", want.n, g2, ok, g)
		}
	}
}

func TestGroupConstants(t *testing.T) {
	// The constants' names must match the annexe's numbering; a shifted
	// iota would silently relabel every centre.
	want := map[typology.Group]string{
		typology.AutoimmuneSystemic:        "autoimmune-systemic",
		typology.Cardiovascular:            "cardiovascular",
		typology.DevelopmentalAnomalies:    "developmental-anomalies",
		typology.Dermatological:            "dermatological",
		typology.Endocrine:                 "endocrine",
		typology.HepatoGastroenterological: "hepato-gastroenterological",
		typology.Haematological:            "haematological",
		typology.Metabolic:                 "metabolic",
		typology.Neurological:              "neurological",
		typology.Neuromuscular:             "neuromuscular",
		typology.Pulmonary:                 "pulmonary",
		typology.Sensory:                   "sensory",
		typology.Renal:                     "renal",
		typology.Bone:                      "bone",
		typology.ImmuneDeficiencies:        "immune-deficiencies",
		typology.ConnectiveTissue:          "connective-tissue",
		typology.OtherRareDiseases:         "other",
	}
	for g, slug := range want {
		if g.Slug() != slug || g.String() != slug {
			t.Errorf("Group %d Slug() = %q, String() = %q, want %q", g.Number(), g.Slug(), g.String(), slug)
		}
	}
	if typology.Sensory.Number() != 12 || typology.OtherRareDiseases.Number() != 17 {
		t.Errorf("Sensory = %d, OtherRareDiseases = %d, want 12 and 17", typology.Sensory.Number(), typology.OtherRareDiseases.Number())
	}
}

func TestInvalidGroup(t *testing.T) {
	for _, g := range []typology.Group{0, 18, 255} {
		if g.NameFR() != "" || g.NameEN() != "" || g.Slug() != "" {
			t.Errorf("Group(%d) names = %q, %q, %q, want empty", g.Number(), g.NameFR(), g.NameEN(), g.Slug())
		}
		if g == 0 {
			if b, err := g.MarshalJSON(); err != nil || string(b) != "null" {
				t.Errorf("Group(0).MarshalJSON() = %s, %v, want null", b, err)
			}
			continue
		}
		if b, err := g.MarshalJSON(); !errors.Is(err, typology.ErrInvalid) {
			t.Errorf("Group(%d).MarshalJSON() = %s, %v, want ErrInvalid", g.Number(), b, err)
		}
	}
	for _, n := range []int{-1, 0, 18, 256, 257, math.MaxInt} {
		if g, ok := typology.GroupOf(n); ok {
			t.Errorf("GroupOf(%d) = %v, true, want false", n, g)
		}
	}
}

// accentless maps the accented letters of the names to their base letter,
// as a person typing without accents would.
var accentless = map[rune]rune{'é': 'e', 'è': 'e', 'ê': 'e', 'É': 'E', 'È': 'E', 'à': 'a', 'ô': 'o', 'ç': 'c'}

// decomposed spells é and É in NFD, as macOS file names and some PDFs do.
var decomposed = map[rune]string{'é': "e\u0301", 'É': "E\u0301", 'è': "e\u0300"}

// mangle rewrites a name as people retype it: random case, accents dropped
// or decomposed, another apostrophe, and whitespace doubled or changed.
func mangle(t *rapid.T, name string) string {
	var b strings.Builder
	b.WriteString(rapid.SampledFrom([]string{"", " ", "\t", "\u00a0"}).Draw(t, "lead"))
	for _, r := range name {
		switch {
		case r == '’' || r == '\'':
			b.WriteString(rapid.SampledFrom([]string{"'", "’", "ʼ"}).Draw(t, "apostrophe"))
			continue
		case r == ' ':
			b.WriteString(rapid.SampledFrom([]string{" ", "  ", "\t", "\u00a0", "\n ", "\u202f"}).Draw(t, "space"))
			continue
		}
		switch rapid.IntRange(0, 2).Draw(t, "case") {
		case 1:
			r = unicode.ToUpper(r)
		case 2:
			r = unicode.ToLower(r)
		}
		if base, ok := accentless[r]; ok && rapid.Bool().Draw(t, "strip") {
			r = base
		} else if nfd, ok := decomposed[r]; ok && rapid.Bool().Draw(t, "nfd") {
			b.WriteString(nfd)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteString(rapid.SampledFrom([]string{"", " ", "\n"}).Draw(t, "trail"))
	return b.String()
}

func TestParseGroupNames(t *testing.T) {
	groups := slices.Collect(typology.Groups())
	rapid.Check(t, func(t *rapid.T) {
		g := rapid.SampledFrom(groups).Draw(t, "g")
		for _, name := range []string{g.NameFR(), g.NameEN(), g.Slug()} {
			in := mangle(t, name)
			if got, err := typology.ParseGroup(in); err != nil || got != g {
				t.Fatalf("ParseGroup(%q) = %v, %v, want %v", in, got, err, g)
			}
		}
	})
}

func TestParseGroup(t *testing.T) {
	tests := []struct {
		in   string
		want typology.Group
	}{
		{"12", typology.Sensory},
		{" 12 ", typology.Sensory},
		{"012", typology.Sensory},
		{"1", typology.AutoimmuneSystemic},
		{"17", typology.OtherRareDiseases},
		{"bone", typology.Bone},
		{"BONE", typology.Bone},
		{"Maladies osseuses rares", typology.Bone},
		{"maladies   OSSEUSES\trares", typology.Bone},
		{"Anomalies du développement embryonnaire d'origine génétique", typology.DevelopmentalAnomalies},
		{"ANOMALIES DU DEVELOPPEMENT EMBRYONNAIRE DʼORIGINE GENETIQUE", typology.DevelopmentalAnomalies},
		{"Maladies hépato‑gastro–entérologiques rares", typology.HepatoGastroenterological}, // U+2011, U+2013
		{"Déficits immunitaires rares", typology.ImmuneDeficiencies},
		{"DÉFICITS IMMUNITAIRES RARES", typology.ImmuneDeficiencies},
		{"Rare bone diseases", typology.Bone},
		{"rare NON-MALIGNANT haematological diseases", typology.Haematological},
		{"Rare sensory diseases (rare eye diseases and congenital and genetic deafness)", typology.Sensory},
		{"immune-deficiencies", typology.ImmuneDeficiencies},
		{"other", typology.OtherRareDiseases},
	}
	for _, tt := range tests {
		if got, err := typology.ParseGroup(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseGroup(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestMustParseGroup(t *testing.T) {
	if got := typology.MustParseGroup("Maladies rénales rares"); got != typology.Renal {
		t.Errorf("MustParseGroup = %v, want %v", got, typology.Renal)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("MustParseGroup(%q) did not panic", "nope")
		}
	}()
	typology.MustParseGroup("nope")
}

func TestGroupCompare(t *testing.T) {
	gs := []typology.Group{typology.OtherRareDiseases, typology.Bone, typology.AutoimmuneSystemic, typology.Sensory}
	slices.SortFunc(gs, typology.Group.Compare)
	want := []typology.Group{typology.AutoimmuneSystemic, typology.Sensory, typology.Bone, typology.OtherRareDiseases}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("SortFunc(Group.Compare) mismatch (-want +got):\n%s", diff)
	}
}

func TestGroupText(t *testing.T) {
	for g := range typology.Groups() {
		b, err := g.MarshalText()
		if want := strconv.Itoa(g.Number()); err != nil || string(b) != want {
			t.Errorf("%v.MarshalText() = %q, %v, want %q", g, b, err, want)
		}
	}
	if err := new(typology.Group).UnmarshalText(nil); err != nil {
		t.Errorf("UnmarshalText(\"\") = %v, want the zero Group", err)
	}
	for _, in := range []string{"0", "18", "012", "+12", "-1", " 12", "12 ", "1e1", "12.0", "bone", "١٢"} {
		g := typology.Bone
		if err := g.UnmarshalText([]byte(in)); err == nil || g != typology.Bone {
			t.Errorf("UnmarshalText(%q) = %v, %v, want error and group unchanged", in, g, err)
		}
	}
}

func TestGroupJSON(t *testing.T) {
	type centre struct {
		Group typology.Group `json:"group"`
	}
	b, err := json.Marshal(centre{typology.Sensory})
	if err != nil || string(b) != `{"group":12}` {
		t.Errorf("json.Marshal = %s, %v, want {\"group\":12}", b, err)
	}
	var c centre
	if err := json.Unmarshal([]byte(`{"group": 12}`), &c); err != nil || c.Group != typology.Sensory {
		t.Errorf("json.Unmarshal(12) = %v, %v, want sensory", c.Group, err)
	}
	for _, in := range []string{`"12"`, `12.0`, `1.2e1`, `0`, `18`, `-3`, `true`, `"sensory"`} {
		var c centre
		if err := json.Unmarshal([]byte(`{"group":`+in+`}`), &c); err == nil {
			t.Errorf("json.Unmarshal(group %s) = %v, want error", in, c.Group)
		}
	}
	// The zero Group (not set) is null, and null reads back as zero.
	if b, err := json.Marshal(centre{}); err != nil || string(b) != `{"group":null}` {
		t.Errorf("json.Marshal(Group(0)) = %s, %v, want {\"group\":null}", b, err)
	}
	c = centre{typology.Bone}
	if err := json.Unmarshal([]byte(`{"group":null}`), &c); err != nil || c.Group != 0 {
		t.Errorf("json.Unmarshal(group null) = %v, %v, want Group(0)", c.Group, err)
	}
	if _, err := json.Marshal(centre{18}); !errors.Is(err, typology.ErrInvalid) {
		t.Errorf("json.Marshal(Group(18)) error = %v, want ErrInvalid", err)
	}
}
