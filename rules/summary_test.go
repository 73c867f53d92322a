package rules_test

import (
	"fmt"
	"testing"

	"github.com/rarenet/rarenet/rules"
)

func TestSummaryString(t *testing.T) {
	for s, want := range map[rules.Summary]string{
		{}:                                       "0 findings: 0 violations, 0 advice, 0 info",
		{Violation: 1}:                           "1 finding: 1 violation, 0 advice, 0 info",
		{Violation: 153, Advice: 444, Info: 171}: "768 findings: 153 violations, 444 advice, 171 info",
	} {
		if got := s.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", s, got, want)
		}
		if got := fmt.Sprint(s); got != want {
			t.Errorf("fmt.Sprint = %q, want %q", got, want)
		}
	}
}
