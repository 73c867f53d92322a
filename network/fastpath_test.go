package network_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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
		// A split of the list of centres, at an object's opening mostly.
		var opens []int
		for i, c := range respelt {
			if c == '{' {
				opens = append(opens, i)
			}
		}
		at := rapid.IntRange(-1, len(respelt)).Draw(t, "split_at")
		if len(opens) > 0 && rapid.IntRange(0, 3).Draw(t, "at_an_opening") > 0 {
			at = rapid.SampledFrom(opens).Draw(t, "split_at_opening")
		}
		decodeBothWays(t, respelt, rapid.SampledFrom([]int{0, 0, 0, 4, 8, 9, 12, 13}).Draw(t, "max_value_bytes"), at)
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

// A member is a field of an object that spellObject writes: its key and
// the values to draw from, as JSON text.
type member struct {
	key    string
	values []string
}

// spellObject draws the text of an object with the given members: in
// that order mostly, each perhaps dropped, repeated or followed by an
// unknown member, its key perhaps escaped, its value drawn from its
// values, and white space drawn between tokens.
func spellObject(t *rapid.T, label string, members []member) string {
	ws := func() string { return rapid.SampledFrom([]string{"", "", " ", "\n    ", "\t"}).Draw(t, label+".ws") }
	order := members
	if rapid.IntRange(0, 9).Draw(t, label+".shuffle") == 0 {
		order = rapid.Permutation(members).Draw(t, label+".order")
	}
	var b bytes.Buffer
	b.WriteString("{")
	first := true
	write := func(key, value string) {
		if !first {
			b.WriteString(ws() + ",")
		}
		first = false
		if rapid.IntRange(0, 19).Draw(t, label+".escape") == 0 && key != "" {
			key = `\u00` + strconv.FormatInt(int64(key[0]), 16) + key[1:]
		}
		b.WriteString(ws() + `"` + key + `"` + ws() + ":" + ws() + value)
	}
	for _, m := range order {
		switch rapid.IntRange(0, 29).Draw(t, label+".edit") {
		case 0: // dropped
			continue
		case 1: // repeated
			write(m.key, rapid.SampledFrom(m.values).Draw(t, label+"."+m.key))
		case 2: // an unknown member
			write(rapid.SampledFrom([]string{"zzz", m.key + "s", m.key[:len(m.key)-1], ""}).Draw(t, label+".unknown"), "1")
		}
		write(m.key, rapid.SampledFrom(m.values).Draw(t, label+"."+m.key))
	}
	b.WriteString(ws() + "}")
	return b.String()
}

// decodeBothWays decodes doc with and without the fast paths, within the
// given limit on values, and fails t when the results differ.
func decodeBothWays(t tb, doc []byte, limit, at int) {
	t.Helper()
	decodeWith := func(general bool, r io.Reader) (*network.Network, *network.Positions, error) {
		var dec *network.Decoder
		if r != nil {
			dec = network.NewDecoder(r)
		} else {
			dec = network.SplitAt(network.NewBytesDecoder(doc), func([]byte, int) int { return at })
		}
		dec.RecordPositions = true
		dec.MaxValueBytes = limit
		if general {
			n, err := network.DecodeGeneral(dec)
			return n, dec.Positions(), err
		}
		n, err := dec.Decode()
		return n, dec.Positions(), err
	}
	// The fast paths read from the buffer, and give up where it ends: they
	// read the document whole, and in short chunks, so that the buffer
	// ends at places that depend on the document.
	general, generalPos, generalErr := decodeWith(true, bytes.NewReader(doc))
	// The document in memory is read in place, its centres split at at:
	// the same again, whether the split's work is taken or dropped.
	for _, r := range []io.Reader{bytes.NewReader(doc), &chunkReader{doc, 1 + len(doc)%97}, nil} {
		fast, fastPos, fastErr := decodeWith(false, r)
		compareWays(t, doc, fast, fastPos, fastErr, general, generalPos, generalErr)
	}
}

// compareWays fails t unless the fast paths' decode equals the general
// path's: the same network and positions, or the same errors.
func compareWays(t tb, doc []byte, fast *network.Network, fastPos *network.Positions, fastErr error,
	general *network.Network, generalPos *network.Positions, generalErr error) {
	t.Helper()
	switch {
	case (fastErr == nil) != (generalErr == nil):
		t.Fatalf("Decode() = %v, general path = %v\ndocument:\n%s", fastErr, generalErr, doc)
	case fastErr != nil:
		if fastErr.Error() != generalErr.Error() {
			t.Fatalf("Decode() error:\n%v\ngeneral path:\n%v\ndocument:\n%s", fastErr, generalErr, doc)
		}
		if !sameErrorChain(fastErr, generalErr) {
			t.Fatalf("Decode() errors wrap other sentinels than the general path's: %v", fastErr)
		}
	default:
		if diff := networkDiff(general, fast); diff != "" {
			t.Fatalf("Decode() (-general +fast):\n%s\ndocument:\n%s", diff, doc)
		}
		if !network.SamePositions(fastPos, generalPos) {
			t.Fatalf("Decode() positions differ from the general path's\ndocument:\n%s", doc)
		}
	}
}

var (
	yearTexts  = []string{"2019", "2018", "1900", "2999", "1899", "3000", "0", "-1", "2019.0", "2e3", "02019", "null", `"2019"`, "99999999999", "2019x"}
	countTexts = []string{"0", "7", "900", "999999999", "1000000000", "2147483647", "2147483648", "-0", "-3", "01", "00", "1.5", "1e2", "4E0", "null", "[]", `"9"`, "true"}
)

// TestDecodeActivitySpellings decodes activity years spelled every which
// way, in range or not, with and without the fast paths.
func TestDecodeActivitySpellings(t *testing.T) {
	const entry = `{"year": 2019, "consultations": 900, "patients": 410, "new_patients": 60}`
	activity := []member{{"year", yearTexts}, {"consultations", countTexts}, {"patients", countTexts}, {"new_patients", countTexts}}
	checkSpellings(t, entry, `{"centres": [{"activity": [%s]}]}`, true, activity)
}

var (
	dateTexts = []string{`"2021-06-01"`, `"2017-11-25"`, `"2030-01-01"`, `"2000-01-01"`, `"2020-02-30"`, `"2020-1-1"`, `""`, "null", "5", `"2021-06-01T00:00"`, `"2021\u002d06-01"`}
	textTexts = []string{`"arrêté du 25 novembre 2017"`, `"x"`, `""`, "\"x\u0085y\"", "\"\xffz\"", `"a\"b"`, `"tab\there"`, "\"tab\there\"", "null", "7", `"` + strings.Repeat("é", 61) + `"`, `"\u00e9t\u00e9"`, `"\ud83c\udfe5"`}
)

// TestDecodeLabelSpellings decodes labels, their acts and their events
// spelled every which way, with and without the fast paths.
func TestDecodeLabelSpellings(t *testing.T) {
	t.Run("act", func(t *testing.T) {
		checkSpellings(t, `{"kind": "arrete", "date": "2017-11-25", "ref": "arrêté du 25 novembre 2017"}`,
			`{"centres": [{"labels": [{"start": "2017-01-01", "end": "2018-01-01", "act": %s}]}]}`, false, []member{
				{"kind", []string{`"arrete"`, `"decision"`, `"other"`, `""`, `"Arrete"`, "null", "1", `"arr\u00eate"`}},
				{"date", dateTexts},
				{"ref", textTexts},
			})
	})
	t.Run("event", func(t *testing.T) {
		checkSpellings(t, `{"kind": "evaluation", "date": "2021-06-01", "type": "external"}`,
			`{"centres": [{"labels": [{"start": "2017-01-01", "end": "2022-01-01", "act": {"kind": "arrete", "date": "2017-01-01"}, "events": [%s]}]}]}`, true, []member{
				{"kind", []string{`"evaluation"`, `"extension"`, `"withdrawal"`, `""`, `"x"`, "null", "[]"}},
				{"date", dateTexts},
				{"type", []string{`"external"`, `"self"`, `""`, `"none"`, "null", "0"}},
				{"until", []string{`"2024-01-01"`, `"2030-01-01"`, "null", `"2016-01-01"`, `"x"`}},
				{"act", []string{`{"kind": "arrete", "date": "2022-06-01"}`, `{"kind": "arrete", "date": "2022-06-01", "ref": "r"}`, "null", `{}`, `{"kind": "arrete"}`}},
			})
	})
	t.Run("label", func(t *testing.T) {
		ev := func(kind, date, rest string) string {
			return `{"kind": "` + kind + `", "date": "` + date + `"` + rest + `}`
		}
		var nine []string
		for k := range 9 {
			nine = append(nine, ev("evaluation", "2021-06-0"+strconv.Itoa(k+1), ""))
		}
		checkSpellings(t, `{"start": "2017-11-25", "end": "2022-11-25", "act": {"kind": "arrete", "date": "2017-11-25", "ref": "arrêté du 25 novembre 2017"},
     "events": [{"kind": "evaluation", "date": "2021-06-01", "type": "external"},
                {"kind": "extension", "date": "2022-06-01", "until": "2024-01-01", "act": {"kind": "arrete", "date": "2022-06-01"}}]}`,
			`{"centres": [{"labels": [%s]}]}`, true, []member{
				{"start", dateTexts},
				{"end", []string{`"2022-11-25"`, `"2017-11-25"`, `"2016-01-01"`, `"2020-02-30"`, "null", `"x"`}},
				{"act", []string{`{"kind": "arrete", "date": "2017-11-25", "ref": "arrêté"}`, `{"kind": "decision", "date": "2017-11-25"}`,
					`{"date": "2017-11-25", "kind": "arrete"}`, `{"kind": "arrete"}`, `{"kind": "x", "date": "2017-11-25"}`,
					`{"kind": "arrete", "date": "2017-11-25", "ref": "a\u00e9"}`, `{"kind": "arrete", "date": "2017-11-25", "ref": null}`, "null", "[]"}},
				{"events", []string{`[]`, "null", `{}`, "[" + ev("evaluation", "2021-06-01", `, "type": "external"`) + "]",
					"[" + ev("extension", "2022-06-01", `, "until": "2024-01-01", "act": {"kind": "arrete", "date": "2022-06-01", "ref": "r"}`) + "]",
					"[" + ev("extension", "2022-06-01", "") + "]",
					"[" + ev("extension", "2022-06-01", `, "until": "2021-01-01"`) + "]",
					"[" + ev("extension", "2022-06-01", `, "until": "2024-01-01", "type": "self"`) + "]",
					"[" + ev("evaluation", "2021-06-01", `, "until": "2024-01-01"`) + "]",
					"[" + ev("withdrawal", "2020-03-01", `, "act": {"kind": "decision", "date": "2020-03-01"}`) + "]",
					"[" + ev("withdrawal", "2010-03-01", "") + "]",
					"[" + ev("evaluation", "2021-06-01", `, "type": "self", "act": null`) + "]",
					"[" + ev("evaluation", "2021-06-01", "") + ", " + ev("evaluation", "2019-06-01", `, "type": "self"`) + "]",
					"[" + strings.Join(nine, ", ") + "]", "[" + strings.Join(nine[:8], ", ") + "]",
					"[" + ev("evaluation", "2021-06-01", "") + ",]", "[null]", "[1]"}},
				{"designation", []string{`{"campaign": "2007", "route": "listed", "cncl_opinion": "2007-09-28", "decision": "2008-02-01"}`,
					`{"campaign": "ccmr-2007", "route": "direct", "decision": "2008-02-01"}`,
					`{"campaign": "2007", "route": "listed", "cncl_opinion": null, "decision": "2008-02-01"}`,
					`{"campaign": "1999", "route": "listed", "decision": "2008-02-01"}`,
					`{"campaign": "2007", "route": "sideways", "decision": "2008-02-01"}`,
					`{"campaign": "2007", "route": "listed"}`, "null", "{}"}},
				{"source", textTexts},
				{"mark", []string{`"verified"`, `"derived"`, `"bogus"`, `""`, "null", "3"}},
			})
	})
}

// TestDecodeConventionSpellings decodes conventions spelled every which
// way, with and without the fast paths.
func TestDecodeConventionSpellings(t *testing.T) {
	ids := []string{`["crmr-exemple"]`, `[]`, `["crmr-exemple", "ccmr-exemple"]`, `[ "crmr-exemple" , "crmr-exemple" ]`, `["crmr-\u0065xemple"]`,
		`[1]`, "null", `"crmr-exemple"`, `["crmr-exemple",]`, `["nowhere"]`, `[""]`, "\"\xff\""}
	checkSpellings(t, `{"id": "conv-1", "reference": ["crmr-exemple"], "competence": "ccmr-exemple", "signed": "2018-01-10", "start": "2018-01-10", "end": null, "signatories": ["crmr-exemple"]}`,
		`{"conventions": [%s]}`, true, []member{
			{"id", append([]string{`"conv-2"`}, textTexts...)},
			{"reference", ids},
			{"competence", []string{`"ccmr-exemple"`, `"crmr-exemple"`, `"nowhere"`, "null", `""`, "[]"}},
			{"signed", dateTexts},
			{"start", dateTexts},
			{"end", []string{"null", `"2019-01-01"`, `"2017-01-01"`, `"x"`, "5", "nul", "nulll", "true"}},
			{"signatories", ids},
			{"source", textTexts},
			{"mark", []string{`"verified"`, `"bogus"`, "null"}},
		})
}

// checkSpellings replaces the object entry of the base document with
// spellings of its members and decodes them with and without the fast
// paths: first each value of each member in turn, with every kind of
// white space and alone, then random spellings (several in a row when many
// is set). Each spelling is also decoded, in several limits on values, in
// the small document mini (at its %s), where no longer string comes
// before it and reaches the limit first.
func checkSpellings(t *testing.T, entry, mini string, many bool, members []member) {
	if strings.Count(base, entry) != 1 {
		t.Fatalf("the base document has not one %s", entry)
	}
	limits := []int{4, 8, 9, 12, 13, 20, 61, 62}
	check := func(t tb, entries string, limits ...int) {
		doc := []byte(strings.Replace(base, entry, entries, 1))
		decodeBothWays(t, doc, 0, network.GuessSplit(doc, 0))
		for _, limit := range limits {
			doc := []byte(strings.Replace(mini, "%s", entries, 1))
			decodeBothWays(t, doc, limit, network.GuessSplit(doc, 0))
		}
	}
	for i, m := range members {
		for _, v := range m.values {
			for k, ws := range []string{"", " ", "\n  ", ""} {
				var b strings.Builder
				b.WriteString("{")
				for j, m2 := range members {
					if j > 0 {
						b.WriteString(ws + "," + ws)
					}
					value := m2.values[0]
					if k == 3 { // the others as short as they come: under a small limit, only v may reach it
						value = slices.MinFunc(m2.values, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
					}
					if j == i {
						value = v
					}
					b.WriteString(`"` + m2.key + `"` + ws + ":" + ws + value)
				}
				b.WriteString(ws + "}")
				check(t, b.String(), limits...)
			}
			// The member alone, so that no longer key makes the fast
			// path decline under a small limit.
			check(t, `{"`+m.key+`": `+v+`}`, limits...)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var entries []string
		n := 1
		if many {
			n = rapid.IntRange(1, 3).Draw(t, "entries")
		}
		for i := range n {
			entries = append(entries, spellObject(t, "entry"+strconv.Itoa(i), members))
		}
		check(t, strings.Join(entries, ", "), rapid.SampledFrom(limits).Draw(t, "max_value_bytes"))
	})
}

// FuzzDecodeFastPaths decodes arbitrary documents with and without the
// decoder's fast paths: the network, positions or error must be the same.
func FuzzDecodeFastPaths(f *testing.F) {
	f.Add([]byte(base), 0)
	f.Add([]byte(`{"centres": [{"activity": [{"year": 2019, "consultations": 900, "patients": 410, "new_patients": 60}]}]}`), 12)
	f.Add([]byte(`{"centres":[{"activity":[{"year":2019,"consultations":01,"patients":4,"new_patients":6}]}]}`), 0)
	f.Fuzz(func(t *testing.T, doc []byte, limit int) {
		decodeBothWays(t, doc, limit%64, limit/64%(len(doc)+1))
	})
}

// A chunkReader returns its bytes k at a time.
type chunkReader struct {
	b []byte
	k int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.k, len(r.b))
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

// TestDecodeInChunks reads the base document 1 to 300 bytes at a time, so
// that every fast path meets the end of the buffer at every place, and
// checks that it decodes, positions included, as it does whole.
func TestDecodeInChunks(t *testing.T) {
	doc := []byte(base)
	dec := network.NewDecoder(bytes.NewReader(doc))
	dec.RecordPositions = true
	want, err := dec.Decode()
	if err != nil {
		t.Fatal(err)
	}
	wantPos := dec.Positions()
	for k := 1; k <= 300; k++ {
		dec := network.NewDecoder(&chunkReader{doc, k})
		dec.RecordPositions = true
		got, err := dec.Decode()
		if err != nil {
			t.Fatalf("chunks of %d bytes: %v", k, err)
		}
		if d := networkDiff(want, got); d != "" {
			t.Fatalf("chunks of %d bytes: %s", k, d)
		}
		if !network.SamePositions(wantPos, dec.Positions()) {
			t.Fatalf("chunks of %d bytes: positions differ", k)
		}
	}
}
