package typology

import (
	"cmp"
	"iter"
	"strconv"
	"strings"
)

// Group is one of the 17 groups of rare diseases of the 2007 typology
// (circulaire DHOS 2007, annexe 2 "Typologie des groupes de maladies rares"),
// numbered 1 to 17 as in the annexe. Every reference centre and competence
// centre is attached to one group, and the rarenet/1 format writes a group as
// its number.
//
// The zero Group is not valid: it stands for a group that was never set.
type Group uint8

// The 17 groups, in the order and with the numbers of annexe 2.
const (
	AutoimmuneSystemic        Group = iota + 1 // 1. Maladies auto-immunes et maladies systémiques rares
	Cardiovascular                             // 2. Maladies cardio-vasculaires rares
	DevelopmentalAnomalies                     // 3. Anomalies du développement embryonnaire d’origine génétique
	Dermatological                             // 4. Maladies dermatologiques rares
	Endocrine                                  // 5. Maladies endocriniennes rares
	HepatoGastroenterological                  // 6. Maladies hépato-gastro-entérologiques rares
	Haematological                             // 7. Maladies hématologiques non malignes rares
	Metabolic                                  // 8. Maladies héréditaires du métabolisme
	Neurological                               // 9. Maladies neurologiques rares
	Neuromuscular                              // 10. Maladies neuromusculaires
	Pulmonary                                  // 11. Maladies pulmonaires rares
	Sensory                                    // 12. Maladies sensorielles rares (ophtalmologiques, surdités)
	Renal                                      // 13. Maladies rénales rares
	Bone                                       // 14. Maladies osseuses rares
	ImmuneDeficiencies                         // 15. Déficits immunitaires rares
	ConnectiveTissue                           // 16. Maladies de la trame conjonctive
	OtherRareDiseases                          // 17. Autres maladies rares
)

// groupNames holds the names of each group, indexed by number (index 0 is
// the invalid zero Group). The French names are those of annexe 2 word for
// word, with its typographic apostrophe; the English names and slugs are
// those of data/groups.csv. Tests check both sources.
var groupNames = [...]struct{ fr, en, slug string }{
	{},
	{"Maladies auto-immunes et maladies systémiques rares", "Rare autoimmune and systemic diseases", "autoimmune-systemic"},
	{"Maladies cardio-vasculaires rares", "Rare cardiovascular diseases", "cardiovascular"},
	{"Anomalies du développement embryonnaire d’origine génétique", "Developmental anomalies of genetic origin", "developmental-anomalies"},
	{"Maladies dermatologiques rares", "Rare skin diseases", "dermatological"},
	{"Maladies endocriniennes rares", "Rare endocrine diseases", "endocrine"},
	{"Maladies hépato-gastro-entérologiques rares", "Rare hepato-gastroenterological diseases", "hepato-gastroenterological"},
	{"Maladies hématologiques non malignes rares", "Rare non-malignant haematological diseases", "haematological"},
	{"Maladies héréditaires du métabolisme", "Inherited metabolic diseases", "metabolic"},
	{"Maladies neurologiques rares", "Rare neurological diseases", "neurological"},
	{"Maladies neuromusculaires", "Neuromuscular diseases", "neuromuscular"},
	{"Maladies pulmonaires rares", "Rare pulmonary diseases", "pulmonary"},
	{"Maladies sensorielles rares regroupant les maladies ophtalmologiques rares et les surdités congénitales et génétiques", "Rare sensory diseases (rare eye diseases and congenital and genetic deafness)", "sensory"},
	{"Maladies rénales rares", "Rare kidney diseases", "renal"},
	{"Maladies osseuses rares", "Rare bone diseases", "bone"},
	{"Déficits immunitaires rares", "Rare immune deficiencies", "immune-deficiencies"},
	{"Maladies de la trame conjonctive", "Connective tissue diseases", "connective-tissue"},
	{"Autres maladies rares", "Other rare diseases", "other"},
}

// groupByName maps the folded slug, French name and English name of every
// group to the group, for ParseGroup. It is built once and never modified.
var groupByName = func() map[string]Group {
	m := make(map[string]Group, 3*len(groupNames))
	for g := range Groups() {
		n := groupNames[g]
		m[fold(n.slug)] = g
		m[fold(n.fr)] = g
		m[fold(n.en)] = g
	}
	return m
}()

// IsValid reports whether g is one of the 17 groups.
func (g Group) IsValid() bool { return g >= AutoimmuneSystemic && g <= OtherRareDiseases }

// Number returns g's number in annexe 2, from 1 to 17. For an invalid Group
// it returns the raw value, as String shows it.
func (g Group) Number() int { return int(g) }

// NameFR returns g's French name as annexe 2 of the circular spells it, for
// example "Maladies osseuses rares", or "" for an invalid Group.
func (g Group) NameFR() string {
	if !g.IsValid() {
		return ""
	}
	return groupNames[g].fr
}

// NameEN returns g's English name, for example "Rare bone diseases", or ""
// for an invalid Group. It is a translation: only NameFR is regulatory.
func (g Group) NameEN() string {
	if !g.IsValid() {
		return ""
	}
	return groupNames[g].en
}

// Slug returns g's short ASCII identifier, for example "bone", or "" for an
// invalid Group.
func (g Group) Slug() string {
	if !g.IsValid() {
		return ""
	}
	return groupNames[g].slug
}

// String returns g's slug, which is shorter than its names and reads better
// than its number in messages; an invalid Group prints as "Group(99)".
// [ParseGroup] accepts what String returns.
func (g Group) String() string {
	if !g.IsValid() {
		return "Group(" + strconv.Itoa(int(g)) + ")"
	}
	return groupNames[g].slug
}

// MarshalText returns g's number in decimal, for example "12", because the
// rarenet/1 format identifies a group by its number, and empty text for the
// zero Group (a group never set). It returns an error wrapping [ErrInvalid]
// for any other invalid Group.
func (g Group) MarshalText() ([]byte, error) {
	if g == 0 {
		return []byte{}, nil
	}
	if !g.IsValid() {
		return nil, invalidError(g)
	}
	return strconv.AppendInt(nil, int64(g), 10), nil
}

// UnmarshalText sets g from its decimal number. It is strict, as decoding a
// document must be: only "1" to "17" are accepted, without sign, leading
// zeros or spaces, and empty text, which MarshalText writes for the zero
// Group. Other input returns a *[ParseError] and leaves g unchanged;
// [ParseGroup] is the lenient alternative.
func (g *Group) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*g = 0
		return nil
	}
	n, ok := strictNumber(text)
	if !ok {
		return &ParseError{Type: "group", Input: string(text), Msg: "not a group number (1 to 17)"}
	}
	*g = n
	return nil
}

// MarshalJSON returns g as a JSON number, for example 12, as the rarenet/1
// format writes the "group" field, and null for the zero Group (a group
// never set). It returns an error wrapping [ErrInvalid] for any other
// invalid Group.
func (g Group) MarshalJSON() ([]byte, error) {
	if g == 0 {
		return []byte("null"), nil
	}
	return g.MarshalText()
}

// UnmarshalJSON sets g from a JSON integer from 1 to 17. It is strict: a JSON
// string ("12"), a fraction or exponent (12.0, 1.2e1) are refused with a
// *[ParseError], leaving g unchanged. JSON null, which MarshalJSON writes for
// the zero Group, sets the zero Group. (The network document's decoder reads
// null itself and refuses it where a group is required.)
//
// A map[Group]T does not decode from JSON: encoding/json hands UnmarshalJSON
// the quoted object key, which is not a JSON integer. Decode such a map with
// string keys and convert them with UnmarshalText.
func (g *Group) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*g = 0
		return nil
	}
	n, ok := strictNumber(data)
	if !ok {
		return &ParseError{Type: "group", Input: string(data), Msg: "not a group number (integer 1 to 17)"}
	}
	*g = n
	return nil
}

// strictNumber parses the canonical decimal spelling of a group number:
// ASCII digits with no leading zero.
func strictNumber(b []byte) (Group, bool) {
	switch {
	case len(b) == 1 && b[0] >= '1' && b[0] <= '9':
		return Group(b[0] - '0'), true
	case len(b) == 2 && b[0] == '1' && b[1] >= '0' && b[1] <= '7':
		return Group(10 + b[1] - '0'), true
	}
	return 0, false
}

// GroupOf returns the group numbered n in annexe 2, and false when n is not
// from 1 to 17.
func GroupOf(n int) (Group, bool) {
	if n < int(AutoimmuneSystemic) || n > int(OtherRareDiseases) {
		return 0, false
	}
	return Group(n), true
}

// ParseGroup parses a group as a person would write it. It accepts, after
// trimming surrounding space:
//
//   - the number, "12" (leading zeros allowed);
//   - the slug, "sensory";
//   - the French name of annexe 2 or the English name.
//
// Names and slugs are compared ignoring case, accents (é as e, œ as oe, and
// combining accents), the style of apostrophe (' ’ ʼ) and of hyphen, and
// repeated whitespace, because names are retyped from PDFs and spreadsheets
// that vary in all of these. Anything else returns a *[ParseError].
func ParseGroup(s string) (Group, error) {
	t := strings.TrimSpace(s)
	if t != "" && strings.Trim(t, "0123456789") == "" {
		// All digits: strconv fails on overflow, and GroupOf
		// rejects the rest.
		if n, err := strconv.Atoi(t); err == nil {
			if g, ok := GroupOf(n); ok {
				return g, nil
			}
		}
		return 0, &ParseError{Type: "group", Input: s, Msg: "unknown group number (1 to 17)"}
	}
	if g, ok := groupByName[fold(t)]; ok {
		return g, nil
	}
	return 0, &ParseError{Type: "group", Input: s, Msg: "unknown group"}
}

// MustParseGroup is like [ParseGroup] but panics on error. It is meant for
// tests and package-level variables with constant input.
func MustParseGroup(s string) Group {
	g, err := ParseGroup(s)
	if err != nil {
		panic(err)
	}
	return g
}

// Groups returns the 17 groups in number order.
func Groups() iter.Seq[Group] {
	return func(yield func(Group) bool) {
		for g := AutoimmuneSystemic; g <= OtherRareDiseases; g++ {
			if !yield(g) {
				return
			}
		}
	}
}

// Compare orders groups by number; it returns -1, 0 or +1. It is meant for
// slices.SortFunc(gs, Group.Compare).
func (g Group) Compare(o Group) int { return cmp.Compare(g, o) }
