package rules

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonFlushAt is the size at which writeReportJSON hands its buffer to the
// writer: the document is streamed in pieces of about this size.
const jsonFlushAt = 32 << 10

// checkJSONFrom reports the first of findings fs, numbered from first,
// that cannot be written as JSON: an invalid severity (the zero Severity
// is written as "") or an invalid group (the zero Group is left out). It
// is run before anything is written (findingSet.checkJSON), so that a
// report that fails writes nothing.
func checkJSONFrom(fs []Finding, first int) error {
	for i, f := range fs {
		i += first
		if f.Severity != 0 && !f.Severity.IsValid() {
			_, err := f.Severity.MarshalText()
			return fmt.Errorf("finding %d (rule %s): severity: %w", i, quoteCut(f.Rule), err)
		}
		if f.Group != 0 && !f.Group.IsValid() {
			_, err := f.Group.MarshalJSON()
			return fmt.Errorf("finding %d (rule %s): group: %w", i, quoteCut(f.Rule), err)
		}
	}
	return nil
}

// quoteCut quotes s, cut to 60 bytes (at a rune boundary) and "..." when
// it is longer.
func quoteCut(s string) string {
	if len(s) > 60 {
		n := 60
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return strconv.Quote(s[:n] + "...")
	}
	return strconv.Quote(s)
}

// writeReportJSON writes r as WriteJSON documents it, byte for byte what
// encoding/json writes for the same document with SetEscapeHTML(false)
// and SetIndent("", "  "), without reflection: each value is appended to
// a buffer that is flushed to w whenever it reaches jsonFlushAt. The
// findings must have passed checkJSON, and are built a batch at a time.
func writeReportJSON(w io.Writer, r Report, networkName string) error {
	jw := jsonWriter{w: w}
	b := append(make([]byte, 0, jsonFlushAt+jsonFlushAt/2), "{\n  \"at\": \""...)
	b, _ = r.At.AppendText(b)
	b = append(b, "\",\n  \"network\": "...)
	b = appendJSONString(b, networkName)
	if r.Len() == 0 {
		b = append(b, ",\n  \"findings\": [],\n"...)
	} else {
		b = append(b, ",\n  \"findings\": [\n"...)
		i := 0
		var src sourceCache
		r.set.each(func(f *Finding) bool {
			if i++; i > 1 {
				b = append(b, ",\n"...)
			}
			b = appendFindingJSON(b, f, &src)
			if len(b) >= jsonFlushAt {
				b = jw.flush(b)
			}
			return jw.err == nil
		})
		if jw.err != nil {
			return jw.err
		}
		b = append(b, "\n  ],\n"...)
	}
	s := r.Summary()
	b = append(b, "  \"summary\": {\n    \"violation\": "...)
	b = strconv.AppendInt(b, int64(s.Violation), 10)
	b = append(b, ",\n    \"advice\": "...)
	b = strconv.AppendInt(b, int64(s.Advice), 10)
	b = append(b, ",\n    \"info\": "...)
	b = strconv.AppendInt(b, int64(s.Info), 10)
	b = append(b, "\n  }\n}\n"...)
	jw.flush(b)
	return jw.err
}

// A jsonWriter hands the buffer to w and remembers w's first error.
type jsonWriter struct {
	w   io.Writer
	err error
}

// flush writes b to w and returns b emptied.
func (jw *jsonWriter) flush(b []byte) []byte {
	if jw.err == nil && len(b) > 0 {
		if _, err := jw.w.Write(b); err != nil {
			jw.err = fmt.Errorf("rules: write JSON report: %w", err)
		}
	}
	return b[:0]
}

// appendFindingJSON appends f as an element of the "findings" array (at
// depth two, without the separator after it): the fields in the order of
// FORMAT.md, zero ones left out except severity, evidence ([] when there
// is none) and evidence_more.
func appendFindingJSON(b []byte, f *Finding, src *sourceCache) []byte {
	b = append(b, "    {\n      \"rule\": "...)
	b = appendJSONString(b, f.Rule)
	b = append(b, ",\n      \"severity\": \""...)
	if f.Severity.IsValid() {
		b = append(b, severityNames[f.Severity]...)
	}
	b = append(b, '"')
	if f.Subject != "" {
		b = append(b, ",\n      \"subject\": "...)
		b = appendJSONString(b, f.Subject)
	}
	if f.SubjectKind != "" {
		b = append(b, ",\n      \"subject_kind\": "...)
		b = appendJSONString(b, f.SubjectKind)
	}
	if f.Year != 0 {
		b = append(b, ",\n      \"year\": "...)
		b = strconv.AppendInt(b, int64(f.Year), 10)
	}
	if !f.Date.IsZero() {
		b = append(b, ",\n      \"date\": \""...)
		b, _ = f.Date.AppendText(b)
		b = append(b, '"')
	}
	if f.Group != 0 {
		b = append(b, ",\n      \"group\": "...)
		b = strconv.AppendInt(b, int64(f.Group), 10)
	}
	if f.Message != "" {
		b = append(b, ",\n      \"message\": "...)
		b = appendJSONString(b, f.Message)
	}
	if f.Source != "" {
		b = append(b, ",\n      \"source\": "...)
		b = src.append(b, f.Source)
	}
	if len(f.Evidence) == 0 {
		b = append(b, ",\n      \"evidence\": [],\n"...)
	} else {
		b = append(b, ",\n      \"evidence\": [\n"...)
		for i, e := range f.Evidence {
			if i > 0 {
				b = append(b, ",\n"...)
			}
			b = append(b, "        {\n          \"kind\": "...)
			b = appendJSONString(b, e.Kind)
			b = append(b, ",\n          \"id\": "...)
			b = appendJSONString(b, e.ID)
			b = append(b, ",\n          \"pointer\": "...)
			b = appendJSONString(b, e.Pointer)
			if e.Line != 0 {
				b = append(b, ",\n          \"line\": "...)
				b = strconv.AppendInt(b, int64(e.Line), 10)
			}
			if e.Column != 0 {
				b = append(b, ",\n          \"column\": "...)
				b = strconv.AppendInt(b, int64(e.Column), 10)
			}
			b = append(b, "\n        }"...)
		}
		b = append(b, "\n      ],\n"...)
	}
	b = append(b, "      \"evidence_more\": "...)
	b = strconv.AppendInt(b, int64(f.EvidenceMore), 10)
	return append(b, "\n    }"...)
}

const jsonHex = "0123456789abcdef"

// A sourceCache holds the last source escaped: the findings of a rule,
// next to each other in a report, share their rule's source, a sixth of
// a report's bytes.
type sourceCache struct {
	src string
	esc []byte
}

// append appends src as appendJSONString does.
func (c *sourceCache) append(b []byte, src string) []byte {
	if src != c.src || c.esc == nil {
		c.src, c.esc = src, appendJSONString(c.esc[:0], src)
	}
	return append(b, c.esc...)
}

// load64 returns the eight bytes of s from i as a little-endian word
// (the compiler makes it one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainWord reports whether the eight bytes of x are all ASCII that JSON
// writes as they are: none below 0x20, no quote, no backslash, none of
// 0x80 and above (which are checked as UTF-8). Carries between bytes
// only add false alarms, which the byte loop sorts out.
func plainWord(x uint64) bool {
	const (
		lo   = 0x0101010101010101
		high = 0x8080808080808080
	)
	ctl := (x - 0x20*lo) & ^x & high // a byte < 0x20
	bs := x ^ ('\\' * lo)
	bs = (bs - lo) & ^bs & high // a backslash
	qt := x ^ ('"' * lo)
	qt = (qt - lo) & ^qt & high // a quote
	return (x&high)|ctl|bs|qt == 0
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it with SetEscapeHTML(false): '"' and '\\' with a backslash,
// \b \f \n \r \t by name, the other control characters below U+0020 as
// \u00XX, U+2028 and U+2029 as \u2028 and \u2029, each byte of invalid
// UTF-8 as \ufffd; everything else (DEL and C1 controls included) as it is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most text is plain ASCII: skip it eight bytes at a time.
		for i+8 <= len(s) && plainWord(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
