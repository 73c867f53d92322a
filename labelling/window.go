package labelling

import (
	"errors"
	"fmt"
	"iter"
)

// A Window is a half-open span of calendar days [Start, End): Start is the
// first day covered and End the first day no longer covered, so five years
// from 2017-11-25 is [2017-11-25, 2022-11-25), and a label ending on the day
// the next one starts leaves no gap and no overlap.
//
// Window is a small comparable value. The zero Window is empty: it contains
// no day and overlaps nothing.
type Window struct {
	start, end Date
}

// ErrEmptyWindow is returned (wrapped) by [NewWindow] when end is not after
// start.
var ErrEmptyWindow = errors.New("labelling: window end is not after its start")

// NewWindow returns the window [start, end). It fails when either date is
// the zero Date or when end is not after start: a window must cover at least
// one day. The error wraps [ErrEmptyWindow] in the latter case.
func NewWindow(start, end Date) (Window, error) {
	switch {
	case start.IsZero():
		return Window{}, errors.New("labelling: window start is missing")
	case end.IsZero():
		return Window{}, errors.New("labelling: window end is missing")
	case !end.After(start):
		return Window{}, fmt.Errorf("%w: [%v, %v)", ErrEmptyWindow, start, end)
	}
	return Window{start, end}, nil
}

// MustWindow is like [NewWindow] but panics on error. It is meant for tests
// and package variables.
func MustWindow(start, end Date) Window {
	w, err := NewWindow(start, end)
	if err != nil {
		panic(err)
	}
	return w
}

// YearWindow returns the window covering calendar year y,
// [y-01-01, (y+1)-01-01). It is empty when y is out of range.
func YearWindow(y int) Window {
	if y < MinYear || y >= MaxYear {
		return Window{}
	}
	return Window{jan1(y), jan1(y + 1)}
}

// jan1 returns 1 January of year y, for y in [MinYear, MaxYear]: the days
// of the years before y, leap days included. It is what YearWindow costs,
// and the rules call YearWindow per centre and year.
func jan1(y int) Date {
	p := y - 1
	return Date{n: int32(365*p+p/4-p/100+p/400) + 1}
}

// Start returns the first day of w (the zero Date when w is empty).
func (w Window) Start() Date { return w.start }

// End returns the first day after w (the zero Date when w is empty).
func (w Window) End() Date { return w.end }

// IsEmpty reports whether w covers no day.
func (w Window) IsEmpty() bool { return !w.end.After(w.start) }

// Contains reports whether d lies in w: Start <= d < End.
func (w Window) Contains(d Date) bool {
	return !w.IsEmpty() && !d.Before(w.start) && d.Before(w.end)
}

// Overlaps reports whether w and v share at least one day.
func (w Window) Overlaps(v Window) bool { return !w.Intersect(v).IsEmpty() }

// Intersect returns the days w and v have in common: the zero (empty)
// Window when they share none.
func (w Window) Intersect(v Window) Window {
	if w.IsEmpty() || v.IsEmpty() {
		return Window{}
	}
	s, e := w.start, w.end
	if v.start.After(s) {
		s = v.start
	}
	if v.end.Before(e) {
		e = v.end
	}
	if !e.After(s) {
		return Window{}
	}
	return Window{s, e}
}

// ContainsWindow reports whether every day of v lies in w. An empty v is
// contained in every window.
func (w Window) ContainsWindow(v Window) bool {
	if v.IsEmpty() {
		return true
	}
	return !w.IsEmpty() && !v.start.Before(w.start) && !v.end.After(w.end)
}

// Days returns the number of days in w (0 when empty).
func (w Window) Days() int {
	if w.IsEmpty() {
		return 0
	}
	return w.end.Sub(w.start)
}

// CoversYear reports whether w contains every day of calendar year y.
func (w Window) CoversYear(y int) bool {
	yw := YearWindow(y)
	return !yw.IsEmpty() && w.ContainsWindow(yw)
}

// WholeYears yields, in increasing order, the calendar years every day of
// which lies in w.
func (w Window) WholeYears() iter.Seq[int] {
	return func(yield func(int) bool) {
		if w.IsEmpty() {
			return
		}
		first := w.start.Year()
		if w.start != MakeDate(first, 1, 1) {
			first++
		}
		last := w.end.Year() - 1 // the year before End's year ends before End
		for y := first; y <= last; y++ {
			if !yield(y) {
				return
			}
		}
	}
}

// Compare orders windows by start, then end; the empty window sorts first.
func (w Window) Compare(v Window) int {
	if c := w.start.Compare(v.start); c != 0 {
		return c
	}
	return w.end.Compare(v.end)
}

// String returns w as "[2017-11-25, 2022-11-25)", or "[)" when empty.
func (w Window) String() string {
	if w.IsEmpty() {
		return "[)"
	}
	return "[" + w.start.String() + ", " + w.end.String() + ")"
}

// Equal reports whether w and v are the same window (w == v); it lets
// go-cmp compare Windows without reaching into them.
func (w Window) Equal(v Window) bool { return w == v }
