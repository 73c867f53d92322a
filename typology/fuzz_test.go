package typology_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/typology"
)

func FuzzParseGroup(f *testing.F) {
	for g := range typology.Groups() {
		f.Add(g.NameFR())
		f.Add(g.NameEN())
		f.Add(g.Slug())
		f.Add(strconv.Itoa(g.Number()))
	}
	for _, s := range []string{"", " 12 ", "012", "0", "18", "DÉFICITS  immunitaires rares", "d\u0301", "œ", "\xff", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := typology.ParseGroup(s)
		if err != nil {
			checkParseError(t, "ParseGroup", "group", s, err)
		} else {
			if !g.IsValid() {
				t.Fatalf("ParseGroup(%q) = invalid %v", s, g)
			}
			for _, again := range []string{g.String(), g.NameFR(), g.NameEN(), strconv.Itoa(g.Number())} {
				if h, err := typology.ParseGroup(again); err != nil || h != g {
					t.Fatalf("ParseGroup(%q) = %v, but ParseGroup(%q) = %v, %v", s, g, again, h, err)
				}
			}
		}
		// The strict decoders accept a subset of what ParseGroup does,
		// with the same meaning.
		var h typology.Group
		if err := h.UnmarshalText([]byte(s)); err == nil && s == "" {
			if h != 0 {
				t.Fatalf("UnmarshalText(\"\") = %v, want the zero Group", h)
			}
		} else if err == nil {
			if g2, err2 := typology.ParseGroup(s); err2 != nil || g2 != h {
				t.Fatalf("UnmarshalText(%q) = %v but ParseGroup = %v, %v", s, h, g2, err2)
			}
			if b, _ := h.MarshalText(); string(b) != s {
				t.Fatalf("UnmarshalText(%q) = %v, which marshals as %q", s, h, b)
			}
		} else {
			checkParseError(t, "Group.UnmarshalText", "group", s, err)
		}
		if err := h.UnmarshalJSON([]byte(s)); err != nil {
			checkParseError(t, "Group.UnmarshalJSON", "group", s, err)
		}
	})
}

func FuzzParsePrevalence(f *testing.F) {
	for p := range typology.Prevalences() {
		f.Add(p.String())
	}
	for _, s := range []string{"unknown", "Not yet documented", "1-9 / 1 000 000", "< 1 / 1 000 000", "> 1 / 1000", "", "1–5/10\u00a0000", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := typology.ParsePrevalence(s)
		if err != nil {
			checkParseError(t, "ParsePrevalence", "prevalence", s, err)
		} else {
			if !p.IsValid() {
				t.Fatalf("ParsePrevalence(%q) = invalid %v", s, p)
			}
			if q, err := typology.ParsePrevalence(p.String()); err != nil || q != p {
				t.Fatalf("ParsePrevalence(%q) = %v, but ParsePrevalence(%q) = %v, %v", s, p, p.String(), q, err)
			}
		}
		var q typology.Prevalence
		if err := q.UnmarshalText([]byte(s)); err == nil {
			if err != nil || p != q || q.String() != s {
				t.Fatalf("UnmarshalText(%q) = %v, ParsePrevalence = %v, %v", s, q, p, err)
			}
		} else {
			checkParseError(t, "Prevalence.UnmarshalText", "prevalence", s, err)
		}
	})
}

func FuzzParseORPHAcode(f *testing.F) {
	for _, s := range []string{"791", "ORPHA:791", "orpha:791", " ORPHA:0791 ", "0", "-1", "4294967295", "4294967296", "ORPHA:", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := typology.ParseORPHAcode(s)
		if err != nil {
			checkParseError(t, "ParseORPHAcode", "ORPHAcode", s, err)
			return
		}
		if !c.IsValid() {
			t.Fatalf("ParseORPHAcode(%q) = invalid %v", s, c)
		}
		if d, err := typology.ParseORPHAcode(c.String()); err != nil || d != c {
			t.Fatalf("ParseORPHAcode(%q) = %v, but ParseORPHAcode(%q) = %v, %v", s, c, c.String(), d, err)
		}
		// Oracle: the digits of the input, without leading zeros, are
		// the code.
		digits := strings.TrimSpace(s)
		if len(digits) >= 6 && strings.EqualFold(digits[:6], "ORPHA:") {
			digits = digits[6:]
		}
		if want := strings.TrimLeft(digits, "0"); strconv.FormatUint(uint64(c), 10) != want {
			t.Fatalf("ParseORPHAcode(%q) = %v, want ORPHA:%s", s, c, want)
		}
	})
}

// FuzzParseEnums checks the small enumerations together: each parser either
// refuses the input with a proper error or returns a valid value that prints
// and parses back, and the strict decoder accepts only the exact spelling.
func FuzzParseEnums(f *testing.F) {
	for _, s := range []string{"reference", "COMPETENCE", " coordinating ", "constitutive", "national", "Interregional",
		"regional", "crmr", "CCMR", "crc", "crth", "cth", "crcm", "sla", "verified", "inferred", "derived", "unverified", "", "\u212Aind"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzEnum(t, s, "tier", typology.ParseTier, func(v *typology.Tier, b []byte) error { return v.UnmarshalText(b) })
		fuzzEnum(t, s, "role", typology.ParseRole, func(v *typology.Role, b []byte) error { return v.UnmarshalText(b) })
		fuzzEnum(t, s, "scope", typology.ParseScope, func(v *typology.Scope, b []byte) error { return v.UnmarshalText(b) })
		fuzzEnum(t, s, "kind", typology.ParseKind, func(v *typology.Kind, b []byte) error { return v.UnmarshalText(b) })
		fuzzEnum(t, s, "mark", typology.ParseMark, func(v *typology.Mark, b []byte) error { return v.UnmarshalText(b) })
	})
}

func fuzzEnum[E enum](t *testing.T, s, typ string, parse func(string) (E, error), unmarshal func(*E, []byte) error) {
	t.Helper()
	v, err := parse(s)
	if err != nil {
		checkParseError(t, "Parse "+typ, typ, s, err)
	} else {
		if !v.IsValid() {
			t.Fatalf("Parse %s(%q) = invalid %v", typ, s, v)
		}
		if w, err := parse(v.String()); err != nil || w != v {
			t.Fatalf("Parse %s(%q) = %v, but Parse(%q) = %v, %v", typ, s, v, v.String(), w, err)
		}
		if !strings.EqualFold(strings.TrimSpace(s), v.String()) {
			t.Fatalf("Parse %s(%q) = %v, which is not the input up to case and space", typ, s, v)
		}
	}
	var w E
	if err := unmarshal(&w, []byte(s)); err == nil {
		if s == "" {
			if w != 0 {
				t.Fatalf("%s UnmarshalText(\"\") = %v, want zero", typ, w)
			}
		} else if w.String() != s {
			t.Fatalf("%s UnmarshalText(%q) = %v, not an exact spelling", typ, s, w)
		}
	} else {
		checkParseError(t, typ+" UnmarshalText", typ, s, err)
	}
}
