package csvscan_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/activefile/internal/csvscan"
	"pgregory.net/rapid"
)

// record is a record as read, with the number of its first line.
type record struct {
	Line   int
	Fields []string
}

// readAll reads data with a Reader of records at most max bytes long.
func readAll(t interface{ Fatalf(string, ...any) }, data []byte, max int) (recs []record, errs []*csvscan.LineError) {
	r := csvscan.NewReader(bytes.NewReader(data), 1, max)
	for {
		fs, line, err := r.Read()
		if err == io.EOF {
			return recs, errs
		}
		var le *csvscan.LineError
		if errors.As(err, &le) {
			errs = append(errs, le)
			continue
		}
		if err != nil {
			t.Fatalf("Read() = %v", err)
		}
		rec := record{Line: line}
		for _, f := range fs {
			rec.Fields = append(rec.Fields, string(f))
		}
		recs = append(recs, rec)
	}
}

// oracle reads data with encoding/csv.
func oracle(data []byte) ([]record, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var recs []record
	for {
		fs, err := cr.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		line, _ := cr.FieldPos(0)
		recs = append(recs, record{Line: line, Fields: fs})
	}
}

// TestReaderMatchesEncodingCSV writes records with encoding/csv, fields
// with commas, quotes, CR and LF included, and reads them back.
func TestReaderMatchesEncodingCSV(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		field := rapid.StringMatching(`[a-c ,"\r\n]{0,6}`)
		recs := rapid.SliceOfN(rapid.SliceOfN(field, 1, 4), 0, 20).Draw(t, "records")
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.UseCRLF = rapid.Bool().Draw(t, "crlf")
		w.WriteAll(recs)
		data := b.Bytes()
		want, err := oracle(data)
		if err != nil {
			t.Skip("encoding/csv cannot read it back")
		}
		got, errs := readAll(t, data, 1<<10)
		if len(errs) > 0 {
			t.Fatalf("Read(%q) errors %v", data, errs[0])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Read(%q) mismatch (-encoding/csv +Reader):\n%s", data, diff)
		}
	})
}

func TestReaderErrors(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		in    string
		lines []int // of the records read
		errs  []int // lines of the errors
		err   error // of the first error
	}{
		{"stray quote", "a,\"b\nc,d\ne,f\n", []int{2, 3}, []int{1}, csvscan.ErrUnclosed},
		{"stray quote at the end", "a,b\nc,\"d", []int{1}, []int{2}, csvscan.ErrUnclosed},
		{"bare quote", "a,b\"c\nd\n", []int{2}, []int{1}, csvscan.ErrBareQuote},
		{"text after the quote", "\"a\"b,c\nd\n", []int{2}, []int{1}, csvscan.ErrExtraneous},
		{"quote then CR", "\"a\"\rb\nc\n", []int{2}, []int{1}, csvscan.ErrExtraneous},
		{"quoted, closes over lines", "\"a\nb\",c\nd\n", []int{1, 3}, nil, nil},
		{"too long", "a\n" + long + "\nb\n", []int{1, 3}, []int{2}, csvscan.ErrTooLong},
		{"too long, quoted", "a\n\"" + long + "\"\nb\n", []int{1, 3}, []int{2}, csvscan.ErrUnclosed},
		// The lines inside are read as records of their own: a stray
		// quote costs its line only.
		{"too long over lines", "\"" + strings.Repeat("x\n", 40) + "\"\n", lineRange(2, 40), []int{1, 41}, csvscan.ErrUnclosed},
		{"too long at the end", "a\n" + long, []int{1}, []int{2}, csvscan.ErrTooLong},
		{"just long enough", strings.Repeat("x", 64) + "\r\n\"" + strings.Repeat("y", 62) + "\"\r\n", []int{1, 2}, nil, nil},
		{"one byte too long", strings.Repeat("x", 65) + "\r\n", nil, []int{1}, csvscan.ErrTooLong},
		{"blank lines", "\n\r\na\n\n\r", []int{3}, nil, nil},
		{"CR at the end", "a,\"b\"\r", []int{1}, nil, nil},
	}
	for _, tc := range tests {
		recs, errs := readAll(t, []byte(tc.in), 64)
		var lines, errLines []int
		for _, r := range recs {
			lines = append(lines, r.Line)
		}
		for _, e := range errs {
			errLines = append(errLines, e.Line)
		}
		if !slices.Equal(lines, tc.lines) || !slices.Equal(errLines, tc.errs) {
			t.Errorf("%s: Read() records at lines %v, errors at %v; want %v and %v", tc.name, lines, errLines, tc.lines, tc.errs)
		}
		if tc.err != nil && (len(errs) == 0 || !errors.Is(errs[0], tc.err)) {
			t.Errorf("%s: Read() errors %v, want the first to wrap %v", tc.name, errs, tc.err)
		}
	}
}

func lineRange(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

type failReader struct{ r io.Reader }

func (f *failReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

func TestReaderReadError(t *testing.T) {
	r := csvscan.NewReader(&failReader{strings.NewReader("a,b\n")}, 1, 64)
	var err error
	for range 3 {
		if _, _, err = r.Read(); err != nil {
			break
		}
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Read(failing reader) = %v, want its error", err)
	}
}

// FuzzReader checks that the Reader never panics, ends, numbers records
// and errors in increasing line order, bounds its records, and agrees with
// encoding/csv where encoding/csv reads everything and every record is
// short enough.
func FuzzReader(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", "a,\"b\nc\",d\r\n", "a,\"b\n" + strings.Repeat("c,d\n", 40), "\"a\"\"b\",c\n", "a\rb\n", "\"a\"x\n", "\n\r\n\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 64
		got, errs := readAll(t, data, max)
		last := 0
		for _, r := range got {
			if r.Line <= last {
				t.Fatalf("Read(%q) records out of line order: %v", data, got)
			}
			last = r.Line
			if n := len(strings.Join(r.Fields, ",")); n > max {
				t.Fatalf("Read(%q) a record of %d bytes, longer than %d", data, n, max)
			}
		}
		want, err := oracle(data)
		if err != nil {
			return
		}
		for _, r := range want {
			if len(strings.Join(r.Fields, ",")) > max/2 {
				return
			}
		}
		if len(errs) > 0 {
			t.Fatalf("Read(%q) errors %v; encoding/csv reads it", data, errs[0])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Read(%q) mismatch (-encoding/csv +Reader):\n%s", data, diff)
		}
	})
}

// TestLinesMatchesSplit checks the SWAR scanner against cutting the lines
// and the fields with the strings package.
func TestLinesMatchesSplit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		data := []byte(rapid.StringMatching(`([a-c,\r]{0,12}\n){0,20}[a-c,\r]{0,12}`).Draw(t, "data"))
		lay := csvscan.Layout{Fields: rapid.IntRange(1, 4).Draw(t, "fields"), Max: rapid.IntRange(0, 12).Draw(t, "max")}
		keep := rapid.Permutation([]int{0, 1, 2, 3}).Draw(t, "keep")
		copy(lay.Keep[:], keep)
		type line struct {
			Line int
			Kept []string
			P    csvscan.Problem
		}
		var want []line
		for i, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSuffix(l, "\r")
			fs := strings.Split(l, ",")
			switch {
			case l == "":
			case len(l) > lay.Max:
				want = append(want, line{i + 1, nil, csvscan.TooLong})
			case len(fs) != lay.Fields:
				want = append(want, line{i + 1, nil, csvscan.FieldCount})
			default:
				var kept []string
				for _, k := range lay.Keep {
					if k < len(fs) {
						kept = append(kept, fs[k])
					} else {
						kept = append(kept, "")
					}
				}
				want = append(want, line{i + 1, kept, csvscan.Fine})
			}
		}
		var got []line
		buf := make([]csvscan.Line, 0, rapid.IntRange(1, 5).Draw(t, "batch"))
		for off, n := 0, 1; off < len(data); {
			var ls []csvscan.Line
			ls, off, n = lay.Lines(data, off, n, buf[:0])
			for _, x := range ls {
				l := line{Line: x.N, P: x.P}
				if x.P == csvscan.Fine {
					for _, k := range x.Kept {
						l.Kept = append(l.Kept, string(data[k[0]:k[1]]))
					}
				}
				got = append(got, l)
			}
		}
		// A field kept beyond the line's fields is left over from an
		// earlier line: only those inside count.
		for i := range got {
			if got[i].P == csvscan.Fine {
				for j, k := range lay.Keep {
					if k >= lay.Fields {
						got[i].Kept[j] = ""
					}
				}
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Lines(%q) mismatch (-strings +Lines):\n%s", data, diff)
		}
	})
}

func TestLinesBatches(t *testing.T) {
	lay := csvscan.Layout{Fields: 1, Max: 10}
	data := []byte("a\n\nb\nc")
	ls, off, n := lay.Lines(data, 0, 1, make([]csvscan.Line, 0, 2))
	if len(ls) != 2 || off != 5 || n != 4 {
		t.Errorf("Lines(batch of 2) = %d lines, next at %d (line %d); want 2, 5, 4", len(ls), off, n)
	}
	ls, off, n = lay.Lines(data, off, n, make([]csvscan.Line, 0, 2))
	if len(ls) != 1 || ls[0].N != 4 || off != len(data) {
		t.Errorf("Lines(rest) = %+v, next at %d (line %d); want line 4 and the end", ls, off, n)
	}
}

// TestSplitterWholeLines checks that the runs are whole lines, numbered,
// that together they are the input, and that a line longer than the
// buffer is an error after which the next line comes.
func TestSplitterWholeLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		data := rapid.StringMatching(`([a-c]{0,30}\r?\n){0,30}[a-c]{0,30}`).Draw(t, "data")
		chunk := rapid.IntRange(1, 20).Draw(t, "chunk")
		size := chunk + rapid.IntRange(1, 40).Draw(t, "max")
		sp := csvscan.NewSplitter(&oneByte{strings.NewReader(data)}, chunk, 1)
		var got strings.Builder
		var tooLong []int
		for {
			run, line, err := sp.Next(make([]byte, 0, size))
			if err == io.EOF {
				break
			}
			var le *csvscan.LineError
			if errors.As(err, &le) {
				tooLong = append(tooLong, le.Line)
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Count(got.String(), "\n") + len(tooLong) + 1; line != want {
				t.Fatalf("Next() = run at line %d, want %d", line, want)
			}
			got.Write(run)
		}
		var want strings.Builder
		for i, l := range strings.SplitAfter(data, "\n") {
			// A last line without its newline that fills the buffer does
			// not fit either: the splitter cannot tell the input ends.
			if len(l) > size || len(l) == size && !strings.HasSuffix(l, "\n") {
				if !slices.Contains(tooLong, i+1) {
					t.Fatalf("Next() gave no error for line %d of %d bytes (buffer %d)", i+1, len(l), size)
				}
				continue
			}
			want.WriteString(l)
		}
		if got.String() != want.String() {
			t.Fatalf("Next() runs = %q, want %q", got.String(), want.String())
		}
	})
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 1)]) }

func TestHasLoneCR(t *testing.T) {
	for s, want := range map[string]bool{"": false, "a\r": false, "a\r\nb": false, "a\rb": true, "\r\r\n": true, "a\r\n\rb": true} {
		if got := csvscan.HasLoneCR([]byte(s)); got != want {
			t.Errorf("HasLoneCR(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPool(t *testing.T) {
	p := csvscan.NewPool(16, 2)
	a, b := p.Get(), p.Get()
	if cap(a) != 16 || len(a) != 0 {
		t.Errorf("Get() = len %d, cap %d; want 0 and 16", len(a), cap(a))
	}
	p.Put(append(a, 'x'))
	if c := p.Get(); len(c) != 0 || cap(c) != 16 {
		t.Errorf("Get() after Put = len %d, cap %d; want an empty buffer", len(c), cap(c))
	}
	p.Put(b)
}

// TestParseYear checks the parser against labelling.ParseDate on every
// day of a few years and on near misses.
func TestParseYear(t *testing.T) {
	var inputs []string
	for _, y := range []int{1899, 1900, 2000, 2019, 2020, 2100, 2999, 3000} {
		for d := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == y; d = d.AddDate(0, 0, 1) {
			inputs = append(inputs, d.Format(time.DateOnly))
		}
	}
	inputs = append(inputs, "2019-02-29", "2019-00-01", "2019-13-01", "2019-04-31", "2019-4-30", "2019/04/30", "２019-01-01", "20190-1-01", "", "2019-01-0a")
	for _, s := range inputs {
		y, ok := csvscan.ParseYear([]byte(s), 1900, 2999)
		d, err := labelling.ParseDate(s)
		wantOK := err == nil && d.Year() >= 1900 && d.Year() <= 2999
		if ok != wantOK || ok && int(y) != d.Year() {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, %v", s, y, ok, d.Year(), wantOK)
		}
	}
}
