package rules_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// BenchmarkCheckNational audits a national-scale network (2,500 centres,
// about the size of the real one, with realistic defects: about 1.8
// findings per centre) with the whole catalogue, coverage included: the
// target is under a millisecond on one core.
func BenchmarkCheckNational(b *testing.B) {
	n := networktest.Scale(2500, 1, networktest.RealisticDefects)
	cfg := rules.DefaultConfig()
	cfg.Coverage = true
	benchCheck(b, n, cfg)
}

// BenchmarkCheckScale audits networks of 1e3 to 1e6 centres (1e6 only
// without -short) with the default configuration, and reports the time per
// centre, which should stay within 1.5x across sizes.
func BenchmarkCheckScale(b *testing.B) {
	for exp := 3; exp <= 6; exp++ {
		size := 1
		for range exp {
			size *= 10
		}
		b.Run(fmt.Sprintf("1e%d", exp), func(b *testing.B) {
			if size >= 1e6 && testing.Short() {
				b.Skip("1e6 centres only without -short")
			}
			n := networktest.Scale(size, 1, networktest.RealisticDefects)
			benchCheck(b, n, rules.DefaultConfig())
		})
	}
}

func benchCheck(b *testing.B, n *network.Network, cfg rules.Config) {
	b.Helper()
	r, err := rules.Check(n, networktest.ScaleAt, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := rules.CPUTime()
	for b.Loop() {
		if _, err := rules.Check(n, networktest.ScaleAt, cfg); err != nil {
			b.Fatal(err)
		}
	}
	// Metrics are reported after the loop: ResetTimer and the first call
	// of b.Loop clear those reported before.
	b.ReportMetric(float64(r.Len())/float64(n.NumCentres()), "findings/centre")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "ns/centre")
	// On a busy machine wall time overstates the cost: report the CPU time
	// the process spent (garbage collection included) too.
	if cpu1, ok := rules.CPUTime(); ok && cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkCheckDocument audits the rarenet/1 document named by the
// environment variable RARENET_BENCH_DOC (skipped without it) on the day
// RARENET_BENCH_AT names (2020-01-01 by default), with the default
// configuration: a way to measure the engine on documents made elsewhere,
// such as generated national-scale networks with their natural defects.
func BenchmarkCheckDocument(b *testing.B) {
	data, at := benchDocument(b)
	n := decodeBench(b, data)
	r, err := rules.Check(n, at, rules.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0, cpuOK := rules.CPUTime()
	for b.Loop() {
		if _, err := rules.Check(n, at, rules.DefaultConfig()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.Len()), "findings")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "ns/centre")
	if cpu1, ok := rules.CPUTime(); ok && cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkCheckFirstDocument is BenchmarkCheckDocument on a network
// never audited before: what a program that decodes a document and
// audits it once pays, the network's date-independent tables and the
// static rules' findings included. Each audit gets a freshly decoded
// network (decoding is not timed).
func BenchmarkCheckFirstDocument(b *testing.B) {
	data, at := benchDocument(b)
	b.ReportAllocs()
	var cpu time.Duration
	cpuOK := true
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		n := decodeBench(b, data)
		b.StartTimer()
		cpu0, ok0 := rules.CPUTime()
		if _, err := rules.Check(n, at, rules.DefaultConfig()); err != nil {
			b.Fatal(err)
		}
		cpu1, ok1 := rules.CPUTime()
		cpu += cpu1 - cpu0
		cpuOK = cpuOK && ok0 && ok1
	}
	if cpuOK {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// benchDocument returns the document named by RARENET_BENCH_DOC (the
// benchmark is skipped without it) and the audit date RARENET_BENCH_AT
// names (2020-01-01 by default).
func benchDocument(b *testing.B) ([]byte, labelling.Date) {
	path := os.Getenv("RARENET_BENCH_DOC")
	if path == "" {
		b.Skip("set RARENET_BENCH_DOC to a rarenet/1 document to audit")
	}
	at := labelling.MakeDate(2020, time.January, 1)
	if s := os.Getenv("RARENET_BENCH_AT"); s != "" {
		d, err := labelling.ParseDate(s)
		if err != nil {
			b.Fatal(err)
		}
		at = d
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data, at
}

// decodeBench decodes a benchmark's document.
func decodeBench(b *testing.B, data []byte) *network.Network {
	n, err := network.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkCheckRead audits the national-scale network of
// BenchmarkCheckNational and reads the report as programs do: its summary
// only (which builds no finding), every finding (All), or the JSON
// document: what an audit costs once its findings are read.
func BenchmarkCheckRead(b *testing.B) {
	n := networktest.Scale(2500, 1, networktest.RealisticDefects)
	cfg := rules.DefaultConfig()
	cfg.Coverage = true
	read := map[string]func(rules.Report) error{
		"summary": func(r rules.Report) error { _ = r.Summary(); return nil },
		"all": func(r rules.Report) error {
			for f := range r.All() {
				_ = f
			}
			return nil
		},
		"json": func(r rules.Report) error { return r.WriteJSON(io.Discard, "national.json") },
	}
	for _, name := range []string{"summary", "all", "json"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, cpuOK := rules.CPUTime()
			for b.Loop() {
				r, err := rules.Check(n, networktest.ScaleAt, cfg)
				if err == nil {
					err = read[name](r)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			if cpu1, ok := rules.CPUTime(); ok && cpuOK {
				b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
