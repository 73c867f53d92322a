package typology

import (
	"cmp"
	"iter"
	"strconv"
	"strings"
	"unicode"
)

// Prevalence is an Orphanet point-prevalence class: the range of the number
// of people affected per head of population, as Orphanet publishes it for
// each disease.
//
// The zero Prevalence is [PrevalenceUnknown] and is valid, because "unknown"
// is the default prevalence of a disease in the rarenet/1 format: most
// diseases have no documented prevalence. Use [Prevalence.IsKnown] to tell a
// class from the absence of one.
type Prevalence uint8

// The prevalence classes, known classes from the rarest to the most common.
// The comment of each gives its rarenet/1 spelling.
const (
	PrevalenceUnknown          Prevalence = iota // "unknown": not documented
	PrevalenceBelow1PerMillion                   // "<1/1000000"
	Prevalence1To9PerMillion                     // "1-9/1000000"
	Prevalence1To9Per100000                      // "1-9/100000"
	Prevalence1To5Per10000                       // "1-5/10000"
	Prevalence6To9Per10000                       // "6-9/10000"
	PrevalenceAbove1Per1000                      // ">1/1000"
)

// EURarityLimit is the most common class within the European Union's
// definition of a rare disease, a prevalence of at most 5 in 10,000
// (Regulation (EC) No 141/2000); see [Prevalence.IsRareInEU].
const EURarityLimit = Prevalence1To5Per10000

// prevalenceNames holds the rarenet/1 spelling of each class, indexed by
// value.
var prevalenceNames = [...]string{
	PrevalenceUnknown:          "unknown",
	PrevalenceBelow1PerMillion: "<1/1000000",
	Prevalence1To9PerMillion:   "1-9/1000000",
	Prevalence1To9Per100000:    "1-9/100000",
	Prevalence1To5Per10000:     "1-5/10000",
	Prevalence6To9Per10000:     "6-9/10000",
	PrevalenceAbove1Per1000:    ">1/1000",
}

// IsValid reports whether p is [PrevalenceUnknown] or one of the six known
// classes.
func (p Prevalence) IsValid() bool { return p <= PrevalenceAbove1Per1000 }

// IsKnown reports whether p is one of the six known classes, that is valid
// and not [PrevalenceUnknown].
func (p Prevalence) IsKnown() bool {
	return p >= PrevalenceBelow1PerMillion && p <= PrevalenceAbove1Per1000
}

// String returns p's rarenet/1 spelling, for example "1-5/10000", or
// "unknown" for the zero Prevalence; an invalid Prevalence prints as
// "Prevalence(9)".
func (p Prevalence) String() string {
	if !p.IsValid() {
		return "Prevalence(" + strconv.Itoa(int(p)) + ")"
	}
	return prevalenceNames[p]
}

// Below reports whether p is a known class strictly rarer than threshold,
// itself a known class. Unknown is never below anything, and nothing is below
// unknown, because an undocumented prevalence must not pass a rarity test.
func (p Prevalence) Below(threshold Prevalence) bool {
	return p.IsKnown() && threshold.IsKnown() && p < threshold
}

// AtMost reports whether p is a known class no more common than threshold,
// itself a known class. Like [Prevalence.Below], it is false whenever either
// side is unknown or invalid.
func (p Prevalence) AtMost(threshold Prevalence) bool {
	return p.IsKnown() && threshold.IsKnown() && p <= threshold
}

// IsRareInEU reports whether p is known to be within the EU definition of a
// rare disease, at most 5 in 10,000 ([EURarityLimit]). It is false for
// [PrevalenceUnknown]: rarity is then not established, which is not the same
// as established as common.
func (p Prevalence) IsRareInEU() bool { return p.AtMost(EURarityLimit) }

// Compare orders prevalences from the rarest known class to the most common,
// then [PrevalenceUnknown], then invalid values by raw value; it returns -1,
// 0 or +1. Unknown sorts last, rather than first as its zero value would,
// so that a list sorted by rarity starts with diseases known to be rare. It is
// a total order, meant for slices.SortFunc(ps, Prevalence.Compare); for
// rarity tests use [Prevalence.Below] and [Prevalence.AtMost], which never
// hold for unknown.
func (p Prevalence) Compare(o Prevalence) int { return cmp.Compare(p.rank(), o.rank()) }

// rank places unknown after the known classes and invalid values after it.
func (p Prevalence) rank() int {
	if p == PrevalenceUnknown {
		return int(PrevalenceAbove1Per1000) + 1
	}
	if !p.IsValid() {
		return int(p) + 1
	}
	return int(p)
}

// MarshalText returns p's rarenet/1 spelling, as String does; the zero
// Prevalence is [PrevalenceUnknown], "unknown". It returns an error wrapping
// [ErrInvalid] for an invalid Prevalence.
func (p Prevalence) MarshalText() ([]byte, error) {
	if !p.IsValid() {
		return nil, invalidError(p)
	}
	return []byte(prevalenceNames[p]), nil
}

// UnmarshalText sets p from its rarenet/1 spelling, exactly as String writes
// it ("1-5/10000", "unknown"). Other input returns a *[ParseError] and leaves
// p unchanged; [ParsePrevalence] is the lenient alternative.
func (p *Prevalence) UnmarshalText(text []byte) error {
	for q, name := range prevalenceNames {
		if string(text) == name {
			*p = Prevalence(q)
			return nil
		}
	}
	return &ParseError{Type: "prevalence", Input: string(text), Msg: "not a prevalence class"}
}

// ParsePrevalence parses a prevalence class as a person or Orphanet writes
// it: the rarenet/1 spellings, and Orphanet's spaced ones such as
// "1-9 / 1 000 000", "< 1 / 1 000 000" or "> 1 / 1000", ignoring case and all
// whitespace (including no-break spaces used as thousands separators) and
// reading any dash as a hyphen. "Unknown" and Orphanet's "Not yet documented"
// give [PrevalenceUnknown]. Anything else returns a *[ParseError].
func ParsePrevalence(s string) (Prevalence, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '–' || r == '—' || r == '‐' || r == '‑' || r == '−':
			r = '-'
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	t := b.String()
	if t == "notyetdocumented" {
		return PrevalenceUnknown, nil
	}
	for q, name := range prevalenceNames {
		if t == name {
			return Prevalence(q), nil
		}
	}
	return 0, &ParseError{Type: "prevalence", Input: s, Msg: "unknown prevalence class"}
}

// Prevalences returns the six known classes from the rarest to the most
// common. It leaves out [PrevalenceUnknown], which is not a class; callers
// that list every valid value add it themselves.
func Prevalences() iter.Seq[Prevalence] {
	return func(yield func(Prevalence) bool) {
		for p := PrevalenceBelow1PerMillion; p <= PrevalenceAbove1Per1000; p++ {
			if !yield(p) {
				return
			}
		}
	}
}
