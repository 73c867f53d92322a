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

// FuzzParseFINESS checks that ParseFINESS never panics, that what it
// accepts is 9 characters that print back unchanged, and that its errors
// quote the input.
func FuzzParseFINESS(f *testing.F) {
	for _, s := range []string{"750712184", "750100208", "670780055", "2A0012340", "2B0045678", "971123450", "976543215",
		"750712185", "200000000", "2C0000000", "977000000", "75071218", "7507121840", "", "75O712184"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fi, err := network.ParseFINESS(s)
		if err != nil {
			var fe *network.FINESSError
			if !errors.As(err, &fe) || fe.Input != s {
				t.Fatalf("ParseFINESS(%q) error = %#v, want a *FINESSError with the input", s, err)
			}
			if !strings.Contains(err.Error(), quote(s)) {
				t.Fatalf("ParseFINESS(%q) error %q does not quote the input", s, err)
			}
			if !fi.IsZero() {
				t.Fatalf("ParseFINESS(%q) = %v with an error, want the zero FINESS", s, fi)
			}
			return
		}
		if len(s) != 9 || fi.String() != s || fi.IsZero() {
			t.Fatalf("ParseFINESS(%q) = %q", s, fi)
		}
		dep := fi.Department()
		if !strings.HasPrefix(s, dep) || (len(dep) != 2 && len(dep) != 3) {
			t.Fatalf("ParseFINESS(%q).Department() = %q", s, dep)
		}
		var back network.FINESS
		if err := back.UnmarshalText([]byte(s)); err != nil || back != fi {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, back, err, fi)
		}
	})
}
