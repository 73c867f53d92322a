package rules_test

import (
	"os"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
)

func BenchmarkCheckFile(b *testing.B) {
	for _, p := range []string{"/tmp/nat2500.json", "/tmp/nat25k.json"} {
		f, err := os.Open(p)
		if err != nil {
			b.Skip(err)
		}
		n, err := network.Decode(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		at := labelling.MakeDate(2020, 1, 1)
		b.Run(p, func(b *testing.B) {
			r, _ := rules.Check(n, at, rules.DefaultConfig())
			b.ReportAllocs()
			c0, _ := cpuTime()
			for b.Loop() {
				rules.Check(n, at, rules.DefaultConfig())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "ns/centre")
			b.ReportMetric(float64(len(r.Findings)), "findings")
			c1, _ := cpuTime()
			b.ReportMetric(float64((c1-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
