package rules_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

var whatifDates = cmpopts.EquateComparable(labelling.Date{})

// defective draws a generated network with up to two injected defects,
// so that audits have findings to compare.
func defective(t *rapid.T) (*network.Network, labelling.Date) {
	o := networktest.Options{MaxCentres: 8}
	n := networktest.Network(o).Draw(t, "network")
	at := networktest.DefaultAt
	for range rapid.IntRange(0, 2).Draw(t, "defects") {
		rule := rapid.SampledFrom(rulestest.Rules()).Draw(t, "rule")
		n, _ = rulestest.Inject(t, n, at, rule)
	}
	return n, at
}

func TestWhatIfEqualScenariosChangeNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n, at := defective(t)
		cfg := rules.DefaultConfig()
		cfg.MinActiveFile = rapid.IntRange(0, 60).Draw(t, "min")
		cfg.Coverage = rapid.Bool().Draw(t, "coverage")
		s := rules.Scenario{Network: n, At: at.AddDays(rapid.IntRange(-3000, 3000).Draw(t, "shift")), Config: cfg}
		d, err := rules.WhatIf(s, s)
		if err != nil {
			t.Fatal(err)
		}
		r, err := rules.Check(s.Network, s.At, s.Config)
		if err != nil {
			t.Fatal(err)
		}
		if d.Changed() || len(d.Appeared) != 0 || len(d.Disappeared) != 0 {
			t.Fatalf("equal scenarios: %d appeared, %d disappeared", len(d.Appeared), len(d.Disappeared))
		}
		if diff := gocmp.Diff(r.Findings(), d.Stayed, whatifDates, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Stayed differs from the report (-want +got):\n%s", diff)
		}
	})
}

func TestWhatIfRaisingMinActiveFile(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n, at := defective(t)
		a, b := rules.DefaultConfig(), rules.DefaultConfig()
		a.MinActiveFile = rapid.IntRange(0, 40).Draw(t, "a")
		b.MinActiveFile = a.MinActiveFile + rapid.IntRange(0, 40).Draw(t, "raise")
		d, err := rules.WhatIf(rules.Scenario{Network: n, At: at, Config: a}, rules.Scenario{Network: n, At: at, Config: b})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Disappeared) != 0 {
			t.Fatalf("raising the threshold removed findings: %v", d.Disappeared)
		}
		for _, f := range d.Appeared {
			if f.Rule != "competence.min-active-file" {
				t.Fatalf("raising the threshold made %s appear", f.Rule)
			}
		}
		// Every finding of B is accounted for exactly once.
		rb, _ := rules.Check(n, at, b)
		if got, want := len(d.Appeared)+len(d.Stayed), rb.Len(); got != want {
			t.Fatalf("appeared + stayed = %d, B has %d findings", got, want)
		}
	})
}

func TestCompareReports(t *testing.T) {
	f := func(rule, subject string, year int, msg string) rules.Finding {
		return rules.Finding{Rule: rule, Severity: rules.Violation, Subject: subject, SubjectKind: rules.SubjectCentre, Year: year, Message: msg}
	}
	a := rules.NewReport(labelling.MustParseDate("2020-01-01"), []rules.Finding{
		f("competence.min-active-file", "c1", 2018, "20 < 25"),
		f("label.overlap", "c2", 0, "first"),
		f("label.overlap", "c2", 0, "second"),
		f("label.gap", "c3", 0, ""),
	})
	b := rules.NewReport(labelling.MustParseDate("2021-01-01"), []rules.Finding{
		f("competence.min-active-file", "c1", 2018, "20 < 30"), // same key, new message: stayed
		f("competence.min-active-file", "c1", 2019, "27 < 30"), // new year: appeared
		f("label.overlap", "c2", 0, "first"),                   // one of two: the other disappeared
	})
	d := rules.CompareReports(a, b)
	want := rules.Diff{
		A:           a.At,
		B:           b.At,
		Appeared:    []rules.Finding{b.Finding(1)},
		Disappeared: []rules.Finding{a.Finding(1), a.Finding(3)}, // the gap, the second overlap
		Stayed:      []rules.Finding{b.Finding(0), b.Finding(2)},
	}
	slices.SortFunc(want.Disappeared, rules.Finding.Compare)
	if diff := gocmp.Diff(want, d, whatifDates); diff != "" {
		t.Errorf("CompareReports mismatch (-want +got):\n%s", diff)
	}
	if !d.Changed() {
		t.Errorf("Changed() = false, want true")
	}
	if k := b.Finding(0).Key(); k != (rules.FindingKey{Rule: "competence.min-active-file", Subject: "c1", Year: 2018}) {
		t.Errorf("Key() = %+v", k)
	}

	var js bytes.Buffer
	if err := d.WriteJSON(&js, "x.json"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		A, B                          string
		Network                       string
		Appeared, Disappeared, Stayed []map[string]any
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.A != "2020-01-01" || doc.B != "2021-01-01" || doc.Network != "x.json" || len(doc.Appeared) != 1 || len(doc.Disappeared) != 2 || len(doc.Stayed) != 2 {
		t.Errorf("WriteJSON wrote %s", js.String())
	}
	if err := (rules.Diff{}).WriteJSON(&js, ""); err == nil {
		t.Errorf("WriteJSON of a diff without dates succeeded")
	}
	empty := rules.CompareReports(rules.Report{At: a.At}, rules.Report{At: a.At})
	js.Reset()
	if err := empty.WriteJSON(&js, "embedded"); err != nil || !strings.Contains(js.String(), `"appeared": []`) {
		t.Errorf("WriteJSON of an empty diff: %v\n%s", err, js.String())
	}
}

func TestWhatIfErrors(t *testing.T) {
	n, err := new(network.Builder).Build()
	if err != nil {
		t.Fatal(err)
	}
	ok := rules.Scenario{Network: n, At: labelling.MustParseDate("2020-01-01"), Config: rules.DefaultConfig()}
	bad := ok
	bad.Config.LabelTerm = 0
	if _, err := rules.WhatIf(ok, bad); err == nil || !strings.HasPrefix(err.Error(), "scenario B") {
		t.Errorf("WhatIf(ok, bad) error = %v, want one about scenario B", err)
	}
	if _, err := rules.WhatIf(rules.Scenario{At: ok.At, Config: ok.Config}, ok); err == nil || !strings.HasPrefix(err.Error(), "scenario A") {
		t.Errorf("WhatIf(no network, ok) error = %v, want one about scenario A", err)
	}
}

// whatifNetwork is one competence centre labelled 2017-2022 whose active
// file is 27 in 2018 and 24 in 2019.
func whatifNetwork() *network.Network {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-rennes", Name: "CHU de Rennes", Region: "53"})
	b.AddTeam(network.Team{ID: "t", Establishment: "chu-rennes"})
	b.AddCentre(network.Centre{
		ID: "ccmr-rennes", Name: "CCMR Rennes", Tier: typology.Competence, Group: typology.Sensory, Team: "t",
		Labels: []labelling.Label{labelling.MustLabel(labelling.MustParseDate("2017-01-01"), labelling.MustParseDate("2022-01-01"),
			labelling.Act{Kind: labelling.Decision, Date: labelling.MustParseDate("2017-01-01")})},
		Activity: []network.Activity{
			{Year: 2017, Consultations: 60, Patients: 40, NewPatients: 10},
			{Year: 2018, Consultations: 60, Patients: 27, NewPatients: 10},
			{Year: 2019, Consultations: 60, Patients: 24, NewPatients: 10},
			{Year: 2020, Consultations: 60, Patients: 35, NewPatients: 10},
		},
	})
	n, err := b.Build()
	if err != nil {
		panic(err)
	}
	return n
}

func ExampleWhatIf() {
	n := whatifNetwork()
	at := labelling.MustParseDate("2021-06-01")
	a, b := rules.DefaultConfig(), rules.DefaultConfig()
	b.MinActiveFile = 30
	a.Rules = []string{"competence.min-active-file"}
	b.Rules = a.Rules
	d, err := rules.WhatIf(rules.Scenario{Network: n, At: at, Config: a}, rules.Scenario{Network: n, At: at, Config: b})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range d.Appeared {
		fmt.Println("appeared:", f.Rule, f.Subject, f.Year)
	}
	for _, f := range d.Stayed {
		fmt.Println("stayed:", f.Rule, f.Subject, f.Year)
	}
	fmt.Println("disappeared:", len(d.Disappeared))
	// Output:
	// appeared: competence.min-active-file ccmr-rennes 2018
	// stayed: competence.min-active-file ccmr-rennes 2019
	// disappeared: 0
}

func ExampleCompareReports() {
	n := whatifNetwork()
	cfg := rules.DefaultConfig()
	cfg.Rules = []string{"label.*", "competence.*"}
	before, _ := rules.Check(n, labelling.MustParseDate("2021-06-01"), cfg)
	after, _ := rules.Check(n, labelling.MustParseDate("2022-06-01"), cfg)
	d := rules.CompareReports(before, after)
	_ = d.WriteText(os.Stdout)
	// Output:
	// What-if: 2 appeared, 1 disappeared, 1 stayed.
	//
	// Appeared (2)
	//
	//   competence.activity-missing (advice, 1)
	//     - centre ccmr-rennes: 2021: no activity recorded for a year in which the competence centre was labelled on every day (label in force from 2017-01-01 until 2022-01-01), so its active file cannot be judged
	//
	//   label.lapsed (info, 1)
	//     - centre ccmr-rennes: no label in force on 2022-06-01: the centre stopped being labelled on 2022-01-01
	//
	// Disappeared (1)
	//
	//   competence.unattached (violation, 1)
	//     - centre ccmr-rennes: competence centre in force on 2021-06-01 has no convention running on that day and no attachment (attached_to): a competence centre is attached, by a convention or through attached_to, to the reference centres of group 12 (sensory)
	//
	// Stayed (1)
	//   competence.min-active-file: 1
}

// BenchmarkWhatIf audits a national-scale generated network (2,500
// centres) with MinActiveFile 25, then 30, and compares the reports.
func BenchmarkWhatIf(b *testing.B) {
	n := networktest.Scale(2500, 1, 0)
	at := labelling.MustParseDate("2024-06-01")
	a, c := rules.DefaultConfig(), rules.DefaultConfig()
	c.MinActiveFile = 30
	for b.Loop() {
		if _, err := rules.WhatIf(rules.Scenario{Network: n, At: at, Config: a}, rules.Scenario{Network: n, At: at, Config: c}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareReports compares the reports of two dates of a
// national-scale generated network.
func BenchmarkCompareReports(b *testing.B) {
	n := networktest.Scale(2500, 1, 0)
	cfg := rules.DefaultConfig()
	ra, _ := rules.Check(n, labelling.MustParseDate("2020-06-01"), cfg)
	rb, _ := rules.Check(n, labelling.MustParseDate("2024-06-01"), cfg)
	for b.Loop() {
		_ = rules.CompareReports(ra, rb)
	}
	b.ReportMetric(float64(ra.Len()+rb.Len()), "findings")
}
