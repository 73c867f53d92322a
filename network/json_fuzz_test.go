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
// documents and edits of the base document. Decode must never panic, must
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
	} {
		f.Add([]byte(strings.Replace(base, e[0], e[1], 1)))
	}
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
