package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// locate returns the byte offset at which the value named by pointer (RFC
// 6901) begins in doc, walking the document as a stream of tokens so that
// it costs one pass at most and no tree of the document. It reports false
// when the pointer is malformed, names nothing, or the document is not
// JSON up to that value.
func locate(doc []byte, pointer string) (int, bool) {
	segs, ok := splitPointer(pointer)
	if !ok {
		return 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	for _, seg := range segs {
		tok, err := dec.Token()
		if err != nil {
			return 0, false
		}
		switch tok {
		case json.Delim('{'):
			found := false
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return 0, false
				}
				if k, _ := key.(string); k == seg {
					found = true
					break
				}
				if !skip(dec) {
					return 0, false
				}
			}
			if !found {
				return 0, false
			}
		case json.Delim('['):
			idx, err := strconv.Atoi(seg)
			if err != nil || idx < 0 || (len(seg) > 1 && seg[0] == '0') {
				return 0, false
			}
			i := 0
			for ; i < idx && dec.More(); i++ {
				if !skip(dec) {
					return 0, false
				}
			}
			if i < idx || !dec.More() {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	off := int(dec.InputOffset())
	for off < len(doc) && strings.IndexByte(" \t\r\n:,", doc[off]) >= 0 {
		off++
	}
	return off, off < len(doc)
}

// skip consumes one value.
func skip(dec *json.Decoder) bool {
	var raw json.RawMessage
	return dec.Decode(&raw) == nil
}

// splitPointer splits an RFC 6901 pointer into its unescaped reference
// tokens. The empty pointer names the whole document.
func splitPointer(p string) ([]string, bool) {
	if p == "" {
		return nil, true
	}
	if p[0] != '/' {
		return nil, false
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(s, "~0", ""), "~1", ""), "~") {
			return nil, false
		}
		segs[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return segs, true
}
