package analysis_test

import (
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

var d = labelling.MustParseDate

// smallNetwork is a fixed network of six centres in five regions (two
// overseas), used by the examples and the golden tests.
func smallNetwork() *network.Network { return smallNetworkWith(nil) }

// smallNetworkWith is smallNetwork with each centre passed through edit
// (when not nil) before it is added.
func smallNetworkWith(edit func(*network.Centre)) *network.Network {
	var b network.Builder
	addCentre := func(c network.Centre) {
		if edit != nil {
			edit(&c)
		}
		b.AddCentre(c)
	}
	loc := func(lat, lon float64) network.Location { return network.Location{Lat: lat, Lon: lon, Known: true} }
	for _, e := range []network.Establishment{
		{ID: "aphp-necker", Name: "Hôpital Necker-Enfants malades (AP-HP)", City: "Paris", Region: "11", Location: loc(48.84626, 2.3151)},
		{ID: "chu-lille", Name: "CHU de Lille", City: "Lille", Region: "32", Location: loc(50.611461, 3.037601)},
		{ID: "chu-rennes", Name: "CHU de Rennes", City: "Rennes", Region: "53", Location: loc(48.11852, -1.69263)},
		{ID: "chu-reunion", Name: "CHU de La Réunion", City: "Saint-Denis", Region: "04", Location: loc(-20.89431, 55.44462)},
		{ID: "chu-martinique", Name: "CHU de Martinique", City: "Fort-de-France", Region: "02"},
	} {
		b.AddEstablishment(e)
		b.AddTeam(network.Team{ID: network.TeamID(e.ID + "-t"), Establishment: e.ID})
	}
	arrete := func(s string) labelling.Act { return labelling.Act{Kind: labelling.Arrete, Date: d(s)} }
	decision := func(s string) labelling.Act { return labelling.Act{Kind: labelling.Decision, Date: d(s)} }
	lab := func(start, end string, act labelling.Act, ev ...labelling.Event) labelling.Label {
		return labelling.MustLabel(d(start), d(end), act, ev...)
	}
	addCentre(network.Centre{
		ID: "crmr-necker-12", Name: "CRMR maladies sensorielles (Necker)", Tier: typology.Reference, Role: typology.Coordinating,
		Group: typology.Sensory, Team: "aphp-necker-t",
		Labels: []labelling.Label{
			lab("2006-07-12", "2011-07-12", arrete("2006-07-12")),
			lab("2017-11-25", "2022-11-25", arrete("2017-11-25"),
				labelling.EvaluationEvent(d("2021-06-01"), labelling.External),
				labelling.ExtensionEvent(d("2022-06-01"), d("2023-12-29"), arrete("2022-06-01"))),
			lab("2023-12-29", "2028-12-29", arrete("2023-12-29")),
		},
		Activity: []network.Activity{{Year: 2018, Consultations: 900, Patients: 410, NewPatients: 60}, {Year: 2019, Consultations: 950, Patients: 430, NewPatients: 55}},
	})
	addCentre(network.Centre{
		ID: "crmr-lille-3", Name: "CRMR anomalies du développement (Lille)", Tier: typology.Reference, Role: typology.Coordinating,
		Group: typology.DevelopmentalAnomalies, Team: "chu-lille-t",
		Labels: []labelling.Label{lab("2017-08-08", "2022-08-08", arrete("2017-08-08"))},
	})
	addCentre(network.Centre{
		ID: "crmr-rennes-3", Name: "CRMR anomalies du développement (Rennes)", Tier: typology.Reference, Role: typology.Constitutive,
		CoordinatingSite: "crmr-lille-3", Group: typology.DevelopmentalAnomalies, Team: "chu-rennes-t",
		Labels: []labelling.Label{lab("2017-08-08", "2022-08-08", arrete("2017-08-08"))},
	})
	addCentre(network.Centre{
		ID: "ccmr-rennes-12", Name: "CCMR maladies sensorielles (Rennes)", Tier: typology.Competence,
		Group: typology.Sensory, Team: "chu-rennes-t",
		Labels: []labelling.Label{
			lab("2008-01-15", "2013-01-15", decision("2008-01-15")).WithDesignation(labelling.Designation{
				Campaign: "2007", Route: labelling.Listed, CNCLOpinion: d("2007-09-28"), Decision: d("2008-01-15")}),
			lab("2017-11-25", "2022-11-25", decision("2017-12-01")),
		},
		Activity: []network.Activity{{Year: 2009, Consultations: 80, Patients: 30, NewPatients: 8}, {Year: 2010, Consultations: 60, Patients: 20, NewPatients: 5}, {Year: 2018, Consultations: 70, Patients: 40, NewPatients: 9}},
	})
	addCentre(network.Centre{
		ID: "ccmr-reunion-12", Name: "CCMR maladies sensorielles (La Réunion)", Tier: typology.Competence,
		Group: typology.Sensory, Team: "chu-reunion-t",
		Labels: []labelling.Label{lab("2018-01-01", "2023-01-01", decision("2018-01-01"),
			labelling.WithdrawalEvent(d("2020-06-30"), decision("2020-06-01")))},
		Activity: []network.Activity{{Year: 2019, Consultations: 40, Patients: 24, NewPatients: 6}},
	})
	addCentre(network.Centre{
		ID: "ccmr-martinique-3", Name: "CCMR anomalies du développement (Martinique)", Tier: typology.Competence,
		Group: typology.DevelopmentalAnomalies, Team: "chu-martinique-t",
		Labels: []labelling.Label{lab("2023-12-29", "2028-12-29", arrete("2023-12-29"))},
	})
	b.AddFiliere(network.Filiere{ID: "SENSGENE", Name: "Maladies rares sensorielles", Groups: []typology.Group{typology.Sensory},
		Members: []network.CentreID{"crmr-necker-12", "ccmr-rennes-12"}})
	b.AddFiliere(network.Filiere{ID: "AnDDI-Rares", Name: "Anomalies du développement", Groups: []typology.Group{typology.DevelopmentalAnomalies},
		Members: []network.CentreID{"crmr-lille-3", "crmr-rennes-3"}})
	n, err := b.Build()
	if err != nil {
		panic(err)
	}
	return n
}

var allRegions = func() []network.RegionCode {
	var rs []network.RegionCode
	for r := range network.Regions() {
		rs = append(rs, r.Code)
	}
	return rs
}()

var base = labelling.MustParseDate("2000-01-01")

// genDate draws a day from 2000 to about 2035.
func genDate(t *rapid.T, label string) labelling.Date {
	return base.AddDays(rapid.IntRange(0, 35*366).Draw(t, label))
}

// genLabel draws a valid label, sometimes extended or withdrawn.
func genLabel(t *rapid.T) labelling.Label {
	start := genDate(t, "start")
	end := start.AddDays(rapid.IntRange(1, 6*366).Draw(t, "len"))
	act := labelling.Act{Kind: labelling.Arrete, Date: start}
	var ev []labelling.Event
	if rapid.Bool().Draw(t, "evaluated") {
		ev = append(ev, labelling.EvaluationEvent(start.AddDays(rapid.IntRange(0, 2000).Draw(t, "eval")), labelling.External))
	}
	if rapid.Bool().Draw(t, "extended") {
		ev = append(ev, labelling.ExtensionEvent(start, end.AddDays(rapid.IntRange(1, 800).Draw(t, "ext")), act))
	}
	if rapid.IntRange(0, 3).Draw(t, "withdrawn") == 0 {
		ev = append(ev, labelling.WithdrawalEvent(start.AddDays(rapid.IntRange(0, 2500).Draw(t, "wd")), labelling.Act{}))
	}
	l := labelling.MustLabel(start, end, act, ev...)
	if m := typology.Mark(rapid.IntRange(0, 4).Draw(t, "mark")); m != 0 {
		l = l.WithProvenance(typology.Provenance{Source: "test", Mark: m})
	}
	return l
}

// genNetwork draws a valid network: establishments in any region (some
// located), centres of any tier and group with 0 to 3 labels and some
// activity, sectors with random members.
func genNetwork() *rapid.Generator[*network.Network] {
	return rapid.Custom(func(t *rapid.T) *network.Network {
		var b network.Builder
		nEst := rapid.IntRange(1, 8).Draw(t, "establishments")
		for i := range nEst {
			e := network.Establishment{
				ID:     network.EstablishmentID(fmt.Sprintf("e%d", i)),
				Name:   fmt.Sprintf("Hospital %d", i),
				Region: rapid.SampledFrom(allRegions).Draw(t, "region"),
			}
			if rapid.Bool().Draw(t, "located") {
				e.Location = network.Location{Lat: rapid.Float64Range(-25, 51).Draw(t, "lat"), Lon: rapid.Float64Range(-60, 56).Draw(t, "lon"), Known: true}
			}
			b.AddEstablishment(e)
			b.AddTeam(network.Team{ID: network.TeamID(e.ID + "-t"), Establishment: e.ID})
		}
		nCentres := rapid.IntRange(0, 25).Draw(t, "centres")
		var ids []network.CentreID
		for i := range nCentres {
			c := network.Centre{
				ID:    network.CentreID(fmt.Sprintf("c%02d", i)),
				Name:  fmt.Sprintf("Centre %d", i),
				Tier:  rapid.SampledFrom([]typology.Tier{typology.Reference, typology.Competence}).Draw(t, "tier"),
				Group: typology.Group(rapid.IntRange(1, 17).Draw(t, "group")),
				Team:  network.TeamID(fmt.Sprintf("e%d-t", rapid.IntRange(0, nEst-1).Draw(t, "team"))),
			}
			if c.Tier == typology.Reference {
				c.Role = typology.Coordinating
			}
			for range rapid.IntRange(0, 3).Draw(t, "labels") {
				c.Labels = append(c.Labels, genLabel(t))
			}
			years := rapid.SliceOfNDistinct(rapid.IntRange(2000, 2030), 0, 5, rapid.ID).Draw(t, "years")
			for _, y := range years {
				c.Activity = append(c.Activity, network.Activity{Year: y, Patients: rapid.IntRange(0, 500).Draw(t, "patients")})
			}
			b.AddCentre(c)
			ids = append(ids, c.ID)
		}
		for i := range rapid.IntRange(0, 3).Draw(t, "sectors") {
			f := network.Filiere{ID: network.FiliereID(fmt.Sprintf("F%d", i)), Name: "Sector"}
			if rapid.Bool().Draw(t, "since known") {
				f.Since = genDate(t, "since")
			}
			if len(ids) > 0 {
				f.Members = rapid.SliceOfNDistinct(rapid.SampledFrom(ids), 0, len(ids), rapid.ID).Draw(t, "members")
				slices.Sort(f.Members)
			}
			b.AddFiliere(f)
		}
		n, err := b.Build()
		if err != nil {
			t.Fatalf("generated network does not build: %v", err)
		}
		return n
	})
}
