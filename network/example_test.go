package network_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// exampleDocument is a small network document: two hospitals of Paris and
// Lyon, a reference centre and a competence centre of the sensory group
// (12) bound by a convention, and their sector.
const exampleDocument = `{
  "format": "rarenet/1",
  "establishments": [
    {"id": "hex", "finess": "750001018", "name": "Hôpital exemple", "city": "Paris", "region": "11"},
    {"id": "hly", "name": "Hôpital lyonnais", "city": "Lyon", "region": "84"}
  ],
  "teams": [
    {"id": "hex-genetique", "establishment": "hex", "unit": "Génétique"},
    {"id": "hly-ophtalmo", "establishment": "hly"}
  ],
  "centres": [
    {"id": "crmr-exemple", "name": "Centre de référence exemple", "tier": "reference",
     "role": "coordinating", "group": 12, "team": "hex-genetique",
     "labels": [{"start": "2017-11-25", "end": "2022-11-25",
                 "act": {"kind": "arrete", "date": "2017-11-25"}}],
     "activity": [{"year": 2019, "consultations": 900, "patients": 410, "new_patients": 60}]},
    {"id": "ccmr-lyon", "name": "Centre de compétences lyonnais", "tier": "competence",
     "group": 12, "team": "hly-ophtalmo",
     "labels": [{"start": "2019-01-10", "end": "2024-01-10",
                 "act": {"kind": "decision", "date": "2019-01-10"}}]}
  ],
  "conventions": [
    {"id": "conv-1", "reference": ["crmr-exemple"], "competence": "ccmr-lyon",
     "signed": "2019-02-01", "start": "2019-02-01", "signatories": ["crmr-exemple"]}
  ],
  "filieres": [
    {"id": "SENSGENE", "name": "Maladies rares sensorielles", "groups": [12],
     "members": ["crmr-exemple", "ccmr-lyon"]}
  ]
}`

// Decode reads a network document and checks it; the Network answers
// queries in ID order.
func Example() {
	n, err := network.Decode(strings.NewReader(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Stats())
	for c := range n.Centres() {
		r, _ := n.CentreRegion(c.ID)
		fmt.Printf("%s: %v, group %d, %s\n", c.ID, c.Tier, c.Group, r.Name)
	}
	// Output:
	// 2 establishments, 2 teams, 2 centres, 2 labels, 1 convention, 1 sector, 0 platforms
	// ccmr-lyon: competence, group 12, Auvergne-Rhône-Alpes
	// crmr-exemple: reference, group 12, Île-de-France
}

// Decode reports every problem of a document at once, each naming the
// entity and the field.
func ExampleDecode_errors() {
	doc := strings.Replace(exampleDocument, `"team": "hly-ophtalmo"`, `"team": "hly-cardio"`, 1)
	doc = strings.Replace(doc, `"finess": "750001018"`, `"finess": "750001019"`, 1)
	_, err := network.Decode(strings.NewReader(doc))
	fmt.Println(err)
	// Output:
	// establishments[0] (id "hex"): finess: "750001019" is not a FINESS number: check key does not match
	// centres[1] (id "ccmr-lyon"): team: no team has the ID "hly-cardio"
}

// The embedded national reference network is built once per process and
// shared: every call returns the same immutable Network.
func ExampleNational() {
	n := network.National()
	fmt.Println(n == network.National())
	fmt.Println(n.NumFilieres(), "sectors")
	// Output:
	// true
	// 23 sectors
}

// Queries take the day they are about; nothing reads the clock.
func ExampleNetwork_CentresInForce() {
	n, err := network.Decode(strings.NewReader(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	for _, day := range []string{"2018-06-01", "2020-06-01", "2023-06-01"} {
		var ids []network.CentreID
		for c := range n.CentresInForce(labelling.MustParseDate(day)) {
			ids = append(ids, c.ID)
		}
		fmt.Println(day, ids)
	}
	// Output:
	// 2018-06-01 [crmr-exemple]
	// 2020-06-01 [ccmr-lyon crmr-exemple]
	// 2023-06-01 [ccmr-lyon]
}

// A snapshot is the network as it stood on one day: the centres in force,
// their labels of that day, the conventions running.
func ExampleNetwork_Snapshot() {
	n, err := network.Decode(strings.NewReader(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	s := n.Snapshot(labelling.MustParseDate("2023-06-01"))
	fmt.Println(s.Stats())
	// Output:
	// 2 establishments, 2 teams, 1 centre, 1 label, 0 conventions, 1 sector, 0 platforms
}

// Establishments are found by the FINESS number of their site or of their
// legal entity.
func ExampleNetwork_EstablishmentsByFINESS() {
	n, err := network.Decode(strings.NewReader(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	for e := range n.EstablishmentsByFINESS(network.MustParseFINESS("750001018")) {
		fmt.Println(e.ID, e.Name, e.City)
	}
	// Output:
	// hex Hôpital exemple Paris
}

// A loop over every centre reads through views: no copy, no allocation,
// and related entities by position.
func ExampleNetwork_CentreAt() {
	n, err := network.Decode(strings.NewReader(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	patients := 0
	for i := range n.NumCentres() {
		c := n.CentreAt(i)
		for k := range c.NumActivity() {
			patients += c.Activity(k).Patients
		}
		for k := range c.NumConventions() {
			k := n.ConventionAt(c.Convention(k))
			if k.Competence() == i {
				fmt.Printf("%s is bound to %s\n", c.ID(), n.CentreAt(k.Reference(0)).ID())
			}
		}
	}
	fmt.Println(patients, "patients")
	// Output:
	// ccmr-lyon is bound to crmr-exemple
	// 410 patients
}

// A Builder checks entities added in Go, all at once.
func ExampleBuilder() {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "hex", Name: "Hôpital exemple", Region: "11"})
	b.AddTeam(network.Team{ID: "hex-genetique", Establishment: "hex"})
	b.AddCentre(network.Centre{
		ID: "crmr-exemple", Name: "Centre de référence exemple",
		Tier: typology.Reference, Role: typology.Coordinating, Group: typology.Sensory,
		Team: "hex-genetique",
		Labels: []labelling.Label{labelling.MustLabel(
			labelling.MustParseDate("2017-11-25"), labelling.MustParseDate("2022-11-25"),
			labelling.Act{Kind: labelling.Arrete, Date: labelling.MustParseDate("2017-11-25")})},
	})
	n, err := b.Build()
	if err != nil {
		log.Fatal(err)
	}
	c, _ := n.Centre("crmr-exemple")
	fmt.Println(c.Kind, c.Scope, c.InForce(labelling.MustParseDate("2020-01-01")))
	// Output:
	// crmr national true
}
