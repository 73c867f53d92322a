package activefile

import (
	"hash/maphash"
	"slices"
	"unsafe"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile/internal/tally"
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
	refs map[string]CentreRef
	ids  []network.CentreID // by CentreRef
	tab  tally.Set          // the tables, by CentreRef
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
	c.tab.Grow()
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
	var st tally.Stage
	ks := make([]Key, 0, min(len(rs), 1<<20))
	for _, r := range rs {
		if ks = append(ks, c.key(r)); len(ks) == cap(ks) {
			c.tab.AddKeys(engineKeys(ks), &st)
			ks = ks[:0]
		}
	}
	c.tab.AddKeys(engineKeys(ks), &st)
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
	c.tab.AddKeys(engineKeys(ks), &tally.Stage{})
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
		c.tab.AddKeys(engineKeys(ks), &tally.Stage{})
		return nil
	}
	c.tab.AddKeysParallel(engineKeys(ks), workers)
	return nil
}

// engineKeys returns ks as the engine's keys, in place: the two types have
// the same layout, which the constants below check at compile time (an
// index out of range or a negative constant if they differ).
func engineKeys(ks []Key) []tally.Key {
	return unsafe.Slice((*tally.Key)(unsafe.Pointer(unsafe.SliceData(ks))), len(ks))
}

var _ = [1]int{}[unsafe.Sizeof(Key{})-unsafe.Sizeof(tally.Key{})+
	unsafe.Offsetof(Key{}.Patient)-unsafe.Offsetof(tally.Key{}.Patient)+
	unsafe.Offsetof(Key{}.Centre)-unsafe.Offsetof(tally.Key{}.Centre)+
	unsafe.Offsetof(Key{}.Year)-unsafe.Offsetof(tally.Key{}.Year)]

func (c *Counter) checkKeys(ks []Key) error {
	n := CentreRef(len(c.ids))
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

func (c *Counter) add(k Key) { c.tab.Add(int(k.Centre), uint64(k.Patient), k.Year) }

// Merge adds to c every record added to other, as if they had been added
// to c directly: splitting records between two Counters and merging them
// gives the same [Result] as adding them all to one. Other is left
// unchanged; merging a Counter into itself counts its records twice;
// merging nil, like merging an empty Counter, adds nothing.
func (c *Counter) Merge(other *Counter) { c.merge(other, 1) }

// merge is Merge, the centres shared out among workers goroutines.
func (c *Counter) merge(other *Counter, workers int) {
	switch {
	case other == nil || len(other.ids) == 0:
		return
	case other == c:
		other = c.clone()
	case len(c.ids) == 0:
		// Take other's centres in its order: the tables are copied, not
		// merged one by one.
		for _, id := range other.ids {
			c.intern(string(id))
		}
		c.tab.Copy(&other.tab)
		return
	}
	to := make([]int, len(other.ids))
	for j, id := range other.ids {
		to[j] = int(c.intern(string(id)))
	}
	c.tab.MergeParallel(&other.tab, to, workers)
}

func (c *Counter) clone() *Counter {
	d := &Counter{}
	for _, id := range c.ids {
		d.intern(string(id))
	}
	d.tab.Copy(&c.tab)
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
		for _, a := range c.tab.Activity(i) {
			r.rows = append(r.rows, row{c.ids[i], a})
		}
	}
	return r
}
