package network_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// sharedData is the repository's reference data, from which go generate
// makes the files of data/.
const sharedData = "../../shared/data"

func TestNationalBuilds(t *testing.T) {
	n := network.National()
	if n == nil {
		t.Fatal("National() = nil")
	}
	s := n.Stats()
	if s.Establishments == 0 || s.Teams == 0 || s.Centres == 0 || s.Labels == 0 || s.Filieres == 0 || s.Platforms == 0 {
		t.Errorf("National().Stats() = %+v, want every kind of entity but conventions", s)
	}
	// The document decodes again to the same network.
	again, err := network.Decode(bytes.NewReader(network.NationalDocument()))
	if err != nil {
		t.Fatalf("Decode(NationalDocument()) error: %v", err)
	}
	if got := again.Stats(); got != s {
		t.Errorf("Decode(NationalDocument()).Stats() = %+v, want %+v", got, s)
	}
}

func TestNationalGroupsRegionsSectors(t *testing.T) {
	n := network.National()

	var groups []typology.Group
	for g := range typology.Groups() {
		groups = append(groups, g)
	}
	if len(groups) != 17 {
		t.Errorf("typology.Groups() yields %d groups, want 17", len(groups))
	}
	covered := make(map[typology.Group]bool)
	var sectors []network.FiliereID
	for f := range n.Filieres() {
		sectors = append(sectors, f.ID)
		if len(f.Groups) == 0 {
			t.Errorf("sector %s has no group", f.ID)
		}
		for _, g := range f.Groups {
			covered[g] = true
		}
	}
	for _, g := range groups {
		if !covered[g] {
			t.Errorf("no sector of National() covers group %d (%s)", g.Number(), g)
		}
	}
	if len(sectors) != 23 {
		t.Errorf("National() has %d sectors, want 23: %v", len(sectors), sectors)
	}
	for _, id := range []network.FiliereID{"SENSGENE", "FILNEMUS", "MHEMO", "MUCO-CFTR", "TETECOU"} {
		if _, ok := n.Filiere(id); !ok {
			t.Errorf("National().Filiere(%q) not found", id)
		}
	}
	for c := range n.Centres() {
		if !c.Group.IsValid() {
			t.Errorf("centre %s: group %d is not one of the 17", c.ID, c.Group)
		}
	}

	regions := 0
	for range network.Regions() {
		regions++
	}
	if regions != 18 {
		t.Errorf("Regions() yields %d regions, want 18", regions)
	}
	for e := range n.Establishments() {
		if _, ok := network.RegionOf(e.Region); !ok {
			t.Errorf("establishment %s: region %q is not one of the 18", e.ID, e.Region)
		}
	}
}

func checkProvenance(t *testing.T, what string, p typology.Provenance) {
	t.Helper()
	if p.Source == "" {
		t.Errorf("%s: no source", what)
	}
	if !p.Mark.IsValid() {
		t.Errorf("%s: mark %v is not valid", what, p.Mark)
	}
}

func TestNationalProvenance(t *testing.T) {
	n := network.National()
	for e := range n.Establishments() {
		checkProvenance(t, "establishment "+string(e.ID), e.Provenance)
	}
	for tm := range n.Teams() {
		checkProvenance(t, "team "+string(tm.ID), tm.Provenance)
	}
	for c := range n.Centres() {
		checkProvenance(t, "centre "+string(c.ID), c.Provenance)
		for i, l := range c.Labels {
			what := "centre " + string(c.ID) + " label " + l.String()
			checkProvenance(t, what, l.Provenance())
			// Every label the data derives runs five years from its act.
			if got, want := l.Initial().End(), l.Start().AddDate(5, 0, 0); got != want {
				t.Errorf("%s (labels[%d]): end %v, want five years from its start, %v", what, i, got, want)
			}
			if l.Act().Kind != labelling.Arrete || l.Act().Date != l.Start() {
				t.Errorf("%s (labels[%d]): act %v, want an arrêté dated the label's start", what, i, l.Act())
			}
		}
	}
	for f := range n.Filieres() {
		checkProvenance(t, "sector "+string(f.ID), f.Provenance)
	}
	for p := range n.Platforms() {
		checkProvenance(t, "platform "+string(p.ID), p.Provenance)
	}
	for c := range n.Conventions() {
		checkProvenance(t, "convention "+string(c.ID), c.Provenance)
	}
}

// TestNationalDataCopies checks that the tables region.go embeds are the
// shared ones, byte for byte.
func TestNationalDataCopies(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("no shared data at %s: %v", sharedData, err)
	}
	for _, name := range []string{"regions.csv", "regions_pre2016.csv"} {
		want, err := os.ReadFile(filepath.Join(sharedData, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s differs from %s/%s: run go generate in package network", name, sharedData, name)
		}
	}
}

// TestNationalGenerated is the "never edited by hand" guard: running the
// generator on the shared data reproduces every file of data/ byte for
// byte.
func TestNationalGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator; skipped in -short mode")
	}
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("no shared data at %s: %v", sharedData, err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go tool: %v", err)
	}
	out := t.TempDir()
	cmd := exec.Command(goTool, "run", "./internal/gen", "-data", sharedData, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./internal/gen: %v\n%s", err, b)
	}
	for _, name := range []string{"national.json", "regions.csv", "regions_pre2016.csv"} {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is not what the generator makes from %s: run go generate in package network, never edit it by hand", name, sharedData)
		}
	}
	if !bytes.Equal(network.NationalDocument(), mustRead(t, filepath.Join(out, "national.json"))) {
		t.Error("NationalDocument() is not the generated data/national.json")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNationalSENSGENE checks the six reference centres of
// sensgene-centres-2017.txt: coordinating sites of the sector, labelled by
// the 2017 order, in the hospitals the text names.
func TestNationalSENSGENE(t *testing.T) {
	n := network.National()
	f, ok := n.Filiere("SENSGENE")
	if !ok {
		t.Fatal(`National().Filiere("SENSGENE") not found`)
	}
	if f.Host != "hus" {
		t.Errorf("SENSGENE host = %q, want hus", f.Host)
	}
	if !slices.Equal(f.Groups, []typology.Group{typology.Sensory}) {
		t.Errorf("SENSGENE groups = %v, want [%v]", f.Groups, typology.Sensory)
	}
	in2019 := labelling.MustParseDate("2019-01-01")
	var got []string
	for c := range n.CentresOfFiliere("SENSGENE") {
		if c.Tier != typology.Reference || c.Role != typology.Coordinating || !c.InForce(in2019) {
			continue
		}
		e, _ := n.EstablishmentOfCentre(c.ID)
		got = append(got, string(e.ID))
		if c.Group != typology.Sensory {
			t.Errorf("SENSGENE centre %s: group %v, want %v", c.ID, c.Group, typology.Sensory)
		}
	}
	slices.Sort(got)
	want := []string{"aphp-necker", "aphp-necker", "chno-quinze-vingts", "chu-montpellier", "chu-toulouse", "hus"}
	if !slices.Equal(got, want) {
		t.Errorf("SENSGENE's reference centres in force in 2019 are at %v, want %v", got, want)
	}
}

// TestNationalFace2007 checks the two reference centres for facial
// malformations labelled in 2007 (crmr-malformations-face-2007.txt).
func TestNationalFace2007(t *testing.T) {
	n := network.National()
	for id, est := range map[network.CentreID]network.EstablishmentID{
		"crmr-malformations-face-2007-aphp-necker": "aphp-necker",
		"crmr-malformations-face-2007-chu-lille":   "chu-lille",
	} {
		c, ok := n.Centre(id)
		if !ok {
			t.Errorf("National().Centre(%q) not found", id)
			continue
		}
		if c.Tier != typology.Reference {
			t.Errorf("centre %s: tier %v, want %v", id, c.Tier, typology.Reference)
		}
		if e, _ := n.EstablishmentOfCentre(id); e.ID != est {
			t.Errorf("centre %s is at %q, want %q", id, e.ID, est)
		}
		// The text gives the year, not the day: no label is recorded.
		if len(c.Labels) != 0 {
			t.Errorf("centre %s has labels %v, want none (the source gives no day)", id, c.Labels)
		}
	}
}

func TestNationalOnce(t *testing.T) {
	const workers = 8
	var wg sync.WaitGroup
	got := make([]*network.Network, workers)
	for i := range workers {
		wg.Go(func() { got[i] = network.National() })
	}
	wg.Wait()
	for i, n := range got {
		if n == nil || n != got[0] {
			t.Errorf("National() call %d returned %p, want the same network as call 0 (%p)", i, n, got[0])
		}
	}
	if network.National() != got[0] {
		t.Error("National() returned another network on a later call")
	}
}

func TestNationalDocumentIsACopy(t *testing.T) {
	a := network.NationalDocument()
	if len(a) == 0 {
		t.Fatal("NationalDocument() is empty")
	}
	a[0] ^= 0xff
	if b := network.NationalDocument(); b[0] == a[0] {
		t.Error("NationalDocument() shares its bytes with the caller")
	}
}
