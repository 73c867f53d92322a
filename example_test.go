package rarenet_test

import (
	"encoding/json"
	"fmt"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// A first tour: build a one-centre network, then audit it on a day. The
// competence centre followed 24 patients in 2019, one short of the minimum
// active file, and has no convention with a reference centre.
func Example() {
	d := labelling.MustParseDate
	label := labelling.MustLabel(d("2018-01-01"), d("2023-01-01"),
		labelling.Act{Kind: labelling.Decision, Date: d("2018-01-01"), Ref: "décision de l'ARS"})

	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu", Name: "CHU exemple", Region: "44"})
	b.AddTeam(network.Team{ID: "chu-neph", Establishment: "chu"})
	b.AddCentre(network.Centre{
		ID: "ccmr-rein", Name: "Centre de compétence exemple",
		Tier: typology.Competence, Group: typology.Renal, Team: "chu-neph",
		Labels:   []labelling.Label{label},
		Activity: []network.Activity{{Year: 2018, Consultations: 60, Patients: 30, NewPatients: 30}, {Year: 2019, Consultations: 50, Patients: 24, NewPatients: 4}},
	})
	n, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	report, err := rules.Check(n, d("2020-06-01"), rules.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings() {
		fmt.Println(f.Severity, f.Rule, f.Subject, f.Year)
	}
	// Output:
	// violation competence.min-active-file ccmr-rein 2019
	// violation competence.unattached ccmr-rein 0
}

// Values marshal to JSON with the names of the rarenet/1 document; what is
// not set (a competence centre's role, a missing date) is left out.
func Example_json() {
	d := labelling.MustParseDate
	c := network.Centre{
		ID: "ccmr-rein", Name: "Centre de compétence exemple",
		Tier: typology.Competence, Group: typology.Renal, Team: "chu-neph",
		Labels: []labelling.Label{labelling.MustLabel(d("2018-01-01"), d("2023-01-01"),
			labelling.Act{Kind: labelling.Decision, Date: d("2018-01-01")})},
		Provenance: typology.Provenance{Source: "an example", Mark: typology.MarkVerified},
	}
	b, err := json.Marshal(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"id":"ccmr-rein","name":"Centre de compétence exemple","tier":"competence","group":13,"team":"chu-neph","labels":[{"start":"2018-01-01","end":"2023-01-01","act":{"kind":"decision","date":"2018-01-01"}}],"source":"an example","mark":"verified"}
}
