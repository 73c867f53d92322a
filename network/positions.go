package network

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
)

// A Position locates a record of a network document as it was read:
// Pointer is its RFC 6901 JSON Pointer into that document
// ("/centres/3/labels/1"), and Line and Column (from 1; the column counts
// bytes) are those of its opening brace.
type Position struct {
	Pointer string `json:"pointer"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// Positions maps the records of a decoded network to where they were in
// the document read: get them from a [Decoder] with RecordPositions set.
// A nil *Positions finds nothing. Positions are safe for concurrent use.
type Positions struct {
	entries []posEntry // sorted by canonical key
	// The entries of entity i of list l (its rank in ID order) are
	// entries[starts[l][i]:starts[l][i+1]]: Of searches those few rather
	// than all (tens of thousands, out of cache, for each of thousands
	// of findings' evidence).
	starts [len(listNames)][]int32
}

// posEntry is a record's canonical key and where it was.
type posEntry struct {
	can posKey
	val posVal
}

func (k posKey) compare(o posKey) int {
	switch {
	case k.list != o.list:
		return int(k.list) - int(o.list)
	case k.i != o.i:
		return int(k.i) - int(o.i)
	case k.sub != o.sub:
		return int(k.sub) - int(o.sub)
	case k.j != o.j:
		return int(k.j) - int(o.j)
	}
	return int(k.k) - int(o.k)
}

// posKey locates a record: a list, the index in it, and for a centre's
// label or activity entry (sub) its index j, and for a label's event its
// index k (-1 when not an event).
type posKey struct {
	list, sub uint8
	i, j, k   int32
}

type posVal struct {
	doc       posKey
	line, col int32
}

// The lists of the document, in FORMAT.md's order, and what a centre
// holds.
const (
	listEstablishments uint8 = iota
	listTeams
	listCentres
	listConventions
	listFilieres
	listPlatforms

	subNone uint8 = iota
	subLabels
	subActivity
)

var listNames = [...]string{"establishments", "teams", "centres", "conventions", "filieres", "platforms"}

func listIndex(name string) uint8 {
	return uint8(slices.Index(listNames[:], name))
}

// Of returns the position of the record whose canonical pointer is given:
// its RFC 6901 pointer in [Encode]'s output of the decoded network, where
// every list is in ID order and a centre's labels, their events and its
// activity are in the order the Network stores them ("/centres/12",
// "/centres/12/labels/1/events/0", "/centres/12/activity/3",
// "/conventions/3"). ok is false when there is no such record, or p is nil.
func (p *Positions) Of(canonical string) (pos Position, ok bool) {
	if p == nil {
		return Position{}, false
	}
	k, ok := parsePointer(canonical)
	if !ok {
		return Position{}, false
	}
	s := p.starts[k.list]
	if k.i < 0 || int(k.i) >= len(s)-1 {
		return Position{}, false
	}
	span := p.entries[s[k.i]:s[k.i+1]]
	at, ok := slices.BinarySearchFunc(span, k, func(e posEntry, k posKey) int { return e.can.compare(k) })
	if !ok {
		return Position{}, false
	}
	v := span[at].val
	return Position{Pointer: v.doc.pointer(), Line: int(v.line), Column: int(v.col)}, true
}

// Len returns the number of records located.
func (p *Positions) Len() int {
	if p == nil {
		return 0
	}
	return len(p.entries)
}

func (k posKey) pointer() string {
	b := make([]byte, 0, 48)
	b = append(b, '/')
	b = append(b, listNames[k.list]...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(k.i), 10)
	switch k.sub {
	case subLabels:
		b = append(b, "/labels/"...)
		b = strconv.AppendInt(b, int64(k.j), 10)
		if k.k >= 0 {
			b = append(b, "/events/"...)
			b = strconv.AppendInt(b, int64(k.k), 10)
		}
	case subActivity:
		b = append(b, "/activity/"...)
		b = strconv.AppendInt(b, int64(k.j), 10)
	}
	return string(b)
}

// parsePointer reads the pointer of a record.
func parsePointer(s string) (posKey, bool) {
	parts := strings.Split(s, "/")
	if len(parts) < 3 || parts[0] != "" {
		return posKey{}, false
	}
	num := func(t string) (int32, bool) {
		if t == "" || len(t) > 9 || (len(t) > 1 && t[0] == '0') {
			return 0, false
		}
		v := 0
		for _, c := range []byte(t) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return int32(v), true
	}
	k := posKey{j: -1, k: -1}
	li := listIndex(parts[1])
	i, ok := num(parts[2])
	if li == 255 || !ok {
		return posKey{}, false
	}
	k.list, k.i = li, i
	rest := parts[3:]
	switch {
	case len(rest) == 0:
		return k, true
	case li != listCentres || len(rest)%2 != 0 || len(rest) > 4:
		return posKey{}, false
	}
	j, ok := num(rest[1])
	if !ok {
		return posKey{}, false
	}
	k.j = j
	switch rest[0] {
	case "labels":
		k.sub = subLabels
		if len(rest) == 4 {
			ev, ok := num(rest[3])
			if rest[2] != "events" || !ok {
				return posKey{}, false
			}
			k.k = ev
		}
	case "activity":
		k.sub = subActivity
		if len(rest) != 2 {
			return posKey{}, false
		}
	default:
		return posKey{}, false
	}
	return k, true
}

// posRecord is a record's place while decoding: its key in the document
// (list, i, sub, j, k), its line and column, and what its canonical index
// depends on (an event's date, an activity entry's year).
type posRecord struct {
	list, sub uint8
	i, j, k   int32
	line, col int32
	year      int32
	date      labelling.Date
}

// mark records the position of a record whose opening brace is next.
func (d *decoder) mark(r posRecord) {
	if !d.record {
		return
	}
	line, col, _ := d.sc.Position()
	r.line, r.col = int32(line), int32(col)
	d.addRecord(r)
}

// addRecord adds a record whose position is set.
func (d *decoder) addRecord(r posRecord) {
	if len(d.recs) == cap(d.recs) {
		// Double: append grows large slices by a quarter, which copies a
		// national document's 60,000 records about five times over.
		d.recs = slices.Grow(d.recs, max(len(d.recs), 1024))
	}
	d.recs = append(d.recs, r)
}

// positions maps the records read to their canonical pointers in n, the
// network built from them, given the rank in ID order of each entity.
func (d *decoder) positions(rank *listRanks) *Positions {
	// Entries are ordered by canonical key without sorting them all: the
	// entities are laid out in list order then by rank, each entity's
	// entries in a span of its own (nearly always in canonical order
	// already). next holds where each entity's next entry goes.
	var next [len(listNames)][]int32
	for l := range next {
		next[l] = make([]int32, len(rank[l]))
	}
	for i := range d.recs {
		r := &d.recs[i]
		next[r.list][rank[r.list][r.i]]++
	}
	p := &Positions{entries: make([]posEntry, len(d.recs))}
	var spans []int32 // where each entity's span starts, and a last end
	off := int32(0)
	for l := range next {
		p.starts[l] = make([]int32, len(next[l])+1)
		for k, n := range next[l] {
			next[l][k] = off
			p.starts[l][k] = off
			if n > 0 {
				spans = append(spans, off)
			}
			off += n
		}
		p.starts[l][len(next[l])] = off
	}
	spans = append(spans, off)
	add := func(r *posRecord, can posKey) {
		doc := posKey{list: r.list, sub: r.sub, i: r.i, j: r.j, k: r.k}
		at := &next[can.list][can.i]
		p.entries[*at] = posEntry{can, posVal{doc: doc, line: r.line, col: r.col}}
		*at++
	}
	var order []int // scratch
	// group sorts the records recs by cmp, stably, and adds them with
	// their rank among them as their index j (or k, for events).
	group := func(recs []posRecord, cmp func(a, b *posRecord) int, events bool) {
		order = order[:0]
		for x := range recs {
			order = append(order, x)
		}
		byCmp := func(a, b int) int { return cmp(&recs[a], &recs[b]) }
		if !slices.IsSortedFunc(order, byCmp) { // they usually come in order
			slices.SortStableFunc(order, byCmp)
		}
		for at, x := range order {
			r := &recs[x]
			can := posKey{list: r.list, sub: r.sub, i: rank[r.list][r.i], j: r.j, k: r.k}
			if events {
				can.k = int32(at)
			} else {
				can.j = int32(at)
			}
			add(r, can)
		}
	}
	recs := d.recs
	for len(recs) > 0 {
		r := &recs[0]
		n := 1
		switch {
		case r.sub == subActivity:
			// Stored by year: rank among the centre's entries.
			for n < len(recs) && recs[n].sub == subActivity && recs[n].i == r.i {
				n++
			}
			group(recs[:n], func(a, b *posRecord) int { return cmp.Compare(a.year, b.year) }, false)
		case r.sub == subLabels && r.k >= 0:
			// A label's events are stored by date, in document order
			// within a day (labelling.NewLabel).
			for n < len(recs) && recs[n].sub == subLabels && recs[n].k >= 0 && recs[n].i == r.i && recs[n].j == r.j {
				n++
			}
			group(recs[:n], func(a, b *posRecord) int { return a.date.Compare(b.date) }, true)
		default:
			add(r, posKey{list: r.list, sub: r.sub, i: rank[r.list][r.i], j: r.j, k: r.k})
		}
		recs = recs[n:]
	}
	d.recs = nil
	byKey := func(a, b posEntry) int { return a.can.compare(b.can) }
	for k := 1; k < len(spans); k++ {
		if g := p.entries[spans[k-1]:spans[k]]; !slices.IsSortedFunc(g, byKey) {
			slices.SortFunc(g, byKey)
		}
	}
	return p
}
