package analysis_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

// TestReadCentreListReferenceData reads a copy of the reference data's
// centres.csv (286 lines of real list, as sector pages print them).
func TestReadCentreListReferenceData(t *testing.T) {
	b, err := os.ReadFile("testdata/centres.csv")
	if err != nil {
		t.Fatal(err)
	}
	list, err := analysis.ReadCentreList(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ReadCentreList(centres.csv): %v", err)
	}
	if len(list) != 284 {
		t.Fatalf("ReadCentreList(centres.csv) = %d centres, want 284", len(list))
	}
	count := map[string]int{}
	for _, c := range list {
		switch {
		case c.Role == typology.Coordinating:
			count["coordinating"]++
		case c.Role == typology.Constitutive:
			count["constitutive"]++
		case c.Kind == typology.KindCRC:
			count["crc"]++
		case c.Tier == typology.Competence:
			count["competence"]++
		}
		if c.Name == "" || c.Hospital == "" || c.Source == "" || c.Line < 2 {
			t.Errorf("line %d: incomplete row %+v", c.Line, c)
		}
	}
	want := map[string]int{"coordinating": 69, "constitutive": 101, "competence": 112, "crc": 2}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("roles mismatch (-want +got):\n%s", diff)
	}
	first := list[0]
	if first.Line != 2 || first.Filiere != "AnDDI-Rares" || first.City != "Bordeaux" || first.Group != typology.DevelopmentalAnomalies || first.Period != "pre-2017" {
		t.Errorf("first row = %+v", first)
	}
	marks := map[typology.Mark]int{}
	for _, c := range list {
		marks[c.SectorMark]++
		if strings.ContainsAny(string(c.Filiere), "[]()") {
			t.Errorf("line %d: sector %q keeps its remark", c.Line, c.Filiere)
		}
	}
	if marks[typology.MarkInferred] != 27 || marks[typology.MarkUnverified] != 5 {
		t.Errorf("sector marks = %v, want 27 inferred and 5 unverified", marks)
	}
}

func TestReadCentreListMapping(t *testing.T) {
	in := "\ufeffFilière;Intitulé;Hôpital;Ville;Rôle;Groupe\n"
	in = strings.ReplaceAll(in, ";", ",") +
		"SENSGENE,CRMR maladies rares ophtalmologiques,CHU de Strasbourg,Strasbourg,Site coordonnateur,12\n" +
		"\"MaRIH (inferred)\",CCMR aplasies,CHU de Caen,Caen,Compétence,Maladies hématologiques non malignes rares\n" +
		"[unverified] DéfiScience,\"CRMR déficiences intellectuelles\",CHU de Lyon,Lyon,constitutif,\n"
	got, err := analysis.ReadCentreList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.ListedCentre{
		{Line: 2, Name: "CRMR maladies rares ophtalmologiques", Hospital: "CHU de Strasbourg", City: "Strasbourg", Sector: "SENSGENE", Filiere: "SENSGENE",
			Tier: typology.Reference, Role: typology.Coordinating, Kind: typology.KindCRMR, Group: typology.Sensory},
		{Line: 3, Name: "CCMR aplasies", Hospital: "CHU de Caen", City: "Caen", Sector: "MaRIH (inferred)", Filiere: "MaRIH", SectorMark: typology.MarkInferred,
			Tier: typology.Competence, Kind: typology.KindCCMR, Group: typology.Haematological},
		{Line: 4, Name: "CRMR déficiences intellectuelles", Hospital: "CHU de Lyon", City: "Lyon", Sector: "[unverified] DéfiScience", Filiere: "DéfiScience", SectorMark: typology.MarkUnverified,
			Tier: typology.Reference, Role: typology.Constitutive, Kind: typology.KindCRMR},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCentreList mismatch (-want +got):\n%s", diff)
	}
}

func TestReadCentreListErrors(t *testing.T) {
	type problem struct {
		Line   int
		Column string
	}
	tests := []struct {
		name string
		in   string
		want []problem
	}{
		{"empty", "", []problem{{1, ""}}},
		{"unknown column", "centre,hospital,role,colour\n", []problem{{1, "colour"}}},
		{"repeated column", "centre,name,hospital,role\n", []problem{{1, "name"}}},
		{"missing columns", "centre,city\n", []problem{{1, ""}, {1, ""}}},
		{"bad rows", "centre,hospital,role,group\n" +
			"A,H,coordonnateur,3\n" +
			",H,competence,\n" +
			"B,H,chef,\n" +
			"C,H,crc,99\n" +
			"D,H\n" +
			"E,,,\n",
			[]problem{{3, "centre"}, {4, "role"}, {5, "group"}, {6, ""}, {7, "hospital"}, {7, "role"}}},
		{"bad quote", "centre,hospital,role\n\"A,H,crc\n", []problem{{2, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := analysis.ReadCentreList(strings.NewReader(tt.in))
			if err == nil || list != nil {
				t.Fatalf("ReadCentreList = %v, %v; want an error and no list", list, err)
			}
			var got []problem
			for _, e := range unjoin(err) {
				le, ok := errors.AsType[*analysis.ListError](e)
				if !ok {
					t.Fatalf("error %v is not a *ListError", e)
				}
				got = append(got, problem{le.Line, le.Column})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
