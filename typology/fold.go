package typology

import (
	"strings"
	"unicode"
)

// fold reduces a name to the form ParseGroup compares: lower case, without
// accents, with one kind of apostrophe and hyphen, and with whitespace runs
// collapsed to one space and trimmed. The standard library has no Unicode
// normalisation, so accents are removed with a table of the Latin letters
// French uses, plus the combining accents of decomposed (NFD) text.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending, written before the next non-space
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if r >= 0x300 && r <= 0x36f { // combining diacritical marks
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if r < 0x80 && r != '`' {
			b.WriteRune(r)
			continue
		}
		switch r {
		case 'à', 'á', 'â', 'ã', 'ä', 'å':
			r = 'a'
		case 'ç':
			r = 'c'
		case 'è', 'é', 'ê', 'ë':
			r = 'e'
		case 'ì', 'í', 'î', 'ï':
			r = 'i'
		case 'ñ':
			r = 'n'
		case 'ò', 'ó', 'ô', 'õ', 'ö':
			r = 'o'
		case 'ù', 'ú', 'û', 'ü':
			r = 'u'
		case 'ý', 'ÿ':
			r = 'y'
		case 'œ':
			b.WriteString("oe")
			continue
		case 'æ':
			b.WriteString("ae")
			continue
		case '’', '‘', 'ʼ', '`', '´', '′':
			r = '\''
		case '‐', '‑', '‒', '–', '—', '−':
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fold returns the form in which names are compared by [ParseGroup]: lower
// case, without the accents French uses (é, è, ç, œ, ... and combining
// accents), with typographic apostrophes and hyphens made plain and
// whitespace runs collapsed to one space and trimmed. Two spellings of a
// name that differ only in those respects fold to the same string.
func Fold(s string) string { return fold(s) }
