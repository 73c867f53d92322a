package labelling_test

import (
	"time"

	"github.com/rarenet/rarenet/labelling"
	"pgregory.net/rapid"
)

var (
	firstDay = labelling.MakeDate(labelling.MinYear, time.January, 1)
	lastDay  = labelling.MakeDate(labelling.MaxYear, time.December, 31)
)

// genDate draws any representable date, with a bias towards the years of
// the network, where labels cluster.
func genDate() *rapid.Generator[labelling.Date] {
	return rapid.OneOf(
		rapid.Custom(func(t *rapid.T) labelling.Date {
			return firstDay.AddDays(rapid.IntRange(0, lastDay.Sub(firstDay)).Draw(t, "n"))
		}),
		genNear(),
	)
}

// genNear draws a date between 1995 and 2035.
func genNear() *rapid.Generator[labelling.Date] {
	base := labelling.MustParseDate("1995-01-01")
	return rapid.Custom(func(t *rapid.T) labelling.Date {
		return base.AddDays(rapid.IntRange(0, 40*366).Draw(t, "days"))
	})
}

// genWindow draws a non-empty window, short or long, in the years of the
// network.
func genWindow() *rapid.Generator[labelling.Window] {
	return rapid.Custom(func(t *rapid.T) labelling.Window {
		s := genNear().Draw(t, "start")
		n := rapid.OneOf(rapid.IntRange(1, 40), rapid.IntRange(1, 3*366)).Draw(t, "len")
		return labelling.MustWindow(s, s.AddDays(n))
	})
}
