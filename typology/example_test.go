package typology_test

import (
	"errors"
	"fmt"

	"github.com/rarenet/rarenet/typology"
)

func ExampleParseGroup() {
	for _, s := range []string{
		"12",
		"Maladies osseuses rares",
		"ANOMALIES DU DEVELOPPEMENT EMBRYONNAIRE D'ORIGINE GENETIQUE",
		"Rare kidney diseases",
		"immune-deficiencies",
	} {
		g, err := typology.ParseGroup(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%d %s\n", g.Number(), g.NameFR())
	}
	_, err := typology.ParseGroup("Maladies rares")
	fmt.Println(err)
	fmt.Println(errors.Is(err, typology.ErrUnknown))
	// Output:
	// 12 Maladies sensorielles rares regroupant les maladies ophtalmologiques rares et les surdités congénitales et génétiques
	// 14 Maladies osseuses rares
	// 3 Anomalies du développement embryonnaire d’origine génétique
	// 13 Maladies rénales rares
	// 15 Déficits immunitaires rares
	// typology: parse group "Maladies rares": unknown group
	// true
}

func ExampleGroups() {
	for g := range typology.Groups() {
		fmt.Printf("%2d %-26s %s\n", g.Number(), g, g.NameEN())
	}
	// Output:
	//  1 autoimmune-systemic        Rare autoimmune and systemic diseases
	//  2 cardiovascular             Rare cardiovascular diseases
	//  3 developmental-anomalies    Developmental anomalies of genetic origin
	//  4 dermatological             Rare skin diseases
	//  5 endocrine                  Rare endocrine diseases
	//  6 hepato-gastroenterological Rare hepato-gastroenterological diseases
	//  7 haematological             Rare non-malignant haematological diseases
	//  8 metabolic                  Inherited metabolic diseases
	//  9 neurological               Rare neurological diseases
	// 10 neuromuscular              Neuromuscular diseases
	// 11 pulmonary                  Rare pulmonary diseases
	// 12 sensory                    Rare sensory diseases (rare eye diseases and congenital and genetic deafness)
	// 13 renal                      Rare kidney diseases
	// 14 bone                       Rare bone diseases
	// 15 immune-deficiencies        Rare immune deficiencies
	// 16 connective-tissue          Connective tissue diseases
	// 17 other                      Other rare diseases
}

func ExampleGroup_MarshalJSON() {
	b, _ := typology.Sensory.MarshalJSON()
	fmt.Println(string(b))
	var g typology.Group
	fmt.Println(g.UnmarshalJSON([]byte(`"12"`)))
	// Output:
	// 12
	// typology: parse group "\"12\"": not a group number (integer 1 to 17)
}

func ExamplePrevalence_Below() {
	p, _ := typology.ParsePrevalence("1-9 / 100 000")
	fmt.Println(p, p.Below(typology.Prevalence1To5Per10000))
	fmt.Println(p, p.Below(typology.Prevalence1To9Per100000), p.AtMost(typology.Prevalence1To9Per100000))
	// Unknown is never below a threshold: rarity is not established.
	fmt.Println(typology.PrevalenceUnknown.Below(typology.PrevalenceAbove1Per1000))
	// Output:
	// 1-9/100000 true
	// 1-9/100000 false true
	// false
}

func ExamplePrevalence_IsRareInEU() {
	for _, p := range []typology.Prevalence{
		typology.Prevalence1To5Per10000,
		typology.Prevalence6To9Per10000,
		typology.PrevalenceUnknown,
	} {
		fmt.Println(p, p.IsRareInEU())
	}
	// Output:
	// 1-5/10000 true
	// 6-9/10000 false
	// unknown false
}

func ExampleDefaultKind() {
	for t := range typology.Tiers() {
		fmt.Println(t, typology.DefaultKind(t), typology.DefaultScope(t))
	}
	// Output:
	// reference crmr national
	// competence ccmr regional
}

func ExampleParseORPHAcode() {
	c, _ := typology.ParseORPHAcode("orpha:791")
	d := typology.Disease{Orpha: c, Name: "Rétinite pigmentaire"}
	fmt.Println(c, d.Key())
	fmt.Println(typology.Disease{Name: "Syndrome X"}.Key())
	// Output:
	// ORPHA:791 ORPHA:791
	// name:Syndrome X
}
