package rules

import (
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

// addEvidence stores refs (all of them counted, at most maxListed kept) as
// r's evidence. Refs are given in document order.
func (ix *index) addEvidence(r *rec, refs ...evRef) {
	r.evLo = int32(len(ix.evs))
	r.evN = int32(len(refs))
	ix.evs = append(ix.evs, refs[:min(len(refs), maxListed)]...)
	r.evHi = int32(len(ix.evs))
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
