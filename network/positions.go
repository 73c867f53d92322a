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
	at, ok := slices.BinarySearchFunc(p.entries, k, func(e posEntry, k posKey) int { return e.can.compare(k) })
	if !ok {
		return Position{}, false
	}
	v := p.entries[at].val
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
	d.recs = append(d.recs, r)
}

// positions maps the records read to their canonical pointers in n, the
// network built from them.
func (d *decoder) positions() *Positions {
	// The rank of each entity of each list in ID order, from the IDs in
	// document order that the Builder holds.
	b := &d.b
	var rank [len(listNames)][]int32
	rank[listEstablishments] = ranks(b.establishments, func(x Establishment) string { return string(x.ID) })
	rank[listTeams] = ranks(b.teams, func(x Team) string { return string(x.ID) })
	rank[listCentres] = ranks(b.centres, func(x Centre) string { return string(x.ID) })
	rank[listConventions] = ranks(b.conventions, func(x Convention) string { return string(x.ID) })
	rank[listFilieres] = ranks(b.filieres, func(x Filiere) string { return string(x.ID) })
	rank[listPlatforms] = ranks(b.platforms, func(x Platform) string { return string(x.ID) })

	p := &Positions{entries: make([]posEntry, 0, len(d.recs))}
	add := func(r *posRecord, can posKey) {
		doc := posKey{list: r.list, sub: r.sub, i: r.i, j: r.j, k: r.k}
		p.entries = append(p.entries, posEntry{can, posVal{doc: doc, line: r.line, col: r.col}})
	}
	var order []int // scratch
	// group sorts the n records from recs[0] by cmp, stably, and adds
	// them with their rank set by set.
	group := func(recs []posRecord, cmp func(a, b *posRecord) int, set func(*posKey, int32)) {
		order = order[:0]
		for x := range recs {
			order = append(order, x)
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp(&recs[a], &recs[b]) })
		for at, x := range order {
			r := &recs[x]
			can := posKey{list: r.list, sub: r.sub, i: rank[r.list][r.i], j: r.j, k: r.k}
			set(&can, int32(at))
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
			group(recs[:n], func(a, b *posRecord) int { return cmp.Compare(a.year, b.year) }, func(k *posKey, at int32) { k.j = at })
		case r.sub == subLabels && r.k >= 0:
			// A label's events are stored by date, in document order
			// within a day (labelling.NewLabel).
			for n < len(recs) && recs[n].sub == subLabels && recs[n].k >= 0 && recs[n].i == r.i && recs[n].j == r.j {
				n++
			}
			group(recs[:n], func(a, b *posRecord) int { return a.date.Compare(b.date) }, func(k *posKey, at int32) { k.k = at })
		default:
			add(r, posKey{list: r.list, sub: r.sub, i: rank[r.list][r.i], j: r.j, k: r.k})
		}
		recs = recs[n:]
	}
	d.recs = nil
	// Order the entries by canonical key without sorting them all: each
	// entity's records are consecutive (and nearly always in canonical
	// order already), and the entities are placed by their rank.
	var spans [len(listNames)][][2]int32
	for l := range spans {
		spans[l] = make([][2]int32, len(rank[l]))
	}
	byKey := func(a, b posEntry) int { return a.can.compare(b.can) }
	for start := 0; start < len(p.entries); {
		e := p.entries[start].can
		end := start + 1
		for end < len(p.entries) && p.entries[end].can.list == e.list && p.entries[end].can.i == e.i {
			end++
		}
		if g := p.entries[start:end]; !slices.IsSortedFunc(g, byKey) {
			slices.SortFunc(g, byKey)
		}
		spans[e.list][e.i] = [2]int32{int32(start), int32(end)}
		start = end
	}
	sorted := make([]posEntry, 0, len(p.entries))
	for _, l := range spans {
		for _, sp := range l {
			sorted = append(sorted, p.entries[sp[0]:sp[1]]...)
		}
	}
	p.entries = sorted
	return p
}

// ranks returns the rank of each element of xs in the order of its ID.
func ranks[T any](xs []T, id func(T) string) []int32 {
	order := make([]int32, len(xs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(id(xs[a]), id(xs[b])) })
	r := make([]int32, len(xs))
	for at, i := range order {
		r[i] = int32(at)
	}
	return r
}
