package activefile

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors that a [*LineError] or a [*RecordError] wraps, for
// callers that branch on the kind of problem with errors.Is. Their texts,
// like every message of this package, never quote a value of the input.
var (
	// ErrEmpty: a required value (centre, patient, date) is empty.
	ErrEmpty = errors.New("empty value")
	// ErrBadDate: a date is not a day written YYYY-MM-DD, or its year is
	// outside [network.MinActivityYear, network.MaxActivityYear].
	ErrBadDate = errors.New("not a date in the form YYYY-MM-DD between 1900 and 2999")
	// ErrUnknownCentre: a centre ID is not one of the known centres.
	ErrUnknownCentre = errors.New("unknown centre")
	// ErrSyntax: a CSV line is malformed: the wrong number of fields, a
	// misplaced quote, a line longer than [MaxLineLen]. The error may also
	// wrap the encoding/csv error that describes it (csv.ErrFieldCount,
	// csv.ErrQuote, csv.ErrBareQuote).
	ErrSyntax = errors.New("malformed CSV")
	// ErrHeader: the header line is missing, lacks a required column or
	// names a mapped column twice.
	ErrHeader = errors.New("bad header")
)

// A LineError is a problem with one line of a CSV input. Line is the
// 1-based line number (the header is line 1; a record that spans lines
// through a quoted field is numbered by its first line). Column is the
// header name of the faulty column, or "" when the whole line is at fault.
// Err is one of the sentinel errors of this package, possibly wrapping a
// more precise one. Value is the unknown centre ID of an error wrapping
// [ErrUnknownCentre], cut to 60 characters and "..." when longer, and ""
// for every other error.
//
// Apart from an unknown centre ID, a LineError never holds the text of
// the line or of any of its fields: a pseudonym cannot leak through it
// (unless a file's centre column holds pseudonyms).
type LineError struct {
	Line   int
	Column string
	Value  string
	Err    error
}

// Error returns a message such as `activefile: line 12: date: not a date
// in the form YYYY-MM-DD between 1900 and 2999`, or `activefile: line 2:
// centre: unknown centre "ccmr-x"`, the value quoted with its control
// characters escaped.
func (e *LineError) Error() string {
	msg := fmt.Sprintf("activefile: line %d: ", e.Line)
	if e.Column != "" {
		msg += e.Column + ": "
	}
	msg += fmt.Sprint(e.Err)
	if e.Value != "" {
		msg += " " + strconv.Quote(e.Value)
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// A RecordError is a problem with one in-memory record given to
// [Counter.Add], [Counter.AddBatch] or [Counter.AddKeys]. Index is the
// record's position in the batch (0 for Add). Field names the faulty
// field ("centre", "patient", "date", "year"). Err is one of the sentinel
// errors of this package.
//
// Like a [LineError], a RecordError never holds a pseudonym.
type RecordError struct {
	Index int
	Field string
	Err   error
}

// Error returns a message such as `activefile: records[3]: patient: empty
// value`.
func (e *RecordError) Error() string {
	return fmt.Sprintf("activefile: records[%d]: %s: %v", e.Index, e.Field, e.Err)
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }
