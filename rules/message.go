package rules

import (
	"fmt"
	"strconv"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// subjectKind is the kind of entity a built-in rule's findings are about;
// a rec's subj is a position among the entities of that kind, in ID order
// (region codes and interregion slugs in their own order).
type subjectKind uint8

const (
	subjCentre subjectKind = iota + 1
	subjTeam
	subjConvention
	subjPlatform
	subjRegion
	subjInterregion
)

var subjectKindNames = [...]string{
	subjCentre: SubjectCentre, subjTeam: SubjectTeam, subjConvention: SubjectConvention,
	subjPlatform: SubjectPlatform, subjRegion: SubjectRegion, subjInterregion: SubjectInterregion,
}

// msgCtx is what message functions read.
type msgCtx struct {
	ctx *Context
	ix  *index
}

// subject returns the ID of the subject at position p of kind k.
func (m *msgCtx) subject(k subjectKind, p int32) string {
	ix := m.ix
	switch k {
	case subjCentre:
		return string(ix.ids[p])
	case subjTeam:
		return string(ix.teamIDs()[p])
	case subjConvention:
		ix.conventions(ix.net)
		return string(ix.convIDs[p])
	case subjPlatform:
		return string(ix.platformIDs()[p])
	case subjRegion:
		return string(regionOrder()[p].Code)
	case subjInterregion:
		return interregionOrder()[p].String()
	}
	return ""
}

// list returns r's list of positions.
func (m *msgCtx) list(r *rec) []int32 {
	return m.ix.lists[r.list : r.list+min(r.listN, maxListed)]
}

// appendCentres appends the IDs of r's list of centres, bounded: "a, b,
// c" or "a, b, c, d, e and 3 more".
func (m *msgCtx) appendCentres(b []byte, r *rec) []byte {
	for i, p := range m.list(r) {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, m.ix.ids[p]...)
	}
	return appendMore(b, int(r.listN))
}

// appendMore appends " and N more" when n things were counted and more
// than maxListed of them were listed.
func appendMore(b []byte, n int) []byte {
	if n > maxListed {
		b = append(b, " and "...)
		b = strconv.AppendInt(b, int64(n-maxListed), 10)
		b = append(b, " more"...)
	}
	return b
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendDate appends d as YYYY-MM-DD ("(no date)" for the zero Date).
func appendDate(b []byte, d labelling.Date) []byte {
	if d.IsZero() {
		return append(b, "(no date)"...)
	}
	b, _ = d.AppendText(b)
	return b
}

// appendWindow appends the window [start, end) as labelling.Window
// prints it: "[start, end)", or "[)" when empty.
func appendWindow(b []byte, start, end labelling.Date) []byte {
	if !start.Before(end) {
		return append(b, "[)"...)
	}
	b = append(b, '[')
	b = appendDate(b, start)
	b = append(b, ", "...)
	b = appendDate(b, end)
	return append(b, ')')
}

// appendPlural appends "1 one" or "n many".
func appendPlural(b []byte, n int, one, many string) []byte {
	b = appendInt(b, n)
	b = append(b, ' ')
	if n == 1 {
		return append(b, one...)
	}
	return append(b, many...)
}

// plural returns "1 one" or "n many".
func plural(n int, one, many string) string { return string(appendPlural(nil, n, one, many)) }

// groupNames holds "group 12 (sensory)" for every group.
var groupNames = func() (out [groupSlots]string) {
	for g := range out {
		out[g] = fmt.Sprintf("group %d (%v)", g, typology.Group(g))
	}
	return out
}()

// groupName names a group in messages: "group 12 (sensory)".
func groupName(g typology.Group) string {
	if int(g) < len(groupNames) {
		return groupNames[g]
	}
	return fmt.Sprintf("group %d (%v)", int(g), g)
}

// describeSpan appends how a centre was labelled over span s: by one
// label (single), or by several without a break.
func describeSpan(b []byte, s labelling.Window, single bool) []byte {
	if single {
		b = append(b, "label in force from "...)
	} else {
		b = append(b, "labelled without a break from "...)
	}
	b = appendDate(b, s.Start())
	b = append(b, " until "...)
	return appendDate(b, s.End())
}
