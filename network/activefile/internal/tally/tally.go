// Package tally holds the engine of package activefile: per centre, an
// open-addressing table of (patient key, years seen) pairs and the
// consultations per year; and the staging that sorts batches of keys by
// centre before counting them, so that each centre's table is worked on
// while it is in cache.
//
// Package activefile documents the memory and speed this gives; this
// package is its mechanism. Nothing here checks its input: keys come
// checked by activefile.
package tally

import (
	"maps"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/rarenet/rarenet/network"
)

// A Key is one contact: a patient's key (not 0), the index of a centre
// of the Set, and a year.
//
// Package activefile hands its own []Key to the Set in place: the two
// types must keep the same layout.
type Key struct {
	Patient uint64
	Centre  uint32
	Year    int32
}

// A Set holds the tables of centres numbered from 0. The zero Set holds
// no centre. A Set is not safe for concurrent use, but AddKeysParallel
// and MergeParallel use several goroutines.
type Set struct {
	centres []acc
}

// Len returns the number of centres.
func (s *Set) Len() int { return len(s.centres) }

// Grow adds a centre that holds nothing yet; its index is the former Len.
func (s *Set) Grow() { s.centres = append(s.centres, acc{base: noBase}) }

// Add counts one contact of patient p at centre i in year y.
func (s *Set) Add(i int, p uint64, y int32) { s.centres[i].add(p, y) }

// Activity returns centre i's activity by year, increasing.
func (s *Set) Activity(i int) []network.Activity { return s.centres[i].activity() }

// Merge adds the contacts of centre j of o to centre i of s.
func (s *Set) Merge(i int, o *Set, j int) { s.centres[i].merge(&o.centres[j]) }

// Copy adds to an empty s (of o.Len() centres) every contact of o.
func (s *Set) Copy(o *Set) {
	s.centres = make([]acc, len(o.centres))
	for i := range o.centres {
		s.centres[i].copyFrom(&o.centres[i])
	}
}

// MergeParallel merges, for each j, centre j of o into centre to[j] of s,
// the centres shared out among workers goroutines.
func (s *Set) MergeParallel(o *Set, to []int, workers int) {
	var wg sync.WaitGroup
	for w := range max(workers, 1) {
		wg.Go(func() {
			for j, i := range to {
				if i%max(workers, 1) == w {
					s.centres[i].merge(&o.centres[j])
				}
			}
		})
	}
	wg.Wait()
}

// AddKeysParallel adds keys on workers goroutines, a segment at a time in
// two phases: each worker sorts its share of the segment by centre into
// its own stage; then each worker counts, from every stage, the runs of
// its own centres (w modulo workers), so that no two workers touch the
// same table. Segments too small to be worth it go to AddKeys.
func (s *Set) AddKeysParallel(ks []Key, workers int) {
	stages := make([]Stage, workers)
	var wg sync.WaitGroup
	for len(ks) > 0 {
		size := min(stageMax, max(s.tableSlots()/workers, stageMin))
		seg := ks[:min(len(ks), size*workers)]
		ks = ks[len(seg):]
		if len(seg) < stageMin*workers {
			s.AddKeys(seg, &stages[0])
			continue
		}
		share := (len(seg) + workers - 1) / workers
		for w := range workers {
			part := seg[min(w*share, len(seg)):min((w+1)*share, len(seg))]
			wg.Go(func() {
				stages[w].grow(len(part), len(s.centres))
				stages[w].sort(part)
			})
		}
		wg.Wait()
		for w := range workers {
			wg.Go(func() {
				var sink uint64
				for i := w; i < len(s.centres); i += workers {
					for v := range stages {
						if pats, years := stages[v].run(i); len(pats) > 0 {
							sink ^= s.centres[i].addRun(pats, years)
						}
					}
				}
				s.sink(sink)
			})
		}
		wg.Wait()
	}
}

// AddKeys adds keys.
//
// While the tables are small enough to stay in the caches it adds the keys
// in their order (AddDirect). Beyond, a key in random order costs a cache
// and TLB miss, so it counting-sorts each segment of keys by centre into a
// scratch buffer first (addStaged): every centre's run then works on one
// small table, whose lines it reuses.
func (s *Set) AddKeys(ks []Key, st *Stage) {
	for len(ks) > 0 {
		slots := s.tableSlots()
		if len(ks) < stageMin || slots < stageMinSlots {
			seg := ks[:min(len(ks), stageMin)]
			ks = ks[len(seg):]
			s.AddDirect(seg)
			continue
		}
		seg := ks[:min(len(ks), stageMax, slots)]
		ks = ks[len(seg):]
		st.grow(len(seg), len(s.centres))
		s.addStaged(st, seg)
	}
}

// Staging: beyond stageMinSlots table slots (4 MiB), keys are staged in
// segments of as many keys as the tables have slots (12 bytes of scratch
// a key for 16 bytes of table a slot), at most stageMax (48 MiB), in
// batches of at least stageMin keys.
const (
	stageMin      = 1 << 16
	stageMinSlots = 1 << 18
	stageMax      = 1 << 22
)

// tableSlots returns the number of slots of the tables.
func (s *Set) tableSlots() int {
	t := 0
	for i := range s.centres {
		t += len(s.centres[i].slots)
	}
	return t
}

// AddDirect adds the keys in their order. It reads the first slot of a
// group of keys before updating them: independent loads, whose cache
// misses overlap.
func (s *Set) AddDirect(ks []Key) {
	const group = 8
	centres := s.centres
	var sink uint64
	for len(ks) > 0 {
		g := ks[:min(group, len(ks))]
		ks = ks[len(g):]
		for _, k := range g {
			a := &centres[k.Centre]
			if l := len(a.slots); l > 0 {
				sink ^= a.slots[uint64(k.Patient)&uint64(l-1)].key
			}
		}
		for _, k := range g {
			centres[k.Centre].add(uint64(k.Patient), k.Year)
		}
	}
	s.sink(sink)
}

// sink keeps the prefetching loads from being optimised away.
//
//go:noinline
func (s *Set) sink(uint64) {}

// A Stage is the scratch space of staged counting: patients and years
// sorted by centre, and the runs' bounds.
type Stage struct {
	pats  []uint64
	years []int32
	pos   []int32
}

// grow makes room for size keys and the given number of centres.
func (st *Stage) grow(size, centres int) {
	if len(st.pats) < size {
		st.pats = make([]uint64, size)
		st.years = make([]int32, size)
	}
	if len(st.pos) != centres+1 {
		st.pos = make([]int32, centres+1)
	}
}

// addStaged counting-sorts the keys by centre, then adds each centre's
// run.
func (s *Set) addStaged(st *Stage, ks []Key) {
	st.sort(ks)
	var sink uint64
	for i := range len(st.pos) - 1 {
		if pats, years := st.run(i); len(pats) > 0 {
			sink ^= s.centres[i].addRun(pats, years)
		}
	}
	s.sink(sink)
}

// sort counting-sorts the keys by centre. Afterwards pos[i] is the end of
// centre i's run.
func (st *Stage) sort(ks []Key) {
	pos := st.pos
	clear(pos)
	for _, k := range ks {
		pos[k.Centre+1]++
	}
	for i := 1; i < len(pos); i++ {
		pos[i] += pos[i-1]
	}
	pats, years := st.pats, st.years
	for _, k := range ks {
		j := pos[k.Centre]
		pats[j], years[j] = uint64(k.Patient), k.Year
		pos[k.Centre] = j + 1
	}
}

// run returns centre i's run, once sorted.
func (st *Stage) run(i int) ([]uint64, []int32) {
	start := int32(0)
	if i > 0 {
		start = st.pos[i-1]
	}
	end := st.pos[i]
	return st.pats[start:end], st.years[start:end]
}

// addRun adds contacts of this centre. It reads the slot of the key eight
// places ahead to overlap the cache misses.
func (a *acc) addRun(pats []uint64, years []int32) (sink uint64) {
	years = years[:len(pats)]
	for len(pats) > 0 {
		if a.base == noBase {
			a.add(pats[0], years[0])
			pats, years = pats[1:], years[1:]
			continue
		}
		// The window and the table stay put until an insertion or a year
		// out of the window.
		cons, base, slots := a.cons, a.base, a.slots
		m := uint64(len(slots) - 1)
		i := 0
	keys:
		for ; i < len(pats); i++ {
			if j := i + 8; j < len(pats) {
				sink ^= slots[pats[j]&m].key
			}
			p, y := pats[i], years[i]
			off := uint32(y - base)
			if off >= window {
				a.addSlow(p, y)
				i++
				break
			}
			cons[off%window]++
			if cons[off%window] == math.MaxUint32 {
				a.bump(off, 0)
			}
			bit := uint64(1) << off
			for j := p & m; ; j = (j + 1) & m {
				s := &slots[j]
				if s.key == p {
					s.years |= bit
					continue keys
				}
				if s.key == 0 {
					a.insert(p, bit)
					i++
					break keys
				}
			}
		}
		pats, years = pats[i:], years[i:]
	}
	return sink
}

// Pairs returns the number of distinct (centre, patient) pairs and the
// bytes their tables take.
func (s *Set) Pairs() (n, bytes int) {
	for i := range s.centres {
		a := &s.centres[i]
		n += a.used
		bytes += len(a.slots) * 16
		if len(a.wide) > 0 {
			seen := make(map[uint64]bool)
			for k := range a.wide {
				if !seen[k.p] && !a.has(k.p) {
					n++
				}
				seen[k.p] = true
			}
		}
	}
	return n, bytes
}

// window is the number of years a mask holds.
const window = 64

// noBase marks an accumulator that holds nothing yet: every year is out of
// its window.
const noBase = -1 << 30

// A slot of a centre's open-addressing table: a patient key (0 for an
// empty slot) and the years that patient was seen, bit i meaning year
// base+i.
type slot struct {
	key   uint64
	years uint64
}

// An acc accumulates one centre. Its first fields are what the hot path
// reads: 64 bytes in all.
type acc struct {
	slots []slot // linear probing, a power of two long
	used  int
	base  int32 // the year of bit 0 of the masks
	// cons counts the consultations of year base+i, nil while the centre
	// holds nothing. A count about to overflow moves 2³¹ into more.
	cons *[window]uint32
	// more counts consultations by year: those carried out of cons, and
	// those of years outside [base, base+window).
	more map[int32]int64
	// wide holds the (patient, year) pairs of years outside the window.
	wide map[wideKey]struct{}
}

type wideKey struct {
	p uint64
	y int32
}

// add counts one contact of patient p in year y. It is the hot path.
func (a *acc) add(p uint64, y int32) {
	off := uint32(y - a.base)
	if off >= window {
		a.addSlow(p, y)
		return
	}
	c := &a.cons[off]
	*c++
	if *c == math.MaxUint32 {
		a.bump(off, 0)
	}
	bit := uint64(1) << off
	m := uint64(len(a.slots) - 1)
	for i := p & m; ; i = (i + 1) & m {
		s := &a.slots[i]
		if s.key == p {
			s.years |= bit
			return
		}
		if s.key == 0 {
			a.insert(p, bit)
			return
		}
	}
}

func (a *acc) addSlow(p uint64, y int32) {
	a.addCons(y, 1)
	a.setYear(p, y)
}

// bump adds n consultations at offset off of the window, carrying into
// more what cons cannot hold.
func (a *acc) bump(off uint32, n int64) {
	v := int64(a.cons[off]) + n
	if v < math.MaxUint32 {
		a.cons[off] = uint32(v)
		return
	}
	a.addMore(a.base+int32(off), v-1<<31)
	a.cons[off] = 1 << 31
}

func (a *acc) addMore(y int32, n int64) {
	if a.more == nil {
		a.more = make(map[int32]int64)
	}
	a.more[y] += n
}

// addCons adds n consultations in year y, moving the window to hold y if
// the years held and y span at most 64 years, else counting y apart.
// Every path that sets a mask bit first counts a consultation there, so
// the offsets with consultations bound the bits of every mask.
func (a *acc) addCons(y int32, n int64) {
	if a.fit(y, y) {
		a.bump(uint32(y-a.base), n)
		return
	}
	a.addMore(y, n)
}

// setYear records that patient p was seen in year y.
func (a *acc) setYear(p uint64, y int32) {
	if off := uint32(y - a.base); off < window {
		a.or(p, uint64(1)<<off)
		return
	}
	if a.wide == nil {
		a.wide = make(map[wideKey]struct{})
	}
	a.wide[wideKey{p, y}] = struct{}{}
}

// fit makes the window hold years lo to hi if it can, together with the
// years it holds, and reports whether it does.
func (a *acc) fit(lo, hi int32) bool {
	if a.base == noBase {
		if hi-lo >= window {
			return false
		}
		a.base = lo - (window-(hi-lo+1))/2
		a.slots = make([]slot, 8)
		a.cons = new([window]uint32)
		return true
	}
	if lo >= a.base && hi < a.base+window {
		return true
	}
	if ulo, uhi, ok := a.usedRange(); ok {
		lo, hi = min(lo, a.base+ulo), max(hi, a.base+uhi)
	}
	if hi-lo >= window {
		return false
	}
	a.rebase(lo - (window-(hi-lo+1))/2)
	return true
}

// usedRange returns the first and last offsets with consultations.
func (a *acc) usedRange() (lo, hi int32, ok bool) {
	lo, hi = -1, -1
	for i, n := range a.cons {
		if n != 0 {
			if lo < 0 {
				lo = int32(i)
			}
			hi = int32(i)
		}
	}
	return lo, hi, lo >= 0
}

// rebase moves the window to start at year nb; the years held must fit.
func (a *acc) rebase(nb int32) {
	d := a.base - nb // offsets move by d
	if d == 0 {
		return
	}
	for i := range a.slots {
		a.slots[i].years = shift(a.slots[i].years, d)
	}
	var cons [window]uint32
	for i, n := range a.cons {
		if n != 0 {
			cons[int32(i)+d] = n
		}
	}
	*a.cons = cons
	a.base = nb
}

func shift(m uint64, d int32) uint64 {
	if d >= 0 {
		return m << uint(d)
	}
	return m >> uint(-d)
}

// or adds the years of mask m to patient p.
func (a *acc) or(p, m uint64) {
	mask := uint64(len(a.slots) - 1)
	for i := p & mask; ; i = (i + 1) & mask {
		s := &a.slots[i]
		if s.key == p {
			s.years |= m
			return
		}
		if s.key == 0 {
			a.insert(p, m)
			return
		}
	}
}

func (a *acc) has(p uint64) bool {
	if len(a.slots) == 0 {
		return false
	}
	mask := uint64(len(a.slots) - 1)
	for i := p & mask; ; i = (i + 1) & mask {
		switch a.slots[i].key {
		case p:
			return true
		case 0:
			return false
		}
	}
}

// insert adds patient p, known to be absent, with mask m.
//
//go:noinline
func (a *acc) insert(p, m uint64) {
	if (a.used+1)*4 > len(a.slots)*3 {
		a.resize(2 * len(a.slots))
	}
	mask := uint64(len(a.slots) - 1)
	i := p & mask
	for a.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	a.slots[i] = slot{p, m}
	a.used++
}

func (a *acc) resize(size int) {
	old := a.slots
	a.slots = make([]slot, max(size, 8))
	mask := uint64(len(a.slots) - 1)
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := s.key & mask
		for a.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		a.slots[i] = s
	}
}

func (a *acc) copyFrom(o *acc) {
	*a = *o
	a.slots = slices.Clone(o.slots)
	if o.cons != nil {
		a.cons = new([window]uint32)
		*a.cons = *o.cons
	}
	a.more = maps.Clone(o.more)
	a.wide = maps.Clone(o.wide)
}

// merge adds o's contacts to a.
func (a *acc) merge(o *acc) {
	if o.base == noBase {
		return
	}
	if a.base == noBase { // a holds nothing yet
		a.copyFrom(o)
		return
	}
	if lo, hi, ok := o.usedRange(); ok {
		if a.fit(o.base+lo, o.base+hi) {
			d := o.base - a.base
			// At least o's capacity, so that o's keys, taken in slot
			// order, do not pile up in a smaller table. (Not room for both:
			// the two often share most of their patients.)
			if len(a.slots) < len(o.slots) {
				a.resize(len(o.slots))
			}
			for _, s := range o.slots {
				if s.key != 0 {
					a.or(s.key, shift(s.years, d))
				}
			}
			for i, n := range o.cons {
				if n != 0 {
					a.bump(uint32(int32(i)+d), int64(n))
				}
			}
		} else {
			// Counts first, then years: see addCons.
			for i, n := range o.cons {
				if n != 0 {
					a.addCons(o.base+int32(i), int64(n))
				}
			}
			for _, s := range o.slots {
				for m := s.years; m != 0; m &= m - 1 {
					a.setYear(s.key, o.base+int32(bits.TrailingZeros64(m)))
				}
			}
		}
	}
	for y, n := range o.more {
		a.addCons(y, n)
	}
	for k := range o.wide {
		a.setYear(k.p, k.y)
	}
}

// activity returns the centre's activity by year.
func (a *acc) activity() []network.Activity {
	if a.base == noBase {
		return nil
	}
	var pats, news [window]int
	if len(a.wide) == 0 && len(a.more) == 0 {
		for _, s := range a.slots {
			if s.key == 0 {
				continue
			}
			m := s.years
			news[bits.TrailingZeros64(m)]++
			for ; m != 0; m &= m - 1 {
				pats[bits.TrailingZeros64(m)]++
			}
		}
		var out []network.Activity
		for i, n := range a.cons {
			if n != 0 {
				out = append(out, network.Activity{Year: int(a.base) + i, Consultations: int(n), Patients: pats[i], NewPatients: news[i]})
			}
		}
		return out
	}
	// The exact path: every patient's years, from the mask and apart.
	years := make(map[uint64][]int32)
	for k := range a.wide {
		years[k.p] = append(years[k.p], k.y)
	}
	for _, s := range a.slots {
		if s.key == 0 {
			continue
		}
		for m := s.years; m != 0; m &= m - 1 {
			years[s.key] = append(years[s.key], a.base+int32(bits.TrailingZeros64(m)))
		}
	}
	acts := make(map[int32]*network.Activity)
	get := func(y int32) *network.Activity {
		p := acts[y]
		if p == nil {
			p = &network.Activity{Year: int(y)}
			acts[y] = p
		}
		return p
	}
	for _, ys := range years {
		slices.Sort(ys)
		ys = slices.Compact(ys)
		get(ys[0]).NewPatients++
		for _, y := range ys {
			get(y).Patients++
		}
	}
	for i, n := range a.cons {
		if n != 0 {
			get(a.base + int32(i)).Consultations += int(n)
		}
	}
	for y, n := range a.more {
		get(y).Consultations += int(n)
	}
	out := make([]network.Activity, 0, len(acts))
	for _, p := range acts {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(x, y network.Activity) int { return x.Year - y.Year })
	return out
}
