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

// A Line is a line found by Lines: its number, its problem, and when it
// is fine the bounds in the data of the three fields kept (a final CR
// removed).
type Line struct {
	N    int
	P    Problem
	Kept [3][2]int32
}

// Lines appends to out the lines of data that are not blank (empty, or a
// lone CR), from byte off on (the start of a line, numbered line), until
// out is full or data ends. It returns them, and where to go on: the
// offset of the next line and its number (len(data) at the end). The last
// line may lack its newline. Data holds no double quote (Lines splits at
// every comma) and is shorter than 2 GiB.
//
// It finds the commas and newlines eight bytes at a time (SWAR): a line is
// one pass over its bytes, with no call per field nor per line.
func (l *Layout) Lines(data []byte, off, line int, out []Line) ([]Line, int, int) {
	s := scan{lay: l, out: out, line: line, start: off, field: off}
	i := off
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		for m := zeroBytes(w^commas) | zeroBytes(w^newlines); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if s.sep(data, j, data[j] == '\n') {
				return s.out, j + 1, s.line
			}
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c == ',' || c == '\n' {
			if s.sep(data, i, c == '\n') {
				return s.out, i + 1, s.line
			}
		}
	}
	if s.start < len(data) { // a last line without its newline
		s.sep(data, len(data), true)
	}
	return s.out, len(data), s.line
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
	out             []Line
	line            int
	start, field, n int
	kept            [3][2]int32
}

// sep handles the separator at data[j], a comma, or the end of a line
// when nl (j may then be len(data)). It reports whether out is full.
func (s *scan) sep(data []byte, j int, nl bool) bool {
	end := j
	if nl && end > s.field && data[end-1] == '\r' {
		end--
	}
	switch s.n {
	case s.lay.Keep[0]:
		s.kept[0] = [2]int32{int32(s.field), int32(end)}
	case s.lay.Keep[1]:
		s.kept[1] = [2]int32{int32(s.field), int32(end)}
	case s.lay.Keep[2]:
		s.kept[2] = [2]int32{int32(s.field), int32(end)}
	}
	s.n++
	s.field = j + 1
	if !nl {
		return false
	}
	switch {
	case end == s.start: // a blank line
	case end-s.start > s.lay.Max:
		s.out = append(s.out, Line{N: s.line, P: TooLong})
	case s.n != s.lay.Fields:
		s.out = append(s.out, Line{N: s.line, P: FieldCount})
	default:
		s.out = append(s.out, Line{N: s.line, Kept: s.kept})
	}
	s.line++
	s.start, s.n = j+1, 0
	return len(s.out) == cap(s.out)
}
