package activefile

import (
	"hash/maphash"
	"maps"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
)

// A Record is one contact between a patient and a centre: the in-memory
// form of a line of a records file.
type Record struct {
	Centre network.CentreID
	// Patient is the patient's pseudonym. The [Counter] keeps only a keyed
	// hash of it (see [PatientKey]), never the pseudonym itself.
	Patient string
	// Date is the day of the contact; only its year counts.
	Date labelling.Date
	// Kind is the kind of contact ("consultation", "hdj", ...), free text.
	// Every record counts as one consultation whatever its kind; filter
	// records before adding them if some kinds must not count.
	Kind string
}

// seed keys the patient hash. It is drawn once per process, so that a
// PatientKey means nothing outside the running program.
var seed = maphash.MakeSeed()

// A PatientKey stands for a pseudonym inside a computation: a 64-bit hash
// of the pseudonym keyed with a secret drawn at random once per process.
// It cannot be computed outside the running program nor turned back into
// the pseudonym, and it never appears in a [Result] or an error. The zero
// PatientKey stands for no patient and is rejected by [Counter.AddKeys].
//
// Two distinct pseudonyms share a key with probability 2⁻⁶⁴; a collision
// matters only between patients of the same centre, and makes them count
// as one. For n patients followed by one centre the chance of any
// collision is at most n²/2⁶⁵: about 3·10⁻⁸ for a million patients,
// 3·10⁻⁴ for a hundred million.
type PatientKey uint64

// PatientKeyOf returns the key of a pseudonym, and false for the empty
// pseudonym.
func PatientKeyOf(pseudonym string) (PatientKey, bool) {
	if pseudonym == "" {
		return 0, false
	}
	return patientKey(maphash.String(seed, pseudonym)), true
}

func patientKeyOfBytes(pseudonym []byte) PatientKey {
	return patientKey(maphash.Bytes(seed, pseudonym))
}

// patientKey maps the hash 0, which marks an empty slot, to 1.
func patientKey(h uint64) PatientKey {
	if h == 0 {
		h = 1
	}
	return PatientKey(h)
}

// A CentreRef is a centre interned in a [Counter]: see [Counter.CentreRef].
// It is valid only for the Counter that returned it.
type CentreRef uint32

// A Key is a pre-interned record, the input of the fast path
// [Counter.AddKeys]: a centre interned by [Counter.CentreRef], a patient
// hashed by [PatientKeyOf], and the year of the contact.
type Key struct {
	Patient PatientKey
	Centre  CentreRef
	Year    int32
}

// A Counter accumulates contacts and computes, per centre and calendar
// year, the active file (distinct patients with at least one contact that
// year), the new patients (patients seen that year and never before at
// that centre, in all the records added) and the consultations (the
// contacts).
//
// It keeps, per centre and patient, the set of years the patient was seen
// there (a 64-bit mask relative to a per-centre base year, with an exact
// fallback for the years outside a 64-year span) and, per centre and year,
// the number of contacts: its memory is proportional to the number of
// distinct (centre, patient) pairs — a 16-byte slot a pair in tables 37.5%
// to 75% full, so 21 to 43 bytes a pair, plus 320 bytes a centre —
// whatever the number of records. It keeps no pseudonym, only
// [PatientKey]s.
//
// The zero Counter is ready to use. A Counter is not safe for concurrent
// use; [Counter.AddKeysParallel] and [Counter.ReadCSV] use several
// goroutines internally when asked to.
type Counter struct {
	refs    map[string]CentreRef
	ids     []network.CentreID
	centres []acc
}

// CentreRef interns centre id and returns its reference in c, for use in
// [Key]s. It returns false for the empty ID.
func (c *Counter) CentreRef(id network.CentreID) (CentreRef, bool) {
	if id == "" {
		return 0, false
	}
	return c.intern(string(id)), true
}

func (c *Counter) intern(id string) CentreRef {
	if r, ok := c.refs[id]; ok {
		return r
	}
	if c.refs == nil {
		c.refs = make(map[string]CentreRef)
	}
	r := CentreRef(len(c.ids))
	c.refs[id] = r
	c.ids = append(c.ids, network.CentreID(id))
	c.centres = append(c.centres, acc{base: noBase})
	return r
}

// check checks record r, at index i of its batch.
func check(i int, r Record) error {
	switch {
	case r.Centre == "":
		return &RecordError{Index: i, Field: "centre", Err: ErrEmpty}
	case r.Patient == "":
		return &RecordError{Index: i, Field: "patient", Err: ErrEmpty}
	case r.Date.IsZero():
		return &RecordError{Index: i, Field: "date", Err: ErrEmpty}
	case !validYear(r.Date.Year()):
		return &RecordError{Index: i, Field: "date", Err: ErrBadDate}
	}
	return nil
}

// key returns the key of a checked record, interning its centre.
func (c *Counter) key(r Record) Key {
	p, _ := PatientKeyOf(r.Patient)
	return Key{Patient: p, Centre: c.intern(string(r.Centre)), Year: int32(r.Date.Year())}
}

func validYear[T int | int32](y T) bool {
	return y >= network.MinActivityYear && y <= network.MaxActivityYear
}

// Add adds one record. It returns a *RecordError (Index 0) wrapping
// [ErrEmpty] for an empty centre, pseudonym or date, or [ErrBadDate] for a
// year outside [network.MinActivityYear, network.MaxActivityYear], and
// then adds nothing.
func (c *Counter) Add(r Record) error {
	if err := check(0, r); err != nil {
		return err
	}
	c.add(c.key(r))
	return nil
}

// AddBatch adds records, checking them all first: on the first bad record
// it returns a *RecordError as [Counter.Add] does, with the record's index,
// and adds nothing.
func (c *Counter) AddBatch(rs []Record) error {
	for i, r := range rs {
		if err := check(i, r); err != nil {
			return err
		}
	}
	// Then as AddKeys, a batch of keys at a time.
	var st stage
	ks := make([]Key, 0, min(len(rs), 1<<20))
	for _, r := range rs {
		if ks = append(ks, c.key(r)); len(ks) == cap(ks) {
			c.addKeys(ks, &st)
			ks = ks[:0]
		}
	}
	c.addKeys(ks, &st)
	return nil
}

// AddKeys adds pre-interned records: the fast path, which costs a hash
// table probe and an increment per record. It checks every key first and,
// on the first bad one, returns a *RecordError and adds nothing: a centre
// reference not returned by c.CentreRef (Field "centre",
// [ErrUnknownCentre]), the zero PatientKey ("patient", [ErrEmpty]), or a
// year outside [network.MinActivityYear, network.MaxActivityYear]
// ("year", [ErrBadDate]).
//
// Keys may come in any order. Once the tables outgrow the processor's
// caches (beyond 4 MiB of tables), AddKeys sorts each segment of keys by
// centre into a scratch buffer (12 bytes a key, at most 48 MiB, never more
// than three quarters of the tables' own size) before counting it, so that each centre's table
// is worked on while it is in cache; keys already grouped by centre, as
// per-centre exports are, cost less.
func (c *Counter) AddKeys(ks []Key) error {
	if err := c.checkKeys(ks); err != nil {
		return err
	}
	c.addKeys(ks, &stage{})
	return nil
}

// AddKeysParallel is [Counter.AddKeys] on several goroutines: the workers
// sort shares of the keys by centre, then each counts the keys of its own
// share of the centres, so that no two goroutines touch the same table.
// Workers below 2 means AddKeys. The result and the errors are AddKeys'.
func (c *Counter) AddKeysParallel(ks []Key, workers int) error {
	if err := c.checkKeys(ks); err != nil {
		return err
	}
	if workers < 2 {
		c.addKeys(ks, &stage{})
		return nil
	}
	c.addKeysParallel(ks, workers)
	return nil
}

// addKeysParallel adds keys on workers goroutines, a segment at a time in
// two phases: each worker sorts its share of the segment by centre into
// its own stage; then each worker counts, from every stage, the runs of
// its own centres (w modulo workers), so that no two workers touch the
// same table. Segments too small to be worth it go to addKeys.
func (c *Counter) addKeysParallel(ks []Key, workers int) {
	stages := make([]stage, workers)
	var wg sync.WaitGroup
	for len(ks) > 0 {
		size := min(stageMax, max(c.tableSlots()/workers, stageMin))
		seg := ks[:min(len(ks), size*workers)]
		ks = ks[len(seg):]
		if len(seg) < stageMin*workers {
			c.addKeys(seg, &stages[0])
			continue
		}
		share := (len(seg) + workers - 1) / workers
		for w := range workers {
			part := seg[min(w*share, len(seg)):min((w+1)*share, len(seg))]
			wg.Go(func() {
				stages[w].grow(len(part), len(c.centres))
				stages[w].sort(part)
			})
		}
		wg.Wait()
		for w := range workers {
			wg.Go(func() {
				var sink uint64
				for i := w; i < len(c.centres); i += workers {
					for v := range stages {
						if pats, years := stages[v].run(i); len(pats) > 0 {
							sink ^= c.centres[i].addRun(pats, years)
						}
					}
				}
				c.sink(sink)
			})
		}
		wg.Wait()
	}
}

func (c *Counter) checkKeys(ks []Key) error {
	n := CentreRef(len(c.centres))
	for i, k := range ks {
		switch {
		case k.Centre >= n:
			return &RecordError{Index: i, Field: "centre", Err: ErrUnknownCentre}
		case k.Patient == 0:
			return &RecordError{Index: i, Field: "patient", Err: ErrEmpty}
		case !validYear(k.Year):
			return &RecordError{Index: i, Field: "year", Err: ErrBadDate}
		}
	}
	return nil
}

// addKeys adds keys.
//
// While the tables are small enough to stay in the caches it adds the keys
// in their order (addDirect). Beyond, a key in random order costs a cache
// and TLB miss, so it counting-sorts each segment of keys by centre into a
// scratch buffer first (addStaged): every centre's run then works on one
// small table, whose lines it reuses.
func (c *Counter) addKeys(ks []Key, st *stage) {
	for len(ks) > 0 {
		slots := c.tableSlots()
		if len(ks) < stageMin || slots < stageMinSlots {
			seg := ks[:min(len(ks), stageMin)]
			ks = ks[len(seg):]
			c.addDirect(seg)
			continue
		}
		seg := ks[:min(len(ks), stageMax, slots)]
		ks = ks[len(seg):]
		st.grow(len(seg), len(c.centres))
		c.addStaged(st, seg)
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
func (c *Counter) tableSlots() int {
	t := 0
	for i := range c.centres {
		t += len(c.centres[i].slots)
	}
	return t
}

// addDirect adds the keys in their order. It reads the first slot of a
// group of keys before updating them: independent loads, whose cache
// misses overlap.
func (c *Counter) addDirect(ks []Key) {
	const group = 8
	centres := c.centres
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
	c.sink(sink)
}

// sink keeps the prefetching loads from being optimised away.
//
//go:noinline
func (c *Counter) sink(uint64) {}

// A stage is the scratch space of addStaged: patients and years sorted by
// centre, and the runs' bounds.
type stage struct {
	pats  []uint64
	years []int32
	pos   []int32
}

// grow makes room for size keys and the given number of centres.
func (st *stage) grow(size, centres int) {
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
func (c *Counter) addStaged(st *stage, ks []Key) {
	st.sort(ks)
	var sink uint64
	for i := range len(st.pos) - 1 {
		if pats, years := st.run(i); len(pats) > 0 {
			sink ^= c.centres[i].addRun(pats, years)
		}
	}
	c.sink(sink)
}

// sort counting-sorts the keys by centre. Afterwards pos[i] is the end of
// centre i's run.
func (st *stage) sort(ks []Key) {
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
func (st *stage) run(i int) ([]uint64, []int32) {
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

func (c *Counter) add(k Key) { c.centres[k.Centre].add(uint64(k.Patient), k.Year) }

// Merge adds to c every record added to other, as if they had been added
// to c directly: splitting records between two Counters and merging them
// gives the same [Result] as adding them all to one. Other is left
// unchanged; merging a Counter into itself counts its records twice.
func (c *Counter) Merge(other *Counter) {
	if other == c {
		other = c.clone()
	}
	for j, id := range other.ids {
		i := c.intern(string(id))
		c.centres[i].merge(&other.centres[j])
	}
}

func (c *Counter) clone() *Counter {
	d := &Counter{}
	for j, id := range c.ids {
		i := d.intern(string(id))
		d.centres[i].copyFrom(&c.centres[j])
	}
	return d
}

// Result computes the activity per centre and year of the records added
// so far. It leaves c unchanged: more records may be added afterwards.
func (c *Counter) Result() Result {
	order := make([]int, len(c.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		switch {
		case c.ids[i] < c.ids[j]:
			return -1
		case c.ids[i] > c.ids[j]:
			return 1
		}
		return 0
	})
	var r Result
	for _, i := range order {
		for _, a := range c.centres[i].activity() {
			r.rows = append(r.rows, row{c.ids[i], a})
		}
	}
	return r
}

// pairs returns the number of distinct (centre, patient) pairs and the
// bytes their tables take.
func (c *Counter) pairs() (n, bytes int) {
	for i := range c.centres {
		a := &c.centres[i]
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
