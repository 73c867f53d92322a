package analysis_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/typology"
)

// national is a generated network of national scale: 2,500 centres.
var national = sync.OnceValue(func() *network.Network { return networktest.Scale(2500, 1, 0) })

// BenchmarkCover builds the coverage matrices and the gaps with their
// nearest regions and centres.
func BenchmarkCover(b *testing.B) {
	n := national()
	at := labelling.MustParseDate("2024-06-01")
	for b.Loop() {
		_ = analysis.Cover(n, at).Gaps()
	}
}

// BenchmarkTimeline20Years counts the centres in force on 20 dates.
func BenchmarkTimeline20Years(b *testing.B) {
	n := national()
	dates := analysis.YearlyDates(2005, 2024, time.December, 31)
	for b.Loop() {
		_ = analysis.Timeline(n, dates...)
	}
}

// BenchmarkChanges lists every change of 20 years.
func BenchmarkChanges(b *testing.B) {
	n := national()
	w := labelling.MustWindow(labelling.MustParseDate("2005-01-01"), labelling.MustParseDate("2025-01-01"))
	for b.Loop() {
		_ = analysis.Changes(n, w)
	}
}

// BenchmarkStatistics computes every statistic of the package.
func BenchmarkStatistics(b *testing.B) {
	n := national()
	at := labelling.MustParseDate("2024-06-01")
	for b.Loop() {
		_ = analysis.ActiveFiles(n)
		_, _ = analysis.SectorSizes(n, at)
		_ = analysis.LabelDurations(n)
		_ = analysis.RenewalDelays(n)
	}
}

// BenchmarkSVG draws the three pictures.
func BenchmarkSVG(b *testing.B) {
	n := national()
	at := labelling.MustParseDate("2024-06-01")
	cov := analysis.Cover(n, at)
	pts := analysis.Timeline(n, analysis.YearlyDates(2005, 2024, time.December, 31)...)
	for b.Loop() {
		var w discard
		_ = analysis.TimelineSVG(&w, pts, analysis.Chart{})
		_ = analysis.HeatmapSVG(&w, cov, 0, analysis.Chart{})
		_ = analysis.MapSVG(&w, cov, 12, 0, analysis.Chart{})
	}
}

type discard struct{}

func (*discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkOnlyMarks describes the network and keeps the labels of two
// marks: the cost -marks adds to every analysis.
func BenchmarkOnlyMarks(b *testing.B) {
	n := national()
	marks := []typology.Mark{typology.MarkVerified, typology.MarkInferred}
	for b.Loop() {
		_ = analysis.Describe(n, "national", marks...)
		if _, err := analysis.OnlyMarks(n, marks...); err != nil {
			b.Fatal(err)
		}
	}
}
