package rules_test

import (
	"fmt"
	"os"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// tinyNetwork builds a reference centre and a competence centre of group
// 12 with their convention; the competence centre followed 24 patients in
// 2019.
func tinyNetwork() *network.Network {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-a", Name: "CHU A", Region: "11"})
	b.AddEstablishment(network.Establishment{ID: "chu-b", Name: "CHU B", Region: "84"})
	b.AddTeam(network.Team{ID: "genetique", Establishment: "chu-a"})
	b.AddTeam(network.Team{ID: "ophtalmo", Establishment: "chu-b"})
	d := labelling.MustParseDate
	b.AddCentre(network.Centre{
		ID: "crmr-a", Name: "Centre de référence A", Tier: typology.Reference, Role: typology.Coordinating,
		Group: typology.Sensory, Team: "genetique",
		Labels: []labelling.Label{labelling.MustLabel(d("2017-11-25"), d("2022-11-25"),
			labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25")})},
	})
	b.AddCentre(network.Centre{
		ID: "ccmr-b", Name: "Centre de compétence B", Tier: typology.Competence,
		Group: typology.Sensory, Team: "ophtalmo",
		Labels: []labelling.Label{labelling.MustLabel(d("2018-01-01"), d("2023-01-01"),
			labelling.Act{Kind: labelling.Decision, Date: d("2018-01-01")})},
		Activity: []network.Activity{
			{Year: 2018, Consultations: 120, Patients: 40, NewPatients: 12},
			{Year: 2019, Consultations: 80, Patients: 24, NewPatients: 3},
			{Year: 2020, Consultations: 90, Patients: 30, NewPatients: 5},
		},
	})
	b.AddConvention(network.Convention{ID: "conv-1", Reference: []network.CentreID{"crmr-a"}, Competence: "ccmr-b",
		Signed: d("2018-01-10"), Start: d("2018-01-10"), Signatories: []network.CentreID{"crmr-a"}})
	b.AddFiliere(network.Filiere{ID: "SENSGENE", Name: "Maladies rares sensorielles", Members: []network.CentreID{"crmr-a"}})
	n, err := b.Build()
	if err != nil {
		panic(err)
	}
	return n
}

func ExampleCheck() {
	n := tinyNetwork()
	report, err := rules.Check(n, labelling.MustParseDate("2022-06-01"), rules.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings() {
		fmt.Printf("%s %s %s: %s\n", f.Severity, f.Rule, f.Subject, f.Message)
	}
	// Output:
	// violation competence.min-active-file ccmr-b: 2019: 24 patients followed, below the minimum active file of 25 a year; label in force from 2018-01-01 until 2023-01-01
	// advice competence.activity-missing ccmr-b: 2021: no activity recorded for a year in which the competence centre was labelled on every day (label in force from 2018-01-01 until 2023-01-01), so its active file cannot be judged
}

func ExampleReport_WriteText() {
	report, err := rules.Check(tinyNetwork(), labelling.MustParseDate("2023-06-01"), rules.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	report.Filter([]string{"label.*", "convention.*"}, rules.Info).WriteText(os.Stdout)
	// Output:
	// Audit at 2023-06-01: 4 findings (2 violations, 0 advice, 2 info).
	//
	// Violations (2)
	//
	//   convention.outlives-competence-label (1): Convention running after its competence centre's label ended
	//     source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3, convention-type article 6 (decision of the regional agency for the competence centre)
	//     - convention conv-1: the competence party ccmr-b stopped being labelled on 2023-01-01, but the convention is recorded with no end: it ends when the competence centre's label ends
	//
	//   convention.outlives-reference-label (1): Convention running after its reference centre's label ended
	//     source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3, convention-type article 6
	//     - convention conv-1: the reference party crmr-a stopped being labelled on 2022-11-25, but the convention is recorded with no end: it ends when the reference centre's label ends
	//
	// Info (2)
	//
	//   label.lapsed (2): Centre no longer labelled
	//     source: circulaire-dhos-2007-centres-de-competences.txt, résumé (a label for five years); sensgene-centres-2017.txt
	//     - centre ccmr-b: no label in force on 2023-06-01: the centre stopped being labelled on 2023-01-01
	//     - centre crmr-a: no label in force on 2023-06-01: the centre stopped being labelled on 2022-11-25
}

func ExampleNewRule() {
	// A local policy: every competence centre lists its diseases.
	listed, err := rules.NewRule("local.diseases-listed", rules.Advice,
		"Competence centre without a list of diseases", "local policy",
		func(c *rules.Context) {
			for ce := range c.Network().CentresByTier(typology.Competence) {
				if len(ce.Diseases) == 0 && ce.InForce(c.At()) {
					c.Report(rules.Finding{Subject: string(ce.ID), SubjectKind: rules.SubjectCentre, Group: ce.Group,
						Message: "lists no disease: its coverage is the whole group"})
				}
			}
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	lapsed, _ := rules.Lookup(rules.LabelLapsed)
	report, err := rules.CheckRules(tinyNetwork(), labelling.MustParseDate("2022-12-01"), rules.DefaultConfig(),
		[]rules.Rule{listed, lapsed})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings() {
		fmt.Println(f.Severity, f.Rule, f.Subject, f.Date)
	}
	// Output:
	// advice local.diseases-listed ccmr-b (no date)
	// info label.lapsed crmr-a 2022-11-25
}
