package network

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

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
		s += fmt.Sprintf(" (id %q)", e.ID)
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// A Builder collects the entities of a network and builds an immutable
// [Network]. Add entities in any order; Build checks them all at once. The
// zero Builder is ready to use. A Builder is not safe for concurrent use.
//
// The builder checks structure: IDs present and unique, references that
// name existing entities of the right kind, values in range, counts not
// negative. Regulatory consistency (groups that differ, a lapsed label) is
// left to package rules, as FORMAT.md draws the line.
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
	c.Diseases = slices.Clone(c.Diseases)
	c.Labels = slices.Clone(c.Labels)
	c.Activity = slices.Clone(c.Activity)
	b.centres = append(b.centres, c)
}

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
	b := &Builder{}
	for _, e := range n.establishments {
		b.AddEstablishment(e)
	}
	for _, t := range n.teams {
		b.AddTeam(t)
	}
	for _, c := range n.centres {
		b.AddCentre(c)
	}
	for _, c := range n.conventions {
		b.AddConvention(c)
	}
	for _, f := range n.filieres {
		b.AddFiliere(f)
	}
	for _, p := range n.platforms {
		b.AddPlatform(p)
	}
	return b
}

// MinActivityYear and MaxActivityYear bound an activity year.
const (
	MinActivityYear = 1900
	MaxActivityYear = 2999
)

type problems struct{ errs []error }

func (p *problems) add(path, id, field string, err error, format string, args ...any) {
	p.errs = append(p.errs, &FieldError{Path: path, ID: id, Field: field, Msg: fmt.Sprintf(format, args...), Err: err})
}

// Build checks everything added and returns the immutable Network, or an
// error joining (errors.Join) one *FieldError per problem, in the order the
// entities were added, and no Network. The Builder may be reused
// afterwards; later changes do not affect the returned Network.
func (b *Builder) Build() (*Network, error) {
	var p problems
	n := &Network{
		establishments: slices.Clone(b.establishments),
		teams:          slices.Clone(b.teams),
		centres:        make([]Centre, len(b.centres)),
		conventions:    make([]Convention, len(b.conventions)),
		filieres:       make([]Filiere, len(b.filieres)),
		platforms:      slices.Clone(b.platforms),
	}
	// Deep copies, so that the Network shares nothing with the Builder.
	for i, c := range b.centres {
		c.Diseases = slices.Clip(slices.Clone(c.Diseases))
		c.Labels = slices.Clip(slices.Clone(c.Labels))
		c.Activity = slices.Clip(slices.Clone(c.Activity))
		n.centres[i] = c
	}
	for i, c := range b.conventions {
		c.Reference = slices.Clip(slices.Clone(c.Reference))
		c.Signatories = slices.Clip(slices.Clone(c.Signatories))
		n.conventions[i] = c
	}
	for i, f := range b.filieres {
		f.Groups = slices.Clip(slices.Clone(f.Groups))
		f.Members = slices.Clip(slices.Clone(f.Members))
		n.filieres[i] = f
	}

	estIdx := indexIDs(&p, "establishments", n.establishments, func(e Establishment) EstablishmentID { return e.ID })
	teamIdx := indexIDs(&p, "teams", n.teams, func(t Team) TeamID { return t.ID })
	centreIdx := indexIDs(&p, "centres", n.centres, func(c Centre) CentreID { return c.ID })
	indexIDs(&p, "conventions", n.conventions, func(c Convention) ConventionID { return c.ID })
	indexIDs(&p, "filieres", n.filieres, func(f Filiere) FiliereID { return f.ID })
	indexIDs(&p, "platforms", n.platforms, func(pl Platform) PlatformID { return pl.ID })

	for i, e := range n.establishments {
		path, id := fmt.Sprintf("establishments[%d]", i), string(e.ID)
		if e.Name == "" {
			p.add(path, id, "name", ErrMissing, "missing")
		}
		if e.Region == "" {
			p.add(path, id, "region", ErrMissing, "missing")
		} else if _, ok := RegionOf(e.Region); !ok {
			p.add(path, id, "region", ErrInvalid, "%q is not a region code of the 2016 map", e.Region)
		}
		if l := e.Location; l.Known {
			if math.IsNaN(l.Lat) || l.Lat < -90 || l.Lat > 90 {
				p.add(path, id, "lat", ErrInvalid, "%v is not a latitude", l.Lat)
			}
			if math.IsNaN(l.Lon) || l.Lon < -180 || l.Lon > 180 {
				p.add(path, id, "lon", ErrInvalid, "%v is not a longitude", l.Lon)
			}
		}
		if !e.FINESS.IsZero() {
			if _, err := ParseFINESS(e.FINESS.String()); err != nil {
				p.add(path, id, "finess", err, "%v", err)
			}
		}
	}
	for i, t := range n.teams {
		path, id := fmt.Sprintf("teams[%d]", i), string(t.ID)
		refOne(&p, path, id, "establishment", string(t.Establishment), estIdx, true, "establishment")
	}
	for i, c := range n.centres {
		checkCentre(&p, fmt.Sprintf("centres[%d]", i), c, teamIdx, centreIdx)
	}
	// Defaults by tier, once the tier is known to be valid.
	for i := range n.centres {
		c := &n.centres[i]
		if c.Kind == 0 && c.Tier.IsValid() {
			c.Kind = typology.DefaultKind(c.Tier)
		}
		if c.Scope == 0 && c.Tier.IsValid() {
			c.Scope = typology.DefaultScope(c.Tier)
		}
	}
	tierOf := func(id CentreID) typology.Tier {
		if j, ok := centreIdx[id]; ok {
			return n.centres[j].Tier
		}
		return 0
	}
	for i, c := range n.conventions {
		path, id := fmt.Sprintf("conventions[%d]", i), string(c.ID)
		if len(c.Reference) == 0 {
			p.add(path, id, "reference", ErrMissing, "no reference party")
		}
		for k, r := range c.Reference {
			f := fmt.Sprintf("reference[%d]", k)
			if refOne(&p, path, id, f, string(r), centreIdx, true, "centre") && tierOf(r) != typology.Reference {
				p.add(path, id, f, ErrDangling, "%q is not a reference centre", r)
			}
		}
		if refOne(&p, path, id, "competence", string(c.Competence), centreIdx, true, "centre") && tierOf(c.Competence) != typology.Competence {
			p.add(path, id, "competence", ErrDangling, "%q is not a competence centre", c.Competence)
		}
		if c.Signed.IsZero() {
			p.add(path, id, "signed", ErrMissing, "missing")
		}
		if c.Start.IsZero() {
			p.add(path, id, "start", ErrMissing, "missing")
		} else if !c.End.IsZero() && !c.End.After(c.Start) {
			p.add(path, id, "end", ErrInvalid, "%v is not after the start %v", c.End, c.Start)
		}
		for k, s := range c.Signatories {
			refOne(&p, path, id, fmt.Sprintf("signatories[%d]", k), string(s), centreIdx, true, "centre")
		}
	}
	for i, f := range n.filieres {
		path, id := fmt.Sprintf("filieres[%d]", i), string(f.ID)
		if f.Name == "" {
			p.add(path, id, "name", ErrMissing, "missing")
		}
		refOne(&p, path, id, "host", string(f.Host), estIdx, false, "establishment")
		for k, g := range f.Groups {
			if !g.IsValid() {
				p.add(path, id, fmt.Sprintf("groups[%d]", k), ErrInvalid, "%d is not a group (1 to 17)", uint8(g))
			}
		}
		for k, m := range f.Members {
			refOne(&p, path, id, fmt.Sprintf("members[%d]", k), string(m), centreIdx, true, "centre")
		}
	}
	for i, pl := range n.platforms {
		path, id := fmt.Sprintf("platforms[%d]", i), string(pl.ID)
		if pl.Name == "" {
			p.add(path, id, "name", ErrMissing, "missing")
		}
		refOne(&p, path, id, "host", string(pl.Host), estIdx, true, "establishment")
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	n.index()
	return n, nil
}

// indexIDs checks that every entity has an ID, unique in its list, and
// returns the map from ID to position.
func indexIDs[T any, ID ~string](p *problems, list string, xs []T, id func(T) ID) map[ID]int {
	m := make(map[ID]int, len(xs))
	for i, x := range xs {
		k := id(x)
		path := fmt.Sprintf("%s[%d]", list, i)
		if k == "" {
			p.add(path, "", "id", ErrMissing, "missing")
			continue
		}
		if j, dup := m[k]; dup {
			p.add(path, string(k), "id", ErrDuplicate, "%q is already the ID of %s[%d]", k, list, j)
			continue
		}
		m[k] = i
	}
	return m
}

// refOne checks that ref names an entity of idx. An empty ref is an error
// only when required. It reports whether ref is set and resolves.
func refOne[ID ~string](p *problems, path, id, field, ref string, idx map[ID]int, required bool, kind string) bool {
	if ref == "" {
		if required {
			p.add(path, id, field, ErrMissing, "missing")
		}
		return false
	}
	if _, ok := idx[ID(ref)]; !ok {
		p.add(path, id, field, ErrDangling, "no %s has the ID %q", kind, ref)
		return false
	}
	return true
}

func checkCentre(p *problems, path string, c Centre, teamIdx map[TeamID]int, centreIdx map[CentreID]int) {
	id := string(c.ID)
	if c.Name == "" {
		p.add(path, id, "name", ErrMissing, "missing")
	}
	switch {
	case c.Tier == 0:
		p.add(path, id, "tier", ErrMissing, "missing")
	case !c.Tier.IsValid():
		p.add(path, id, "tier", ErrInvalid, "%v is not a tier", c.Tier)
	case c.Tier == typology.Reference && c.Role == 0:
		p.add(path, id, "role", ErrMissing, "a reference centre needs a role (coordinating or constitutive)")
	case c.Tier == typology.Reference && !c.Role.IsValid():
		p.add(path, id, "role", ErrInvalid, "%v is not a role", c.Role)
	case c.Tier == typology.Competence && c.Role != 0:
		p.add(path, id, "role", ErrInvalid, "a competence centre has no role (got %v)", c.Role)
	}
	if c.CoordinatingSite != "" {
		if c.Tier != typology.Reference || c.Role != typology.Constitutive {
			p.add(path, id, "coordinating_site", ErrInvalid, "only a constitutive site names a coordinating site")
		} else {
			refOne(p, path, id, "coordinating_site", string(c.CoordinatingSite), centreIdx, false, "centre")
		}
	}
	if c.Kind != 0 && !c.Kind.IsValid() {
		p.add(path, id, "kind", ErrInvalid, "%v is not a kind", c.Kind)
	}
	if !c.Group.IsValid() {
		if c.Group == 0 {
			p.add(path, id, "group", ErrMissing, "missing")
		} else {
			p.add(path, id, "group", ErrInvalid, "%d is not a group (1 to 17)", uint8(c.Group))
		}
	}
	if c.Scope != 0 && !c.Scope.IsValid() {
		p.add(path, id, "scope", ErrInvalid, "%v is not a scope", c.Scope)
	}
	refOne(p, path, id, "team", string(c.Team), teamIdx, true, "team")
	for k, d := range c.Diseases {
		if d.Name == "" {
			p.add(path, id, fmt.Sprintf("diseases[%d].name", k), ErrMissing, "missing")
		}
		if !d.Prevalence.IsValid() {
			p.add(path, id, fmt.Sprintf("diseases[%d].prevalence", k), ErrInvalid, "%v is not a prevalence class", d.Prevalence)
		}
	}
	for k, l := range c.Labels {
		if l.Initial().IsEmpty() {
			p.add(path, id, fmt.Sprintf("labels[%d]", k), ErrInvalid, "empty label (build labels with labelling.NewLabel)")
		}
	}
	seen := make(map[int]int, len(c.Activity))
	for k, a := range c.Activity {
		f := fmt.Sprintf("activity[%d]", k)
		if a.Year < MinActivityYear || a.Year > MaxActivityYear {
			p.add(path, id, f+".year", ErrInvalid, "%d is out of range (%d to %d)", a.Year, MinActivityYear, MaxActivityYear)
		} else if j, dup := seen[a.Year]; dup {
			p.add(path, id, f+".year", ErrDuplicate, "%d is already recorded at activity[%d]", a.Year, j)
		} else {
			seen[a.Year] = k
		}
		for _, v := range []struct {
			name string
			n    int
		}{{"consultations", a.Consultations}, {"patients", a.Patients}, {"new_patients", a.NewPatients}} {
			if v.n < 0 {
				p.add(path, id, f+"."+v.name, ErrInvalid, "%d is negative", v.n)
			}
		}
	}
}

// sortByID sorts xs by the given ID.
func sortByID[T any, ID ~string](xs []T, id func(T) ID) {
	less := func(a, b T) int { return cmp.Compare(id(a), id(b)) }
	if slices.IsSortedFunc(xs, less) { // documents and generators usually come sorted
		return
	}
	slices.SortFunc(xs, less)
}

// normaliseCentre sorts a centre's activity by year, an order that
// carries no meaning of its own. Labels keep their document order: RULES.md
// uses it to break ties between labels.
func normaliseCentre(c *Centre) {
	slices.SortFunc(c.Activity, func(a, b Activity) int { return cmp.Compare(a.Year, b.Year) })
}
