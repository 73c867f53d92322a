package labelling_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"pgregory.net/rapid"
)

// days returns every day of w, for day-by-day oracles.
func days(w labelling.Window) []labelling.Date {
	var ds []labelling.Date
	for d := w.Start(); d.Before(w.End()); d = d.AddDays(1) {
		ds = append(ds, d)
	}
	return ds
}

func TestWindowAlgebra(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWindow().Draw(t, "w")
		v := genWindow().Draw(t, "v")
		d := genNear().Draw(t, "d")
		x := w.Intersect(v)
		if x != v.Intersect(w) {
			t.Fatalf("%v.Intersect(%v) = %v, but the reverse is %v", w, v, x, v.Intersect(w))
		}
		if w.Overlaps(v) != !x.IsEmpty() || w.Overlaps(v) != v.Overlaps(w) {
			t.Fatalf("%v.Overlaps(%v) = %v, Intersect = %v", w, v, w.Overlaps(v), x)
		}
		if got, want := x.Contains(d), w.Contains(d) && v.Contains(d); got != want {
			t.Fatalf("%v ∩ %v = %v; Contains(%v) = %v, want %v", w, v, x, d, got, want)
		}
		if !w.ContainsWindow(x) || !v.ContainsWindow(x) {
			t.Fatalf("%v ∩ %v = %v is not contained in both", w, v, x)
		}
		if w.Days() != w.End().Sub(w.Start()) || !w.Contains(w.Start()) || w.Contains(w.End()) {
			t.Fatalf("%v: not half-open, or Days() = %d", w, w.Days())
		}
		if w.Overlaps(v) != (w.Contains(v.Start()) || v.Contains(w.Start())) {
			t.Fatalf("%v.Overlaps(%v) = %v disagrees with Contains of the starts", w, v, w.Overlaps(v))
		}
		if got, want := w.ContainsWindow(v), w.Intersect(v) == v; got != want {
			t.Fatalf("%v.ContainsWindow(%v) = %v, want %v", w, v, got, want)
		}
		if c := w.Compare(v); c != -v.Compare(w) || (c == 0) != (w == v) {
			t.Fatalf("%v.Compare(%v) = %d inconsistent", w, v, c)
		}
	})
}

func TestWindowYears(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWindow().Draw(t, "w")
		// Day-by-day oracle: a year is whole when all of its days are in w.
		count := map[int]int{}
		for _, d := range days(w) {
			count[d.Year()]++
		}
		var want []int
		for y := w.Start().Year(); y <= w.End().Year(); y++ {
			whole := count[y] == labelling.YearWindow(y).Days()
			if whole {
				want = append(want, y)
			}
			if got := w.CoversYear(y); got != whole {
				t.Fatalf("%v.CoversYear(%d) = %v, want %v", w, y, got, whole)
			}
		}
		if got := slices.Collect(w.WholeYears()); !slices.Equal(got, want) {
			t.Fatalf("%v.WholeYears() = %v, want %v", w, got, want)
		}
	})
}

func TestNewWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genDate().Draw(t, "s")
		e := genDate().Draw(t, "e")
		w, err := labelling.NewWindow(s, e)
		if e.After(s) {
			if err != nil || w.Start() != s || w.End() != e {
				t.Fatalf("NewWindow(%v, %v) = %v, %v", s, e, w, err)
			}
			return
		}
		if !errors.Is(err, labelling.ErrEmptyWindow) || w != (labelling.Window{}) {
			t.Fatalf("NewWindow(%v, %v) = %v, %v, want ErrEmptyWindow", s, e, w, err)
		}
	})
	d := labelling.MustParseDate("2017-11-25")
	for _, c := range [][2]labelling.Date{{{}, d}, {d, {}}} {
		if _, err := labelling.NewWindow(c[0], c[1]); err == nil {
			t.Errorf("NewWindow(%v, %v) succeeded, want an error", c[0], c[1])
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustWindow(d, d) did not panic")
		}
	}()
	labelling.MustWindow(d, d)
}

func TestWindowEdges(t *testing.T) {
	var z labelling.Window
	d := labelling.MustParseDate("2017-11-25")
	w := labelling.MustWindow(d, d.AddDate(5, 0, 0))
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"zero IsEmpty", z.IsEmpty(), true},
		{"zero Contains", z.Contains(d), false},
		{"zero Days", z.Days(), 0},
		{"zero String", z.String(), "[)"},
		{"zero Overlaps", z.Overlaps(w), false},
		{"w ContainsWindow zero", w.ContainsWindow(z), true},
		{"zero ContainsWindow w", z.ContainsWindow(w), false},
		{"zero WholeYears", slices.Collect(z.WholeYears()), []int(nil)},
		{"String", w.String(), "[2017-11-25, 2022-11-25)"},
		{"Days", w.Days(), 1826},
		{"WholeYears", slices.Collect(w.WholeYears()), []int{2018, 2019, 2020, 2021}},
		{"YearWindow(2008)", labelling.YearWindow(2008).Days(), 366},
		{"YearWindow(9999) empty", labelling.YearWindow(labelling.MaxYear).IsEmpty(), true},
		{"YearWindow(0) empty", labelling.YearWindow(0).IsEmpty(), true},
		{"CoversYear(0)", w.CoversYear(0), false},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestYearWindowAllYears checks YearWindow's arithmetic against time.Date
// for every year it accepts.
func TestYearWindowAllYears(t *testing.T) {
	for y := labelling.MinYear; y < labelling.MaxYear; y++ {
		w := labelling.YearWindow(y)
		start := labelling.DateOf(time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC))
		end := labelling.DateOf(time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC))
		if w.Start() != start || w.End() != end {
			t.Fatalf("YearWindow(%d) = %v, want [%v, %v)", y, w, start, end)
		}
	}
}
