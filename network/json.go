package network

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// Format is the version of the network document that [Decode] reads and
// [Encode] writes, as its "format" field says.
const Format = "rarenet/1"

// maxErrors bounds the problems one Decode reports: past it, decoding
// stops, so that a document wrong everywhere does not produce an error
// message as large as itself.
const maxErrors = 1000

// maxDepth bounds the nesting of JSON values that Decode skips or reads.
// The format nests five levels deep; anything far deeper is refused rather
// than recursed into.
const maxDepth = 512

// Decode reads a rarenet/1 document (FORMAT.md, "Network document") from r
// and builds its [Network].
//
// Decoding is strict. An unknown field, a missing required field, null
// where a value is required, a value of the wrong JSON type, an enumerated
// value not spelled exactly as FORMAT.md spells it, a malformed date or
// FINESS number, a window whose end is not after its start, an event dated
// before its label's start, an extension without until or whose until is
// not after the label's initial end, lat without lon (or the reverse) or
// out of range, a negative count, an unknown designation campaign, a
// dangling or duplicate ID, a reference to an entity of the wrong kind and
// a format other than [Format] are all errors. Each is a *[FieldError]
// naming the entity's place in the document, its ID and the field, and
// quoting the offending value or the missing ID, for example
//
//	centres[3] (id "ccmr-x"): labels[0].start: "2017-13-01" is not a date
//
// It wraps [ErrMissing], [ErrDuplicate], [ErrDangling] or [ErrInvalid]
// (and, for a malformed value, the parser's own error too). Every problem
// found is reported, joined with errors.Join (up to a limit of 1000; a
// document that is not JSON stops decoding where it breaks), and no
// Network is returned with an error. Errors reading r are returned as they
// are.
//
// Absent optional fields take FORMAT.md's defaults, and null stands for
// absent wherever a field is optional. Designation campaigns are kept as
// written ("2007" stays "2007"; see [labelling.CanonicalCampaign]).
//
// Decode reads r as a stream: memory grows with the network, not with the
// document held whole.
func Decode(r io.Reader) (*Network, error) {
	d := &decoder{sc: scanner{r: r}}
	d.sc.d = d
	if fatal := d.run(); fatal != nil {
		if len(d.errs) == 0 {
			return nil, fatal
		}
		return nil, errors.Join(append(d.errs, fatal)...)
	}
	if d.incomplete {
		// A list is missing: references into it would all dangle.
		return nil, errors.Join(d.errs...)
	}
	n, err := d.b.Build()
	if err != nil {
		d.mergeBuildErrors(err)
	}
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return n, nil
}

// A stop is what the decoder panics with to unwind, and what run recovers:
// a syntax or read error that ends decoding, or the error limit.
type stop struct{ err error }

// segment is one step of the field path inside an entity: a field name and,
// for an array element, its index (-1 otherwise).
type segment struct {
	name string
	idx  int
}

type decoder struct {
	sc   scanner
	b    Builder
	errs []error

	// The entity being decoded: list ("centres") and index in it, or ""
	// for the document itself; its errors start at errs[entErrs].
	list    string
	index   int
	entID   string // its ID, once read
	entErrs int
	stack   []segment
	// broken holds the paths of entities that were not objects: the
	// builder's complaints about their placeholders are dropped.
	broken map[string]bool
	// tainted holds the IDs of entities with problems: the builder's
	// complaints about other entities that name them are consequences
	// (a centre whose tier did not decode is "not a competence centre"
	// for its conventions) and are dropped.
	tainted map[string]bool
	// incomplete is set when one of the document's lists is missing or
	// not a list: the structure is then not checked.
	incomplete bool

	// Scratch lists, reused from one entity to the next: the Builder
	// copies what it is given.
	diseases []typology.Disease
	labels   []labelling.Label
	activity []Activity
	events   []labelling.Event
	eventIdx []int
	ids      [2][]CentreID
	groups   []typology.Group

	strs      map[string]string // interned IDs and repeated strings
	campaigns map[string]bool
	enums     enumCaches
}

type enumCaches struct {
	tier       []spelling[typology.Tier]
	role       []spelling[typology.Role]
	kind       []spelling[typology.Kind]
	scope      []spelling[typology.Scope]
	mark       []spelling[typology.Mark]
	prevalence []spelling[typology.Prevalence]
	actKind    []spelling[labelling.ActKind]
	eventKind  []spelling[labelling.EventKind]
	evalType   []spelling[labelling.EvaluationType]
	route      []spelling[labelling.Route]
}

// run decodes the document into d.b, recording problems in d.errs. It
// returns the error that stopped decoding early, if any.
func (d *decoder) run() (fatal error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(stop)
			if !ok {
				panic(r)
			}
			fatal = s.err
		}
	}()
	d.document()
	return nil
}

// ---- error reporting ----

func (d *decoder) entityPath() string {
	if d.list == "" {
		return "document"
	}
	return d.list + "[" + strconv.Itoa(d.index) + "]"
}

// fieldPath renders the current segments followed by field.
func (d *decoder) fieldPath(field string) string {
	var b []byte
	for i, s := range d.stack {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, s.name...)
		if s.idx >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.idx), 10)
			b = append(b, ']')
		}
	}
	if field != "" {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, field...)
	}
	return string(b)
}

func (d *decoder) push(name string, idx int) { d.stack = append(d.stack, segment{name, idx}) }
func (d *decoder) pop()                      { d.stack = d.stack[:len(d.stack)-1] }

// fail records a problem with field (relative to the current segments).
func (d *decoder) fail(field string, err error, format string, args ...any) {
	d.errs = append(d.errs, &FieldError{Path: d.entityPath(), Field: d.fieldPath(field), Msg: fmt.Sprintf(format, args...), Err: err})
	if len(d.errs) >= maxErrors {
		panic(stop{fmt.Errorf("network: decoding stopped after %d errors", maxErrors)})
	}
}

// failParse records a malformed value, wrapping both ErrInvalid and the
// parser's error.
func (d *decoder) failParse(field string, perr error, format string, args ...any) {
	d.fail(field, fmt.Errorf("%w: %w", ErrInvalid, perr), format, args...)
}

// syntax stops decoding with an error locating the offence in the input
// and in the document's structure.
func (d *decoder) syntax(format string, args ...any) {
	line, col := d.sc.position()
	msg := fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, fmt.Sprintf(format, args...))
	panic(stop{&FieldError{Path: d.entityPath(), ID: d.entID, Field: d.fieldPath(""), Msg: msg, Err: ErrInvalid}})
}

// begin starts entity list[i]; end fills the entity's ID into its errors.
func (d *decoder) begin(list string, i int) {
	d.list, d.index, d.entID, d.entErrs = list, i, "", len(d.errs)
	d.stack = d.stack[:0]
}

func (d *decoder) end(id string) {
	if len(d.errs) > d.entErrs && id != "" {
		if d.tainted == nil {
			d.tainted = make(map[string]bool)
		}
		d.tainted[id] = true
	}
	for _, e := range d.errs[d.entErrs:] {
		if fe, ok := e.(*FieldError); ok && fe.ID == "" {
			fe.ID = id
		}
	}
	d.list, d.entID = "", ""
}

// setID records the entity's ID as soon as it is read, for a syntax error
// later in the entity.
func (d *decoder) setID(id string) string {
	d.entID = id
	return id
}

// mergeBuildErrors adds the builder's problems that decoding has not
// already reported: the same field of the same entity (or a field inside
// it, or the entity as a whole) is reported once.
func (d *decoder) mergeBuildErrors(err error) {
	type key struct{ path, field string }
	seen := make(map[key]bool, len(d.errs))
	for _, e := range d.errs {
		if fe, ok := e.(*FieldError); ok {
			seen[key{fe.Path, fe.Field}] = true
		}
	}
	covered := func(fe *FieldError) bool {
		if d.broken[fe.Path] || seen[key{fe.Path, ""}] {
			return true
		}
		// The field itself or any enclosing field ("activity[0]" covers
		// "activity[0].year"; "reference" covers "reference[1]").
		f := fe.Field
		for {
			if seen[key{fe.Path, f}] {
				return true
			}
			i := max(strings.LastIndexByte(f, '.'), strings.LastIndexByte(f, '['))
			if i <= 0 {
				return false
			}
			f = f[:i]
		}
	}
	var errs []error
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		errs = u.Unwrap()
	} else {
		errs = []error{err}
	}
	consequence := func(fe *FieldError) bool {
		for id := range d.tainted {
			if id != fe.ID && strings.Contains(fe.Msg, strconv.Quote(id)) {
				return true
			}
		}
		return false
	}
	for _, e := range errs {
		var fe *FieldError
		if errors.As(e, &fe) && (covered(fe) || consequence(fe)) {
			continue
		}
		if len(d.errs) == maxErrors {
			d.errs = append(d.errs, fmt.Errorf("network: decoding stopped after %d errors", maxErrors))
			break
		}
		d.errs = append(d.errs, e)
	}
}

// ---- values ----

// describe consumes the value ahead and describes it for a message about
// a value of the wrong type.
func (d *decoder) describe() string {
	switch d.sc.kind() {
	case '"':
		return "the string " + quoteShort(d.sc.readString())
	case '0':
		return string(d.sc.readNumber())
	case 't':
		d.sc.literal("true")
		return "true"
	case 'f':
		d.sc.literal("false")
		return "false"
	case 'n':
		d.sc.literal("null")
		return "null"
	case '{':
		d.skip(0)
		return "an object"
	default: // '['
		d.skip(0)
		return "an array"
	}
}

// quoteShort quotes s for a message, cutting it after 60 bytes.
func quoteShort(b []byte) string {
	if len(b) > 60 {
		cut := 60
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		return strconv.Quote(string(b[:cut])) + "..."
	}
	return strconv.Quote(string(b))
}

// null consumes a null ahead, if there is one. For a required field a null
// is a problem, reported here; the caller treats the field as absent.
func (d *decoder) null(field string, required bool) bool {
	if d.sc.kind() != 'n' {
		return false
	}
	d.sc.literal("null")
	if required {
		d.fail(field, ErrMissing, "null, but a value is required")
	}
	return true
}

// wrongType reports and skips a value that is not of the type wanted.
func (d *decoder) wrongType(field, want string) {
	d.fail(field, ErrInvalid, "expected %s, got %s", want, d.describe())
}

// strBytes reads a string, valid until the next read. ok is false for null
// or a value of another type (reported).
func (d *decoder) strBytes(field string, required bool) ([]byte, bool) {
	if d.sc.peek() == '"' {
		return d.sc.readString(), true
	}
	if !d.null(field, required) {
		d.wrongType(field, "a string")
	}
	return nil, false
}

func (d *decoder) str(field string, required bool) string {
	b, ok := d.strBytes(field, required)
	if !ok {
		return ""
	}
	return string(b)
}

// intern returns b as a string, shared with earlier equal strings: IDs are
// written many times (every reference), and sources repeat.
func (d *decoder) intern(b []byte) string {
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	if d.strs == nil {
		d.strs = make(map[string]string, 1024)
	}
	s := string(b)
	d.strs[s] = s
	return s
}

func (d *decoder) id(field string, required bool) string {
	b, ok := d.strBytes(field, required)
	if !ok {
		return ""
	}
	return d.intern(b)
}

func (d *decoder) date(field string, required bool) labelling.Date {
	b, ok := d.strBytes(field, required)
	if !ok {
		return labelling.Date{}
	}
	if t, ok := parseDate(b); ok {
		return t
	}
	_, err := labelling.ParseDate(string(b))
	if err == nil { // parseDate is stricter than it should be: a bug.
		err = &labelling.ParseError{Type: "date", Input: string(b), Msg: "not accepted"}
	}
	d.failParse(field, err, "%s is not a date", quoteShort(b))
	return labelling.Date{}
}

// parseDate parses YYYY-MM-DD as labelling.ParseDate does, without
// allocating.
func parseDate(b []byte) (labelling.Date, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return labelling.Date{}, false
	}
	n := 0
	for i, c := range b {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return labelling.Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, dd := n/10000, n/100%100, n%100
	if y < labelling.MinYear || m < 1 || m > 12 || dd < 1 || dd > daysInMonth(y, m) {
		return labelling.Date{}, false
	}
	return labelling.MakeDate(y, time.Month(m), dd), true
}

func daysInMonth(y, m int) int {
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

// integer reads a JSON integer in [lo, hi].
func (d *decoder) integer(field string, required bool, lo, hi int64) (int64, bool) {
	if d.sc.kind() != '0' {
		if !d.null(field, required) {
			d.wrongType(field, "an integer")
		}
		return 0, false
	}
	b := d.sc.readNumber()
	v, ok := parseInt(b)
	switch {
	case !ok && !bytes.ContainsAny(b, ".eE"):
		d.fail(field, ErrInvalid, "%s is out of range", b)
	case !ok:
		d.fail(field, ErrInvalid, "%s is not an integer", b)
	case v < lo && lo == 0:
		d.fail(field, ErrInvalid, "%s is negative", b)
	case v < lo || v > hi:
		d.fail(field, ErrInvalid, "%s is out of range (%d to %d)", b, lo, hi)
	default:
		return v, true
	}
	return 0, false
}

// parseInt parses a number literal (its JSON grammar already checked)
// that is an integer of at most 18 digits.
func parseInt(b []byte) (int64, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

func (d *decoder) float(field string, required bool) (float64, bool) {
	if d.null(field, required) {
		return 0, false
	}
	if d.sc.kind() != '0' {
		d.wrongType(field, "a number")
		return 0, false
	}
	b := d.sc.readNumber()
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		d.fail(field, ErrInvalid, "%s is out of range", b)
		return 0, false
	}
	return v, true
}

func (d *decoder) boolean(field string, required bool) (bool, bool) {
	if d.null(field, required) {
		return false, false
	}
	switch d.sc.kind() {
	case 't':
		d.sc.literal("true")
		return true, true
	case 'f':
		d.sc.literal("false")
		return false, true
	}
	d.wrongType(field, "true or false")
	return false, false
}

// textUnmarshaler is an enumeration's pointer type with a strict
// UnmarshalText.
type textUnmarshaler[E any] interface {
	*E
	UnmarshalText([]byte) error
}

// enum reads a string and converts it with the strict UnmarshalText of E,
// caching accepted spellings so that each is converted once per document.
func enum[E any, P textUnmarshaler[E]](d *decoder, cache *[]spelling[E], field string, required bool) (E, bool) {
	b, ok := d.strBytes(field, required)
	if !ok {
		var zero E
		return zero, false
	}
	for _, c := range *cache {
		if c.text == string(b) {
			return c.v, true
		}
	}
	v, err := unmarshalText[E, P](b)
	if err != nil {
		d.failParse(field, err, "%s is not a valid %s", quoteShort(b), field[lastDot(field)+1:])
		return v, false
	}
	*cache = append(*cache, spelling[E]{string(b), v})
	return v, true
}

func unmarshalText[E any, P textUnmarshaler[E]](b []byte) (E, error) {
	var v E
	err := P(&v).UnmarshalText(b)
	return v, err
}

// A spelling is an enumerated value's text that UnmarshalText accepted,
// and the value.
type spelling[E any] struct {
	text string
	v    E
}

func lastDot(s string) int { return strings.LastIndexByte(s, '.') }

func (d *decoder) group(field string, required bool) (typology.Group, bool) {
	if d.null(field, required) {
		return 0, false
	}
	if d.sc.kind() != '0' {
		d.wrongType(field, "a group number (1 to 17)")
		return 0, false
	}
	b := d.sc.readNumber()
	var g typology.Group
	if err := g.UnmarshalJSON(b); err != nil {
		d.failParse(field, err, "%s is not a group (1 to 17)", b)
		return 0, false
	}
	return g, true
}

// skip skips any value.
func (d *decoder) skip(depth int) {
	if depth > maxDepth {
		d.syntax("values nested more than %d deep", maxDepth)
	}
	switch d.sc.kind() {
	case '"':
		d.sc.readString()
	case '0':
		d.sc.readNumber()
	case 't':
		d.sc.literal("true")
	case 'f':
		d.sc.literal("false")
	case 'n':
		d.sc.literal("null")
	case '{':
		d.sc.pos++
		for first := true; ; first = false {
			if _, more := d.sc.key(first); !more {
				break
			}
			d.skip(depth + 1)
		}
	case '[':
		d.sc.pos++
		for first := true; d.sc.elem(first); first = false {
			d.skip(depth + 1)
		}
	}
}

// ---- objects ----

// fieldSet tracks which fields of an object were seen, to tell duplicates
// and missing fields.
type fieldSet uint32

// field handles a field name: it reports and skips a duplicate and returns
// false then.
func (d *decoder) field(seen *fieldSet, bit uint, name string) bool {
	if *seen&(1<<bit) != 0 {
		d.fail(name, ErrInvalid, "field appears twice")
		d.skip(0)
		return false
	}
	*seen |= 1 << bit
	return true
}

func (d *decoder) unknown(key []byte) {
	d.fail(string(key), ErrInvalid, "unknown field %s", quoteShort(key))
	d.skip(0)
}

// require reports the required fields not seen (absent, not null: a null
// was reported where it was read).
func (d *decoder) require(seen fieldSet, names []string, required fieldSet) {
	for bit, name := range names {
		if required&(1<<bit) != 0 && seen&(1<<bit) == 0 {
			d.fail(name, ErrMissing, "missing")
		}
	}
}

// object opens an object ahead. When the value is null (and not required)
// or of another type (reported), it returns false.
func (d *decoder) object(field string, required bool) bool {
	if d.null(field, required) {
		return false
	}
	if d.sc.kind() != '{' {
		d.wrongType(field, "an object")
		return false
	}
	d.sc.pos++
	return true
}

// array opens an array ahead, like object.
func (d *decoder) array(field string, required bool) bool {
	if d.null(field, required) {
		return false
	}
	if d.sc.kind() != '[' {
		d.wrongType(field, "an array")
		return false
	}
	d.sc.pos++
	return true
}

// ---- the document ----

var documentFields = []string{"format", "establishments", "teams", "centres", "conventions", "filieres", "platforms"}

const documentRequired fieldSet = 1<<0 | 1<<1 | 1<<2 | 1<<3

func (d *decoder) document() {
	d.begin("", 0)
	if d.sc.kind() != '{' {
		d.fail("", ErrInvalid, "expected an object, got %s", d.describe())
		d.incomplete = true
		d.sc.end()
		return
	}
	d.sc.pos++
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		bit := -1
		for i, f := range documentFields {
			if string(key) == f {
				bit = i
				break
			}
		}
		if bit < 0 {
			d.unknown(key)
			continue
		}
		name := documentFields[bit]
		if !d.field(&seen, uint(bit), name) {
			continue
		}
		if bit == 0 {
			d.format()
			continue
		}
		if !d.array(name, bit <= 3) {
			d.incomplete = d.incomplete || len(d.errs) > 0
			continue
		}
		for i := 0; d.sc.elem(i == 0); i++ {
			switch bit {
			case 1:
				d.establishment(i)
			case 2:
				d.team(i)
			case 3:
				d.centre(i)
			case 4:
				d.convention(i)
			case 5:
				d.filiere(i)
			case 6:
				d.platform(i)
			}
			d.begin("", 0)
		}
	}
	if seen&documentRequired != documentRequired {
		d.require(seen, documentFields, documentRequired)
		d.incomplete = true
	}
	d.sc.end()
}

func (d *decoder) format() {
	b, ok := d.strBytes("format", true)
	if ok && string(b) != Format {
		d.fail("format", ErrInvalid, "%s is not a supported format (want %q)", quoteShort(b), Format)
	}
}

// entity opens element i of list as an object; when it is not one, it
// reports it, marks its path broken and returns false.
func (d *decoder) entity(list string, i int) bool {
	d.begin(list, i)
	if d.sc.kind() == '{' {
		d.sc.pos++
		return true
	}
	d.fail("", ErrInvalid, "expected an object, got %s", d.describe())
	if d.broken == nil {
		d.broken = make(map[string]bool)
	}
	d.broken[d.entityPath()] = true
	d.end("")
	return false
}

// provenance handles the "source" and "mark" fields common to entities and
// labels; it reports whether key was one of them.
func (d *decoder) provenance(key []byte, seen *fieldSet, srcBit, markBit uint, p *typology.Provenance) bool {
	switch string(key) {
	case "source":
		if d.field(seen, srcBit, "source") {
			p.Source = d.str("source", false)
		}
	case "mark":
		if d.field(seen, markBit, "mark") {
			p.Mark, _ = enum(d, &d.enums.mark, "mark", false)
		}
	default:
		return false
	}
	return true
}

var establishmentFields = []string{"id", "finess", "name", "city", "region", "lat", "lon", "source", "mark"}

func (d *decoder) establishment(i int) {
	var e Establishment
	defer func() { d.b.AddEstablishment(e) }()
	if !d.entity("establishments", i) {
		return
	}
	var seen fieldSet
	var lat, lon float64
	var hasLat, hasLon, latNull, lonNull bool
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				e.ID = EstablishmentID(d.setID(d.id("id", true)))
			}
		case "finess":
			if d.field(&seen, 1, "finess") {
				if b, ok := d.strBytes("finess", false); ok {
					f, err := ParseFINESS(string(b))
					if err != nil {
						d.failParse("finess", err, "%s is not a FINESS number: %s", quoteShort(b), err.(*FINESSError).Msg)
					}
					e.FINESS = f
				}
			}
		case "name":
			if d.field(&seen, 2, "name") {
				e.Name = d.str("name", true)
			}
		case "city":
			if d.field(&seen, 3, "city") {
				e.City = d.id("city", false)
			}
		case "region":
			if d.field(&seen, 4, "region") {
				e.Region = RegionCode(d.id("region", true))
			}
		case "lat":
			if d.field(&seen, 5, "lat") {
				latNull = d.sc.kind() == 'n'
				lat, hasLat = d.float("lat", false)
			}
		case "lon":
			if d.field(&seen, 6, "lon") {
				lonNull = d.sc.kind() == 'n'
				lon, hasLon = d.float("lon", false)
			}
		default:
			if !d.provenance(key, &seen, 7, 8, &e.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, establishmentFields, 1<<0|1<<2|1<<4)
	switch {
	case hasLat && hasLon:
		ok := true
		if lat < -90 || lat > 90 {
			d.fail("lat", ErrInvalid, "%v is out of range (-90 to 90)", lat)
			ok = false
		}
		if lon < -180 || lon > 180 {
			d.fail("lon", ErrInvalid, "%v is out of range (-180 to 180)", lon)
			ok = false
		}
		if ok {
			e.Location = Location{Lat: lat, Lon: lon, Known: true}
		}
	case hasLat && seen&(1<<6) == 0:
		d.fail("lon", ErrMissing, "missing: lat and lon go together")
	case hasLon && seen&(1<<5) == 0:
		d.fail("lat", ErrMissing, "missing: lat and lon go together")
	case hasLat && lonNull:
		d.fail("lon", ErrMissing, "null, but lat and lon go together")
	case hasLon && latNull:
		d.fail("lat", ErrMissing, "null, but lat and lon go together")
	}
	d.end(string(e.ID))
}

var teamFields = []string{"id", "establishment", "unit", "source", "mark"}

func (d *decoder) team(i int) {
	var t Team
	defer func() { d.b.AddTeam(t) }()
	if !d.entity("teams", i) {
		return
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				t.ID = TeamID(d.setID(d.id("id", true)))
			}
		case "establishment":
			if d.field(&seen, 1, "establishment") {
				t.Establishment = EstablishmentID(d.id("establishment", true))
			}
		case "unit":
			if d.field(&seen, 2, "unit") {
				t.Unit = d.id("unit", false)
			}
		default:
			if !d.provenance(key, &seen, 3, 4, &t.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, teamFields, 1<<0|1<<1)
	d.end(string(t.ID))
}

var centreFields = []string{"id", "name", "tier", "role", "coordinating_site", "kind", "group", "scope", "team", "diseases", "labels", "activity", "source", "mark"}

func (d *decoder) centre(i int) {
	var c Centre
	defer func() { d.b.AddCentre(c) }()
	if !d.entity("centres", i) {
		return
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				c.ID = CentreID(d.setID(d.id("id", true)))
			}
		case "name":
			if d.field(&seen, 1, "name") {
				c.Name = d.str("name", true)
			}
		case "tier":
			if d.field(&seen, 2, "tier") {
				c.Tier, _ = enum(d, &d.enums.tier, "tier", true)
			}
		case "role":
			if d.field(&seen, 3, "role") {
				c.Role, _ = enum(d, &d.enums.role, "role", false)
			}
		case "coordinating_site":
			if d.field(&seen, 4, "coordinating_site") {
				c.CoordinatingSite = CentreID(d.id("coordinating_site", false))
			}
		case "kind":
			if d.field(&seen, 5, "kind") {
				c.Kind, _ = enum(d, &d.enums.kind, "kind", false)
			}
		case "group":
			if d.field(&seen, 6, "group") {
				c.Group, _ = d.group("group", true)
			}
		case "scope":
			if d.field(&seen, 7, "scope") {
				c.Scope, _ = enum(d, &d.enums.scope, "scope", false)
			}
		case "team":
			if d.field(&seen, 8, "team") {
				c.Team = TeamID(d.id("team", true))
			}
		case "diseases":
			if d.field(&seen, 9, "diseases") && d.array("diseases", false) {
				d.diseases = d.diseases[:0]
				for k := 0; d.sc.elem(k == 0); k++ {
					d.push("diseases", k)
					d.diseases = append(d.diseases, d.disease())
					d.pop()
				}
				c.Diseases = d.diseases
			}
		case "labels":
			if d.field(&seen, 10, "labels") && d.array("labels", false) {
				d.labels = d.labels[:0]
				for k := 0; d.sc.elem(k == 0); k++ {
					d.push("labels", k)
					if l, ok := d.label(); ok {
						d.labels = append(d.labels, l)
					}
					d.pop()
				}
				c.Labels = d.labels
			}
		case "activity":
			if d.field(&seen, 11, "activity") && d.array("activity", false) {
				d.activity = d.activity[:0]
				for k := 0; d.sc.elem(k == 0); k++ {
					d.push("activity", k)
					d.activity = append(d.activity, d.activityYear())
					d.pop()
				}
				c.Activity = d.activity
			}
		default:
			if !d.provenance(key, &seen, 12, 13, &c.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, centreFields, 1<<0|1<<1|1<<2|1<<6|1<<8)
	if c.Tier == typology.Reference && seen&(1<<3) == 0 {
		d.fail("role", ErrMissing, "missing: a reference centre needs a role (coordinating or constitutive)")
	}
	d.end(string(c.ID))
}

var diseaseFields = []string{"orpha", "name", "prevalence"}

func (d *decoder) disease() typology.Disease {
	var x typology.Disease
	if !d.object("", true) {
		return x
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "orpha":
			if d.field(&seen, 0, "orpha") {
				v, _ := d.integer("orpha", false, 1, 1<<32-1)
				x.Orpha = typology.ORPHAcode(v)
			}
		case "name":
			if d.field(&seen, 1, "name") {
				x.Name = d.str("name", true)
			}
		case "prevalence":
			if d.field(&seen, 2, "prevalence") {
				x.Prevalence, _ = enum(d, &d.enums.prevalence, "prevalence", false)
			}
		default:
			d.unknown(key)
		}
	}
	d.require(seen, diseaseFields, 1<<1)
	return x
}

var activityFields = []string{"year", "consultations", "patients", "new_patients"}

func (d *decoder) activityYear() Activity {
	var a Activity
	if !d.object("", true) {
		return a
	}
	var seen fieldSet
	const maxCount = 1<<31 - 1
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		var v int64
		switch string(key) {
		case "year":
			if d.field(&seen, 0, "year") {
				v, _ = d.integer("year", true, MinActivityYear, MaxActivityYear)
				a.Year = int(v)
			}
		case "consultations":
			if d.field(&seen, 1, "consultations") {
				v, _ = d.integer("consultations", true, 0, maxCount)
				a.Consultations = int(v)
			}
		case "patients":
			if d.field(&seen, 2, "patients") {
				v, _ = d.integer("patients", true, 0, maxCount)
				a.Patients = int(v)
			}
		case "new_patients":
			if d.field(&seen, 3, "new_patients") {
				v, _ = d.integer("new_patients", true, 0, maxCount)
				a.NewPatients = int(v)
			}
		default:
			d.unknown(key)
		}
	}
	d.require(seen, activityFields, 1<<0|1<<1|1<<2|1<<3)
	return a
}

var labelFields = []string{"start", "end", "act", "events", "designation", "source", "mark"}

// label reads a label; ok is false when it has problems (reported), and
// the label is then left out.
func (d *decoder) label() (labelling.Label, bool) {
	if !d.object("", true) {
		return labelling.Label{}, false
	}
	nerr := len(d.errs)
	var (
		seen        fieldSet
		start, end  labelling.Date
		act         labelling.Act
		designation labelling.Designation
		prov        typology.Provenance
	)
	events := d.events[:0]
	eventIdx := d.eventIdx[:0] // document index of each event kept
	defer func() { d.events, d.eventIdx = events, eventIdx }()
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "start":
			if d.field(&seen, 0, "start") {
				start = d.date("start", true)
			}
		case "end":
			if d.field(&seen, 1, "end") {
				end = d.date("end", true)
			}
		case "act":
			if d.field(&seen, 2, "act") {
				d.push("act", -1)
				act, _ = d.act("", true)
				d.pop()
			}
		case "events":
			if d.field(&seen, 3, "events") && d.array("events", false) {
				for k := 0; d.sc.elem(k == 0); k++ {
					d.push("events", k)
					if e, ok := d.event(); ok {
						events = append(events, e)
						eventIdx = append(eventIdx, k)
					}
					d.pop()
				}
			}
		case "designation":
			if d.field(&seen, 4, "designation") {
				d.push("designation", -1)
				designation = d.designation()
				d.pop()
			}
		default:
			if !d.provenance(key, &seen, 5, 6, &prov) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, labelFields, 1<<0|1<<1|1<<2)
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		d.fail("end", ErrInvalid, "%q is not after the start %q", end, start)
	}
	// Checks on events against the label, in FORMAT.md's terms.
	for j, e := range events {
		d.push("events", eventIdx[j])
		if !start.IsZero() && e.Date.Before(start) {
			d.fail("date", ErrInvalid, "%q is before the label's start %q", e.Date, start)
		}
		if e.Kind == labelling.Extension && !end.IsZero() && !e.Until.IsZero() && !e.Until.After(end) {
			d.fail("until", ErrInvalid, "%q is not after the label's initial end %q", e.Until, end)
		}
		d.pop()
	}
	if len(d.errs) > nerr {
		return labelling.Label{}, false
	}
	l, err := labelling.NewLabel(start, end, act, events...)
	if err != nil {
		// What the checks above did not catch: an extension that does not
		// move the end in effect before it, for one.
		for _, e := range unwrapAll(err) {
			var le *labelling.LabelError
			if errors.As(e, &le) {
				d.fail(d.labelField(le.Field, eventIdx), fmt.Errorf("%w: %w", ErrInvalid, e), "%s", le.Msg)
			} else {
				d.fail("", fmt.Errorf("%w: %w", ErrInvalid, e), "%v", e)
			}
		}
		return labelling.Label{}, false
	}
	if !designation.IsZero() {
		l = l.WithDesignation(designation)
	}
	if !prov.IsZero() {
		l = l.WithProvenance(prov)
	}
	return l, true
}

// labelField maps a field of a labelling.LabelError ("events[2].until",
// indexing the events given to NewLabel) to the document's indexes.
func (d *decoder) labelField(field string, eventIdx []int) string {
	var k int
	var rest string
	if n, err := fmt.Sscanf(field, "events[%d]", &k); n == 1 && err == nil && k >= 0 && k < len(eventIdx) {
		if i := bytes.IndexByte([]byte(field), ']'); i >= 0 {
			rest = field[i+1:]
		}
		return fmt.Sprintf("events[%d]%s", eventIdx[k], rest)
	}
	return field
}

func unwrapAll(err error) []error {
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return []error{err}
}

var actFields = []string{"kind", "date", "ref"}

// act reads an act object at field (relative to the current segments,
// which already name it when field is "").
func (d *decoder) act(field string, required bool) (labelling.Act, bool) {
	var a labelling.Act
	if !d.object(field, required) {
		return a, false
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "kind":
			if d.field(&seen, 0, "kind") {
				a.Kind, _ = enum(d, &d.enums.actKind, "kind", true)
			}
		case "date":
			if d.field(&seen, 1, "date") {
				a.Date = d.date("date", true)
			}
		case "ref":
			if d.field(&seen, 2, "ref") {
				a.Ref = d.id("ref", false)
			}
		default:
			d.unknown(key)
		}
	}
	d.require(seen, actFields, 1<<0|1<<1)
	return a, true
}

var eventFields = []string{"kind", "date", "type", "until", "act"}

// event reads an event; ok is false when it has problems (reported).
func (d *decoder) event() (labelling.Event, bool) {
	var e labelling.Event
	if !d.object("", true) {
		return e, false
	}
	nerr := len(d.errs)
	var seen fieldSet
	var untilNull bool
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "kind":
			if d.field(&seen, 0, "kind") {
				e.Kind, _ = enum(d, &d.enums.eventKind, "kind", true)
			}
		case "date":
			if d.field(&seen, 1, "date") {
				e.Date = d.date("date", true)
			}
		case "type":
			if d.field(&seen, 2, "type") {
				e.Type, _ = enum(d, &d.enums.evalType, "type", false)
			}
		case "until":
			if d.field(&seen, 3, "until") {
				untilNull = d.sc.kind() == 'n'
				e.Until = d.date("until", false)
			}
		case "act":
			if d.field(&seen, 4, "act") {
				d.push("act", -1)
				e.Act, _ = d.act("", false)
				d.pop()
			}
		default:
			d.unknown(key)
		}
	}
	d.require(seen, eventFields, 1<<0|1<<1)
	switch {
	case e.Kind == labelling.Extension && e.Until.IsZero() && seen&(1<<3) == 0:
		d.fail("until", ErrMissing, "missing: an extension needs until, its new end")
	case e.Kind == labelling.Extension && untilNull:
		d.fail("until", ErrMissing, "null, but an extension needs until, its new end")
	case e.Kind != 0 && e.Kind != labelling.Extension && !e.Until.IsZero():
		d.fail("until", ErrInvalid, "only extensions have an until (this is a %s)", e.Kind)
	}
	if e.Kind != 0 && e.Kind != labelling.Evaluation && e.Type != labelling.Unstated {
		d.fail("type", ErrInvalid, "only evaluations have a type (this is a %s)", e.Kind)
	}
	return e, len(d.errs) == nerr
}

var designationFields = []string{"campaign", "route", "cncl_opinion", "decision"}

func (d *decoder) designation() labelling.Designation {
	var x labelling.Designation
	if !d.object("", false) {
		return x
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "campaign":
			if d.field(&seen, 0, "campaign") {
				if b, ok := d.strBytes("campaign", true); ok {
					id := d.intern(b)
					if d.knownCampaign(id) {
						x.Campaign = labelling.CampaignID(id)
					} else {
						d.fail("campaign", ErrDangling, "%s is not a campaign of the embedded campaigns", quoteShort(b))
					}
				}
			}
		case "route":
			if d.field(&seen, 1, "route") {
				x.Route, _ = enum(d, &d.enums.route, "route", true)
			}
		case "cncl_opinion":
			if d.field(&seen, 2, "cncl_opinion") {
				x.CNCLOpinion = d.date("cncl_opinion", false)
			}
		case "decision":
			if d.field(&seen, 3, "decision") {
				x.Decision = d.date("decision", true)
			}
		default:
			d.unknown(key)
		}
	}
	d.require(seen, designationFields, 1<<0|1<<1|1<<3)
	return x
}

func (d *decoder) knownCampaign(id string) bool {
	if ok, seen := d.campaigns[id]; seen {
		return ok
	}
	_, ok := labelling.CampaignByID(labelling.CampaignID(id))
	if d.campaigns == nil {
		d.campaigns = make(map[string]bool)
	}
	d.campaigns[id] = ok
	return ok
}

var conventionFields = []string{"id", "reference", "competence", "signed", "start", "end", "signatories", "source", "mark"}

func (d *decoder) convention(i int) {
	var c Convention
	defer func() { d.b.AddConvention(c) }()
	if !d.entity("conventions", i) {
		return
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				c.ID = ConventionID(d.setID(d.id("id", true)))
			}
		case "reference":
			if d.field(&seen, 1, "reference") {
				c.Reference = d.centreIDs(0, "reference", true)
			}
		case "competence":
			if d.field(&seen, 2, "competence") {
				c.Competence = CentreID(d.id("competence", true))
			}
		case "signed":
			if d.field(&seen, 3, "signed") {
				c.Signed = d.date("signed", true)
			}
		case "start":
			if d.field(&seen, 4, "start") {
				c.Start = d.date("start", true)
			}
		case "end":
			if d.field(&seen, 5, "end") {
				c.End = d.date("end", false)
			}
		case "signatories":
			if d.field(&seen, 6, "signatories") {
				c.Signatories = d.centreIDs(1, "signatories", false)
			}
		default:
			if !d.provenance(key, &seen, 7, 8, &c.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, conventionFields, 1<<0|1<<1|1<<2|1<<3|1<<4)
	if !c.Start.IsZero() && !c.End.IsZero() && !c.End.After(c.Start) {
		d.fail("end", ErrInvalid, "%q is not after the start %q", c.End, c.Start)
	}
	d.end(string(c.ID))
}

// centreIDs reads an array of IDs; an element that is not a string is
// reported and kept as "", so that indexes stay those of the document.
func (d *decoder) centreIDs(scratch int, field string, required bool) []CentreID {
	if !d.array(field, required) {
		return nil
	}
	ids := d.ids[scratch][:0]
	for k := 0; d.sc.elem(k == 0); k++ {
		d.push(field, k)
		ids = append(ids, CentreID(d.id("", true)))
		d.pop()
	}
	d.ids[scratch] = ids
	return ids
}

var filiereFields = []string{"id", "name", "host", "groups", "members", "source", "mark"}

func (d *decoder) filiere(i int) {
	var f Filiere
	defer func() { d.b.AddFiliere(f) }()
	if !d.entity("filieres", i) {
		return
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				f.ID = FiliereID(d.setID(d.id("id", true)))
			}
		case "name":
			if d.field(&seen, 1, "name") {
				f.Name = d.str("name", true)
			}
		case "host":
			if d.field(&seen, 2, "host") {
				f.Host = EstablishmentID(d.id("host", false))
			}
		case "groups":
			if d.field(&seen, 3, "groups") && d.array("groups", false) {
				d.groups = d.groups[:0]
				for k := 0; d.sc.elem(k == 0); k++ {
					d.push("groups", k)
					g, _ := d.group("", true)
					d.groups = append(d.groups, g)
					d.pop()
				}
				f.Groups = d.groups
			}
		case "members":
			if d.field(&seen, 4, "members") {
				f.Members = d.centreIDs(0, "members", false)
			}
		default:
			if !d.provenance(key, &seen, 5, 6, &f.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, filiereFields, 1<<0|1<<1)
	d.end(string(f.ID))
}

var platformFields = []string{"id", "name", "host", "overseas", "source", "mark"}

func (d *decoder) platform(i int) {
	var p Platform
	defer func() { d.b.AddPlatform(p) }()
	if !d.entity("platforms", i) {
		return
	}
	var seen fieldSet
	for first := true; ; first = false {
		key, more := d.sc.key(first)
		if !more {
			break
		}
		switch string(key) {
		case "id":
			if d.field(&seen, 0, "id") {
				p.ID = PlatformID(d.setID(d.id("id", true)))
			}
		case "name":
			if d.field(&seen, 1, "name") {
				p.Name = d.str("name", true)
			}
		case "host":
			if d.field(&seen, 2, "host") {
				p.Host = EstablishmentID(d.id("host", true))
			}
		case "overseas":
			if d.field(&seen, 3, "overseas") {
				p.Overseas, _ = d.boolean("overseas", false)
			}
		default:
			if !d.provenance(key, &seen, 4, 5, &p.Provenance) {
				d.unknown(key)
			}
		}
	}
	d.require(seen, platformFields, 1<<0|1<<1|1<<2)
	d.end(string(p.ID))
}

// ---- the scanner ----

// A scanner reads JSON tokens from a stream through a buffer that it
// refills, keeping the token being read. Its methods stop decoding through
// the decoder's syntax error on malformed input.
type scanner struct {
	d   *decoder
	r   io.Reader
	buf []byte
	pos int
	eof bool
	// Position of buf[0] in the input, for messages: lines before it, and
	// the column of buf[0] on its line, minus one.
	line, col int
	tmp       []byte // unescaped strings
	keyBuf    []byte // the last key read
}

// fill reads more input, keeping buf[s.pos:]. It reports whether any was
// read.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		gone := s.buf[:s.pos]
		if nl := bytes.Count(gone, []byte{'\n'}); nl > 0 {
			s.line += nl
			s.col = len(gone) - 1 - bytes.LastIndexByte(gone, '\n')
		} else {
			s.col += len(gone)
		}
		n := copy(s.buf, s.buf[s.pos:])
		s.buf = s.buf[:n]
		s.pos = 0
	}
	if len(s.buf) == cap(s.buf) {
		nb := make([]byte, len(s.buf), max(64<<10, 2*cap(s.buf)))
		copy(nb, s.buf)
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		switch {
		case err == io.EOF:
			s.eof = true
			return n > 0
		case err != nil:
			panic(stop{err})
		case n > 0:
			return true
		case tries >= 100:
			panic(stop{io.ErrNoProgress})
		}
	}
}

// position returns the line and column (both from 1, the column in bytes)
// of buf[pos].
func (s *scanner) position() (line, col int) {
	seen := s.buf[:min(s.pos, len(s.buf))]
	nl := bytes.Count(seen, []byte{'\n'})
	if nl == 0 {
		return s.line + 1, s.col + len(seen) + 1
	}
	return s.line + nl + 1, len(seen) - bytes.LastIndexByte(seen, '\n')
}

// peek skips white space and returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	for {
		buf, i := s.buf, s.pos
		for i < len(buf) {
			c := buf[i]
			if c > ' ' {
				s.pos = i
				return c
			}
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
				s.pos = i
				return c
			}
			i++
			// Indentation: skip runs of spaces eight bytes at a time,
			// up to the first byte that is not a space.
			for i+8 <= len(buf) {
				if x := binary.LittleEndian.Uint64(buf[i:]) ^ 0x2020202020202020; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					break
				}
				i += 8
			}
		}
		s.pos = i
		if !s.fill() {
			return 0
		}
	}
}

// kind returns the kind of the value ahead: '{', '[', '"', '0' (a number),
// 't', 'f' or 'n'.
func (s *scanner) kind() byte {
	switch c := s.peek(); c {
	case '{', '[', '"', 't', 'f', 'n':
		return c
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return '0'
	case 0:
		s.d.syntax("unexpected end of input")
	default:
		s.d.syntax("invalid character %s looking for a value", quoteChar(c))
	}
	return 0
}

func quoteChar(c byte) string {
	if c >= utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

// key reads the next key of an object whose '{' was consumed, and the
// colon after it; first says whether no key was read yet. It returns
// false at the closing brace. The key is valid until the value after it
// is read.
func (s *scanner) key(first bool) ([]byte, bool) {
	c := s.peek()
	if c == '}' {
		s.pos++
		return nil, false
	}
	if !first {
		if c != ',' {
			s.unexpected(c, "',' or '}' after an object field")
		}
		s.pos++
		c = s.peek()
	}
	if c != '"' {
		s.unexpected(c, "a field name")
	}
	k := s.readString()
	if s.pos < len(s.buf) && s.buf[s.pos] == ':' {
		// The usual case: no refill before the value, so k stays valid
		// until the caller reads the value.
		s.pos++
		return k, true
	}
	s.keyBuf = append(s.keyBuf[:0], k...)
	if c := s.peek(); c != ':' {
		s.unexpected(c, "':' after a field name")
	}
	s.pos++
	return s.keyBuf, true
}

// elem reports whether another element follows in an array whose '[' was
// consumed, consuming the comma before it; first says whether it would be
// the first. It consumes the closing bracket and returns false at the end.
func (s *scanner) elem(first bool) bool {
	c := s.peek()
	if c == ']' {
		s.pos++
		return false
	}
	if !first {
		if c != ',' {
			s.unexpected(c, "',' or ']' after an array element")
		}
		s.pos++
	}
	return true
}

func (s *scanner) unexpected(c byte, want string) {
	if c == 0 {
		s.d.syntax("unexpected end of input, expecting %s", want)
	}
	s.d.syntax("invalid character %s, expecting %s", quoteChar(c), want)
}

// end checks that only white space follows the document.
func (s *scanner) end() {
	if c := s.peek(); c != 0 {
		s.d.syntax("invalid character %s after the document", quoteChar(c))
	}
}

// literal consumes the word ahead (true, false or null), whose first byte
// was checked.
func (s *scanner) literal(word string) {
	for len(s.buf)-s.pos < len(word) {
		if !s.fill() {
			break
		}
	}
	if len(s.buf)-s.pos < len(word) || string(s.buf[s.pos:s.pos+len(word)]) != word {
		s.d.syntax("invalid literal, expecting %s", word)
	}
	s.pos += len(word)
}

// readNumber reads the number ahead and returns its text, valid until the
// next read.
func (s *scanner) readNumber() []byte {
	k := 0
	for {
		b := s.buf[s.pos:]
		for k < len(b) {
			c := b[k]
			if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
				k++
				continue
			}
			break
		}
		if k < len(b) || !s.fill() {
			break
		}
	}
	num := s.buf[s.pos : s.pos+k]
	if !validNumber(num) {
		s.d.syntax("invalid number %s", quoteShort(num))
	}
	s.pos += k
	return num
}

// validNumber checks JSON's number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(b []byte) bool {
	i := 0
	digits := func() bool {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(b)
}

// readString reads the string ahead (at its opening quote) and returns its
// value, valid until the next read.
func (s *scanner) readString() []byte {
	// The usual case: the closing quote is in the buffer and nothing
	// before it needs decoding.
	if b := s.buf[s.pos+1:]; len(b) > 0 {
		if q := bytes.IndexByte(b, '"'); q >= 0 && allPlain(b[:q]) {
			s.pos += q + 2
			return b[:q]
		}
	}
	k := 1
	var esc, high bool
	for {
		b := s.buf[s.pos:]
	scan:
		for k < len(b) {
			c := b[k]
			if plain[c] {
				k++
				continue
			}
			switch {
			case c == '"':
				raw := b[1:k]
				s.pos += k + 1
				switch {
				case esc:
					return s.unescape(raw)
				case high && !utf8.Valid(raw):
					s.pos -= k + 1
					s.d.syntax("invalid UTF-8 in a string")
				}
				return raw
			case c == '\\':
				if k+1 >= len(b) {
					break scan
				}
				esc = true
				k += 2
				continue
			case c < 0x20:
				s.pos += k
				s.d.syntax("control character %s in a string", quoteChar(c))
			default:
				high = true
			}
			k++
		}
		if !s.fill() {
			s.d.syntax("unexpected end of input in a string")
		}
	}
}

// allPlain reports whether b holds only plain bytes (see plain), eight at
// a time.
func allPlain(b []byte) bool {
	const (
		lo   = 0x0101010101010101
		high = 0x8080808080808080
	)
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte >= 0x80, a byte < 0x20, or a backslash.
		ctl := (x - 0x20*lo) & ^x & high
		bs := x ^ ('\\' * lo)
		bs = (bs - lo) & ^bs & high
		if (x&high)|ctl|bs != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if !plain[c] {
			return false
		}
	}
	return true
}

// plain tells the bytes that a string holds as they are: not a quote, a
// backslash, a control character or part of a multi-byte character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// unescape decodes the escapes of raw (a string's bytes between quotes)
// into s.tmp. A lone surrogate becomes U+FFFD, as encoding/json does.
func (s *scanner) unescape(raw []byte) []byte {
	out := s.tmp[:0]
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		// raw ends before the closing quote, and an escape always has
		// its next byte inside raw.
		e := raw[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw[i:])
			if !ok {
				s.d.syntax("invalid \\u escape in a string")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(-1), false
				if len(raw) >= i+6 && raw[i] == '\\' && raw[i+1] == 'u' {
					r2, ok = hex4(raw[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			s.d.syntax("invalid escape %s in a string", quoteChar(e))
		}
	}
	s.tmp = out
	if !utf8.Valid(out) {
		s.d.syntax("invalid UTF-8 in a string")
	}
	return out
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// ---- encoding ----

// Encode writes n to w as a rarenet/1 document (FORMAT.md): JSON indented
// with two spaces, each list in ID order (labels in the centre's order,
// activity by year), every field spelled as FORMAT.md spells it, kind and
// scope written out, the document's lists (conventions, filieres,
// platforms) written even when empty, "end": null for a running convention,
// "overseas" always, and "cncl_opinion": null for a designation without the
// committee's opinion. Other optional fields are left out when they hold
// their default: empty lists inside entities (diseases, labels, activity,
// events, signatories, groups, members), an unknown prevalence, a missing
// FINESS number, city, unit, host, location, ORPHAcode, evaluation type,
// event act, act reference, designation, source and mark.
//
// [Decode] gives back a Network equal to n, and encoding it again gives
// the same bytes. Strings are written as UTF-8; a byte that is not valid
// UTF-8 is written as U+FFFD, so such strings do not come back as they
// were.
//
// Encode fails, writing nothing, when n holds what the format cannot
// carry and the [Builder] does not check: an invalid provenance mark, or a
// label's designation with an unknown campaign, an invalid route or no
// decision date. It returns a *[FieldError] per problem (joined), or the
// first error writing to w.
func Encode(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("network: Encode of a nil *Network")
	}
	if err := n.checkEncodable(); err != nil {
		return err
	}
	e := encoder{w: w, buf: make([]byte, 0, 64<<10)}
	e.document(n)
	e.buf = append(e.buf, '\n')
	e.flush()
	return e.err
}

// MarshalJSON returns n's rarenet/1 document, as [Encode] writes it.
func (n *Network) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := Encode(&b, n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// checkEncodable reports what Encode cannot write so that Decode reads it
// back.
func (n *Network) checkEncodable() error {
	var p problems
	path := func(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }
	mark := func(list string, i int, id, field string, pr typology.Provenance) {
		if pr.Mark != 0 && !pr.Mark.IsValid() {
			p.add(path(list, i), id, field, ErrInvalid, "%v is not a mark", pr.Mark)
		}
	}
	for i, x := range n.establishments {
		mark("establishments", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.teams {
		mark("teams", i, string(x.ID), "mark", x.Provenance)
	}
	campaigns := make(map[labelling.CampaignID]bool)
	for i, c := range n.centres {
		id := string(c.ID)
		mark("centres", i, id, "mark", c.Provenance)
		for k, l := range c.Labels {
			f := func(field string) string { return "labels[" + strconv.Itoa(k) + "]." + field }
			if pr := l.Provenance(); pr.Mark != 0 && !pr.Mark.IsValid() {
				mark("centres", i, id, f("mark"), pr)
			}
			ds, ok := l.Designation()
			if !ok {
				continue
			}
			known, seen := campaigns[ds.Campaign]
			if !seen {
				_, known = labelling.CampaignByID(ds.Campaign)
				campaigns[ds.Campaign] = known
			}
			if !known {
				p.add(path("centres", i), id, f("designation.campaign"), ErrDangling, "%q is not a campaign of the embedded campaigns", ds.Campaign)
			}
			if !ds.Route.IsValid() {
				p.add(path("centres", i), id, f("designation.route"), ErrInvalid, "%v is not a route", ds.Route)
			}
			if ds.Decision.IsZero() {
				p.add(path("centres", i), id, f("designation.decision"), ErrMissing, "missing")
			}
		}
	}
	for i, x := range n.conventions {
		mark("conventions", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.filieres {
		mark("filieres", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.platforms {
		mark("platforms", i, string(x.ID), "mark", x.Provenance)
	}
	if len(p.errs) > 0 {
		return errors.Join(p.errs...)
	}
	return nil
}

// An encoder writes indented JSON into a buffer that it flushes to w.
type encoder struct {
	w     io.Writer
	buf   []byte
	err   error
	depth int
	first bool // no member written yet in the innermost open container
}

func (e *encoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *encoder) newline() {
	e.buf = append(e.buf, '\n')
	for range e.depth {
		e.buf = append(e.buf, ' ', ' ')
	}
}

func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

func (e *encoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.buf = append(e.buf, c)
	e.first = false
	if len(e.buf) >= 32<<10 {
		e.flush()
	}
}

// key starts member k of the current object; k needs no escaping.
func (e *encoder) key(k string) {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, '"', ':', ' ')
}

// item starts an element of the current array.
func (e *encoder) item() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

func (e *encoder) str(k, s string) {
	e.key(k)
	e.buf = appendString(e.buf, s)
}

// optStr writes k only when s is not empty.
func (e *encoder) optStr(k, s string) {
	if s != "" {
		e.str(k, s)
	}
}

func (e *encoder) int(k string, v int) {
	e.key(k)
	e.buf = strconv.AppendInt(e.buf, int64(v), 10)
}

func (e *encoder) date(k string, d labelling.Date) {
	e.key(k)
	if d.IsZero() {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = append(e.buf, '"')
	e.buf, _ = d.AppendText(e.buf)
	e.buf = append(e.buf, '"')
}

func (e *encoder) float(k string, f float64) {
	e.key(k)
	e.buf = appendFloat(e.buf, f)
}

func (e *encoder) provenance(p typology.Provenance) {
	e.optStr("source", p.Source)
	if p.Mark != 0 {
		e.str("mark", p.Mark.String())
	}
}

// ids writes a list of IDs; an optional list is left out when empty.
func (e *encoder) ids(k string, ids []CentreID, optional bool) {
	if optional && len(ids) == 0 {
		return
	}
	e.key(k)
	e.open('[')
	for _, id := range ids {
		e.item()
		e.buf = appendString(e.buf, string(id))
	}
	e.close(']')
}

func (e *encoder) document(n *Network) {
	e.open('{')
	e.str("format", Format)
	e.key("establishments")
	e.open('[')
	for _, x := range n.establishments {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.optStr("finess", x.FINESS.String())
		e.str("name", x.Name)
		e.optStr("city", x.City)
		e.str("region", string(x.Region))
		if x.Location.Known {
			e.float("lat", x.Location.Lat)
			e.float("lon", x.Location.Lon)
		}
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("teams")
	e.open('[')
	for _, x := range n.teams {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("establishment", string(x.Establishment))
		e.optStr("unit", x.Unit)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("centres")
	e.open('[')
	for i := range n.centres {
		e.item()
		e.centre(&n.centres[i])
	}
	e.close(']')
	e.key("conventions")
	e.open('[')
	for _, x := range n.conventions {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.ids("reference", x.Reference, false)
		e.str("competence", string(x.Competence))
		e.date("signed", x.Signed)
		e.date("start", x.Start)
		e.date("end", x.End)
		e.ids("signatories", x.Signatories, true)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("filieres")
	e.open('[')
	for _, x := range n.filieres {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("name", x.Name)
		e.optStr("host", string(x.Host))
		if len(x.Groups) > 0 {
			e.key("groups")
			e.open('[')
			for _, g := range x.Groups {
				e.item()
				e.buf = strconv.AppendInt(e.buf, int64(g), 10)
			}
			e.close(']')
		}
		e.ids("members", x.Members, true)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("platforms")
	e.open('[')
	for _, x := range n.platforms {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("name", x.Name)
		e.str("host", string(x.Host))
		e.key("overseas")
		e.buf = strconv.AppendBool(e.buf, x.Overseas)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.close('}')
}

func (e *encoder) centre(c *Centre) {
	e.open('{')
	e.str("id", string(c.ID))
	e.str("name", c.Name)
	e.str("tier", c.Tier.String())
	if c.Role != 0 {
		e.str("role", c.Role.String())
	}
	e.str("kind", c.Kind.String())
	e.int("group", int(c.Group))
	e.optStr("coordinating_site", string(c.CoordinatingSite))
	e.str("scope", c.Scope.String())
	e.str("team", string(c.Team))
	if len(c.Diseases) > 0 {
		e.key("diseases")
		e.open('[')
		for _, x := range c.Diseases {
			e.item()
			e.open('{')
			if x.Orpha != 0 {
				e.int("orpha", int(x.Orpha))
			}
			e.str("name", x.Name)
			if x.Prevalence != typology.PrevalenceUnknown {
				e.str("prevalence", x.Prevalence.String())
			}
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Labels) > 0 {
		e.key("labels")
		e.open('[')
		for _, l := range c.Labels {
			e.item()
			e.label(l)
		}
		e.close(']')
	}
	if len(c.Activity) > 0 {
		e.key("activity")
		e.open('[')
		for _, a := range c.Activity {
			e.item()
			e.open('{')
			e.int("year", a.Year)
			e.int("consultations", a.Consultations)
			e.int("patients", a.Patients)
			e.int("new_patients", a.NewPatients)
			e.close('}')
		}
		e.close(']')
	}
	e.provenance(c.Provenance)
	e.close('}')
}

func (e *encoder) act(k string, a labelling.Act) {
	e.key(k)
	e.open('{')
	e.str("kind", a.Kind.String())
	e.date("date", a.Date)
	e.optStr("ref", a.Ref)
	e.close('}')
}

func (e *encoder) label(l labelling.Label) {
	e.open('{')
	w := l.Initial()
	e.date("start", w.Start())
	e.date("end", w.End())
	e.act("act", l.Act())
	if l.NumEvents() > 0 {
		e.key("events")
		e.open('[')
	}
	for ev := range l.Events() {
		e.item()
		e.open('{')
		e.str("kind", ev.Kind.String())
		e.date("date", ev.Date)
		if ev.Type != labelling.Unstated {
			e.str("type", ev.Type.String())
		}
		if !ev.Until.IsZero() {
			e.date("until", ev.Until)
		}
		if !ev.Act.IsZero() {
			e.act("act", ev.Act)
		}
		e.close('}')
	}
	if l.NumEvents() > 0 {
		e.close(']')
	}
	if ds, ok := l.Designation(); ok {
		e.key("designation")
		e.open('{')
		e.str("campaign", string(ds.Campaign))
		e.str("route", ds.Route.String())
		e.date("cncl_opinion", ds.CNCLOpinion)
		e.date("decision", ds.Decision)
		e.close('}')
	}
	e.provenance(l.Provenance())
	e.close('}')
}

// appendFloat writes f as encoding/json does: the shortest decimal that
// reads back as f, in exponent form only for very small or large values.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString writes s as a JSON string: quotes, backslashes and control
// characters escaped, U+2028 and U+2029 escaped, other characters as
// UTF-8, and each byte that is not valid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
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
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
