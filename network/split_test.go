package network_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// decodeStream decodes doc as a stream, positions recorded: what a split
// decoding must equal.
func decodeStream(t tb, doc []byte) (*network.Network, *network.Positions) {
	t.Helper()
	dec := network.NewDecoder(bytes.NewReader(doc))
	dec.RecordPositions = true
	n, err := dec.Decode()
	if err != nil {
		t.Fatalf("Decode() = %v", err)
	}
	return n, dec.Positions()
}

// decodeSplit decodes doc in memory, positions recorded, its centres
// split at the offset at picks.
func decodeSplit(t tb, doc []byte, at func([]byte, int) int) (*network.Network, *network.Positions, bool) {
	t.Helper()
	dec := network.SplitAt(network.NewBytesDecoder(doc), at)
	dec.RecordPositions = true
	n, err := dec.Decode()
	if err != nil {
		t.Fatalf("Decode() split = %v", err)
	}
	return n, dec.Positions(), network.Joined(dec)
}

// offset returns the byte offset of a line and column (from 1) of doc.
func offset(doc []byte, line, col int) int {
	at := 0
	for range line - 1 {
		at += bytes.IndexByte(doc[at:], '\n') + 1
	}
	return at + col - 1
}

// TestSplitAtEveryCentre splits a generated document's list of centres
// at each centre in turn: the helper's work is taken every time, and the
// network and positions are those of the document read as a stream.
func TestSplitAtEveryCentre(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := encode(t, genNetwork().Draw(t, "network"))
		if rapid.Bool().Draw(t, "indented") {
			var b bytes.Buffer
			if err := json.Indent(&b, doc, "", rapid.SampledFrom([]string{"\t", "  "}).Draw(t, "indent")); err != nil {
				t.Fatal(err)
			}
			doc = b.Bytes()
		}
		want, wantPos := decodeStream(t, doc)
		for k := range want.NumCentres() {
			pos, ok := wantPos.Of(fmt.Sprintf("/centres/%d", k))
			if !ok {
				t.Fatalf("no position for centre %d", k)
			}
			at := offset(doc, pos.Line, pos.Column)
			if doc[at] != '{' {
				t.Fatalf("centre %d: offset %d is not an opening brace", k, at)
			}
			got, gotPos, joined := decodeSplit(t, doc, func([]byte, int) int { return at })
			if !joined && at > bytes.Index(doc, []byte(`"centres"`)) && bytes.LastIndexByte(doc[:at], '[') != at-1 {
				t.Fatalf("split at %s (offset %d): the helper's work was not taken", pos.Pointer, at)
			}
			if diff := networkDiff(want, got); diff != "" {
				t.Fatalf("split at %s (-stream +split):\n%s", pos.Pointer, diff)
			}
			if !network.SamePositions(wantPos, gotPos) {
				t.Fatalf("split at %s: positions differ from the stream's", pos.Pointer)
			}
		}
	})
}

// TestGuessSplitNational checks that the guess finds a centre in a
// national-scale document as Encode writes it, and that the result is
// the stream's.
func TestGuessSplitNational(t *testing.T) {
	for _, n := range []*network.Network{network.National(), networktest.Scale(300, 1, 1.8)} {
		var b bytes.Buffer
		if err := network.Encode(&b, n); err != nil {
			t.Fatal(err)
		}
		doc := b.Bytes()
		want, wantPos := decodeStream(t, doc)
		got, gotPos, joined := decodeSplit(t, doc, network.GuessSplit)
		if !joined {
			t.Errorf("%d centres: the guess at offset %d found no centre", n.NumCentres(), network.GuessSplit(doc, 0))
		}
		if diff := networkDiff(want, got); diff != "" {
			t.Errorf("%d centres (-stream +split):\n%s", n.NumCentres(), diff)
		}
		if !network.SamePositions(wantPos, gotPos) {
			t.Errorf("%d centres: positions differ from the stream's", n.NumCentres())
		}
	}
}

// TestDecodeBytesSplitsOnItsOwn checks that a large document in memory is
// split with more than one processor, and not with one.
func TestDecodeBytesSplitsOnItsOwn(t *testing.T) {
	if testing.Short() {
		t.Skip("large document: skipped under -short")
	}
	var b bytes.Buffer
	if err := network.Encode(&b, networktest.Scale(2500, 1, 1.8)); err != nil {
		t.Fatal(err)
	}
	doc := b.Bytes()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		dec := network.NewBytesDecoder(doc)
		if _, err := dec.Decode(); err != nil {
			t.Fatal(err)
		}
		if got := network.Joined(dec); got != (procs > 1) {
			t.Errorf("GOMAXPROCS %d, %d bytes: split taken = %v", procs, len(doc), got)
		}
	}
}

// TestDecodeBytesLimit checks that a document in memory past the limit on
// documents is refused as the same document read as a stream is.
func TestDecodeBytesLimit(t *testing.T) {
	doc := []byte(base)
	for _, limit := range []int64{1, 10, 100, int64(len(doc)) / 2, int64(len(doc)) - 1} {
		stream := network.NewDecoder(bytes.NewReader(doc))
		stream.MaxDocumentBytes = limit
		_, want := stream.Decode()
		mem := network.NewBytesDecoder(doc)
		mem.MaxDocumentBytes = limit
		n, got := mem.Decode()
		if n != nil || got == nil || !strings.Contains(got.Error(), "larger than the limit") {
			t.Fatalf("limit %d: Decode() = %v, %v; want the limit's error", limit, n, got)
		}
		if got.Error() != want.Error() {
			t.Errorf("limit %d: Decode() in memory = %v\nas a stream: %v", limit, got, want)
		}
	}
	if _, err := network.DecodeBytes(doc); err != nil {
		t.Errorf("DecodeBytes(base) = %v", err)
	}
}

// TestDecodeBytesKeepsNothing checks that the network does not alias the
// document, long strings and all, split or not: writing over it after
// Decode changes nothing.
func TestDecodeBytesKeepsNothing(t *testing.T) {
	long := strings.Repeat("é", 3000)
	for _, split := range []bool{false, true} {
		doc := []byte(edit(t, `"name": "Centre de compétences exemple"`, `"name": "`+long+`"`,
			`"city": "Paris"`, `"city": "`+long+`"`))
		at := -1
		if split {
			at = bytes.Index(doc, []byte(`{"id": "ccmr-exemple"`))
		}
		dec := network.SplitAt(network.NewBytesDecoder(doc), func([]byte, int) int { return at })
		n, err := dec.Decode()
		if err != nil || network.Joined(dec) != split {
			t.Fatalf("Decode() = %v, split taken %v", err, network.Joined(dec))
		}
		before := encode(t, n)
		for i := range doc {
			doc[i] = 'x'
		}
		if after := encode(t, n); !bytes.Equal(before, after) {
			t.Errorf("split %v: the network changed with the document", split)
		}
	}
}

// TestSplitReportsRarenet11Fields checks that a rarenet/1.1 field in the
// helper's part of a rarenet/1 document is reported as the stream reports
// it, at the centre's index in the whole list.
func TestSplitReportsRarenet11Fields(t *testing.T) {
	doc := []byte(edit(t, `"tier": "competence", "group": 12, "team": "hus-ophtalmo",`,
		`"tier": "competence", "group": 12, "team": "hus-ophtalmo", "attached_to": ["crmr-exemple"],`))
	at := bytes.Index(doc, []byte(`{"id": "ccmr-exemple"`))
	_, want := network.Decode(bytes.NewReader(doc))
	if want == nil || !strings.Contains(want.Error(), "centres[1]") {
		t.Fatalf("Decode() as a stream = %v, want an error on centres[1]", want)
	}
	dec := network.SplitAt(network.NewBytesDecoder(doc), func([]byte, int) int { return at })
	_, got := dec.Decode()
	if got == nil || got.Error() != want.Error() {
		t.Errorf("Decode() split at the second centre = %v\nas a stream: %v", got, want)
	}
	if !network.Joined(dec) {
		t.Errorf("the helper's work was not taken")
	}
}

// TestSplitReadsTheRest splits base at its second centre, the helper
// reading on after the list of centres, in documents whose members after
// it are plain, or hold what the decoder must see for itself (a member
// seen twice, the format, rarenet/1.1 fields, a problem): the result is
// always the stream's, and the helper's reading of the rest is taken only
// when it is plain.
func TestSplitReadsTheRest(t *testing.T) {
	const last = `"platforms": [{"id": "pemr-exemple", "name": "Plateforme exemple", "host": "hex", "overseas": false}]}`
	const sector = `"filieres": [{"id": "SENSGENE", "name": "Maladies rares sensorielles", "host": "hus", "groups": [12], "members": ["crmr-exemple"]}]`
	for _, c := range []struct {
		name  string
		edits []string
		rest  bool // the helper's reading of the rest is taken
	}{
		{"plain", nil, true},
		{"format last", []string{`{"format": "rarenet/1",`, `{`, last, strings.TrimSuffix(last, "}") + `, "format": "rarenet/1"}`}, true},
		{"format twice", []string{last, strings.TrimSuffix(last, "}") + `, "format": "rarenet/1"}`}, false},
		{"teams twice", []string{last, strings.TrimSuffix(last, "}") + `, "teams": []}`}, false},
		{"centres twice", []string{last, strings.TrimSuffix(last, "}") + `, "centres": []}`}, false},
		{"a rarenet/1.1 field after", []string{sector, strings.Replace(sector, `"groups"`, `"since": "2014-01-01", "groups"`, 1)}, true},
		{"a problem after", []string{sector, strings.Replace(sector, `"groups"`, `"since": "2014-01-01", "nope": 1, "groups"`, 1)}, false},
		{"rarenet/1.1, format last", []string{`{"format": "rarenet/1",`, `{`, last, strings.TrimSuffix(last, "}") + `, "format": "rarenet/1.1"}`,
			sector, strings.Replace(sector, `"groups"`, `"since": "2014-01-01", "groups"`, 1)}, true},
		{"rarenet/1, format last, a rarenet/1.1 field after", []string{`{"format": "rarenet/1",`, `{`, last, strings.TrimSuffix(last, "}") + `, "format": "rarenet/1"}`,
			sector, strings.Replace(sector, `"groups"`, `"since": "2014-01-01", "groups"`, 1)}, true},
		{"an unknown member after", []string{last, strings.TrimSuffix(last, "}") + `, "x": 1}`}, false},
		{"garbage after", []string{last, last + `]`}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := []byte(edit(t, c.edits...))
			at := bytes.Index(doc, []byte(`{"id": "ccmr-exemple"`))
			stream := network.NewDecoder(bytes.NewReader(doc))
			stream.RecordPositions = true
			want, wantErr := stream.Decode()
			dec := network.SplitAt(network.NewBytesDecoder(doc), func([]byte, int) int { return at })
			dec.RecordPositions = true
			got, gotErr := dec.Decode()
			switch {
			case (wantErr == nil) != (gotErr == nil):
				t.Fatalf("Decode() split = %v; as a stream %v", gotErr, wantErr)
			case wantErr != nil:
				if gotErr.Error() != wantErr.Error() {
					t.Fatalf("Decode() split:\n%v\nas a stream:\n%v", gotErr, wantErr)
				}
			default:
				if diff := networkDiff(want, got); diff != "" {
					t.Fatalf("Decode() (-stream +split):\n%s", diff)
				}
				if !network.SamePositions(stream.Positions(), dec.Positions()) {
					t.Fatalf("positions differ from the stream's")
				}
			}
			if !network.Joined(dec) || network.JoinedAll(dec) != c.rest {
				t.Errorf("split taken %v, the rest taken %v; want true, %v", network.Joined(dec), network.JoinedAll(dec), c.rest)
			}
		})
	}
}

// sameErrors fails t unless decoding doc as a stream and in memory (split
// where at says, or not at all) give the same error, set by set.
func sameErrors(t *testing.T, doc []byte, at func([]byte, int) int, set func(*network.Decoder)) error {
	t.Helper()
	stream := network.NewDecoder(bytes.NewReader(doc))
	set(stream)
	_, want := stream.Decode()
	mem := network.NewBytesDecoder(doc)
	if at != nil {
		mem = network.SplitAt(mem, at)
	}
	set(mem)
	_, got := mem.Decode()
	if (want == nil) != (got == nil) || want != nil && want.Error() != got.Error() {
		t.Errorf("Decode() in memory:\n%v\nas a stream:\n%v", got, want)
	}
	return want
}

// TestDecodeBytesLimitsAsAStream checks the limits of a Decoder on
// documents larger than a stream's buffer: a document past the limit on
// documents is refused where it passes it, with the problems found
// before; a string past the limit on values, where it passes it, whatever
// follows.
func TestDecodeBytesLimitsAsAStream(t *testing.T) {
	doc := encode(t, networktest.Scale(300, 1, 0))
	i := bytes.Index(doc, []byte(`"centres"`))
	i += bytes.Index(doc[i:], []byte(`"id"`))
	doc = slices.Concat(doc[:i], []byte(`"nope": 1, `), doc[i:]) // a problem early
	for _, limit := range []int64{int64(len(doc)) - 1000, int64(len(doc)) / 2, 70_000} {
		err := sameErrors(t, doc, nil, func(d *network.Decoder) { d.MaxDocumentBytes = limit })
		if err == nil || !strings.Contains(err.Error(), `unknown field "nope"`) || !strings.Contains(err.Error(), "larger than the limit") {
			t.Errorf("limit %d: Decode() = %v, want the problem and the limit", limit, err)
		}
	}
	long := []byte(edit(t, `"city": "Paris"`, `"city": "`+strings.Repeat("y", 70_000)+"\x01"+`"`))
	err := sameErrors(t, long, nil, func(d *network.Decoder) { d.MaxValueBytes = 1000 })
	if err == nil || !strings.Contains(err.Error(), "longer than the limit of 1000 bytes") {
		t.Errorf("Decode() = %v, want the limit on values", err)
	}
}

// TestNullListIsAbsent checks that an optional list written null is
// absent, whatever problems came before it, split or not: the Builder
// checks the rest (it skipped them after an earlier problem).
func TestNullListIsAbsent(t *testing.T) {
	const conv = `"conventions": [{"id": "conv-1", "reference": ["crmr-exemple"], "competence": "ccmr-exemple", "signed": "2018-01-10", "start": "2018-01-10", "end": null, "signatories": ["crmr-exemple"]}],`
	problems := []string{`"scope": "national", "team": "hex-genetique",`, `"scope": "national", "team": "hex-genetique", "nope": 1,`,
		`"group": 12, "team": "hus-ophtalmo",`, `"group": 12, "team": "no-such-team",`}
	null := []byte(edit(t, append(problems, conv, `"conventions": null,`)...))
	absent := []byte(edit(t, append(problems, conv, ``)...))
	at := bytes.Index(null, []byte(`{"id": "ccmr-exemple"`))
	got := sameErrors(t, null, func([]byte, int) int { return at }, func(*network.Decoder) {})
	_, want := network.Decode(bytes.NewReader(absent))
	if got == nil || want == nil || got.Error() != want.Error() || !strings.Contains(got.Error(), "no-such-team") {
		t.Errorf("Decode() with conventions null:\n%v\nwithout conventions:\n%v", got, want)
	}
}

// TestDecodeBytesNil checks that a nil document is an empty one.
func TestDecodeBytesNil(t *testing.T) {
	_, want := network.Decode(bytes.NewReader(nil))
	for _, doc := range [][]byte{nil, {}} {
		if _, err := network.DecodeBytes(doc); err == nil || err.Error() != want.Error() {
			t.Errorf("DecodeBytes(%#v) = %v, want %v", doc, err, want)
		}
	}
}
