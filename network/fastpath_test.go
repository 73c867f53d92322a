package network_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf16"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/network"
)

// TestDecodeFastPathsAgree checks the decoder's fast paths (keys compared
// rather than scanned, plainly spelled objects read in one go) against its
// general path: a generated document, spelled anew (compact, indented or
// with random white space, members in another order, characters escaped)
// and perhaps broken (a value replaced, a member dropped, repeated or
// added), decodes to the same network, with the same positions, or fails
// with the same error, whichever path reads it.
func TestDecodeFastPathsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := encode(t, genNetwork().Draw(t, "network"))
		root, err := parseOrdered(doc)
		if err != nil {
			t.Fatalf("parseOrdered() = %v", err)
		}
		for range rapid.IntRange(0, 3).Draw(t, "mutations") {
			mutate(t, root)
		}
		w := respeller{
			rng:      rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1)),
			space:    rapid.SampledFrom([]string{"compact", "indented", "random"}).Draw(t, "space"),
			shuffle:  rapid.Float64Range(0, 1).Draw(t, "shuffle"),
			escape:   rapid.SampledFrom([]float64{0, 0.01, 0.2}).Draw(t, "escape"),
			numbered: rapid.Bool().Draw(t, "numbered"),
		}
		w.write(root, 0)
		respelt := w.buf.Bytes()
		limit := rapid.SampledFrom([]int{0, 0, 0, 4, 8, 9, 12, 13}).Draw(t, "max_value_bytes")

		decodeWith := func(general bool) (*network.Network, *network.Positions, error) {
			dec := network.NewDecoder(bytes.NewReader(respelt))
			dec.RecordPositions = true
			dec.MaxValueBytes = limit
			var n *network.Network
			var err error
			if general {
				n, err = network.DecodeGeneral(dec)
			} else {
				n, err = dec.Decode()
			}
			return n, dec.Positions(), err
		}
		fast, fastPos, fastErr := decodeWith(false)
		general, generalPos, generalErr := decodeWith(true)
		switch {
		case (fastErr == nil) != (generalErr == nil):
			t.Fatalf("Decode() = %v, general path = %v\ndocument:\n%s", fastErr, generalErr, respelt)
		case fastErr != nil:
			if fastErr.Error() != generalErr.Error() {
				t.Fatalf("Decode() error:\n%v\ngeneral path:\n%v\ndocument:\n%s", fastErr, generalErr, respelt)
			}
			if !sameErrorChain(fastErr, generalErr) {
				t.Fatalf("Decode() errors wrap other sentinels than the general path's: %v", fastErr)
			}
		default:
			if diff := networkDiff(general, fast); diff != "" {
				t.Fatalf("Decode() (-general +fast):\n%s", diff)
			}
			if !reflect.DeepEqual(fastPos, generalPos) {
				t.Fatalf("Decode() positions differ from the general path's")
			}
		}
	})
}

// sameErrorChain reports whether a and b, joined FieldErrors, wrap the same
// sentinel errors in the same order.
func sameErrorChain(a, b error) bool {
	as, bs := unjoin(a), unjoin(b)
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		for _, s := range []error{network.ErrMissing, network.ErrDuplicate, network.ErrDangling, network.ErrInvalid} {
			if errors.Is(as[i], s) != errors.Is(bs[i], s) {
				return false
			}
		}
	}
	return true
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// A jnode is a JSON value that keeps its object members in order: an
// object ('{': keys and vals), an array ('[': vals) or a literal (lit, as
// JSON writes it; strings are kept unquoted in str).
type jnode struct {
	kind  byte
	keys  []string
	vals  []*jnode
	lit   string
	str   string
	isStr bool
}

func parseOrdered(doc []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var value func() (*jnode, error)
	value = func() (*jnode, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case json.Delim:
			n := &jnode{kind: byte(v)}
			for dec.More() {
				if v == '{' {
					k, err := dec.Token()
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, k.(string))
				}
				x, err := value()
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, x)
			}
			_, err := dec.Token() // the closing delimiter
			return n, err
		case string:
			return &jnode{str: v, isStr: true}, nil
		case json.Number:
			return &jnode{lit: string(v)}, nil
		case bool:
			return &jnode{lit: strconv.FormatBool(v)}, nil
		default:
			return &jnode{lit: "null"}, nil
		}
	}
	n, err := value()
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("text after the document")
		}
	}
	return n, err
}

// mutate breaks one value of the document drawn at random, in one of the
// ways a producer could: a value replaced by one of another type or out of
// range, a member dropped, repeated or unknown, an element dropped or
// repeated.
func mutate(t *rapid.T, root *jnode) {
	var all []*jnode
	var walk func(n *jnode)
	walk = func(n *jnode) {
		all = append(all, n)
		for _, v := range n.vals {
			walk(v)
		}
	}
	walk(root)
	n := all[rapid.IntRange(0, len(all)-1).Draw(t, "node")]
	replacements := []string{`0`, `-1`, `1.5`, `1e3`, `2147483648`, `1899`, `3000`, `999999999`, `1000000000`, `01`,
		`"x"`, `"2020-02-30"`, `"2020-01-01"`, `null`, `true`, `{}`, `[]`, `"reference"`, `"extension"`}
	switch op := rapid.IntRange(0, 3).Draw(t, "op"); {
	case op == 0 || n.kind == 0:
		*n = jnode{lit: rapid.SampledFrom(replacements).Draw(t, "replacement")}
	case len(n.vals) == 0:
		if n.kind == '{' {
			n.keys = append(n.keys, "year")
		}
		n.vals = append(n.vals, &jnode{lit: "2020"})
	case op == 1: // drop one
		i := rapid.IntRange(0, len(n.vals)-1).Draw(t, "drop")
		n.vals = append(n.vals[:i:i], n.vals[i+1:]...)
		if n.kind == '{' {
			n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
		}
	case op == 2: // repeat one
		i := rapid.IntRange(0, len(n.vals)-1).Draw(t, "repeat")
		n.vals = append(n.vals, n.vals[i])
		if n.kind == '{' {
			n.keys = append(n.keys, n.keys[i])
		}
	default: // an unknown member, or an element of another type
		n.vals = append(n.vals, &jnode{lit: "7"})
		if n.kind == '{' {
			n.keys = append(n.keys, rapid.SampledFrom([]string{"zzz", "yea", "years", ""}).Draw(t, "unknown"))
		}
	}
}

// A respeller writes a jnode anew: with white space as its space style
// says, object members shuffled with probability shuffle, each character
// of a string or key escaped with probability escape, and numbers
// perhaps written with an exponent or fraction that keeps their value
// (numbered).
type respeller struct {
	rng      *rand.Rand
	space    string
	shuffle  float64
	escape   float64
	numbered bool
	buf      bytes.Buffer
}

func (w *respeller) ws(depth int) {
	switch w.space {
	case "indented":
		w.buf.WriteByte('\n')
		for range depth {
			w.buf.WriteString("  ")
		}
	case "random":
		w.buf.WriteString([]string{"", "", "", " ", "\n", "\t", "\r\n  ", "        "}[w.rng.IntN(8)])
	}
}

func (w *respeller) write(n *jnode, depth int) {
	switch n.kind {
	case '{', '[':
		w.buf.WriteByte(n.kind)
		order := make([]int, len(n.vals))
		for i := range order {
			order[i] = i
		}
		if n.kind == '{' && w.rng.Float64() < w.shuffle {
			w.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		for k, i := range order {
			if k > 0 {
				w.buf.WriteByte(',')
			}
			w.ws(depth + 1)
			if n.kind == '{' {
				w.str(n.keys[i])
				w.ws(-1)
				w.buf.WriteByte(':')
				w.ws(-1)
			}
			w.write(n.vals[i], depth+1)
		}
		if len(order) > 0 {
			w.ws(depth)
		}
		if n.kind == '{' {
			w.buf.WriteByte('}')
		} else {
			w.buf.WriteByte(']')
		}
	default:
		switch {
		case n.isStr:
			w.str(n.str)
		case w.numbered && n.lit != "0" && isDigits(n.lit) && w.rng.IntN(4) == 0:
			// The same value, spelled so that it is not a plain integer.
			w.buf.WriteString([]string{n.lit + ".0", n.lit + "e0", n.lit + "E+0"}[w.rng.IntN(3)])
		default:
			w.buf.WriteString(n.lit)
		}
	}
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// str writes s quoted, escaping what JSON must escape and, with
// probability escape, any other character.
func (w *respeller) str(s string) {
	w.buf.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			w.buf.WriteByte('\\')
			w.buf.WriteRune(r)
		case r < 0x20 || w.rng.Float64() < w.escape:
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				w.buf.WriteString(`\u` + hex4(r1) + `\u` + hex4(r2))
			} else {
				w.buf.WriteString(`\u` + hex4(r))
			}
		default:
			w.buf.WriteRune(r)
		}
	}
	w.buf.WriteByte('"')
}

func hex4(r rune) string {
	s := strconv.FormatInt(int64(r), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
