package labelling_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"pgregory.net/rapid"
)

func TestParseDateRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDate().Draw(t, "d")
		got, err := labelling.ParseDate(d.String())
		if err != nil || got != d {
			t.Fatalf("ParseDate(%q) = %v, %v, want %v, nil", d.String(), got, err, d)
		}
	})
}

func TestDateAgreesWithTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDate().Draw(t, "d")
		e := genDate().Draw(t, "e")
		if got, want := d.Compare(e), d.Time().Compare(e.Time()); got != want {
			t.Fatalf("%v.Compare(%v) = %d, want %d (time.Time)", d, e, got, want)
		}
		if got, want := d.Sub(e), int((d.Time().Unix()-e.Time().Unix())/86400); got != want {
			t.Fatalf("%v.Sub(%v) = %d, want %d", d, e, got, want)
		}
		if d.Before(e) != (d.Compare(e) < 0) || d.After(e) != (d.Compare(e) > 0) || (d == e) != (d.Compare(e) == 0) {
			t.Fatalf("Before/After/== disagree with Compare for %v, %v", d, e)
		}
		if got := labelling.DateOf(d.Time()); got != d {
			t.Fatalf("DateOf(%v.Time()) = %v", d, got)
		}
		y, m, dd := d.Date()
		if d.Year() != y || d.Month() != m || d.Day() != dd || labelling.MakeDate(y, m, dd) != d {
			t.Fatalf("%v: Date() = %d, %v, %d; Year/Month/Day/MakeDate disagree", d, y, m, dd)
		}
	})
}

func TestDateOrderTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate().Draw(t, "a")
		b := genDate().Draw(t, "b")
		c := genDate().Draw(t, "c")
		if a.Compare(b) != -b.Compare(a) {
			t.Fatalf("Compare not antisymmetric on %v, %v", a, b)
		}
		if a.Compare(b) <= 0 && b.Compare(c) <= 0 && a.Compare(c) > 0 {
			t.Fatalf("Compare not transitive on %v, %v, %v", a, b, c)
		}
		if got := a.AddDays(b.Sub(a)); got != b {
			t.Fatalf("%v.AddDays(%v.Sub(%v)) = %v", a, b, a, got)
		}
	})
}

func TestAddDateAgreesWithTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDate().Draw(t, "d")
		years := rapid.IntRange(-200, 200).Draw(t, "years")
		months := rapid.IntRange(-2400, 2400).Draw(t, "months")
		days := rapid.IntRange(-100000, 100000).Draw(t, "days")
		got := d.AddDate(years, months, days)
		tt := d.Time().AddDate(years, months, days)
		want := labelling.Date{}
		if y := tt.Year(); y >= labelling.MinYear && y <= labelling.MaxYear {
			want = labelling.DateOf(tt)
		}
		if got != want {
			t.Fatalf("%v.AddDate(%d, %d, %d) = %v, want %v", d, years, months, days, got, want)
		}
		n := rapid.IntRange(-5000, 5000).Draw(t, "n")
		if got, want := d.AddDays(n), d.AddDate(0, 0, n); got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
		}
	})
}

func TestDateTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDate().Draw(t, "d")
		b, err := d.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText() error %v", d, err)
		}
		var got labelling.Date
		if err := got.UnmarshalText(b); err != nil || got != d {
			t.Fatalf("UnmarshalText(%q) = %v, %v, want %v", b, got, err, d)
		}
	})
}

func TestAddDate(t *testing.T) {
	tests := []struct {
		d                   string
		years, months, days int
		want                string
	}{
		{"2016-02-29", 5, 0, 0, "2021-03-01"},
		{"2017-11-25", 5, 0, 0, "2022-11-25"},
		{"2017-01-31", 0, 1, 0, "2017-03-03"},
		{"2020-02-29", 4, 0, 0, "2024-02-29"},
		{"2007-12-31", 0, 0, 1, "2008-01-01"},
		{"2008-03-01", 0, 0, -1, "2008-02-29"},
	}
	for _, tt := range tests {
		d := labelling.MustParseDate(tt.d)
		if got := d.AddDate(tt.years, tt.months, tt.days); got.String() != tt.want {
			t.Errorf("%v.AddDate(%d, %d, %d) = %v, want %v", d, tt.years, tt.months, tt.days, got, tt.want)
		}
	}
	if got := lastDay.AddDays(1); !got.IsZero() {
		t.Errorf("%v.AddDays(1) = %v, want the zero Date", lastDay, got)
	}
	if got := firstDay.AddDate(0, 0, -1); !got.IsZero() {
		t.Errorf("%v.AddDate(0, 0, -1) = %v, want the zero Date", firstDay, got)
	}
	if got := (labelling.Date{}).AddDate(1, 0, 0); !got.IsZero() {
		t.Errorf("Date{}.AddDate(1, 0, 0) = %v, want the zero Date", got)
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{
		"2017-13-01", "2017-02-30", "17-01-01", "", "2017-1-01", "２017-01-01",
		" 2017-01-01", "2017-01-01 ", "0000-01-01", "2017/01/01", "2017-00-10",
		"2017-01-00", "2019-02-29", "+017-01-01", "2017-01-3a",
	} {
		d, err := labelling.ParseDate(in)
		var pe *labelling.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseDate(%q) = %v, %v, want a *ParseError", in, d, err)
			continue
		}
		if pe.Input != in || pe.Type != "date" {
			t.Errorf("ParseDate(%q): ParseError{Type: %q, Input: %q}, want date, the input", in, pe.Type, pe.Input)
		}
		var u labelling.Date
		if err := u.UnmarshalText([]byte(in)); err == nil && in != "" {
			t.Errorf("UnmarshalText(%q) succeeded", in)
		}
	}
	if _, err := labelling.ParseDate("2020-02-29"); err != nil {
		t.Errorf("ParseDate(2020-02-29): %v", err)
	}
}

func TestZeroDate(t *testing.T) {
	var z labelling.Date
	if !z.IsZero() || z.String() != "(no date)" || !z.Time().IsZero() || z.Year() != 0 {
		t.Errorf("zero Date: IsZero %v, String %q, Time %v, Year %d", z.IsZero(), z, z.Time(), z.Year())
	}
	// The zero Date (no date) is empty text, and empty text reads back as
	// the zero Date.
	if b, err := z.MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("Date{}.MarshalText() = %q, %v, want empty text", b, err)
	}
	u := firstDay
	if err := u.UnmarshalText(nil); err != nil || !u.IsZero() {
		t.Errorf("UnmarshalText(\"\") = %v, %v, want the zero Date", u, err)
	}
	if z.Compare(firstDay) >= 0 {
		t.Error("the zero Date does not sort before 0001-01-01")
	}
	if got := labelling.DateOf(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)); !got.IsZero() {
		t.Errorf("DateOf(year 10000) = %v, want the zero Date", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseDate(bad) did not panic")
		}
	}()
	labelling.MustParseDate("bad")
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2017-11-25", "2016-02-29", "0001-01-01", "9999-12-31", "2017-13-01", "２017-01-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := labelling.ParseDate(s)
		if db, ok := labelling.ParseDateBytes([]byte(s)); ok != (err == nil) || db != d {
			t.Fatalf("ParseDateBytes(%q) = %v, %v; ParseDate gives %v, %v", s, db, ok, d, err)
		}
		if err != nil {
			var pe *labelling.ParseError
			if !errors.As(err, &pe) || pe.Input != s {
				t.Fatalf("ParseDate(%q) error %v is not a *ParseError quoting the input", s, err)
			}
			return
		}
		if d.IsZero() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %v, prints back as %q", s, d, d.String())
		}
	})
}

func TestParseDateBytesAllocs(t *testing.T) {
	b := []byte("2017-11-25")
	var d labelling.Date
	if n := testing.AllocsPerRun(100, func() { d, _ = labelling.ParseDateBytes(b) }); n != 0 {
		t.Errorf("ParseDateBytes allocates %v times", n)
	}
	if d != labelling.MustParseDate("2017-11-25") {
		t.Errorf("ParseDateBytes(%q) = %v", b, d)
	}
}

func TestDaysIn(t *testing.T) {
	for y := 1896; y <= 2104; y++ {
		for m := time.January; m <= time.December; m++ {
			want := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := labelling.DaysIn(y, m); got != want {
				t.Errorf("DaysIn(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
	if labelling.DaysIn(2020, 0) != 0 || labelling.DaysIn(2020, 13) != 0 {
		t.Errorf("DaysIn of a month out of range is not 0")
	}
}
