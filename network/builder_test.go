package network_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/typology"
)

var d = labelling.MustParseDate

func label(start, end string, events ...labelling.Event) labelling.Label {
	return labelling.MustLabel(d(start), d(end), labelling.Act{Kind: labelling.Arrete, Date: d(start)}, events...)
}

// fixture returns a builder holding a small valid network: two
// establishments in two regions, a coordinating and a constitutive site of
// group 12, two competence centres (one per region) and a convention.
func fixture() *network.Builder {
	b := &network.Builder{}
	b.AddEstablishment(network.Establishment{ID: "hus", Name: "Hôpitaux universitaires de Strasbourg", Region: "44", FINESS: network.MustParseFINESS("670780055")})
	b.AddEstablishment(network.Establishment{ID: "aphp", Name: "AP-HP", Region: "11", FINESS: network.MustParseFINESS("750712184")})
	b.AddTeam(network.Team{ID: "hus-gen", Establishment: "hus"})
	b.AddTeam(network.Team{ID: "aphp-oph", Establishment: "aphp"})
	b.AddCentre(network.Centre{ID: "crmr-a", Name: "CRMR A", Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory, Team: "hus-gen",
		Labels: []labelling.Label{label("2017-11-25", "2022-11-25")}})
	b.AddCentre(network.Centre{ID: "crmr-b", Name: "CRMR B", Tier: typology.Reference, Role: typology.Constitutive, CoordinatingSite: "crmr-a", Group: typology.Sensory, Team: "aphp-oph",
		Labels: []labelling.Label{label("2017-11-25", "2022-11-25")}})
	b.AddCentre(network.Centre{ID: "ccmr-c", Name: "CCMR C", Tier: typology.Competence, Group: typology.Sensory, Team: "aphp-oph",
		Labels:   []labelling.Label{label("2018-01-01", "2023-01-01")},
		Activity: []network.Activity{{Year: 2019, Consultations: 90, Patients: 40, NewPatients: 5}, {Year: 2018, Consultations: 80, Patients: 30, NewPatients: 30}}})
	b.AddCentre(network.Centre{ID: "ccmr-d", Name: "CCMR D", Tier: typology.Competence, Group: typology.Renal, Team: "hus-gen",
		Labels: []labelling.Label{label("2010-01-01", "2015-01-01")}})
	b.AddConvention(network.Convention{ID: "conv-1", Reference: []network.CentreID{"crmr-a"}, Competence: "ccmr-c", Signed: d("2018-01-10"), Start: d("2018-01-10"), Signatories: []network.CentreID{"crmr-a"}})
	b.AddFiliere(network.Filiere{ID: "SENSGENE", Name: "Maladies rares sensorielles", Host: "hus", Groups: []typology.Group{typology.Sensory}, Members: []network.CentreID{"crmr-a"}})
	b.AddPlatform(network.Platform{ID: "pemr-hus", Name: "PEMR HUS", Host: "hus"})
	return b
}

func mustBuild(t testing.TB, b *network.Builder) *network.Network {
	t.Helper()
	n, err := b.Build()
	if err != nil {
		t.Fatalf("Build() error: %v", err)
	}
	return n
}

func ids[T any, ID ~string](seq func(func(T) bool), id func(T) ID) []string {
	var out []string
	for x := range seq {
		out = append(out, string(id(x)))
	}
	return out
}

func centreID(c network.Centre) network.CentreID { return c.ID }

func TestBuildDefaultsAndQueries(t *testing.T) {
	n := mustBuild(t, fixture())
	c, ok := n.Centre("ccmr-c")
	if !ok {
		t.Fatal(`Centre("ccmr-c") not found`)
	}
	if c.Kind != typology.KindCCMR || c.Scope != typology.Regional {
		t.Errorf("competence defaults = %v, %v; want ccmr, regional", c.Kind, c.Scope)
	}
	if a := c.Activity; a[0].Year != 2018 || a[1].Year != 2019 {
		t.Errorf("activity not sorted by year: %+v", a)
	}
	r, _ := n.Centre("crmr-a")
	if r.Kind != typology.KindCRMR || r.Scope != typology.National {
		t.Errorf("reference defaults = %v, %v; want crmr, national", r.Kind, r.Scope)
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"Centres", ids(n.Centres(), centreID), []string{"ccmr-c", "ccmr-d", "crmr-a", "crmr-b"}},
		{"CentresByGroup(Sensory)", ids(n.CentresByGroup(typology.Sensory), centreID), []string{"ccmr-c", "crmr-a", "crmr-b"}},
		{"CentresByGroup(0)", ids(n.CentresByGroup(0), centreID), nil},
		{"CentresByTier(Reference)", ids(n.CentresByTier(typology.Reference), centreID), []string{"crmr-a", "crmr-b"}},
		{"CentresOfTeam(hus-gen)", ids(n.CentresOfTeam("hus-gen"), centreID), []string{"ccmr-d", "crmr-a"}},
		{"CentresOfEstablishment(aphp)", ids(n.CentresOfEstablishment("aphp"), centreID), []string{"ccmr-c", "crmr-b"}},
		{"CentresInRegion(44)", ids(n.CentresInRegion("44"), centreID), []string{"ccmr-d", "crmr-a"}},
		{"CentresInInterregion(Est)", ids(n.CentresInInterregion(network.Est), centreID), []string{"ccmr-d", "crmr-a"}},
		{"CentresOfFiliere(SENSGENE)", ids(n.CentresOfFiliere("SENSGENE"), centreID), []string{"crmr-a"}},
		{"CentresInForce(2020-01-01)", ids(n.CentresInForce(d("2020-01-01")), centreID), []string{"ccmr-c", "crmr-a", "crmr-b"}},
		{"ConventionsOf(crmr-a)", ids(n.ConventionsOf("crmr-a"), func(c network.Convention) network.ConventionID { return c.ID }), []string{"conv-1"}},
		{"ConventionsOf(crmr-b)", ids(n.ConventionsOf("crmr-b"), func(c network.Convention) network.ConventionID { return c.ID }), nil},
		{"FilieresOf(crmr-a)", ids(n.FilieresOf("crmr-a"), func(f network.Filiere) network.FiliereID { return f.ID }), []string{"SENSGENE"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if got, want := n.Stats(), (network.Stats{Establishments: 2, Teams: 2, Centres: 4, Labels: 4, Conventions: 1, Filieres: 1, Platforms: 1}); got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
}

func TestBuildDoesNotShareWithBuilder(t *testing.T) {
	b := fixture()
	ds := []typology.Disease{{Name: "x"}}
	b.AddCentre(network.Centre{ID: "ccmr-e", Name: "E", Tier: typology.Competence, Group: typology.Renal, Team: "hus-gen", Diseases: ds})
	n := mustBuild(t, b)
	ds[0].Name = "changed"
	b.AddCentre(network.Centre{ID: "ccmr-f", Name: "F", Tier: typology.Competence, Group: typology.Renal, Team: "hus-gen"})
	c, _ := n.Centre("ccmr-e")
	if c.Diseases[0].Name != "x" {
		t.Errorf("the network shares a disease slice with its caller")
	}
	if _, ok := n.Centre("ccmr-f"); ok {
		t.Errorf("a centre added after Build appears in the built network")
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(b *network.Builder)
		want  string // substring of the joined error
		isErr error
	}{
		{"duplicate centre", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "crmr-a", Name: "again", Tier: typology.Competence, Group: 1, Team: "hus-gen"})
		}, `centres[4] (id "crmr-a"): id: "crmr-a" is already the ID of centres[0]`, network.ErrDuplicate},
		{"dangling team", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Competence, Group: 1, Team: "nope"})
		}, `centres[4] (id "x"): team: no team has the ID "nope"`, network.ErrDangling},
		{"bad group", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Competence, Group: 18, Team: "hus-gen"})
		}, `group: 18 is not a group (1 to 17)`, network.ErrInvalid},
		{"reference without role", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Reference, Group: 1, Team: "hus-gen"})
		}, `role: missing: a reference centre needs a role`, network.ErrMissing},
		{"competence with role", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Competence, Role: typology.Coordinating, Group: 1, Team: "hus-gen"})
		}, `role: a competence centre has no role`, network.ErrInvalid},
		{"negative count", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Competence, Group: 1, Team: "hus-gen", Activity: []network.Activity{{Year: 2019, Patients: -1}}})
		}, `activity[0].patients: -1 is negative`, network.ErrInvalid},
		{"duplicate activity year", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Competence, Group: 1, Team: "hus-gen", Activity: []network.Activity{{Year: 2019}, {Year: 2019}}})
		}, `activity[1].year: 2019 is already recorded at activity[0]`, network.ErrDuplicate},
		{"convention competence is reference", func(b *network.Builder) {
			b.AddConvention(network.Convention{ID: "conv-2", Reference: []network.CentreID{"crmr-a"}, Competence: "crmr-b", Signed: d("2018-01-01"), Start: d("2018-01-01")})
		}, `conventions[1] (id "conv-2"): competence: "crmr-b" is not a competence centre`, network.ErrDangling},
		{"convention without reference", func(b *network.Builder) {
			b.AddConvention(network.Convention{ID: "conv-2", Competence: "ccmr-c", Signed: d("2018-01-01"), Start: d("2018-01-01")})
		}, `conventions[1] (id "conv-2"): reference: no reference party`, network.ErrMissing},
		{"convention end before start", func(b *network.Builder) {
			b.AddConvention(network.Convention{ID: "conv-2", Reference: []network.CentreID{"crmr-a"}, Competence: "ccmr-c", Signed: d("2018-01-01"), Start: d("2018-01-01"), End: d("2018-01-01")})
		}, `end: "2018-01-01" is not after the start "2018-01-01"`, network.ErrInvalid},
		{"bad region", func(b *network.Builder) {
			b.AddEstablishment(network.Establishment{ID: "x", Name: "x", Region: "2A"})
		}, `establishments[2] (id "x"): region: "2A" is not a region code of the 2016 map`, network.ErrInvalid},
		{"platform host dangling", func(b *network.Builder) {
			b.AddPlatform(network.Platform{ID: "p", Name: "p", Host: "nowhere"})
		}, `platforms[1] (id "p"): host: no establishment has the ID "nowhere"`, network.ErrDangling},
		{"coordinating site on a coordinating site", func(b *network.Builder) {
			b.AddCentre(network.Centre{ID: "x", Name: "x", Tier: typology.Reference, Role: typology.Coordinating, CoordinatingSite: "crmr-a", Group: 1, Team: "hus-gen"})
		}, `coordinating_site: only a constitutive site names a coordinating site`, network.ErrInvalid},
		{"bad latitude", func(b *network.Builder) {
			b.AddEstablishment(network.Establishment{ID: "x", Name: "x", Region: "11", Location: network.Location{Lat: 91, Known: true}})
		}, `lat: 91 is not a latitude`, network.ErrInvalid},
		{"missing id", func(b *network.Builder) { b.AddTeam(network.Team{Establishment: "hus"}) }, `teams[2]: id: missing`, network.ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fixture()
			tt.edit(b)
			n, err := b.Build()
			if err == nil {
				t.Fatalf("Build() = %v, nil; want an error containing %q", n, tt.want)
			}
			if n != nil {
				t.Errorf("Build() returned a partial network with its error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build() error = %q\nwant it to contain %q", err, tt.want)
			}
			if !errors.Is(err, tt.isErr) {
				t.Errorf("errors.Is(Build() error, %v) = false", tt.isErr)
			}
			var fe *network.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("Build() error is not a *FieldError")
			}
		})
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	b := fixture()
	b.AddCentre(network.Centre{ID: "x", Tier: typology.Competence, Group: 1, Team: "nope"})
	b.AddTeam(network.Team{ID: "t", Establishment: "nowhere"})
	_, err := b.Build()
	var n int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *network.FieldError
		if errors.As(e, &fe) {
			n++
		}
	}
	if n != 3 {
		t.Errorf("Build() reported %d problems, want 3 (name, team, establishment): %v", n, err)
	}
}

func TestSnapshot(t *testing.T) {
	n := mustBuild(t, fixture())
	s := n.Snapshot(d("2020-06-01"))
	if got, want := ids(s.Centres(), centreID), []string{"ccmr-c", "crmr-a", "crmr-b"}; !slices.Equal(got, want) {
		t.Errorf("Snapshot centres = %v, want %v", got, want)
	}
	if s.Stats().Conventions != 1 {
		t.Errorf("Snapshot keeps %d conventions, want 1", s.Stats().Conventions)
	}
	s = n.Snapshot(d("2012-06-01"))
	if got, want := ids(s.Centres(), centreID), []string{"ccmr-d"}; !slices.Equal(got, want) {
		t.Errorf("Snapshot(2012) centres = %v, want %v", got, want)
	}
	if s.Stats().Conventions != 0 || len(ids(s.CentresOfFiliere("SENSGENE"), centreID)) != 0 {
		t.Errorf("Snapshot(2012) keeps conventions or sector members of centres not in force")
	}
}

// TestConcurrentReaders runs many readers on one Network while others build
// new networks; run it under -race.
func TestConcurrentReaders(t *testing.T) {
	n := mustBuild(t, fixture())
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					mustBuild(t, fixture())
					continue
				}
				for c := range n.Centres() {
					for range n.ConventionsOf(c.ID) {
					}
					_ = c.InForce(d("2020-01-01"))
				}
				_ = n.Snapshot(d("2019-01-01"))
				_ = ids(n.CentresInInterregion(network.IleDeFrance), centreID)
			}
		})
	}
	wg.Wait()
}

// TestEditCentres: a network derived through Edit and EditCentres has the
// edited centres, and the network it came from keeps its own.
func TestEditCentres(t *testing.T) {
	n := networktest.Scale(50, 1, 0)
	var edited []network.CentreID
	b := n.Edit()
	b.EditCentres(func(c *network.Centre) {
		if len(c.Activity) > 0 {
			c.Activity = c.Activity[:1]
			c.Activity[0].Patients = 0 // the Builder's own copy
			c.Activity[0].NewPatients = 0
			edited = append(edited, c.ID)
		}
	})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(edited) == 0 {
		t.Fatal("no centre with activity to edit")
	}
	for _, id := range edited {
		before, _ := n.Centre(id)
		after, _ := m.Centre(id)
		if len(after.Activity) != 1 || after.Activity[0].Patients != 0 {
			t.Errorf("%s: edited activity %+v", id, after.Activity)
		}
		if len(before.Activity) == len(after.Activity) && before.Activity[0] == after.Activity[0] {
			t.Errorf("%s: the original network changed with the edit: %+v", id, before.Activity)
		}
	}
	if n.Stats().Centres != m.Stats().Centres {
		t.Errorf("centres %d -> %d", n.Stats().Centres, m.Stats().Centres)
	}
}
