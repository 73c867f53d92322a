// Package jsonscan reads the tokens of one JSON document from a stream,
// for the network codec. It knows JSON's grammar and the lexical rules of
// FORMAT.md (strings are valid UTF-8 without control characters, escaped
// lone surrogates refused, values and documents bounded in size); it knows
// nothing of the document's schema.
//
// A Scanner reports malformed input by panicking with a *[SyntaxError]
// and read errors with a [ReadError]; its caller recovers them once, at the
// top of its decoding, which keeps every token read free of error checks.
package jsonscan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A SyntaxError is malformed input at a place: Line and Column count from
// 1, the column in bytes, and Offset is the byte offset from the start of
// the document.
type SyntaxError struct {
	Line, Column int
	Offset       int64
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// A ReadError is an error of the underlying reader, which ends scanning.
type ReadError struct{ Err error }

// Limits bound what a Scanner accepts; zero means no limit.
type Limits struct {
	Document int64 // bytes of the whole document
	Value    int   // bytes of one string (raw, escapes included) or number
}

// A Scanner reads JSON tokens from a stream through a buffer that it
// refills, keeping the token being read.
type Scanner struct {
	r      io.Reader
	buf    []byte
	pos    int
	eof    bool
	whole  bool // buf is the whole input, not a buffer of r's (NewBytes)
	over   bool // r's input went past the limit on the document, where buf ends
	limits Limits

	// Accounting for positions: base is the offset of buf[0] in the
	// document; lines newlines were counted before offset counted, the last
	// of them ending at offset lineStart.
	base, counted, lineStart int64
	lines                    int

	tmp    []byte // unescaped strings
	keyBuf []byte // the last key read
}

// New returns a Scanner reading r within the given limits.
func New(r io.Reader, l Limits) *Scanner {
	return &Scanner{r: r, limits: l}
}

// NewBytes returns a Scanner reading the whole input b, held in memory,
// within the given limits. It reads b in place and never writes to it.
// Input past the limit on the document is refused when the scanner needs
// a byte of it, as [New]'s scanner refuses it.
func NewBytes(b []byte, l Limits) *Scanner {
	s := &Scanner{buf: b, eof: true, whole: true, limits: l}
	if l.Document > 0 && int64(len(b)) > l.Document {
		s.buf, s.eof = b[:l.Document], false
	}
	return s
}

// Offset returns the offset in the input of the next byte to read.
func (s *Scanner) Offset() int64 { return s.base + int64(s.pos) }

// Fail stops scanning with a syntax error at the current position.
func (s *Scanner) Fail(format string, args ...any) {
	line, col, off := s.Position()
	panic(&SyntaxError{Line: line, Column: col, Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// Advance consumes one byte, the one [Scanner.Peek] or [Scanner.Kind]
// just returned.
func (s *Scanner) Advance() { s.pos++ }

// fill reads more input, keeping buf[s.pos:]. It reports whether any was
// read.
func (s *Scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.whole || s.over { // cut at the limit on the document
		s.pos = len(s.buf)
		s.Fail("the document is larger than the limit of %d bytes", s.limits.Document)
	}
	if s.pos > 0 {
		s.count(s.pos)
		n := copy(s.buf, s.buf[s.pos:])
		s.base += int64(s.pos)
		s.buf = s.buf[:n]
		s.pos = 0
	}
	if len(s.buf) == cap(s.buf) {
		nb := make([]byte, len(s.buf), max(64<<10, 2*cap(s.buf)))
		copy(nb, s.buf)
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if lim := s.limits.Document; lim > 0 && s.base+int64(len(s.buf)) > lim {
			// What is read up to the limit is scanned; the scanner fails
			// when it needs a byte past it (the next fill), wherever the
			// reads happened to end.
			before := len(s.buf) - n
			s.buf, s.over = s.buf[:lim-s.base], true
			if len(s.buf) > before {
				return true
			}
			s.pos = len(s.buf)
			s.Fail("the document is larger than the limit of %d bytes", lim)
		}
		switch {
		case err == io.EOF:
			s.eof = true
			return n > 0
		case err != nil:
			panic(ReadError{err})
		case n > 0:
			return true
		case tries >= 100:
			panic(ReadError{io.ErrNoProgress})
		}
	}
}

// count advances the line accounting to buf[i].
func (s *Scanner) count(i int) {
	from := int(s.counted - s.base)
	if from >= i {
		return
	}
	seen := s.buf[from:i]
	if nl := bytes.Count(seen, []byte{'\n'}); nl > 0 {
		s.lines += nl
		s.lineStart = s.base + int64(from+bytes.LastIndexByte(seen, '\n')+1)
	}
	s.counted = s.base + int64(i)
}

// Position returns the line and column (both from 1, the column in bytes)
// and the byte offset of the next byte to read. Positions asked in
// document order cost a pass over the bytes between them.
func (s *Scanner) Position() (line, col int, offset int64) {
	i := min(s.pos, len(s.buf))
	s.count(i)
	off := s.base + int64(i)
	return s.lines + 1, int(off-s.lineStart) + 1, off
}

// Peek skips white space and returns the next byte; at the end of the
// input it returns 0 and [Scanner.AtEnd] reports true (a NUL byte is
// returned as 0 too, with AtEnd false).
func (s *Scanner) Peek() byte {
	for {
		buf, i := s.buf, s.pos
		for i < len(buf) {
			c := buf[i]
			if c > ' ' || (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
				s.pos = i
				return c
			}
			i++
			// Indentation: skip runs of spaces eight bytes at a time, up
			// to the first byte that is not a space.
			for i+8 <= len(buf) {
				if x := binary.LittleEndian.Uint64(buf[i:]) ^ 0x2020202020202020; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					break
				}
				i += 8
			}
		}
		s.pos = i
		if !s.fill() {
			return 0
		}
	}
}

// AtEnd reports whether the input is exhausted (after [Scanner.Peek]).
func (s *Scanner) AtEnd() bool { return s.pos >= len(s.buf) && s.eof }

// Kind returns the kind of the value ahead: '{', '[', '"', '0' (a number),
// 't', 'f' or 'n'. It fails on anything else.
func (s *Scanner) Kind() byte {
	switch c := s.Peek(); c {
	case '{', '[', '"', 't', 'f', 'n':
		return c
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return '0'
	}
	if s.AtEnd() {
		s.Fail("unexpected end of input")
	}
	s.Fail("invalid character %s looking for a value", QuoteByte(s.buf[s.pos]))
	return 0
}

// QuoteByte quotes c for a message.
func QuoteByte(c byte) string {
	if c >= utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

// Key reads the next key of an object whose '{' was consumed, and the
// colon after it; first says whether no key was read yet. It returns
// false at the closing brace, consumed. The key is valid until the value
// after it is read.
func (s *Scanner) Key(first bool) ([]byte, bool) {
	k, more, _ := s.KeyExpecting(first, "")
	return k, more
}

// KeyExpecting is [Scanner.Key] for a caller that knows which key usually
// comes next, name (which must hold only ASCII letters, digits and '_';
// "" for none): when the bytes ahead spell it exactly, quotes and colon
// included (`"name":`), it is consumed with one comparison rather than
// scanned, and expected reports it. The key and more are Key's either way.
func (s *Scanner) KeyExpecting(first bool, name string) (key []byte, more, expected bool) {
	c := s.Peek()
	if c == '}' {
		s.pos++
		return nil, false, false
	}
	if !first {
		if c != ',' {
			s.unexpected(c, "',' or '}' after an object field")
		}
		s.pos++
		c = s.Peek()
	}
	if c != '"' {
		s.unexpected(c, "a field name")
	}
	// The same as below: name's bytes are plain (see plain), so
	// ReadString would stop at the quote after them and return them as
	// they are, and the colon follows at once. Only the limit on values
	// is left to check, and a key over it takes the slow way to its error.
	if n := len(name); n > 0 && len(s.buf)-s.pos >= n+3 && s.buf[s.pos+n+1] == '"' && s.buf[s.pos+n+2] == ':' &&
		string(s.buf[s.pos+1:s.pos+n+1]) == name && (s.limits.Value == 0 || n <= s.limits.Value) {
		k := s.buf[s.pos+1 : s.pos+n+1]
		s.pos += n + 3
		return k, true, true
	}
	k := s.ReadString()
	if s.pos < len(s.buf) && s.buf[s.pos] == ':' {
		// The usual case: no refill before the value, so k stays valid
		// until the caller reads the value.
		s.pos++
		return k, true, false
	}
	s.keyBuf = append(s.keyBuf[:0], k...)
	if c := s.Peek(); c != ':' {
		s.unexpected(c, "':' after a field name")
	}
	s.pos++
	return s.keyBuf, true, false
}

// Ahead returns the buffered bytes from the next one to read on, valid
// until the next read, for a caller that matches a plainly spelled value
// itself (with [Match], [MatchMember] and [MatchString]) and then consumes
// it with [Scanner.Consume], or declines and consumes nothing. What these
// functions match, the general way ([Scanner.Key], [Scanner.ReadString])
// reads the same way, with no error: see MatchString.
func (s *Scanner) Ahead() []byte { return s.buf[s.pos:] }

// Consume consumes the first n bytes that [Scanner.Ahead] returned.
func (s *Scanner) Consume(n int) { s.pos += n }

// PositionAhead is [Scanner.Position] of the byte n bytes ahead, within
// what [Scanner.Ahead] returned; positions must be asked in document
// order.
func (s *Scanner) PositionAhead(n int) (line, col int, offset int64) {
	i := s.pos + n
	s.count(i)
	off := s.base + int64(i)
	return s.lines + 1, int(off-s.lineStart) + 1, off
}

// ValueLimit returns the limit on the bytes of one value, 0 for none.
func (s *Scanner) ValueLimit() int { return s.limits.Value }

// Match returns the index in b after white space from b[i] and then the
// byte c, or -1 if c is not there. The matching functions return -1
// when given an index of -1, so that a chain of them can be checked once.
func Match(b []byte, i int, c byte) int {
	for 0 <= i && i < len(b) {
		switch b[i] {
		case ' ', '\n', '\t', '\r':
			i++
			continue
		case c:
			return i + 1
		}
		return -1
	}
	return -1
}

// MatchNull matches in b, from b[i] on, white space and the literal null,
// and returns the index after it, or -1.
func MatchNull(b []byte, i int) int {
	if i = Match(b, i, 'n'); i < 0 || len(b)-i < 3 || string(b[i:i+3]) != "ull" {
		return -1
	}
	return i + 3
}

// MatchMember matches in b, from b[i] on, a comma unless first, the key
// name (ASCII letters, digits and '_' only) and its colon, and returns
// the index after the colon, or -1. Keys longer than lim (when lim > 0)
// are not matched.
func MatchMember(b []byte, i int, first bool, name string, lim int) int {
	if !first {
		if i = Match(b, i, ','); i < 0 {
			return -1
		}
	}
	if i = Match(b, i, '"'); i < 0 {
		return -1
	}
	n := len(name)
	if lim > 0 && n > lim || len(b)-i < n+1 || b[i+n] != '"' || string(b[i:i+n]) != name {
		return -1
	}
	return Match(b, i+n+1, ':')
}

// MatchString matches in b, from b[i] on, white space and a plain string:
// one without escapes or control characters, of valid UTF-8, no longer
// than lim bytes (when lim > 0). It returns the string's bytes and the
// index after its closing quote, or -1. ReadString reads such a string
// as it is, with no error.
func MatchString(b []byte, i int, lim int) ([]byte, int) {
	if i = Match(b, i, '"'); i < 0 {
		return nil, -1
	}
	k, high := i, false
	for {
		for k+8 <= len(b) && plainWord(binary.LittleEndian.Uint64(b[k:])) {
			k += 8
		}
		if k >= len(b) {
			return nil, -1
		}
		switch c := b[k]; {
		case plain[c]:
			k++
		case c >= utf8.RuneSelf:
			high = true
			k++
		case c == '"':
			v := b[i:k]
			if lim > 0 && len(v) > lim || high && badText(v) >= 0 {
				return nil, -1
			}
			return v, k + 1
		default: // a backslash or a control character
			return nil, -1
		}
	}
}

// A UintField is a member of an object read by [Scanner.UintObject]: its
// key (ASCII letters, digits and '_' only) and the bounds of its value.
type UintField struct {
	Key      string
	Min, Max uint32
}

// UintObject reads the object ahead (its '{' not consumed) when it is
// spelled plainly: the given fields in that order, each a non-negative
// integer of at most 9 digits within its bounds, with any white space
// between tokens, all in the buffer already. It stores the values in vals
// and reports true. Otherwise it consumes nothing and reports false, and
// the caller reads the object the general way ([Scanner.Key] and
// [Scanner.ReadNumber]), which for the objects accepted here reads the
// same keys and numbers with no error: the keys are plain bytes (see
// [Scanner.KeyExpecting]), each number is a digit 1-9 followed by digits,
// or a lone 0, and then white space, ',' or '}' (so JSON's grammar holds
// and ReadNumber stops where this does), and keys and numbers are no
// longer than the limit on values (else this declines).
func (s *Scanner) UintObject(fields []UintField, vals []uint32) bool {
	b, i := s.buf, s.pos
	lim := s.limits.Value
	if lim > 0 && lim < 9 || i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	for k, f := range fields {
		i = skipSpace(b, i)
		if k > 0 {
			if i >= len(b) || b[i] != ',' {
				return false
			}
			i = skipSpace(b, i+1)
		}
		n := len(f.Key)
		if lim > 0 && n > lim || len(b)-i < n+2 || b[i] != '"' || b[i+n+1] != '"' || string(b[i+1:i+n+1]) != f.Key {
			return false
		}
		i = skipSpace(b, i+n+2)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		j, v := i, uint32(0)
		for j < len(b) && j-i < 10 && b[j] >= '0' && b[j] <= '9' {
			v = v*10 + uint32(b[j]-'0')
			j++
		}
		if j == i || j-i > 9 || b[i] == '0' && j-i > 1 || v < f.Min || v > f.Max {
			return false
		}
		vals[k] = v
		i = j
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '}' {
		return false
	}
	s.pos = i + 1
	return true
}

// skipSpace returns the position of the first byte from b[i] on that is
// not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// Elem reports whether another element follows in an array whose '[' was
// consumed, consuming the comma before it; first says whether it would be
// the first. It consumes the closing bracket and returns false at the end.
func (s *Scanner) Elem(first bool) bool {
	c := s.Peek()
	if c == ']' {
		s.pos++
		return false
	}
	if !first {
		if c != ',' {
			s.unexpected(c, "',' or ']' after an array element")
		}
		s.pos++
	}
	return true
}

func (s *Scanner) unexpected(c byte, want string) {
	if c == 0 && s.AtEnd() {
		s.Fail("unexpected end of input, expecting %s", want)
	}
	s.Fail("invalid character %s, expecting %s", QuoteByte(c), want)
}

// End checks that only white space follows the document.
func (s *Scanner) End() {
	if c := s.Peek(); c != 0 || !s.AtEnd() {
		s.Fail("invalid character %s after the document", QuoteByte(c))
	}
}

// Literal consumes the word ahead (true, false or null), whose first byte
// was checked.
func (s *Scanner) Literal(word string) {
	for len(s.buf)-s.pos < len(word) {
		if !s.fill() {
			break
		}
	}
	if len(s.buf)-s.pos < len(word) || string(s.buf[s.pos:s.pos+len(word)]) != word {
		s.Fail("invalid literal, expecting %s", word)
	}
	s.pos += len(word)
}

// ReadNumber reads the number ahead and returns its text, valid until the
// next read.
func (s *Scanner) ReadNumber() []byte {
	// The usual case: a small integer, in the buffer, not followed by
	// anything a number may hold.
	if b := s.buf[s.pos:]; len(b) > 0 && b[0] >= '1' && b[0] <= '9' {
		k := 1
		for k < len(b) && k < 19 && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		if k < len(b) && k < 19 && (s.limits.Value == 0 || k <= s.limits.Value) {
			if c := b[k]; c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+' {
				s.pos += k
				return b[:k]
			}
		}
	}
	k := 0
	for {
		b := s.buf[s.pos:]
		for k < len(b) {
			c := b[k]
			if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
				k++
				continue
			}
			break
		}
		if lim := s.limits.Value; lim > 0 && k > lim {
			s.Fail("a number longer than the limit of %d bytes", lim)
		}
		if k < len(b) || !s.fill() {
			break
		}
	}
	if lim := s.limits.Value; lim > 0 && k > lim {
		s.Fail("a number longer than the limit of %d bytes", lim)
	}
	num := s.buf[s.pos : s.pos+k]
	if !validNumber(num) {
		s.Fail("invalid number %s", Quote(num))
	}
	s.pos += k
	return num
}

// validNumber checks JSON's number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(b []byte) bool {
	i := 0
	digits := func() bool {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(b)
}

// ReadString reads the string ahead (at its opening quote) and returns its
// value, valid until the next read.
func (s *Scanner) ReadString() []byte {
	// The usual case: plain bytes up to the closing quote, in the buffer,
	// eight at a time.
	b := s.buf[s.pos+1:]
	k := 0
	for k+8 <= len(b) && plainWord(binary.LittleEndian.Uint64(b[k:])) {
		k += 8
	}
	for k < len(b) && plain[b[k]] {
		k++
	}
	if k < len(b) && b[k] == '"' {
		if lim := s.limits.Value; lim > 0 && k > lim {
			s.Fail("a string longer than the limit of %d bytes", lim)
		}
		s.pos += k + 2
		return b[:k]
	}
	k++ // from the opening quote
	var esc, high bool
	lim := s.limits.Value
	for {
		b := s.buf[s.pos:]
		// A string is refused as too long where it passes the limit,
		// whatever follows and wherever the buffer ends: bytes past it
		// are not looked at.
		end := len(b)
		if lim > 0 && end > lim+2 {
			end = lim + 2
		}
	scan:
		for k < end {
			c := b[k]
			if plain[c] {
				k++
				continue
			}
			switch {
			case c == '"':
				raw := b[1:k]
				if lim > 0 && len(raw) > lim {
					s.Fail("a string longer than the limit of %d bytes", lim)
				}
				if esc {
					out := s.unescape(raw)
					s.pos += k + 1
					return out
				}
				if high {
					s.checkText(raw)
				}
				s.pos += k + 1
				return raw
			case c == '\\':
				if k+1 >= len(b) {
					break scan
				}
				esc = true
				k += 2
				continue
			case c < 0x20 || c == 0x7f:
				s.pos += k
				s.Fail("control character %s in a string", QuoteByte(c))
			default:
				high = true
			}
			k++
		}
		if lim > 0 && k > lim+1 {
			s.Fail("a string longer than the limit of %d bytes", lim)
		}
		if !s.fill() {
			s.pos = len(s.buf)
			s.Fail("unexpected end of input in a string")
		}
	}
}

// checkText checks that raw (a string without escapes, at s.pos+1) is
// valid UTF-8 without C1 control characters.
func (s *Scanner) checkText(raw []byte) {
	i := badText(raw)
	if i < 0 {
		return
	}
	s.pos += 1 + i
	if r, size := utf8.DecodeRune(raw[i:]); r == utf8.RuneError && size == 1 {
		s.Fail("invalid UTF-8 in a string")
	} else {
		s.Fail("control character %s in a string", strconv.QuoteRune(r))
	}
}

// badText returns the offset in raw of the first byte that is not valid
// UTF-8 or that starts a C1 control character, or -1 when there is none.
func badText(raw []byte) int {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 || r >= 0x80 && r <= 0x9f {
			return i
		}
		i += size
	}
	return -1
}

// plainWord reports whether the eight bytes of x are all plain (see
// plain). Carries between bytes only add false alarms, which the byte
// loop of the caller sorts out.
func plainWord(x uint64) bool {
	const (
		lo   = 0x0101010101010101
		high = 0x8080808080808080
	)
	ctl := (x - 0x20*lo) & ^x & high // a byte < 0x20
	bs := x ^ ('\\' * lo)
	bs = (bs - lo) & ^bs & high // a backslash
	qt := x ^ ('"' * lo)
	qt = (qt - lo) & ^qt & high // a quote
	// A byte >= 0x7f: 0x7f plus one sets its high bit.
	return (x|(x+lo))&high|ctl|bs|qt == 0
}

// plain tells the bytes that a string holds as they are: not a quote, a
// backslash, a control character or part of a multi-byte character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// unescape decodes the escapes of raw (a string's bytes between quotes,
// at s.pos+1) into s.tmp. An escape that stands for a control character,
// or a lone surrogate, is refused.
func (s *Scanner) unescape(raw []byte) []byte {
	out := s.tmp[:0]
	fail := func(at int, format string, args ...any) {
		s.pos += 1 + at
		s.Fail(format, args...)
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		// raw ends before the closing quote, and an escape always has
		// its next byte inside raw.
		e := raw[i+1]
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
			i += 2
			continue
		case 'b', 'f', 'n', 'r', 't':
			fail(i, "control character %s in a string", raw[i:i+2])
		case 'u':
		default:
			fail(i, "invalid escape %s in a string", QuoteByte(e))
		}
		r, ok := hex4(raw[i+2:])
		if !ok {
			fail(i, "invalid \\u escape in a string")
		}
		n := 6
		if utf16.IsSurrogate(r) {
			r2, ok := rune(-1), false
			if j := i + 6; len(raw) >= j+6 && raw[j] == '\\' && raw[j+1] == 'u' {
				r2, ok = hex4(raw[j+2:])
			}
			dec := utf16.DecodeRune(r, r2)
			if !ok || dec == utf8.RuneError {
				fail(i, "lone surrogate %s in a string", raw[i:i+6])
			}
			r, n = dec, 12
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			fail(i, "control character %s in a string", raw[i:i+6])
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	s.tmp = out
	s.checkText(out) // invalid UTF-8 among the escapes; positions are approximate
	return out
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// Skip skips any value, failing beyond depth levels of nesting.
func (s *Scanner) Skip(depth int) {
	if depth < 0 {
		s.Fail("values nested too deep")
	}
	switch s.Kind() {
	case '"':
		s.ReadString()
	case '0':
		s.ReadNumber()
	case 't':
		s.Literal("true")
	case 'f':
		s.Literal("false")
	case 'n':
		s.Literal("null")
	case '{':
		s.pos++
		for first := true; ; first = false {
			if _, more := s.Key(first); !more {
				break
			}
			s.Skip(depth - 1)
		}
	case '[':
		s.pos++
		for first := true; s.Elem(first); first = false {
			s.Skip(depth - 1)
		}
	}
}

// MaxQuoted is the number of characters of a value that messages quote.
const MaxQuoted = 60

// Cut returns b's first MaxQuoted characters (runes, or bytes where b is
// not UTF-8) and whether that left something out.
func Cut(b []byte) (string, bool) {
	if len(b) <= MaxQuoted {
		return string(b), false
	}
	cut := 0
	for n := 0; cut < len(b) && n < MaxQuoted; n++ {
		_, size := utf8.DecodeRune(b[cut:])
		cut += size
	}
	return string(b[:cut]), cut < len(b)
}

// Quote quotes b for a message, cut after its first MaxQuoted characters
// with "..." appended: a value of any size gives a short message.
func Quote(b []byte) string {
	s, cut := Cut(b)
	if cut {
		return strconv.Quote(s) + "..."
	}
	return strconv.Quote(s)
}
