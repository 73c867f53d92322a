package fhir_test

import (
	"io"
	"testing"

	"github.com/rarenet/rarenet/network/fhir"
	"github.com/rarenet/rarenet/network/networktest"
)

// BenchmarkEncode writes the bundle of a national-scale network (1,000
// centres).
func BenchmarkEncode(b *testing.B) {
	n := networktest.Scale(1000, 1, 0)
	b.ReportAllocs()
	for b.Loop() {
		if err := fhir.Encode(io.Discard, n, fhir.Options{At: networktest.ScaleAt}); err != nil {
			b.Fatal(err)
		}
	}
}
