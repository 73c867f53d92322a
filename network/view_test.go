package network_test

import (
	"math"
	"math/bits"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// fromViews rebuilds, through the views alone, what the value API returns.
func fromViews(n *network.Network) (cs []network.Centre, ks []network.Convention, fs []network.Filiere) {
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		c := network.Centre{ID: v.ID(), Name: v.Name(), Tier: v.Tier(), Role: v.Role(), Kind: v.Kind(),
			Group: v.Group(), Scope: v.Scope(), Team: n.TeamAt(v.Team()).ID, Provenance: v.Provenance()}
		if v.TeamID() != c.Team || v.Index() != i {
			panic("view: team or index disagree")
		}
		if s, ok := v.CoordinatingSite(); ok {
			c.CoordinatingSite = n.CentreAt(s).ID()
		}
		for k := range v.NumDiseases() {
			c.Diseases = append(c.Diseases, v.Disease(k))
		}
		for k := range v.NumAttachedTo() {
			c.AttachedTo = append(c.AttachedTo, v.AttachedTo(k))
		}
		for k := range v.NumLabels() {
			c.Labels = append(c.Labels, v.Label(k))
		}
		for k := range v.NumActivity() {
			c.Activity = append(c.Activity, v.Activity(k))
		}
		if got := v.AppendActivity([]network.Activity{{Year: 1}}); len(got) != len(c.Activity)+1 || !slices.Equal(got[1:], c.Activity) {
			panic("view: AppendActivity and Activity disagree")
		}
		cs = append(cs, c)
	}
	for i := range n.NumConventions() {
		v := n.ConventionAt(i)
		k := network.Convention{ID: v.ID(), Competence: n.CentreAt(v.Competence()).ID(), Signed: v.Signed(),
			Start: v.Start(), End: v.End(), Provenance: v.Provenance()}
		for j := range v.NumReference() {
			k.Reference = append(k.Reference, n.CentreAt(v.Reference(j)).ID())
		}
		for j := range v.NumSignatories() {
			k.Signatories = append(k.Signatories, n.CentreAt(v.Signatory(j)).ID())
		}
		ks = append(ks, k)
	}
	for i := range n.NumFilieres() {
		v := n.FiliereAt(i)
		f := network.Filiere{ID: v.ID(), Name: v.Name(), Host: v.Host(), Since: v.Since(), Provenance: v.Provenance()}
		for j := range v.NumGroups() {
			f.Groups = append(f.Groups, v.Group(j))
		}
		fs = append(fs, f)
	}
	return cs, ks, fs
}

// TestViewsAgree checks that the views read what the value API returns, and
// that the positions they give agree with the queries by ID.
func TestViewsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{}).Draw(t, "network")
		cs, ks, fs := fromViews(n)
		if diff := cmp.Diff(slices.Collect(n.Centres()), cs, aliasOpts); diff != "" {
			t.Fatalf("centres through views (-values +views):\n%s", diff)
		}
		if diff := cmp.Diff(slices.Collect(n.Conventions()), ks, aliasOpts); diff != "" {
			t.Fatalf("conventions through views (-values +views):\n%s", diff)
		}
		var want []network.Filiere
		for f := range n.Filieres() {
			f.Members = nil // members: by position below
			want = append(want, f)
		}
		if diff := cmp.Diff(want, fs, aliasOpts); diff != "" {
			t.Fatalf("sectors through views (-values +views):\n%s", diff)
		}
		for i := range n.NumFilieres() {
			v := n.FiliereAt(i)
			var got []network.CentreID
			for k := range v.NumMembers() {
				got = append(got, n.CentreAt(v.Member(k)).ID())
			}
			if diff := cmp.Diff(centreIDs(n.CentresOfFiliere(v.ID())), got, aliasOpts); diff != "" {
				t.Fatalf("members of %s through views (-query +views):\n%s", v.ID(), diff)
			}
		}
		for i := range n.NumCentres() {
			v := n.CentreAt(i)
			var gotK []network.ConventionID
			for k := range v.NumConventions() {
				gotK = append(gotK, n.ConventionAt(v.Convention(k)).ID())
			}
			var wantK []network.ConventionID
			for k := range n.ConventionsOf(v.ID()) {
				wantK = append(wantK, k.ID)
			}
			if !slices.Equal(gotK, wantK) {
				t.Fatalf("conventions of %s: views %v, query %v", v.ID(), gotK, wantK)
			}
			var gotF, wantF []network.FiliereID
			for k := range v.NumFilieres() {
				gotF = append(gotF, n.FiliereAt(v.Filiere(k)).ID())
			}
			for f := range n.FilieresOf(v.ID()) {
				wantF = append(wantF, f.ID)
			}
			if !slices.Equal(gotF, wantF) {
				t.Fatalf("sectors of %s: views %v, query %v", v.ID(), gotF, wantF)
			}
			e, _ := n.EstablishmentOfCentre(v.ID())
			if got := n.EstablishmentAt(v.Establishment()); got != e || v.Region() != e.Region {
				t.Fatalf("establishment of %s: view %v, query %v", v.ID(), got, e)
			}
		}
	})
}

// TestCopyTo checks that CopyTo gives what the value API gives, whatever
// the reused value held before, and that reusing one value allocates
// nothing once it has grown.
func TestCopyTo(t *testing.T) {
	n := networktest.Scale(300, 4, networktest.RealisticDefects)
	var c network.Centre
	var k network.Convention
	for round := range 2 {
		for i := range n.NumCentres() {
			n.CentreAt(i).CopyTo(&c)
			if diff := cmp.Diff(n.CentreAt(i).Centre(), c, aliasOpts); diff != "" {
				t.Fatalf("round %d: CentreAt(%d).CopyTo (-Centre +CopyTo):\n%s", round, i, diff)
			}
		}
		for i := range n.NumConventions() {
			n.ConventionAt(i).CopyTo(&k)
			if diff := cmp.Diff(n.ConventionAt(i).Convention(), k, aliasOpts); diff != "" {
				t.Fatalf("round %d: ConventionAt(%d).CopyTo (-Convention +CopyTo):\n%s", round, i, diff)
			}
		}
	}
	allocs := testing.AllocsPerRun(5, func() {
		for i := range n.NumCentres() {
			n.CentreAt(i).CopyTo(&c)
		}
		for i := range n.NumConventions() {
			n.ConventionAt(i).CopyTo(&k)
		}
	})
	if allocs != 0 {
		t.Errorf("CopyTo into reused values: %v allocations per pass, want 0", allocs)
	}
	// What CopyTo wrote is the caller's: writing over it changes nothing.
	before := n.CentreAt(0).Centre()
	n.CentreAt(0).CopyTo(&c)
	scribble(reflect.ValueOf(&c).Elem())
	if diff := cmp.Diff(before, n.CentreAt(0).Centre(), aliasOpts); diff != "" {
		t.Errorf("writing over a CopyTo result changed the network (-before +after):\n%s", diff)
	}
}

// TestViewsAllocateNothing pins the read path's promise.
func TestViewsAllocateNothing(t *testing.T) {
	n := networktest.Scale(200, 1, 0)
	buf := make([]labelling.Label, 0, 16)
	acts := make([]network.Activity, 0, 64)
	sum := 0
	allocs := testing.AllocsPerRun(10, func() {
		for i := range n.NumCentres() {
			c := n.CentreAt(i)
			buf = c.AppendLabels(buf[:0])
			acts = c.AppendActivity(acts[:0])
			for k := range c.NumLabels() {
				sum += c.Label(k).NumEvents()
			}
			for k := range c.NumActivity() {
				sum += c.Activity(k).Patients
			}
			if c.InForce(networktest.ScaleAt) {
				sum++
			}
			for k := range c.NumConventions() {
				v := n.ConventionAt(c.Convention(k))
				sum += v.NumReference() + v.NumSignatories() + v.Competence()
			}
		}
		for i := range n.NumFilieres() {
			sum += n.FiliereAt(i).NumMembers()
		}
	})
	if allocs != 0 {
		t.Errorf("reading every centre through views: %v allocations, want 0", allocs)
	}
	_ = sum
}

// TestViewOutOfRange checks that a position out of range panics, as
// indexing a slice does, rather than reading another record.
func TestViewOutOfRange(t *testing.T) {
	n := networktest.Scale(10, 1, 0)
	cases := map[string]func(){
		"CentreAt(-1)":       func() { n.CentreAt(-1) },
		"CentreAt(n)":        func() { n.CentreAt(n.NumCentres()) },
		"ConventionAt(n)":    func() { n.ConventionAt(n.NumConventions()) },
		"FiliereAt(n)":       func() { n.FiliereAt(n.NumFilieres()) },
		"TeamAt(n)":          func() { n.TeamAt(n.NumTeams()) },
		"EstablishmentAt(n)": func() { n.EstablishmentAt(n.NumEstablishments()) },
		"Label(NumLabels)":   func() { c := n.CentreAt(0); c.Label(c.NumLabels()) },
		"Activity(NumYears)": func() { c := n.CentreAt(0); c.Activity(c.NumActivity()) },
	}
	if bits.UintSize == 64 {
		// A position that an int holds and an int32 does not: it must
		// panic, not wrap around to position 0.
		one := uint64(1) // not a constant: 1<<32 does not compile where an int has 32 bits
		cases["TeamAt(1<<32)"] = func() { n.TeamAt(int(one << 32)) }
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

var centresPerGroup = network.NewDerived(func(n *network.Network) []int {
	counts := make([]int, 18)
	for i := range n.NumCentres() {
		counts[n.CentreAt(i).Group()]++
	}
	return counts
})

// TestDerived checks that a Derived is computed once per network, even
// when many goroutines ask at once, and separately for each network.
func TestDerived(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	d := network.NewDerived(func(n *network.Network) int {
		mu.Lock()
		calls++
		mu.Unlock()
		return n.NumCentres()
	})
	a, b := networktest.Scale(50, 1, 0), networktest.Scale(80, 1, 0)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if d.Of(a) != 50 || d.Of(b) != 80 {
				t.Error("Derived.Of returned another network's value")
			}
		})
	}
	wg.Wait()
	if calls != 2 {
		t.Errorf("the function of a Derived ran %d times for two networks, want 2", calls)
	}
	if got := centresPerGroup.Of(a); got[1] == 0 || &got[0] != &centresPerGroup.Of(a)[0] {
		t.Errorf("centresPerGroup.Of(a) = %v, recomputed or empty", got)
	}
	var nilIface = network.NewDerived(func(*network.Network) error { return nil })
	if err := nilIface.Of(a); err != nil {
		t.Errorf("a Derived of a nil interface value = %v, want nil", err)
	}
}

// TestEstablishmentsByFINESS finds sites by their own number and by their
// legal entity's, which several sites share.
func TestEstablishmentsByFINESS(t *testing.T) {
	var b network.Builder
	ej := network.MustParseFINESS("750712184")
	b.AddEstablishment(network.Establishment{ID: "site-b", Name: "B", Region: "11", FINESS: network.MustParseFINESS("750100208"), FINESSEJ: ej})
	b.AddEstablishment(network.Establishment{ID: "site-a", Name: "A", Region: "11", FINESS: network.MustParseFINESS("750001018"), FINESSEJ: ej})
	b.AddEstablishment(network.Establishment{ID: "self", Name: "S", Region: "04", FINESS: network.MustParseFINESS("970408589"), FINESSEJ: network.MustParseFINESS("970408589")})
	b.AddEstablishment(network.Establishment{ID: "none", Name: "N", Region: "44"})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	find := func(s string) []network.EstablishmentID {
		var f network.FINESS
		if s != "" {
			f = network.MustParseFINESS(s)
		}
		var out []network.EstablishmentID
		for e := range n.EstablishmentsByFINESS(f) {
			out = append(out, e.ID)
		}
		return out
	}
	for _, tt := range []struct {
		finess string
		want   []network.EstablishmentID
	}{
		{"750712184", []network.EstablishmentID{"site-a", "site-b"}},
		{"750100208", []network.EstablishmentID{"site-b"}},
		{"970408589", []network.EstablishmentID{"self"}},
		{"670780055", nil},
		{"", nil},
	} {
		if got := find(tt.finess); !slices.Equal(got, tt.want) {
			t.Errorf("EstablishmentsByFINESS(%q) = %v, want %v", tt.finess, got, tt.want)
		}
	}
}

func TestCentreRegionAndStats(t *testing.T) {
	n := network.National()
	for c := range n.Centres() {
		r, ok := n.CentreRegion(c.ID)
		e, _ := n.EstablishmentOfCentre(c.ID)
		if !ok || r.Code != e.Region || r.Name == "" {
			t.Fatalf("CentreRegion(%q) = %v, %v; want the region %q", c.ID, r, ok, e.Region)
		}
	}
	if r, ok := n.CentreRegion("no-such-centre"); ok {
		t.Errorf("CentreRegion(unknown) = %v, true", r)
	}
	s := network.Stats{Establishments: 1, Teams: 2, Centres: 3, Labels: 0, Conventions: 1, Filieres: 23, Platforms: 18}
	want := "1 establishment, 2 teams, 3 centres, 0 labels, 1 convention, 23 sectors, 18 platforms"
	if got := s.String(); got != want {
		t.Errorf("Stats.String() = %q, want %q", got, want)
	}
}

// TestBigActivity checks that counts beyond 16 bits, which the compact
// storage keeps aside, come back whole.
func TestBigActivity(t *testing.T) {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "e", Name: "E", Region: "11"})
	b.AddTeam(network.Team{ID: "t", Establishment: "e"})
	act := []network.Activity{
		{Year: 2021, Consultations: math.MaxInt, Patients: 3, NewPatients: 1},
		{Year: 2019, Consultations: 5, Patients: math.MaxInt32, NewPatients: 1 << 20},
		{Year: 2020, Consultations: 65535, Patients: 65534, NewPatients: 0}, // the first count kept aside, the last kept in place
	}
	b.AddCentre(network.Centre{ID: "c", Name: "C", Tier: 2, Group: 1, Team: "t", Activity: act})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := n.Centre("c")
	want := []network.Activity{act[1], act[2], act[0]} // by year
	if diff := cmp.Diff(want, c.Activity); diff != "" {
		t.Errorf("activity (-want +got):\n%s", diff)
	}
	for k, w := range want {
		if got := n.CentreAt(0).Activity(k); got != w {
			t.Errorf("CentreAt(0).Activity(%d) = %v, want %v", k, got, w)
		}
	}
	if diff := cmp.Diff(want, n.CentreAt(0).AppendActivity(nil)); diff != "" {
		t.Errorf("AppendActivity (-want +got):\n%s", diff)
	}
}
