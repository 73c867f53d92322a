package network_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rarenet/rarenet/network"
)

func decodeExample(t *testing.T, edit func(string) string) (*network.Network, error) {
	t.Helper()
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	return network.Decode(strings.NewReader(edit(string(b))))
}

// TestDecodeRefusesEmptyEnums: enumerations marshal their zero value (not
// set) as empty text and read it back, but a document spells "not set" by
// leaving the field out, so an empty string is an error there.
func TestDecodeRefusesEmptyEnums(t *testing.T) {
	for _, tc := range []struct{ old, new string }{
		{`"tier": "reference"`, `"tier": ""`},
		{`"role": "coordinating"`, `"role": ""`},
		{`"scope": "national"`, `"scope": ""`},
		{`"tier": "reference"`, `"tier": "reference", "kind": ""`},
		{`"mark": "inferred"`, `"mark": ""`},
		{`"kind": "arrete"`, `"kind": ""`},
		{`"kind": "evaluation"`, `"kind": ""`},
		{`"route": "listed"`, `"route": ""`},
	} {
		_, err := decodeExample(t, func(s string) string {
			if !strings.Contains(s, tc.old) {
				t.Fatalf("testdata/example.json has no %s", tc.old)
			}
			return strings.Replace(s, tc.old, tc.new, 1)
		})
		if !errors.Is(err, network.ErrInvalid) {
			t.Errorf("Decode(%s) = %v, want ErrInvalid", tc.new, err)
		}
	}
}

// TestEntityJSON checks that entities marshal with the names of the
// document, their provenance flattened and what is not set left out.
func TestEntityJSON(t *testing.T) {
	n, err := decodeExample(t, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	c, ok := n.Centre("ccmr-exemple")
	if !ok {
		t.Fatal("no centre ccmr-exemple")
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("json.Marshal(competence centre): %v", err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	want := []string{"activity", "diseases", "group", "id", "kind", "labels", "name", "scope", "team", "tier"}
	if diff := cmp.Diff(want, keys, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("json.Marshal(%s) keys mismatch (-want +got):\n%s\n%s", c.ID, diff, b)
	}
	label := got["labels"].([]any)[0].(map[string]any)
	if label["start"] != "2008-02-01" || label["mark"] != "inferred" || label["designation"].(map[string]any)["cncl_opinion"] != "2007-09-28" {
		t.Errorf("json.Marshal(%s) label 0 = %v", c.ID, label)
	}

	e, _ := n.Establishment("hex")
	e.Location = network.Location{Lat: 48.5, Lon: 2.25, Known: true}
	e.Provenance.Source = "x.csv"
	b, err = json.Marshal(e)
	if want := `{"id":"hex","finess":"750001018","name":"Hôpital exemple","city":"Paris","region":"11","lat":48.5,"lon":2.25,"source":"x.csv"}`; err != nil || string(b) != want {
		t.Errorf("json.Marshal(establishment) = %s, %v, want %s", b, err, want)
	}
}
