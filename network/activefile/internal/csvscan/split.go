package csvscan

import (
	"bytes"
	"io"
	"sync"
)

// A Splitter cuts its input into runs of whole lines, about a chunk long,
// for workers to parse in parallel.
type Splitter struct {
	r       io.Reader
	chunk   int
	carry   []byte // the start of a line not yet complete
	line    int    // the number of the next line it returns
	eof     bool
	discard bool // skipping the rest of a line too long
}

// NewSplitter returns a Splitter of r into runs of about chunk bytes, its
// first line numbered line.
func NewSplitter(r io.Reader, chunk, line int) *Splitter {
	return &Splitter{r: r, chunk: chunk, line: line}
}

// Line returns the number of the next line Next returns.
func (s *Splitter) Line() int { return s.line }

// Rest returns a reader of what the Splitter has not returned yet, the
// part of a line it holds first.
func (s *Splitter) Rest() io.Reader { return io.MultiReader(bytes.NewReader(s.carry), s.r) }

// Next reads into buf (from its start, up to its capacity) the next run
// of whole lines, about chunk bytes long, and returns it with the number
// of its first line; the last line of the input may lack its newline. At
// the end of the input it returns io.EOF. A line that does not fit in buf
// (a last line without its newline that fills buf included) gives a
// *LineError wrapping ErrTooLong, and the next call goes on after that
// line; so give buf room for a chunk and a line of the longest length
// accepted, with its line end.
func (s *Splitter) Next(buf []byte) ([]byte, int, error) {
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
			return nil, 0, &LineError{Line: s.line, Err: ErrTooLong, LoneCR: HasLoneCR(buf)}
		}
		s.carry = append(s.carry, buf[k+1:]...)
		buf = buf[:k+1]
	}
	line := s.line
	s.line += bytes.Count(buf, []byte{'\n'})
	return buf, line, nil
}

// fill reads once into b, recording the end of the input.
func (s *Splitter) fill(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if err == io.EOF {
		s.eof = true
		err = nil
	}
	return n, err
}

// HasLoneCR reports whether b holds a carriage return followed by
// something other than a line feed (a CR at its very end does not count):
// a hint that the input's lines end with CR alone.
func HasLoneCR(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 || i == len(b)-1 {
			return false
		}
		if b[i+1] != '\n' {
			return true
		}
		b = b[i+1:]
	}
}

// A Pool hands out up to a number of buffers of one capacity, allocated
// on demand; Get blocks while all are out. It is safe for concurrent use.
type Pool struct {
	size, max int
	n         int
	mu        sync.Mutex
	free      chan []byte
}

// NewPool returns a pool of up to max buffers of size bytes.
func NewPool(size, max int) *Pool { return &Pool{size: size, max: max, free: make(chan []byte, max)} }

// Get returns an empty buffer.
func (p *Pool) Get() []byte {
	p.mu.Lock()
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
	p.mu.Unlock()
	return <-p.free
}

// Put gives a buffer back.
func (p *Pool) Put(b []byte) { p.free <- b[:0] }
