package csvtable_test

import (
	"testing"

	"github.com/rarenet/rarenet/network/csvtable"
	"github.com/rarenet/rarenet/network/networktest"
)

// BenchmarkRoundTrip writes a national-scale network (1,000 centres) as
// tables in memory and reads them back.
func BenchmarkRoundTrip(b *testing.B) {
	n := networktest.Scale(1000, 1, 0)
	b.ReportAllocs()
	for b.Loop() {
		fsys := toFS(b, n)
		if _, err := csvtable.ReadFS(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
