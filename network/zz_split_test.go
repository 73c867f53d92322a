package network_test


import (
	"bytes"
	"os"
	"testing"

	"github.com/rarenet/rarenet/network"
)

func BenchmarkZBytes(b *testing.B) {
	doc, err := os.ReadFile(os.Getenv("RARENET_BENCH_DOC"))
	if err != nil {
		b.Skip(err)
	}
	for _, pos := range []bool{false, true} {
		name := "plain"
		if pos {
			name = "pos"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			j := 0
			for b.Loop() {
				d := network.NewBytesDecoder(doc)
				d.RecordPositions = pos
				if _, err = d.Decode(); err != nil {
					b.Fatal(err)
				}
				if network.Joined(d) {
					j++
				}
			}
			b.ReportMetric(float64(j)/float64(b.N), "joined")
		})
	}
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err = network.Decode(bytes.NewReader(doc)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
