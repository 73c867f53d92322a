package network

import (
	"errors"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"

	"github.com/rarenet/rarenet/network/internal/jsonscan"
)

// A document held in memory has its list of centres, nine tenths of a
// national document, decoded by two goroutines: the decoder from the
// list's start, and a helper from a centre about halfway, guessed from the
// bytes alone, on to the end of the document. The guess is checked, not
// trusted: the helper's work is kept only when the decoder, reading on,
// finds a centre of the list opening exactly where the helper started, so
// that both read the same bytes in the same state of the grammar; and only
// when the helper found no problem at all. Otherwise it is dropped and the
// decoder reads on as if there had been no helper. The helper's reading of
// the members after the list (conventions, sectors and platforms) is kept
// likewise, when it found no problem there and none of them is one the
// decoder saw before the list; otherwise the decoder reads them itself.
// So the Network, the errors and the positions are those of a decoding by
// one goroutine, only sooner.

// minSplitBytes is the least length of the rest of a document for a split
// to be worth a goroutine: a few hundred centres.
const minSplitBytes = 256 << 10

// errCancelled stops a helper whose work will not be used.
var errCancelled = errors.New("network: split cancelled")

// A split is a helper's decoding of the centres from offset at to the end
// of the list, and then of the document's members after it (the
// conventions, sectors and platforms, as Encode writes them).
type split struct {
	at     int64
	h      *decoder
	ok     bool  // the helper read to the end of the list with no problem
	end    int64 // then, the offset after the list's ']'
	cancel atomic.Bool
	done   chan struct{}

	// The members after the list: rest is set when the helper read them
	// with no problem, to the end of the document's '}' (docEnd), seeing
	// those of seen. Otherwise, what it read of them is undone (records,
	// rarenet/1.1 fields, centres): the decoder reads them itself.
	rest   bool
	seen   fieldSet
	docEnd int64
	undo   struct { // the helper's records, fields and centres at the list's end
		recs             []posRecord
		chunks, fields11 int
		centres          int
	}
}

// undoRest undoes what the helper read after the list of centres.
func (sp *split) undoRest() {
	h, u := sp.h, &sp.undo
	h.recs, h.recChunks, h.fields11, h.b.centres = u.recs, h.recChunks[:u.chunks], h.fields11[:u.fields11], h.b.centres[:u.centres]
	sp.rest = false
}

// centresSplit decodes the elements of the list of centres, whose '['
// was consumed, with a helper when the document is large enough. It
// returns true when the helper's work is taken with the members after the
// list, to the document's '}', seen added to seen.
func (d *decoder) centresSplit(seen *fieldSet) bool {
	var sp *split
	from := d.sc.Offset()
	at := -1
	switch {
	case d.splitAt != nil: // a test's choice
		at = d.splitAt(d.doc, int(from))
	case runtime.GOMAXPROCS(0) > 1 && len(d.doc)-int(from) >= minSplitBytes:
		at = guessSplit(d.doc, int(from))
	}
	if at > int(from) && at < len(d.doc) {
		sp = d.startSplit(int64(at))
		defer sp.wait() // even when decoding stops early
	}
	for i := 0; d.sc.Elem(i == 0); i++ {
		if sp != nil && d.sc.Peek() != 0 && d.sc.Offset() >= sp.at {
			if d.sc.Offset() == sp.at && d.join(sp, i, seen) {
				// The helper read the rest of the list, its ']' too, and
				// perhaps the rest of the document.
				return sp.rest
			}
			sp.cancel.Store(true)
			sp = nil
		}
		d.centre(i)
		d.begin("", 0)
	}
	if sp != nil {
		sp.cancel.Store(true) // the list ended before the helper's start
	}
	return false
}

// startSplit starts a helper decoding centres from offset at.
func (d *decoder) startSplit(at int64) *split {
	sp := &split{at: at, done: make(chan struct{})}
	// d.doc stops at the limit on the document: the helper reads no
	// further (past it, the decoder refuses the document itself).
	lim := jsonscan.Limits{Value: d.limits.Value}
	sp.h = &decoder{sc: jsonscan.NewBytes(d.doc[at:], lim), limits: lim, record: d.record, slow: d.slow, cancel: &sp.cancel}
	// The helper faults as its caller would: a document mapped from a
	// file that shrinks while it is read (the caller recovering) makes
	// the helper's work dropped, not the program end.
	fault := debug.SetPanicOnFault(false)
	debug.SetPanicOnFault(fault)
	go func() {
		debug.SetPanicOnFault(fault)
		defer close(sp.done)
		// A panic here would end the program, out of the caller's reach:
		// the work is dropped instead, and the decoder, reading on, meets
		// the same bytes in its own goroutine.
		defer func() {
			if recover() != nil {
				sp.ok = false
			}
		}()
		h := sp.h
		fatal := h.run(func() {
			for i := 0; h.sc.Elem(i == 0); i++ {
				if sp.cancel.Load() {
					panic(stop{errCancelled})
				}
				h.centre(i)
				h.begin("", 0)
				if len(h.errs) > 0 {
					return // its problems would be the decoder's: it will find them
				}
			}
		})
		sp.ok = fatal == nil && len(h.errs) == 0 && h.more == 0
		if !sp.ok {
			return
		}
		sp.end = at + h.sc.Offset()
		// The members after the list, read to the document's '}', or
		// undone.
		sp.undo.recs, sp.undo.chunks, sp.undo.fields11, sp.undo.centres = h.recs, len(h.recChunks), len(h.fields11), len(h.b.centres)
		fatal = h.run(func() { h.members(false, &sp.seen) })
		if sp.rest = fatal == nil && len(h.errs) == 0 && h.more == 0; sp.rest {
			sp.docEnd = at + h.sc.Offset()
			return
		}
		sp.undoRest()
	}()
	return sp
}

// wait waits for the helper to end (cancelling it first when it is not
// needed), so that no goroutine outlives Decode.
func (sp *split) wait() {
	sp.cancel.Store(true)
	<-sp.done
}

// join takes the helper's centres as elements i on of the list, when the
// helper read them with no problem, and moves the scanner past the list;
// and the members after it, when the helper read them too, none of them
// one of those seen already, moving the scanner past the document's '}'.
// The decoder is at the '{' where the helper started.
func (d *decoder) join(sp *split, i int, seen *fieldSet) bool {
	<-sp.done
	if !sp.ok {
		return false
	}
	h := sp.h
	if sp.rest && *seen&sp.seen != 0 {
		// A member seen twice: the decoder reads on after the list, and
		// reports it.
		sp.undoRest()
	}
	d.b.centres = append(d.b.centres, h.b.centres...)
	if sp.rest {
		*seen |= sp.seen
		if h.format != "" {
			d.format = h.format
		}
		b := &d.b
		b.establishments = append(b.establishments, h.b.establishments...)
		b.teams = append(b.teams, h.b.teams...)
		b.conventions = append(b.conventions, h.b.conventions...)
		b.filieres = append(b.filieres, h.b.filieres...)
		b.platforms = append(b.platforms, h.b.platforms...)
	}
	// The helper counted lines and columns from its start.
	line, col, _ := d.sc.Position()
	if len(d.recs) > 0 {
		d.recChunks = append(d.recChunks, d.recs)
		d.recs = nil
	}
	for _, recs := range append(h.recChunks, h.recs) {
		for x := range recs {
			r := &recs[x]
			if r.list == listCentres {
				r.i += int32(i)
			}
			if r.line == 1 {
				r.col += int32(col) - 1
			}
			r.line += int32(line) - 1
		}
		if len(recs) > 0 {
			d.recChunks = append(d.recChunks, recs)
		}
	}
	for _, p := range h.fields11 {
		if p.key.list == "centres" {
			p.key.index += i
			p.err.Path = p.key.list + "[" + strconv.Itoa(p.key.index) + "]"
		}
		d.fields11 = append(d.fields11, p)
	}
	if sp.rest {
		d.joinedAll = true
		d.sc.Consume(int(sp.docEnd - sp.at))
	} else {
		d.sc.Consume(int(sp.end - sp.at))
	}
	d.joined = true
	return true
}

// guessSplit returns the offset of the first '{' halfway or more between
// from and the end of doc that opens an object whose first key is "id",
// after a '}' and a ',' (white space between them): the start of a centre
// after another, in a list of centres as [Encode] writes it.
func guessSplit(doc []byte, from int) int {
	for i := from + (len(doc)-from)/2; i < len(doc); i++ {
		if doc[i] != '{' {
			continue
		}
		j := back(doc, i)
		if j < 0 || doc[j] != ',' {
			continue
		}
		if j = back(doc, j); j < 0 || doc[j] != '}' {
			continue
		}
		if k := jsonscan.Match(doc, i+1, '"'); k >= 0 && len(doc)-k >= 3 && string(doc[k:k+3]) == `id"` {
			return i
		}
	}
	return -1
}

// back returns the index of the last byte before doc[i] that is not JSON
// white space, or -1.
func back(doc []byte, i int) int {
	for i--; i >= 0; i-- {
		switch doc[i] {
		case ' ', '\n', '\t', '\r':
		default:
			return i
		}
	}
	return -1
}
