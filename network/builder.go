package network

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/internal/jsonscan"
	"github.com/rarenet/rarenet/typology"
)

// Sentinel errors that a [FieldError] may wrap, for callers that branch on
// the kind of problem with errors.Is.
var (
	// ErrMissing: a required value is absent.
	ErrMissing = errors.New("missing")
	// ErrDuplicate: an ID is used twice for one kind of entity.
	ErrDuplicate = errors.New("duplicate ID")
	// ErrDangling: a reference names an ID that does not exist, or an
	// entity of the wrong kind.
	ErrDangling = errors.New("unknown ID")
	// ErrInvalid: a value is out of range or malformed.
	ErrInvalid = errors.New("invalid value")
)

// A FieldError is one problem with one field of one entity. Path locates
// the entity in its list ("centres[3]"), ID is the entity's ID when it has
// one, and Field names the field inside it in FORMAT.md's terms
// ("labels[0].start"). Err is one of the sentinel errors of this package
// (or a parser's error) and is returned by Unwrap.
type FieldError struct {
	Path  string
	ID    string
	Field string
	Msg   string
	Err   error
}

// Error returns a message such as
// `centres[3] (id "ccmr-x"): labels[0].start: "2017-13-01" is not a date`.
func (e *FieldError) Error() string {
	s := e.Path
	if e.ID != "" {
		s += " (id " + quoteValue(e.ID) + ")"
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// quoteValue quotes a value for a message, cut to its first 60
// characters plus "..." (FORMAT.md).
func quoteValue(s string) string { return jsonscan.Quote([]byte(s)) }

// A Builder collects the entities of a network and builds an immutable
// [Network]. Add entities in any order; Build checks them all at once. The
// zero Builder is ready to use. A Builder is not safe for concurrent use.
//
// The builder checks what a network means, the one place that does (the
// decoder adds only the document's syntax and types): IDs present, unique
// and at most [MaxIDBytes] bytes; every string valid UTF-8 without control
// characters (FORMAT.md); references that name existing entities of the
// right kind (a competence centre's AttachedTo names reference sites, and
// only competence centres have one); values in range, counts not negative.
// Regulatory consistency (groups that differ, a lapsed label, an attachment
// to a site of another group) is left to package rules, as FORMAT.md draws
// the line.
type Builder struct {
	establishments []Establishment
	teams          []Team
	centres        []Centre
	conventions    []Convention
	filieres       []Filiere
	platforms      []Platform
}

// AddEstablishment adds e. The builder keeps its own copy.
func (b *Builder) AddEstablishment(e Establishment) { b.establishments = append(b.establishments, e) }

// AddTeam adds t.
func (b *Builder) AddTeam(t Team) { b.teams = append(b.teams, t) }

// AddCentre adds c; its slices are copied.
func (b *Builder) AddCentre(c Centre) {
	c.AttachedTo = slices.Clone(c.AttachedTo)
	c.Diseases = slices.Clone(c.Diseases)
	c.Labels = slices.Clone(c.Labels)
	c.Activity = slices.Clone(c.Activity)
	b.centres = append(b.centres, c)
}

// addCentreOwned adds c without copying its slices, which the caller gives up
// (the decoder, whose slices are cut from its own arenas).
func (b *Builder) addCentreOwned(c Centre) { b.centres = append(b.centres, c) }

func (b *Builder) addConventionOwned(c Convention) { b.conventions = append(b.conventions, c) }

func (b *Builder) addFiliereOwned(f Filiere) { b.filieres = append(b.filieres, f) }

// AddConvention adds c; its slices are copied.
func (b *Builder) AddConvention(c Convention) {
	c.Reference = slices.Clone(c.Reference)
	c.Signatories = slices.Clone(c.Signatories)
	b.conventions = append(b.conventions, c)
}

// AddFiliere adds f; its slices are copied.
func (b *Builder) AddFiliere(f Filiere) {
	f.Groups = slices.Clone(f.Groups)
	f.Members = slices.Clone(f.Members)
	b.filieres = append(b.filieres, f)
}

// AddPlatform adds p.
func (b *Builder) AddPlatform(p Platform) { b.platforms = append(b.platforms, p) }

// Edit returns a Builder holding a copy of every entity of n, in ID order,
// to derive a modified network (a what-if scenario, an injected defect).
func (n *Network) Edit() *Builder {
	x := n.entities()
	b := &Builder{
		establishments: slices.Clone(x.establishments),
		teams:          x.teams,
		centres:        x.centres,
		conventions:    x.conventions,
		filieres:       x.filieres,
		platforms:      slices.Clone(x.platforms),
	}
	for i := range b.centres {
		b.centres[i].Labels = slices.Clone(b.centres[i].Labels) // entities shares them with n
	}
	return b
}

// EditCentres calls edit on every centre the Builder holds, in the order
// they were added, so that a network derived with [Network.Edit] can change
// its centres (keep some labels, replace the activity, set prevalences)
// without copying the rest of the network entry by entry. The centres are
// the Builder's own: edit may change them and their slices freely; Build
// checks the result as it checks any other.
func (b *Builder) EditCentres(edit func(*Centre)) {
	for i := range b.centres {
		edit(&b.centres[i])
	}
}

// MinActivityYear and MaxActivityYear bound an activity year.
const (
	MinActivityYear = 1900
	MaxActivityYear = 2999
)

// problems collects the FieldErrors of a Build (or of a Decode, which
// starts with the decoder's): up to maxErrors, then only counted. Fields
// the decoder already reported (skip) are not reported again, nor are the
// consequences of a reported field of another entity.
type problems struct {
	errs []error
	more int
	skip reportedSet
	// textChecked says that the strings are known to be valid text (the
	// decoder checked them): Build does not check them again.
	textChecked bool
}

func (p *problems) add(path, id, field string, err error, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		p.more++
		return
	}
	p.errs = append(p.errs, &FieldError{Path: path, ID: id, Field: field, Msg: fmt.Sprintf(format, args...), Err: err})
}

// err returns the problems joined, or nil.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return joinCapped(p.errs, p.more)
}

// reported reports whether the decoder reported field of the entity at
// pa (or a field holding it, or the whole entity).
func (p *problems) reported(pa pathAt, field string) bool {
	return p.skip.covers(pa.list, pa.i, field)
}

// pathAt locates an entity in its list; it is formatted only when a
// problem is reported, so that checking a valid network formats nothing.
type pathAt struct {
	list string
	i    int
}

func (pa pathAt) String() string { return pa.list + "[" + strconv.Itoa(pa.i) + "]" }

// at is add for an entity located by pa, unless the decoder reported
// that field already.
func (p *problems) at(pa pathAt, id, field string, err error, format string, args ...any) {
	if p.reported(pa, field) {
		return
	}
	p.add(pa.String(), id, field, err, format, args...)
}

// item names element k of a list field ("activity[2]"); it is called only
// on the error path.
func item(field string, k int) string { return field + "[" + strconv.Itoa(k) + "]" }

// Build checks everything added and returns the immutable Network, or an
// error joining (errors.Join) one *FieldError per problem, in the order the
// entities were added (up to 1000, then one error counting the rest), and
// no Network. The Builder may be reused afterwards; later changes do not
// affect the returned Network.
func (b *Builder) Build() (*Network, error) {
	var p problems
	n, _ := b.build(&p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return n, nil
}

// build checks everything added, reporting to p, and returns the Network
// (and where each entity went, see freeze) when p holds no problem. It
// only reads the Builder's entities: freeze copies what the Network keeps
// into arrays of its own.
func (b *Builder) build(p *problems) (*Network, *listRanks) {
	n := &entities{
		establishments: b.establishments,
		teams:          b.teams,
		centres:        b.centres,
		conventions:    b.conventions,
		filieres:       b.filieres,
		platforms:      b.platforms,
	}
	ix := n.indexIDs(p)
	estIdx, teamIdx, centreIdx := ix.est, ix.team, ix.centre
	indexIDs(p, "conventions", n.conventions, func(c Convention) ConventionID { return c.ID })
	indexIDs(p, "filieres", n.filieres, func(f Filiere) FiliereID { return f.ID })
	indexIDs(p, "platforms", n.platforms, func(pl Platform) PlatformID { return pl.ID })
	if !p.textChecked {
		checkTexts(p, n)
	}

	for i, e := range n.establishments {
		path, id := pathAt{"establishments", i}, string(e.ID)
		if e.Name == "" {
			p.at(path, id, "name", ErrMissing, "missing")
		}
		if e.Region == "" {
			p.at(path, id, "region", ErrMissing, "missing")
		} else if _, ok := RegionOf(e.Region); !ok {
			p.at(path, id, "region", ErrInvalid, "%s is not a region code of the 2016 map", quoteValue(string(e.Region)))
		}
		if l := e.Location; l.Known {
			if math.IsNaN(l.Lat) || l.Lat < -90 || l.Lat > 90 {
				p.at(path, id, "lat", ErrInvalid, "%v is not a latitude", l.Lat)
			}
			if math.IsNaN(l.Lon) || l.Lon < -180 || l.Lon > 180 {
				p.at(path, id, "lon", ErrInvalid, "%v is not a longitude", l.Lon)
			}
		}
		for _, f := range [...]struct {
			name string
			v    FINESS
		}{{"finess", e.FINESS}, {"finess_ej", e.FINESSEJ}} {
			if !f.v.IsZero() {
				if _, err := ParseFINESS(f.v.String()); err != nil {
					p.at(path, id, f.name, errors.Join(ErrInvalid, err), "%v", err)
				}
			}
		}
	}
	for i, t := range n.teams {
		path, id := pathAt{"teams", i}, string(t.ID)
		refOne(p, path, id, "establishment", -1, string(t.Establishment), estIdx, true, "establishment")
	}
	// tierOf returns the tier of centre id, ok false when id names no
	// centre or its tier was reported by the decoder (a consequence
	// follows, not a new problem).
	tierOf := func(id CentreID) (typology.Tier, bool) {
		j, ok := centreIdx[id]
		if !ok || p.reported(pathAt{"centres", j}, "tier") {
			return 0, false
		}
		return n.centres[j].Tier, true
	}
	for i, c := range n.centres {
		checkCentre(p, pathAt{"centres", i}, c, teamIdx, centreIdx, tierOf)
	}
	for i, c := range n.conventions {
		path, id := pathAt{"conventions", i}, string(c.ID)
		if len(c.Reference) == 0 {
			p.at(path, id, "reference", ErrMissing, "no reference party")
		}
		for k, r := range c.Reference {
			if refOne(p, path, id, "reference", k, string(r), centreIdx, true, "centre") {
				if t, ok := tierOf(r); ok && t != typology.Reference {
					p.at(path, id, item("reference", k), ErrDangling, "%s is not a reference centre", quoteValue(string(r)))
				}
			}
		}
		if refOne(p, path, id, "competence", -1, string(c.Competence), centreIdx, true, "centre") {
			if t, ok := tierOf(c.Competence); ok && t != typology.Competence {
				p.at(path, id, "competence", ErrDangling, "%s is not a competence centre", quoteValue(string(c.Competence)))
			}
		}
		if c.Signed.IsZero() {
			p.at(path, id, "signed", ErrMissing, "missing")
		}
		if c.Start.IsZero() {
			p.at(path, id, "start", ErrMissing, "missing")
		} else if !c.End.IsZero() && !c.End.After(c.Start) && !p.reported(path, "start") {
			p.at(path, id, "end", ErrInvalid, "%q is not after the start %q", c.End, c.Start)
		}
		for k, s := range c.Signatories {
			refOne(p, path, id, "signatories", k, string(s), centreIdx, true, "centre")
		}
	}
	for i, f := range n.filieres {
		path, id := pathAt{"filieres", i}, string(f.ID)
		if f.Name == "" {
			p.at(path, id, "name", ErrMissing, "missing")
		}
		refOne(p, path, id, "host", -1, string(f.Host), estIdx, false, "establishment")
		for k, g := range f.Groups {
			if !g.IsValid() {
				p.at(path, id, item("groups", k), ErrInvalid, "%d is not a group (1 to 17)", uint8(g))
			}
		}
		for k, m := range f.Members {
			refOne(p, path, id, "members", k, string(m), centreIdx, true, "centre")
		}
	}
	for i, pl := range n.platforms {
		path, id := pathAt{"platforms", i}, string(pl.ID)
		if pl.Name == "" {
			p.at(path, id, "name", ErrMissing, "missing")
		}
		refOne(p, path, id, "host", -1, string(pl.Host), estIdx, true, "establishment")
	}
	if len(p.errs) > 0 {
		return nil, nil
	}
	return n.freeze(ix)
}

// idIndex maps the IDs of the establishments, teams and centres of an
// entities to their positions in its lists.
type idIndex struct {
	est    map[EstablishmentID]int
	team   map[TeamID]int
	centre map[CentreID]int
}

// indexIDs indexes the IDs of x's establishments, teams and centres,
// reporting missing, long and duplicate IDs to p.
func (x *entities) indexIDs(p *problems) idIndex {
	return idIndex{
		est:    indexIDs(p, "establishments", x.establishments, func(e Establishment) EstablishmentID { return e.ID }),
		team:   indexIDs(p, "teams", x.teams, func(t Team) TeamID { return t.ID }),
		centre: indexIDs(p, "centres", x.centres, func(c Centre) CentreID { return c.ID }),
	}
}

// indexIDs checks that every entity has an ID, unique in its list and at
// most MaxIDBytes long, and returns the map from ID to position.
func indexIDs[T any, ID ~string](p *problems, list string, xs []T, id func(T) ID) map[ID]int {
	m := make(map[ID]int, len(xs))
	for i, x := range xs {
		k := id(x)
		path := pathAt{list, i}
		if k == "" {
			p.at(path, "", "id", ErrMissing, "missing")
			continue
		}
		if len(k) > MaxIDBytes {
			p.at(path, string(k), "id", ErrInvalid, "%s is longer than %d bytes", quoteValue(string(k)), MaxIDBytes)
		}
		if j, dup := m[k]; dup {
			p.at(path, string(k), "id", ErrDuplicate, "%s is already the ID of %s[%d]", quoteValue(string(k)), list, j)
			continue
		}
		m[k] = i
	}
	return m
}

// refOne checks that ref names an entity of idx. An empty ref is an error
// only when required. It reports whether ref is set and resolves. The field
// is field, or item(field, k) when k >= 0.
func refOne[ID ~string](p *problems, path pathAt, id, field string, k int, ref string, idx map[ID]int, required bool, kind string) bool {
	if _, ok := idx[ID(ref)]; ok {
		return true
	}
	if k >= 0 {
		field = item(field, k)
	}
	if ref == "" {
		if required {
			p.at(path, id, field, ErrMissing, "missing")
		}
		return false
	}
	p.at(path, id, field, ErrDangling, "no %s has the ID %s", kind, quoteValue(ref))
	return false
}

func checkCentre(p *problems, path pathAt, c Centre, teamIdx map[TeamID]int, centreIdx map[CentreID]int, tierOf func(CentreID) (typology.Tier, bool)) {
	id := string(c.ID)
	if c.Name == "" {
		p.at(path, id, "name", ErrMissing, "missing")
	}
	tierKnown := !p.reported(path, "tier")
	switch {
	case c.Tier == 0:
		p.at(path, id, "tier", ErrMissing, "missing")
	case !c.Tier.IsValid():
		p.at(path, id, "tier", ErrInvalid, "%v is not a tier", c.Tier)
	case c.Tier == typology.Reference && c.Role == 0:
		p.at(path, id, "role", ErrMissing, "missing: a reference centre needs a role (coordinating or constitutive)")
	case c.Tier == typology.Reference && !c.Role.IsValid():
		p.at(path, id, "role", ErrInvalid, "%v is not a role", c.Role)
	case c.Tier == typology.Competence && c.Role != 0:
		p.at(path, id, "role", ErrInvalid, "a competence centre has no role (got %v)", c.Role)
	}
	if c.CoordinatingSite != "" && tierKnown && !p.reported(path, "role") {
		if c.Tier != typology.Reference || c.Role != typology.Constitutive {
			p.at(path, id, "coordinating_site", ErrInvalid, "only a constitutive site names a coordinating site")
		} else {
			refOne(p, path, id, "coordinating_site", -1, string(c.CoordinatingSite), centreIdx, false, "centre")
		}
	}
	if len(c.AttachedTo) > 0 && tierKnown {
		if c.Tier != typology.Competence {
			p.at(path, id, "attached_to", ErrInvalid, "only a competence centre is attached to reference sites")
		} else {
			for k, r := range c.AttachedTo {
				if refOne(p, path, id, "attached_to", k, string(r), centreIdx, true, "centre") {
					if t, ok := tierOf(r); ok && t != typology.Reference {
						p.at(path, id, item("attached_to", k), ErrDangling, "%s is not a reference site", quoteValue(string(r)))
					}
				}
			}
		}
	}
	if c.Kind != 0 && !c.Kind.IsValid() {
		p.at(path, id, "kind", ErrInvalid, "%v is not a kind", c.Kind)
	}
	if !c.Group.IsValid() {
		if c.Group == 0 {
			p.at(path, id, "group", ErrMissing, "missing")
		} else {
			p.at(path, id, "group", ErrInvalid, "%d is not a group (1 to 17)", uint8(c.Group))
		}
	}
	if c.Scope != 0 && !c.Scope.IsValid() {
		p.at(path, id, "scope", ErrInvalid, "%v is not a scope", c.Scope)
	}
	refOne(p, path, id, "team", -1, string(c.Team), teamIdx, true, "team")
	for k, d := range c.Diseases {
		if d.Name == "" {
			p.at(path, id, item("diseases", k)+".name", ErrMissing, "missing")
		}
		if !d.Prevalence.IsValid() {
			p.at(path, id, item("diseases", k)+".prevalence", ErrInvalid, "%v is not a prevalence class", d.Prevalence)
		}
	}
	for k, l := range c.Labels {
		if l.Initial().IsEmpty() {
			p.at(path, id, item("labels", k), ErrInvalid, "empty label (build labels with labelling.NewLabel)")
		}
	}
	// Years are usually few and increasing: a map only for the rare
	// unsorted list.
	var seen map[int]int
	if !activitySorted(c.Activity) {
		seen = make(map[int]int, len(c.Activity))
	}
	for k, a := range c.Activity {
		f := func() string { return item("activity", k) }
		if a.Year < MinActivityYear || a.Year > MaxActivityYear {
			p.at(path, id, f()+".year", ErrInvalid, "%d is out of range (%d to %d)", a.Year, MinActivityYear, MaxActivityYear)
		} else if seen == nil {
			if k > 0 && c.Activity[k-1].Year == a.Year {
				p.at(path, id, f()+".year", ErrDuplicate, "%d is already recorded at activity[%d]", a.Year, k-1)
			}
		} else if j, dup := seen[a.Year]; dup {
			p.at(path, id, f()+".year", ErrDuplicate, "%d is already recorded at activity[%d]", a.Year, j)
		} else {
			seen[a.Year] = k
		}
		if a.Consultations < 0 || a.Patients < 0 || a.NewPatients < 0 {
			for _, v := range []struct {
				name string
				n    int
			}{{"consultations", a.Consultations}, {"patients", a.Patients}, {"new_patients", a.NewPatients}} {
				if v.n < 0 {
					p.at(path, id, f()+"."+v.name, ErrInvalid, "%d is negative", v.n)
				}
			}
		}
	}
}

// orderByID returns the positions of xs in ID order (order[k] is the
// position of the k-th smallest ID) and the rank of each position
// (rank[order[k]] == k). The IDs must be unique. Lists are usually sorted
// already (documents and generators write them so): then both are the
// identity, found without sorting. Sorting positions rather than the
// entities moves four bytes where an entity is a few hundred, and writes
// no pointer.
func orderByID[T any, ID ~string](xs []T, id func(*T) ID) (order, rank []int32) {
	order = make([]int32, len(xs))
	for i := range order {
		order[i] = int32(i)
	}
	sorted := true
	for i := 1; i < len(xs) && sorted; i++ {
		sorted = id(&xs[i-1]) < id(&xs[i])
	}
	if sorted {
		return order, order
	}
	// Sort (prefix, position) pairs: an ID's first eight bytes as one
	// integer (most IDs are shorter), compared at hand, then the IDs in
	// full only where those are equal. The prefix, padded with zeros,
	// orders IDs as strings.Compare does; the pairs hold no pointer, so
	// that moving them costs no write barrier.
	type pair struct {
		prefix uint64
		i      int32
	}
	pairs := make([]pair, len(xs))
	for i := range xs {
		var b [8]byte
		copy(b[:], id(&xs[i]))
		pairs[i] = pair{binary.BigEndian.Uint64(b[:]), int32(i)}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.prefix != b.prefix {
			return cmp.Compare(a.prefix, b.prefix)
		}
		return strings.Compare(string(id(&xs[a.i])), string(id(&xs[b.i])))
	})
	for k, p := range pairs {
		order[k] = p.i
	}
	rank = make([]int32, len(xs))
	for k, i := range order {
		rank[i] = int32(k)
	}
	return order, rank
}

// validText reports whether s is valid UTF-8 without control characters
// (U+0000-U+001F, U+007F-U+009F), as FORMAT.md wants every string.
func validText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r <= 0x9f {
			return false
		}
		i += size
	}
	return true
}

// checkTexts reports the strings of n that are not valid text: the
// document could not carry them (and a report would print them raw).
func checkTexts(p *problems, n *entities) {
	check := func(pa pathAt, id, field, s string) {
		if !validText(s) {
			p.at(pa, id, field, ErrInvalid, "%s is not valid UTF-8 text without control characters", quoteValue(s))
		}
	}
	prov := func(pa pathAt, id, field string, pr typology.Provenance) { check(pa, id, field, pr.Source) }
	for i, e := range n.establishments {
		pa, id := pathAt{"establishments", i}, string(e.ID)
		check(pa, "", "id", id)
		check(pa, id, "name", e.Name)
		check(pa, id, "city", e.City)
		prov(pa, id, "source", e.Provenance)
	}
	for i, t := range n.teams {
		pa, id := pathAt{"teams", i}, string(t.ID)
		check(pa, "", "id", id)
		check(pa, id, "unit", t.Unit)
		prov(pa, id, "source", t.Provenance)
	}
	act := func(pa pathAt, id, field string, a labelling.Act) { check(pa, id, field+".ref", a.Ref) }
	for i, c := range n.centres {
		pa, id := pathAt{"centres", i}, string(c.ID)
		check(pa, "", "id", id)
		check(pa, id, "name", c.Name)
		for k, d := range c.Diseases {
			check(pa, id, item("diseases", k)+".name", d.Name)
		}
		for k, l := range c.Labels {
			f := item("labels", k)
			act(pa, id, f+".act", l.Act())
			j := 0
			for e := range l.Events() {
				act(pa, id, f+"."+item("events", j)+".act", e.Act)
				j++
			}
			prov(pa, id, f+".source", l.Provenance())
		}
		prov(pa, id, "source", c.Provenance)
	}
	for i, c := range n.conventions {
		pa, id := pathAt{"conventions", i}, string(c.ID)
		check(pa, "", "id", id)
		prov(pa, id, "source", c.Provenance)
	}
	for i, f := range n.filieres {
		pa, id := pathAt{"filieres", i}, string(f.ID)
		check(pa, "", "id", id)
		check(pa, id, "name", f.Name)
		prov(pa, id, "source", f.Provenance)
	}
	for i, pl := range n.platforms {
		pa, id := pathAt{"platforms", i}, string(pl.ID)
		check(pa, "", "id", id)
		check(pa, id, "name", pl.Name)
		prov(pa, id, "source", pl.Provenance)
	}
}
