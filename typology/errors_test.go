package typology_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/typology"
)

// parsers lists every function that turns text into a value, lenient and
// strict, under the ParseError.Type it reports.
var parsers = []struct {
	name     string
	typ      string
	parse    func(string) error
	zeroText bool // empty text is the zero value's spelling (UnmarshalText)
}{
	{"ParseGroup", "group", func(s string) error { _, err := typology.ParseGroup(s); return err }, false},
	{"Group.UnmarshalText", "group", func(s string) error { var g typology.Group; return g.UnmarshalText([]byte(s)) }, true},
	{"Group.UnmarshalJSON", "group", func(s string) error { var g typology.Group; return g.UnmarshalJSON([]byte(s)) }, false},
	{"ParsePrevalence", "prevalence", func(s string) error { _, err := typology.ParsePrevalence(s); return err }, false},
	{"Prevalence.UnmarshalText", "prevalence", func(s string) error { var p typology.Prevalence; return p.UnmarshalText([]byte(s)) }, false},
	{"ParseORPHAcode", "ORPHAcode", func(s string) error { _, err := typology.ParseORPHAcode(s); return err }, false},
	{"ParseTier", "tier", func(s string) error { _, err := typology.ParseTier(s); return err }, false},
	{"Tier.UnmarshalText", "tier", func(s string) error { var v typology.Tier; return v.UnmarshalText([]byte(s)) }, true},
	{"ParseRole", "role", func(s string) error { _, err := typology.ParseRole(s); return err }, false},
	{"Role.UnmarshalText", "role", func(s string) error { var v typology.Role; return v.UnmarshalText([]byte(s)) }, true},
	{"ParseScope", "scope", func(s string) error { _, err := typology.ParseScope(s); return err }, false},
	{"Scope.UnmarshalText", "scope", func(s string) error { var v typology.Scope; return v.UnmarshalText([]byte(s)) }, true},
	{"ParseKind", "kind", func(s string) error { _, err := typology.ParseKind(s); return err }, false},
	{"Kind.UnmarshalText", "kind", func(s string) error { var v typology.Kind; return v.UnmarshalText([]byte(s)) }, true},
	{"ParseMark", "mark", func(s string) error { _, err := typology.ParseMark(s); return err }, false},
	{"Mark.UnmarshalText", "mark", func(s string) error { var v typology.Mark; return v.UnmarshalText([]byte(s)) }, true},
}

// badInputs are refused by every parser; they include text that needs
// quoting to be seen: empty, control characters, quotes, invalid UTF-8.
var badInputs = []string{
	"", " ", "x", "0", "-1", "+1", "99999999999999999999", "ORPHA:0",
	"unknown value", "Group(3)", "Tier(7)", `"quoted"`, "line\nbreak", "tab\there",
	"\x00", "\xff\xfe", "Maladies rares", "référence", "crmr crmr", "ORPHA:",
	"1-9/1000", "< 1/1", "verifed", "nationale", "1/1000000",
}

func TestParseErrors(t *testing.T) {
	for _, p := range parsers {
		ins := slices.Clone(badInputs)
		switch p.typ {
		case "group":
			ins = append(ins, "18", "255", "256", "bones", "Maladies osseuses")
		case "prevalence":
			ins = append(ins, "1-9/10000", "<1/1000", "1-5/100000", "rare")
		}
		for _, in := range ins {
			if in == "" && p.zeroText {
				// Empty text is the zero value's own spelling.
				if err := p.parse(in); err != nil {
					t.Errorf("%s(%q) = %v, want the zero value", p.name, in, err)
				}
				continue
			}
			err := p.parse(in)
			if err == nil {
				t.Errorf("%s(%q) = nil error, want error", p.name, in)
				continue
			}
			checkParseError(t, p.name, p.typ, in, err)
		}
	}
}

// checkParseError checks what every parse error promises: a *ParseError
// carrying the input as given, unwrapping to ErrUnknown, whose message
// quotes the input.
func checkParseError(t testing.TB, name, typ, in string, err error) {
	t.Helper()
	var pe *typology.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%s(%q) error %v (%T), want *ParseError", name, in, err, err)
		return
	}
	if pe.Input != in || pe.Type != typ || pe.Msg == "" {
		t.Errorf("%s(%q) error = %+v, want Type %q, Input %q and a message", name, in, *pe, typ, in)
	}
	if !errors.Is(err, typology.ErrUnknown) {
		t.Errorf("%s(%q) error %v does not wrap ErrUnknown", name, in, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, strconv.Quote(in)) || !strings.HasPrefix(msg, "typology: parse "+typ+" ") {
		t.Errorf("%s(%q) error message %q does not start %q and quote the input", name, in, msg, "typology: parse "+typ)
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := typology.ParseGroup("x")
	if got, want := err.Error(), `typology: parse group "x": unknown group`; got != want {
		t.Errorf("ParseGroup(%q) error = %q, want %q", "x", got, want)
	}
}

func TestMarshalInvalid(t *testing.T) {
	_, err := typology.Tier(7).MarshalText()
	if got, want := err.Error(), "typology: marshal Tier(7): invalid value"; got != want {
		t.Errorf("Tier(7).MarshalText() error = %q, want %q", got, want)
	}
	if errors.Is(err, typology.ErrUnknown) {
		t.Errorf("marshal error %v wraps ErrUnknown, want only ErrInvalid", err)
	}
}
