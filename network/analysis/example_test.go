package analysis_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

func ExampleTimeline() {
	n := smallNetwork()
	for _, p := range analysis.Timeline(n, analysis.YearlyDates(2016, 2019, time.December, 31)...) {
		fmt.Printf("%v: %d centres, %d reference, %d competence, %d in SENSGENE\n",
			p.Date, p.Total, p.Tier(typology.Reference), p.Tier(typology.Competence), p.BySector["SENSGENE"])
	}
	// Output:
	// 2016-12-31: 0 centres, 0 reference, 0 competence, 0 in SENSGENE
	// 2017-12-31: 4 centres, 3 reference, 1 competence, 2 in SENSGENE
	// 2018-12-31: 5 centres, 3 reference, 2 competence, 2 in SENSGENE
	// 2019-12-31: 5 centres, 3 reference, 2 competence, 2 in SENSGENE
}

func ExampleHistory() {
	changes, _ := analysis.History(smallNetwork(), "crmr-necker-12")
	for _, c := range changes {
		line := fmt.Sprintf("%v %-9v label %d  %v  %s", c.Date, c.Kind, c.Label, c.Act, c.Campaign)
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// 2006-07-12 granted   label 0  arrete of 2006-07-12  crmr-2006
	// 2011-07-12 ended     label 0  no act
	// 2017-11-25 granted   label 1  arrete of 2017-11-25  crmr-2017-mhc
	// 2021-06-01 evaluated label 1  no act
	// 2022-06-01 extended  label 1  arrete of 2022-06-01
	// 2023-12-29 ended     label 1  no act
	// 2023-12-29 renewed   label 2  arrete of 2023-12-29  crmr-2023
	// 2028-12-29 ended     label 2  no act
}

func ExampleCampaignOf() {
	c, ok := analysis.CampaignOf(labelling.Act{Kind: labelling.Arrete, Date: labelling.MustParseDate("2017-08-08")})
	fmt.Println(c.ID, ok, c.What)
	// Output:
	// crmr-2017 true 2017 labelling consolidated
}

func ExampleCover() {
	cov := analysis.Cover(smallNetwork(), labelling.MustParseDate("2018-06-01"))
	fmt.Println("Bretagne, group 12:", cov.Region("53", typology.Sensory))
	fmt.Println("Bretagne, group 3:", cov.Region("53", typology.DevelopmentalAnomalies))
	fmt.Println("Grand Ouest, group 12:", cov.Interregion(network.GrandOuest, typology.Sensory).Total())
	// Output:
	// Bretagne, group 12: {0 1}
	// Bretagne, group 3: {1 0}
	// Grand Ouest, group 12: 1
}

func ExampleCoverage_Gaps() {
	cov := analysis.Cover(smallNetwork(), labelling.MustParseDate("2018-06-01"))
	for _, g := range cov.Gaps() {
		if g.Group != typology.Sensory || (g.Region != "28" && g.Region != "94" && g.Region != "02") {
			continue
		}
		if g.Nearest == "" {
			fmt.Printf("%s × %d: no reference point\n", g.Region, g.Group)
			continue
		}
		fmt.Printf("%s × %d: nearest region %s (%.0f km), nearest centre %s (%.0f km)\n",
			g.Region, g.Group, g.Nearest, g.NearestKm, g.NearestCentre, g.NearestCentreKm)
	}
	// Output:
	// 02 × 12: no reference point
	// 28 × 12: nearest region 11 (181 km), nearest centre crmr-necker-12 (164 km)
	// 94 × 12: nearest region 11 (892 km), nearest centre crmr-necker-12 (913 km)
}

func ExampleSummarize() {
	s := analysis.Summarize([]float64{24, 30, 41, 25, 60, 33})
	fmt.Printf("n=%d mean=%.1f sd=%.1f min=%g q1=%.2f median=%g q3=%.2f max=%g\n",
		s.N, s.Mean, s.StdDev, s.Min, s.Q1, s.Median, s.Q3, s.Max)
	// Output:
	// n=6 mean=35.5 sd=13.5 min=24 q1=26.25 median=31.5 q3=39.00 max=60
}

func ExampleActiveFiles() {
	for _, a := range analysis.ActiveFiles(smallNetwork()) {
		if a.Group != 0 {
			continue // the all-groups rows only
		}
		fmt.Printf("%d %-10v n=%d median=%g\n", a.Year, a.Tier, a.N, a.Median)
	}
	// Output:
	// 2009 competence n=1 median=30
	// 2010 competence n=1 median=20
	// 2018 reference  n=1 median=410
	// 2018 competence n=1 median=40
	// 2019 reference  n=1 median=430
	// 2019 competence n=1 median=24
}

func ExampleRenewals() {
	for _, r := range analysis.Renewals(smallNetwork()) {
		fmt.Printf("%s label %d: %d days after %v\n", r.Centre, r.Label, r.Days, r.PreviousEnd)
	}
	// Output:
	// ccmr-rennes-12 label 1: 1775 days after 2013-01-15
	// crmr-necker-12 label 1: 2328 days after 2011-07-12
	// crmr-necker-12 label 2: 0 days after 2023-12-29
}

func ExampleReadCentreList() {
	list := `filiere,centre,hospital,city,role
SENSGENE,CRMR maladies rares ophtalmologiques,CHU de Strasbourg,Strasbourg,coordonnateur
SENSGENE,CRMR maladies rares ophtalmologiques,CHU de Bordeaux,Bordeaux,constitutif
SENSGENE,CCMR surdités génétiques,CHU de Rennes,Rennes,compétence
`
	centres, err := analysis.ReadCentreList(strings.NewReader(list))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range centres {
		fmt.Printf("line %d: %s, %s: %v %v\n", c.Line, c.Hospital, c.Filiere, c.Tier, c.Role)
	}
	_, err = analysis.ReadCentreList(strings.NewReader("centre,hospital,role\nX,CHU de Caen,chef de service\n"))
	fmt.Println(err)
	// Output:
	// line 2: CHU de Strasbourg, SENSGENE: reference coordinating
	// line 3: CHU de Bordeaux, SENSGENE: reference constitutive
	// line 4: CHU de Rennes, SENSGENE: competence Role(0)
	// analysis: centre list: line 2: role: "chef de service" is not a role (coordonnateur, constitutif, compétence or crc)
}

func ExampleMapSVG() {
	cov := analysis.Cover(smallNetwork(), labelling.MustParseDate("2024-06-01"))
	var b bytes.Buffer
	if err := analysis.MapSVG(&b, cov, typology.Sensory, 0, analysis.Chart{}); err != nil {
		fmt.Println(err)
		return
	}
	// Write b.Bytes() to a file and open it in a browser; here, its title.
	s := b.String()
	fmt.Println(s[strings.Index(s, "<title>")+7 : strings.Index(s, "</title>")])
	fmt.Println(strings.Contains(s, analysis.Attribution))
	// Output:
	// Group 12 (sensory): centres (reference and competence) in force on 2024-06-01
	// true
}

// Describe says what an analysis counts; OnlyMarks counts only the labels
// of some marks.
func ExampleDescribe() {
	n := smallNetworkWith(func(c *network.Centre) {
		if c.Tier == typology.Reference {
			c.Provenance = typology.Provenance{Source: "a sector's page", Mark: typology.MarkVerified}
		}
	})
	marks := []typology.Mark{typology.MarkVerified}
	for _, l := range analysis.Describe(n, "my network", marks...).Lines() {
		fmt.Println(l)
	}
	verified, _ := analysis.OnlyMarks(n, marks...)
	fmt.Println("in force on 2019-06-01:", analysis.Timeline(verified, labelling.MustParseDate("2019-06-01"))[0].Total)
	// Output:
	// Network: my network.
	// 6 centres, 3 of them with no label of the marks kept: not counted when a date is asked.
	// 9 labels, marked: verified 5, no mark 4.
	// Only labels marked verified are counted: 5 of 9.
	// in force on 2019-06-01: 3
}
