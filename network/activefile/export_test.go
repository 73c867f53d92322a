package activefile

import (
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile/internal/csvscan"
)

// SetChunk sets the bytes per chunk of the CSV reader, to test the
// splitting on tiny inputs.
func SetChunk(o *ReadOptions, n int) { o.chunk = n }

// Pairs returns the number of distinct (centre, patient) pairs of c and
// the bytes their tables take.
func Pairs(c *Counter) (n, bytes int) { return c.tab.Pairs() }

// ParseYear is the date parser of the fast path.
func ParseYear(b []byte) (int32, bool) {
	return csvscan.ParseYear(b, network.MinActivityYear, network.MaxActivityYear)
}

// AddKeysDirect adds keys in their order, never staged.
func AddKeysDirect(c *Counter, ks []Key) { c.tab.AddDirect(engineKeys(ks)) }
