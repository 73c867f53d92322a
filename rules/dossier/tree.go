package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rarenet/rarenet/network"
)

// This file parses JSON into a small tree that keeps the order of object
// keys and notices duplicate keys, which encoding/json silently merges, so
// that decoding can report every problem with its path.

type nodeKind uint8

const (
	nullNode nodeKind = iota
	boolNode
	numberNode
	stringNode
	arrayNode
	objectNode
)

func (k nodeKind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

type node struct {
	kind   nodeKind
	text   string // the string's value, or the number as written
	b      bool
	keys   []string         // object keys in document order, duplicates left out
	fields map[string]*node // object fields
	items  []*node          // array items
}

// show renders a scalar as it was written, for error messages: strings
// quoted and numbers as written, both cut to [maxShown] characters.
func (n *node) show() string {
	switch n.kind {
	case stringNode:
		return quote(n.text)
	case numberNode:
		return cut(n.text)
	case boolNode:
		return strconv.FormatBool(n.b)
	case nullNode:
		return "null"
	}
	return n.kind.String()
}

// maxShown is the number of characters of a value an error quotes; a
// longer value is cut and ends with "...".
const maxShown = 60

// cut returns s, or its first maxShown characters and "..." when it is
// longer.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// quote returns s cut and quoted, control characters and invalid UTF-8
// escaped, for an error message.
func quote(s string) string { return strconv.Quote(cut(s)) }

// fieldName returns a field name for an error message: as it is when it is a
// short, printable name, else quoted and cut.
func fieldName(k string) string {
	if k != "" && len(k) <= maxShown && !strings.ContainsFunc(k, func(r rune) bool { return !unicode.IsPrint(r) || r == utf8.RuneError }) {
		return k
	}
	return quote(k)
}

// maxDepth bounds nesting: a dossier is at most six levels deep, and a
// bound keeps hostile input from exhausting the stack.
const maxDepth = 32

type parser struct {
	data []byte
	dec  *json.Decoder
	errs []error
}

// parseTree parses data as one JSON value. Duplicate keys are reported as
// *FieldErrors in p.errs; a syntax error ends parsing.
func parseTree(data []byte) (*node, []error) {
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value("", "", 0)
	if err != nil {
		return nil, []error{err}
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, []error{&FieldError{Msg: fmt.Sprintf("unexpected data after the document at offset %d", p.dec.InputOffset()), Err: ErrSyntax}}
	}
	return n, p.errs
}

func (p *parser) syntax(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &FieldError{Msg: fmt.Sprintf("not JSON at offset %d: %v", se.Offset, se), Err: ErrSyntax}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &FieldError{Msg: "not JSON: unexpected end of input", Err: ErrSyntax}
	}
	return &FieldError{Msg: "not JSON: " + err.Error(), Err: ErrSyntax}
}

// token reads the next token. A string (a value or a key) must be valid
// UTF-8 without lone surrogates: encoding/json would silently replace the
// bad bytes, and an ID would change without a word. A bad one is reported
// as a *FieldError for the field of parent; parsing goes on.
func (p *parser) token(parent, field string) (json.Token, error) {
	start := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if s, ok := tok.(string); ok && err == nil && strings.ContainsRune(s, utf8.RuneError) {
		raw := p.data[start:p.dec.InputOffset()]
		if why := badString(raw); why != "" {
			// The string as written, its bad bytes escaped.
			raw = raw[bytes.IndexByte(raw, '"')+1 : len(raw)-1]
			p.errs = append(p.errs, &FieldError{Path: parent, Field: field, Msg: fmt.Sprintf("%s is not valid text: %s", quote(string(raw)), why), Err: network.ErrInvalid})
		}
	}
	return tok, err
}

// badString says what is wrong with the raw JSON text of a string (with
// the separators before it), or "" when it is valid UTF-8 and its \u
// escapes pair their surrogates.
func badString(raw []byte) string {
	if !utf8.Valid(raw) {
		return "invalid UTF-8"
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 == len(raw) {
			continue
		}
		i++
		if raw[i] != 'u' || i+4 >= len(raw) {
			continue
		}
		r, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 16)
		if err != nil {
			continue
		}
		i += 4
		switch {
		case r >= 0xdc00 && r < 0xe000:
			return "a lone surrogate"
		case r >= 0xd800 && r < 0xdc00:
			if i+6 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
				return "a lone surrogate"
			}
			lo, err := strconv.ParseUint(string(raw[i+3:i+7]), 16, 16)
			if err != nil || lo < 0xdc00 || lo >= 0xe000 {
				return "a lone surrogate"
			}
			i += 6
		}
	}
	return ""
}

func (p *parser) value(parent, field string, depth int) (*node, error) {
	path := join(parent, field)
	if depth > maxDepth {
		return nil, &FieldError{Path: path, Msg: fmt.Sprintf("nested more than %d levels deep", maxDepth), Err: ErrSyntax}
	}
	tok, err := p.token(parent, field)
	if err != nil {
		return nil, p.syntax(err)
	}
	switch t := tok.(type) {
	case nil:
		return &node{kind: nullNode}, nil
	case bool:
		return &node{kind: boolNode, b: t}, nil
	case json.Number:
		return &node{kind: numberNode, text: string(t)}, nil
	case string:
		return &node{kind: stringNode, text: t}, nil
	case json.Delim:
		switch t {
		case '[':
			n := &node{kind: arrayNode}
			for p.dec.More() {
				item, err := p.value(parent, fmt.Sprintf("%s[%d]", field, len(n.items)), depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err)
			}
			return n, nil
		case '{':
			n := &node{kind: objectNode, fields: make(map[string]*node)}
			for p.dec.More() {
				kt, err := p.token(path, "")
				if err != nil {
					return nil, p.syntax(err)
				}
				k, _ := kt.(string)
				v, err := p.value(path, fieldName(k), depth+1)
				if err != nil {
					return nil, err
				}
				if _, dup := n.fields[k]; dup {
					p.errs = append(p.errs, &FieldError{Path: path, Field: fieldName(k), Msg: "duplicate field", Err: network.ErrDuplicate})
					continue
				}
				n.keys = append(n.keys, k)
				n.fields[k] = v
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err)
			}
			return n, nil
		}
	}
	return nil, &FieldError{Path: path, Msg: fmt.Sprintf("unexpected token %v", tok), Err: ErrSyntax}
}

// join appends a field name to a path.
func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// blank reports whether s holds nothing but white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
