package analysis_test

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network/analysis"
)

// FuzzReadCentreList checks that any input gives either a list or errors
// that are all *ListError with a line, never a panic, and that every row
// of a list read has its required fields.
func FuzzReadCentreList(f *testing.F) {
	if b, err := os.ReadFile("testdata/centres.csv"); err == nil {
		f.Add(string(b[:min(len(b), 3000)]))
	}
	f.Add("centre,hospital,role\nCRMR x,CHU y,constitutif\n")
	f.Add("\ufeffnom;hopital\n")
	f.Add("centre,hospital,role,group\n\"a\nb\",c,crc,12\nx,y,z,99\n")
	f.Fuzz(func(t *testing.T, in string) {
		list, err := analysis.ReadCentreList(strings.NewReader(in))
		if err != nil {
			if list != nil {
				t.Fatalf("a list and an error: %v", err)
			}
			var le *analysis.ListError
			if !errors.As(err, &le) && !strings.HasPrefix(err.Error(), "analysis: centre list: ") {
				t.Fatalf("error is not a ListError: %v", err)
			}
			return
		}
		for _, c := range list {
			if c.Name == "" || c.Hospital == "" || !c.Tier.IsValid() || c.Line < 2 {
				t.Fatalf("row read without its required fields: %+v", c)
			}
		}
	})
}

// FuzzParseText checks the small text parsers of the package: marks,
// breakdowns and kinds of change are read back from what they print, and
// an error quotes at most 60 characters of the input.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{"verified,inferred", "", " derived ", "tier", "sector", "granted", "ended", "x,verified", strings.Repeat("é", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		long := len([]rune(s)) > 60
		check := func(what string, err error) {
			if err != nil && long && strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("%s: the error quotes the whole of a long input: %v", what, err)
			}
		}
		if ms, err := analysis.ParseMarks(s); err == nil {
			var names []string
			for _, m := range ms {
				names = append(names, m.String())
			}
			again, err := analysis.ParseMarks(strings.Join(names, ","))
			if err != nil || !slices.Equal(ms, again) {
				t.Fatalf("ParseMarks(%q) = %v, read back %v, %v", s, ms, again, err)
			}
		} else {
			check("ParseMarks", err)
		}
		if b, err := analysis.ParseBreakdown(s); err == nil {
			if b.String() != s {
				t.Fatalf("ParseBreakdown(%q) = %v", s, b)
			}
		} else {
			check("ParseBreakdown", err)
		}
		var k analysis.ChangeKind
		if err := k.UnmarshalText([]byte(s)); err == nil {
			if b, err := k.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("ChangeKind %q marshals back as %q, %v", s, b, err)
			}
		} else {
			check("ChangeKind", err)
		}
		var p analysis.Point
		if err := json.Unmarshal([]byte(s), &p); err == nil {
			if _, err := json.Marshal(p); err != nil {
				t.Fatalf("Point read from %q does not marshal: %v", s, err)
			}
		}
	})
}
