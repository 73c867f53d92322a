package rules

import (
	"fmt"
	"runtime/metrics"
	"testing"

	"github.com/rarenet/rarenet/network/networktest"
)

// BenchmarkCheckUncached is BenchmarkCheckScale without the network's
// cache of the date-independent findings: what the first audit of a
// network costs (later audits of the same network take those findings
// from the cache).
func BenchmarkCheckUncached(b *testing.B) {
	for _, size := range []int{2500, 25000, 100000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			if size > 25000 && testing.Short() {
				b.Skip("above 25,000 centres only without -short")
			}
			n := networktest.Scale(size, 1, networktest.RealisticDefects)
			cfg := DefaultConfig()
			sel, err := cfg.selectRules(catalogue[:])
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				run(n, networktest.ScaleAt, cfg, sel, false)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "ns/centre")
		})
	}
}

// BenchmarkEngine is BenchmarkCheckScale without building the findings:
// what the rules cost over the network (the index and the compact records
// they keep), with the network's cache warm as in every audit but the
// first. The time per centre should stay flat from 1e3 to 1e6 centres.
func BenchmarkEngine(b *testing.B) {
	sizes := []struct {
		name string
		size int
	}{{"1e3", 1e3}, {"1e4", 1e4}, {"1e5", 1e5}, {"1e6", 1e6}}
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			if s.size >= 1e6 && testing.Short() {
				b.Skip("1e6 centres only without -short")
			}
			n := networktest.Scale(s.size, 1, networktest.RealisticDefects)
			cfg := DefaultConfig()
			sel, _ := cfg.selectRules(catalogue[:])
			run(n, networktest.ScaleAt, cfg, sel, true) // fills the cache
			b.ReportAllocs()
			cpu0, cpuOK := cpuTime()
			gc0 := gcCPU()
			for b.Loop() {
				audit(n, networktest.ScaleAt, cfg, sel, true)
			}
			// The collector's share: it marks the whole network each cycle,
			// and the audit's allocations decide how often it runs.
			b.ReportMetric(float64(gcCPU()-gc0)/float64(b.N)/float64(n.NumCentres()), "gc-cpu-ns/centre")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "ns/centre")
			// On a busy machine wall time overstates the cost: the process's
			// CPU time (garbage collection included) is what to compare.
			if cpu1, ok := cpuTime(); ok && cpuOK {
				b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "cpu-ns/centre")
			}
		})
	}
}

// gcCPU returns the CPU time the garbage collector has used so far, in
// nanoseconds.
func gcCPU() float64 {
	m := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return m[0].Value.Float64() * 1e9
}
