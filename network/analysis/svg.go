package analysis

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/typology"
)

// svgDoc writes an SVG document with the standard library: element and
// attribute names are constants of this package, every text and attribute
// value is escaped with encoding/xml.
type svgDoc struct {
	b     strings.Builder
	stack []string
}

// attrs are written as name="value" pairs: names are this package's
// constants, values are strings (escaped), ints or float64s (at most two
// decimals).
func (s *svgDoc) attrs(kv []any) {
	for i := 0; i+1 < len(kv); i += 2 {
		s.b.WriteByte(' ')
		s.b.WriteString(kv[i].(string))
		s.b.WriteString(`="`)
		s.b.WriteString(attrValue(kv[i+1]))
		s.b.WriteByte('"')
	}
}

func attrValue(v any) string {
	switch v := v.(type) {
	case string:
		return escape(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return num(v)
	}
	return escape(fmt.Sprint(v))
}

// num formats a coordinate with at most two decimals, without trailing
// zeros.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "0"
	}
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// open starts element name with attributes kv.
func (s *svgDoc) open(name string, kv ...any) {
	s.b.WriteByte('<')
	s.b.WriteString(name)
	s.attrs(kv)
	s.b.WriteString(">")
	s.stack = append(s.stack, name)
}

// close ends the innermost open element.
func (s *svgDoc) close() {
	name := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.b.WriteString("</" + name + ">\n")
}

// el writes an empty element.
func (s *svgDoc) el(name string, kv ...any) {
	s.b.WriteByte('<')
	s.b.WriteString(name)
	s.attrs(kv)
	s.b.WriteString("/>\n")
}

// elTitled writes an element whose only child is a <title> (a tooltip).
func (s *svgDoc) elTitled(name, title string, kv ...any) {
	s.open(name, kv...)
	s.title(title)
	s.close()
}

// text writes a <text> element.
func (s *svgDoc) text(x, y float64, text string, kv ...any) {
	s.open("text", append([]any{"x", x, "y", y}, kv...)...)
	s.b.WriteString(escape(text))
	s.close()
}

// title writes a <title> child.
func (s *svgDoc) title(t string) {
	s.b.WriteString("<title>" + escape(t) + "</title>")
}

// begin writes the root element with a title and a description, which
// browsers and screen readers show.
func (s *svgDoc) begin(w, h float64, title, desc string) {
	s.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", w, "height", h,
		"viewBox", "0 0 "+num(w)+" "+num(h), "role", "img", "font-family", "DejaVu Sans, Arial, Helvetica, sans-serif")
	s.b.WriteString("\n")
	s.open("title")
	s.b.WriteString(escape(title))
	s.close()
	s.open("desc")
	s.b.WriteString(escape(desc))
	s.close()
	s.el("rect", "x", 0, "y", 0, "width", w, "height", h, "fill", "#ffffff")
}

// end closes every open element and writes the document to w.
func (s *svgDoc) end(w io.Writer) error {
	for len(s.stack) > 0 {
		s.close()
	}
	_, err := io.WriteString(w, s.b.String())
	return err
}

// niceCeil returns a round number (1, 2, 5 times a power of ten) at least
// x, and the tick step that divides it into at most about six steps.
func niceCeil(x float64) (top, step float64) {
	if x <= 0 {
		return 1, 1
	}
	raw := x / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * p; step >= raw {
			break
		}
	}
	if step < 1 {
		step = 1
	}
	top = math.Ceil(x/step) * step
	return top, step
}

// countScale is the colour scale for counts of centres: zero has a colour
// of its own (a gap), then classes that double: 1, 2–3, 4–7, 8–15,
// 16–31, 32 or more. The scale is fixed: the same count has the same
// colour on every date, in every group and every picture.
type countScale struct {
	classes []countClass
}

type countClass struct {
	lo, hi int // inclusive; hi < 0 for "lo and more"
	fill   string
	ink    string // text colour readable on fill
}

// zeroFill is the colour of a gap (no centre), a light warm red that
// stands apart from the blues of the counts.
const zeroFill = "#f6c9bd"

// scale is the fixed colour scale of every heat map and map. Its blues
// are ColorBrewer's sequential "Blues" scheme.
var scale = countScale{classes: []countClass{
	{0, 0, zeroFill, "#5a1a0a"},
	{1, 1, "#c6dbef", "#08306b"},
	{2, 3, "#9ecae1", "#08306b"},
	{4, 7, "#6baed6", "#08306b"},
	{8, 15, "#4292c6", "#ffffff"},
	{16, 31, "#2171b5", "#ffffff"},
	{32, -1, "#08306b", "#ffffff"},
}}

// scaleNote says in a legend that the scale is fixed.
const scaleNote = "Fixed scale: the same on every date, group and picture."

func (cs countScale) class(v int) countClass {
	for _, c := range cs.classes {
		if v >= c.lo && (c.hi < 0 || v <= c.hi) {
			return c
		}
	}
	return cs.classes[len(cs.classes)-1]
}

func (c countClass) label() string {
	switch {
	case c.lo == 0 && c.hi == 0:
		return "0 (gap)"
	case c.hi < 0:
		return strconv.Itoa(c.lo) + " or more"
	case c.lo == c.hi:
		return strconv.Itoa(c.lo)
	}
	return strconv.Itoa(c.lo) + "–" + strconv.Itoa(c.hi)
}

// legend draws the scale's classes as swatches in a row from (x, y), with
// the caption above and the note on the fixed scale after the caption.
func (cs countScale) legend(s *svgDoc, x, y float64, caption string) {
	s.text(x, y-8, caption+" — "+scaleNote, "font-size", 12, "font-weight", "bold", "fill", "#222")
	for _, c := range cs.classes {
		s.el("rect", "x", x, "y", y, "width", 18, "height", 14, "fill", c.fill, "stroke", "#666", "stroke-width", 0.5)
		s.text(x+24, y+11.5, c.label(), "font-size", 11, "fill", "#222")
		x += 24 + 8*float64(len([]rune(c.label()))) + 14
	}
}

// basisLines writes the lines of a basis from (x, y), one every dy, and
// returns the y after them. A zero Basis writes nothing.
func (s *svgDoc) basisLines(b Basis, x, y, dy float64) float64 {
	if b.Network == "" {
		return y
	}
	for _, l := range b.Lines() {
		s.text(x, y, l, "font-size", 11.5, "fill", "#7a3b00")
		y += dy
	}
	return y
}

// tierWord names what is counted: both tiers (the zero Tier), or one.
func tierWord(t typology.Tier) string {
	switch t {
	case typology.Reference:
		return "reference centres (CRMR sites)"
	case typology.Competence:
		return "competence centres (CCMR, CRC)"
	}
	return "centres (reference and competence)"
}
