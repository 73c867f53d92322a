package orphadata_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/orphadata"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

func fixture(t testing.TB) *orphadata.Product {
	t.Helper()
	f, err := os.Open("testdata/en_product9_prev.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := orphadata.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestClasses(t *testing.T) {
	p := fixture(t)
	if len(p.Disorders()) != 7 || p.Date != "2025-06-01 00:00:00" {
		t.Fatalf("%d disorders, date %q", len(p.Disorders()), p.Date)
	}
	type class struct {
		Class        typology.Prevalence
		Area, Reason string
	}
	want := map[typology.ORPHAcode]class{
		1001: {typology.Prevalence1To9PerMillion, "Europe", ""},
		1002: {typology.PrevalenceBelow1PerMillion, "France", ""}, // France over Europe
		1003: {0, "", orphadata.ReasonNoRecord},                   // not validated; at birth
		1004: {typology.Prevalence1To9PerMillion, "Europe", ""},   // retired, but Class itself does not know
		1005: {0, "Europe", orphadata.ReasonConflict},
		1006: {0, "Europe", orphadata.ReasonUnknown},
		1007: {0, "", orphadata.ReasonNoRecord},
	}
	for code, w := range want {
		d, ok := p.Disorder(code)
		if !ok {
			t.Fatalf("ORPHA:%d not read", code)
		}
		c, area, reason := d.Class()
		if got := (class{c, area, reason}); got != w {
			t.Errorf("ORPHA:%d: Class() = %+v, want %+v", code, got, w)
		}
	}
	if d, _ := p.Disorder(1004); !d.Retired {
		t.Error("ORPHA:1004 is not retired")
	}
}

// network builds a small network: a reference centre and a regional
// competence centre of group 1, in force at at, attached by a convention;
// the competence centre lists the given diseases (classes unknown).
func testNetwork(t testing.TB, codes ...typology.ORPHAcode) *network.Network {
	t.Helper()
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-a", Name: "CHU A", Region: "11"})
	b.AddEstablishment(network.Establishment{ID: "chu-b", Name: "CHU B", Region: "44"})
	b.AddTeam(network.Team{ID: "a", Establishment: "chu-a"})
	b.AddTeam(network.Team{ID: "b", Establishment: "chu-b"})
	label := func(start string, kind labelling.ActKind) labelling.Label {
		d := labelling.MustParseDate(start)
		return labelling.MustLabel(d, d.AddDate(5, 0, 0), labelling.Act{Kind: kind, Date: d})
	}
	b.AddCentre(network.Centre{ID: "crmr-a", Name: "CRMR A", Tier: typology.Reference, Role: typology.Coordinating, Group: 1, Team: "a",
		Labels: []labelling.Label{label("2017-11-25", labelling.Arrete)}})
	var ds []typology.Disease
	for _, c := range codes {
		ds = append(ds, typology.Disease{Orpha: c, Name: "disease " + c.String()})
	}
	b.AddCentre(network.Centre{ID: "ccmr-b", Name: "CCMR B", Tier: typology.Competence, Group: 1, Team: "b", Diseases: ds,
		Labels: []labelling.Label{label("2018-01-10", labelling.Decision)}})
	b.AddConvention(network.Convention{ID: "conv-1", Reference: []network.CentreID{"crmr-a"}, Competence: "ccmr-b",
		Signed: labelling.MustParseDate("2018-01-10"), Start: labelling.MustParseDate("2018-01-10"), Signatories: []network.CentreID{"crmr-a"}})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestApply(t *testing.T) {
	n := testNetwork(t, 1001, 1002, 1003, 1004, 1005, 1006, 9999)
	out, rep, err := orphadata.Apply(n, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := out.Centre("ccmr-b")
	got := map[typology.ORPHAcode]typology.Prevalence{}
	for _, d := range c.Diseases {
		got[d.Orpha] = d.Prevalence
	}
	want := map[typology.ORPHAcode]typology.Prevalence{
		1001: typology.Prevalence1To9PerMillion, 1002: typology.PrevalenceBelow1PerMillion,
		1003: 0, 1004: 0, 1005: 0, 1006: 0, 9999: 0,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("classes (-want +got):\n%s", d)
	}
	if orig, _ := n.Centre("ccmr-b"); orig.Diseases[0].Prevalence != 0 {
		t.Error("Apply changed its argument")
	}
	var reasons []string
	for _, p := range rep.Problems {
		reasons = append(reasons, p.Orpha.String()+" "+p.Reason)
	}
	if w := []string{"ORPHA:1003 no-record", "ORPHA:1004 retired", "ORPHA:1005 conflict", "ORPHA:1006 unknown", "ORPHA:9999 not-listed"}; !slices.Equal(reasons, w) {
		t.Errorf("problems %v, want %v", reasons, w)
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	for _, line := range []string{
		"prevalence classes set from Orphanet: 2; ORPHAcodes without one: 5",
		"  set ORPHA:1002 <1/1000000 (France; was unknown): ccmr-b",
		"  ORPHA:9999: not listed by the product: ccmr-b",
		"  ORPHA:1004: retired by Orphanet (obsolete, deprecated or inactive): ccmr-b",
	} {
		if !strings.Contains(buf.String(), line+"\n") {
			t.Errorf("report lacks %q:\n%s", line, buf.String())
		}
	}
}

// TestInterregionalRuleFires: the competence centre lists two diseases of
// unknown prevalence, and the rule is silent; once their classes come from
// the product (both below 1 in 100,000), it fires.
func TestInterregionalRuleFires(t *testing.T) {
	at := labelling.MustParseDate("2020-06-15")
	n := testNetwork(t, 1001, 1002)
	fires := func(n *network.Network) bool {
		rep, err := rules.Check(n, at, rules.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings() {
			if f.Rule == "competence.interregional-preferred" && f.Subject == "ccmr-b" {
				return true
			}
		}
		return false
	}
	if fires(n) {
		t.Fatal("the rule fires before the prevalences are known")
	}
	withPrev, _, err := orphadata.Apply(n, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if !fires(withPrev) {
		t.Fatal("competence.interregional-preferred does not fire on the network whose prevalences came from the product")
	}
	// One disease that is not rare enough keeps it silent.
	mixed, _, _ := orphadata.Apply(testNetwork(t, 1001, 1005), fixture(t))
	if fires(mixed) {
		t.Error("the rule fires although a class stayed unknown (a conflict)")
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<JDBOR><DisorderList><Disorder id="9"><OrphaCode>x1</OrphaCode></Disorder></DisorderList></JDBOR>`,
			`line 1: Disorder[0] (id "9"): OrphaCode: "x1" is not an ORPHAcode`},
		{"<JDBOR>\n<Disorder id=\"1\"><OrphaCode>5</OrphaCode></Disorder>\n<Disorder id=\"2\"><OrphaCode>5</OrphaCode></Disorder></JDBOR>",
			`line 3: Disorder[1] (id "2"): OrphaCode 5 is already the code of Disorder[0]`},
		{`<JDBOR><Disorder><Name>no code</Name></Disorder></JDBOR>`, `Disorder[0]: OrphaCode: missing`},
		{`<other/>`, `no JDBOR root element`},
		{`<JDBOR><Disorder>`, `XML syntax error on line 1: unexpected EOF`},
	} {
		_, err := orphadata.Read(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%.40q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	b, _ := os.ReadFile("testdata/en_product9_prev.xml")
	f.Add(string(b))
	f.Add(`<JDBOR><Disorder id="1"><OrphaCode>7</OrphaCode><PrevalenceList><Prevalence><PrevalenceClass><Name lang="en">1-9 / 100 000</Name></PrevalenceClass></Prevalence></PrevalenceList></Disorder></JDBOR>`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := orphadata.Read(strings.NewReader(s))
		if (p == nil) == (err == nil) {
			t.Fatalf("Read = %v, %v: want one of a product and an error", p, err)
		}
		if p == nil {
			return
		}
		for _, d := range p.Disorders() {
			c, _, reason := d.Class()
			if (reason == "") != c.IsKnown() {
				t.Fatalf("ORPHA:%d: class %v with reason %q", d.Orpha, c, reason)
			}
		}
	})
}
