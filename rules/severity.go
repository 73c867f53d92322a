package rules

import (
	"fmt"
	"strconv"
)

// Severity is how serious a finding is. The three levels are ordered from
// the worst, [Violation], to the mildest, [Info]: a smaller value is more
// severe, so sorting findings by severity puts violations first. The zero
// Severity is invalid.
type Severity uint8

// The severities of RULES.md.
const (
	// Violation: the text says must, or the data contradicts itself.
	Violation Severity = iota + 1
	// Advice: the text says prefer or should.
	Advice
	// Info: a fact an analyst wants, no fault.
	Info
)

var severityNames = [...]string{Violation: "violation", Advice: "advice", Info: "info"}

// IsValid reports whether s is Violation, Advice or Info.
func (s Severity) IsValid() bool { return s >= Violation && s <= Info }

// String returns "violation", "advice" or "info", or "Severity(n)" for an
// invalid Severity.
func (s Severity) String() string {
	if !s.IsValid() {
		return "Severity(" + strconv.Itoa(int(s)) + ")"
	}
	return severityNames[s]
}

// AtLeast reports whether s is as severe as t or worse: Violation is at
// least Advice, Advice is not at least Violation. Every valid severity is
// at least Info, and at least an invalid t.
func (s Severity) AtLeast(t Severity) bool {
	if !t.IsValid() {
		return s.IsValid()
	}
	return s.IsValid() && s <= t
}

// MarshalText returns s's spelling, and empty text for the zero Severity
// (not set); it fails for any other invalid Severity.
func (s Severity) MarshalText() ([]byte, error) {
	if s == 0 {
		return []byte{}, nil
	}
	if !s.IsValid() {
		return nil, fmt.Errorf("rules: cannot marshal invalid %v", s)
	}
	return []byte(severityNames[s]), nil
}

// UnmarshalText accepts exactly "violation", "advice" or "info", and empty
// text for the zero Severity, as MarshalText writes it.
func (s *Severity) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity accepts exactly "violation", "advice" or "info" and
// returns an error quoting anything else.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n != "" && n == s {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("rules: parse severity %q: not violation, advice or info", s)
}
