package rules_test

import (
	"strings"
	"testing"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// day parses a date of a test table.
func day(s string) labelling.Date { return labelling.MustParseDate(s) }

// label returns a label [start, end) granted by an order on its start day.
func label(start, end string, evs ...labelling.Event) labelling.Label {
	s := day(start)
	return labelling.MustLabel(s, day(end), labelling.Act{Kind: labelling.Arrete, Date: s}, evs...)
}

// evaluated returns a label [start, end) with a self-evaluation on its
// start day.
func evaluated(start, end string) labelling.Label {
	return label(start, end, labelling.EvaluationEvent(day(start), labelling.SelfEvaluation))
}

// Centre constructors for the tables: one group (12, sensory) unless
// changed, each centre in a team of its own unless told.
func coordinating(id string, ls ...labelling.Label) network.Centre {
	return network.Centre{ID: network.CentreID(id), Name: id, Tier: typology.Reference, Role: typology.Coordinating,
		Group: typology.Sensory, Team: network.TeamID("t-" + id), Labels: ls}
}

func constitutive(id, coord string, ls ...labelling.Label) network.Centre {
	c := coordinating(id, ls...)
	c.Role, c.CoordinatingSite = typology.Constitutive, network.CentreID(coord)
	return c
}

func competence(id string, ls ...labelling.Label) network.Centre {
	return network.Centre{ID: network.CentreID(id), Name: id, Tier: typology.Competence,
		Group: typology.Sensory, Team: network.TeamID("t-" + id), Labels: ls}
}

// net is the input of a table test: centres and the rest; establishments
// and teams are made up. A team whose ID starts with "b-" belongs to
// establishment "chu-b" (region 84), any other to "chu-a" (region 11).
type net struct {
	centres     []network.Centre
	conventions []network.Convention
	filieres    []network.Filiere
	platforms   []network.Platform
}

func (in net) build(t testing.TB) *network.Network {
	t.Helper()
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu-a", Name: "CHU A", Region: "11"})
	b.AddEstablishment(network.Establishment{ID: "chu-b", Name: "CHU B", Region: "84"})
	teams := map[network.TeamID]bool{}
	for _, c := range in.centres {
		if !teams[c.Team] {
			teams[c.Team] = true
			est := network.EstablishmentID("chu-a")
			if strings.HasPrefix(string(c.Team), "b-") {
				est = "chu-b"
			}
			b.AddTeam(network.Team{ID: c.Team, Establishment: est})
		}
		b.AddCentre(c)
	}
	for _, c := range in.conventions {
		b.AddConvention(c)
	}
	for _, f := range in.filieres {
		b.AddFiliere(f)
	}
	for _, p := range in.platforms {
		b.AddPlatform(p)
	}
	n, err := b.Build()
	if err != nil {
		t.Fatalf("Build() error: %v", err)
	}
	return n
}

// findingsOf audits n at at with cfg and returns the findings of rule.
func findingsOf(t testing.TB, n *network.Network, at labelling.Date, cfg rules.Config, rule string) []rules.Finding {
	t.Helper()
	cfg.Rules = []string{rule}
	r, err := rules.Check(n, at, cfg)
	if err != nil {
		t.Fatalf("Check(%v) error: %v", at, err)
	}
	return r.Findings()
}

// brief is what table tests compare of a finding.
type brief struct {
	Subject string
	Year    int
	Date    string
}

func briefs(fs []rules.Finding) []brief {
	out := []brief{}
	for _, f := range fs {
		b := brief{Subject: f.Subject, Year: f.Year}
		if !f.Date.IsZero() {
			b.Date = f.Date.String()
		}
		out = append(out, b)
	}
	return out
}
