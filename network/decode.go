package network

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/internal/jsonscan"
	"github.com/rarenet/rarenet/typology"
)

// The versions of the network document (FORMAT.md): [Decode] reads both,
// and [Encode] writes the lowest that holds the network.
const (
	// Format is rarenet/1, the first version.
	Format = "rarenet/1"
	// Format11 is rarenet/1.1: rarenet/1 plus three optional fields,
	// finess_ej on establishments, attached_to on competence centres and
	// since on sectors.
	Format11 = "rarenet/1.1"
)

// Default limits of a [Decoder].
const (
	// DefaultMaxDocumentBytes (2 GiB) holds a national network about 150
	// times over: the national-scale benchmark document is 13 MB.
	DefaultMaxDocumentBytes int64 = 2 << 30
	// DefaultMaxValueBytes (1 MiB) bounds one string or number, as
	// written (escapes included): a name or a source is a few hundred bytes.
	DefaultMaxValueBytes = 1 << 20
)

// MaxIDBytes bounds an ID (FORMAT.md): longer IDs are refused by the
// [Builder], and so by [Decode].
const MaxIDBytes = 200

// maxErrors bounds the problems one Decode or Build returns: past it they
// are counted, and one last error says how many more there were.
const maxErrors = 1000

// maxDepth bounds the nesting of JSON values that Decode skips or reads.
// The format nests five levels deep; anything far deeper is refused rather
// than recursed into.
const maxDepth = 512

// Decode reads a network document (FORMAT.md, "Network document", either
// [Format] or [Format11]) from r with the default limits and builds its
// [Network]. It is NewDecoder(r).Decode().
func Decode(r io.Reader) (*Network, error) { return NewDecoder(r).Decode() }

// DecodeBytes is [Decode] of a document held whole in memory: it is
// NewBytesDecoder(doc).Decode().
func DecodeBytes(doc []byte) (*Network, error) { return NewBytesDecoder(doc).Decode() }

// A Decoder reads one network document, from a stream or from memory,
// within limits, and may record where each record of the document was
// (for evidence in reports). Set its fields before calling Decode.
type Decoder struct {
	r        io.Reader
	doc      []byte // the whole document, for a decoder of NewBytesDecoder
	inMemory bool   // doc is the document (NewBytesDecoder), nil or not

	// MaxDocumentBytes bounds the document's size: 0 means
	// DefaultMaxDocumentBytes, a negative value no limit.
	MaxDocumentBytes int64 `json:"max_document_bytes"`
	// MaxValueBytes bounds one string or number of the document, as
	// written: 0 means DefaultMaxValueBytes, a negative value no limit.
	MaxValueBytes int `json:"max_value_bytes"`
	// RecordPositions makes Decode record the position of every record
	// (establishment, team, centre, label, event, activity entry,
	// convention, sector, platform), for [Decoder.Positions]. Off, Decode
	// records nothing and pays nothing.
	RecordPositions bool `json:"record_positions"`

	positions *Positions
	slow      bool                           // see decoder.slow
	splitAt   func(doc []byte, from int) int // see decoder.splitAt
	joined    bool                           // the last Decode took a split's helper's work
	joinedAll bool                           // and the members after the list of centres
}

// NewDecoder returns a Decoder reading r, with the default limits.
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: r} }

// NewBytesDecoder returns a Decoder reading doc, a whole document held in
// memory, with the default limits. It reads doc in place, without the
// copy that reading a stream makes, and never writes to it; the Network
// keeps nothing of doc, which must not change during Decode. With more
// than one processor (GOMAXPROCS), a large document's list of centres is
// decoded by two goroutines, the second from about halfway through the
// list (see [Decoder.Decode]).
func NewBytesDecoder(doc []byte) *Decoder { return &Decoder{doc: doc, inMemory: true} }

// Positions returns the positions recorded by the last successful Decode
// with RecordPositions set, or nil (whose Of finds nothing).
func (dec *Decoder) Positions() *Positions { return dec.positions }

// Decode reads the document and builds its [Network].
//
// Decoding is strict, and checks in two steps. The decoder checks the
// document's syntax and types: JSON syntax; strings valid UTF-8 without
// control characters (escaped or not; an escaped lone surrogate is refused);
// a control character or NUL outside strings; the limits of the Decoder;
// the format, [Format] or [Format11] (a rarenet/1.1 field in a rarenet/1
// document is an unknown field); unknown and repeated fields; a missing
// required field or null where a value is required; a value of the wrong
// JSON type; an enumerated value not spelled exactly as FORMAT.md spells it;
// a malformed date, FINESS number, group or number; and a label's own
// consistency (its window, its events, through [labelling.NewLabel]). The
// [Builder] then checks what the document means (IDs, references, ranges),
// as [Builder.Build] documents; a field the decoder reported is not
// reported again.
//
// Each problem is a *[FieldError] naming the entity's place in the
// document, its ID and the field, and quoting the offending value (cut to
// 60 characters) or the missing ID, for example
//
//	centres[3] (id "ccmr-x"): labels[0].start: "2017-13-01" is not a date
//
// It wraps [ErrMissing], [ErrDuplicate], [ErrDangling] or [ErrInvalid]
// (and, for a malformed value, the parser's own error too). Every problem
// found is reported, joined with errors.Join, up to 1000 (then one more
// error says how many were left out); malformed JSON stops decoding where
// it breaks, with its line and column. No Network is returned with an
// error. Errors reading r are returned as they are.
//
// Absent optional fields take FORMAT.md's defaults, and null stands for
// absent wherever a field is optional. Designation campaigns are kept as
// written ("2007" stays "2007"; see [labelling.CanonicalCampaign]).
//
// A Decoder of [NewDecoder] reads r as a stream through a buffer: memory
// grows with the network and the longest value, not with the document
// held whole. A Decoder of [NewBytesDecoder] reads its document in place;
// with GOMAXPROCS above 1, when the list of centres and what follows it
// come to 256 KiB or more, a second goroutine decodes from a centre about
// halfway through the list, found from the bytes alone, to the end of the
// document. Its work is taken only when the decoder, reading on, finds
// that centre where the goroutine started and the goroutine found no
// problem (its reading after the list, only when it found none there
// either and read no member the decoder had read); otherwise it is
// dropped. Either way Decode returns what one goroutine reading the
// document returns: the same Network, errors and positions, within the
// same limits.
func (dec *Decoder) Decode() (*Network, error) {
	lim := jsonscan.Limits{Document: dec.MaxDocumentBytes, Value: dec.MaxValueBytes}
	if lim.Document == 0 {
		lim.Document = DefaultMaxDocumentBytes
	}
	if lim.Value == 0 {
		lim.Value = DefaultMaxValueBytes
	}
	lim.Document, lim.Value = max(lim.Document, 0), max(lim.Value, 0)
	dec.positions = nil
	d := &decoder{record: dec.RecordPositions, slow: dec.slow, splitAt: dec.splitAt}
	if dec.inMemory {
		// No goroutine reads past the limit on the document; the scanner
		// refuses what goes past it when it gets there, as a stream's.
		doc := dec.doc
		if lim.Document > 0 && int64(len(doc)) > lim.Document {
			doc = doc[:lim.Document]
		}
		d.sc, d.doc, d.limits = jsonscan.NewBytes(dec.doc, lim), doc, lim
	} else {
		d.sc = jsonscan.New(dec.r, lim)
	}
	fatal := d.run(d.document)
	dec.joined, dec.joinedAll = d.joined, d.joinedAll
	if fatal != nil {
		if len(d.errs) == 0 {
			return nil, fatal
		}
		return nil, joinCapped(append(d.errs, fatal), d.more)
	}
	if d.incomplete {
		// A list is missing: references into it would all dangle.
		return nil, joinCapped(d.errs, d.more)
	}
	p := problems{errs: d.errs, more: d.more, skip: d.reported, textChecked: true}
	n, rank := d.b.build(&p)
	if err := p.err(); err != nil {
		return nil, err
	}
	if dec.RecordPositions {
		dec.positions = d.positions(rank)
	}
	return n, nil
}

// joinCapped joins errs, adding a last error that counts the more
// problems left out.
func joinCapped(errs []error, more int) error {
	if more > 0 {
		errs = append(errs, fmt.Errorf("network: %d more errors not shown (reporting stopped after %d errors)", more, maxErrors))
	}
	return errors.Join(errs...)
}

// fieldKey names a field of an entity: the entity's list ("centres") and
// index in it, and the field path inside it ("" for the entity itself).
type fieldKey struct {
	list  string
	index int
	field string
}

// reportedSet holds the fields the decoder reported, so that the Builder
// does not report them, or their consequences, again. It is keyed by
// structure (entity and field path), never by message text.
type reportedSet map[fieldKey]bool

// covers reports whether field of entity (list, index), or a field that
// holds it, or the entity itself, was reported.
func (s reportedSet) covers(list string, index int, field string) bool {
	if len(s) == 0 {
		return false
	}
	if s[fieldKey{list, index, ""}] {
		return true
	}
	for f := field; f != ""; {
		if s[fieldKey{list, index, f}] {
			return true
		}
		i := max(strings.LastIndexByte(f, '.'), strings.LastIndexByte(f, '['))
		if i <= 0 {
			break
		}
		f = f[:i]
	}
	return false
}

// segment is one step of the field path inside an entity: a field name and,
// for an array element, its index (-1 otherwise).
type segment struct {
	name string
	idx  int
}

type decoder struct {
	sc   *jsonscan.Scanner
	b    Builder
	errs []error
	more int // problems past maxErrors, counted only

	// The entity being decoded: list ("centres") and index in it, or ""
	// for the document itself; its errors start at errs[entErrs].
	list    string
	index   int
	entID   string // its ID, once read
	entErrs int
	stack   []segment

	reported reportedSet
	// incomplete is set when one of the document's lists is missing or
	// not a list: the structure is then not checked.
	incomplete bool

	// The document's format, once read, and the rarenet/1.1 fields seen,
	// reported as unknown fields if the format turns out to be rarenet/1.
	format   string
	fields11 []pending11
	ent11    int

	// Scratch lists, reused from one entity to the next, and the chunks
	// their contents are kept in (see chunks), handed to the Builder
	// without a copy of each.
	diseases []typology.Disease
	labels   []labelling.Label
	activity []Activity
	ids      []CentreID
	groups   []typology.Group
	keep     struct {
		diseases chunks[typology.Disease]
		labels   chunks[labelling.Label]
		activity chunks[Activity]
		ids      chunks[CentreID]
		groups   chunks[typology.Group]
		events   labelling.LabelMaker // labels' events, in shared arrays too
	}

	strs      []string // interned IDs and repeated strings (see intern)
	seed      maphash.Seed
	arena     strings.Builder // the bytes of the other strings
	campaigns map[string]bool
	enums     enumCaches

	// slow turns the fast paths off, for tests that check that they
	// decode what the general path decodes.
	slow bool

	// doc is the whole document, when it is held in memory (Decoder.doc),
	// and limits the decoder's: what a split needs (see centresSplit).
	doc    []byte
	limits jsonscan.Limits
	// splitAt, set by tests, returns where a split's helper starts in
	// doc, whose list of centres opens at offset from: the offset of a
	// '{', or -1 for no split. It replaces guessSplit, whatever the
	// document's length and GOMAXPROCS.
	splitAt   func(doc []byte, from int) int
	joined    bool         // a split's helper's work was taken
	joinedAll bool         // with the members after the list of centres
	cancel    *atomic.Bool // set: a split's helper, to stop when this is

	record    bool
	recs      []posRecord   // the records being added (see addRecord)
	recChunks [][]posRecord // the full chunks before them
	label     int           // index of the label being read, for positions

	// What each kind of object is read into: the decoder's own, so that
	// reading through the tables (whose readers take a pointer) allocates
	// nothing. Objects of one kind never nest.
	x struct {
		est         estDoc
		team        Team
		centre      Centre
		disease     typology.Disease
		activity    Activity
		label       labelDoc
		act         labelling.Act
		event       eventDoc
		designation labelling.Designation
		convention  Convention
		filiere     Filiere
		platform    Platform
	}
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

// A stop is what the decoder panics with to end decoding early.
type stop struct{ err error }

// run runs read (decoding the document, or a part of it, into d.b),
// recording problems in d.errs. It returns the error that stopped
// decoding early, if any.
func (d *decoder) run(read func()) (fatal error) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case *jsonscan.SyntaxError:
			fatal = &FieldError{Path: d.entityPath(), ID: d.entID, Field: d.fieldPath(""), Msg: r.Error(), Err: ErrInvalid}
		case jsonscan.ReadError:
			fatal = r.Err
		case stop:
			fatal = r.err
		default:
			panic(r)
		}
	}()
	read()
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
	if len(d.stack) == 0 {
		return field
	}
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
		b = append(b, '.')
		b = append(b, field...)
	}
	return string(b)
}

func (d *decoder) push(name string, idx int) { d.stack = append(d.stack, segment{name, idx}) }
func (d *decoder) pop()                      { d.stack = d.stack[:len(d.stack)-1] }

// fail records a problem with field (relative to the current segments).
func (d *decoder) fail(field string, err error, format string, args ...any) {
	f := d.fieldPath(field)
	if d.reported == nil {
		d.reported = make(reportedSet)
	}
	d.reported[fieldKey{d.list, d.index, f}] = true
	if len(d.errs) >= maxErrors {
		d.more++
		return
	}
	d.errs = append(d.errs, &FieldError{Path: d.entityPath(), Field: f, Msg: fmt.Sprintf(format, args...), Err: err})
}

// failParse records a malformed value, wrapping both ErrInvalid and the
// parser's error.
func (d *decoder) failParse(field string, perr error, format string, args ...any) {
	d.fail(field, fmt.Errorf("%w: %w", ErrInvalid, perr), format, args...)
}

// begin starts entity list[i]; end fills the entity's ID into its errors.
func (d *decoder) begin(list string, i int) {
	d.list, d.index, d.entID, d.entErrs, d.ent11 = list, i, "", len(d.errs), len(d.fields11)
	d.stack = d.stack[:0]
}

func (d *decoder) end(id string) {
	if id != "" {
		for _, e := range d.errs[d.entErrs:] {
			if fe, ok := e.(*FieldError); ok && fe.ID == "" {
				fe.ID = id
			}
		}
		for _, p := range d.fields11[d.ent11:] {
			p.err.ID = id
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

// ---- values ----

var quote = jsonscan.Quote

// describe consumes the value ahead and describes it for a message about
// a value of the wrong type.
func (d *decoder) describe() string {
	switch d.sc.Kind() {
	case '"':
		return "the string " + quote(d.sc.ReadString())
	case '0':
		return number(d.sc.ReadNumber())
	case 't':
		d.sc.Literal("true")
		return "true"
	case 'f':
		d.sc.Literal("false")
		return "false"
	case 'n':
		d.sc.Literal("null")
		return "null"
	case '{':
		d.sc.Skip(maxDepth)
		return "an object"
	default: // '['
		d.sc.Skip(maxDepth)
		return "an array"
	}
}

// number quotes a number's text for a message, cut like any value but
// without quotes.
func number(b []byte) string {
	q := quote(b)
	if strings.HasSuffix(q, "...") {
		return q[1:len(q)-4] + "..."
	}
	return q[1 : len(q)-1]
}

// null consumes a null ahead, if there is one. For a required field a null
// is a problem, reported here; the caller treats the field as absent.
func (d *decoder) null(field string, required bool) bool {
	if d.sc.Peek() != 'n' {
		return false
	}
	d.sc.Literal("null")
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
	if d.sc.Peek() == '"' {
		return d.sc.ReadString(), true
	}
	if !d.null(field, required) {
		d.wrongType(field, "a string")
	}
	return nil, false
}

// str reads a text, stored in the arena.
func (d *decoder) str(field string, required bool) string {
	b, ok := d.strBytes(field, required)
	if !ok {
		return ""
	}
	return d.save(b)
}

// save returns b as a string sliced from the arena: one allocation per
// 64 KiB of text rather than one per string. A strings.Builder never
// changes the bytes it has handed out, so earlier strings stay valid.
func (d *decoder) save(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > 4<<10 {
		return string(b)
	}
	if d.arena.Cap()-d.arena.Len() < len(b) {
		d.arena = strings.Builder{}
		d.arena.Grow(64 << 10)
	}
	off := d.arena.Len()
	d.arena.Write(b)
	return d.arena.String()[off:]
}

// intern returns b as a string, shared with earlier equal strings: IDs are
// written many times (every reference), and sources, cities and units
// repeat. The table is a cache indexed by a hash, not a map: an equal
// string evicted by a collision is only stored twice.
func (d *decoder) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if d.strs == nil {
		d.strs = make([]string, internSlots)
		d.seed = maphash.MakeSeed()
	}
	slot := &d.strs[maphash.Bytes(d.seed, b)&(internSlots-1)]
	if *slot == string(b) {
		return *slot
	}
	s := d.save(b)
	*slot = s
	return s
}

// internSlots is the size of the intern table. A national document holds
// about 10,000 distinct IDs, but most references follow their entity
// closely: 4,096 slots (64 KiB, which stay in cache, where 16,384 did
// not) decode it 3% faster, for the same memory kept.
const internSlots = 1 << 12

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
	if t, ok := labelling.ParseDateBytes(b); ok {
		return t
	}
	_, err := labelling.ParseDate(string(b))
	d.failParse(field, err, "%s is not a date", quote(b))
	return labelling.Date{}
}

// integer reads a JSON integer in [lo, hi].
func (d *decoder) integer(field string, required bool, lo, hi int64) (int64, bool) {
	if d.sc.Kind() != '0' {
		if !d.null(field, required) {
			d.wrongType(field, "an integer")
		}
		return 0, false
	}
	b := d.sc.ReadNumber()
	v, ok := parseInt(b)
	switch {
	case !ok && !strings.ContainsAny(string(b), ".eE"):
		d.fail(field, ErrInvalid, "%s is out of range", number(b))
	case !ok:
		d.fail(field, ErrInvalid, "%s is not an integer", number(b))
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
	if d.sc.Kind() != '0' {
		d.wrongType(field, "a number")
		return 0, false
	}
	b := d.sc.ReadNumber()
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		d.fail(field, ErrInvalid, "%s is out of range", number(b))
		return 0, false
	}
	return v, true
}

func (d *decoder) boolean(field string, required bool) (bool, bool) {
	if d.null(field, required) {
		return false, false
	}
	switch d.sc.Kind() {
	case 't':
		d.sc.Literal("true")
		return true, true
	case 'f':
		d.sc.Literal("false")
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
	v, err := spelled[E, P](cache, b)
	if err != nil {
		d.failParse(field, err, "%s is not a valid %s", quote(b), field[strings.LastIndexByte(field, '.')+1:])
		return v, false
	}
	return v, true
}

// spelled converts b with the strict UnmarshalText of E, through cache.
func spelled[E any, P textUnmarshaler[E]](cache *[]spelling[E], b []byte) (E, error) {
	for _, c := range *cache {
		if c.text == string(b) {
			return c.v, nil
		}
	}
	var v E
	err := errEmptyText // UnmarshalText reads "" as the zero value (not set), which a document spells by leaving the field out
	if len(b) > 0 {
		err = P(&v).UnmarshalText(b)
	}
	if err == nil {
		*cache = append(*cache, spelling[E]{string(b), v})
	}
	return v, err
}

var errEmptyText = errors.New("empty text")

// A spelling is an enumerated value's text that UnmarshalText accepted,
// and the value.
type spelling[E any] struct {
	text string
	v    E
}

func (d *decoder) group(field string, required bool) (typology.Group, bool) {
	if d.null(field, required) {
		return 0, false
	}
	if d.sc.Kind() != '0' {
		d.wrongType(field, "a group number (1 to 17)")
		return 0, false
	}
	b := d.sc.ReadNumber()
	if len(b) <= 2 && b[0] >= '1' && b[0] <= '9' {
		g := typology.Group(b[0] - '0')
		if len(b) == 2 && b[1] >= '0' && b[1] <= '9' {
			g = g*10 + typology.Group(b[1]-'0')
		} else if len(b) == 2 {
			g = 0
		}
		if g.IsValid() {
			return g, true
		}
	}
	var g typology.Group
	if err := g.UnmarshalJSON(b); err != nil {
		d.failParse(field, err, "%s is not a group (1 to 17)", number(b))
		return 0, false
	}
	return g, true
}

func (d *decoder) finess(field string) FINESS {
	b, ok := d.strBytes(field, false)
	if !ok {
		return FINESS{}
	}
	f, err := ParseFINESS(string(b))
	if err != nil {
		d.failParse(field, err, "%s is not a FINESS number: %s", quote(b), err.(*FINESSError).Msg)
	}
	return f
}

// ---- objects ----

// A fieldSpec describes one field of an object of type T: its name,
// whether it is required, whether it is a rarenet/1.1 field, and how to
// read its value into T. Each object's fields are described once, in a
// table that drives [decodeObject], in the order [Encode] writes them (the
// order decodeObject tries first).
type fieldSpec[T any] struct {
	name     string
	required bool
	v11      bool
	read     func(d *decoder, x *T, field string)
	// fast, when set, reads the field's value spelled plainly at a.b[i:]
	// (its member matched) into x, and returns the index after it; or -1
	// when the value is not one that read would take without a problem
	// and to the same result. See [fastObject].
	fast func(d *decoder, x *T, a ahead, i int) int
}

// fieldSet tracks which fields of an object were seen, by their index in
// the object's table.
type fieldSet uint32

func (s fieldSet) has(i int) bool { return s&(1<<i) != 0 }

// decodeObject reads the members of an object whose '{' was consumed,
// dispatching each to its field's reader: an unknown field, or a field
// seen twice, is reported and skipped; a required field not seen is
// reported (a null one was reported where it was read).
func decodeObject[T any](d *decoder, specs []fieldSpec[T], x *T) fieldSet {
	var seen fieldSet
	next := 0 // tables list fields in the order Encode writes them
	for first := true; ; first = false {
		hint := ""
		if next < len(specs) && !d.slow {
			hint = specs[next].name
		}
		key, more, expected := d.sc.KeyExpecting(first, hint)
		if !more {
			break
		}
		i := next
		if !expected && (i >= len(specs) || specs[i].name != string(key)) {
			i = 0
			for i < len(specs) && specs[i].name != string(key) {
				i++
			}
		}
		next = i + 1
		if i == len(specs) {
			d.unknown(key)
			continue
		}
		f := &specs[i]
		if seen.has(i) {
			d.fail(f.name, ErrInvalid, "field appears twice")
			d.sc.Skip(maxDepth)
			continue
		}
		seen |= 1 << i
		if f.v11 {
			d.saw11(f.name)
		}
		f.read(d, x, f.name)
	}
	for i := range specs {
		if specs[i].required && !seen.has(i) {
			d.fail(specs[i].name, ErrMissing, "missing")
		}
	}
	return seen
}

// ahead is the scanner's buffer from its next byte on, and its limit on
// values (jsonscan.Scanner.Ahead and ValueLimit), read by the fast paths.
type ahead struct {
	b   []byte
	lim int
}

func (d *decoder) ahead() ahead { return ahead{d.sc.Ahead(), d.sc.ValueLimit()} }

// text matches white space and a plain string (jsonscan.MatchString),
// which strBytes reads as it is, with no problem.
func (a ahead) text(i int) ([]byte, int) { return jsonscan.MatchString(a.b, i, a.lim) }

// date matches a plain string that parses as a date, which date reads to
// the same date, with no problem.
func (a ahead) date(i int) (labelling.Date, int) {
	v, i := a.text(i)
	if i < 0 {
		return labelling.Date{}, -1
	}
	t, ok := labelling.ParseDateBytes(v)
	if !ok {
		return t, -1
	}
	return t, i
}

// dateOrNull is date, or null: no date, which date(field, false) reads
// with no problem (for optional fields only).
func (a ahead) dateOrNull(i int) (t labelling.Date, null bool, j int) {
	if j := jsonscan.MatchNull(a.b, i); j >= 0 {
		return labelling.Date{}, true, j
	}
	t, j = a.date(i)
	return t, false, j
}

// fastObject is decodeObject's fast path: it matches in a.b, from a.b[i]
// on, an object whose members are fields of specs in the table's order,
// each required one present, none a rarenet/1.1 field, each value one
// that the field's fast reader takes, and returns the index after its
// '}'; or -1, leaving x partly written. Matched, the object is one that
// decodeObject reads to the same x with no problem: it would find each
// field at its expected place, none twice, none unknown, none missing,
// and read each value as the fast reader did (fieldSpec.fast). The scanner
// is not moved: the caller consumes the match, or resets x and takes the
// general path.
func fastObject[T any](d *decoder, a ahead, i int, specs []fieldSpec[T], x *T) int {
	return fastMembers(d, a, jsonscan.Match(a.b, i, '{'), specs, x)
}

// fastMembers is fastObject after the object's '{' (an entity's, which
// decoder.entity consumed): i < 0 matches nothing.
func fastMembers[T any](d *decoder, a ahead, i int, specs []fieldSpec[T], x *T) int {
	if i < 0 {
		return -1
	}
	first := true
	for k := range specs {
		f := &specs[k]
		j := jsonscan.MatchMember(a.b, i, first, f.name, a.lim)
		if j < 0 {
			if f.required {
				return -1
			}
			continue
		}
		if f.fast == nil || f.v11 {
			return -1
		}
		if i = f.fast(d, x, a, j); i < 0 {
			return -1
		}
		first = false
	}
	return jsonscan.Match(a.b, i, '}')
}

// fastArray matches in a.b, from a.b[i] on, an array whose elements elem
// matches (each returning the index after it, or -1), and returns the
// index after its ']', or -1.
func fastArray(a ahead, i int, elem func(i int) int) int {
	if i = jsonscan.Match(a.b, i, '['); i < 0 {
		return -1
	}
	if j := jsonscan.Match(a.b, i, ']'); j >= 0 {
		return j
	}
	for {
		if i = elem(i); i < 0 {
			return -1
		}
		if j := jsonscan.Match(a.b, i, ']'); j >= 0 {
			return j
		}
		if i = jsonscan.Match(a.b, i, ','); i < 0 {
			return -1
		}
	}
}

// fastIDs matches an array of plain strings, which centreIDs reads to
// the same IDs with no problem, and keeps them.
func (d *decoder) fastIDs(a ahead, i int) ([]CentreID, int) {
	d.ids = d.ids[:0]
	i = fastArray(a, i, func(i int) int {
		v, i := a.text(i)
		if i >= 0 {
			d.ids = append(d.ids, CentreID(d.intern(v)))
		}
		return i
	})
	if i < 0 {
		return nil, -1
	}
	return d.keep.ids.keep(d.ids), i // (kept even if the object is declined: the chunks are storage)
}

// fastEnum matches a plain string that spelled converts, as enum does
// with no problem.
func fastEnum[E any, P textUnmarshaler[E]](cache *[]spelling[E], a ahead, i int) (E, int) {
	v, i := a.text(i)
	var e E
	if i < 0 {
		return e, -1
	}
	e, err := spelled[E, P](cache, v)
	if err != nil {
		return e, -1
	}
	return e, i
}

// unknown reports and skips the value of an unknown field; the field's
// name in the message's path is cut as its quote is.
func (d *decoder) unknown(key []byte) {
	name, cut := jsonscan.Cut(key)
	if cut {
		name += "..."
	}
	d.fail(name, ErrInvalid, "unknown field %s", quote(key))
	d.sc.Skip(maxDepth)
}

// A pending11 is a rarenet/1.1 field seen: an unknown field if the
// document turns out to be rarenet/1 (its format may come last).
type pending11 struct {
	key fieldKey
	err *FieldError
}

func (d *decoder) saw11(name string) {
	f := d.fieldPath(name)
	d.fields11 = append(d.fields11, pending11{fieldKey{d.list, d.index, f}, &FieldError{Path: d.entityPath(), Field: f,
		Msg: fmt.Sprintf("unknown field %q (a rarenet/1.1 field, and the document says %q)", name, Format), Err: ErrInvalid}})
}

// object opens an object ahead. When the value is null (and not required)
// or of another type (reported), it returns false.
func (d *decoder) object(field string, required bool) bool {
	if d.null(field, required) {
		return false
	}
	if d.sc.Kind() != '{' {
		d.wrongType(field, "an object")
		return false
	}
	d.sc.Advance()
	return true
}

// array opens an array ahead, like object.
func (d *decoder) array(field string, required bool) bool {
	if d.null(field, required) {
		return false
	}
	if d.sc.Kind() != '[' {
		d.wrongType(field, "an array")
		return false
	}
	d.sc.Advance()
	return true
}

// ---- the document ----

// A list is one of the document's lists of entities.
type list struct {
	name     string
	required bool
	decode   func(d *decoder, i int)
}

var lists = []list{
	{"establishments", true, (*decoder).establishment},
	{"teams", true, (*decoder).team},
	{"centres", true, (*decoder).centre},
	{"conventions", false, (*decoder).convention},
	{"filieres", false, (*decoder).filiere},
	{"platforms", false, (*decoder).platform},
}

func (d *decoder) document() {
	d.begin("", 0)
	if d.sc.Kind() != '{' {
		d.fail("", ErrInvalid, "expected an object, got %s", d.describe())
		d.incomplete = true
		d.sc.End()
		return
	}
	d.sc.Advance()
	var seen fieldSet
	d.members(true, &seen)
	if seen&formatBit == 0 {
		d.fail("format", ErrMissing, "missing")
	}
	for i, l := range lists {
		if l.required && !seen.has(i) {
			d.fail(l.name, ErrMissing, "missing")
			d.incomplete = true
		}
	}
	d.sc.End()
	if d.format == Format {
		for _, p := range d.fields11 {
			if d.reported == nil {
				d.reported = make(reportedSet)
			}
			d.reported[p.key] = true
			if len(d.errs) >= maxErrors {
				d.more++
				continue
			}
			d.errs = append(d.errs, p.err)
		}
	}
}

// formatBit is the bit of the format member in the members seen (those of
// lists, by their index in lists).
const formatBit fieldSet = 1 << 6

// members reads the document's members, the next one first or not, up to
// and with its '}', recording those seen in seen.
func (d *decoder) members(first bool, seen *fieldSet) {
	for ; ; first = false {
		key, more := d.sc.Key(first)
		if !more {
			return
		}
		if string(key) == "format" {
			if *seen&formatBit != 0 {
				d.fail("format", ErrInvalid, "field appears twice")
				d.sc.Skip(maxDepth)
				continue
			}
			*seen |= formatBit
			d.readFormat()
			continue
		}
		li := 0
		for li < len(lists) && lists[li].name != string(key) {
			li++
		}
		if li == len(lists) {
			d.unknown(key)
			continue
		}
		l := &lists[li]
		if seen.has(li) {
			d.fail(l.name, ErrInvalid, "field appears twice")
			d.sc.Skip(maxDepth)
			continue
		}
		*seen |= 1 << li
		nerr := len(d.errs) + d.more
		if !d.array(l.name, l.required) {
			// Not a list, or a required one null (reported): references
			// into it would all dangle. An optional one null is absent.
			d.incomplete = d.incomplete || len(d.errs)+d.more > nerr
			continue
		}
		if li == int(listCentres) && d.doc != nil {
			if d.centresSplit(seen) {
				return // a split's helper read the rest, the document's '}' too
			}
			continue
		}
		for i := 0; d.sc.Elem(i == 0); i++ {
			if d.cancel != nil && d.cancel.Load() {
				panic(stop{errCancelled})
			}
			l.decode(d, i)
			d.begin("", 0)
		}
	}
}

func (d *decoder) readFormat() {
	b, ok := d.strBytes("format", true)
	if !ok {
		return
	}
	switch string(b) {
	case Format, Format11:
		d.format = string(b)
	default:
		d.fail("format", ErrInvalid, "%s is not a supported format (want %q or %q)", quote(b), Format, Format11)
	}
}

// entity opens element i of list as an object; when it is not one, it
// reports it (the whole entity counts as reported) and returns false.
func (d *decoder) entity(list string, i int) bool {
	d.begin(list, i)
	if d.sc.Kind() == '{' {
		d.mark(posRecord{list: listIndex(list), i: int32(i), j: -1, k: -1})
		d.sc.Advance()
		return true
	}
	d.fail("", ErrInvalid, "expected an object, got %s", d.describe())
	d.end("")
	return false
}

// Provenance fields, common to entities and labels.
func sourceOf[T any](p func(*T) *typology.Provenance) fieldSpec[T] {
	return fieldSpec[T]{name: "source",
		read: func(d *decoder, x *T, f string) { p(x).Source = d.intern2(f) },
		fast: func(d *decoder, x *T, a ahead, i int) int {
			v, i := a.text(i)
			p(x).Source = d.intern(v)
			return i
		}}
}

func markOf[T any](p func(*T) *typology.Provenance) fieldSpec[T] {
	return fieldSpec[T]{name: "mark",
		read: func(d *decoder, x *T, f string) { p(x).Mark, _ = enum(d, &d.enums.mark, f, false) },
		fast: func(d *decoder, x *T, a ahead, i int) (j int) {
			p(x).Mark, j = fastEnum(&d.enums.mark, a, i)
			return j
		}}
}

// intern2 reads an optional string that documents often repeat (a source,
// a city), interned.
func (d *decoder) intern2(field string) string { return d.id(field, false) }

// establishment is read into an estDoc: the entity and what its
// coordinates need to be checked together.
type estDoc struct {
	e                Establishment
	lat, lon         float64
	hasLat, hasLon   bool // a number read
	latSeen, lonSeen bool // the field there
	latNull, lonNull bool
}

var establishmentFields = []fieldSpec[estDoc]{
	{name: "id", required: true, read: func(d *decoder, x *estDoc, f string) { x.e.ID = EstablishmentID(d.setID(d.id(f, true))) }},
	{name: "finess", read: func(d *decoder, x *estDoc, f string) { x.e.FINESS = d.finess(f) }},
	{name: "finess_ej", v11: true, read: func(d *decoder, x *estDoc, f string) { x.e.FINESSEJ = d.finess(f) }},
	{name: "name", required: true, read: func(d *decoder, x *estDoc, f string) { x.e.Name = d.str(f, true) }},
	{name: "city", read: func(d *decoder, x *estDoc, f string) { x.e.City = d.intern2(f) }},
	{name: "region", required: true, read: func(d *decoder, x *estDoc, f string) { x.e.Region = RegionCode(d.id(f, true)) }},
	{name: "lat", read: func(d *decoder, x *estDoc, f string) {
		x.latSeen, x.latNull = true, d.sc.Peek() == 'n'
		x.lat, x.hasLat = d.float(f, false)
	}},
	{name: "lon", read: func(d *decoder, x *estDoc, f string) {
		x.lonSeen, x.lonNull = true, d.sc.Peek() == 'n'
		x.lon, x.hasLon = d.float(f, false)
	}},
	sourceOf(func(x *estDoc) *typology.Provenance { return &x.e.Provenance }),
	markOf(func(x *estDoc) *typology.Provenance { return &x.e.Provenance }),
}

func (d *decoder) establishment(i int) {
	x := &d.x.est
	*x = estDoc{}
	defer func() { d.b.AddEstablishment(x.e) }()
	if !d.entity("establishments", i) {
		return
	}
	decodeObject(d, establishmentFields, x)
	switch {
	case x.hasLat && x.hasLon:
		ok := true
		if x.lat < -90 || x.lat > 90 {
			d.fail("lat", ErrInvalid, "%v is out of range (-90 to 90)", x.lat)
			ok = false
		}
		if x.lon < -180 || x.lon > 180 {
			d.fail("lon", ErrInvalid, "%v is out of range (-180 to 180)", x.lon)
			ok = false
		}
		if ok {
			x.e.Location = Location{Lat: x.lat, Lon: x.lon, Known: true}
		}
	case x.hasLat && !x.lonSeen:
		d.fail("lon", ErrMissing, "missing: lat and lon go together")
	case x.hasLon && !x.latSeen:
		d.fail("lat", ErrMissing, "missing: lat and lon go together")
	case x.hasLat && x.lonNull:
		d.fail("lon", ErrMissing, "null, but lat and lon go together")
	case x.hasLon && x.latNull:
		d.fail("lat", ErrMissing, "null, but lat and lon go together")
	}
	d.end(string(x.e.ID))
}

var teamFields = []fieldSpec[Team]{
	{name: "id", required: true, read: func(d *decoder, t *Team, f string) { t.ID = TeamID(d.setID(d.id(f, true))) }},
	{name: "establishment", required: true, read: func(d *decoder, t *Team, f string) { t.Establishment = EstablishmentID(d.id(f, true)) }},
	{name: "unit", read: func(d *decoder, t *Team, f string) { t.Unit = d.intern2(f) }},
	sourceOf(func(t *Team) *typology.Provenance { return &t.Provenance }),
	markOf(func(t *Team) *typology.Provenance { return &t.Provenance }),
}

func (d *decoder) team(i int) {
	t := &d.x.team
	*t = Team{}
	defer func() { d.b.AddTeam(*t) }()
	if !d.entity("teams", i) {
		return
	}
	decodeObject(d, teamFields, t)
	d.end(string(t.ID))
}

var centreFields = []fieldSpec[Centre]{
	{name: "id", required: true, read: func(d *decoder, c *Centre, f string) { c.ID = CentreID(d.setID(d.id(f, true))) }},
	{name: "name", required: true, read: func(d *decoder, c *Centre, f string) { c.Name = d.str(f, true) }},
	{name: "tier", required: true, read: func(d *decoder, c *Centre, f string) { c.Tier, _ = enum(d, &d.enums.tier, f, true) }},
	{name: "role", read: func(d *decoder, c *Centre, f string) { c.Role, _ = enum(d, &d.enums.role, f, false) }},
	{name: "kind", read: func(d *decoder, c *Centre, f string) { c.Kind, _ = enum(d, &d.enums.kind, f, false) }},
	{name: "group", required: true, read: func(d *decoder, c *Centre, f string) { c.Group, _ = d.group(f, true) }},
	{name: "coordinating_site", read: func(d *decoder, c *Centre, f string) { c.CoordinatingSite = CentreID(d.id(f, false)) }},
	{name: "scope", read: func(d *decoder, c *Centre, f string) { c.Scope, _ = enum(d, &d.enums.scope, f, false) }},
	{name: "team", required: true, read: func(d *decoder, c *Centre, f string) { c.Team = TeamID(d.id(f, true)) }},
	{name: "attached_to", v11: true, read: func(d *decoder, c *Centre, f string) { c.AttachedTo = d.centreIDs(f, false) }},
	{name: "diseases", read: func(d *decoder, c *Centre, f string) {
		if d.array(f, false) {
			d.diseases = d.diseases[:0]
			for k := 0; d.sc.Elem(k == 0); k++ {
				d.push(f, k)
				d.diseases = append(d.diseases, d.disease())
				d.pop()
			}
			c.Diseases = d.keep.diseases.keep(d.diseases)
		}
	}},
	{name: "labels", read: func(d *decoder, c *Centre, f string) {
		if d.array(f, false) {
			d.labels = d.labels[:0]
			for k := 0; d.sc.Elem(k == 0); k++ {
				d.push(f, k)
				d.label = k
				if l, ok := d.readLabel(); ok {
					d.labels = append(d.labels, l)
				}
				d.pop()
			}
			c.Labels = d.keep.labels.keep(d.labels)
		}
	}},
	{name: "activity", read: func(d *decoder, c *Centre, f string) {
		if d.array(f, false) {
			d.activity = d.activity[:0]
			for k := 0; d.sc.Elem(k == 0); k++ {
				d.push(f, k)
				d.activity = append(d.activity, d.activityYear(k))
				d.pop()
			}
			c.Activity = d.keep.activity.keep(d.activity)
		}
	}},
	sourceOf(func(c *Centre) *typology.Provenance { return &c.Provenance }),
	markOf(func(c *Centre) *typology.Provenance { return &c.Provenance }),
}

func (d *decoder) centre(i int) {
	c := &d.x.centre
	*c = Centre{}
	defer func() { d.b.addCentreOwned(*c) }()
	if !d.entity("centres", i) {
		return
	}
	decodeObject(d, centreFields, c)
	d.end(string(c.ID))
}

var diseaseFields = []fieldSpec[typology.Disease]{
	{name: "orpha", read: func(d *decoder, x *typology.Disease, f string) {
		v, _ := d.integer(f, false, 1, 1<<32-1)
		x.Orpha = typology.ORPHAcode(v)
	}},
	{name: "name", required: true, read: func(d *decoder, x *typology.Disease, f string) { x.Name = d.intern2(f) }},
	{name: "prevalence", read: func(d *decoder, x *typology.Disease, f string) {
		x.Prevalence, _ = enum(d, &d.enums.prevalence, f, false)
	}},
}

func (d *decoder) disease() typology.Disease {
	x := &d.x.disease
	*x = typology.Disease{}
	if d.object("", true) {
		decodeObject(d, diseaseFields, x)
	}
	return *x
}

// count describes a count of an activity year, set through set.
func count(field string, set func(*Activity, int)) fieldSpec[Activity] {
	return fieldSpec[Activity]{name: field, required: true, read: func(d *decoder, a *Activity, f string) {
		v, _ := d.integer(f, true, 0, 1<<31-1)
		set(a, int(v))
	}}
}

var activityFields = []fieldSpec[Activity]{
	{name: "year", required: true, read: func(d *decoder, a *Activity, f string) {
		v, _ := d.integer(f, true, MinActivityYear, MaxActivityYear)
		a.Year = int(v)
	}},
	count("consultations", func(a *Activity, v int) { a.Consultations = v }),
	count("patients", func(a *Activity, v int) { a.Patients = v }),
	count("new_patients", func(a *Activity, v int) { a.NewPatients = v }),
}

// activityUints are activityFields for [jsonscan.Scanner.UintObject]:
// the same keys in the same order, and the same bounds, so that an
// activity year it reads is what decodeObject would read (a count's upper
// bound is 1<<31-1 there, beyond the nine digits UintObject reads).
var activityUints = []jsonscan.UintField{
	{Key: "year", Min: MinActivityYear, Max: MaxActivityYear},
	{Key: "consultations", Max: 1<<31 - 1},
	{Key: "patients", Max: 1<<31 - 1},
	{Key: "new_patients", Max: 1<<31 - 1},
}

func (d *decoder) activityYear(k int) Activity {
	a := &d.x.activity
	*a = Activity{}
	if d.sc.Peek() == '{' {
		d.mark(posRecord{list: listCentres, i: int32(d.index), sub: subActivity, j: int32(k), k: -1})
		// Activity years are half a national document: most are read
		// here, plainly spelled, without the general loop.
		var v [4]uint32
		if !d.slow && d.sc.UintObject(activityUints, v[:]) {
			*a = Activity{Year: int(v[0]), Consultations: int(v[1]), Patients: int(v[2]), NewPatients: int(v[3])}
			if d.record {
				d.recs[len(d.recs)-1].year = int32(a.Year)
			}
			return *a
		}
	}
	if d.object("", true) {
		decodeObject(d, activityFields, a)
		if d.record {
			d.recs[len(d.recs)-1].year = int32(a.Year)
		}
	}
	return *a
}

// labelDoc is a label as the document writes it, before
// [labelling.NewLabel] builds it.
type labelDoc struct {
	start, end  labelling.Date
	act         labelling.Act
	events      []labelling.Event
	eventIdx    []int // document index of each event kept
	eventAt     []int // where each event's '{' is in the fast path's buffer, for its position
	designation labelling.Designation
	prov        typology.Provenance
}

// reset empties x, keeping its storage.
func (x *labelDoc) reset() {
	*x = labelDoc{events: x.events[:0], eventIdx: x.eventIdx[:0], eventAt: x.eventAt[:0]}
}

var labelFields = []fieldSpec[labelDoc]{
	{name: "start", required: true,
		read: func(d *decoder, l *labelDoc, f string) { l.start = d.date(f, true) },
		fast: func(d *decoder, l *labelDoc, a ahead, i int) int { l.start, i = a.date(i); return i }},
	{name: "end", required: true,
		read: func(d *decoder, l *labelDoc, f string) { l.end = d.date(f, true) },
		fast: func(d *decoder, l *labelDoc, a ahead, i int) int { l.end, i = a.date(i); return i }},
	{name: "act", required: true,
		read: func(d *decoder, l *labelDoc, f string) {
			d.push(f, -1)
			l.act, _ = d.act(true)
			d.pop()
		},
		fast: func(d *decoder, l *labelDoc, a ahead, i int) int { return fastObject(d, a, i, actFields, &l.act) }},
	{name: "events",
		read: func(d *decoder, l *labelDoc, f string) {
			if d.array(f, false) {
				for k := 0; d.sc.Elem(k == 0); k++ {
					d.push(f, k)
					if e, ok := d.event(k); ok {
						l.events = append(l.events, e)
						l.eventIdx = append(l.eventIdx, k)
					}
					d.pop()
				}
			}
		},
		// Every event matched is kept (event would report no problem),
		// so the document's indexes are those of l.events.
		fast: func(d *decoder, l *labelDoc, a ahead, i int) int {
			return fastArray(a, i, func(i int) int {
				if j := jsonscan.Match(a.b, i, '{'); j >= 0 {
					l.eventAt = append(l.eventAt, j-1)
				}
				x := &d.x.event // (a local would move to the heap: fast readers are called through pointers)
				*x = eventDoc{}
				if i = fastObject(d, a, i, eventFields, x); i < 0 || x.problems() != (eventProblems{}) {
					return -1
				}
				l.eventIdx = append(l.eventIdx, len(l.events))
				l.events = append(l.events, x.e)
				return i
			})
		}},
	{name: "designation",
		read: func(d *decoder, l *labelDoc, f string) {
			d.push(f, -1)
			l.designation = d.designation()
			d.pop()
		},
		fast: func(d *decoder, l *labelDoc, a ahead, i int) int {
			if j := jsonscan.MatchNull(a.b, i); j >= 0 {
				return j // no designation, as designation reads it
			}
			return fastObject(d, a, i, designationFields, &l.designation)
		}},
	sourceOf(func(l *labelDoc) *typology.Provenance { return &l.prov }),
	markOf(func(l *labelDoc) *typology.Provenance { return &l.prov }),
}

// readLabel reads a label; ok is false when it has problems (reported),
// and the label is then left out.
func (d *decoder) readLabel() (labelling.Label, bool) {
	if d.sc.Peek() == '{' {
		d.mark(posRecord{list: listCentres, i: int32(d.index), sub: subLabels, j: int32(d.label), k: -1})
	}
	x := &d.x.label
	x.reset()
	nerr := len(d.errs) + d.more
	if d.slow || !d.labelFast(x) {
		x.reset()
		if !d.object("", true) {
			return labelling.Label{}, false
		}
		decodeObject(d, labelFields, x)
	}
	if !x.start.IsZero() && !x.end.IsZero() && !x.end.After(x.start) {
		d.fail("end", ErrInvalid, "%q is not after the start %q", x.end, x.start)
	}
	// Checks on events against the label, in FORMAT.md's terms, quoting
	// the dates as written.
	for j, e := range x.events {
		d.push("events", x.eventIdx[j])
		if !x.start.IsZero() && e.Date.Before(x.start) {
			d.fail("date", ErrInvalid, "%q is before the label's start %q", e.Date, x.start)
		}
		if e.Kind == labelling.Extension && !x.end.IsZero() && !e.Until.IsZero() && !e.Until.After(x.end) {
			d.fail("until", ErrInvalid, "%q is not after the label's initial end %q", e.Until, x.end)
		}
		d.pop()
	}
	if len(d.errs)+d.more > nerr {
		return labelling.Label{}, false
	}
	l, err := d.keep.events.NewLabel(x.start, x.end, x.act, x.events...)
	if err != nil {
		// What the checks above did not catch: an extension that does not
		// move the end in effect before it, for one.
		for _, e := range unwrapAll(err) {
			var le *labelling.LabelError
			if errors.As(e, &le) {
				d.fail(labelField(le.Field, x.eventIdx), fmt.Errorf("%w: %w", ErrInvalid, e), "%s", le.Msg)
			} else {
				d.fail("", fmt.Errorf("%w: %w", ErrInvalid, e), "%v", e)
			}
		}
		return labelling.Label{}, false
	}
	if !x.designation.IsZero() {
		l = l.WithDesignation(x.designation)
	}
	if !x.prov.IsZero() {
		l = l.WithProvenance(x.prov)
	}
	return l, true
}

// labelFast reads a label spelled plainly, as most are, into x (reset)
// and reports whether it did; otherwise it consumes nothing and leaves x
// partly written. The label's object is matched by fastObject against
// labelFields, its act, events and designation against their own tables:
// the general path would read the same values, with no problem (each
// event passes the checks of decoder.event: see eventDoc.problems).
// readLabel's checks of the label as a whole then run on them as on any
// label.
func (d *decoder) labelFast(x *labelDoc) bool {
	a := d.ahead()
	i := fastObject(d, a, 0, labelFields, x)
	if i < 0 {
		return false
	}
	if d.record {
		for k, e := range x.events {
			line, col, _ := d.sc.PositionAhead(x.eventAt[k])
			d.addRecord(posRecord{list: listCentres, i: int32(d.index), sub: subLabels, j: int32(d.label), k: int32(k),
				line: int32(line), col: int32(col), date: e.Date})
		}
	}
	d.sc.Consume(i)
	return true
}

// labelField maps a field of a labelling.LabelError ("events[2].until",
// indexing the events given to NewLabel) to the document's indexes.
func labelField(field string, eventIdx []int) string {
	rest, ok := strings.CutPrefix(field, "events[")
	if !ok {
		return field
	}
	num, rest, ok := strings.Cut(rest, "]")
	k, err := strconv.Atoi(num)
	if !ok || err != nil || k < 0 || k >= len(eventIdx) {
		return field
	}
	return "events[" + strconv.Itoa(eventIdx[k]) + "]" + rest
}

func unwrapAll(err error) []error {
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return []error{err}
}

var actFields = []fieldSpec[labelling.Act]{
	{name: "kind", required: true,
		read: func(d *decoder, x *labelling.Act, f string) { x.Kind, _ = enum(d, &d.enums.actKind, f, true) },
		fast: func(d *decoder, x *labelling.Act, a ahead, i int) int {
			x.Kind, i = fastEnum(&d.enums.actKind, a, i)
			return i
		}},
	{name: "date", required: true,
		read: func(d *decoder, x *labelling.Act, f string) { x.Date = d.date(f, true) },
		fast: func(d *decoder, x *labelling.Act, a ahead, i int) int { x.Date, i = a.date(i); return i }},
	{name: "ref",
		read: func(d *decoder, x *labelling.Act, f string) { x.Ref = d.intern2(f) },
		fast: func(d *decoder, x *labelling.Act, a ahead, i int) int {
			v, i := a.text(i)
			x.Ref = d.intern(v) // (interned even if the label is declined: the table is a cache)
			return i
		}},
}

// act reads an act object (the current segments name it).
func (d *decoder) act(required bool) (labelling.Act, bool) {
	if !d.object("", required) {
		return labelling.Act{}, false
	}
	a := &d.x.act
	*a = labelling.Act{}
	decodeObject(d, actFields, a)
	return *a, true
}

// eventDoc is an event, and whether its until was there, and null.
type eventDoc struct {
	e                    labelling.Event
	untilSeen, untilNull bool
}

// eventProblems are the rules binding an event's fields together that an
// event breaks (FORMAT.md): until for an extension and for it only, type
// for an evaluation only.
type eventProblems struct {
	untilMissing, untilNull, untilExtra, typeExtra bool
}

// problems says which rules binding its fields together x breaks: the
// general path reports them (decoder.event), the fast path declines an
// event that breaks any. A kind not read (0) was reported already.
func (x *eventDoc) problems() eventProblems {
	e := x.e
	return eventProblems{
		untilMissing: e.Kind == labelling.Extension && e.Until.IsZero() && !x.untilSeen,
		untilNull:    e.Kind == labelling.Extension && x.untilNull,
		untilExtra:   e.Kind != 0 && e.Kind != labelling.Extension && !e.Until.IsZero(),
		typeExtra:    e.Kind != 0 && e.Kind != labelling.Evaluation && e.Type != labelling.Unstated,
	}
}

var eventFields = []fieldSpec[eventDoc]{
	{name: "kind", required: true,
		read: func(d *decoder, x *eventDoc, f string) { x.e.Kind, _ = enum(d, &d.enums.eventKind, f, true) },
		fast: func(d *decoder, x *eventDoc, a ahead, i int) int {
			x.e.Kind, i = fastEnum(&d.enums.eventKind, a, i)
			return i
		}},
	{name: "date", required: true,
		read: func(d *decoder, x *eventDoc, f string) { x.e.Date = d.date(f, true) },
		fast: func(d *decoder, x *eventDoc, a ahead, i int) int { x.e.Date, i = a.date(i); return i }},
	{name: "type",
		read: func(d *decoder, x *eventDoc, f string) { x.e.Type, _ = enum(d, &d.enums.evalType, f, false) },
		fast: func(d *decoder, x *eventDoc, a ahead, i int) int {
			x.e.Type, i = fastEnum(&d.enums.evalType, a, i)
			return i
		}},
	{name: "until",
		read: func(d *decoder, x *eventDoc, f string) {
			x.untilSeen, x.untilNull = true, d.sc.Peek() == 'n'
			x.e.Until = d.date(f, false)
		},
		fast: func(d *decoder, x *eventDoc, a ahead, i int) int {
			x.untilSeen = true
			x.e.Until, x.untilNull, i = a.dateOrNull(i)
			return i
		}},
	{name: "act",
		read: func(d *decoder, x *eventDoc, f string) {
			d.push(f, -1)
			x.e.Act, _ = d.act(false)
			d.pop()
		},
		fast: func(d *decoder, x *eventDoc, a ahead, i int) int { return fastObject(d, a, i, actFields, &x.e.Act) }},
}

// event reads event k of the current label; ok is false when it has
// problems (reported).
func (d *decoder) event(k int) (labelling.Event, bool) {
	if d.sc.Peek() == '{' {
		d.mark(posRecord{list: listCentres, i: int32(d.index), sub: subLabels, j: int32(d.label), k: int32(k)})
	}
	if !d.object("", true) {
		return labelling.Event{}, false
	}
	x := &d.x.event
	*x = eventDoc{}
	nerr := len(d.errs) + d.more
	decodeObject(d, eventFields, x)
	e := x.e
	if d.record {
		d.recs[len(d.recs)-1].date = e.Date
	}
	p := x.problems()
	switch {
	case p.untilMissing:
		d.fail("until", ErrMissing, "missing: an extension needs until, its new end")
	case p.untilNull:
		d.fail("until", ErrMissing, "null, but an extension needs until, its new end")
	case p.untilExtra:
		d.fail("until", ErrInvalid, "only extensions have an until (this is a %s)", e.Kind)
	}
	if p.typeExtra {
		d.fail("type", ErrInvalid, "only evaluations have a type (this is a %s)", e.Kind)
	}
	return e, len(d.errs)+d.more == nerr
}

var designationFields = []fieldSpec[labelling.Designation]{
	{name: "campaign", required: true,
		read: func(d *decoder, x *labelling.Designation, f string) {
			if b, ok := d.strBytes(f, true); ok {
				id := d.intern(b)
				if d.knownCampaign(id) {
					x.Campaign = labelling.CampaignID(id)
				} else {
					d.fail(f, ErrDangling, "%s is not a campaign of the embedded campaigns", quote(b))
				}
			}
		},
		fast: func(d *decoder, x *labelling.Designation, a ahead, i int) int {
			v, i := a.text(i)
			if i < 0 {
				return -1
			}
			id := d.intern(v)
			if !d.knownCampaign(id) {
				return -1
			}
			x.Campaign = labelling.CampaignID(id)
			return i
		}},
	{name: "route", required: true,
		read: func(d *decoder, x *labelling.Designation, f string) { x.Route, _ = enum(d, &d.enums.route, f, true) },
		fast: func(d *decoder, x *labelling.Designation, a ahead, i int) int {
			x.Route, i = fastEnum(&d.enums.route, a, i)
			return i
		}},
	{name: "cncl_opinion",
		read: func(d *decoder, x *labelling.Designation, f string) { x.CNCLOpinion = d.date(f, false) },
		fast: func(d *decoder, x *labelling.Designation, a ahead, i int) int {
			x.CNCLOpinion, _, i = a.dateOrNull(i)
			return i
		}},
	{name: "decision", required: true,
		read: func(d *decoder, x *labelling.Designation, f string) { x.Decision = d.date(f, true) },
		fast: func(d *decoder, x *labelling.Designation, a ahead, i int) int { x.Decision, i = a.date(i); return i }},
}

func (d *decoder) designation() labelling.Designation {
	x := &d.x.designation
	*x = labelling.Designation{}
	if d.object("", false) {
		decodeObject(d, designationFields, x)
	}
	return *x
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

// fastID is the fast reader of an ID, or of a text that documents repeat:
// a plain string, interned as id and intern2 intern it.
func fastID(d *decoder, a ahead, i int) (string, int) {
	v, i := a.text(i)
	return d.intern(v), i
}

var conventionFields = []fieldSpec[Convention]{
	{name: "id", required: true,
		read: func(d *decoder, c *Convention, f string) { c.ID = ConventionID(d.setID(d.id(f, true))) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int {
			var id string
			id, i = fastID(d, a, i)
			c.ID = ConventionID(id) // (setID once matched: see conventionFast)
			return i
		}},
	{name: "reference", required: true,
		read: func(d *decoder, c *Convention, f string) { c.Reference = d.centreIDs(f, true) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int { c.Reference, i = d.fastIDs(a, i); return i }},
	{name: "competence", required: true,
		read: func(d *decoder, c *Convention, f string) { c.Competence = CentreID(d.id(f, true)) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int {
			var id string
			id, i = fastID(d, a, i)
			c.Competence = CentreID(id)
			return i
		}},
	{name: "signed", required: true,
		read: func(d *decoder, c *Convention, f string) { c.Signed = d.date(f, true) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int { c.Signed, i = a.date(i); return i }},
	{name: "start", required: true,
		read: func(d *decoder, c *Convention, f string) { c.Start = d.date(f, true) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int { c.Start, i = a.date(i); return i }},
	{name: "end",
		read: func(d *decoder, c *Convention, f string) { c.End = d.date(f, false) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int { c.End, _, i = a.dateOrNull(i); return i }},
	{name: "signatories",
		read: func(d *decoder, c *Convention, f string) { c.Signatories = d.centreIDs(f, false) },
		fast: func(d *decoder, c *Convention, a ahead, i int) int { c.Signatories, i = d.fastIDs(a, i); return i }},
	sourceOf(func(c *Convention) *typology.Provenance { return &c.Provenance }),
	markOf(func(c *Convention) *typology.Provenance { return &c.Provenance }),
}

func (d *decoder) convention(i int) {
	c := &d.x.convention
	*c = Convention{}
	defer func() { d.b.addConventionOwned(*c) }()
	if !d.entity("conventions", i) {
		return
	}
	if d.slow || !d.conventionFast(c) {
		*c = Convention{}
		decodeObject(d, conventionFields, c)
	}
	d.end(string(c.ID))
}

// conventionFast reads the members of a convention spelled plainly (its
// '{' consumed) into c and reports whether it did, as fastMembers matches
// conventionFields; otherwise it consumes nothing and leaves c partly
// written.
func (d *decoder) conventionFast(c *Convention) bool {
	i := fastMembers(d, d.ahead(), 0, conventionFields, c)
	if i < 0 {
		return false
	}
	d.setID(string(c.ID))
	d.sc.Consume(i)
	return true
}

// centreIDs reads an array of IDs; an element that is not a string is
// reported and kept as "", so that indexes stay those of the document.
func (d *decoder) centreIDs(field string, required bool) []CentreID {
	if !d.array(field, required) {
		return nil
	}
	d.ids = d.ids[:0]
	for k := 0; d.sc.Elem(k == 0); k++ {
		d.push(field, k)
		d.ids = append(d.ids, CentreID(d.id("", true)))
		d.pop()
	}
	return d.keep.ids.keep(d.ids)
}

// chunks keeps lists in large shared arrays: one allocation per chunk
// rather than one per list, and no copying as they grow.
type chunks[T any] struct{ free []T }

// keep returns a copy of xs, its capacity clipped, or nil when empty.
func (c *chunks[T]) keep(xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	if cap(c.free)-len(c.free) < len(xs) {
		c.free = make([]T, 0, max(len(xs), 512))
	}
	start := len(c.free)
	c.free = append(c.free, xs...)
	return c.free[start:len(c.free):len(c.free)]
}

var filiereFields = []fieldSpec[Filiere]{
	{name: "id", required: true, read: func(d *decoder, x *Filiere, f string) { x.ID = FiliereID(d.setID(d.id(f, true))) }},
	{name: "name", required: true, read: func(d *decoder, x *Filiere, f string) { x.Name = d.str(f, true) }},
	{name: "host", read: func(d *decoder, x *Filiere, f string) { x.Host = EstablishmentID(d.id(f, false)) }},
	{name: "since", v11: true, read: func(d *decoder, x *Filiere, f string) { x.Since = d.date(f, false) }},
	{name: "groups", read: func(d *decoder, x *Filiere, f string) {
		if d.array(f, false) {
			d.groups = d.groups[:0]
			for k := 0; d.sc.Elem(k == 0); k++ {
				d.push(f, k)
				g, _ := d.group("", true)
				d.groups = append(d.groups, g)
				d.pop()
			}
			x.Groups = d.keep.groups.keep(d.groups)
		}
	}},
	{name: "members", read: func(d *decoder, x *Filiere, f string) { x.Members = d.centreIDs(f, false) }},
	sourceOf(func(x *Filiere) *typology.Provenance { return &x.Provenance }),
	markOf(func(x *Filiere) *typology.Provenance { return &x.Provenance }),
}

func (d *decoder) filiere(i int) {
	f := &d.x.filiere
	*f = Filiere{}
	defer func() { d.b.addFiliereOwned(*f) }()
	if !d.entity("filieres", i) {
		return
	}
	decodeObject(d, filiereFields, f)
	d.end(string(f.ID))
}

var platformFields = []fieldSpec[Platform]{
	{name: "id", required: true, read: func(d *decoder, p *Platform, f string) { p.ID = PlatformID(d.setID(d.id(f, true))) }},
	{name: "name", required: true, read: func(d *decoder, p *Platform, f string) { p.Name = d.str(f, true) }},
	{name: "host", required: true, read: func(d *decoder, p *Platform, f string) { p.Host = EstablishmentID(d.id(f, true)) }},
	{name: "overseas", read: func(d *decoder, p *Platform, f string) { p.Overseas, _ = d.boolean(f, false) }},
	sourceOf(func(p *Platform) *typology.Provenance { return &p.Provenance }),
	markOf(func(p *Platform) *typology.Provenance { return &p.Provenance }),
}

func (d *decoder) platform(i int) {
	p := &d.x.platform
	*p = Platform{}
	defer func() { d.b.AddPlatform(*p) }()
	if !d.entity("platforms", i) {
		return
	}
	decodeObject(d, platformFields, p)
	d.end(string(p.ID))
}
