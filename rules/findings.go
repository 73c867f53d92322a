package rules

import (
	"iter"
	"slices"
	"strings"
	"unsafe"

	"github.com/rarenet/rarenet/network"
)

// This file holds a report's findings as the engine leaves them: compact
// records (rec) of the built-in rules, with positions instead of IDs and
// the arguments of their messages instead of text, and Finding values
// only for what exists as values already (user rules' findings, the
// network's cached findings, reports made with NewReport). A Finding with
// its message and evidence is built when a reader asks for it, so that an
// audit costs what its records cost, and a reader pays for the findings
// it reads.

// findingSet is the findings of a report, in report order, as segments.
// It is never written once built: Reports share it, and reads build new
// values.
type findingSet struct {
	segs []segment
	n    int // the number of findings
	// pos, when set, gives evidence records their line and column (see
	// Report.Locate).
	pos *network.Positions
}

// A segment is a run of findings of a report: either the compact records
// of one built-in rule (rule, recs, src) or findings already built
// (built), which are never written and copied on every read.
type segment struct {
	at    int // the report index of the segment's first finding
	rule  *Rule
	recs  []rec
	src   *msgCtx
	built []Finding
}

func (s *segment) len() int { return len(s.recs) + len(s.built) }

// ruleAt returns the rule ID of the segment's finding i.
func (s *segment) ruleAt(i int) string {
	if s.rule != nil {
		return s.rule.id
	}
	return s.built[i].Rule
}

// newBuiltSet returns the set of the findings fs, already in report order.
func newBuiltSet(fs []Finding) *findingSet {
	if len(fs) == 0 {
		return nil
	}
	return &findingSet{segs: []segment{{built: fs}}, n: len(fs)}
}

// add appends a segment, unless it is empty.
func (s *findingSet) add(seg segment) {
	if seg.len() == 0 {
		return
	}
	seg.at = s.n
	s.segs = append(s.segs, seg)
	s.n += seg.len()
}

// seg returns the index of the segment holding finding i.
func (s *findingSet) seg(i int) int {
	k, found := slices.BinarySearchFunc(s.segs, i, func(g segment, i int) int { return g.at - i })
	if !found {
		k--
	}
	return k
}

// len returns the number of findings of s (nil: none).
func (s *findingSet) len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// build returns new Finding values for the findings lo to hi of s: their
// messages and evidence pointers written into a few large buffers
// (textBuf) turned into strings, their evidence in one array of which
// each Finding has its own part.
func (s *findingSet) build(lo, hi int) []Finding { return s.buildInto(lo, hi, &buildBuf{}) }

// A buildBuf is what building findings writes into: text, whose room
// left over from an earlier build is used first, and, when reuse is set,
// the findings and evidence arrays of the last build, overwritten: the
// findings a build returns are then valid only until the next, which
// only the package's own writers can promise.
type buildBuf struct {
	tb    textBuf
	reuse bool
	out   []Finding
	evs   []Evidence
}

// buildInto is build writing into bb.
func (s *findingSet) buildInto(lo, hi int, bb *buildBuf) []Finding {
	tb := &bb.tb
	var out []Finding
	if bb.reuse && cap(bb.out) >= hi-lo {
		out = bb.out[:0]
	} else {
		out = make([]Finding, 0, hi-lo)
	}
	if lo >= hi {
		return out
	}
	first := s.seg(lo)
	// Count the evidence, so that one array holds it all, and estimate
	// the text: messages run from about 80 to 300 bytes, pointers about 20.
	nev, text := 0, 0
	for k := first; k < len(s.segs) && s.segs[k].at < hi; k++ {
		g := &s.segs[k]
		a, b := max(lo-g.at, 0), min(hi-g.at, g.len())
		for i := a; i < b; i++ {
			if g.rule != nil {
				r := &g.recs[i]
				nev += int(r.evHi - r.evLo)
				text += 256 + 24*int(r.evHi-r.evLo)
			} else {
				nev += len(g.built[i].Evidence)
			}
		}
	}
	var evs []Evidence // never grows: Findings slice it as it fills
	if bb.reuse && cap(bb.evs) >= nev {
		evs = bb.evs[:0]
	} else {
		evs = make([]Evidence, 0, nev)
	}
	tb.want = text
	if bb.reuse {
		// The text of the last build is no one's any more.
		tb.b = tb.b[:0]
	}
	for k := first; k < len(s.segs) && s.segs[k].at < hi; k++ {
		g := &s.segs[k]
		a, b := max(lo-g.at, 0), min(hi-g.at, g.len())
		if g.rule == nil {
			for _, f := range g.built[a:b] {
				if len(f.Evidence) > 0 {
					e := len(evs)
					evs = append(evs, f.Evidence...)
					f.Evidence = evs[e:len(evs):len(evs)]
				}
				out = append(out, f)
			}
			continue
		}
		r, m := g.rule, g.src
		kind := subjectKindNames[r.subject]
		for i := a; i < b; i++ {
			x := &g.recs[i] // shared by reports: read only
			tb.reserve(out)
			mlo := int32(len(tb.b))
			tb.b = r.message(tb.b, m, x)
			tb.pend = append(tb.pend, pending{int32(len(out)), mlo, int32(len(tb.b))})
			e := len(evs)
			for _, ref := range m.ix.evs[x.evLo:x.evHi] {
				plo := int32(len(tb.b))
				var ev Evidence
				tb.b, ev = m.evidence(tb.b, ref)
				tb.ptrs = append(tb.ptrs, span{plo, int32(len(tb.b))})
				evs = append(evs, ev)
			}
			out = append(out, Finding{
				Rule: r.id, Severity: r.sev, Subject: m.subject(r.subject, x.subj), SubjectKind: kind,
				Year: int(x.year), Group: x.group, Date: x.date, Source: r.source,
				Evidence: evs[e:len(evs):len(evs)], EvidenceMore: int(x.evN - (x.evHi - x.evLo)),
			})
		}
	}
	tb.flush(out)
	if s.pos != nil {
		for i := range out {
			s.locate(out[i].Evidence)
		}
	}
	if bb.reuse {
		bb.out, bb.evs = out, evs
	}
	return out
}

// locate sets the line and column of the evidence records ev, when s has
// positions that know them.
func (s *findingSet) locate(ev []Evidence) {
	if s.pos == nil {
		return
	}
	for j := range ev {
		if p, ok := s.pos.Of(ev[j].Pointer); ok {
			ev[j].Pointer, ev[j].Line, ev[j].Column = p.Pointer, p.Line, p.Column
		}
	}
}

// batch is how many findings an iteration over a report builds at a time:
// enough to share buffers, few enough to stay in cache.
const batch = 256

// all yields the findings of s, built a batch at a time.
func (s *findingSet) all() iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		var bb buildBuf
		for lo := 0; lo < s.len(); lo += batch {
			for _, f := range s.buildInto(lo, min(lo+batch, s.n), &bb) {
				if !yield(f) {
					return
				}
			}
		}
	}
}

// each calls f with the findings of s in order, built a batch at a time
// into buffers that the next batch overwrites: f must keep nothing of the
// finding it is given (its strings and evidence included).
func (s *findingSet) each(f func(*Finding) bool) {
	bb := buildBuf{reuse: true}
	for lo := 0; lo < s.len(); lo += batch {
		fs := s.buildInto(lo, min(lo+batch, s.n), &bb)
		for i := range fs {
			if !f(&fs[i]) {
				return
			}
		}
	}
}

// textBuf holds the text of the findings being built: their messages and
// evidence pointers are appended to b, and become strings sharing b's
// bytes once b is full (flush), so that a report's text takes a few
// allocations, and not much more room than it needs.
type textBuf struct {
	b    []byte
	want int       // the bytes still expected, a generous estimate
	pend []pending // the findings whose text is in b
	ptrs []span    // their evidence pointers, in order
}

// pending is a finding whose text is in a textBuf: out[i].Message is
// b[lo:hi], its evidence's pointers the next spans of ptrs.
type pending struct{ i, lo, hi int32 }

type span struct{ lo, hi int32 }

// textChunk is the size of a textBuf's buffers; textRoom is the room a
// finding is given in one (more makes it grow, wasting the rest).
const (
	textChunk = 64 << 10
	textRoom  = 2 << 10
)

// reserve makes room for one finding's text, flushing b into out's
// findings when it is nearly full.
func (tb *textBuf) reserve(out []Finding) {
	if cap(tb.b)-len(tb.b) >= textRoom {
		return
	}
	tb.flush(out)
	tb.b = nil
	size := min(textChunk, max(tb.want, textRoom))
	tb.want -= size
	tb.b = make([]byte, 0, size)
}

// flush sets the text of the pending findings of out. The bytes of b up
// to its length are theirs from then on, never to be written again: b
// only grows past them, into its room left, or is replaced.
func (tb *textBuf) flush(out []Finding) {
	if len(tb.pend) == 0 {
		return
	}
	all := unsafe.String(unsafe.SliceData(tb.b), len(tb.b)) // b may be empty: an empty message
	ptrs := tb.ptrs
	for _, p := range tb.pend {
		f := &out[p.i]
		f.Message = all[p.lo:p.hi]
		for j := range f.Evidence {
			f.Evidence[j].Pointer = all[ptrs[j].lo:ptrs[j].hi]
		}
		ptrs = ptrs[len(f.Evidence):]
	}
	tb.pend, tb.ptrs = tb.pend[:0], tb.ptrs[:0]
}

// filter returns the set of the findings of s that keep accepts (by rule
// ID and severity), sharing s's records.
func (s *findingSet) filter(keep func(rule string, sev Severity) bool) *findingSet {
	out := &findingSet{pos: s.pos}
	for k := range s.segs {
		g := s.segs[k]
		if g.rule != nil {
			if keep(g.rule.id, g.rule.sev) {
				out.add(g)
			}
			continue
		}
		var fs []Finding
		for _, f := range g.built {
			if keep(f.Rule, f.Severity) {
				fs = append(fs, f)
			}
		}
		out.add(segment{built: fs})
	}
	return out
}

// ruleOrder compares two rules as a report orders their findings:
// severity, then ID.
func ruleOrder(a, b *Rule) int {
	if a.sev != b.sev {
		return int(a.sev) - int(b.sev)
	}
	return strings.Compare(a.id, b.id)
}

// forReport returns what the messages and evidence of the audit's
// records read, for its report to keep: a reduced copy of the index that
// holds nothing the audit's scratch would reuse, and nothing computed on
// demand (a report is read concurrently).
func (c *Context) forReport() *msgCtx {
	ix, n := c.ix, c.net
	st := staticOf.Of(n)
	ids := idListsOf.Of(n)
	return &msgCtx{
		ctx: &Context{net: n, at: c.at, cfg: c.cfg},
		ix: &index{
			atYear: ix.atYear, net: n, ids: ix.ids, info: centreTableOf(n).info,
			lists: ix.lists, evs: ix.evs,
			convs: st.convs, convIDs: st.convIDs, convParties: st.convParties,
			teams: ids.teams, plats: ids.plats, fils: ids.fils,
		},
	}
}

// idLists are a network's team, platform and sector IDs in ID order
// (their positions), computed once per network.
type idLists struct {
	teams []network.TeamID
	plats []network.PlatformID
	fils  []network.FiliereID
}

var idListsOf = network.NewDerived(func(n *network.Network) *idLists {
	l := &idLists{teams: make([]network.TeamID, n.NumTeams()), plats: []network.PlatformID{},
		fils: make([]network.FiliereID, n.NumFilieres())}
	for i := range l.teams {
		l.teams[i] = n.TeamAt(i).ID
	}
	for i := range l.fils {
		l.fils[i] = n.FiliereAt(i).ID()
	}
	for p := range n.Platforms() { // a few dozen
		l.plats = append(l.plats, p.ID)
	}
	return l
})

// checkJSON checks what WriteJSON cannot write (see checkJSONFrom),
// reading no finding built: the records of built-in rules
// hold their rule's severity and a group of the network.
func (s *findingSet) checkJSON() error {
	if s == nil {
		return nil
	}
	for k := range s.segs {
		g := &s.segs[k]
		if g.rule == nil {
			if err := checkJSONFrom(g.built, g.at); err != nil {
				return err
			}
		}
	}
	return nil
}

// A ruleRun is findings of one rule, next to each other in a report.
type ruleRun struct {
	sev  Severity
	rule string
	n    int
}

// runs returns the runs of findings of s, in order, reading no finding
// built.
func (s *findingSet) runs() []ruleRun {
	var rs []ruleRun
	add := func(sev Severity, rule string, n int) {
		if k := len(rs) - 1; k >= 0 && rs[k].sev == sev && rs[k].rule == rule {
			rs[k].n += n
			return
		}
		rs = append(rs, ruleRun{sev, rule, n})
	}
	if s == nil {
		return nil
	}
	for k := range s.segs {
		g := &s.segs[k]
		if g.rule != nil {
			add(g.rule.sev, g.rule.id, len(g.recs))
			continue
		}
		for i := range g.built {
			add(g.built[i].Severity, g.built[i].Rule, 1)
		}
	}
	return rs
}
