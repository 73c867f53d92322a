package network_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// scaleDocument is the document of a national-scale network with
// realistic defects (2,500 centres), encoded once.
var scaleDocument = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	err := network.Encode(&buf, networktest.Scale(2500, 1, networktest.RealisticDefects))
	return buf.Bytes(), err
})

// BenchmarkLiveHeapScale reports the heap a network decoded from a
// national-scale document keeps, per centre (the goal: at most 1 KiB),
// and how long reading every centre through the views takes.
func BenchmarkLiveHeapScale(b *testing.B) {
	doc, err := scaleDocument()
	if err != nil {
		b.Fatal(err)
	}
	live, centres := liveHeap(b, doc)
	n, err := network.Decode(bytes.NewReader(doc))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	sum := 0
	for b.Loop() {
		for i := range n.NumCentres() {
			c := n.CentreAt(i)
			for k := range c.NumActivity() {
				sum += c.Activity(k).Patients
			}
			sum += c.NumLabels()
		}
	}
	b.ReportMetric(float64(live)/float64(centres), "live-B/centre")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n.NumCentres()), "view-ns/centre")
	_ = sum
}

// BenchmarkCentres compares reading every centre as values (copies) with
// reading it through views.
func BenchmarkCentres(b *testing.B) {
	n := networktest.Scale(2500, 1, networktest.RealisticDefects)
	b.Run("values", func(b *testing.B) {
		b.ReportAllocs()
		sum := 0
		for b.Loop() {
			for c := range n.Centres() {
				sum += len(c.Labels) + len(c.Activity)
			}
		}
		_ = sum
	})
	b.Run("labels", func(b *testing.B) { // every label read through the views, as a rule engine does
		b.ReportAllocs()
		var sum int
		var buf []labelling.Label
		for b.Loop() {
			for i := range n.NumCentres() {
				buf = n.CentreAt(i).AppendLabels(buf[:0])
				for _, l := range buf {
					sum += l.End().Year() + l.NumEvents()
				}
			}
		}
		_ = sum
	})
	b.Run("views", func(b *testing.B) {
		b.ReportAllocs()
		sum := 0
		for b.Loop() {
			for i := range n.NumCentres() {
				c := n.CentreAt(i)
				sum += c.NumLabels() + c.NumActivity()
			}
		}
		_ = sum
	})
}
