package typology

import (
	"strconv"
	"strings"
)

// ORPHAcode is a disease's identifier in Orphanet, the European reference
// nomenclature of rare diseases, for example 791 for retinitis pigmentosa.
//
// The zero ORPHAcode means "no code": many diseases a centre lists have none,
// or none was recorded. The rarenet/1 format writes a code as a bare JSON
// number ("orpha": 791), which is why ORPHAcode has no MarshalText method: it
// would turn the number into a string.
type ORPHAcode uint32

// IsValid reports whether c is a code, that is non-zero.
func (c ORPHAcode) IsValid() bool { return c != 0 }

// String returns c in Orphanet's notation, "ORPHA:791". The zero ORPHAcode
// prints as "ORPHA:0", which [ParseORPHAcode] rejects.
func (c ORPHAcode) String() string { return "ORPHA:" + strconv.FormatUint(uint64(c), 10) }

// ParseORPHAcode parses a code written "791" or "ORPHA:791", with the prefix
// in any case and surrounding space ignored. It returns a *[ParseError] for
// anything else, including zero, signs and numbers beyond 32 bits.
func ParseORPHAcode(s string) (ORPHAcode, error) {
	t := strings.TrimSpace(s)
	if len(t) >= len("ORPHA:") && strings.EqualFold(t[:len("ORPHA:")], "ORPHA:") {
		t = t[len("ORPHA:"):]
	}
	if t == "" || strings.Trim(t, "0123456789") != "" {
		// Checked first so that the message tells a malformed number
		// from one too large for ParseUint.
		return 0, &ParseError{Type: "ORPHAcode", Input: s, Msg: "not a number"}
	}
	n, err := strconv.ParseUint(t, 10, 32)
	if err != nil {
		return 0, &ParseError{Type: "ORPHAcode", Input: s, Msg: "number out of range"}
	}
	if n == 0 {
		return 0, &ParseError{Type: "ORPHAcode", Input: s, Msg: "zero is not a code"}
	}
	return ORPHAcode(n), nil
}

// Disease is a disease as a centre lists it: its ORPHAcode when it has one
// (zero means none), its name as the source spells it, and its prevalence
// class ([PrevalenceUnknown] unless documented). It is a comparable value.
type Disease struct {
	Orpha      ORPHAcode  `json:"orpha,omitempty"`
	Name       string     `json:"name"`
	Prevalence Prevalence `json:"prevalence"`
}

// Key returns the identity under which d is compared with the diseases of
// other centres, for example to find overlapping coverage: "ORPHA:791" when d
// has a code, since names vary between sources, and otherwise "name:" followed
// by the name exactly as written, since there is nothing better to go on.
func (d Disease) Key() string {
	if d.Orpha.IsValid() {
		return d.Orpha.String()
	}
	return "name:" + d.Name
}
