package activefile_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile"
)

var known = activefile.InSet("c1", "c2")

func TestReadCSVBadLines(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		cols   activefile.Columns
		line   int    // of the error, strict mode
		column string // of the error
		err    error
		// skip mode
		records int
		skipped int
		lines   []int // of the problems
	}{
		{name: "good", in: "centre,patient,date,kind\nc1,p-1,2019-01-02,consultation\nc2,p-1,2019-01-02,\n", records: 2},
		{name: "no kind column", in: "centre,patient,date\nc1,p-1,2019-01-02\n", records: 1},
		{name: "columns in another order", in: "date,extra,patient,centre\n2019-01-02,x,p-1,c1\n", records: 1},
		{name: "renamed columns", in: "site,pseudo,jour\nc1,p-1,2019-01-02\n", cols: activefile.Columns{Centre: "site", Patient: "pseudo", Date: "jour"}, records: 1},
		{name: "blank lines and CRLF", in: "\r\n\ncentre,patient,date\r\n\r\nc1,p-1,2019-01-02\r\n\nc1,p-2,2019-01-02", records: 2},
		{name: "byte order mark", in: "\xef\xbb\xbfcentre,patient,date\nc1,p-1,2019-01-02\n", records: 1},
		{name: "bad date", in: "centre,patient,date\nc1,p-1,2019-01-02\nc1,p-2,2019-02-30\n", line: 3, column: "date", err: activefile.ErrBadDate, records: 1, skipped: 1, lines: []int{3}},
		{name: "date not ISO", in: "centre,patient,date\nc1,p-1,02/01/2019\n", line: 2, column: "date", err: activefile.ErrBadDate, skipped: 1, lines: []int{2}},
		{name: "year out of range", in: "centre,patient,date\nc1,p-1,1899-12-31\nc1,p-1,3000-01-01\n", line: 2, column: "date", err: activefile.ErrBadDate, skipped: 2, lines: []int{2, 3}},
		{name: "empty date", in: "centre,patient,date\nc1,p-1,\n", line: 2, column: "date", err: activefile.ErrEmpty, skipped: 1, lines: []int{2}},
		{name: "unknown centre", in: "centre,patient,date\nc1,p-1,2019-01-02\nc9,p-1,2019-01-02\nc9,p-2,2019-01-02\n", line: 3, column: "centre", err: activefile.ErrUnknownCentre, records: 1, skipped: 2, lines: []int{3, 4}},
		{name: "empty centre", in: "centre,patient,date\n,p-1,2019-01-02\n", line: 2, column: "centre", err: activefile.ErrEmpty, skipped: 1, lines: []int{2}},
		{name: "empty pseudonym", in: "centre,patient,date\nc1,p-1,2019-01-02\n\nc1,,2019-01-02\n", line: 4, column: "patient", err: activefile.ErrEmpty, records: 1, skipped: 1, lines: []int{4}},
		{name: "too few fields", in: "centre,patient,date\nc1,p-1\nc1,p-1,2019-01-02\n", line: 2, err: activefile.ErrSyntax, records: 1, skipped: 1, lines: []int{2}},
		{name: "too many fields", in: "centre,patient,date\nc1,p-1,2019-01-02,x\n", line: 2, err: activefile.ErrSyntax, skipped: 1, lines: []int{2}},
		{name: "quoted fields", in: "centre,patient,date\nc1,p-1,2019-01-02\n\"c1\",\"p,\"\"2\",2019-01-02\nc1,\"p\n3\",2019-01-02\nc1,,2019-01-02\n", line: 6, column: "patient", err: activefile.ErrEmpty, records: 3, skipped: 1, lines: []int{6}},
		{name: "bare quote", in: "centre,patient,date\nc1,p-1,2019-01-02\nc1,p\"1,2019-01-02\nc1,p-2,2019-01-02\n", line: 3, err: activefile.ErrSyntax, records: 2, skipped: 1, lines: []int{3}},
		{name: "quoted field count", in: "centre,patient,date\n\"c1\",p-1\nc1,p-1,2019-01-02\n", line: 2, err: activefile.ErrSyntax, records: 1, skipped: 1, lines: []int{2}},
		{name: "line too long", in: "centre,patient,date\nc1,p-1,2019-01-02\nc1," + strings.Repeat("p", activefile.MaxLineLen) + ",2019-01-02\nc1,p-1,2019-01-02\n", line: 3, err: activefile.ErrSyntax, records: 2, skipped: 1, lines: []int{3}},
		{name: "many lines too long", in: "centre,patient,date\n" + strings.Repeat("c1,"+strings.Repeat("p", activefile.MaxLineLen)+",2019-01-02\nc1,p-1,2019-01-02\n", 7), line: 2, err: activefile.ErrSyntax, records: 7, skipped: 7, lines: []int{2, 4, 6, 8, 10, 12, 14}},
		// Rows 8 and 9 of the hostile-input table.
		{name: "stray quote", in: "centre,patient,date\nc1,\"p-1,2019-01-02\nc1,p-2,2019-01-02\nc2,p-3,2019-01-02\n", line: 2, err: csv.ErrQuote, records: 2, skipped: 1, lines: []int{2}},
		{name: "stray quote after a quoted line", in: "centre,patient,date\nc1,\"p-0\",2019-01-02\nc1,\"p-1,2019-01-02\nc1,p-2,2019-01-02\n", line: 3, err: csv.ErrQuote, records: 2, skipped: 1, lines: []int{3}},
		{name: "text after a closing quote", in: "centre,patient,date\nc1,\"p-1\"x,2019-01-02\nc1,p-2,2019-01-02\n", line: 2, err: csv.ErrQuote, records: 1, skipped: 1, lines: []int{2}},
		{name: "quoted field too long", in: "centre,patient,date\nc1,\"p\",2019-01-02\nc1,\"" + strings.Repeat("p", activefile.MaxLineLen) + "\",2019-01-02\nc1,p-2,2019-01-02\n", line: 3, err: activefile.ErrSyntax, records: 2, skipped: 1, lines: []int{3}},
		{name: "quoted line just long enough", in: "centre,patient,date\nc1,\"" + strings.Repeat("p", activefile.MaxLineLen-len("c1,\"\",2019-01-02")) + "\",2019-01-02\r\nc1,p-2,2019-01-02\n", records: 2},
		{name: "CR line ends", in: "centre,patient,date\rc1,p-1,2019-01-02\rc1,p-2,2019-01-02\r", line: 1, err: activefile.ErrHeader},
		{name: "CR line ends, quoted header", in: "\"centre\",patient,date\rc1,p-1,2019-01-02\r", line: 1, err: activefile.ErrHeader},
		{name: "CR line ends after blank lines", in: "\n\ncentre,patient,date\rc1,p-1,2019-01-02\r", line: 3, err: activefile.ErrHeader},
		{name: "header only", in: "centre,patient,date,kind\n"},
		{name: "header too long", in: "centre,patient,date," + strings.Repeat("x", activefile.MaxLineLen) + "\nc1,p-1,2019-01-02,x\n", line: 1, err: activefile.ErrHeader},
		{name: "empty input", in: "", line: 1, err: activefile.ErrHeader},
		{name: "blank input", in: "\n\r\n", line: 3, err: activefile.ErrHeader},
		{name: "no date column", in: "centre,patient,day\nc1,p-1,2019-01-02\n", line: 1, column: "date", err: activefile.ErrHeader},
		{name: "column twice", in: "\ncentre,patient,date,centre\nc1,p-1,2019-01-02,c1\n", line: 2, column: "centre", err: activefile.ErrHeader},
		{name: "quoted header", in: "\"centre\",patient,date\nc1,p-1,2019-01-02\nc1,p-1,2019-13-02\n", line: 3, column: "date", err: activefile.ErrBadDate, records: 1, skipped: 1, lines: []int{3}},
		{name: "quoted header lacking a column", in: "\"centre\",patient\nc1,p-1\n", line: 1, column: "date", err: activefile.ErrHeader},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 3} {
			for _, chunk := range []int{1, 5, 0} {
				var c activefile.Counter
				opts := activefile.ReadOptions{Known: known, Columns: tt.cols, Workers: workers}
				activefile.SetChunk(&opts, chunk)
				st, err := c.ReadCSV(strings.NewReader(tt.in), opts)
				if tt.err == nil {
					if err != nil {
						t.Errorf("%s: ReadCSV(workers %d, chunk %d) error: %v", tt.name, workers, chunk, err)
					} else if st.Records != tt.records {
						t.Errorf("%s: ReadCSV(workers %d, chunk %d) read %d records, want %d", tt.name, workers, chunk, st.Records, tt.records)
					}
					continue
				}
				var le *activefile.LineError
				if !errors.As(err, &le) || !errors.Is(err, tt.err) || le.Line != tt.line || le.Column != tt.column {
					t.Errorf("%s: ReadCSV(workers %d, chunk %d) error = %v, want a *LineError at line %d, column %q, wrapping %v", tt.name, workers, chunk, err, tt.line, tt.column, tt.err)
				}
				if c.Result().Len() != 0 {
					t.Errorf("%s: ReadCSV() failed but changed the counter", tt.name)
				}
				// Skip mode.
				opts.SkipBad = true
				c = activefile.Counter{}
				st, err = c.ReadCSV(strings.NewReader(tt.in), opts)
				if errors.Is(tt.err, activefile.ErrHeader) {
					if !errors.Is(err, activefile.ErrHeader) {
						t.Errorf("%s: ReadCSV(SkipBad) error = %v, want a header error", tt.name, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: ReadCSV(SkipBad, workers %d, chunk %d) error: %v", tt.name, workers, chunk, err)
					continue
				}
				var lines []int
				for _, p := range st.Problems {
					lines = append(lines, p.(*activefile.LineError).Line)
				}
				got := struct {
					Records, Skipped int
					Lines            []int
				}{st.Records, st.Skipped, lines}
				want := struct {
					Records, Skipped int
					Lines            []int
				}{tt.records, tt.skipped, tt.lines}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: ReadCSV(SkipBad, workers %d, chunk %d) stats mismatch (-want +got):\n%s", tt.name, workers, chunk, diff)
				}
			}
		}
	}
}

func TestReadCSVQuotedDetail(t *testing.T) {
	var c activefile.Counter
	_, err := c.ReadCSV(strings.NewReader("centre,patient,date\nc1,p\"1,2019-01-02\n"), activefile.ReadOptions{})
	if !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("ReadCSV(bare quote) error = %v, want it to wrap csv.ErrBareQuote", err)
	}
}

func TestReadCSVProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("centre,patient,date\n")
	for range 3 * activefile.MaxProblems {
		b.WriteString("c1,p-1,2019-99-01\nc1,p-1,2019-01-01\n")
	}
	for _, workers := range []int{1, 2} {
		opts := activefile.ReadOptions{SkipBad: true, Workers: workers}
		activefile.SetChunk(&opts, 64)
		var c activefile.Counter
		st, err := c.ReadCSV(strings.NewReader(b.String()), opts)
		if err != nil {
			t.Fatal(err)
		}
		if st.Skipped != 3*activefile.MaxProblems || st.Records != 3*activefile.MaxProblems || len(st.Problems) != activefile.MaxProblems {
			t.Errorf("ReadCSV(workers %d) = %d records, %d skipped, %d problems; want %d, %d, %d", workers, st.Records, st.Skipped, len(st.Problems), 3*activefile.MaxProblems, 3*activefile.MaxProblems, activefile.MaxProblems)
		}
		for i, p := range st.Problems {
			if l := p.(*activefile.LineError).Line; l != 2+2*i {
				t.Errorf("ReadCSV(workers %d): Problems[%d] at line %d, want %d", workers, i, l, 2+2*i)
				break
			}
		}
	}
}

func TestReadCSVBadColumns(t *testing.T) {
	var c activefile.Counter
	_, err := c.ReadCSV(strings.NewReader("a,b\n"), activefile.ReadOptions{Columns: activefile.Columns{Patient: "centre"}})
	if err == nil {
		t.Errorf("ReadCSV(two columns named centre) succeeded")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestReadCSVReadError(t *testing.T) {
	var c activefile.Counter
	r := io.MultiReader(strings.NewReader("centre,patient,date\nc1,p-1,2019-01-01\n"), errReader{})
	if _, err := c.ReadCSV(r, activefile.ReadOptions{}); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("ReadCSV(failing reader) error = %v, want io.ErrUnexpectedEOF", err)
	}
}

// TestReadCSVAddsToCounter reads two files into one counter.
func TestReadCSVAddsToCounter(t *testing.T) {
	var c activefile.Counter
	for _, in := range []string{"centre,patient,date\nc1,p-1,2018-01-01\n", "centre,patient,date\nc1,p-1,2019-01-01\nc1,p-2,2019-01-01\n"} {
		if _, err := c.ReadCSV(strings.NewReader(in), activefile.ReadOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	want := []entry{
		{"c1", network.Activity{Year: 2018, Consultations: 1, Patients: 1, NewPatients: 1}},
		{"c1", network.Activity{Year: 2019, Consultations: 2, Patients: 2, NewPatients: 1}},
	}
	if diff := cmp.Diff(want, entries(c.Result())); diff != "" {
		t.Errorf("Result() mismatch (-want +got):\n%s", diff)
	}
}

func TestParseYearMatchesParseDate(t *testing.T) {
	for _, s := range []string{"2019-01-02", "2020-02-29", "2019-02-29", "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "2019-00-01", "2019-13-01", "2019-04-31", "2019-4-30", "2019/04/30", "２019-01-01", "20190-1-01"} {
		y, ok := activefile.ParseYear([]byte(s))
		d, err := parseDate(s)
		wantOK := err == nil && d.Year() >= network.MinActivityYear && d.Year() <= network.MaxActivityYear
		if ok != wantOK || ok && int(y) != d.Year() {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, %v", s, y, ok, d.Year(), wantOK)
		}
	}
}

func TestReadCSVReaderChunks(t *testing.T) {
	// A reader that returns one byte at a time.
	in := "centre,patient,date\nc1,p-1,2018-01-01\nc1,p-2,2019-01-01\n"
	var c activefile.Counter
	st, err := c.ReadCSV(io.LimitReader(&oneByte{r: bytes.NewReader([]byte(in))}, 1<<20), activefile.ReadOptions{Workers: 2})
	if err != nil || st.Records != 2 {
		t.Errorf("ReadCSV(one byte at a time) = %+v, %v; want 2 records", st, err)
	}
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 1)]) }

// TestNoAllocationPerRecord reads the same 1,000 (centre, patient) pairs
// over and over: the allocations do not grow with the records.
func TestNoAllocationPerRecord(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	file := func(repeats int) []byte {
		var b bytes.Buffer
		b.WriteString("centre,patient,date,kind\n")
		for range repeats {
			for i := range 1000 {
				fmt.Fprintf(&b, "c%d,p-%06d,%d-03-01,consultation\n", i%10, i, 2010+i%15)
			}
		}
		return b.Bytes()
	}
	small, large := file(10), file(100)
	for _, workers := range []int{1, 2} {
		allocs := func(data []byte) float64 {
			return testing.AllocsPerRun(3, func() {
				var c activefile.Counter
				if _, err := c.ReadCSV(bytes.NewReader(data), activefile.ReadOptions{Workers: workers}); err != nil {
					t.Fatal(err)
				}
			})
		}
		// Buffers per chunk read and key-buffer growths, not one a record:
		// the 90,000 extra records may cost at most one allocation per 100
		// (with two workers each chunk is a buffer of its own).
		a, b := allocs(small), allocs(large)
		if b > a+90_000/100 {
			t.Errorf("ReadCSV(workers %d): %v allocations for 10,000 records, %v for 100,000", workers, a, b)
		}
	}
	var c activefile.Counter
	ref, _ := c.CentreRef("c")
	ks := make([]activefile.Key, 100_000)
	for i := range ks {
		p, _ := activefile.PatientKeyOf(pseudonym(int32(i % 1000)))
		ks[i] = activefile.Key{Centre: ref, Patient: p, Year: int32(2010 + i%15)}
	}
	c.AddKeys(ks) // the table grows once and for all
	if a := testing.AllocsPerRun(3, func() { c.AddKeys(ks) }); a > 5 {
		t.Errorf("AddKeys(100,000 keys) made %v allocations", a)
	}
}

// TestReadCSVCROnly is row 9 of the hostile-input table: a file whose
// lines end with CR alone was read as one header, "0 records, 0 bad
// lines". It is refused, and the error says why, however long the file.
func TestReadCSVCROnly(t *testing.T) {
	small := "centre,patient,date\r" + strings.Repeat("c1,p-1,2019-01-02\r", 10)
	large := "centre,patient,date\r" + strings.Repeat("c1,p-1,2019-01-02\r", 2*activefile.MaxLineLen/10)
	for _, in := range []string{small, large, "\"centre\"" + large[len("centre"):]} {
		for _, skip := range []bool{false, true} {
			var c activefile.Counter
			_, err := c.ReadCSV(strings.NewReader(in), activefile.ReadOptions{SkipBad: skip})
			var le *activefile.LineError
			if !errors.As(err, &le) || !errors.Is(err, activefile.ErrHeader) || le.Line != 1 || !strings.Contains(err.Error(), "CR") {
				t.Errorf("ReadCSV(%d bytes with CR line ends, SkipBad %v) = %v; want a header error at line 1 about CR line ends", len(in), skip, err)
			}
		}
	}
}

// TestReadCSVStrayQuoteResyncs is row 8: one stray quote, then many good
// lines, with SkipBad gave "0 records, 1 bad". The reader resumes at the
// line after the stray quote.
func TestReadCSVStrayQuoteResyncs(t *testing.T) {
	const good = 100_000
	var b strings.Builder
	b.WriteString("centre,patient,date\nc1,\"p-stray,2019-01-02\n")
	for i := range good {
		fmt.Fprintf(&b, "c1,p-%d,2019-01-02\n", i%1000)
	}
	var c activefile.Counter
	st, err := c.ReadCSV(strings.NewReader(b.String()), activefile.ReadOptions{SkipBad: true})
	if err != nil || st.Records != good || st.Skipped != 1 {
		t.Errorf("ReadCSV(stray quote, then %d good lines) = %+v, %v; want %d records, 1 skipped", good, st, err, good)
	}
}

// TestReadCSVQuotedBounded: once the reader reads quoted fields, a field
// of many megabytes is still a line too long, and what the reader holds
// does not grow with it (it was 467 MB for a 100 MB field).
func TestReadCSVQuotedBounded(t *testing.T) {
	const size = 16 << 20
	in := "centre,patient,date\nc1,\"p-1\",2019-01-02\nc1,\"" + strings.Repeat("p", size) + "\",2019-01-02\nc1,p-2,2019-01-02\n"
	for _, skip := range []bool{false, true} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var c activefile.Counter
		st, err := c.ReadCSV(strings.NewReader(in), activefile.ReadOptions{SkipBad: skip})
		runtime.ReadMemStats(&after)
		if skip && (err != nil || st.Records != 2 || st.Skipped != 1) {
			t.Errorf("ReadCSV(SkipBad, a %d-byte quoted field) = %+v, %v; want 2 records, 1 skipped", size, st, err)
		}
		var le *activefile.LineError
		if !skip && (!errors.As(err, &le) || le.Line != 3 || !errors.Is(err, activefile.ErrSyntax)) {
			t.Errorf("ReadCSV(a %d-byte quoted field) = %v; want a syntax error at line 3", size, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > size/2 {
			t.Errorf("ReadCSV(SkipBad %v, a %d-byte quoted field) allocated %d bytes, want under %d", skip, size, got, size/2)
		}
	}
	// A quoted field spanning lines counts them all.
	multi := "centre,patient,date\nc1,\"" + strings.Repeat("p\n", activefile.MaxLineLen/2+1) + "\",2019-01-02\n"
	var c activefile.Counter
	_, err := c.ReadCSV(strings.NewReader(multi), activefile.ReadOptions{})
	var le *activefile.LineError
	if !errors.As(err, &le) || le.Line != 2 || !errors.Is(err, activefile.ErrSyntax) {
		t.Errorf("ReadCSV(a quoted field of %d lines) = %v; want a syntax error at line 2", activefile.MaxLineLen/2+1, err)
	}
}

// TestReadCSVNamesUnknownCentre: the error names the unknown centre,
// quoted, cut and escaped; never the pseudonym.
func TestReadCSVNamesUnknownCentre(t *testing.T) {
	long := strings.Repeat("é", 100)
	for _, tc := range []struct{ id, want string }{
		{"ccmr-x", `activefile: line 2: centre: unknown centre "ccmr-x"`},
		{"ccmr-\x1b[2J\r", `activefile: line 2: centre: unknown centre "ccmr-\x1b[2J\r"`},
		{long, `activefile: line 2: centre: unknown centre "` + strings.Repeat("é", 60) + `..."`},
		{"\"q,\"\"x\"", `activefile: line 2: centre: unknown centre "q,\"x"`},
	} {
		var c activefile.Counter
		_, err := c.ReadCSV(strings.NewReader("centre,patient,date\n"+tc.id+",p-SECRET,2019-01-02\n"), activefile.ReadOptions{Known: known})
		if err == nil || err.Error() != tc.want {
			t.Errorf("ReadCSV(centre %q) = %v, want %s", tc.id, err, tc.want)
		}
	}
}

// TestMergeNil is row 12: Merge(nil) panicked. It adds nothing.
func TestMergeNil(t *testing.T) {
	var c activefile.Counter
	if err := c.Add(activefile.Record{Centre: "c1", Patient: "p", Date: labelling.MustParseDate("2019-01-02")}); err != nil {
		t.Fatal(err)
	}
	want := c.Result()
	c.Merge(nil)
	c.Merge(&activefile.Counter{})
	if diff := cmp.Diff(want, c.Result()); diff != "" {
		t.Errorf("Merge(nil) changed the result (-before +after):\n%s", diff)
	}
	var empty activefile.Counter
	empty.Merge(nil)
	if empty.Result().Len() != 0 {
		t.Errorf("Merge(nil) into an empty Counter gave a result")
	}
}
