package rules

import (
	"slices"
	"sync"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// static is what the built-in rules need of a network that does not
// depend on the audit date nor on the configuration: computed once per
// network (network.Derived) and shared, read-only, by every audit of it.
type static struct {
	convs       []convInfo
	convIDs     []network.ConventionID
	convParties []int32 // the reference parties and signatories of the conventions
	// comps are the competence centres, in position order; the
	// conventions whose competence party is comps[i] are
	// compConvs[compLo[i]:compLo[i+1]], in ID order, each with what
	// competence.unattached reads of it, so that it walks them in order.
	comps, compLo []int32
	compConvs     []compConv
	compSame      []int32 // the same-group reference parties of compConvs, in order
	// runs is what the outlives rules read of each convention, in ID
	// order, and runRefs its reference parties: they stream these, a
	// fraction of the conventions' records, at a million centres.
	runs    []convRun
	runRefs []int32
	// dup and mixed are the teams' clashes (see teamClash).
	dup, mixed []teamClash
	// plats are the platforms in ID order, each with the centres seated
	// in its host establishment.
	plats []platformInfo

	// The findings of the static rules, by thresholds and rule ID, as
	// compact records (see findingSet): never written once stored, and
	// shared by the reports of every audit of the network, which build
	// findings from them when read.
	mu    sync.Mutex
	found map[staticKey]map[string]*segment
}

// staticKey is what the static rules read of a Config.
type staticKey struct {
	minActiveFile, labelTerm int
	deadline                 labelling.Date
}

// maxCachedKeys bounds the thresholds kept per network: a program that
// tries many (a what-if sweep) gets its findings computed, not kept.
const maxCachedKeys = 8

// useCache takes the static rules' findings from the network's cache,
// computing and storing those not there yet, and marks those rules as
// done (c.cached).
func (c *Context) useCache() {
	var want []int
	for i := range c.sel {
		if c.sel[i].static {
			want = append(want, i)
		}
	}
	if len(want) == 0 {
		return
	}
	st := staticOf.Of(c.net)
	key := staticKey{c.cfg.MinActiveFile, c.cfg.LabelTerm, c.cfg.DesignationDeadline}
	st.mu.Lock()
	m := st.found[key]
	if m == nil {
		if len(st.found) >= maxCachedKeys {
			st.mu.Unlock()
			return
		}
		if st.found == nil {
			st.found = map[staticKey]map[string]*segment{}
		}
		m = map[string]*segment{}
		st.found[key] = m
	}
	c.cached = make([]*segment, len(c.sel))
	var missing []Rule
	for _, i := range want {
		if g, ok := m[c.sel[i].id]; ok {
			c.cached[i] = g
		} else {
			missing = append(missing, c.sel[i])
		}
	}
	st.mu.Unlock()
	if len(missing) == 0 {
		return
	}
	// Another audit may compute the same findings at the same time: both
	// store the same.
	set := run(c.net, c.at, c.cfg, missing, false)
	byRule := map[string]*segment{}
	for _, r := range missing {
		byRule[r.id] = &segment{} // no finding
	}
	for _, g := range set.segs {
		byRule[g.ruleAt(0)] = &g
	}
	st.mu.Lock()
	for id, g := range byRule {
		m[id] = g
	}
	st.mu.Unlock()
	for _, i := range want {
		if c.cached[i] == nil {
			c.cached[i] = byRule[c.sel[i].id]
		}
	}
}

var staticOf = network.NewDerived(newStatic)

func newStatic(n *network.Network) *static {
	s := &static{}
	m := n.NumConventions()
	s.convs = make([]convInfo, 0, m)
	s.convIDs = make([]network.ConventionID, 0, m)
	s.convParties = make([]int32, 0, 3*m)
	for i := range m {
		c := n.ConventionAt(i)
		ci := convInfo{comp: int32(c.Competence()), signed: c.Signed(), start: c.Start(), end: c.End()}
		ci.refLo = int32(len(s.convParties))
		for k := range c.NumReference() {
			s.convParties = append(s.convParties, int32(c.Reference(k)))
		}
		ci.refHi = int32(len(s.convParties))
		ci.sigLo = ci.refHi
		for k := range c.NumSignatories() {
			s.convParties = append(s.convParties, int32(c.Signatory(k)))
		}
		ci.sigHi = int32(len(s.convParties))
		ci.sameLo = ci.sigHi
		if ci.comp >= 0 {
			g := n.CentreAt(int(ci.comp)).Group()
			ci.group = g
			for k := ci.refLo; k < ci.refHi; k++ {
				if r := s.convParties[k]; n.CentreAt(int(r)).Group() == g {
					s.convParties = append(s.convParties, r)
				}
			}
		}
		ci.sameHi = int32(len(s.convParties))
		s.convs = append(s.convs, ci)
		s.convIDs = append(s.convIDs, c.ID())
	}
	s.runs = make([]convRun, len(s.convs))
	for i := range s.convs {
		ci := &s.convs[i]
		lo := int32(len(s.runRefs))
		s.runRefs = append(s.runRefs, s.convParties[ci.refLo:ci.refHi]...)
		s.runs[i] = convRun{comp: ci.comp, refLo: lo, refHi: int32(len(s.runRefs)), end: ci.end, group: ci.group}
	}
	s.byCompetence(n)
	s.dup, s.mixed = teamClashes(n)
	s.plats = platforms(n)
	return s
}

// convRun is a convention as the outlives rules read it: its competence
// party (-1 when unresolved) and that party's group, its reference parties
// (runRefs[refLo:refHi]) and its end (zero: none).
type convRun struct {
	comp, refLo, refHi int32
	end                labelling.Date
	group              typology.Group
}

// byCompetence lists the competence centres and each one's conventions.
func (s *static) byCompetence(n *network.Network) {
	first := make([]int32, n.NumCentres()) // 1 + the index in comps
	for p := range n.NumCentres() {
		if n.CentreAt(p).Tier() == typology.Competence {
			s.comps = append(s.comps, int32(p))
			first[p] = int32(len(s.comps))
		}
	}
	s.compLo = make([]int32, len(s.comps)+1)
	for i := range s.convs {
		if c := s.convs[i].comp; c >= 0 && first[c] > 0 {
			s.compLo[first[c]]++
		}
	}
	for i := range s.comps {
		s.compLo[i+1] += s.compLo[i]
	}
	s.compConvs = make([]compConv, s.compLo[len(s.comps)])
	next := slices.Clone(s.compLo[:len(s.comps)])
	for i := range s.convs {
		if c := s.convs[i].comp; c >= 0 && first[c] > 0 {
			k := first[c] - 1
			s.compConvs[next[k]] = compConv{conv: int32(i), start: s.convs[i].start, end: s.convs[i].end}
			next[k]++
		}
	}
	for j := range s.compConvs {
		cc := &s.compConvs[j]
		cv := &s.convs[cc.conv]
		cc.sameLo = int32(len(s.compSame))
		s.compSame = append(s.compSame, s.convParties[cv.sameLo:cv.sameHi]...)
		cc.sameHi = int32(len(s.compSame))
	}
}

// compConv is a convention of a competence centre: its index, the days
// it runs from and until (see running), and its reference parties of the
// centre's group, compSame[sameLo:sameHi].
type compConv struct {
	conv           int32
	start, end     labelling.Date
	sameLo, sameHi int32
}

// running reports whether the convention runs on day d: start <= d and,
// when it has an end, d < end.
func (c *compConv) running(d labelling.Date) bool {
	return !d.Before(c.start) && (c.end.IsZero() || d.Before(c.end))
}

type platformInfo struct {
	host     network.EstablishmentID
	overseas bool
	centres  []int32 // positions of the centres whose team belongs to host
}

// platforms returns the platforms in ID order, each with the centres
// seated in its host establishment.
func platforms(n *network.Network) []platformInfo {
	var out []platformInfo
	hosts := map[network.EstablishmentID]int{}
	for p := range n.Platforms() {
		hosts[p.Host] = -1
		out = append(out, platformInfo{host: p.Host, overseas: p.Overseas})
	}
	if len(out) == 0 {
		return out
	}
	for i := range n.NumEstablishments() {
		if id := n.EstablishmentAt(i).ID; hosts[id] == -1 {
			hosts[id] = i
		}
	}
	// The seats of the host establishments only, in one array: a slice
	// per establishment of the network was most of a first audit's
	// allocations.
	ne := n.NumEstablishments()
	hosted := make([]bool, ne)
	for _, e := range hosts {
		if e >= 0 {
			hosted[e] = true
		}
	}
	// seats[seatLo[e]:seatLo[e+1]] are the centres of host e.
	seatLo := make([]int32, ne+1)
	for p := range n.NumCentres() {
		if e := n.CentreAt(p).Establishment(); hosted[e] {
			seatLo[e+1]++
		}
	}
	for e := range ne {
		seatLo[e+1] += seatLo[e]
	}
	seats := make([]int32, seatLo[ne])
	next := slices.Clone(seatLo[:ne])
	for p := range n.NumCentres() {
		if e := n.CentreAt(p).Establishment(); hosted[e] {
			seats[next[e]] = int32(p)
			next[e]++
		}
	}
	for i := range out {
		if e, ok := hosts[out[i].host]; ok && e >= 0 && seatLo[e] < seatLo[e+1] {
			out[i].centres = seats[seatLo[e]:seatLo[e+1]:seatLo[e+1]]
		}
	}
	return out
}

// A teamClash is what a team rule reports about one team: the centres
// of the team that take part in a clash (two centres of the team whose
// coverages overlap and that are both in force on some day, of the same
// tier for team.duplicate-label, of the two tiers for
// team.reference-and-competence), and the clash that starts first.
type teamClash struct {
	team    int32   // the team's position in ID order
	centres []int32 // positions of the centres, in ID order
	first   labelling.Date
	a, b    int32 // the first clash's centres, a before b in ID order
	group   typology.Group
	tier    typology.Tier // of a
}

// teamClashes finds the clashes of every team: same tier (dup) and across
// tiers (mixed). A team's pairs of centres are all compared, but what is
// kept grows with the centres, not with the pairs.
func teamClashes(n *network.Network) (dup, mixed []teamClash) {
	nc := n.NumCentres()
	count := make([]int32, n.NumTeams())
	for p := range nc {
		count[n.CentreAt(p).Team()]++
	}
	// The centres of the teams that hold several, grouped by team.
	type member struct{ team, pos int32 }
	var ms []member
	for p := range nc {
		if t := n.CentreAt(p).Team(); count[t] > 1 {
			ms = append(ms, member{int32(t), int32(p)})
		}
	}
	slices.SortFunc(ms, func(a, b member) int {
		if a.team != b.team {
			return int(a.team - b.team)
		}
		return int(a.pos - b.pos)
	})
	var cs []network.Centre
	var inDup, inMixed []bool
	for lo := 0; lo < len(ms); {
		hi := lo
		for hi < len(ms) && ms[hi].team == ms[lo].team {
			hi++
		}
		team := ms[lo:hi:hi]
		lo = hi
		// The records of the teams before are reused: most centres of a
		// network are in no team of several, and copying the others into
		// fresh values was most of this function's cost.
		if k := len(team) - cap(cs); k > 0 {
			cs = append(cs[:cap(cs)], make([]network.Centre, k)...)
		}
		cs = cs[:len(team)]
		for i, m := range team {
			n.CentreAt(int(m.pos)).CopyTo(&cs[i])
		}
		inDup = append(inDup[:0], make([]bool, len(cs))...)
		inMixed = append(inMixed[:0], make([]bool, len(cs))...)
		d := teamClash{team: team[0].team}
		x := teamClash{team: team[0].team}
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := &cs[i], &cs[j]
				if !coverageOverlaps(a, b) {
					continue
				}
				first, ok := labelsMeet(a.Labels, b.Labels)
				if !ok {
					continue
				}
				c, in := &d, inDup
				if a.Tier != b.Tier {
					c, in = &x, inMixed
				}
				in[i], in[j] = true, true
				if c.centres == nil || first.Before(c.first) {
					c.centres = []int32{}
					c.first, c.a, c.b, c.group, c.tier = first, team[i].pos, team[j].pos, a.Group, a.Tier
				}
			}
		}
		for _, z := range []struct {
			c   *teamClash
			in  []bool
			out *[]teamClash
		}{{&d, inDup, &dup}, {&x, inMixed, &mixed}} {
			if z.c.centres == nil {
				continue
			}
			for i, ok := range z.in {
				if ok {
					z.c.centres = append(z.c.centres, team[i].pos)
				}
			}
			*z.out = append(*z.out, *z.c)
		}
	}
	return dup, mixed
}
