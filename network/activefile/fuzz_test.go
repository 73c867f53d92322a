package activefile_test

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/network/activefile"
)

// marker is in every pseudonym of the seed corpus: no error may show it.
const marker = "SECRET"

// FuzzReadCSV checks that the reader never panics, never quotes a
// pseudonym in an error, gives the same answer whatever the number of
// workers and the chunk size, and that the hand-written splitter agrees
// with encoding/csv (which reads everything after a quoted header).
func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"centre,patient,date,kind\nc1,SECRET-p-000001,2019-01-02,consultation\nc2,SECRET-p-000002,2020-02-29,\n",
		"centre,patient,date\nc1,SECRET-p-1,2019-02-30\nc3,SECRET-p-2,2019-01-01\nc1,,2019-01-01\n",
		"date,patient,centre\r\n2019-01-01,SECRET-1,c1\r\n2019-01-01,SECRET-1\r\n",
		"centre,patient,date\nc1,\"SECRET,1\",2019-01-01\nc1,\"SECRET\n2\",2019-01-01\nc1,SECRET\"3,2019-01-01\n",
		"\"centre\",patient,date\nc1,SECRET-4,1899-01-01\nSECRET-5,c1,2019-01-01\n",
		"centre,patient,date\nc1,SECRET-6,2019-01-01,extra\nc1,\"SECRET-7\n",
		"\xef\xbb\xbfcentre,patient,date\n\n\nc2,SECRET-8,2999-12-31\n",
		"centre,SECRET,date\nc1,p,2019-01-01\n",
		// Rows 8 and 9 of the hostile-input table: a stray quote, then
		// good lines; lines ended by CR alone.
		"centre,patient,date\nc1,\"SECRET-9,2019-01-01\nc1,SECRET-10,2019-01-01\nc2,SECRET-11,2019-01-01\n",
		"centre,patient,date\rc1,SECRET-12,2019-01-01\rc2,SECRET-13,2019-01-01\r",
		"\"centre\",patient,date\rc1,SECRET-14,2019-01-01\r",
		"centre,patient,date\nc\u00e9\x1b[2J" + strings.Repeat("x", 100) + ",SECRET-15,2019-01-01\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i%4), uint16(i*7), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, workers uint8, chunk uint16, skip bool) {
		read := func(workers, chunk int) (activefile.Result, activefile.ReadStats, error) {
			opts := activefile.ReadOptions{Known: activefile.InSet("c1", "c2"), SkipBad: skip, Workers: workers}
			activefile.SetChunk(&opts, chunk)
			var c activefile.Counter
			st, err := c.ReadCSV(bytes.NewReader(data), opts)
			return c.Result(), st, err
		}
		if rest, ok := bytes.CutPrefix(data, []byte("centre,")); ok && bytes.IndexByte(rest, '"') < 0 && len(data) < activefile.MaxLineLen {
			r1, st1, err1 := read(1, 0)
			data = append([]byte(`"centre",`), rest...)
			r2, st2, err2 := read(1, 0)
			data = append([]byte("centre,"), rest...)
			if fmt.Sprint(err1) != fmt.Sprint(err2) || fmt.Sprint(st1) != fmt.Sprint(st2) {
				t.Fatalf("ReadCSV() = %v, %v; with encoding/csv %v, %v", st1, err1, st2, err2)
			}
			if diff := cmp.Diff(r2, r1); diff != "" {
				t.Fatalf("ReadCSV() result mismatch (-encoding/csv +splitter):\n%s", diff)
			}
		}
		r, st, err := read(int(workers%4), int(chunk))
		// The only value an error quotes is an unknown centre's ID, cut.
		for _, e := range append([]error{err}, st.Problems...) {
			var le *activefile.LineError
			switch {
			case e == nil:
			case errors.As(e, &le) && le.Value != "":
				if !errors.Is(e, activefile.ErrUnknownCentre) || utf8.RuneCountInString(le.Value) > 63 {
					t.Fatalf("ReadCSV() error %q quotes a value", e)
				}
				if strings.Contains(strings.ReplaceAll(e.Error(), strconv.Quote(le.Value), ""), marker) {
					t.Fatalf("ReadCSV() error %q quotes the input beyond the centre", e)
				}
			case strings.Contains(e.Error(), marker):
				t.Fatalf("ReadCSV() error %q quotes the input", e)
			}
		}
		if st.Records < 0 || st.Skipped < 0 || st.Records+st.Skipped > bytes.Count(data, []byte{'\n'})+1 {
			t.Fatalf("ReadCSV() stats %+v for %d lines", st, bytes.Count(data, []byte{'\n'})+1)
		}
		r1, st1, err1 := read(1, 0)
		if (err == nil) != (err1 == nil) || err != nil && err.Error() != err1.Error() {
			t.Fatalf("ReadCSV(workers %d, chunk %d) error = %v, ReadCSV(workers 1) = %v", workers%4, chunk, err, err1)
		}
		if diff := cmp.Diff(r1, r); diff != "" {
			t.Fatalf("ReadCSV(workers %d, chunk %d) result mismatch (-1 worker +more):\n%s", workers%4, chunk, diff)
		}
		if st.Records != st1.Records || st.Skipped != st1.Skipped || len(st.Problems) != len(st1.Problems) {
			t.Fatalf("ReadCSV(workers %d, chunk %d) stats = %+v, with 1 worker %+v", workers%4, chunk, st, st1)
		}
	})
}
