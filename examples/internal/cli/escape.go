package cli

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with what could change how a line of a report reads
// escaped as in a Go string literal: control characters (\n, \x1b), the
// characters that reorder or break a line (bidirectional formatting, such
// as U+202E, and the line and paragraph separators, which a document may
// carry: they are not control characters) and invalid UTF-8 (\xff). Other text, accents and quotes included, is
// left as it is. The programs print every value of their input through
// it.
func Escape(s string) string {
	bad := func(r rune) bool {
		return unicode.IsControl(r) || r == utf8.RuneError || isBidi(r) || r == '\u2028' || r == '\u2029'
	}
	if !strings.ContainsFunc(s, bad) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if !bad(r) {
			b.WriteRune(r)
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// isBidi reports whether r is one of Unicode's bidirectional formatting
// characters or marks.
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
