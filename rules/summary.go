package rules

import "strconv"

// String returns the counts as a report's headline gives them, for
// example "768 findings: 153 violations, 444 advice, 171 info".
func (s Summary) String() string {
	b := strconv.AppendInt(nil, int64(s.Total()), 10)
	if s.Total() == 1 {
		b = append(b, " finding: "...)
	} else {
		b = append(b, " findings: "...)
	}
	b = strconv.AppendInt(b, int64(s.Violation), 10)
	if s.Violation == 1 {
		b = append(b, " violation, "...)
	} else {
		b = append(b, " violations, "...)
	}
	b = strconv.AppendInt(b, int64(s.Advice), 10)
	b = append(b, " advice, "...)
	b = strconv.AppendInt(b, int64(s.Info), 10)
	b = append(b, " info"...)
	return string(b)
}
