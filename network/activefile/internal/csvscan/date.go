package csvscan

import (
	"time"

	"github.com/rarenet/rarenet/labelling"
)

// ParseYear parses a date written strictly YYYY-MM-DD, naming a day that
// exists in a year from lo to hi, and returns its year.
func ParseYear(b []byte, lo, hi int32) (int32, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0, false
	}
	var v [8]int32
	for i, k := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		c := b[k] - '0'
		if c > 9 {
			return 0, false
		}
		v[i] = int32(c)
	}
	y := v[0]*1000 + v[1]*100 + v[2]*10 + v[3]
	m := v[4]*10 + v[5]
	d := v[6]*10 + v[7]
	if y < lo || y > hi || m < 1 || m > 12 || d < 1 || int(d) > labelling.DaysIn(int(y), time.Month(m)) {
		return 0, false
	}
	return y, true
}
