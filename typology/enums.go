package typology

import (
	"iter"
	"strconv"
	"strings"
)

// Tier is the level of a centre in the two-tier gradation of care set up by
// the 2007 circular: a centre de référence maladies rares (CRMR, reference
// centre), labelled nationally for its expertise, or a centre de compétences
// maladies rares (CCMR, competence centre), designated to care for patients
// near their home in connection with reference centres.
//
// The zero Tier is not valid.
type Tier uint8

// The tiers, with their rarenet/1 spellings.
const (
	Reference  Tier = iota + 1 // "reference": centre de référence (CRMR)
	Competence                 // "competence": centre de compétences (CCMR)
)

var tierNames = [...]string{"", "reference", "competence"}

// IsValid reports whether t is Reference or Competence.
func (t Tier) IsValid() bool { return t >= Reference && int(t) < len(tierNames) }

// String returns t's rarenet/1 spelling, or "Tier(7)" for an invalid Tier.
func (t Tier) String() string { return enumString("Tier", tierNames[:], uint8(t)) }

// MarshalText returns t's rarenet/1 spelling, and empty text for the zero
// Tier (a value never set). It returns an error wrapping [ErrInvalid] for
// any other invalid Tier.
func (t Tier) MarshalText() ([]byte, error) { return enumMarshal(t, t.IsValid()) }

// UnmarshalText sets t from its exact rarenet/1 spelling, and empty text
// to the zero Tier, as MarshalText writes it. Other input returns a
// *[ParseError] and leaves t unchanged.
func (t *Tier) UnmarshalText(text []byte) error {
	return enumUnmarshal(t, "tier", tierNames[:], string(text))
}

// ParseTier parses a tier's spelling, ignoring ASCII case and surrounding
// space. It returns a *[ParseError] for anything else.
func ParseTier(s string) (Tier, error) { return enumParse[Tier]("tier", tierNames[:], s) }

// Tiers returns the tiers, Reference then Competence.
func Tiers() iter.Seq[Tier] { return enumAll[Tier](len(tierNames)) }

// Role is the place of a site within a reference centre. Since the 2017-2022
// labelling a reference centre may span several hospitals: one site
// coordonnateur (coordinating site) and sites constitutifs (constitutive
// sites) that depend on it. Competence centres have no role.
//
// The zero Role is not valid; it is also what a competence centre holds.
type Role uint8

// The roles, with their rarenet/1 spellings.
const (
	Coordinating Role = iota + 1 // "coordinating": site coordonnateur
	Constitutive                 // "constitutive": site constitutif
)

var roleNames = [...]string{"", "coordinating", "constitutive"}

// IsValid reports whether r is Coordinating or Constitutive.
func (r Role) IsValid() bool { return r >= Coordinating && int(r) < len(roleNames) }

// String returns r's rarenet/1 spelling, or "Role(7)" for an invalid Role.
func (r Role) String() string { return enumString("Role", roleNames[:], uint8(r)) }

// MarshalText returns r's rarenet/1 spelling, and empty text for the zero
// Role (a value never set). It returns an error wrapping [ErrInvalid] for
// any other invalid Role.
func (r Role) MarshalText() ([]byte, error) { return enumMarshal(r, r.IsValid()) }

// UnmarshalText sets r from its exact rarenet/1 spelling, and empty text
// to the zero Role, as MarshalText writes it. Other input returns a
// *[ParseError] and leaves r unchanged.
func (r *Role) UnmarshalText(text []byte) error {
	return enumUnmarshal(r, "role", roleNames[:], string(text))
}

// ParseRole parses a role's spelling, ignoring ASCII case and surrounding
// space. It returns a *[ParseError] for anything else.
func ParseRole(s string) (Role, error) { return enumParse[Role]("role", roleNames[:], s) }

// Roles returns the roles, Coordinating then Constitutive.
func Roles() iter.Seq[Role] { return enumAll[Role](len(roleNames)) }

// Scope is the territory a centre serves: its mission nationale,
// interrégionale or régionale.
//
// The zero Scope is not valid. The rarenet/1 format makes scope optional and
// fills it in from the tier; see [DefaultScope].
type Scope uint8

// The scopes, with their rarenet/1 spellings.
const (
	National      Scope = iota + 1 // "national"
	Interregional                  // "interregional"
	Regional                       // "regional"
)

var scopeNames = [...]string{"", "national", "interregional", "regional"}

// IsValid reports whether s is National, Interregional or Regional.
func (s Scope) IsValid() bool { return s >= National && int(s) < len(scopeNames) }

// String returns s's rarenet/1 spelling, or "Scope(7)" for an invalid Scope.
func (s Scope) String() string { return enumString("Scope", scopeNames[:], uint8(s)) }

// MarshalText returns s's rarenet/1 spelling, and empty text for the zero
// Scope (a value never set). It returns an error wrapping [ErrInvalid] for
// any other invalid Scope.
func (s Scope) MarshalText() ([]byte, error) { return enumMarshal(s, s.IsValid()) }

// UnmarshalText sets s from its exact rarenet/1 spelling, and empty text
// to the zero Scope, as MarshalText writes it. Other input returns a
// *[ParseError] and leaves s unchanged.
func (s *Scope) UnmarshalText(text []byte) error {
	return enumUnmarshal(s, "scope", scopeNames[:], string(text))
}

// ParseScope parses a scope's spelling, ignoring ASCII case and surrounding
// space. It returns a *[ParseError] for anything else.
func ParseScope(s string) (Scope, error) { return enumParse[Scope]("scope", scopeNames[:], s) }

// Scopes returns the scopes from the widest to the narrowest: National,
// Interregional, Regional.
func Scopes() iter.Seq[Scope] { return enumAll[Scope](len(scopeNames)) }

// DefaultScope returns the scope a centre of tier t has when its document
// gives none, as the rarenet/1 format specifies: National for reference
// centres, Regional for competence centres. It returns the invalid zero
// Scope for an invalid Tier.
func DefaultScope(t Tier) Scope {
	switch t {
	case Reference:
		return National
	case Competence:
		return Regional
	}
	return 0
}

// Kind is the kind of structure a centre is. Most are CRMR (centre de
// référence maladies rares) or CCMR (centre de compétences maladies rares),
// which follow from the [Tier]. Three diseases had structured care before the
// rare-disease plan, and their centres keep their own names (2007 circular,
// C-2 "Thématiques spécifiques"):
//
//   - haemophilia: CRTH (centre régional de traitement de l'hémophilie) and
//     CTH (centre de traitement de l'hémophilie);
//   - cystic fibrosis: CRCM (centre de ressources et de compétences de la
//     mucoviscidose);
//   - amyotrophic lateral sclerosis (ALS): SLA centres (centres de la
//     sclérose latérale amyotrophique).
//
// Since 2017 the competence tier of these three sectors is made of CRC
// (centres de ressources et de compétences).
//
// The zero Kind is not valid. The rarenet/1 format makes kind optional and
// fills it in from the tier; see [DefaultKind].
type Kind uint8

// The kinds, with their rarenet/1 spellings.
const (
	KindCRMR Kind = iota + 1 // "crmr": centre de référence maladies rares
	KindCCMR                 // "ccmr": centre de compétences maladies rares
	KindCRC                  // "crc": centre de ressources et de compétences
	KindCRTH                 // "crth": centre régional de traitement de l'hémophilie
	KindCTH                  // "cth": centre de traitement de l'hémophilie
	KindCRCM                 // "crcm": centre de ressources et de compétences de la mucoviscidose
	KindSLA                  // "sla": centre SLA (amyotrophic lateral sclerosis)
)

var kindNames = [...]string{"", "crmr", "ccmr", "crc", "crth", "cth", "crcm", "sla"}

// IsValid reports whether k is one of the seven kinds.
func (k Kind) IsValid() bool { return k >= KindCRMR && int(k) < len(kindNames) }

// String returns k's rarenet/1 spelling, or "Kind(9)" for an invalid Kind.
func (k Kind) String() string { return enumString("Kind", kindNames[:], uint8(k)) }

// MarshalText returns k's rarenet/1 spelling, and empty text for the zero
// Kind (a value never set). It returns an error wrapping [ErrInvalid] for
// any other invalid Kind.
func (k Kind) MarshalText() ([]byte, error) { return enumMarshal(k, k.IsValid()) }

// UnmarshalText sets k from its exact rarenet/1 spelling, and empty text
// to the zero Kind, as MarshalText writes it. Other input returns a
// *[ParseError] and leaves k unchanged.
func (k *Kind) UnmarshalText(text []byte) error {
	return enumUnmarshal(k, "kind", kindNames[:], string(text))
}

// ParseKind parses a kind's spelling, ignoring ASCII case ("CRMR" works) and
// surrounding space. It returns a *[ParseError] for anything else.
func ParseKind(s string) (Kind, error) { return enumParse[Kind]("kind", kindNames[:], s) }

// Kinds returns the seven kinds in the order of their constants.
func Kinds() iter.Seq[Kind] { return enumAll[Kind](len(kindNames)) }

// DefaultKind returns the kind a centre of tier t has when its document gives
// none, as the rarenet/1 format specifies: KindCRMR for reference centres,
// KindCCMR for competence centres. It returns the invalid zero Kind for an
// invalid Tier.
func DefaultKind(t Tier) Kind {
	switch t {
	case Reference:
		return KindCRMR
	case Competence:
		return KindCCMR
	}
	return 0
}

// Mark says how far a recorded fact has been checked against its source
// (the "mark" of the rarenet/1 format), so that an audit can weigh a finding
// resting on it:
//
//   - verified: checked against the source, which states it;
//   - inferred: not stated by the source but reasoned from what it states;
//   - derived: computed from other recorded facts;
//   - unverified: recorded but not checked.
//
// The zero Mark is not valid; in a [Provenance] it means no mark was recorded.
type Mark uint8

// The marks, with their rarenet/1 spellings.
const (
	MarkVerified   Mark = iota + 1 // "verified"
	MarkInferred                   // "inferred"
	MarkDerived                    // "derived"
	MarkUnverified                 // "unverified"
)

var markNames = [...]string{"", "verified", "inferred", "derived", "unverified"}

// IsValid reports whether m is one of the four marks.
func (m Mark) IsValid() bool { return m >= MarkVerified && int(m) < len(markNames) }

// String returns m's rarenet/1 spelling, or "Mark(7)" for an invalid Mark.
func (m Mark) String() string { return enumString("Mark", markNames[:], uint8(m)) }

// MarshalText returns m's rarenet/1 spelling, and empty text for the zero
// Mark (a value never set). It returns an error wrapping [ErrInvalid] for
// any other invalid Mark.
func (m Mark) MarshalText() ([]byte, error) { return enumMarshal(m, m.IsValid()) }

// UnmarshalText sets m from its exact rarenet/1 spelling, and empty text
// to the zero Mark, as MarshalText writes it. Other input returns a
// *[ParseError] and leaves m unchanged.
func (m *Mark) UnmarshalText(text []byte) error {
	return enumUnmarshal(m, "mark", markNames[:], string(text))
}

// ParseMark parses a mark's spelling, ignoring ASCII case and surrounding
// space. It returns a *[ParseError] for anything else.
func ParseMark(s string) (Mark, error) { return enumParse[Mark]("mark", markNames[:], s) }

// Marks returns the four marks in the order of their constants.
func Marks() iter.Seq[Mark] { return enumAll[Mark](len(markNames)) }

// Provenance records where a fact comes from, as the optional "source" and
// "mark" fields of the rarenet/1 format do on every entity and label: Source
// names a file of the sources, an address or an act, and Mark how far the
// fact was checked against it. Either may be missing.
//
// The zero Provenance means that no provenance was recorded.
type Provenance struct {
	Source string `json:"source,omitempty"`
	Mark   Mark   `json:"mark,omitzero"`
}

// IsZero reports whether p records nothing, neither source nor mark.
func (p Provenance) IsZero() bool { return p == Provenance{} }

// The helpers below share the code of the small enumerations, whose values
// are indexes into a table of spellings with the invalid zero at index 0.

type smallEnum interface {
	~uint8
	String() string
}

func enumString(typ string, names []string, v uint8) string {
	if v == 0 || int(v) >= len(names) {
		return typ + "(" + strconv.Itoa(int(v)) + ")"
	}
	return names[v]
}

// enumMarshal writes the zero value, which is never valid, as empty text, so
// that structs holding a value not set (a competence centre's role) marshal.
func enumMarshal[E smallEnum](v E, valid bool) ([]byte, error) {
	if v == 0 {
		return []byte{}, nil
	}
	if !valid {
		return nil, invalidError(v)
	}
	return []byte(v.String()), nil
}

// enumUnmarshal is strict: the exact spelling, as decoding a document needs,
// or empty text for the zero value that enumMarshal writes.
func enumUnmarshal[E smallEnum](v *E, typ string, names []string, s string) error {
	if s == "" {
		*v = 0
		return nil
	}
	for i := 1; i < len(names); i++ {
		if s == names[i] {
			*v = E(i)
			return nil
		}
	}
	return &ParseError{Type: typ, Input: s, Msg: "unknown " + typ}
}

// enumParse is lenient for people: surrounding space and ASCII case do not
// matter. Only ASCII case folds, so that look-alike letters such as the
// Kelvin sign are not taken for k.
func enumParse[E smallEnum](typ string, names []string, s string) (E, error) {
	t := strings.TrimSpace(s)
	for i := 1; i < len(names); i++ {
		if asciiEqualFold(t, names[i]) {
			return E(i), nil
		}
	}
	return 0, &ParseError{Type: typ, Input: s, Msg: "unknown " + typ}
}

func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func enumAll[E smallEnum](n int) iter.Seq[E] {
	return func(yield func(E) bool) {
		for i := 1; i < n; i++ {
			if !yield(E(i)) {
				return
			}
		}
	}
}
