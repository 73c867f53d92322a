package network_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network"
)

// FuzzDecode feeds Decode arbitrary documents, seeded with the testdata
// documents, edits of the base document (rarenet/1 and rarenet/1.1) and
// the hostile inputs of issue 14. Decode must never panic, must
// return either a network or an error (holding a *FieldError unless it
// is a read error), and what it accepts must be JSON that round-trips:
// Decode(Encode(n)) equals n and Encode is stable.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(base))
	for _, e := range [][2]string{
		{`"rarenet/1"`, `"rarenet/2"`},
		{`"group": 12, "scope"`, `"group": "12", "scope"`},
		{`"2017-11-25", "end"`, `"2017-13-01", "end"`},
		{`"until": "2024-01-01", `, ``},
		{`"team": "hus-ophtalmo"`, `"team": "nowhere"`},
		{`"Paris"`, `"Pa\u00e9\ud83c\udfe5ris\n"`},
		{`48.85`, `-1.5e-7`},
		{`"750712184"`, `"2A0012340"`},
		// Issue 14: NUL between tokens and in a string (row 6), a number
		// and a string far longer than a value may be (rows 4, 5),
		// escaped lone surrogates in IDs (row 11), control characters.
		{`"city": "Paris"`, "\"city\":\x00\"Paris\"\x00"},
		{`"Paris"`, "\"Pa\x00ris\""},
		{`"group": 12, "scope"`, `"group": ` + strings.Repeat("1", 5000) + `, "scope"`},
		{`"Paris"`, `"` + strings.Repeat("é", 5000) + `"`},
		{`{"id": "hus", `, `{"id": "chu-\ud800", `},
		{`{"id": "hus", `, `{"id": "chu-\udc00\ud800", `},
		{`"Paris"`, `"Par\u0085is\n"`},
		{`"Paris"`, "\"Par\u0085is\x7f\""},
	} {
		f.Add([]byte(strings.Replace(base, e[0], e[1], 1)))
	}
	// rarenet/1.1, and its fields in a rarenet/1 document.
	f.Add([]byte(base11(f)))
	f.Add([]byte(strings.Replace(base11(f), `"rarenet/1.1"`, `"rarenet/1"`, 1)))
	f.Add([]byte(base11(f, `"attached_to": ["crmr-exemple"]`, `"attached_to": ["ccmr-exemple", null, 7]`)))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"format": "rarenet/1", "establishments": [], "teams": [], "centres": []}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		n, err := network.Decode(bytes.NewReader(doc))
		if err != nil {
			if n != nil {
				t.Fatalf("Decode() returned a network with its error %v", err)
			}
			var fe *network.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode() error holds no *FieldError: %v", err)
			}
			if err.Error() == "" {
				t.Fatalf("Decode() error has an empty message")
			}
			return
		}
		if n == nil {
			t.Fatalf("Decode() = nil, nil")
		}
		if !json.Valid(doc) {
			t.Fatalf("Decode() accepted a document that encoding/json finds invalid: %q", doc)
		}
		checkRoundTrip(t, n)
	})
}
