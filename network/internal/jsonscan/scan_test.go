package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// scan reads one value of doc with Skip and End, returning the syntax
// error if any.
func scan(r io.Reader, l Limits) (err error) { return scanWith(New(r, l)) }

// scanBytes is scan of a whole input held in memory (NewBytes).
func scanBytes(in []byte, l Limits) error { return scanWith(NewBytes(in, l)) }

func scanWith(s *Scanner) (err error) {
	defer func() {
		switch x := recover().(type) {
		case nil:
		case *SyntaxError:
			err = x
		case ReadError:
			err = x.Err
		default:
			panic(x)
		}
	}()
	s.Skip(64)
	s.End()
	return nil
}

func TestScanErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{``, `line 1, column 1: unexpected end of input`},
		{`{"a": 1,}`, `line 1, column 9: invalid character '}', expecting a field name`},
		{`[1 2]`, `line 1, column 4: invalid character '2', expecting ',' or ']' after an array element`},
		{"{\n  \"a\":\n  tru}", `line 3, column 3: invalid literal, expecting true`},
		{`01`, `invalid number "01"`},
		{`1.`, `invalid number "1."`},
		{`"abc`, `unexpected end of input in a string`},
		{"\"a\x01\"", `line 1, column 3: control character '\x01' in a string`},
		{"\"a\x7f\"", `control character '\x7f' in a string`},
		{"\"a\u0085\"", `control character '\u0085' in a string`},
		{"\"a\xff\"", `line 1, column 3: invalid UTF-8 in a string`},
		{`"a\n"`, `line 1, column 3: control character \n in a string`},
		{`"a\u001f"`, `control character \u001f in a string`},
		{`"a\u009F"`, `control character \u009F in a string`},
		{`"a\ud800"`, `lone surrogate \ud800 in a string`},
		{`"a\ud800\u0041"`, `lone surrogate \ud800 in a string`},
		{`"a\udc00"`, `lone surrogate \udc00 in a string`},
		{`"a\x"`, `invalid escape 'x' in a string`},
		{`"a\u12"`, `invalid \u escape in a string`},
		{"1 \x00", `line 1, column 3: invalid character '\x00' after the document`},
		{"[\x00]", `line 1, column 2: invalid character '\x00' looking for a value`},
		{"[1,\x1b]", `invalid character '\x1b' looking for a value`},
		{strings.Repeat("[", 100), `values nested too deep`},
	} {
		err := scan(strings.NewReader(tt.in), Limits{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("scan(%q) = %v, want an error containing %s", tt.in, err, tt.want)
		}
		// The same error whatever the reader's chunks, or read in place.
		if err2 := scan(iotest.OneByteReader(strings.NewReader(tt.in)), Limits{}); err != nil && (err2 == nil || err2.Error() != err.Error()) {
			t.Errorf("scan(OneByteReader(%q)) = %v, want %v", tt.in, err2, err)
		}
		if err2 := scanBytes([]byte(tt.in), Limits{}); err != nil && (err2 == nil || err2.Error() != err.Error()) {
			t.Errorf("scanBytes(%q) = %v, want %v", tt.in, err2, err)
		}
	}
}

func TestScanAccepts(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `""`, `0`, `-0.5e+10`, `true`, `null`,
		`{"a": [1, "b", {"c": null}], "d": false}`,
		`"é\u00e9\ud83c\udfe5 \" \\ \/ ~ \u2028"`,
		" \t\r\n  " + `"` + strings.Repeat("x", 100000) + `"` + "\n",
	} {
		if err := scan(strings.NewReader(in), Limits{}); err != nil {
			t.Errorf("scan(%q) = %v", in, err)
		}
	}
}

func TestReadString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"esc\"aped\\\/"`, `esc"aped\/`},
		{`"\u00e9t\u00C9"`, "étÉ"},
		{`"\ud83c\udfe5"`, "🏥"},
		{`"` + strings.Repeat("long plain ", 1000) + `"`, strings.Repeat("long plain ", 1000)},
	} {
		for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
			s := New(r, Limits{})
			s.Peek()
			if got := string(s.ReadString()); got != tt.want {
				t.Errorf("ReadString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		in   string
		l    Limits
		want string
	}{
		{`"12345"`, Limits{Value: 4}, `a string longer than the limit of 4 bytes`},
		{`12345`, Limits{Value: 4}, `a number longer than the limit of 4 bytes`},
		{`[12345, 1]`, Limits{Value: 4}, `a number longer than the limit of 4 bytes`},
		{`[1, 2, 3]`, Limits{Document: 5}, `line 1, column 6: the document is larger than the limit of 5 bytes`},
		{`[1, 2, 3]   `, Limits{Document: 10}, `line 1, column 11: the document is larger than the limit of 10 bytes`},
		{`[1, "` + strings.Repeat("x", 100) + "\x01" + `"]`, Limits{Value: 10}, `line 1, column 5: a string longer than the limit of 10 bytes`},
		{`[1, "` + strings.Repeat("x", 100) + `"]`, Limits{Document: 50, Value: 10}, `line 1, column 5: a string longer than the limit of 10 bytes`},
	} {
		// Read whole, a byte at a time, and in place: the same error.
		for _, err := range []error{scan(strings.NewReader(tt.in), tt.l), scan(iotest.OneByteReader(strings.NewReader(tt.in)), tt.l), scanBytes([]byte(tt.in), tt.l)} {
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("scan(%q, %+v) = %v, want %s", tt.in, tt.l, err, tt.want)
			}
		}
	}
	if err := scan(strings.NewReader(`["1234", 1234]`), Limits{Value: 4, Document: 14}); err != nil {
		t.Errorf("scan at the limits = %v", err)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	if err := scan(io.MultiReader(strings.NewReader(`[1, `), iotest.ErrReader(boom)), Limits{}); !errors.Is(err, boom) {
		t.Errorf("scan(failing reader) = %v, want %v", err, boom)
	}
}

func TestPosition(t *testing.T) {
	in := "[\n  1,\n\t\"é\",\n  {}]"
	s := New(iotest.OneByteReader(strings.NewReader(in)), Limits{})
	s.Peek()
	s.Advance()
	var got [][2]int
	for first := true; s.Elem(first); first = false {
		s.Peek()
		line, col, _ := s.Position()
		got = append(got, [2]int{line, col})
		s.Skip(8)
	}
	want := [][2]int{{2, 3}, {3, 2}, {4, 3}}
	if len(got) != len(want) {
		t.Fatalf("positions = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("positions = %v, want %v", got, want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"short", `"short"`},
		{strings.Repeat("a", 60), `"` + strings.Repeat("a", 60) + `"`},
		{strings.Repeat("a", 61), `"` + strings.Repeat("a", 60) + `"...`},
		{strings.Repeat("é", 61), `"` + strings.Repeat("é", 60) + `"...`},
		{"\x1b[2J", `"\x1b[2J"`},
	} {
		if got := Quote([]byte(tt.in)); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzScan checks the scanner against encoding/json: what it accepts is
// valid JSON (its own rules are stricter: no control characters, no lone
// surrogates), and it never panics with anything but its errors.
func FuzzScan(f *testing.F) {
	for _, s := range []string{`{"a": [1, "b", {"c": null}]}`, `"\ud83c\udfe5"`, `"\ud800"`, "[\x00]", `-0.5e+10`, `"\u0085"`, "\"\xc2\x85\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		err := scan(bytes.NewReader(in), Limits{Value: 1 << 10})
		// In place, the same error, and the input untouched.
		kept := bytes.Clone(in)
		if err2 := scanBytes(in, Limits{Value: 1 << 10}); (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("scanBytes(%q) = %v, scan = %v", in, err2, err)
		}
		if !bytes.Equal(in, kept) {
			t.Fatalf("scanBytes wrote to its input")
		}
		if err == nil && !json.Valid(in) {
			t.Fatalf("scan accepted %q, which encoding/json refuses", in)
		}
		if err == nil && !utf8.Valid(in) {
			t.Fatalf("scan accepted invalid UTF-8 %q", in)
		}
	})
}

// TestOffset checks Offset as tokens are read, in place and from a
// reader a byte at a time.
func TestOffset(t *testing.T) {
	in := ` {"ab": [1, "x"]} `
	for _, s := range []*Scanner{NewBytes([]byte(in), Limits{}), New(iotest.OneByteReader(strings.NewReader(in)), Limits{})} {
		var got []int64
		s.Peek()
		got = append(got, s.Offset())
		s.Advance()
		s.Key(true)
		got = append(got, s.Offset())
		s.Skip(8)
		got = append(got, s.Offset())
		if want := []int64{1, 7, 16}; !slices.Equal(got, want) {
			t.Errorf("offsets = %v, want %v", got, want)
		}
	}
}
