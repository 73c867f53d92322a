package activefile

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

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

// MaxLineLen is the longest line a records file may have, in bytes.
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
	Known func(network.CentreID) bool
	// SkipBad skips bad lines, counting them in [ReadStats.Skipped],
	// instead of failing on the first one. A bad header is always an
	// error.
	SkipBad bool
	// Workers is the number of goroutines that parse and count in
	// parallel, on chunks of the input split at newlines (1 MiB each);
	// 0 or 1 parses in the calling goroutine. The result does not depend
	// on it. Each worker counts into tables of its own, merged at the
	// end, and holds up to 30 MiB of buffers.
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
// input); unless opts.SkipBad, a *LineError for the first bad line (in
// line order), wrapping [ErrSyntax], [ErrEmpty], [ErrUnknownCentre] or
// [ErrBadDate]; an error naming the column for invalid opts.Columns; the
// reader's own error. On error c is left unchanged and the stats are
// zero. No error quotes the input.
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
		*c = *got
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

// layout locates the mapped columns in a line.
type layout struct {
	nf                     int // fields per line
	centre, patient, date  int
	centreN, patientN, dtN string // their header names
}

type readState struct {
	cols    Columns
	known   *knownSet
	skip    bool
	workers int
	chunk   int
	lay     layout
	// errLine is the smallest line with an error found so far (strict
	// mode): chunks that start after it need no parsing.
	errLine atomic.Int64
}

var errLineTooLong = fmt.Errorf("%w: line longer than %d bytes", ErrSyntax, MaxLineLen)

var bom = []byte("\xef\xbb\xbf")

func (rs *readState) run(r io.Reader) (*Counter, ReadStats, error) {
	sp := &splitter{r: r, chunk: rs.chunk, line: 1}
	pool := &bufPool{size: rs.chunk + MaxLineLen, max: rs.workers + 2}
	main := rs.newParser()
	parsers := []*parser{main}

	// The header: the first line that is not blank.
	buf := pool.get()
	var data []byte
	var line int
	first := true
	for {
		var err error
		data, line, err = sp.next(buf)
		if err == io.EOF {
			return nil, ReadStats{}, &LineError{Line: sp.line, Err: fmt.Errorf("%w: no header (empty input)", ErrHeader)}
		}
		if err != nil {
			return nil, ReadStats{}, err
		}
		if first {
			data, first = bytes.TrimPrefix(data, bom), false
		}
		for len(data) > 0 {
			l, _, _ := bytes.Cut(data, []byte{'\n'})
			if len(bytes.TrimSuffix(l, []byte{'\r'})) > 0 {
				break
			}
			data = data[min(len(l)+1, len(data)):]
			line++
		}
		if len(data) > 0 {
			break
		}
	}
	hdr, rest, _ := bytes.Cut(data, []byte{'\n'})
	if bytes.IndexByte(hdr, '"') >= 0 {
		// A quoted header: encoding/csv reads everything.
		err := main.readQuoted(io.MultiReader(bytes.NewReader(data), bytes.NewReader(sp.carry), sp.r), line, true)
		return rs.finish(parsers, err)
	}
	fields := bytes.Split(bytes.TrimSuffix(hdr, []byte{'\r'}), []byte{','})
	hs := make([]string, len(fields))
	for i, f := range fields {
		hs[i] = string(f)
	}
	if err := rs.setHeader(hs, line); err != nil {
		return nil, ReadStats{}, err
	}
	main.lay = rs.lay
	data, line = rest, line+1

	// The records, chunk by chunk.
	var (
		chunks chan chunk
		wg     sync.WaitGroup
	)
	if rs.workers > 1 {
		chunks = make(chan chunk, rs.workers)
		for range rs.workers {
			p := rs.newParser()
			parsers = append(parsers, p)
			wg.Go(func() {
				for ch := range chunks {
					if rs.skip || int64(ch.line) < rs.errLine.Load() {
						p.chunk(ch.data, ch.line)
					}
					if ch.buf != nil {
						pool.put(ch.buf)
					}
				}
				p.flush()
			})
		}
	}
	dispatch := func(data []byte, line int, buf []byte) {
		if len(data) == 0 {
			if buf != nil {
				pool.put(buf)
			}
			return
		}
		if chunks == nil {
			main.chunk(data, line)
			if buf != nil {
				pool.put(buf)
			}
			return
		}
		chunks <- chunk{data, line, buf}
	}
	var err error
	for {
		if q := bytes.IndexByte(data, '"'); q >= 0 {
			// A quoted field: encoding/csv reads the rest, from the
			// start of its line. The buffer stays with it.
			ls := bytes.LastIndexByte(data[:q], '\n') + 1
			dispatch(data[:ls], line, nil)
			qline := line + bytes.Count(data[:ls], []byte{'\n'})
			if chunks != nil {
				close(chunks)
				wg.Wait()
				chunks = nil
			}
			if rs.skip || rs.errLine.Load() == math.MaxInt64 {
				err = main.readQuoted(io.MultiReader(bytes.NewReader(data[ls:]), bytes.NewReader(sp.carry), sp.r), qline, false)
			}
			break
		}
		dispatch(data, line, buf)
		if !rs.skip && rs.errLine.Load() != math.MaxInt64 {
			break
		}
		buf = pool.get()
		data, line, err = sp.next(buf)
		if err != nil {
			pool.put(buf)
			buf = nil
		}
		if err == io.EOF {
			err = nil
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			// A line too long: the splitter skips it.
			main.fail(le.Line, "", le.Err)
			data, err = nil, nil
			if !rs.skip {
				break
			}
			continue
		}
		if err != nil {
			break
		}
	}
	if chunks != nil {
		close(chunks)
		wg.Wait()
	}
	return rs.finish(parsers, err)
}

// finish gathers the parsers' counts and errors.
func (rs *readState) finish(parsers []*parser, err error) (*Counter, ReadStats, error) {
	if err != nil {
		return nil, ReadStats{}, err
	}
	var first *LineError
	var stats ReadStats
	for _, p := range parsers {
		if p.fatal != nil {
			return nil, ReadStats{}, p.fatal
		}
		if p.first != nil && (first == nil || p.first.Line < first.Line) {
			first = p.first
		}
		stats.Records += p.records
		stats.Skipped += p.skipped
		stats.Problems = append(stats.Problems, p.problems...)
	}
	if first != nil {
		return nil, ReadStats{}, first
	}
	slices.SortStableFunc(stats.Problems, func(a, b error) int {
		return a.(*LineError).Line - b.(*LineError).Line
	})
	if len(stats.Problems) > MaxProblems {
		stats.Problems = stats.Problems[:MaxProblems]
	}
	if len(stats.Problems) == 0 {
		stats.Problems = nil
	}
	counters := make([]*Counter, len(parsers))
	for i, p := range parsers {
		p.flush() // the workers' are empty: they flushed as they ended
		counters[i] = &p.cnt
	}
	return mergeAll(counters, rs.workers), stats, nil
}

// mergeAll merges the counters into the first, the centres shared out
// among workers goroutines.
func mergeAll(cs []*Counter, workers int) *Counter {
	dst := cs[0]
	for _, c := range cs[1:] {
		if len(dst.ids) == 0 {
			dst, c = c, dst
		}
		if len(c.ids) == 0 {
			continue
		}
		to := make([]CentreRef, len(c.ids))
		for j, id := range c.ids {
			to[j] = dst.intern(string(id))
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for j, i := range to {
					if int(i)%workers == w {
						dst.centres[i].merge(&c.centres[j])
					}
				}
			})
		}
		wg.Wait()
	}
	return dst
}

// setHeader maps the configured columns to the header's fields.
func (rs *readState) setHeader(fields []string, line int) error {
	pos := func(name string, required bool) (int, error) {
		i := slices.Index(fields, name)
		switch {
		case i < 0 && required:
			return -1, &LineError{Line: line, Column: name, Err: fmt.Errorf("%w: no such column", ErrHeader)}
		case i >= 0 && slices.Contains(fields[i+1:], name):
			return -1, &LineError{Line: line, Column: name, Err: fmt.Errorf("%w: column named twice", ErrHeader)}
		}
		return i, nil
	}
	var errs [4]error
	c := rs.cols
	rs.lay.nf = len(fields)
	rs.lay.centre, errs[0] = pos(c.Centre, true)
	rs.lay.patient, errs[1] = pos(c.Patient, true)
	rs.lay.date, errs[2] = pos(c.Date, true)
	_, errs[3] = pos(c.Kind, false)
	rs.lay.centreN, rs.lay.patientN, rs.lay.dtN = c.Centre, c.Patient, c.Date
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

type chunk struct {
	data []byte
	line int
	buf  []byte // to give back to the pool, or nil
}

// bufPool hands out up to max buffers, allocated on demand.
type bufPool struct {
	size, max int
	n         int
	mu        sync.Mutex
	free      chan []byte
}

func (p *bufPool) get() []byte {
	p.mu.Lock()
	if p.free == nil {
		p.free = make(chan []byte, p.max)
	}
	select {
	case b := <-p.free:
		p.mu.Unlock()
		return b
	default:
	}
	if p.n < p.max {
		p.n++
		p.mu.Unlock()
		return make([]byte, 0, p.size)
	}
	free := p.free
	p.mu.Unlock()
	return <-free
}

func (p *bufPool) put(b []byte) { p.free <- b[:0] }

// A splitter cuts its input into runs of whole lines.
type splitter struct {
	r       io.Reader
	chunk   int
	carry   []byte // the start of a line not yet complete
	line    int    // the number of the next line it returns
	eof     bool
	discard bool // skipping the rest of a line too long
}

// next reads into buf (from its start) the next run of whole lines, about
// chunk bytes long, and returns it with the number of its first line; the
// last line of the input may lack its newline. At the end of the input it
// returns io.EOF. A line longer than the buffer gives a *LineError; the
// next call goes on after that line.
func (s *splitter) next(buf []byte) ([]byte, int, error) {
	for s.discard {
		buf = buf[:0]
		if s.eof {
			s.discard = false
			break
		}
		n, err := s.fill(buf[:cap(buf)])
		buf = buf[:n]
		if err != nil {
			return nil, 0, err
		}
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			s.discard = false
			s.line++
			s.carry = append(s.carry[:0], buf[i+1:]...)
		}
	}
	buf = append(buf[:0], s.carry...)
	s.carry = s.carry[:0]
	scanned := 0
	for !s.eof && len(buf) < cap(buf) {
		if len(buf) >= s.chunk && bytes.IndexByte(buf[scanned:], '\n') >= 0 {
			break
		}
		scanned = len(buf)
		n, err := s.fill(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			return nil, 0, err
		}
	}
	if len(buf) == 0 {
		return nil, 0, io.EOF
	}
	if !s.eof {
		k := bytes.LastIndexByte(buf, '\n')
		if k < 0 {
			s.discard = true
			return nil, 0, &LineError{Line: s.line, Err: errLineTooLong}
		}
		s.carry = append(s.carry, buf[k+1:]...)
		buf = buf[:k+1]
	}
	line := s.line
	s.line += bytes.Count(buf, []byte{'\n'})
	return buf, line, nil
}

// fill reads once into b, recording the end of the input.
func (s *splitter) fill(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if err == io.EOF {
		s.eof = true
		err = nil
	}
	return n, err
}

// A parser parses and counts lines; each worker has its own.
type parser struct {
	rs      *readState
	lay     layout
	known   *knownSet
	skip    bool
	cnt     Counter
	unknown map[string]bool // centre IDs known to be unknown, up to a bound
	index   []uint32        // centre references plus one, 0 for none; a power of two long

	records, skipped int
	problems         []error
	first            *LineError // strict mode: the error that stopped it
	fatal            error      // a bad header read by encoding/csv
	errLine          *atomic.Int64
	scratch          [3][]byte
	keys             []Key // parsed, not yet counted
	stage            stage
}

// keyBuffer is the number of keys a parser buffers before counting them
// (16 MiB): the more, the more the counting can gather a centre's keys.
const keyBuffer = 1 << 20

// flush counts the buffered keys.
func (p *parser) flush() {
	p.cnt.addKeys(p.keys, &p.stage)
	p.keys = p.keys[:0]
}

func (rs *readState) newParser() *parser {
	return &parser{rs: rs, lay: rs.lay, known: rs.known, skip: rs.skip, unknown: make(map[string]bool), errLine: &rs.errLine}
}

// chunk parses whole lines, the first numbered line. It returns false when
// it stops at a bad line.
//
// It finds the commas and newlines eight bytes at a time (SWAR): a line is
// one pass over its bytes, with no call per field.
func (p *parser) chunk(data []byte, line int) bool {
	var l lineState
	i := 0
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		for m := zeroBytes(w^commas) | zeroBytes(w^newlines); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if !p.sep(data, j, data[j] == '\n', &l, &line) {
				return false
			}
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c == ',' || c == '\n' {
			if !p.sep(data, i, c == '\n', &l, &line) {
				return false
			}
		}
	}
	if l.start < len(data) { // a last line without its newline
		return p.sep(data, len(data), true, &l, &line)
	}
	return true
}

const (
	commas   = 0x2c2c2c2c2c2c2c2c
	newlines = 0x0a0a0a0a0a0a0a0a
)

// zeroBytes returns the high bit of each byte of x that is zero, exactly.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((x&low7 + low7) | x | low7)
}

// lineState is where chunk is in the current line: the start of the line
// and of the current field, the number of fields seen, and the bounds of
// the mapped ones.
type lineState struct {
	start, field, n int
	cs, ce, ps, pe  int // centre, patient
	ds, de          int // date
}

// sep handles the separator at data[j], a comma, or the end of a line
// when nl (j may then be len(data)).
func (p *parser) sep(data []byte, j int, nl bool, l *lineState, line *int) bool {
	end := j
	if nl && end > l.field && data[end-1] == '\r' {
		end--
	}
	switch l.n {
	case p.lay.centre:
		l.cs, l.ce = l.field, end
	case p.lay.patient:
		l.ps, l.pe = l.field, end
	case p.lay.date:
		l.ds, l.de = l.field, end
	}
	l.n++
	l.field = j + 1
	if !nl {
		return true
	}
	ok := true
	switch ln := *line; {
	case end == l.start: // a blank line
	case end-l.start > MaxLineLen:
		ok = p.fail(ln, "", errLineTooLong)
	case l.n != p.lay.nf:
		ok = p.fail(ln, "", errFieldCount)
	default:
		ok = p.fields(data[l.cs:l.ce], data[l.ps:l.pe], data[l.ds:l.de], ln)
	}
	*line++
	l.start, l.n = j+1, 0
	return ok
}

var errFieldCount = fmt.Errorf("%w: %w", ErrSyntax, csv.ErrFieldCount)

// fields checks and counts one record.
func (p *parser) fields(centre, patient, date []byte, ln int) bool {
	if len(centre) == 0 {
		return p.fail(ln, p.lay.centreN, ErrEmpty)
	}
	ref, ok := p.centre(centre)
	if !ok {
		return p.fail(ln, p.lay.centreN, ErrUnknownCentre)
	}
	if len(patient) == 0 {
		return p.fail(ln, p.lay.patientN, ErrEmpty)
	}
	if len(date) == 0 {
		return p.fail(ln, p.lay.dtN, ErrEmpty)
	}
	y, ok := parseYear(date)
	if !ok {
		return p.fail(ln, p.lay.dtN, ErrBadDate)
	}
	p.keys = append(p.keys, Key{Patient: patientKeyOfBytes(patient), Centre: ref, Year: y})
	if len(p.keys) >= keyBuffer {
		p.flush()
	}
	p.records++
	return true
}

// centre returns the reference of a centre ID, interning it when known.
// Its own table of the centres interned, open addressing on a cheap hash
// of the ID's ends, spares the map's hashing.
func (p *parser) centre(b []byte) (CentreRef, bool) {
	h := cheapHash(b)
	m := uint64(len(p.index) - 1)
	for i := h & m; len(p.index) > 0; i = (i + 1) & m {
		e := p.index[i]
		if e == 0 {
			break
		}
		if string(p.cnt.ids[e-1]) == string(b) {
			return CentreRef(e - 1), true
		}
	}
	if p.unknown[string(b)] {
		return 0, false
	}
	id := string(b)
	if !p.known.ok(id) {
		if len(p.unknown) < 1024 {
			p.unknown[id] = true
		}
		return 0, false
	}
	r := p.cnt.intern(id)
	if 4*len(p.cnt.ids) > len(p.index) {
		p.index = make([]uint32, max(64, 2*len(p.index)))
		for j, id := range p.cnt.ids {
			p.insert(cheapHash([]byte(id)), CentreRef(j))
		}
	} else {
		p.insert(h, r)
	}
	return r, true
}

// insert adds centre r, of hash h, to the index.
func (p *parser) insert(h uint64, r CentreRef) {
	m := uint64(len(p.index) - 1)
	i := h & m
	for p.index[i] != 0 {
		i = (i + 1) & m
	}
	p.index[i] = uint32(r) + 1
}

// cheapHash mixes the first and last eight bytes of b and its length.
func cheapHash(b []byte) uint64 {
	var x uint64
	if n := len(b); n >= 8 {
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[n-8:]), 29)
	} else {
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	x ^= uint64(len(b))
	x *= 0x9e3779b97f4a7c15
	return x >> 32
}

// fail records a bad line; it returns false in strict mode, to stop.
func (p *parser) fail(ln int, col string, err error) bool {
	if !p.skip {
		if p.first == nil || ln < p.first.Line {
			p.first = &LineError{Line: ln, Column: col, Err: err}
		}
		for {
			old := p.errLine.Load()
			if int64(ln) >= old || p.errLine.CompareAndSwap(old, int64(ln)) {
				break
			}
		}
		return false
	}
	p.skipped++
	if len(p.problems) < MaxProblems {
		p.problems = append(p.problems, &LineError{Line: ln, Column: col, Err: err})
	}
	return true
}

// readQuoted reads the rest of the input with encoding/csv, its first
// line numbered line; header says whether that line is the header.
func (p *parser) readQuoted(r io.Reader, line int, header bool) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	if !header {
		cr.FieldsPerRecord = p.lay.nf
	}
	off := line - 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if header {
				p.fatal = &LineError{Line: pe.StartLine + off, Err: fmt.Errorf("%w: %w", ErrHeader, ErrSyntax)}
				return nil
			}
			if !p.fail(pe.StartLine+off, "", fmt.Errorf("%w: %w", ErrSyntax, pe.Err)) {
				return nil
			}
			continue
		}
		if err != nil {
			return err
		}
		ln, _ := cr.FieldPos(0)
		ln += off
		if header {
			header = false
			if err := p.rs.setHeader(rec, ln); err != nil {
				p.fatal = err
				return nil
			}
			p.lay = p.rs.lay
			continue
		}
		for i, k := range []int{p.lay.centre, p.lay.patient, p.lay.date} {
			p.scratch[i] = append(p.scratch[i][:0], rec[k]...)
		}
		if !p.fields(p.scratch[0], p.scratch[1], p.scratch[2], ln) {
			return nil
		}
	}
}

// parseYear parses a date written strictly YYYY-MM-DD, naming a day that
// exists in a year of [network.MinActivityYear, network.MaxActivityYear],
// and returns its year.
func parseYear(b []byte) (int32, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0, false
	}
	var v [8]int32
	for i, k := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		c := b[k] - '0'
		if c > 9 {
			return 0, false
		}
		v[i] = int32(c)
	}
	y := v[0]*1000 + v[1]*100 + v[2]*10 + v[3]
	m := v[4]*10 + v[5]
	d := v[6]*10 + v[7]
	if !validYear(y) || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return y, true
}

func daysIn(y, m int32) int32 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
