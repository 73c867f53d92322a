package activefile_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile"
)

// The benchmark's population: 2,500 centres, a million patients, fifteen
// years, ten million records (a hundred thousand with -short). Each
// patient is followed by a home centre and, for three in ten, a second
// one, seen in three records in ten; records come in random order, the
// worst case for the tables.
const (
	benchCentres  = 2500
	benchPatients = 1_000_000
	benchYears    = 15
	benchFirst    = 2010
)

func benchRecords() int {
	if testing.Short() {
		return 100_000
	}
	return 10_000_000
}

type benchRecord struct {
	centre, patient, year, day int32
}

var benchData = sync.OnceValues(func() ([]benchRecord, []network.CentreID) {
	rng := rand.New(rand.NewPCG(1, 2))
	home := make([]int32, benchPatients)
	second := make([]int32, benchPatients)
	for p := range home {
		home[p] = int32(rng.IntN(benchCentres))
		second[p] = -1
		if rng.IntN(10) < 3 {
			second[p] = int32(rng.IntN(benchCentres))
		}
	}
	rs := make([]benchRecord, benchRecords())
	for i := range rs {
		p := rng.IntN(benchPatients)
		c := home[p]
		if second[p] >= 0 && rng.IntN(10) < 3 {
			c = second[p]
		}
		rs[i] = benchRecord{c, int32(p), int32(benchFirst + rng.IntN(benchYears)), int32(rng.IntN(365))}
	}
	ids := make([]network.CentreID, benchCentres)
	for i := range ids {
		ids[i] = network.CentreID(fmt.Sprintf("ccmr-%04d", i))
	}
	return rs, ids
})

func pseudonym(p int32) string { return fmt.Sprintf("p-%07d", p) }

// benchKeys returns the records pre-interned: centre i is the i-th
// centre interned in a fresh Counter.
var benchKeys = sync.OnceValue(func() []activefile.Key {
	rs, _ := benchData()
	pk := make([]activefile.PatientKey, benchPatients)
	for p := range pk {
		pk[p], _ = activefile.PatientKeyOf(pseudonym(int32(p)))
	}
	ks := make([]activefile.Key, len(rs))
	for i, r := range rs {
		ks[i] = activefile.Key{Patient: pk[r.patient], Centre: activefile.CentreRef(r.centre), Year: r.year}
	}
	return ks
})

var benchCSV = sync.OnceValue(func() []byte {
	rs, ids := benchData()
	kinds := []string{"consultation", "hdj", "teleconsultation"}
	var b bytes.Buffer
	b.Grow(len(rs) * 48)
	b.WriteString("centre,patient,date,kind\n")
	jan1 := time.Date(benchFirst, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf []byte
	for i, r := range rs {
		d := jan1.AddDate(int(r.year)-benchFirst, 0, int(r.day))
		buf = append(buf[:0], ids[r.centre]...)
		buf = append(buf, ",p-"...)
		buf = append(buf, fmt.Sprintf("%07d", r.patient)...)
		buf = append(buf, ',')
		buf = d.AppendFormat(buf, time.DateOnly)
		buf = append(buf, ',')
		buf = append(buf, kinds[i%3]...)
		buf = append(buf, '\n')
		b.Write(buf)
	}
	return b.Bytes()
})

func newBenchCounter(b *testing.B) *activefile.Counter {
	_, ids := benchData()
	c := &activefile.Counter{}
	for i, id := range ids {
		if r, _ := c.CentreRef(id); int(r) != i {
			b.Fatalf("CentreRef(%s) = %d, want %d", id, r, i)
		}
	}
	return c
}

// cpuTime returns the CPU time the process has used: on a loaded machine
// it is steadier than the elapsed time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The benchmarks loop on b.N rather than b.Loop: with b.Loop, the testing
// package of Go 1.26 runs the whole measurement in its first call, before
// it applies -cpu, so that -cpu 1 would still run on every processor. With
// b.N that first call runs once; give -benchtime 3x so that the figures
// come from the later calls, which do run under -cpu:
//
//	go test -run XXX -bench . -benchmem -benchtime 3x -cpu 1,2 ./network/activefile

func reportPairs(b *testing.B, c *activefile.Counter, records int, cpu time.Duration) {
	pairs, bytes := activefile.Pairs(c)
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(records)*float64(b.N)/cpu.Seconds(), "records/cpu-s")
	b.ReportMetric(float64(bytes)/float64(pairs), "B/pair")
	b.ReportMetric(float64(pairs), "pairs")
}

// BenchmarkAddKeys is the fast path on one goroutine, records in random
// order.
func BenchmarkAddKeys(b *testing.B) {
	ks := benchKeys()
	var c *activefile.Counter
	b.SetBytes(int64(len(ks)) * int64(unsafe.Sizeof(ks[0])))
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = newBenchCounter(b)
		if err := c.AddKeys(ks); err != nil {
			b.Fatal(err)
		}
	}
	reportPairs(b, c, len(ks), cpuTime()-cpu)
}

// BenchmarkAddKeysParallel is the fast path on GOMAXPROCS goroutines (vary
// it with -cpu 1,2).
func BenchmarkAddKeysParallel(b *testing.B) {
	ks := benchKeys()
	var c *activefile.Counter
	b.SetBytes(int64(len(ks)) * int64(unsafe.Sizeof(ks[0])))
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = newBenchCounter(b)
		if err := c.AddKeysParallel(ks, runtime.GOMAXPROCS(0)); err != nil {
			b.Fatal(err)
		}
	}
	reportPairs(b, c, len(ks), cpuTime()-cpu)
}

// BenchmarkAddKeysUnstaged adds the keys in their order, without sorting
// them by centre first: the cost of a cache and TLB miss a record.
func BenchmarkAddKeysUnstaged(b *testing.B) {
	ks := benchKeys()
	var c *activefile.Counter
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = newBenchCounter(b)
		activefile.AddKeysDirect(c, ks)
	}
	reportPairs(b, c, len(ks), cpuTime()-cpu)
}

// BenchmarkAddKeysByCentre adds the records grouped by centre, as
// per-centre exports put end to end are.
func BenchmarkAddKeysByCentre(b *testing.B) {
	ks := slices.Clone(benchKeys())
	slices.SortStableFunc(ks, func(x, y activefile.Key) int { return int(x.Centre) - int(y.Centre) })
	var c *activefile.Counter
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = newBenchCounter(b)
		if err := c.AddKeys(ks); err != nil {
			b.Fatal(err)
		}
	}
	reportPairs(b, c, len(ks), cpuTime()-cpu)
}

// BenchmarkAddBatch adds Records: pseudonyms hashed, centres looked up,
// years computed from dates.
func BenchmarkAddBatch(b *testing.B) {
	rs, ids := benchData()
	recs := make([]activefile.Record, len(rs))
	jan1 := labelling.MakeDate(benchFirst, 1, 1)
	names := make([]string, benchPatients)
	for p := range names {
		names[p] = pseudonym(int32(p))
	}
	for i, r := range rs {
		recs[i] = activefile.Record{Centre: ids[r.centre], Patient: names[r.patient], Date: jan1.AddDate(int(r.year)-benchFirst, 0, int(r.day))}
	}
	var c *activefile.Counter
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = &activefile.Counter{}
		if err := c.AddBatch(recs); err != nil {
			b.Fatal(err)
		}
	}
	reportPairs(b, c, len(recs), cpuTime()-cpu)
}

// BenchmarkReadCSV parses and counts a CSV file held in memory, on
// GOMAXPROCS workers (vary it with -cpu 1,2).
func BenchmarkReadCSV(b *testing.B) {
	data := benchCSV()
	rs, ids := benchData()
	opts := activefile.ReadOptions{Workers: runtime.GOMAXPROCS(0), Known: activefile.InSet(ids...)}
	b.SetBytes(int64(len(data)))
	var c *activefile.Counter
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		c = &activefile.Counter{}
		st, err := c.ReadCSV(bytes.NewReader(data), opts)
		if err != nil {
			b.Fatal(err)
		}
		if st.Records != len(rs) {
			b.Fatalf("ReadCSV() read %d records, want %d", st.Records, len(rs))
		}
	}
	cpu = cpuTime() - cpu
	reportPairs(b, c, len(rs), cpu)
	b.ReportMetric(float64(len(data))*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
}

// BenchmarkResult computes the result of the full counter.
func BenchmarkResult(b *testing.B) {
	c := newBenchCounter(b)
	if err := c.AddKeys(benchKeys()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if r := c.Result(); r.Len() == 0 {
			b.Fatal("empty result")
		}
	}
}
