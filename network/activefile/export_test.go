package activefile

// SetChunk sets the bytes per chunk of the CSV reader, to test the
// splitting on tiny inputs.
func SetChunk(o *ReadOptions, n int) { o.chunk = n }

// Pairs returns the number of distinct (centre, patient) pairs of c and
// the bytes their tables take.
func Pairs(c *Counter) (n, bytes int) { return c.pairs() }

// ParseYear exposes the date parser of the fast path.
var ParseYear = parseYear

// AddKeysDirect adds keys in their order, never staged.
func AddKeysDirect(c *Counter, ks []Key) {
	for len(ks) > 0 {
		seg := ks[:min(len(ks), stageMin)]
		ks = ks[len(seg):]
		c.addDirect(seg)
	}
}
