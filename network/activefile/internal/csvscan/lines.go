package csvscan

import (
	"encoding/binary"
	"math/bits"
)

// A Layout tells Lines how many fields a line has and which three it
// keeps (three distinct fields).
type Layout struct {
	Fields int    // the number of fields of every line
	Keep   [3]int // the indices of the fields kept
	Max    int    // the longest line accepted, without its line end
}

// A Problem is what is wrong with a line for Lines.
type Problem uint8

// The problems of a line.
const (
	Fine       Problem = iota // nothing
	TooLong                   // longer than Layout.Max
	FieldCount                // not Layout.Fields fields
)

// Lines calls f for each line of data that is not blank (empty, or a lone
// CR), in order, the first numbered line: its number, the fields kept
// (valid during the call, a final CR removed) when the line is fine, and
// its problem. It stops and returns false when f does. The last line may
// lack its newline. Data holds no double quote: Lines splits at every
// comma.
//
// It finds the commas and newlines eight bytes at a time (SWAR): a line is
// one pass over its bytes, with no call per field.
func (l *Layout) Lines(data []byte, line int, f func(line int, kept *[3][]byte, p Problem) bool) bool {
	s := scan{lay: l, f: f, line: line}
	i := 0
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		for m := zeroBytes(w^commas) | zeroBytes(w^newlines); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if !s.sep(data, j, data[j] == '\n') {
				return false
			}
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c == ',' || c == '\n' {
			if !s.sep(data, i, c == '\n') {
				return false
			}
		}
	}
	if s.start < len(data) { // a last line without its newline
		return s.sep(data, len(data), true)
	}
	return true
}

const (
	commas   = 0x2c2c2c2c2c2c2c2c
	newlines = 0x0a0a0a0a0a0a0a0a
)

// zeroBytes returns the high bit of each byte of x that is zero, exactly.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((x&low7 + low7) | x | low7)
}

// scan is where Lines is in the current line: the start of the line and
// of the current field, the number of fields seen, and the bounds of the
// kept ones.
type scan struct {
	lay             *Layout
	f               func(int, *[3][]byte, Problem) bool
	line            int
	start, field, n int
	bounds          [3][2]int
	kept            [3][]byte
}

// sep handles the separator at data[j], a comma, or the end of a line
// when nl (j may then be len(data)).
func (s *scan) sep(data []byte, j int, nl bool) bool {
	end := j
	if nl && end > s.field && data[end-1] == '\r' {
		end--
	}
	switch s.n {
	case s.lay.Keep[0]:
		s.bounds[0] = [2]int{s.field, end}
	case s.lay.Keep[1]:
		s.bounds[1] = [2]int{s.field, end}
	case s.lay.Keep[2]:
		s.bounds[2] = [2]int{s.field, end}
	}
	s.n++
	s.field = j + 1
	if !nl {
		return true
	}
	ok := true
	switch {
	case end == s.start: // a blank line
	case end-s.start > s.lay.Max:
		ok = s.f(s.line, nil, TooLong)
	case s.n != s.lay.Fields:
		ok = s.f(s.line, nil, FieldCount)
	default:
		for k, b := range s.bounds {
			s.kept[k] = data[b[0]:b[1]]
		}
		ok = s.f(s.line, &s.kept, Fine)
	}
	s.line++
	s.start, s.n = j+1, 0
	return ok
}
