package activefile

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/rarenet/rarenet/network"
)

// Columns names the columns of a records file by their header names. A
// zero field takes its default.
type Columns struct {
	Centre  string // the centre ID; default "centre"
	Patient string // the patient's pseudonym; default "patient"
	Date    string // the day of the contact, YYYY-MM-DD; default "date"
	// Kind is the optional column of the kind of contact; default "kind".
	// It may be absent from the header. Its values are not checked and do
	// not change the counts: every line is one contact.
	Kind string
}

// DefaultColumns returns the default column names, the header
// `centre,patient,date,kind`.
func DefaultColumns() Columns {
	return Columns{Centre: "centre", Patient: "patient", Date: "date", Kind: "kind"}
}

func (c Columns) withDefaults() Columns {
	d := DefaultColumns()
	return Columns{
		Centre:  cmpOr(c.Centre, d.Centre),
		Patient: cmpOr(c.Patient, d.Patient),
		Date:    cmpOr(c.Date, d.Date),
		Kind:    cmpOr(c.Kind, d.Kind),
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// MaxLineLen is the longest line a records file may have, in bytes,
// without its line end; a record whose quoted fields span lines counts
// all of them. A longer line is a bad line.
const MaxLineLen = 64 << 10

// MaxProblems is the number of skipped lines whose errors
// [ReadStats.Problems] keeps.
const MaxProblems = 100

// ReadOptions configure [Counter.ReadCSV]. The zero ReadOptions read the
// default columns, accept every centre ID, stop at the first bad line and
// parse in the calling goroutine.
type ReadOptions struct {
	// Columns names the header's columns.
	Columns Columns
	// Known reports whether a centre ID names a known centre; nil
	// accepts every non-empty ID. It is called once per distinct ID and
	// per worker (more often for IDs it rejects, past a thousand of them),
	// never concurrently. [InNetwork] and [InSet] make one.
	Known func(network.CentreID) bool `json:"-"`
	// SkipBad skips bad lines, counting them in [ReadStats.Skipped],
	// instead of failing on the first one. A bad header is always an
	// error.
	SkipBad bool
	// Workers is the number of goroutines that parse and count in
	// parallel, on chunks of the input split at newlines (1 MiB each);
	// 0 or 1 parses in the calling goroutine: the default, and the
	// fastest on two cores (the package documentation says why). The
	// result does not depend on it. Each worker counts into tables of its
	// own, merged at the end, and holds up to 30 MiB of buffers.
	Workers int

	chunk int // bytes per chunk; defaultChunk when 0 (set by tests)
}

const defaultChunk = 1 << 20

// InNetwork returns a Known function that accepts the centres of n.
func InNetwork(n *network.Network) func(network.CentreID) bool {
	return func(id network.CentreID) bool {
		_, ok := n.Centre(id)
		return ok
	}
}

// InSet returns a Known function that accepts the given centre IDs.
func InSet(ids ...network.CentreID) func(network.CentreID) bool {
	set := make(map[network.CentreID]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return func(id network.CentreID) bool { return set[id] }
}

// ReadStats tell what [Counter.ReadCSV] read.
type ReadStats struct {
	Records int // records counted
	Skipped int // bad lines skipped (with SkipBad)
	// Problems holds the errors (*LineError) of the first MaxProblems
	// skipped lines, in line order.
	Problems []error
}

// ReadCSV reads activity records from a CSV file and adds them to c. See
// the package documentation for the format.
//
// Errors: a *LineError wrapping [ErrHeader] for a bad header (or an empty
// input, or lines ended by CR alone); unless opts.SkipBad, a *LineError
// for the first bad line (in line order), wrapping [ErrSyntax],
// [ErrEmpty], [ErrUnknownCentre] or [ErrBadDate]; an error naming the
// column for invalid opts.Columns; the reader's own error. On error c is
// left unchanged and the stats are zero. No error quotes a pseudonym: the
// only value an error quotes is an unknown centre ID.
func (c *Counter) ReadCSV(r io.Reader, opts ReadOptions) (ReadStats, error) {
	cols := opts.Columns.withDefaults()
	names := []string{cols.Centre, cols.Patient, cols.Date, cols.Kind}
	for i, a := range names {
		if slices.Contains(names[i+1:], a) {
			return ReadStats{}, fmt.Errorf("activefile: columns: %q names two columns", a)
		}
	}
	rs := &readState{
		cols:    cols,
		known:   &knownSet{f: opts.Known},
		skip:    opts.SkipBad,
		workers: max(opts.Workers, 1),
		chunk:   cmp0(opts.chunk, defaultChunk),
	}
	rs.errLine.Store(math.MaxInt64)
	got, stats, err := rs.run(r)
	if err != nil {
		return ReadStats{}, err
	}
	if len(c.ids) == 0 {
		*c = *got // spare copying the tables
	} else {
		c.Merge(got)
	}
	return stats, nil
}

func cmp0(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// knownSet serialises the calls to a Known function.
type knownSet struct {
	mu sync.Mutex
	f  func(network.CentreID) bool
}

func (k *knownSet) ok(id string) bool {
	if k.f == nil {
		return true
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.f(network.CentreID(id))
}
