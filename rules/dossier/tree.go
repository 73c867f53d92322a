package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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

// show renders a scalar as it was written, shortened, for error messages.
func (n *node) show() string {
	switch n.kind {
	case stringNode:
		s := n.text
		if len(s) > 60 {
			s = s[:57] + "..."
		}
		return strconv.Quote(s)
	case numberNode:
		return n.text
	case boolNode:
		return strconv.FormatBool(n.b)
	case nullNode:
		return "null"
	}
	return n.kind.String()
}

// maxDepth bounds nesting: a dossier is at most six levels deep, and a
// bound keeps hostile input from exhausting the stack.
const maxDepth = 32

type parser struct {
	dec  *json.Decoder
	errs []error
}

// parseTree parses data as one JSON value. Duplicate keys are reported as
// *FieldErrors in p.errs; a syntax error ends parsing.
func parseTree(data []byte) (*node, []error) {
	p := &parser{dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value("", 0)
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

func (p *parser) value(path string, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, &FieldError{Path: path, Msg: fmt.Sprintf("nested more than %d levels deep", maxDepth), Err: ErrSyntax}
	}
	tok, err := p.dec.Token()
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
				item, err := p.value(fmt.Sprintf("%s[%d]", path, len(n.items)), depth+1)
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
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.syntax(err)
				}
				k, _ := kt.(string)
				v, err := p.value(join(path, k), depth+1)
				if err != nil {
					return nil, err
				}
				if _, dup := n.fields[k]; dup {
					p.errs = append(p.errs, &FieldError{Path: path, Field: k, Msg: "duplicate field", Err: network.ErrDuplicate})
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
