package activefile

import (
	"math"
	"testing"
)

// TestConsultationsCarry drives a count past what 32 bits hold.
func TestConsultationsCarry(t *testing.T) {
	var c Counter
	ref, _ := c.CentreRef("c")
	p, _ := PatientKeyOf("p")
	c.add(Key{Patient: p, Centre: ref, Year: 2019})
	a := &c.centres[ref]
	off := 2019 - a.base
	a.cons[off] = math.MaxUint32 - 2
	for range 5 {
		c.add(Key{Patient: p, Centre: ref, Year: 2019})
	}
	var d Counter
	d.Merge(&c)
	d.Merge(&c)
	const want = math.MaxUint32 - 2 + 5
	for _, tc := range []struct {
		name string
		c    *Counter
		want int
	}{{"counted", &c, want}, {"merged twice", &d, 2 * want}} {
		got, ok := tc.c.Result().Activity("c", 2019)
		if !ok || got.Consultations != tc.want || got.Patients != 1 || got.NewPatients != 1 {
			t.Errorf("%s: Activity(c, 2019) = %+v, %v; want %d consultations, 1 patient, 1 new", tc.name, got, ok, tc.want)
		}
	}
}
