package network

import (
	"cmp"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// This file holds the Network's storage: every kind of entity in one array
// sorted by ID, references between entities as dense int32 positions into
// those arrays, and the variable-length parts of all centres (labels,
// activity, diseases, attachments) each in one array, a record's part
// running from its offset to the next record's (a sentinel record closes
// each array). It is fixed by freeze and never written afterwards; values
// handed to callers are built from it, never slices of it.

// entities is a network's content as value types: what a Builder holds,
// what freeze stores and what the package's own readers (Encode, Edit,
// Snapshot) get back from a Network.
type entities struct {
	establishments []Establishment
	teams          []Team
	centres        []Centre
	conventions    []Convention
	filieres       []Filiere
	platforms      []Platform
}

// centreRec is a centre without its variable-length parts. labels,
// activity, diseases and attached are offsets into the network's arrays:
// the centre's part ends at the next record's offset.
type centreRec struct {
	id         CentreID
	name       string
	provenance uint32 // position in Network.provenances
	team       int32  // position in teams
	est        int32  // position in establishments of the team's establishment
	coord      int32  // position of the coordinating site, -1 when none
	labels     int32
	activity   int32
	diseases   int32
	attached   int32
	tier       typology.Tier
	role       typology.Role
	kind       typology.Kind
	group      typology.Group
	scope      typology.Scope
}

// activityRec is an Activity in 8 bytes. A year whose counts do not all
// fit below bigCount (rare in real data, but the format allows any count)
// is kept whole in Network.bigActivity, and its consultations are bigCount.
type activityRec struct {
	year                             uint16
	consultations, patients, newPats uint16
}

const bigCount = math.MaxUint16

type teamRec struct {
	id         TeamID
	unit       string
	provenance uint32
	est        int32
}

// conventionRec is a convention; its reference parties are
// parties[refs:sigs] and its signatories parties[sigs:next record's refs].
type conventionRec struct {
	id                 ConventionID
	provenance         uint32
	competence         int32
	refs, sigs         int32
	signed, start, end labelling.Date
}

// filiereRec is a sector; its groups are filGroups[groups:next.groups] and
// its members, as listed (duplicates kept), filMembers[members:next.members].
type filiereRec struct {
	id         FiliereID
	name       string
	host       EstablishmentID
	provenance typology.Provenance
	since      labelling.Date
	groups     int32
	members    int32
}

// csr lists, for each row r, the positions idx[off[r]:off[r+1]].
type csr struct{ off, idx []int32 }

func (c *csr) row(r int32) []int32 { return c.idx[c.off[r]:c.off[r+1]] }

// newCSR builds the rows of n rows from pairs (row, position) given by
// each, which calls add for every pair. Positions keep the order they were
// added in.
func newCSR(n int, each func(add func(row, pos int32))) csr {
	c := csr{off: make([]int32, n+1)}
	each(func(r, _ int32) { c.off[r+1]++ })
	for i := range n {
		c.off[i+1] += c.off[i]
	}
	c.idx = make([]int32, c.off[n])
	next := slices.Clone(c.off[:n])
	each(func(r, p int32) { c.idx[next[r]] = p; next[r]++ })
	return c
}

// listRanks holds, for each list of an entities (in the order of
// listNames), the rank in ID order of the entity at each position.
type listRanks [len(listNames)][]int32

// freeze stores x's entities, each list in ID order; ix indexes x's IDs.
// x must be valid (Build checked it, or it was taken from a valid
// network). freeze only reads x: the Network keeps copies. It also
// returns where each entity of x went.
func (x *entities) freeze(ix idIndex) (*Network, *listRanks) {
	var rank listRanks
	estOrder, estRank := orderByID(x.establishments, func(e *Establishment) EstablishmentID { return e.ID })
	teamOrder, teamRank := orderByID(x.teams, func(t *Team) TeamID { return t.ID })
	centreOrder, centreRank := orderByID(x.centres, func(c *Centre) CentreID { return c.ID })
	conventionOrder, conventionRank := orderByID(x.conventions, func(c *Convention) ConventionID { return c.ID })
	filiereOrder, filiereRank := orderByID(x.filieres, func(f *Filiere) FiliereID { return f.ID })
	platformOrder, platformRank := orderByID(x.platforms, func(p *Platform) PlatformID { return p.ID })
	rank[listEstablishments], rank[listTeams], rank[listCentres] = estRank, teamRank, centreRank
	rank[listConventions], rank[listFilieres], rank[listPlatforms] = conventionRank, filiereRank, platformRank
	// pos returns the position in the Network of centre id, which exists.
	pos := func(id CentreID) int32 { return centreRank[ix.centre[id]] }

	n := &Network{
		establishments: inOrder(x.establishments, estOrder),
		platforms:      inOrder(x.platforms, platformOrder),
	}
	// Provenances repeat (a producer's source on every record): each is
	// stored once. Records in a row often share theirs: the last one is
	// looked up without hashing.
	provIdx := map[typology.Provenance]uint32{}
	var lastProv typology.Provenance
	var lastIdx uint32
	var provs []typology.Provenance
	prov := func(p typology.Provenance) uint32 {
		if p == lastProv && len(provs) > 0 {
			return lastIdx
		}
		i, ok := provIdx[p]
		if !ok {
			i = uint32(len(provs))
			provIdx[p] = i
			provs = append(provs, p)
		}
		lastProv, lastIdx = p, i
		return i
	}
	n.teams = make([]teamRec, len(x.teams))
	for k, i := range teamOrder {
		t := &x.teams[i]
		n.teams[k] = teamRec{id: t.ID, unit: t.Unit, provenance: prov(t.Provenance), est: estRank[ix.est[t.Establishment]]}
	}

	var nl, na, nd, nt int
	for i := range x.centres {
		c := &x.centres[i]
		nl, na, nd, nt = nl+len(c.Labels), na+len(c.Activity), nd+len(c.Diseases), nt+len(c.AttachedTo)
	}
	n.centres = make([]centreRec, len(x.centres), len(x.centres)+1)
	// The centres' labels and activity, in ID order, are stored by a
	// goroutine of their own where there is a processor for it (a national
	// network's 9,000 labels and 37,000 years: a third of freeze); the
	// records' offsets into them are counted here.
	var labels labelling.Packer
	parts := func() {
		labels.Grow(nl)
		n.activity = make([]activityRec, 0, na)
		for _, i := range centreOrder {
			c := &x.centres[i]
			for _, l := range c.Labels {
				labels.Add(l)
			}
			n.storeActivity(c.Activity)
		}
	}
	partsDone := make(chan struct{})
	if nl+na >= minConcurrentParts && runtime.GOMAXPROCS(0) > 1 {
		go func() { defer close(partsDone); parts() }()
	} else {
		parts()
		close(partsDone)
	}
	var nextLabel, nextActivity int32
	n.diseases = make([]typology.Disease, 0, nd)
	n.attached = make([]CentreID, 0, nt)
	for k, i := range centreOrder {
		c := &x.centres[i]
		r := centreRec{
			id: c.ID, name: c.Name, provenance: prov(c.Provenance),
			team: teamRank[ix.team[c.Team]], coord: -1,
			labels: nextLabel, activity: nextActivity,
			diseases: int32(len(n.diseases)), attached: int32(len(n.attached)),
			tier: c.Tier, role: c.Role, kind: c.Kind, group: c.Group, scope: c.Scope,
		}
		nextLabel, nextActivity = nextLabel+int32(len(c.Labels)), nextActivity+int32(len(c.Activity))
		// Defaults by tier (valid: Build checked it).
		if r.kind == 0 {
			r.kind = typology.DefaultKind(c.Tier)
		}
		if r.scope == 0 {
			r.scope = typology.DefaultScope(c.Tier)
		}
		r.est = n.teams[r.team].est
		if c.CoordinatingSite != "" {
			if j, ok := ix.centre[c.CoordinatingSite]; ok {
				r.coord = centreRank[j]
			}
		}
		n.diseases = append(n.diseases, c.Diseases...)
		n.attached = append(n.attached, c.AttachedTo...)
		n.centres[k] = r
	}
	n.centres = append(n.centres, centreRec{ // the sentinel
		labels: nextLabel, activity: nextActivity,
		diseases: int32(len(n.diseases)), attached: int32(len(n.attached)),
	})[:len(x.centres)]
	<-partsDone
	n.labels = labels.Packed()

	var np int
	for i := range x.conventions {
		c := &x.conventions[i]
		np += len(c.Reference) + len(c.Signatories)
	}
	n.conventions = make([]conventionRec, len(x.conventions), len(x.conventions)+1)
	n.parties = make([]int32, 0, np)
	for k, i := range conventionOrder {
		c := &x.conventions[i]
		r := conventionRec{id: c.ID, provenance: prov(c.Provenance), competence: pos(c.Competence),
			signed: c.Signed, start: c.Start, end: c.End, refs: int32(len(n.parties))}
		for _, id := range c.Reference {
			n.parties = append(n.parties, pos(id))
		}
		r.sigs = int32(len(n.parties))
		for _, id := range c.Signatories {
			n.parties = append(n.parties, pos(id))
		}
		n.conventions[k] = r
	}
	n.conventions = append(n.conventions, conventionRec{refs: int32(len(n.parties))})[:len(x.conventions)]

	n.filieres = make([]filiereRec, len(x.filieres), len(x.filieres)+1)
	for k, i := range filiereOrder {
		f := &x.filieres[i]
		n.filieres[k] = filiereRec{id: f.ID, name: f.Name, host: f.Host, provenance: f.Provenance, since: f.Since,
			groups: int32(len(n.filGroups)), members: int32(len(n.filMembers))}
		n.filGroups = append(n.filGroups, f.Groups...)
		for _, m := range f.Members {
			n.filMembers = append(n.filMembers, pos(m))
		}
	}
	n.filieres = append(n.filieres, filiereRec{groups: int32(len(n.filGroups)), members: int32(len(n.filMembers))})[:len(x.filieres)]

	n.provenances = newProvTable(provs)
	n.centreTable = newIDTable(n.centres)
	n.index()
	return n, &rank
}

// minConcurrentParts is the least number of labels and activity years
// that freeze stores in a goroutine of their own: a few thousand, what
// takes about as long as starting one a hundred times.
const minConcurrentParts = 4096

// storeActivity appends a centre's activity to n.activity, by year.
func (n *Network) storeActivity(act []Activity) {
	if !activitySorted(act) { // an order that carries no meaning of its own
		act = slices.Clone(act)
		slices.SortFunc(act, activityByYear)
	}
	for _, a := range act {
		ar := activityRec{year: uint16(a.Year)}
		if fits16(a.Consultations) && fits16(a.Patients) && fits16(a.NewPatients) {
			ar.consultations, ar.patients, ar.newPats = uint16(a.Consultations), uint16(a.Patients), uint16(a.NewPatients)
		} else {
			ar.consultations = bigCount
			if n.bigActivity == nil {
				n.bigActivity = make(map[int32]Activity)
			}
			n.bigActivity[int32(len(n.activity))] = a
		}
		n.activity = append(n.activity, ar)
	}
}

// inOrder returns a copy of xs in the given order.
func inOrder[T any](xs []T, order []int32) []T {
	out := make([]T, len(xs))
	for k, i := range order {
		out[k] = xs[i]
	}
	return out
}

// activitySorted reports whether the years of as increase.
func activitySorted(as []Activity) bool {
	for k := 1; k < len(as); k++ {
		if as[k].Year < as[k-1].Year {
			return false
		}
	}
	return true
}

// An idTable finds a centre's position from its ID: open addressing over
// a power-of-two array of positions plus one (0: empty), at least twice
// as many slots as centres, about 8 bytes a centre where a map takes 40.
type idTable struct {
	seed  maphash.Seed
	slots []int32
}

func newIDTable(cs []centreRec) idTable {
	size := 8
	for size < 2*len(cs) {
		size *= 2
	}
	t := idTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
	mask := uint64(size - 1)
	for i := range cs {
		h := maphash.String(t.seed, string(cs[i].id)) & mask
		for t.slots[h] != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = int32(i) + 1
	}
	return t
}

// centrePos returns the position of centre id.
func (n *Network) centrePos(id CentreID) (int32, bool) {
	t := &n.centreTable
	mask := uint64(len(t.slots) - 1)
	for h := maphash.String(t.seed, string(id)) & mask; ; h = (h + 1) & mask {
		p := t.slots[h]
		if p == 0 {
			return 0, false
		}
		if n.centres[p-1].id == id {
			return p - 1, true
		}
	}
}

func activityByYear(a, b Activity) int { return cmp.Compare(a.Year, b.Year) }

func fits16(v int) bool { return v >= 0 && v < bigCount }

// index builds the look-up tables of the queries from the stored records.
func (n *Network) index() {
	nc := len(n.centres)
	for i := range n.centres {
		c := &n.centres[i]
		n.byGroup[c.group] = append(n.byGroup[c.group], int32(i))
		n.byTier[c.tier] = append(n.byTier[c.tier], int32(i))
	}
	for g := range n.byGroup {
		n.byGroup[g] = slices.Clip(n.byGroup[g])
	}
	for t := range n.byTier {
		n.byTier[t] = slices.Clip(n.byTier[t])
	}
	n.teamCentres = newCSR(len(n.teams), func(add func(r, p int32)) {
		for i := range n.centres {
			add(n.centres[i].team, int32(i))
		}
	})
	n.estCentres = newCSR(len(n.establishments), func(add func(r, p int32)) {
		for i := range n.centres {
			add(n.centres[i].est, int32(i))
		}
	})
	// Sectors and conventions are visited in position order, so a
	// centre's row lists them in ID order; a record listing a centre twice
	// adds it once (compared with the last added).
	n.centreFilieres = newCSR(nc, func(add func(r, p int32)) {
		last := make([]int32, nc)
		for fi := range n.filieres {
			for _, m := range n.filMembers[n.filieres[fi].members:n.filieres[:fi+2][fi+1].members] {
				if last[m] != int32(fi)+1 {
					last[m] = int32(fi) + 1
					add(m, int32(fi))
				}
			}
		}
	})
	n.filiereCentres = newCSR(len(n.filieres), func(add func(r, p int32)) {
		for c := range int32(nc) {
			for _, f := range n.centreFilieres.row(c) {
				add(f, c)
			}
		}
	})
	n.centreConventions = newCSR(nc, func(add func(r, p int32)) {
		last := make([]int32, nc)
		for k := range n.conventions {
			r := &n.conventions[k]
			party := func(c int32) {
				if last[c] != int32(k)+1 {
					last[c] = int32(k) + 1
					add(c, int32(k))
				}
			}
			for _, c := range n.parties[r.refs:r.sigs] {
				party(c)
			}
			party(r.competence)
		}
	})
	for i, e := range n.establishments {
		for _, f := range [...]FINESS{e.FINESS, e.FINESSEJ} {
			if !f.IsZero() {
				n.finess = append(n.finess, finessEntry{f.s, int32(i)})
			}
		}
	}
	slices.SortFunc(n.finess, func(a, b finessEntry) int {
		return cmp.Or(strings.Compare(a.number, b.number), cmp.Compare(a.est, b.est))
	})
	n.finess = slices.CompactFunc(n.finess, func(a, b finessEntry) bool { return a == b }) // a site that is its own legal entity
}

// A provTable holds provenances as their sources and marks apart, 17
// bytes each rather than 24, in arrays of their own length: when every
// record has its own provenance (a line of a file), they are as many as
// the records.
type provTable struct {
	sources []string
	marks   []typology.Mark
}

func newProvTable(ps []typology.Provenance) provTable {
	t := provTable{sources: make([]string, len(ps)), marks: make([]typology.Mark, len(ps))}
	for i, p := range ps {
		t.sources[i], t.marks[i] = p.Source, p.Mark
	}
	return t
}

// at returns provenance i.
func (t *provTable) at(i uint32) typology.Provenance {
	return typology.Provenance{Source: t.sources[i], Mark: t.marks[i]}
}

type finessEntry struct {
	number string
	est    int32
}

// entities returns the network's content as value types, every slice
// fresh. For the package's own readers.
func (n *Network) entities() *entities {
	x := &entities{
		establishments: n.establishments,
		teams:          make([]Team, len(n.teams)),
		centres:        make([]Centre, len(n.centres)),
		conventions:    make([]Convention, len(n.conventions)),
		filieres:       make([]Filiere, len(n.filieres)),
		platforms:      n.platforms,
	}
	for i := range n.teams {
		x.teams[i] = n.team(int32(i))
	}
	for i := range n.centres {
		x.centres[i] = n.centre(int32(i))
	}
	for i := range n.conventions {
		x.conventions[i] = n.convention(int32(i))
	}
	for i := range n.filieres {
		x.filieres[i] = n.filiere(int32(i))
	}
	return x
}

// team returns team i as a value.
func (n *Network) team(i int32) Team {
	t := &n.teams[i]
	return Team{ID: t.id, Establishment: n.establishments[t.est].ID, Unit: t.unit, Provenance: n.provenances.at(t.provenance)}
}

// centre returns centre i as a value with fresh slices.
func (n *Network) centre(i int32) Centre {
	r, next := &n.centres[i], &n.centres[:i+2][i+1] // the sentinel follows the last
	c := Centre{
		ID: r.id, Name: r.name, Tier: r.tier, Role: r.role, Kind: r.kind, Group: r.group, Scope: r.scope,
		Team: n.teams[r.team].id, Provenance: n.provenances.at(r.provenance),
	}
	if r.coord >= 0 {
		c.CoordinatingSite = n.centres[r.coord].id
	}
	if r.diseases < next.diseases {
		c.Diseases = slices.Clone(n.diseases[r.diseases:next.diseases])
	}
	if r.attached < next.attached {
		c.AttachedTo = slices.Clone(n.attached[r.attached:next.attached])
	}
	if r.labels < next.labels {
		c.Labels = n.appendLabels(nil, r.labels, next.labels)
	}
	if r.activity < next.activity {
		c.Activity = make([]Activity, next.activity-r.activity)
		for k := range c.Activity {
			c.Activity[k] = n.activityAt(r.activity + int32(k))
		}
	}
	return c
}

// appendLabels appends labels [lo, hi) of the network to dst.
func (n *Network) appendLabels(dst []labelling.Label, lo, hi int32) []labelling.Label {
	return n.labels.AppendTo(dst, int(lo), int(hi))
}

// activityAt returns activity record k.
func (n *Network) activityAt(k int32) Activity {
	a := &n.activity[k]
	if a.consultations == bigCount {
		return n.bigActivity[k]
	}
	return Activity{Year: int(a.year), Consultations: int(a.consultations), Patients: int(a.patients), NewPatients: int(a.newPats)}
}

// convention returns convention i as a value with fresh slices.
func (n *Network) convention(i int32) Convention {
	r, next := &n.conventions[i], &n.conventions[:i+2][i+1]
	return Convention{
		ID: r.id, Competence: n.centres[r.competence].id,
		Reference:   n.centreIDs(n.parties[r.refs:r.sigs]),
		Signatories: n.centreIDs(n.parties[r.sigs:next.refs]),
		Signed:      r.signed, Start: r.start, End: r.end, Provenance: n.provenances.at(r.provenance),
	}
}

// filiere returns sector i as a value with fresh slices.
func (n *Network) filiere(i int32) Filiere {
	r, next := &n.filieres[i], &n.filieres[:i+2][i+1]
	f := Filiere{ID: r.id, Name: r.name, Host: r.host, Since: r.since, Provenance: r.provenance,
		Members: n.centreIDs(n.filMembers[r.members:next.members])}
	if r.groups < next.groups {
		f.Groups = slices.Clone(n.filGroups[r.groups:next.groups])
	}
	return f
}

// centreIDs returns the IDs of the centres at positions ps, nil when none.
func (n *Network) centreIDs(ps []int32) []CentreID {
	if len(ps) == 0 {
		return nil
	}
	ids := make([]CentreID, len(ps))
	for k, p := range ps {
		ids[k] = n.centres[p].id
	}
	return ids
}

// findByID returns the position of id in xs, sorted by ID.
func findByID[T any, ID ~string](xs []T, id ID, idOf func(*T) ID) (int32, bool) {
	i, ok := slices.BinarySearchFunc(xs, id, func(x T, id ID) int { return strings.Compare(string(idOf(&x)), string(id)) })
	return int32(i), ok
}

// derivedValues holds the values of [Derived] computed for one network.
type derivedValues struct {
	mu   sync.Mutex
	vals map[any]*derivedSlot
}

type derivedSlot struct {
	once sync.Once
	v    any
}
