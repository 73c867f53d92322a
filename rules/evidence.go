package rules

import (
	"cmp"
	"slices"
	"strconv"
)

// The kinds of record evidence points at (Evidence.Kind).
const (
	EvidenceEstablishment = "establishment"
	EvidenceTeam          = "team"
	EvidenceCentre        = "centre"
	EvidenceLabel         = "label"
	EvidenceEvent         = "event"
	EvidenceActivity      = "activity"
	EvidenceConvention    = "convention"
	EvidenceSector        = "sector"
	EvidencePlatform      = "platform"
)

// Evidence is one record that caused a finding: a label, an event, an
// activity year, a convention... (FORMAT.md, "Evidence").
//
// Pointer is the record's RFC 6901 JSON Pointer in the network's
// rarenet/1 document as [network.Encode] writes it (centres in ID order,
// a centre's labels, events and activity years in their stored order),
// for example "/centres/12/labels/1". Line and Column, 1-based, are the
// position of the record's opening brace in the document the network was
// read from; [Check] leaves them zero (it sees the network, not the
// document): a program that read a file fills them in (examples/audit
// does).
type Evidence struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"` // the record's ID, or that of the entity holding it (a label's centre)
	Pointer string `json:"pointer"`
	Line    int    `json:"line,omitzero"`
	Column  int    `json:"column,omitzero"`
}

// evKind is the kind of an evRef.
type evKind uint8

const (
	evCentre evKind = iota + 1
	evLabel
	evEvent
	evActivity
	evConvention
	evSector
	evPlatform
	evTeam
)

// An evRef is a piece of evidence as the engine keeps it: a centre
// position (or the position of a convention, sector, platform or team in
// ID order) and, for a label, event or activity year, its index in the
// centre's labels or activity, and an event's index in its label.
type evRef struct {
	kind evKind
	a    int32
	b, c int32
}

// addEvidence stores refs (all of them counted, the first maxListed in
// document order kept) as r's evidence. It puts refs in document order
// itself, so that no rule has to (FORMAT.md: evidence in document order).
func (ix *index) addEvidence(r *rec, refs ...evRef) {
	// Most rules give them in order already: checking costs less than
	// sorting.
	if len(refs) > 1 && !slices.IsSortedFunc(refs, evRef.compare) {
		slices.SortFunc(refs, evRef.compare)
	}
	r.evLo = int32(len(ix.evs))
	r.evN = int32(len(refs))
	ix.evs = append(ix.evs, refs[:min(len(refs), maxListed)]...)
	r.evHi = int32(len(ix.evs))
}

// listRank is the rank of each kind's list in a rarenet/1 document, as
// Encode writes it: establishments, teams, centres, conventions, sectors,
// platforms. A centre's label, event and activity year are in the
// centres' list.
var listRank = [...]uint8{evCentre: 2, evLabel: 2, evEvent: 2, evActivity: 2, evConvention: 3, evSector: 4, evPlatform: 5, evTeam: 1}

// compare orders two refs as their records stand in the document: by
// list, by position in it, then inside a centre the centre itself, its
// labels (each before its events) and its activity years, in the order
// Encode writes a centre's fields.
func (e evRef) compare(f evRef) int {
	if c := cmp.Compare(listRank[e.kind], listRank[f.kind]); c != 0 {
		return c
	}
	if c := cmp.Compare(e.a, f.a); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(e.inCentre(), f.inCentre()), cmp.Compare(e.b, f.b), cmp.Compare(e.eventRank(), f.eventRank()), cmp.Compare(e.c, f.c))
}

// inCentre ranks the records of one centre: the centre, its labels with
// their events, its activity.
func (e evRef) inCentre() int {
	switch e.kind {
	case evLabel, evEvent:
		return 1
	case evActivity:
		return 2
	}
	return 0
}

// eventRank puts a label before its events.
func (e evRef) eventRank() int {
	if e.kind == evEvent {
		return 1
	}
	return 0
}

// evidence appends e's pointer to b and returns e as Evidence, its
// Pointer left for the caller to slice out of b.
func (m *msgCtx) evidence(b []byte, e evRef) ([]byte, Evidence) {
	ix := m.ix
	var ev Evidence
	switch e.kind {
	case evCentre, evLabel, evEvent, evActivity:
		ev.ID = string(ix.ids[e.a])
		b = append(b, "/centres/"...)
		b = strconv.AppendInt(b, int64(e.a), 10)
		switch e.kind {
		case evCentre:
			ev.Kind = EvidenceCentre
		case evLabel, evEvent:
			ev.Kind = EvidenceLabel
			b = append(b, "/labels/"...)
			b = strconv.AppendInt(b, int64(e.b), 10)
			if e.kind == evEvent {
				ev.Kind = EvidenceEvent
				b = append(b, "/events/"...)
				b = strconv.AppendInt(b, int64(e.c), 10)
			}
		case evActivity:
			ev.Kind = EvidenceActivity
			b = append(b, "/activity/"...)
			b = strconv.AppendInt(b, int64(e.b), 10)
		}
	case evConvention:
		ev.Kind = EvidenceConvention
		ix.conventions(ix.net)
		ev.ID = string(ix.convIDs[e.a])
		b = append(b, "/conventions/"...)
		b = strconv.AppendInt(b, int64(e.a), 10)
	case evSector:
		ev.Kind = EvidenceSector
		ev.ID = string(ix.filiereIDs()[e.a])
		b = append(b, "/filieres/"...)
		b = strconv.AppendInt(b, int64(e.a), 10)
	case evPlatform:
		ev.Kind = EvidencePlatform
		ev.ID = string(ix.platformIDs()[e.a])
		b = append(b, "/platforms/"...)
		b = strconv.AppendInt(b, int64(e.a), 10)
	case evTeam:
		ev.Kind = EvidenceTeam
		ev.ID = string(ix.teamIDs()[e.a])
		b = append(b, "/teams/"...)
		b = strconv.AppendInt(b, int64(e.a), 10)
	}
	return b, ev
}
