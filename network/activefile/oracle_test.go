package activefile_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile"
	"pgregory.net/rapid"
)

// entry is one row of a result, for comparisons.
type entry struct {
	Centre network.CentreID
	network.Activity
}

func entries(r activefile.Result) []entry {
	var out []entry
	for c, a := range r.All() {
		out = append(out, entry{c, a})
	}
	return out
}

// naive recounts records with maps of sets: the oracle.
func naive(rs []activefile.Record) []entry {
	type cy struct {
		c network.CentreID
		y int
	}
	cons := map[cy]int{}
	seen := map[cy]map[string]bool{}
	first := map[network.CentreID]map[string]int{}
	for _, r := range rs {
		k := cy{r.Centre, r.Date.Year()}
		cons[k]++
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][r.Patient] = true
		if first[r.Centre] == nil {
			first[r.Centre] = map[string]int{}
		}
		if f, ok := first[r.Centre][r.Patient]; !ok || k.y < f {
			first[r.Centre][r.Patient] = k.y
		}
	}
	var out []entry
	for k, n := range cons {
		news := 0
		for p := range seen[k] {
			if first[k.c][p] == k.y {
				news++
			}
		}
		out = append(out, entry{k.c, network.Activity{Year: k.y, Consultations: n, Patients: len(seen[k]), NewPatients: news}})
	}
	slices.SortFunc(out, func(a, b entry) int {
		if a.Centre != b.Centre {
			if a.Centre < b.Centre {
				return -1
			}
			return 1
		}
		return a.Year - b.Year
	})
	return out
}

var centreIDs = []network.CentreID{"ccmr-a", "ccmr-b", "crmr-c", "ccmr-d", "ccmr-e"}

// genRecords draws records: a few centres, a pool of pseudonyms (some
// that need quoting in CSV), years from a narrow span or, to exercise the
// fallback beyond 64 years, a wide one.
func genRecords(t *rapid.T) []activefile.Record {
	centres := rapid.SampledFrom(centreIDs[:rapid.IntRange(1, len(centreIDs)).Draw(t, "ncentres")])
	pool := rapid.SliceOfNDistinct(rapid.OneOf(
		rapid.Custom(func(t *rapid.T) string { return fmt.Sprintf("p-%06d", rapid.IntRange(0, 999999).Draw(t, "n")) }),
		rapid.StringMatching(`[a-z ,"\n-]{1,6}`),
	), 1, 30, rapid.ID[string]).Draw(t, "patients")
	patients := rapid.SampledFrom(pool)
	lo := rapid.IntRange(network.MinActivityYear, network.MaxActivityYear).Draw(t, "lo")
	span := rapid.SampledFrom([]int{1, 3, 15, 64, 65, 200, 1100}).Draw(t, "span")
	hi := min(lo+span-1, network.MaxActivityYear)
	years := rapid.IntRange(lo, hi)
	rec := rapid.Custom(func(t *rapid.T) activefile.Record {
		return activefile.Record{
			Centre:  centres.Draw(t, "centre"),
			Patient: patients.Draw(t, "patient"),
			Date:    labelling.MakeDate(years.Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day")),
			Kind:    rapid.SampledFrom([]string{"", "consultation", "hdj"}).Draw(t, "kind"),
		}
	})
	return rapid.SliceOfN(rec, 0, 300).Draw(t, "records")
}

// failer is what count needs of a *testing.T or a *rapid.T.
type failer interface {
	Helper()
	Fatalf(format string, args ...any)
}

func count(t failer, rs []activefile.Record) activefile.Result {
	t.Helper()
	var c activefile.Counter
	if err := c.AddBatch(rs); err != nil {
		t.Fatalf("AddBatch() error: %v", err)
	}
	return c.Result()
}

// writeCSV writes records as CSV with encoding/csv, quoting where needed,
// with the columns in the given order ("x" is an unused column).
func writeCSV(rs []activefile.Record, cols []string, crlf bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = crlf
	w.Write(cols)
	line := make([]string, len(cols))
	for _, r := range rs {
		for i, c := range cols {
			switch c {
			case "centre":
				line[i] = string(r.Centre)
			case "patient":
				line[i] = r.Patient
			case "date":
				line[i] = r.Date.String()
			case "kind":
				line[i] = r.Kind
			default:
				line[i] = "x"
			}
		}
		w.Write(line)
	}
	w.Flush()
	return b.Bytes()
}

func TestCounterMatchesNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := genRecords(t)
		if diff := cmp.Diff(naive(rs), entries(count(t, rs))); diff != "" {
			t.Fatalf("Result() mismatch with a naive recount (-want +got):\n%s", diff)
		}
	})
}

func TestOrderDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := genRecords(t)
		perm := rapid.Permutation(rs).Draw(t, "perm")
		if diff := cmp.Diff(count(t, rs), count(t, perm)); diff != "" {
			t.Fatalf("Result() depends on the order of records (-in order +permuted):\n%s", diff)
		}
	})
}

func TestSplitAndMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := genRecords(t)
		cut := rapid.IntRange(0, len(rs)).Draw(t, "cut")
		var a, b activefile.Counter
		if err := a.AddBatch(rs[:cut]); err != nil {
			t.Fatal(err)
		}
		if err := b.AddBatch(rs[cut:]); err != nil {
			t.Fatal(err)
		}
		before := b.Result()
		a.Merge(&b)
		if diff := cmp.Diff(count(t, rs), a.Result()); diff != "" {
			t.Fatalf("merged Result() mismatch (-whole +merged):\n%s", diff)
		}
		if diff := cmp.Diff(before, b.Result()); diff != "" {
			t.Fatalf("Merge changed its argument (-before +after):\n%s", diff)
		}
		// Merging into itself counts every record twice.
		a.Merge(&a)
		if diff := cmp.Diff(count(t, append(slices.Clone(rs), rs...)), a.Result()); diff != "" {
			t.Fatalf("self-merged Result() mismatch (-twice +merged):\n%s", diff)
		}
	})
}

func TestCSVMatchesMemory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := genRecords(t)
		cols := rapid.Permutation([]string{"centre", "patient", "date", "kind", "x"}).Draw(t, "columns")
		if rapid.Bool().Draw(t, "no kind") {
			cols = slices.DeleteFunc(cols, func(c string) bool { return c == "kind" || c == "x" })
		}
		data := writeCSV(rs, cols, rapid.Bool().Draw(t, "crlf"))
		opts := activefile.ReadOptions{Workers: rapid.IntRange(0, 3).Draw(t, "workers"), Known: activefile.InSet(centreIDs...)}
		activefile.SetChunk(&opts, rapid.SampledFrom([]int{1, 7, 64, 1 << 20}).Draw(t, "chunk"))
		var c activefile.Counter
		st, err := c.ReadCSV(bytes.NewReader(data), opts)
		if err != nil {
			t.Fatalf("ReadCSV() error: %v", err)
		}
		if st.Records != len(rs) || st.Skipped != 0 {
			t.Errorf("ReadCSV() stats = %+v, want %d records", st, len(rs))
		}
		if diff := cmp.Diff(count(t, rs), c.Result()); diff != "" {
			t.Fatalf("ReadCSV() Result() mismatch (-memory +csv):\n%s", diff)
		}
	})
}

// TestKeysMatchRecords checks the fast path against AddBatch, on one
// goroutine and several.
func TestKeysMatchRecords(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := genRecords(t)
		workers := rapid.IntRange(0, 4).Draw(t, "workers")
		var c activefile.Counter
		ks := make([]activefile.Key, len(rs))
		for i, r := range rs {
			ref, _ := c.CentreRef(r.Centre)
			p, _ := activefile.PatientKeyOf(r.Patient)
			ks[i] = activefile.Key{Centre: ref, Patient: p, Year: int32(r.Date.Year())}
		}
		if err := c.AddKeysParallel(ks, workers); err != nil {
			t.Fatalf("AddKeysParallel() error: %v", err)
		}
		if diff := cmp.Diff(count(t, rs), c.Result()); diff != "" {
			t.Fatalf("AddKeysParallel(%d workers) mismatch (-records +keys):\n%s", workers, diff)
		}
	})
}

func parseDate(s string) (labelling.Date, error) { return labelling.ParseDate(s) }

// TestStaged adds enough keys, over enough pairs, for AddKeys to stage
// them by centre, some with years far apart, and checks the result
// against adding them one by one in order.
func TestStaged(t *testing.T) {
	if testing.Short() {
		t.Skip("400,000 records")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	ids := make([]network.CentreID, 50)
	for i := range ids {
		ids[i] = network.CentreID(fmt.Sprintf("c%02d", i))
	}
	var rs []activefile.Record
	for range 400_000 {
		y := 2000 + rng.IntN(20)
		if rng.IntN(1000) == 0 {
			y = 1900 + rng.IntN(1000)
		}
		rs = append(rs, activefile.Record{Centre: ids[rng.IntN(len(ids))], Patient: pseudonym(int32(rng.IntN(300_000))), Date: labelling.MakeDate(y, 1, 1+rng.IntN(365))})
	}
	want := count(t, rs)
	for _, workers := range []int{1, 2, 3} {
		var c activefile.Counter
		ks := make([]activefile.Key, len(rs))
		for i, r := range rs {
			ref, _ := c.CentreRef(r.Centre)
			p, _ := activefile.PatientKeyOf(r.Patient)
			ks[i] = activefile.Key{Centre: ref, Patient: p, Year: int32(r.Date.Year())}
		}
		// Two batches: the first below the staging threshold.
		if err := c.AddKeysParallel(ks[:100_000], workers); err != nil {
			t.Fatal(err)
		}
		if err := c.AddKeysParallel(ks[100_000:], workers); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, c.Result()); diff != "" {
			t.Errorf("AddKeysParallel(%d workers) mismatch (-want +got):\n%s", workers, diff)
		}
	}
}
