package activefile

// The reading of a records file: the header, then the lines, cut by the
// splitter of package csvscan and parsed by one parser per worker, or,
// from the first quote on, by csvscan's quoted reader; then the counts of
// the parsers merged.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile/internal/csvscan"
	"github.com/rarenet/rarenet/network/activefile/internal/tally"
)

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

// errLoneCR says why a file whose lines end with CR alone is refused.
var errLoneCR = errors.New("a carriage return (CR) not followed by a line feed: lines must end with LF or CRLF, not CR alone")

var bom = []byte("\xef\xbb\xbf")

// lineErr turns an error of package csvscan into this package's.
func lineErr(err error) error {
	var le *csvscan.LineError
	if !errors.As(err, &le) {
		return err
	}
	e := errLineTooLong
	if !errors.Is(le.Err, csvscan.ErrTooLong) {
		e = fmt.Errorf("%w: %w", ErrSyntax, le.Err)
	}
	if le.LoneCR {
		e = fmt.Errorf("%w (%w)", e, errLoneCR)
	}
	return &LineError{Line: le.Line, Err: e}
}

// headerErr makes the error of a malformed header line: a header error,
// about CR line ends when the line holds a lone CR.
func headerErr(err error) error {
	le, ok := lineErr(err).(*LineError)
	if !ok {
		return err
	}
	if errors.Is(le.Err, errLoneCR) {
		return &LineError{Line: le.Line, Err: fmt.Errorf("%w: %w", ErrHeader, errLoneCR)}
	}
	return &LineError{Line: le.Line, Err: fmt.Errorf("%w: %w", ErrHeader, le.Err)}
}

func (rs *readState) run(r io.Reader) (*Counter, ReadStats, error) {
	sp := csvscan.NewSplitter(r, rs.chunk, 1)
	pool := csvscan.NewPool(rs.chunk+MaxLineLen+2, rs.workers+2) // a chunk and a line with its CRLF
	main := rs.newParser()
	parsers := []*parser{main}

	// The header: the first line that is not blank.
	buf := pool.Get()
	var data []byte
	var line int
	first := true
	for {
		var err error
		data, line, err = sp.Next(buf)
		if err == io.EOF {
			return nil, ReadStats{}, &LineError{Line: sp.Line(), Err: fmt.Errorf("%w: no header (empty input)", ErrHeader)}
		}
		if err != nil {
			return nil, ReadStats{}, headerErr(err)
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
	if csvscan.HasLoneCR(hdr) {
		return nil, ReadStats{}, &LineError{Line: line, Err: fmt.Errorf("%w: %w", ErrHeader, errLoneCR)}
	}
	if bytes.IndexByte(hdr, '"') >= 0 {
		// A quoted header: the quoted reader reads everything.
		err := main.readQuoted(io.MultiReader(bytes.NewReader(data), sp.Rest()), line, true)
		return rs.finish(parsers, err)
	}
	if len(bytes.TrimSuffix(hdr, []byte{'\r'})) > MaxLineLen {
		return nil, ReadStats{}, &LineError{Line: line, Err: fmt.Errorf("%w: %w", ErrHeader, errLineTooLong)}
	}
	fields := bytes.Split(bytes.TrimSuffix(hdr, []byte{'\r'}), []byte{','})
	hs := make([]string, len(fields))
	for i, f := range fields {
		hs[i] = string(f)
	}
	if err := rs.setHeader(hs, line); err != nil {
		return nil, ReadStats{}, err
	}
	main.setLayout(rs.lay)
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
			p.setLayout(rs.lay)
			parsers = append(parsers, p)
			wg.Go(func() {
				for ch := range chunks {
					if rs.skip || int64(ch.line) < rs.errLine.Load() {
						p.chunk(ch.data, ch.line)
					}
					if ch.buf != nil {
						pool.Put(ch.buf)
					}
				}
				p.flush()
			})
		}
	}
	dispatch := func(data []byte, line int, buf []byte) {
		if len(data) == 0 {
			if buf != nil {
				pool.Put(buf)
			}
			return
		}
		if chunks == nil {
			main.chunk(data, line)
			if buf != nil {
				pool.Put(buf)
			}
			return
		}
		chunks <- chunk{data, line, buf}
	}
	var err error
	for {
		if q := bytes.IndexByte(data, '"'); q >= 0 {
			// A quoted field: the quoted reader reads the rest, from the
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
				err = main.readQuoted(io.MultiReader(bytes.NewReader(data[ls:]), sp.Rest()), qline, false)
			}
			break
		}
		dispatch(data, line, buf)
		if !rs.skip && rs.errLine.Load() != math.MaxInt64 {
			break
		}
		buf = pool.Get()
		data, line, err = sp.Next(buf)
		if err != nil {
			pool.Put(buf)
			buf = nil
		}
		if err == io.EOF {
			err = nil
			break
		}
		var le *csvscan.LineError
		if errors.As(err, &le) {
			// A line too long: the splitter skips it.
			main.fail(le.Line, "", nil, lineErr(err).(*LineError).Err)
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
	dst := &parsers[0].cnt
	parsers[0].flush() // the workers' are empty: they flushed as they ended
	for _, p := range parsers[1:] {
		if len(dst.ids) == 0 {
			dst = &p.cnt
			continue
		}
		dst.merge(&p.cnt, rs.workers)
	}
	return dst, stats, nil
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

// A parser checks and counts lines; each worker has its own.
type parser struct {
	rs      *readState
	lay     layout
	scan    csvscan.Layout
	known   *knownSet
	skip    bool
	cnt     Counter
	names   tally.Names     // the centres of cnt, by CentreRef
	unknown map[string]bool // centre IDs known to be unknown, up to a bound

	records, skipped int
	problems         []error
	first            *LineError // strict mode: the error that stopped it
	fatal            error      // a bad header read by the quoted reader
	errLine          *atomic.Int64
	scratch          [3][]byte
	keys             []tally.Key // parsed, not yet counted
	lines            []csvscan.Line
	stage            tally.Stage
}

// keyBuffer is the number of keys a parser buffers before counting them
// (16 MiB): the more, the more the counting can gather a centre's keys.
const keyBuffer = 1 << 20

// flush counts the buffered keys.
func (p *parser) flush() {
	p.cnt.tab.AddKeys(p.keys, &p.stage)
	p.keys = p.keys[:0]
}

func (rs *readState) newParser() *parser {
	return &parser{rs: rs, known: rs.known, skip: rs.skip, unknown: make(map[string]bool), errLine: &rs.errLine}
}

func (p *parser) setLayout(l layout) {
	p.lay = l
	p.scan = csvscan.Layout{Fields: l.nf, Keep: [3]int{l.centre, l.patient, l.date}, Max: MaxLineLen}
}

// chunk checks and counts whole lines without quotes, the first numbered
// line.
//
// It takes the lines from csvscan a batch at a time.
func (p *parser) chunk(data []byte, line int) {
	if p.lines == nil {
		p.lines = make([]csvscan.Line, 0, 1024)
	}
	for off := 0; off < len(data); {
		var ls []csvscan.Line
		ls, off, line = p.scan.Lines(data, off, line, p.lines[:0])
		for i := range ls {
			if !p.checkLine(data, &ls[i]) {
				return
			}
		}
	}
}

var errFieldCount = fmt.Errorf("%w: %w", ErrSyntax, csv.ErrFieldCount)

// checkLine checks and counts one line of data found by
// csvscan.Layout.Lines. It returns false when it stops at a bad line.
func (p *parser) checkLine(data []byte, l *csvscan.Line) bool {
	switch l.P {
	case csvscan.TooLong:
		return p.fail(l.N, "", nil, errLineTooLong)
	case csvscan.FieldCount:
		return p.fail(l.N, "", nil, errFieldCount)
	}
	k := &l.Kept
	return p.fields(data[k[0][0]:k[0][1]], data[k[1][0]:k[1][1]], data[k[2][0]:k[2][1]], l.N)
}

// fields checks and counts one record.
func (p *parser) fields(centre, patient, date []byte, ln int) bool {
	if len(centre) == 0 {
		return p.fail(ln, p.lay.centreN, nil, ErrEmpty)
	}
	ref, ok := p.centre(centre)
	if !ok {
		return p.fail(ln, p.lay.centreN, centre, ErrUnknownCentre)
	}
	if len(patient) == 0 {
		return p.fail(ln, p.lay.patientN, nil, ErrEmpty)
	}
	if len(date) == 0 {
		return p.fail(ln, p.lay.dtN, nil, ErrEmpty)
	}
	y, ok := csvscan.ParseYear(date, network.MinActivityYear, network.MaxActivityYear)
	if !ok {
		return p.fail(ln, p.lay.dtN, nil, ErrBadDate)
	}
	p.keys = append(p.keys, tally.Key{Patient: uint64(patientKeyOfBytes(patient)), Centre: uint32(ref), Year: y})
	if len(p.keys) >= keyBuffer {
		p.flush()
	}
	p.records++
	return true
}

// centre returns the reference of a centre ID, interning it when known.
func (p *parser) centre(b []byte) (CentreRef, bool) {
	if r, ok := p.names.Find(b); ok {
		return CentreRef(r), true
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
	p.names.Add(id)
	return p.cnt.intern(id), true
}

// fail records a bad line; it returns false in strict mode, to stop. The
// value is that of an unknown centre, which the error quotes.
func (p *parser) fail(ln int, col string, value []byte, err error) bool {
	le := &LineError{Line: ln, Column: col, Err: err}
	if value != nil {
		le.Value = cut(string(value))
	}
	if !p.skip {
		if p.first == nil || ln < p.first.Line {
			p.first = le
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
		p.problems = append(p.problems, le)
	}
	return true
}

// maxValue is the number of characters of a value an error quotes.
const maxValue = 60

// cut returns s, or its first maxValue characters and "..." when it is
// longer.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == maxValue {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// readQuoted reads the rest of the input with the quoted reader, its
// first line numbered line; header says whether that line is the header.
func (p *parser) readQuoted(r io.Reader, line int, header bool) error {
	qr := csvscan.NewReader(r, line, MaxLineLen)
	for {
		rec, ln, err := qr.Read()
		if err == io.EOF {
			return nil
		}
		var le *csvscan.LineError
		if errors.As(err, &le) {
			if header {
				p.fatal = headerErr(err)
				return nil
			}
			if !p.fail(le.Line, "", nil, lineErr(err).(*LineError).Err) {
				return nil
			}
			continue
		}
		if err != nil {
			return err
		}
		if header {
			header = false
			hs := make([]string, len(rec))
			for i, f := range rec {
				if bytes.IndexByte(f, '\r') >= 0 {
					p.fatal = &LineError{Line: ln, Err: fmt.Errorf("%w: %w", ErrHeader, errLoneCR)}
					return nil
				}
				hs[i] = string(f)
			}
			if err := p.rs.setHeader(hs, ln); err != nil {
				p.fatal = err
				return nil
			}
			p.setLayout(p.rs.lay)
			continue
		}
		if len(rec) != p.lay.nf {
			if !p.fail(ln, "", nil, errFieldCount) {
				return nil
			}
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
