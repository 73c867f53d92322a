package network_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/internal/refdata"
	"github.com/rarenet/rarenet/typology"
)

// sourceDir is the repository's reference data, from which go generate
// makes data/national.json.
const sourceDir = "data/source"

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
			// Every label the data derives runs five years from its act,
			// four for the CRCM (arrêté du 16 janvier 2014).
			years := 5
			if c.Kind == typology.KindCRCM {
				years = 4
			}
			if got, want := l.Initial().End(), l.Start().AddDate(years, 0, 0); got != want {
				t.Errorf("%s (labels[%d]): end %v, want %d years from its start, %v", what, i, got, years, want)
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

// TestNationalGenerated is the "never edited by hand" guard: building the
// network again from the reference data gives data/national.json byte for
// byte. It fails, never skips, when the data is missing.
func TestNationalGenerated(t *testing.T) {
	doc, _, err := refdata.Generate(sourceDir)
	if err != nil {
		t.Fatalf("refdata.Generate(%q): %v", sourceDir, err)
	}
	if got := mustRead(t, filepath.Join("data", "national.json")); !bytes.Equal(got, doc) {
		t.Errorf("data/national.json is not what the generator makes from %s: run go generate ./network, never edit it by hand", sourceDir)
	}
	if !bytes.Equal(network.NationalDocument(), doc) {
		t.Error("NationalDocument() is not the generated document")
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

// built is the network the generator builds from the reference data,
// before encoding: the tests of the data read it.
var built = sync.OnceValues(func() (*network.Network, error) { return refdata.Build(sourceDir) })

func referenceData(t *testing.T) *network.Network {
	t.Helper()
	n, err := built()
	if err != nil {
		t.Fatalf("refdata.Build(%q): %v", sourceDir, err)
	}
	return n
}

// readSource reads a table of the reference data, header included.
func readSource(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sourceDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// TestNationalIsTheBuiltNetwork checks that the embedded document keeps
// everything the generator built, the rarenet/1.1 fields included.
func TestNationalIsTheBuiltNetwork(t *testing.T) {
	n, b := network.National(), referenceData(t)
	if got, want := n.Stats(), b.Stats(); got != want {
		t.Fatalf("National().Stats() = %v, the built network's %v", got, want)
	}
	for e := range b.Establishments() {
		if got, _ := n.Establishment(e.ID); got.FINESS != e.FINESS || got.FINESSEJ != e.FINESSEJ {
			t.Errorf("establishment %s: finess %q, finess_ej %q in National(), %q, %q built", e.ID, got.FINESS, got.FINESSEJ, e.FINESS, e.FINESSEJ)
		}
	}
	for c := range b.Centres() {
		if got, _ := n.Centre(c.ID); !slices.Equal(got.AttachedTo, c.AttachedTo) || got.Team != c.Team {
			t.Errorf("centre %s: attached to %v, team %s in National(), %v, %s built", c.ID, got.AttachedTo, got.Team, c.AttachedTo, c.Team)
		}
	}
	for f := range b.Filieres() {
		if got, _ := n.Filiere(f.ID); got.Since != f.Since {
			t.Errorf("sector %s: since %v in National(), %v built", f.ID, got.Since, f.Since)
		}
	}
}

// TestNationalFace2007 checks the two reference centres for facial
// malformations labelled in 2007: the year is the source's, the day that
// of the one 2007 labelling order found, so the label is marked inferred.
func TestNationalFace2007(t *testing.T) {
	n := network.National()
	var at []string
	for c := range n.Centres() {
		if c.Name != "CRMR Malformations de la face (2007)" {
			continue
		}
		e, _ := n.EstablishmentOfCentre(c.ID)
		at = append(at, string(e.ID))
		if c.Tier != typology.Reference || c.Group != typology.MustParseGroup("3") {
			t.Errorf("centre %s: tier %v group %v, want a reference centre of group 3", c.ID, c.Tier, c.Group)
		}
		if len(c.Labels) != 1 {
			t.Errorf("centre %s: %d labels, want 1", c.ID, len(c.Labels))
			continue
		}
		l := c.Labels[0]
		if l.Start() != labelling.MustParseDate("2007-05-03") || l.Initial().End() != labelling.MustParseDate("2012-05-03") {
			t.Errorf("centre %s: label %v, want [2007-05-03, 2012-05-03) initially", c.ID, l.Initial())
		}
		if l.Provenance().Mark != typology.MarkInferred {
			t.Errorf("centre %s: label mark %v, want inferred (the day is inferred)", c.ID, l.Provenance().Mark)
		}
	}
	slices.Sort(at)
	if want := []string{"aphp-necker", "chu-lille"}; !slices.Equal(at, want) {
		t.Errorf("the 2007 face-malformation centres are at %v, want %v", at, want)
	}
}

// TestNationalOverseas checks the five overseas hospitals with their real
// FINESS numbers (site and legal entity) and departments.
func TestNationalOverseas(t *testing.T) {
	want := map[network.EstablishmentID]struct{ et, ej, dep string }{
		"chu-guadeloupe":           {"970100442", "970100228", "971"},
		"chu-martinique":           {"970211215", "970211207", "972"},
		"ch-cayenne":               {"970300026", "970302022", "973"},
		"chu-reunion":              {"970400024", "970408589", "974"},
		"chu-reunion-saint-pierre": {"970400057", "970408589", "974"},
	}
	for _, n := range []*network.Network{network.National(), referenceData(t)} {
		for id, w := range want {
			e, ok := n.Establishment(id)
			if !ok {
				t.Errorf("establishment %s not found", id)
				continue
			}
			if e.FINESS.String() != w.et || e.FINESS.Department() != w.dep {
				t.Errorf("establishment %s: FINESS %q (department %q), want %q (%q)", id, e.FINESS, e.FINESS.Department(), w.et, w.dep)
			}
		}
	}
	n := referenceData(t)
	for id, w := range want {
		if e, _ := n.Establishment(id); e.FINESSEJ.String() != w.ej {
			t.Errorf("establishment %s: FINESSEJ %q, want %q", id, e.FINESSEJ, w.ej)
		}
	}
}

// TestNationalFINESSEJ checks that every establishment whose row gives
// both numbers has its legal entity's as FINESSEJ.
func TestNationalFINESSEJ(t *testing.T) {
	n := referenceData(t)
	rows := readSource(t, "establishments.csv")
	both := 0
	for _, r := range rows[1:] {
		id, ej, et := network.EstablishmentID(r[0]), r[2], r[3]
		e, ok := n.Establishment(id)
		if !ok {
			t.Errorf("establishment %s of establishments.csv not found", id)
			continue
		}
		switch {
		case et != "" && ej != "":
			both++
			if e.FINESS.String() != et || e.FINESSEJ.String() != ej {
				t.Errorf("establishment %s: finess %q, finess_ej %q, want %q, %q", id, e.FINESS, e.FINESSEJ, et, ej)
			}
		case et == "" && ej != "":
			if e.FINESS.String() != ej || !e.FINESSEJ.IsZero() {
				t.Errorf("establishment %s (a legal entity): finess %q, finess_ej %q, want %q and none", id, e.FINESS, e.FINESSEJ, ej)
			}
		}
	}
	got := 0
	for e := range n.Establishments() {
		if !e.FINESSEJ.IsZero() {
			got++
		}
	}
	if got != both || got < 70 {
		t.Errorf("%d establishments with a legal-entity number, want %d (the rows with both numbers), at least 70", got, both)
	}
}

// TestNationalCRCM checks the 45 cystic-fibrosis centres of the arrêté du
// 16 janvier 2014: kind crcm, labelled from that day for four years.
func TestNationalCRCM(t *testing.T) {
	n := network.National()
	start, end := labelling.MustParseDate("2014-01-16"), labelling.MustParseDate("2018-01-16")
	count := 0
	for c := range n.Centres() {
		if c.Kind != typology.KindCRCM {
			continue
		}
		count++
		if c.Tier != typology.Competence || len(c.Labels) != 1 {
			t.Errorf("CRCM %s: tier %v, %d labels, want a competence centre with one label", c.ID, c.Tier, len(c.Labels))
			continue
		}
		l := c.Labels[0]
		if l.Start() != start || l.Initial().End() != end || l.Act().Date != start || l.Act().Kind != labelling.Arrete {
			t.Errorf("CRCM %s: label %v by %v, want [%v, %v) by the arrêté of %v", c.ID, l.Initial(), l.Act(), start, end, start)
		}
		if c.Provenance.Mark < typology.MarkInferred {
			t.Errorf("CRCM %s: mark %v, want inferred or weaker (its group is inferred)", c.ID, c.Provenance.Mark)
		}
	}
	if count != 45 {
		t.Errorf("%d CRCM, want 45", count)
	}
}

// TestNationalAttached checks the attachments of competence centres: at
// least 50, each to a reference site of the centre's own group.
func TestNationalAttached(t *testing.T) {
	n := referenceData(t)
	attached := 0
	for c := range n.Centres() {
		if len(c.AttachedTo) == 0 {
			continue
		}
		if c.Tier != typology.Competence {
			t.Errorf("centre %s: attached_to on a %v centre", c.ID, c.Tier)
		}
		own := true
		for _, id := range c.AttachedTo {
			r, ok := n.Centre(id)
			if !ok || r.Tier != typology.Reference {
				t.Errorf("centre %s: attached to %s, not a reference site", c.ID, id)
				own = false
			} else if r.Group != c.Group {
				own = false
			}
		}
		if own {
			attached++
		}
	}
	if attached < 50 {
		t.Errorf("%d competence centres attached to a reference site of their own group, want at least 50", attached)
	}
}

// TestNationalSectorsSince checks that every sector counts from the day
// the 2014 sectors were announced.
func TestNationalSectorsSince(t *testing.T) {
	want := labelling.MustParseDate("2014-02-28")
	for f := range referenceData(t).Filieres() {
		if f.Since != want {
			t.Errorf("sector %s: since %v, want %v", f.ID, f.Since, want)
		}
	}
}

// TestNationalSharedTeam checks that the rows for the same unit in the
// same hospital share a team: CARGO at Strasbourg, labelled before 2017
// and in 2017.
func TestNationalSharedTeam(t *testing.T) {
	n := network.National()
	teams := make(map[network.TeamID]int)
	for c := range n.CentresOfFiliere("SENSGENE") {
		if e, _ := n.EstablishmentOfCentre(c.ID); e.ID == "hus" && c.Role == typology.Coordinating && strings.Contains(string(c.ID), "-cargo-") {
			teams[c.Team]++
		}
	}
	if len(teams) != 1 {
		t.Errorf("CARGO's coordinating sites at hus have teams %v, want one team for both", teams)
	}
	for id, k := range teams {
		if k != 2 {
			t.Errorf("team %s holds %d CARGO centres, want 2", id, k)
		}
	}
}

// TestNationalContinuity checks the continuity extensions: no act (none is
// known), past the initial end, a source that says they are inferred; the
// 2017 labels run to the 2023 order.
func TestNationalContinuity(t *testing.T) {
	n := network.National()
	order2023 := labelling.MustParseDate("2023-12-29")
	extended, of2017 := 0, 0
	for c := range n.Centres() {
		for _, l := range c.Labels {
			for e := range l.Events() {
				if e.Kind != labelling.Extension {
					continue
				}
				extended++
				if !e.Act.IsZero() || !e.Until.After(l.Initial().End()) || e.Date != l.Initial().End() {
					t.Errorf("centre %s: extension %+v of %v, want no act, dated the initial end, until after it", c.ID, e, l.Initial())
				}
				if !strings.Contains(l.Provenance().Source, "extended (inferred)") {
					t.Errorf("centre %s: the label's source does not say the extension is inferred: %q", c.ID, l.Provenance().Source)
				}
			}
			if y := l.Start().Year(); y == 2017 {
				of2017++
				if l.End() != order2023 {
					t.Errorf("centre %s: the 2017 label ends %v, want the 2023 order's day %v", c.ID, l.End(), order2023)
				}
			}
		}
	}
	if extended == 0 || of2017 == 0 {
		t.Errorf("%d extensions, %d labels of 2017: want some of each", extended, of2017)
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
