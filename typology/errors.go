package typology

import (
	"errors"
	"fmt"
	"strconv"
)

// ErrUnknown is the sentinel every [ParseError] unwraps to: the input names no
// known value. Callers test for it with [errors.Is] instead of matching
// messages.
var ErrUnknown = errors.New("typology: unknown value")

// ErrInvalid is wrapped by the error that MarshalText or MarshalJSON returns
// for an out-of-range value other than zero, such as Group(18) or Tier(7).
// Refusing to marshal keeps a corrupted value from reaching a document, where
// it would be read back as something else or rejected far from its cause. The
// zero value of each enumeration, which means "not set", marshals as empty
// text (JSON null for a [Group]).
var ErrInvalid = errors.New("typology: invalid value")

// ParseError reports input that a parser or an UnmarshalText or UnmarshalJSON
// method does not accept. Its message quotes the input with %q, so that
// invisible characters and empty input show, for example:
//
//	typology: parse group "x": unknown group
//
// The parsers return it as a *ParseError, and it unwraps to [ErrUnknown].
type ParseError struct {
	// Type names what was being parsed: "group", "prevalence", "ORPHAcode",
	// "tier", "role", "scope", "kind" or "mark".
	Type string
	// Input is the text as given, untrimmed.
	Input string
	// Msg says what is wrong with it.
	Msg string
}

// Error returns the message `typology: parse TYPE "INPUT": MSG`.
func (e *ParseError) Error() string {
	return "typology: parse " + e.Type + " " + strconv.Quote(e.Input) + ": " + e.Msg
}

// Unwrap returns [ErrUnknown], so that errors.Is(err, ErrUnknown) holds for
// every parse failure whatever the type parsed.
func (e *ParseError) Unwrap() error { return ErrUnknown }

// invalidError is the error for marshalling an out-of-range value; v prints
// the value itself, as in "typology: marshal Group(99): invalid value".
func invalidError(v fmt.Stringer) error { return &marshalError{v.String()} }

type marshalError struct{ value string }

func (e *marshalError) Error() string { return "typology: marshal " + e.value + ": invalid value" }
func (e *marshalError) Unwrap() error { return ErrInvalid }
