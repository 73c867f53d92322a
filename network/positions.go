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
	// chunks hold the records as read: an entity's records (its own,
	// then its labels with their events, and its activity) follow one
	// another in one chunk.
	chunks [][]posRecord
	n      int // records in all
	// The records of the entity at index i of list l in the document
	// are spans[l][i].
	spans [len(listNames)][]recSpan
	// order[l][r] is the document index of the entity of rank r in ID
	// order: the index in the Network, which canonical pointers use.
	order [len(listNames)][]int32
}

// recSpan is where an entity's records are: chunks[chunk][start:end],
// its own first, then, for a centre, its labels each followed by its
// events (chunks[chunk][labels:labelsEnd]) and its activity entries
// (chunks[chunk][activity:activityEnd]), each part in the order the
// Network stores it (see Decoder.positions).
type recSpan struct {
	chunk, start, end     int32
	labels, labelsEnd     int32
	activity, activityEnd int32
}

// posKey locates a record: a list, the index in it, and for a centre's
// label or activity entry (sub) its index j, and for a label's event its
// index k (-1 when not an event).
type posKey struct {
	list, sub uint8
	i, j, k   int32
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
)

// What of a centre a record is (subNone: the entity itself).
const (
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
	order := p.order[k.list]
	if k.i < 0 || int(k.i) >= len(order) {
		return Position{}, false
	}
	sp := &p.spans[k.list][order[k.i]]
	r, ok := sp.find(p.chunks[sp.chunk], k)
	if !ok {
		return Position{}, false
	}
	pointer := posKey{list: r.list, sub: r.sub, i: r.i, j: r.j, k: r.k}.pointer()
	return Position{Pointer: pointer, Line: int(r.line), Column: int(r.col)}, true
}

// find returns the record, among an entity's in recs (its chunk), that
// has the canonical key k, in time that does not grow with the entity's
// records: an entity may have thousands, and a report asks for many.
func (sp *recSpan) find(recs []posRecord, k posKey) (*posRecord, bool) {
	switch k.sub {
	case subNone:
		return &recs[sp.start], true
	case subActivity:
		if at := sp.activity + k.j; k.j >= 0 && at < sp.activityEnd {
			return &recs[at], true
		}
		return nil, false
	}
	// A label, or one of its events: the labels come by index, each
	// followed by its events.
	labels := recs[sp.labels:sp.labelsEnd]
	at, _ := slices.BinarySearchFunc(labels, k.j, func(r posRecord, j int32) int { return cmp.Compare(r.j, j) })
	if at == len(labels) || labels[at].j != k.j || labels[at].k >= 0 {
		return nil, false
	}
	if k.k < 0 {
		return &labels[at], true
	}
	if ev := at + 1 + int(k.k); ev < len(labels) && labels[ev].j == k.j && labels[ev].k >= 0 {
		return &labels[ev], true
	}
	return nil, false
}

// Len returns the number of records located.
func (p *Positions) Len() int {
	if p == nil {
		return 0
	}
	return p.n
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

// parsePointer reads the pointer of a record. It splits nothing off:
// reports locate thousands of records.
func parsePointer(s string) (posKey, bool) {
	var parts [7]string // "", list, i, and at most labels, j, events, k
	n := 0
	for more := true; more; n++ {
		if n == len(parts) {
			return posKey{}, false // more parts than any pointer has
		}
		parts[n], s, more = strings.Cut(s, "/")
	}
	if n < 3 || parts[0] != "" {
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
	rest := parts[3:n]
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

// addRecord adds a record whose position is set. Records go into chunks,
// never copied from one to another as a growing slice's would be (a
// national document has 60,000): an entity's first record opens a new
// chunk when the last has little room left, so that the entity's records
// all fit in one, as Positions expects (a chunk grows for an entity that
// has more, the only copy).
func (d *decoder) addRecord(r posRecord) {
	const chunk, room = 4096, 256
	if r.sub == subNone && cap(d.recs)-len(d.recs) < room {
		if len(d.recs) > 0 {
			d.recChunks = append(d.recChunks, d.recs)
		}
		d.recs = make([]posRecord, 0, chunk)
	}
	d.recs = append(d.recs, r)
}

// positions returns the records read as Positions of n, the network
// built from them, given the rank in ID order of each entity. It only
// indexes them: [Positions.Of] ranks an entity's few records when asked,
// so that decoding pays nothing per record for pointers seldom asked.
func (d *decoder) positions(rank *listRanks) *Positions {
	p := &Positions{chunks: append(d.recChunks, d.recs)}
	d.recs, d.recChunks = nil, nil
	for l := range rank {
		n := len(rank[l])
		order := make([]int32, n)
		for doc, r := range rank[l] {
			order[r] = int32(doc)
		}
		p.order[l] = order
		p.spans[l] = make([]recSpan, n)
	}
	// An entity's records open with its own and end where the next
	// entity's begin, or with their chunk.
	for c, recs := range p.chunks {
		p.n += len(recs)
		var cur *recSpan
		for x := range recs {
			if r := &recs[x]; r.sub == subNone {
				if cur != nil {
					cur.end = int32(x)
				}
				cur = &p.spans[r.list][r.i]
				*cur = recSpan{chunk: int32(c), start: int32(x)}
			}
		}
		if cur != nil {
			cur.end = int32(len(recs))
		}
	}
	for l := range p.spans {
		for e := range p.spans[l] {
			p.spans[l][e].index(p.chunks[p.spans[l][e].chunk])
		}
	}
	return p
}

// index finds the parts of an entity's records in recs, its chunk, and
// puts each part in the order the Network stores it: a label's events by
// date, in document order within a day (labelling.NewLabel); the
// activity by year. Both usually come so already. A record keeps its
// document's indexes, which Of reports.
func (sp *recSpan) index(recs []posRecord) {
	byDate := func(a, b posRecord) int { return a.date.Compare(b.date) }
	byYear := func(a, b posRecord) int { return cmp.Compare(a.year, b.year) }
	for x := sp.start + 1; x < sp.end; {
		y := x + 1
		for y < sp.end && recs[y].sub == recs[x].sub {
			y++
		}
		switch recs[x].sub {
		case subLabels:
			sp.labels, sp.labelsEnd = x, y
			// Each label's events follow it.
			for e := x; e < y; {
				f := e + 1
				for f < y && recs[f].k >= 0 {
					f++
				}
				if evs := recs[e+1 : f]; !slices.IsSortedFunc(evs, byDate) {
					slices.SortStableFunc(evs, byDate)
				}
				e = f
			}
		case subActivity:
			sp.activity, sp.activityEnd = x, y
			if act := recs[x:y]; !slices.IsSortedFunc(act, byYear) {
				slices.SortStableFunc(act, byYear)
			}
		}
		x = y
	}
}
