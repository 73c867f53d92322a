package tally

import (
	"math"
	"math/bits"
	"testing"
)

// TestConsultationsCarry drives a count past what 32 bits hold.
func TestConsultationsCarry(t *testing.T) {
	if bits.UintSize < 64 {
		t.Skip("counts past 2^32 need a 64-bit int")
	}
	var s Set
	s.Grow()
	const p = 12345
	s.Add(0, p, 2019)
	a := &s.centres[0]
	a.cons[2019-a.base] = math.MaxUint32 - 2
	for range 5 {
		s.Add(0, p, 2019)
	}
	var d Set
	d.Grow()
	d.Merge(0, &s, 0)
	d.Merge(0, &s, 0)
	const want = math.MaxUint32 - 2 + 5
	for _, tc := range []struct {
		name string
		s    *Set
		want int64
	}{{"counted", &s, want}, {"merged twice", &d, 2 * want}} {
		got := tc.s.Activity(0)
		if len(got) != 1 || got[0].Year != 2019 || int64(got[0].Consultations) != tc.want || got[0].Patients != 1 || got[0].NewPatients != 1 {
			t.Errorf("%s: Activity(0) = %+v; want 2019 with %d consultations, 1 patient, 1 new", tc.name, got, tc.want)
		}
	}
}
