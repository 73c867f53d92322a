package jsonscan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// A member is a key and its value as the general path reads them.
type member struct{ key, value string }

// readGeneral reads the object text the general way (Key, ReadString,
// ReadNumber; any other value is skipped and read as "?"), within the
// limit on values, and returns its members and the offset after it.
func readGeneral(text string, lim int) (members []member, end int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	s := New(strings.NewReader(text), Limits{Value: lim})
	if s.Kind() != '{' {
		return nil, 0, fmt.Errorf("not an object")
	}
	s.Advance()
	for first := true; ; first = false {
		k, more := s.Key(first)
		if !more {
			break
		}
		m := member{key: string(k)}
		switch s.Kind() {
		case '"':
			m.value = string(s.ReadString())
		case '0':
			m.value = string(s.ReadNumber())
		default:
			s.Skip(8)
			m.value = "?"
		}
		members = append(members, m)
	}
	_, _, end = s.Position()
	return members, end, nil
}

var (
	objKeys    = []string{"a", "bb", "ccc", "dddd_5", "eeeeeeee_10"}
	objStrings = []string{`"x"`, `""`, `"é"`, "\"\xc2\x85\"", "\"\xff\"", `"a\"b"`, `"\u0061"`, "\"t\tb\"", "\"t\x7fb\"", `"12345678"`, `"123456789"`, `"ééééé"`}
	objNumbers = []string{`0`, `7`, `01`, `00`, `12345678`, `123456789`, `1234567890`, `4294967296`, `-1`, `1.5`, `1e2`, `2E+0`}
	objOthers  = []string{`null`, `true`, `{}`, `[]`, `{"a": 1}`}
)

// drawObject draws the text of an object: most often the fields given,
// in order, optional ones perhaps left out, with values of their type
// (not all of them plain); else members and values of any kind.
func drawObject(t *rapid.T, keys []string, isUint func(i int) bool, optional func(i int) bool) string {
	ws := func() string { return rapid.SampledFrom([]string{"", "", " ", "\n\t", "\r\n  "}).Draw(t, "ws") }
	var b strings.Builder
	b.WriteString(ws() + "{")
	n := 0
	write := func(key, value string) {
		if n > 0 {
			b.WriteString(ws() + ",")
		}
		n++
		b.WriteString(ws() + key + ws() + ":" + ws() + value)
	}
	if rapid.IntRange(0, 3).Draw(t, "random") > 0 {
		for i, k := range keys {
			if optional(i) && rapid.Bool().Draw(t, "leave_out") {
				continue
			}
			values := objStrings
			if isUint(i) {
				values = objNumbers
			}
			if rapid.IntRange(0, 9).Draw(t, "other_type") == 0 {
				values = slices.Concat(objStrings, objNumbers, objOthers)
			}
			write(`"`+k+`"`, rapid.SampledFrom(values).Draw(t, "value"))
		}
	} else {
		for range rapid.IntRange(0, 5).Draw(t, "members") {
			key := rapid.SampledFrom(append(slices.Clone(objKeys), "", "zz", `a\u0062`)).Draw(t, "key")
			write(`"`+key+`"`, rapid.SampledFrom(slices.Concat(objStrings, objNumbers, objOthers)).Draw(t, "value"))
		}
	}
	b.WriteString(ws() + "}" + ws() + rapid.SampledFrom([]string{"", ",", "]", "x"}).Draw(t, "after"))
	return b.String()
}

// TestUintObjectAgrees checks UintObject against the general path: when
// it reads an object, reading that object the general way succeeds, with
// the same members and values, and ends where UintObject left the
// scanner.
func TestUintObjectAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { repeat(t, checkUintObject) })
}

func checkUintObject(t *rapid.T) {
	{
		keys := rapid.Permutation(objKeys).Draw(t, "keys")[:rapid.IntRange(1, len(objKeys)).Draw(t, "fields")]
		fields := make([]UintField, len(keys))
		for i, k := range keys {
			fields[i] = UintField{Key: k, Min: rapid.SampledFrom([]uint32{0, 1, 8}).Draw(t, "min"), Max: rapid.SampledFrom([]uint32{7, 123456789, 1 << 31}).Draw(t, "max")}
		}
		text := drawObject(t, keys, func(int) bool { return true }, func(int) bool { return false })
		lim := rapid.SampledFrom([]int{0, 1, 2, 3, 5, 8, 9, 10, 11}).Draw(t, "limit")

		s := New(strings.NewReader(text), Limits{Value: lim})
		s.Peek()
		vals := make([]uint32, len(fields))
		if !s.UintObject(fields, vals) {
			return
		}
		var want []member
		for i, f := range fields {
			if vals[i] < f.Min || vals[i] > f.Max {
				t.Fatalf("UintObject(%q) read %s = %d, out of its bounds", text, f.Key, vals[i])
			}
			want = append(want, member{f.Key, strconv.FormatUint(uint64(vals[i]), 10)})
		}
		got, end, err := readGeneral(text, lim)
		if err != nil {
			t.Fatalf("UintObject matched %q, which the general path refuses: %v", text, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("UintObject(%q) = %q, general path %q", text, want, got)
		}
		if _, _, off := s.Position(); off != end {
			t.Fatalf("UintObject(%q) ends at %d, general path at %d", text, off, end)
		}
	}
}

// repeat runs check on 50 draws: each is cheap, and the bugs they look
// for need a particular value in a particular place.
func repeat(t *rapid.T, check func(*rapid.T)) {
	for range 50 {
		check(t)
	}
}

// TestMatchAgrees checks MatchMember and MatchString against the general
// path: an object whose members they match, key by key and value by
// value (all plain strings), reads the general way with no error, with
// the same keys and values, and ends at the same place.
func TestMatchAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { repeat(t, checkMatch) })
}

func checkMatch(t *rapid.T) {
	keys := rapid.Permutation(objKeys).Draw(t, "keys")[:rapid.IntRange(1, len(objKeys)).Draw(t, "fields")]
	text := drawObject(t, keys, func(int) bool { return false }, func(int) bool { return false })
	lim := rapid.SampledFrom([]int{0, 1, 2, 3, 5, 8, 9, 10, 11}).Draw(t, "limit")

	s := New(strings.NewReader(text), Limits{Value: lim})
	s.Peek()
	b := s.Ahead()
	i := Match(b, 0, '{')
	var want []member
	for k, key := range keys {
		var v []byte
		if v, i = MatchString(b, MatchMember(b, i, k == 0, key, lim), lim); i < 0 {
			return
		}
		want = append(want, member{key, string(v)})
	}
	if i = Match(b, i, '}'); i < 0 {
		return
	}
	s.Consume(i)
	got, end, err := readGeneral(text, lim)
	if err != nil {
		t.Fatalf("Match* matched %q, which the general path refuses: %v", text, err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Match*(%q) = %q, general path %q", text, want, got)
	}
	if _, _, off := s.Position(); off != end {
		t.Fatalf("Match*(%q) ends at %d, general path at %d", text, off, end)
	}
}
