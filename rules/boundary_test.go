package rules_test

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// ruleCase is one row of a boundary table: a network, an audit date, and
// the findings of one rule expected from it.
type ruleCase struct {
	name string
	net  net
	at   string
	cfg  func(*rules.Config) // nil: the default configuration
	want []brief
}

func runCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := rules.DefaultConfig()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			got := briefs(findingsOf(t, tc.net.build(t), day(tc.at), cfg, rule))
			want := tc.want
			if want == nil {
				want = []brief{}
			}
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("Check(%s at %s) mismatch (-want +got):\n%s", rule, tc.at, diff)
			}
		})
	}
}

func withActivity(c network.Centre, as ...network.Activity) network.Centre {
	c.Activity = as
	return c
}

func act(year, patients int) network.Activity {
	return network.Activity{Year: year, Patients: patients, NewPatients: 0, Consultations: patients}
}

func TestMinActiveFile(t *testing.T) {
	five := label("2010-01-01", "2015-01-01")
	runCases(t, rules.CompetenceMinActiveFile, []ruleCase{
		{name: "24 fails", at: "2016-01-01",
			net:  net{centres: []network.Centre{withActivity(competence("cc", five), act(2011, 24))}},
			want: []brief{{Subject: "cc", Year: 2011}}},
		{name: "25 passes", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", five), act(2011, 25))}}},
		{name: "partial first year not judged", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-02", "2015-01-02")),
				act(2010, 3), act(2011, 3), act(2015, 3))}},
			want: []brief{{Subject: "cc", Year: 2011}}},
		{name: "partial last year not judged", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2014-12-31")), act(2014, 3))}}},
		{name: "renewal without a break keeps the year whole", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2012-07-01"), label("2012-07-01", "2017-07-01")),
				act(2012, 10))}},
			want: []brief{{Subject: "cc", Year: 2012}}},
		{name: "a one-day gap breaks the year", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2012-07-01"), label("2012-07-02", "2017-07-01")),
				act(2012, 10))}}},
		{name: "reference centres are not judged", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(coordinating("cr", five), act(2011, 1))}}},
		{name: "the threshold is configurable", at: "2016-01-01",
			cfg:  func(c *rules.Config) { c.MinActiveFile = 30 },
			net:  net{centres: []network.Centre{withActivity(competence("cc", five), act(2011, 29), act(2012, 30))}},
			want: []brief{{Subject: "cc", Year: 2011}}},
		{name: "withdrawal cuts the year", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc",
				label("2010-01-01", "2015-01-01", labelling.WithdrawalEvent(day("2012-12-31"), labelling.Act{}))), act(2012, 1), act(2011, 1))}},
			want: []brief{{Subject: "cc", Year: 2011}}},
	})
}

func TestActivityMissing(t *testing.T) {
	runCases(t, rules.CompetenceActivityMissing, []ruleCase{
		{name: "only years before the audit year", at: "2013-06-01",
			net:  net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2015-01-01")), act(2011, 30))}},
			want: []brief{{Subject: "cc", Year: 2010}, {Subject: "cc", Year: 2012}}},
		{name: "audit on 1 January: the year before is due", at: "2013-01-01",
			net:  net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2015-01-01")), act(2010, 30), act(2011, 30))}},
			want: []brief{{Subject: "cc", Year: 2012}}},
		{name: "partial years are not due", at: "2016-06-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-03-01", "2014-03-01")),
				act(2011, 30), act(2012, 30), act(2013, 30))}}},
		{name: "reference centres are not asked", at: "2016-06-01",
			net: net{centres: []network.Centre{coordinating("cr", label("2010-01-01", "2015-01-01"))}}},
	})
}

func TestInterregionalPreferred(t *testing.T) {
	with := func(scope typology.Scope, ps ...typology.Prevalence) network.Centre {
		c := competence("cc", label("2010-01-01", "2015-01-01"))
		c.Scope = scope
		for i, p := range ps {
			c.Diseases = append(c.Diseases, typology.Disease{Orpha: typology.ORPHAcode(100 + i), Name: "d", Prevalence: p})
		}
		return c
	}
	runCases(t, rules.CompetenceInterregionalPreferred, []ruleCase{
		{name: "all below 1/100000", at: "2012-01-01",
			net:  net{centres: []network.Centre{with(0, typology.PrevalenceBelow1PerMillion, typology.Prevalence1To9PerMillion)}},
			want: []brief{{Subject: "cc"}}},
		{name: "1-9/100000 is not low", at: "2012-01-01",
			net: net{centres: []network.Centre{with(typology.Regional, typology.PrevalenceBelow1PerMillion, typology.Prevalence1To9Per100000)}}},
		{name: "unknown prevalence is not low", at: "2012-01-01",
			net: net{centres: []network.Centre{with(typology.Regional, typology.PrevalenceBelow1PerMillion, typology.PrevalenceUnknown)}}},
		{name: "no listed disease", at: "2012-01-01",
			net: net{centres: []network.Centre{with(typology.Regional)}}},
		{name: "interregional scope", at: "2012-01-01",
			net: net{centres: []network.Centre{with(typology.Interregional, typology.PrevalenceBelow1PerMillion)}}},
		{name: "not in force", at: "2015-01-01",
			net: net{centres: []network.Centre{with(typology.Regional, typology.PrevalenceBelow1PerMillion)}}},
		{name: "configurable threshold", at: "2012-01-01",
			cfg:  func(c *rules.Config) { c.LowPrevalence = typology.Prevalence1To5Per10000 },
			net:  net{centres: []network.Centre{with(typology.Regional, typology.Prevalence1To9Per100000)}},
			want: []brief{{Subject: "cc"}}},
	})
}

func conv(id, comp string, start, end, signed string, refs []string, sigs ...string) network.Convention {
	c := network.Convention{ID: network.ConventionID(id), Competence: network.CentreID(comp),
		Start: day(start), Signed: day(signed)}
	if end != "" {
		c.End = day(end)
	}
	for _, r := range refs {
		c.Reference = append(c.Reference, network.CentreID(r))
	}
	for _, s := range sigs {
		c.Signatories = append(c.Signatories, network.CentreID(s))
	}
	return c
}

func TestUnattached(t *testing.T) {
	ref := coordinating("cr", label("2010-01-01", "2015-01-01"))
	other := coordinating("cr9", label("2010-01-01", "2015-01-01"))
	other.Group = typology.Neurological
	cc := competence("cc", label("2011-01-01", "2016-01-01"))
	runCases(t, rules.CompetenceUnattached, []ruleCase{
		{name: "attached", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "", "2011-01-01", []string{"cr"}, "cr")}}},
		{name: "no convention", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, cc}}, want: []brief{{Subject: "cc"}}},
		{name: "convention ended", at: "2012-01-01",
			net:  net{centres: []network.Centre{ref, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "2012-01-01", "2011-01-01", []string{"cr"})}},
			want: []brief{{Subject: "cc"}}},
		{name: "reference label ended", at: "2015-01-01",
			net:  net{centres: []network.Centre{ref, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "", "2011-01-01", []string{"cr"})}},
			want: []brief{{Subject: "cc"}}},
		{name: "reference of another group", at: "2012-01-01",
			net:  net{centres: []network.Centre{other, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "", "2011-01-01", []string{"cr9"})}},
			want: []brief{{Subject: "cc"}}},
		{name: "one good party is enough", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, other, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "", "2011-01-01", []string{"cr9", "cr"})}}},
		{name: "competence centre not in force", at: "2016-01-01",
			net: net{centres: []network.Centre{ref, cc}}},
	})
}

func TestTeamRules(t *testing.T) {
	d := func(code typology.ORPHAcode, name string) typology.Disease {
		return typology.Disease{Orpha: code, Name: name}
	}
	inTeam := func(c network.Centre, team string, g typology.Group, ds ...typology.Disease) network.Centre {
		c.Team, c.Group, c.Diseases = network.TeamID(team), g, ds
		return c
	}
	l := label("2010-01-01", "2015-01-01")
	a := competence("a", l)
	b := competence("b", label("2014-06-01", "2019-06-01"))
	r := coordinating("r", l)
	runCases(t, rules.TeamDuplicateLabel, []ruleCase{
		{name: "same group, whole group", at: "2012-01-01",
			net:  net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(b, "t", typology.Sensory)}},
			want: []brief{{Subject: "t", Date: "2014-06-01"}}},
		{name: "different groups never", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(b, "t", typology.Renal)}}},
		{name: "disjoint disease lists", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory, d(791, "RP")), inTeam(b, "t", typology.Sensory, d(792, "RP"))}}},
		{name: "one code under two names", at: "2012-01-01",
			net:  net{centres: []network.Centre{inTeam(a, "t", typology.Sensory, d(791, "RP")), inTeam(b, "t", typology.Sensory, d(791, "Rétinite pigmentaire"))}},
			want: []brief{{Subject: "t", Date: "2014-06-01"}}},
		{name: "a name with and without a code", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory, d(791, "RP")), inTeam(b, "t", typology.Sensory, d(0, "RP"))}}},
		{name: "same name without codes", at: "2012-01-01",
			net:  net{centres: []network.Centre{inTeam(a, "t", typology.Sensory, d(0, "RP")), inTeam(b, "t", typology.Sensory, d(0, "RP"))}},
			want: []brief{{Subject: "t", Date: "2014-06-01"}}},
		{name: "windows that touch do not intersect", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(competence("b", label("2015-01-01", "2020-01-01")), "t", typology.Sensory)}}},
		{name: "different tiers are the other rule", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(r, "t", typology.Sensory)}}},
		{name: "different teams", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(b, "u", typology.Sensory)}}},
	})
	runCases(t, rules.TeamReferenceAndCompetence, []ruleCase{
		{name: "both tiers, one group", at: "2012-01-01",
			net:  net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(r, "t", typology.Sensory)}},
			want: []brief{{Subject: "t", Date: "2010-01-01"}}},
		{name: "both tiers, two groups", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(r, "t", typology.Renal)}}},
		{name: "both tiers, never in force together", at: "2012-01-01",
			net: net{centres: []network.Centre{inTeam(a, "t", typology.Sensory), inTeam(coordinating("r", label("2015-01-01", "2016-01-01")), "t", typology.Sensory)}}},
	})
}

func TestWindowTooLong(t *testing.T) {
	c := func(l labelling.Label) net { return net{centres: []network.Centre{coordinating("cr", l)}} }
	runCases(t, rules.LabelWindowTooLong, []ruleCase{
		{name: "2016-02-29 plus five years is 2021-03-01", at: "2017-01-01",
			net: c(label("2016-02-29", "2021-03-01"))},
		{name: "one more day is too long", at: "2017-01-01",
			net: c(label("2016-02-29", "2021-03-02")), want: []brief{{Subject: "cr", Date: "2016-02-29"}}},
		{name: "exactly five years", at: "2018-01-01",
			net: c(label("2017-11-25", "2022-11-25"))},
		{name: "extensions do not count", at: "2018-01-01",
			net: c(label("2017-11-25", "2022-11-25", labelling.ExtensionEvent(day("2022-01-01"), day("2024-01-01"), labelling.Act{Kind: labelling.Arrete, Date: day("2022-01-01")})))},
		{name: "configurable term", at: "2018-01-01",
			cfg: func(c *rules.Config) { c.LabelTerm = 4 },
			net: c(label("2017-11-25", "2022-11-25")), want: []brief{{Subject: "cr", Date: "2017-11-25"}}},
	})
}

func TestExtensionWithoutBasis(t *testing.T) {
	ext := func(a labelling.Act) net {
		return net{centres: []network.Centre{coordinating("cr", label("2017-11-25", "2022-11-25",
			labelling.ExtensionEvent(day("2022-06-01"), day("2024-01-01"), a)))}}
	}
	runCases(t, rules.LabelExtensionWithoutBasis, []ruleCase{
		{name: "no act", at: "2023-01-01", net: ext(labelling.Act{}), want: []brief{{Subject: "cr", Date: "2022-06-01"}}},
		{name: "an order", at: "2023-01-01", net: ext(labelling.Act{Kind: labelling.Arrete, Date: day("2022-06-01")})},
		{name: "any other act", at: "2023-01-01", net: ext(labelling.Act{Kind: labelling.OtherAct, Date: day("2022-06-01")})},
	})
}

func TestLabelSequences(t *testing.T) {
	c := func(ls ...labelling.Label) net { return net{centres: []network.Centre{coordinating("cr", ls...)}} }
	touching := c(evaluated("2010-01-01", "2015-01-01"), label("2015-01-01", "2020-01-01"))
	runCases(t, rules.LabelOverlap, []ruleCase{
		{name: "a label ending on the day the next starts", at: "2016-01-01", net: touching},
		{name: "one day of overlap", at: "2016-01-01",
			net:  c(evaluated("2010-01-01", "2015-01-02"), label("2015-01-01", "2020-01-01")),
			want: []brief{{Subject: "cr", Date: "2015-01-01"}}},
		{name: "a withdrawal ends the overlap", at: "2016-01-01",
			net: c(label("2010-01-01", "2015-01-01", labelling.EvaluationEvent(day("2011-01-01"), 0), labelling.WithdrawalEvent(day("2013-01-01"), labelling.Act{})),
				label("2013-01-01", "2018-01-01"))},
	})
	runCases(t, rules.LabelGap, []ruleCase{
		{name: "a label ending on the day the next starts", at: "2016-01-01", net: touching},
		{name: "one day of gap", at: "2016-01-01",
			net:  c(evaluated("2010-01-01", "2015-01-01"), label("2015-01-02", "2020-01-01")),
			want: []brief{{Subject: "cr", Date: "2015-01-01"}}},
		{name: "one finding per centre", at: "2016-01-01",
			net:  c(evaluated("2000-01-01", "2004-01-01"), evaluated("2005-01-01", "2009-01-01"), label("2010-01-01", "2015-01-01")),
			want: []brief{{Subject: "cr", Date: "2004-01-01"}}},
		{name: "a gap after the latest end, not the previous end", at: "2016-01-01",
			net: c(evaluated("2010-01-01", "2015-01-01"), evaluated("2010-01-01", "2011-01-01"), label("2015-01-01", "2020-01-01"))},
	})
	runCases(t, rules.LabelRenewalWithoutEvaluation, []ruleCase{
		{name: "evaluated", at: "2016-01-01", net: touching},
		{name: "not evaluated", at: "2016-01-01",
			net:  c(label("2010-01-01", "2015-01-01"), label("2015-01-01", "2020-01-01")),
			want: []brief{{Subject: "cr", Date: "2015-01-01"}}},
		{name: "evaluated after its end", at: "2016-01-01",
			net:  c(label("2010-01-01", "2015-01-01", labelling.EvaluationEvent(day("2015-01-01"), 0)), label("2015-01-01", "2020-01-01")),
			want: []brief{{Subject: "cr", Date: "2015-01-01"}}},
		{name: "evaluated on its last day", at: "2016-01-01",
			net: c(label("2010-01-01", "2015-01-01", labelling.EvaluationEvent(day("2014-12-31"), 0)), label("2015-01-01", "2020-01-01"))},
		{name: "document order breaks ties", at: "2016-01-01",
			net:  c(evaluated("2010-01-01", "2015-01-01"), label("2010-01-01", "2015-01-01")),
			want: nil},
		{name: "document order breaks ties, reversed", at: "2016-01-01",
			net:  c(label("2010-01-01", "2015-01-01"), evaluated("2010-01-01", "2015-01-01")),
			want: []brief{{Subject: "cr", Date: "2010-01-01"}}},
	})
}

func TestActivityOutsideWindow(t *testing.T) {
	runCases(t, rules.LabelActivityOutsideWindow, []ruleCase{
		{name: "one labelled day is enough", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(competence("cc", label("2010-12-31", "2015-01-01")), act(2010, 30), act(2014, 30))}}},
		{name: "the end day is not labelled", at: "2016-01-01",
			net:  net{centres: []network.Centre{withActivity(competence("cc", label("2010-12-31", "2015-01-01")), act(2015, 30), act(2009, 30))}},
			want: []brief{{Subject: "cc", Year: 2009}, {Subject: "cc", Year: 2015}}},
		{name: "between two labels", at: "2016-01-01",
			net: net{centres: []network.Centre{withActivity(coordinating("cr", evaluated("2005-01-01", "2010-01-01"), label("2011-01-01", "2016-01-01")),
				act(2010, 30))}},
			want: []brief{{Subject: "cr", Year: 2010}}},
	})
}

func TestLapsed(t *testing.T) {
	c := func(ls ...labelling.Label) net { return net{centres: []network.Centre{coordinating("cr", ls...)}} }
	runCases(t, rules.LabelLapsed, []ruleCase{
		{name: "ended the day of the audit", at: "2015-01-01",
			net: c(label("2010-01-01", "2015-01-01")), want: []brief{{Subject: "cr", Date: "2015-01-01"}}},
		{name: "last day in force", at: "2014-12-31", net: c(label("2010-01-01", "2015-01-01"))},
		{name: "first label after the audit date", at: "2009-12-31", net: c(label("2010-01-01", "2015-01-01"))},
		{name: "between two labels", at: "2016-01-01",
			net: c(evaluated("2005-01-01", "2010-01-01"), label("2017-01-01", "2022-01-01")), want: []brief{{Subject: "cr", Date: "2010-01-01"}}},
		{name: "withdrawn", at: "2016-01-01",
			net:  c(label("2012-01-01", "2017-01-01", labelling.WithdrawalEvent(day("2013-03-01"), labelling.Act{}))),
			want: []brief{{Subject: "cr", Date: "2013-03-01"}}},
		{name: "no label", at: "2016-01-01", net: c()},
	})
}

func TestConventionRules(t *testing.T) {
	ref := coordinating("cr", label("2010-01-01", "2015-01-01"))
	withdrawn := coordinating("cr", label("2010-01-01", "2015-01-01", labelling.WithdrawalEvent(day("2012-06-01"), labelling.Act{Kind: labelling.Arrete, Date: day("2012-05-15")})))
	cc := competence("cc", label("2011-01-01", "2016-01-01"))
	k := func(end string) []network.Convention {
		return []network.Convention{conv("k", "cc", "2011-01-01", end, "2011-01-01", []string{"cr"}, "cr")}
	}
	runCases(t, rules.ConventionOutlivesReferenceLabel, []ruleCase{
		{name: "a withdrawal ends the convention", at: "2013-01-01",
			net: net{centres: []network.Centre{withdrawn, cc}, conventions: k("")}, want: []brief{{Subject: "k", Date: "2012-06-01"}}},
		{name: "recorded as ending on the withdrawal", at: "2013-01-01",
			net: net{centres: []network.Centre{withdrawn, cc}, conventions: k("2012-06-01")}},
		{name: "recorded as ending a day later", at: "2013-01-01",
			net: net{centres: []network.Centre{withdrawn, cc}, conventions: k("2012-06-02")}, want: []brief{{Subject: "k", Date: "2012-06-01"}}},
		{name: "audit before the withdrawal", at: "2012-05-31",
			net: net{centres: []network.Centre{withdrawn, cc}, conventions: k("")}},
		{name: "audit on the withdrawal day", at: "2012-06-01",
			net: net{centres: []network.Centre{withdrawn, cc}, conventions: k("")}, want: []brief{{Subject: "k", Date: "2012-06-01"}}},
		{name: "an expired label ends it too", at: "2016-01-01",
			net: net{centres: []network.Centre{ref, cc}, conventions: k("")}, want: []brief{{Subject: "k", Date: "2015-01-01"}}},
		{name: "a renewal keeps it", at: "2016-01-01",
			net: net{centres: []network.Centre{coordinating("cr", evaluated("2010-01-01", "2015-01-01"), label("2015-01-01", "2020-01-01")), cc}, conventions: k("")}},
	})
	other := coordinating("cr9", label("2010-01-01", "2015-01-01"))
	other.Group = typology.Renal
	runCases(t, rules.ConventionGroupMismatch, []ruleCase{
		{name: "same group", at: "2012-01-01", net: net{centres: []network.Centre{ref, cc}, conventions: k("")}},
		{name: "another group", at: "2012-01-01",
			net:  net{centres: []network.Centre{ref, other, cc}, conventions: []network.Convention{conv("k", "cc", "2011-01-01", "", "2011-01-01", []string{"cr", "cr9"}, "cr")}},
			want: []brief{{Subject: "k"}}},
	})
	second := coordinating("cr2", label("2011-06-01", "2016-06-01"))
	runCases(t, rules.ConventionMissingCosignatory, []ruleCase{
		{name: "all coordinators sign", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, second, cc}, conventions: []network.Convention{conv("k", "cc", "2011-06-01", "", "2011-06-01", []string{"cr"}, "cr", "cr2")}}},
		{name: "a coordinator in force misses", at: "2012-01-01",
			net:  net{centres: []network.Centre{ref, second, cc}, conventions: []network.Convention{conv("k", "cc", "2011-06-01", "", "2011-06-01", []string{"cr"}, "cr")}},
			want: []brief{{Subject: "k", Date: "2011-06-01"}}},
		{name: "a coordinator not yet labelled need not sign", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, second, cc}, conventions: []network.Convention{conv("k", "cc", "2011-05-31", "", "2011-05-31", []string{"cr"}, "cr")}}},
		{name: "constitutive sites need not sign", at: "2012-01-01",
			net: net{centres: []network.Centre{ref, constitutive("cs", "cr", label("2010-01-01", "2015-01-01")), cc},
				conventions: []network.Convention{conv("k", "cc", "2011-06-01", "", "2011-06-01", []string{"cr"}, "cr")}}},
		{name: "a signatory listed twice counts once", at: "2012-01-01",
			net:  net{centres: []network.Centre{ref, second, cc}, conventions: []network.Convention{conv("k", "cc", "2011-06-01", "", "2011-06-01", []string{"cr"}, "cr", "cr")}},
			want: []brief{{Subject: "k", Date: "2011-06-01"}}},
	})
}

func TestStructureRules(t *testing.T) {
	l := label("2010-01-01", "2015-01-01")
	other := coordinating("cr9", l)
	other.Group = typology.Renal
	runCases(t, rules.ReferenceOrphanConstitutiveSite, []ruleCase{
		{name: "valid", at: "2012-01-01", net: net{centres: []network.Centre{coordinating("cr", l), constitutive("cs", "cr", l)}}},
		{name: "none", at: "2012-01-01", net: net{centres: []network.Centre{constitutive("cs", "", l)}}, want: []brief{{Subject: "cs"}}},
		{name: "itself", at: "2012-01-01", net: net{centres: []network.Centre{constitutive("cs", "cs", l)}}, want: []brief{{Subject: "cs"}}},
		{name: "a competence centre", at: "2012-01-01", net: net{centres: []network.Centre{competence("cc", l), constitutive("cs", "cc", l)}}, want: []brief{{Subject: "cs"}}},
		{name: "another group", at: "2012-01-01", net: net{centres: []network.Centre{other, constitutive("cs", "cr9", l)}}, want: []brief{{Subject: "cs"}}},
	})
	fil := func(id string, members ...string) network.Filiere {
		f := network.Filiere{ID: network.FiliereID(id), Name: id}
		for _, m := range members {
			f.Members = append(f.Members, network.CentreID(m))
		}
		return f
	}
	runCases(t, rules.FiliereReferenceOutsideFiliere, []ruleCase{
		{name: "FilieresSince is inclusive", at: "2015-01-01",
			net: net{centres: []network.Centre{coordinating("cr", label("2014-01-01", "2019-01-01"))}}, want: []brief{{Subject: "cr"}}},
		{name: "the day before", at: "2014-12-31",
			net: net{centres: []network.Centre{coordinating("cr", label("2014-01-01", "2019-01-01"))}}},
		{name: "in a sector", at: "2015-01-01",
			net: net{centres: []network.Centre{coordinating("cr", label("2014-01-01", "2019-01-01"))}, filieres: []network.Filiere{fil("F", "cr")}}},
		{name: "not in force", at: "2020-01-01",
			net: net{centres: []network.Centre{coordinating("cr", label("2014-01-01", "2019-01-01"))}}},
		{name: "constitutive sites need none", at: "2016-01-01",
			net: net{centres: []network.Centre{coordinating("cr", label("2014-01-01", "2019-01-01")), constitutive("cs", "cr", label("2014-01-01", "2019-01-01"))},
				filieres: []network.Filiere{fil("F", "cr")}}},
	})
	runCases(t, rules.FiliereReferenceInSeveral, []ruleCase{
		{name: "two sectors", at: "2016-01-01",
			net:  net{centres: []network.Centre{coordinating("cr", l)}, filieres: []network.Filiere{fil("F", "cr"), fil("G", "cr")}},
			want: []brief{{Subject: "cr"}}},
		{name: "listed twice by one sector", at: "2016-01-01",
			net: net{centres: []network.Centre{coordinating("cr", l)}, filieres: []network.Filiere{fil("F", "cr", "cr")}}},
		{name: "a constitutive site in two", at: "2016-01-01",
			net: net{centres: []network.Centre{coordinating("cr", l), constitutive("cs", "cr", l)}, filieres: []network.Filiere{fil("F", "cr", "cs"), fil("G", "cs")}}},
	})
	two := []network.Centre{competence("a", l), competence("b", l), competence("b-c", l)}
	two[2].Team = "b-team"
	runCases(t, rules.PlatformSingleCentreHost, []ruleCase{
		{name: "two centres in force", at: "2012-01-01",
			net: net{centres: two, platforms: []network.Platform{{ID: "p", Name: "P", Host: "chu-a"}}}},
		{name: "one centre", at: "2012-01-01",
			net: net{centres: two, platforms: []network.Platform{{ID: "p", Name: "P", Host: "chu-b"}}}, want: []brief{{Subject: "p"}}},
		{name: "no centre in force", at: "2015-01-01",
			net: net{centres: two, platforms: []network.Platform{{ID: "p", Name: "P", Host: "chu-a", Overseas: true}}}, want: []brief{{Subject: "p"}}},
	})
}

func TestActivityInconsistent(t *testing.T) {
	a := func(cons, pat, neu int) net {
		return net{centres: []network.Centre{withActivity(competence("cc", label("2010-01-01", "2015-01-01")),
			network.Activity{Year: 2011, Consultations: cons, Patients: pat, NewPatients: neu})}}
	}
	runCases(t, rules.ActivityInconsistent, []ruleCase{
		{name: "consistent", at: "2012-01-01", net: a(30, 30, 30)},
		{name: "more new patients", at: "2012-01-01", net: a(30, 30, 31), want: []brief{{Subject: "cc", Year: 2011}}},
		{name: "fewer consultations", at: "2012-01-01", net: a(29, 30, 0), want: []brief{{Subject: "cc", Year: 2011}}},
		{name: "both in one finding", at: "2012-01-01", net: a(29, 30, 31), want: []brief{{Subject: "cc", Year: 2011}}},
	})
}

func TestDesignationRules(t *testing.T) {
	designated := func(campaign string, r labelling.Route, opinion, decision string) net {
		d := labelling.Designation{Campaign: labelling.CampaignID(campaign), Route: r, Decision: day(decision)}
		if opinion != "" {
			d.CNCLOpinion = day(opinion)
		}
		l := label("2008-02-01", "2013-02-01").WithDesignation(d)
		return net{centres: []network.Centre{competence("cc", l)}}
	}
	runCases(t, rules.DesignationMissingOpinion, []ruleCase{
		{name: "listed with opinion", at: "2009-01-01", net: designated("2007", labelling.Listed, "2007-09-28", "2008-01-15")},
		{name: "direct with opinion", at: "2009-01-01", net: designated("ccmr-2007", labelling.Direct, "2007-12-10", "2008-01-15")},
		{name: "listed without opinion", at: "2009-01-01", net: designated("2007", labelling.Listed, "", "2008-01-15"),
			want: []brief{{Subject: "cc", Date: "2008-01-15"}}},
		{name: "direct without opinion", at: "2009-01-01", net: designated("ccmr-2007", labelling.Direct, "", "2008-01-15"),
			want: []brief{{Subject: "cc", Date: "2008-01-15"}}},
		{name: "opinion on the decision day", at: "2009-01-01", net: designated("2007", labelling.Direct, "2008-01-15", "2008-01-15")},
		{name: "opinion after the decision", at: "2009-01-01", net: designated("2007", labelling.Direct, "2008-01-16", "2008-01-15"),
			want: []brief{{Subject: "cc", Date: "2008-01-15"}}},
	})
	runCases(t, rules.DesignationLate, []ruleCase{
		{name: "on the deadline day", at: "2009-01-01", net: designated("2007", labelling.Listed, "2007-09-28", "2008-02-01")},
		{name: "the day after", at: "2009-01-01", net: designated("2007", labelling.Listed, "2007-09-28", "2008-02-02"),
			want: []brief{{Subject: "cc", Date: "2008-02-02"}}},
		{name: "canonical campaign ID", at: "2009-01-01", net: designated("ccmr-2007", labelling.Direct, "2007-09-28", "2008-02-02"),
			want: []brief{{Subject: "cc", Date: "2008-02-02"}}},
		{name: "configurable deadline", at: "2009-01-01", net: designated("2007", labelling.Listed, "2007-09-28", "2008-02-01"),
			cfg:  func(c *rules.Config) { c.DesignationDeadline = day("2008-01-31") },
			want: []brief{{Subject: "cc", Date: "2008-02-01"}}},
		{name: "a campaign without a deadline", at: "2018-01-01", net: designated("crmr-2017", labelling.Listed, "2007-09-28", "2017-02-01")},
	})
}

func TestRegionWithoutCentre(t *testing.T) {
	n := net{centres: []network.Centre{competence("cc", label("2010-01-01", "2015-01-01"))}}.build(t)
	fs := findingsOf(t, n, day("2012-01-01"), rules.DefaultConfig(), rules.CoverageRegionWithoutCentre)
	if got, want := len(fs), 18*17-1; got != want {
		t.Fatalf("coverage findings = %d, want %d", got, want)
	}
	for _, f := range fs {
		if f.Subject == "11" && f.Group == typology.Sensory {
			t.Errorf("region 11 has a centre of group 12 in force, got %+v", f)
		}
		if f.SubjectKind != rules.SubjectRegion || !f.Group.IsValid() {
			t.Errorf("finding %+v: want a region subject and a group", f)
		}
	}
	// Off by default.
	r, err := rules.Check(n, day("2012-01-01"), rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings() {
		if f.Rule == rules.CoverageRegionWithoutCentre {
			t.Fatalf("coverage rule ran without being asked: %+v", f)
		}
	}
	// Not in force: every pair.
	fs = findingsOf(t, n, day("2015-01-01"), rules.DefaultConfig(), rules.CoverageRegionWithoutCentre)
	if got, want := len(fs), 18*17; got != want {
		t.Fatalf("coverage findings = %d, want %d", got, want)
	}
}

// TestOutlivesIgnoresEmptyLabels: RULES.md says a label withdrawn on its
// start day is ignored when finding the date E of the convention rules
// (label.lapsed counts it). The parties' labels: [2010, 2015) and one
// started on 2016-01-01 and withdrawn that day; E is 2015-01-01, which the
// convention, recorded until 2015-06-01, outlives.
func TestOutlivesIgnoresEmptyLabels(t *testing.T) {
	empty := label("2016-01-01", "2021-01-01", labelling.WithdrawalEvent(day("2016-01-01"), labelling.Act{}))
	conv := network.Convention{ID: "k", Reference: []network.CentreID{"cr"}, Competence: "cc",
		Signed: day("2010-01-01"), Start: day("2010-01-01"), End: day("2015-06-01")}
	for _, rule := range []string{rules.ConventionOutlivesReferenceLabel, rules.ConventionOutlivesCompetenceLabel} {
		ref, cc := evaluated("2010-01-01", "2030-01-01"), evaluated("2010-01-01", "2030-01-01")
		if rule == rules.ConventionOutlivesReferenceLabel {
			ref = evaluated("2010-01-01", "2015-01-01")
		} else {
			cc = evaluated("2010-01-01", "2015-01-01")
		}
		n := net{centres: []network.Centre{coordinating("cr", ref, empty), competence("cc", cc, empty)},
			conventions: []network.Convention{conv}}.build(t)
		fs := findingsOf(t, n, day("2020-01-01"), rules.Config{}, rule)
		if len(fs) != 1 || fs[0].Date != day("2015-01-01") || fs[0].Subject != "k" {
			t.Errorf("%s: %+v, want one finding on convention k dated 2015-01-01 (E ignores the empty window)", rule, briefs(fs))
		}
	}
}
