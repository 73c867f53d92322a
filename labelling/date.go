package labelling

import (
	"fmt"
	"time"
)

// A Date is a calendar day of the proleptic Gregorian calendar, with no time
// of day and no time zone. Labels, acts and events are decided per day, and
// time.Time would bring locations and monotonic clock readings into
// comparisons that must be exact, hence this type.
//
// Date is a small comparable value: == and map keys work, and
// [Date.Compare] orders dates. The zero Date is no date at all: it is not a
// valid day, [Date.IsZero] reports it, and it prints as "(no date)".
// Dates from year 1 to year 9999 are representable.
type Date struct {
	// n is the number of days since 0001-01-01, plus one, so that the zero
	// value is distinct from every real day and ordering is integer ordering.
	n int32
}

// MinYear and MaxYear bound the years a Date can hold and that
// [ParseDate] accepts.
const (
	MinYear = 1
	MaxYear = 9999
)

// ParseError reports a value that could not be parsed. Input is quoted in
// the message, so that a user sees exactly what was rejected.
type ParseError struct {
	Type  string // what was being parsed: "date", "window", ...
	Input string // the rejected text
	Msg   string // why it was rejected
}

// Error returns a message such as
// `labelling: parse date "2017-13-01": month out of range`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("labelling: parse %s %q: %s", e.Type, e.Input, e.Msg)
}

// daysBefore1970 is the day number (days since 0001-01-01) of 1970-01-01.
const daysBefore1970 = 719162

// MakeDate returns the date of year y, month m, day d. Like time.Date, it
// normalises out-of-range months and days: MakeDate(2021, 2, 29) is
// 2021-03-01. It returns the zero Date when the result falls outside
// [MinYear, MaxYear].
func MakeDate(y int, m time.Month, d int) Date {
	if y >= MinYear && y <= MaxYear && m >= time.January && m <= time.December && d >= 1 && d <= daysIn(y, int(m)) {
		// Fast path for a valid day, which needs no normalisation: what
		// YearWindow and the label rules call in their loops.
		return Date{n: int32(civilToDays(y, int(m), d)) + 1}
	}
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location.
// It returns the zero Date when t's year is outside [MinYear, MaxYear].
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	if y < MinYear || y > MaxYear {
		return Date{}
	}
	return Date{n: int32(civilToDays(y, int(m), d)) + 1}
}

// civilToDays returns the number of days since 0001-01-01 of a valid
// y-m-d. It counts in 400-year eras starting on 1 March, so that the leap
// day falls at the end of the counted year.
func civilToDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468 + daysBefore1970
}

// daysToCivil is the inverse of civilToDays.
func daysToCivil(n int) (y, m, d int) {
	z := n - daysBefore1970 + 719468 // days since 0000-03-01
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// ParseDate parses a date written strictly as YYYY-MM-DD: four digits, two,
// two, with hyphens, naming a day that exists. It returns a *ParseError that
// quotes s otherwise.
func ParseDate(s string) (Date, error) {
	d, msg := parseDate(s)
	if msg != "" {
		return Date{}, &ParseError{Type: "date", Input: s, Msg: msg}
	}
	return d, nil
}

// ParseDateBytes parses b as [ParseDate] does, without allocating: ok is
// false exactly where ParseDate fails (call it then for the reason). It is
// meant for decoders that read dates out of a buffer.
func ParseDateBytes(b []byte) (d Date, ok bool) {
	d, msg := parseDate(b)
	return d, msg == ""
}

// parseDate parses YYYY-MM-DD, returning why it failed when it did.
func parseDate[T ~string | ~[]byte](s T) (Date, string) {
	const form = "not a date in the form YYYY-MM-DD"
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, form
	}
	v := 0
	for i := range 10 {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return Date{}, form
		}
		v = v*10 + int(c-'0')
	}
	y, m, d := v/10000, v/100%100, v%100
	switch {
	case y < MinYear:
		return Date{}, "year out of range"
	case m < 1 || m > 12:
		return Date{}, "month out of range"
	case d < 1 || d > daysIn(y, m):
		return Date{}, "day out of range"
	}
	return Date{n: int32(civilToDays(y, m, d)) + 1}, ""
}

// MustParseDate is like [ParseDate] but panics on error. It is meant for
// tests and package variables with hard-coded dates.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysIn returns the number of days of month m of year y (proleptic
// Gregorian calendar), or 0 for a month outside January to December. It is
// the one table of month lengths of the module.
func DaysIn(y int, m time.Month) int {
	if m < time.January || m > time.December {
		return 0
	}
	return daysIn(y, int(m))
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d.n == 0 }

// Date returns the year, month and day of d. The zero Date gives 0, 0, 0.
func (d Date) Date() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	y, m, dd := daysToCivil(int(d.n) - 1)
	return y, time.Month(m), dd
}

// Year returns d's year (0 for the zero Date).
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns d's month (0 for the zero Date).
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns d's day of the month (0 for the zero Date).
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// Time returns midnight UTC at the start of d. The zero Date gives the zero
// time.Time.
func (d Date) Time() time.Time {
	if d.n == 0 {
		return time.Time{}
	}
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// AddDays returns d plus n days (n may be negative). The zero Date, or a
// result outside [MinYear, MaxYear], gives the zero Date.
func (d Date) AddDays(n int) Date {
	if d.n == 0 {
		return Date{}
	}
	v := int64(d.n) + int64(n)
	if v < 1 || v > int64(maxN) {
		return Date{}
	}
	return Date{n: int32(v)}
}

// maxN is the n of 9999-12-31.
var maxN = int32(civilToDays(MaxYear, 12, 31)) + 1

// AddDate returns d plus the given years, months and days, normalised as
// time.Time.AddDate normalises: 2016-02-29 plus five years is 2021-03-01,
// and 2017-01-31 plus one month is 2017-03-03. The zero Date, or a result
// outside [MinYear, MaxYear], gives the zero Date.
func (d Date) AddDate(years, months, days int) Date {
	if d.n == 0 {
		return Date{}
	}
	y, m, dd := d.Date()
	return MakeDate(y+years, m+time.Month(months), dd+days)
}

// Sub returns the number of days from e to d (d - e). Both should be
// non-zero dates; a zero Date counts as the day before 0001-01-01.
func (d Date) Sub(e Date) int { return int(d.n) - int(e.n) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e. The
// zero Date sorts before every real day. It lets slices.SortFunc(ds,
// Date.Compare) sort dates.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }

// String returns d as YYYY-MM-DD, or "(no date)" for the zero Date.
func (d Date) String() string {
	if d.n == 0 {
		return "(no date)"
	}
	return string(d.appendTo(make([]byte, 0, 10)))
}

func (d Date) appendTo(b []byte) []byte {
	y, m, dd := d.Date()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+dd/10), byte('0'+dd%10))
}

// AppendText appends d as YYYY-MM-DD to b, and nothing for the zero Date
// (no date). It never fails.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.n == 0 {
		return b, nil
	}
	return d.appendTo(b), nil
}

// MarshalText returns d as YYYY-MM-DD, and empty text for the zero Date (no
// date). It never fails. In a struct, the json tag option omitzero leaves a
// zero Date out, as documents do.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(make([]byte, 0, 10)) }

// UnmarshalText parses YYYY-MM-DD strictly, as [ParseDate] does; empty text,
// which MarshalText writes for the zero Date, gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Equal reports whether d and e are the same day; it is d == e, offered so
// that go-cmp and similar tools compare Dates without reaching into them.
func (d Date) Equal(e Date) bool { return d == e }
