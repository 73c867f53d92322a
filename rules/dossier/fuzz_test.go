package dossier_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/rules/dossier"
)

// FuzzDecode feeds Decode arbitrary input: it never panics, and what it
// accepts encodes, decodes back to the same file and can be checked.
func FuzzDecode(f *testing.F) {
	data, err := os.ReadFile("testdata/complete.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(minimal + `}`))
	f.Add([]byte(minimal + `, "centre": {"activity": [{"year": 2005, "consultations": 1, "patients": 1, "new_patients": 0}]}, "convention": {"reference": ["a"], "competence": "b", "group": 3, "start": "2008-01-01"}}`))
	f.Add([]byte(`{"format": "rarenet-dossier/1", "group": 1e1, "team": null}`))
	f.Add([]byte(`[[[[{"a": "\ud800"}]]]]`))
	// Rows 14 and 15 of the hostile-input table: long numbers, invalid
	// text.
	f.Add([]byte(minimal + `, "centre": {"catchment": {"scope": "regional", "farthest_km": ` + strings.Repeat("9", 200) + `}}}`))
	f.Add([]byte(strings.Replace(minimal, `"team-x"`, "\"team-\xff\"", 1) + `}`))
	f.Add([]byte(strings.Replace(minimal, `"ccmr-x"`, `"ccmr-\udc00\ud83d\ude00"`, 1) + `}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		file, err := dossier.Decode(bytes.NewReader(in))
		if err != nil {
			if err.Error() == "" {
				t.Errorf("Decode(%q) returned an empty error", in)
			}
			// Every error is bounded: values are cut, whatever their size.
			for _, e := range unjoin(err) {
				if len(e.Error()) > 4096 {
					t.Errorf("Decode(%q) error of %d bytes: %.200s", in, len(e.Error()), e)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := dossier.Encode(&buf, file); err != nil {
			t.Fatalf("Encode(Decode(%q)) = %v", in, err)
		}
		again, err := dossier.Decode(&buf)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(%q))) = %v", in, err)
		}
		if diff := cmp.Diff(file, again, equateFiles); diff != "" {
			t.Fatalf("round trip of %q mismatch (-want +got):\n%s", in, diff)
		}
		_ = dossier.Check(file, nil)
	})
}
