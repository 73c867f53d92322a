// Package csvscan holds the CSV mechanics of package activefile: a
// splitter that cuts an input into chunks of whole lines, a scanner that
// finds the fields of unquoted lines eight bytes at a time, a reader of
// quoted records (RFC 4180) with a bound on their length that resumes at
// the next line after a malformed one, and a parser of YYYY-MM-DD dates.
//
// Every path bounds a line, or a record spanning lines, to the maximum
// length it is given: no input makes it hold more than a few times that
// length in memory.
package csvscan

import (
	"encoding/csv"
	"errors"
	"fmt"
)

// Errors of a *LineError.
var (
	// ErrTooLong: a line, or a quoted record, is longer than the maximum.
	ErrTooLong = errors.New("line too long")
	// ErrUnclosed: a quoted field does not close within the maximum
	// length (or before the end of the input). It wraps csv.ErrQuote.
	ErrUnclosed = fmt.Errorf("a quoted field does not close within the longest line accepted: %w", csv.ErrQuote)
	// ErrExtraneous: a quoted field is followed by something other than
	// a comma or the end of the line. It wraps csv.ErrQuote.
	ErrExtraneous = fmt.Errorf("text after a closing quote: %w", csv.ErrQuote)
	// ErrBareQuote: a quote inside an unquoted field. It wraps
	// csv.ErrBareQuote.
	ErrBareQuote = fmt.Errorf("a quote inside an unquoted field: %w", csv.ErrBareQuote)
)

// A LineError is a malformed line or record: the number of its first
// line and what is wrong. LoneCR tells that the line held a carriage
// return not followed by a line feed, a hint that its lines end with CR
// alone.
type LineError struct {
	Line   int
	Err    error
	LoneCR bool
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }
