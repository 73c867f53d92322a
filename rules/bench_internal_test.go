package rules

import (
	"fmt"
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
