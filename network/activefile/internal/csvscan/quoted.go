package csvscan

import (
	"bytes"
	"io"
)

// A Reader reads CSV records (RFC 4180: fields quoted with double quotes
// when they hold commas, quotes or line ends; LF or CRLF line ends) one at
// a time, each at most a maximum length long, line ends inside quoted
// fields included.
//
// After a malformed record it resumes at the line after the record's
// first line: a stray quote costs its own line, not the rest of the input.
// It holds at most about three times the maximum length in memory.
type Reader struct {
	r      io.Reader
	max    int
	buf    []byte // buf[pos:] is unread
	pos    int
	eof    bool
	err    error // the reader's error, once buf is used up
	line   int   // the number of the line at pos
	fields [][]byte
	ends   []int // of the fields in text
	text   []byte
}

// NewReader returns a Reader of r whose first line is numbered line, of
// records at most max bytes long (without their final line end).
func NewReader(r io.Reader, line, max int) *Reader {
	return &Reader{r: r, max: max, line: line, buf: make([]byte, 0, 2*max+4096)}
}

// Read returns the next record that is not a blank line: its fields
// (valid until the next call) and the number of its first line. At the
// end of the input it returns io.EOF; for a malformed record a *LineError
// wrapping ErrTooLong, ErrUnclosed, ErrExtraneous or ErrBareQuote, after
// which reading goes on at the next line; and the underlying reader's
// errors as they are.
func (r *Reader) Read() ([][]byte, int, error) {
	for {
		if err := r.fill(); err != nil {
			return nil, 0, err
		}
		data := r.buf[r.pos:]
		switch {
		case len(data) == 0:
			return nil, 0, io.EOF
		case data[0] == '\n':
			r.pos++
			r.line++
			continue
		case len(data) >= 2 && data[0] == '\r' && data[1] == '\n':
			r.pos += 2
			r.line++
			continue
		case len(data) == 1 && data[0] == '\r' && r.eof:
			r.pos++
			continue
		}
		line := r.line
		n, lines, err := r.record(data)
		if err != nil {
			return nil, 0, r.resync(line, err)
		}
		r.pos += n
		r.line += lines
		r.fields = r.fields[:0]
		start := 0
		for _, end := range r.ends {
			r.fields = append(r.fields, r.text[start:end])
			start = end
		}
		return r.fields, line, nil
	}
}

// fill makes the unread part of buf hold at least max+2 bytes, or all
// that is left of the input.
func (r *Reader) fill() error {
	for !r.eof && len(r.buf)-r.pos < r.max+2 {
		if r.pos > 0 {
			n := copy(r.buf, r.buf[r.pos:])
			r.buf, r.pos = r.buf[:n], 0
		}
		if r.err != nil {
			return r.err
		}
		n, err := r.r.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+n]
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.err = err
		}
	}
	return nil
}

// record parses the record at the start of data (not a blank line) into
// r.text and r.ends. It returns the bytes it takes, its line end included,
// and the number of lines.
func (r *Reader) record(data []byte) (n, lines int, err error) {
	// Past max bytes of content the record is too long; data holds at
	// least max+2 bytes unless the input ends within them.
	lim := min(len(data), r.max+2)
	atEnd := lim == len(data) && r.eof // data[:lim] is all that is left
	r.text, r.ends = r.text[:0], r.ends[:0]
	i := 0
	for {
		if i < lim && data[i] == '"' {
			// A quoted field: up to the closing quote, "" standing for ".
			i++
			for {
				j := bytes.IndexByte(data[i:lim], '"')
				if j < 0 {
					return 0, 0, ErrUnclosed
				}
				lines += r.appendQuoted(data[i : i+j])
				i += j + 1
				if i < lim && data[i] == '"' {
					r.text = append(r.text, '"')
					i++
					continue
				}
				break
			}
			r.ends = append(r.ends, len(r.text))
			switch {
			case i == lim && atEnd, i < lim && data[i] == '\n':
				return r.end(i, lines)
			case i+1 < lim && data[i] == '\r' && data[i+1] == '\n':
				return r.end(i+1, lines)
			case i+1 == lim && atEnd && data[i] == '\r':
				return r.end(i+1, lines)
			case i < lim && data[i] == ',':
				i++
				continue
			case i+1 >= lim && !atEnd:
				return 0, 0, ErrTooLong
			}
			return 0, 0, ErrExtraneous
		}
		// An unquoted field: up to the next comma or line end.
		j := i
		for j < lim && data[j] != ',' && data[j] != '\n' {
			j++
		}
		if j == lim && !atEnd {
			return 0, 0, ErrTooLong
		}
		f := data[i:j]
		if j == lim || data[j] == '\n' {
			f = bytes.TrimSuffix(f, []byte{'\r'})
		}
		if bytes.IndexByte(f, '"') >= 0 {
			return 0, 0, ErrBareQuote
		}
		r.text = append(r.text, f...)
		r.ends = append(r.ends, len(r.text))
		if j == lim || data[j] == '\n' {
			return r.end(j, lines)
		}
		i = j + 1
	}
}

// end ends a record whose line end is at data[i] (or the input's end): it
// checks its length and returns what record returns.
func (r *Reader) end(i, lines int) (int, int, error) {
	content := i
	if i > 0 && r.buf[r.pos+i-1] == '\r' && r.pos+i < len(r.buf) && r.buf[r.pos+i] == '\n' {
		content--
	}
	if content > r.max {
		return 0, 0, ErrTooLong
	}
	return min(i+1, len(r.buf)-r.pos), lines + 1, nil
}

// appendQuoted appends the inside of a quoted field, CRLF read as LF as
// encoding/csv does, and returns the number of line ends it holds.
func (r *Reader) appendQuoted(b []byte) int {
	n := 0
	for {
		k := bytes.IndexByte(b, '\n')
		if k < 0 {
			r.text = append(r.text, b...)
			return n
		}
		n++
		seg := b[:k]
		if len(seg) > 0 && seg[len(seg)-1] == '\r' {
			seg = seg[:len(seg)-1]
		}
		r.text = append(append(r.text, seg...), '\n')
		b = b[k+1:]
	}
}

// resync skips to the line after line, the first of a malformed record,
// and returns its error.
func (r *Reader) resync(line int, err error) error {
	lerr := &LineError{Line: line, Err: err}
	for {
		data := r.buf[r.pos:]
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			lerr.LoneCR = lerr.LoneCR || HasLoneCR(data[:k])
			r.pos += k + 1
			r.line = line + 1
			return lerr
		}
		lerr.LoneCR = lerr.LoneCR || HasLoneCR(data)
		r.pos = len(r.buf)
		if r.eof {
			r.line = line + 1
			return lerr
		}
		if ferr := r.fill(); ferr != nil {
			return ferr
		}
	}
}
