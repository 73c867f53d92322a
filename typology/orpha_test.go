package typology_test

import (
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/typology"
)

func TestORPHAcodeRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := typology.ORPHAcode(rapid.Uint32Min(1).Draw(t, "c"))
		if !c.IsValid() {
			t.Fatalf("%v.IsValid() = false", c)
		}
		for _, in := range []string{
			c.String(),
			strconv.FormatUint(uint64(c), 10),
			"orpha:" + strconv.FormatUint(uint64(c), 10),
			" Orpha:" + strconv.FormatUint(uint64(c), 10) + "\t",
		} {
			if got, err := typology.ParseORPHAcode(in); err != nil || got != c {
				t.Fatalf("ParseORPHAcode(%q) = %v, %v, want %v", in, got, err, c)
			}
		}
	})
}

func TestORPHAcode(t *testing.T) {
	if got := typology.ORPHAcode(791).String(); got != "ORPHA:791" {
		t.Errorf("ORPHAcode(791).String() = %q, want %q", got, "ORPHA:791")
	}
	var zero typology.ORPHAcode
	if zero.IsValid() {
		t.Errorf("zero ORPHAcode IsValid() = true, want false")
	}
	for _, in := range []string{"0", "ORPHA:0", "000", "-791", "+791", "ORPHA:-1", "ORPHA:", "ORPHA791", "ORPHA: 791",
		"79 1", "0x1f", "1_000", "4294967296", "99999999999999999999", "791a", "", "ORPHA", "orphanet:791", "٧٩١"} {
		if got, err := typology.ParseORPHAcode(in); err == nil {
			t.Errorf("ParseORPHAcode(%q) = %v, want error", in, got)
		}
	}
	if got, err := typology.ParseORPHAcode("4294967295"); err != nil || got != 4294967295 {
		t.Errorf("ParseORPHAcode(max uint32) = %v, %v", got, err)
	}
}

func TestDiseaseKey(t *testing.T) {
	tests := []struct {
		d    typology.Disease
		want string
	}{
		{typology.Disease{Orpha: 791, Name: "Rétinite pigmentaire"}, "ORPHA:791"},
		{typology.Disease{Orpha: 791, Name: "Retinitis pigmentosa", Prevalence: typology.Prevalence1To5Per10000}, "ORPHA:791"},
		{typology.Disease{Name: "Rétinite pigmentaire"}, "name:Rétinite pigmentaire"},
		{typology.Disease{Name: "rétinite pigmentaire "}, "name:rétinite pigmentaire "},
		{typology.Disease{}, "name:"},
	}
	for _, tt := range tests {
		if got := tt.d.Key(); got != tt.want {
			t.Errorf("%+v.Key() = %q, want %q", tt.d, got, tt.want)
		}
	}
	// A code and a name that spells like a key never collide.
	a := typology.Disease{Orpha: 791}
	b := typology.Disease{Name: "ORPHA:791"}
	if a.Key() == b.Key() {
		t.Errorf("Key() collides: %q for %+v and %+v", a.Key(), a, b)
	}
}
