//go:build unix

package main

import (
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
)

// BenchmarkAuditDocument runs the audit program on the rarenet/1
// document named by the environment variable RARENET_BENCH_DOC (skipped
// without it), in each output format, as `audit -network FILE -format F`
// does: reading and decoding the file with positions, the audit, and the
// report written.
func BenchmarkAuditDocument(b *testing.B) {
	path := os.Getenv("RARENET_BENCH_DOC")
	if path == "" {
		b.Skip("set RARENET_BENCH_DOC to a rarenet/1 document to audit")
	}
	for _, format := range []string{"text", "json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			for b.Loop() {
				args := []string{"-network", path, "-at", "2020-01-01", "-format", format, "-fail-on", "never"}
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard, fixedNow); code != 0 {
					b.Fatalf("exit status %d", code)
				}
			}
			// On a busy machine wall time overstates the cost: report the
			// CPU time the process spent (garbage collection included) too.
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru1) == nil {
				cpu := ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()
				b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
