package rules_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

func TestSeverity(t *testing.T) {
	for _, s := range []rules.Severity{rules.Violation, rules.Advice, rules.Info} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText() error: %v", s, err)
		}
		var back rules.Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, s)
		}
		if p, err := rules.ParseSeverity(s.String()); err != nil || p != s {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", s.String(), p, err, s)
		}
	}
	for _, bad := range []string{"", "Violation", "warning", " info"} {
		if _, err := rules.ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) succeeded, want an error", bad)
		}
	}
	if got := rules.Severity(0).String(); got != "Severity(0)" {
		t.Errorf("Severity(0).String() = %q", got)
	}
	if _, err := rules.Severity(9).MarshalText(); err == nil {
		t.Error("Severity(9).MarshalText() succeeded, want an error")
	}
	tests := []struct {
		s, t rules.Severity
		want bool
	}{
		{rules.Violation, rules.Advice, true}, {rules.Advice, rules.Violation, false},
		{rules.Info, rules.Info, true}, {rules.Info, rules.Advice, false},
		{rules.Advice, 0, true}, {0, rules.Info, false},
	}
	for _, tc := range tests {
		if got := tc.s.AtLeast(tc.t); got != tc.want {
			t.Errorf("%v.AtLeast(%v) = %v, want %v", tc.s, tc.t, got, tc.want)
		}
	}
}

// TestCatalogueMatchesRULES checks that the catalogue has exactly the
// rules of the team's rule catalogue, in its order, with its severities
// (the table below is that catalogue's, copied when it changes; the
// repository's RULES.md is generated from the catalogue, see TestRulesMD).
func TestCatalogueMatchesRULES(t *testing.T) {
	type entry struct{ ID, Severity string }
	want := []entry{
		{"competence.min-active-file", "violation"},
		{"competence.activity-missing", "advice"},
		{"competence.interregional-preferred", "advice"},
		{"competence.unattached", "violation"},
		{"competence.attachment-mismatch", "violation"},
		{"team.duplicate-label", "violation"},
		{"team.reference-and-competence", "advice"},
		{"label.window-too-long", "violation"},
		{"label.extension-without-basis", "violation"},
		{"label.overlap", "violation"},
		{"label.gap", "advice"},
		{"label.renewal-without-evaluation", "violation"},
		{"label.activity-outside-window", "violation"},
		{"label.lapsed", "info"},
		{"convention.group-mismatch", "violation"},
		{"convention.outlives-reference-label", "violation"},
		{"convention.outlives-competence-label", "violation"},
		{"convention.missing-cosignatory", "advice"},
		{"reference.orphan-constitutive-site", "violation"},
		{"filiere.reference-outside-filiere", "violation"},
		{"filiere.reference-in-several", "violation"},
		{"platform.single-centre-host", "advice"},
		{"activity.inconsistent", "violation"},
		{"designation.missing-opinion", "violation"},
		{"designation.late", "advice"},
		{"coverage.region-without-centre", "info"},
		{"coverage.interregion-without-centre", "info"},
	}
	var got []entry
	for _, r := range rules.Catalogue() {
		got = append(got, entry{r.ID(), r.Severity().String()})
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Catalogue() differs from the rule catalogue (-catalogue +Catalogue()):\n%s", diff)
	}
}

func TestCatalogue(t *testing.T) {
	c := rules.Catalogue()
	c[0] = rules.Rule{}
	if rules.Catalogue()[0].ID() != rules.CompetenceMinActiveFile {
		t.Error("Catalogue() returned a slice shared with the package")
	}
	for _, r := range rules.Catalogue() {
		if !r.IsValid() || r.Title() == "" || r.String() != r.ID() {
			t.Errorf("rule %q: invalid, untitled or misnamed", r.ID())
		}
		if !strings.Contains(r.Source(), ".txt") {
			t.Errorf("rule %q: source %q names no file of the sources", r.ID(), r.Source())
		}
		got, ok := rules.Lookup(r.ID())
		if !ok || got.ID() != r.ID() || got.Severity() != r.Severity() || got.Source() != r.Source() {
			t.Errorf("Lookup(%q) = %v, %v", r.ID(), got, ok)
		}
		if r.IsAnalysis() != strings.HasPrefix(r.ID(), "coverage.") {
			t.Errorf("rule %q: IsAnalysis() = %v", r.ID(), r.IsAnalysis())
		}
	}
	if _, ok := rules.Lookup("label.overlaps"); ok {
		t.Error(`Lookup("label.overlaps") found a rule`)
	}
}

func TestConfigErrors(t *testing.T) {
	n := net{}.build(t)
	at := day("2020-01-01")
	tests := []struct {
		name string
		edit func(*rules.Config)
	}{
		{"zero LabelTerm", func(c *rules.Config) { c.LabelTerm = 0 }},
		{"negative MinActiveFile", func(c *rules.Config) { c.MinActiveFile = -1 }},
		{"invalid LowPrevalence", func(c *rules.Config) { c.LowPrevalence = 99 }},
		{"unknown rule", func(c *rules.Config) { c.Rules = []string{"label.overlaps"} }},
		{"pattern matching nothing", func(c *rules.Config) { c.Skip = []string{"labels.*"} }},
		{"star inside", func(c *rules.Config) { c.Rules = []string{"label*.gap"} }},
		{"empty pattern", func(c *rules.Config) { c.Rules = []string{""} }},
		{"upper case", func(c *rules.Config) { c.Rules = []string{"Label.gap"} }},
	}
	for _, tc := range tests {
		cfg := rules.DefaultConfig()
		tc.edit(&cfg)
		if _, err := rules.Check(n, at, cfg); !errors.Is(err, rules.ErrConfig) {
			t.Errorf("%s: Check() error = %v, want ErrConfig", tc.name, err)
		}
	}
	cfg := rules.DefaultConfig()
	cfg.Rules = []string{"labels.*"}
	_, err := rules.Check(n, at, cfg)
	if pe, ok := errors.AsType[*rules.PatternError](err); !ok || pe.Field != "Rules" || pe.Pattern != "labels.*" {
		t.Errorf("Check() error = %v, want a *PatternError on Rules", err)
	}
	if _, err := rules.Check(nil, at, rules.DefaultConfig()); !errors.Is(err, rules.ErrNoNetwork) {
		t.Errorf("Check(nil) error = %v, want ErrNoNetwork", err)
	}
	if _, err := rules.Check(n, labelling.Date{}, rules.DefaultConfig()); !errors.Is(err, rules.ErrNoDate) {
		t.Errorf("Check(zero date) error = %v, want ErrNoDate", err)
	}
	// The zero Config takes DefaultConfig's thresholds; one that sets some
	// thresholds but not LabelTerm is refused, saying why.
	zero, err := rules.Check(n, at, rules.Config{})
	def, err2 := rules.Check(n, at, rules.DefaultConfig())
	if err != nil || err2 != nil {
		t.Errorf("Check(zero Config) error = %v, %v, want none", err, err2)
	} else if diff := gocmp.Diff(def.Findings(), zero.Findings(), cmpopts.EquateComparable(labelling.Date{})); diff != "" {
		t.Errorf("Check(zero Config) differs from Check(DefaultConfig()) (-default +zero):\n%s", diff)
	}
	if _, err := rules.Check(n, at, rules.Config{MinActiveFile: 30}); !errors.Is(err, rules.ErrConfig) || !strings.Contains(err.Error(), "DefaultConfig") {
		t.Errorf("Check(Config{MinActiveFile: 30}) error = %v, want ErrConfig naming DefaultConfig", err)
	}
}

func TestDefaultConfig(t *testing.T) {
	c := rules.DefaultConfig()
	if c.MinActiveFile != 25 || c.LowPrevalence != typology.Prevalence1To9Per100000 || c.LabelTerm != 5 ||
		c.FilieresSince != day("2015-01-01") || c.DesignationDeadline != day("2008-02-01") || c.Coverage ||
		c.Rules != nil || c.Skip != nil {
		t.Errorf("DefaultConfig() = %+v", c)
	}
	if d, ok := labelling.DesignationDeadline(labelling.CampaignCCMR2007); !ok || d != c.DesignationDeadline {
		t.Errorf("the default deadline %v differs from the campaign table's %v", c.DesignationDeadline, d)
	}
}

// TestSelection checks which rules run for a few configurations.
func TestSelection(t *testing.T) {
	var ran []string
	var rs []rules.Rule
	for _, id := range []string{"local.a", "local.b", "other.c"} {
		r, err := rules.NewRule(id, rules.Info, "test rule "+id, "", func(c *rules.Context) {
			ran = append(ran, c.Rule().ID())
		})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	n := net{}.build(t)
	tests := []struct {
		rules, skip []string
		want        []string
	}{
		{nil, nil, []string{"local.a", "local.b", "other.c"}},
		{[]string{"local.*"}, nil, []string{"local.a", "local.b"}},
		{[]string{"*"}, []string{"local.b"}, []string{"local.a", "other.c"}},
		{[]string{"other.c", "local.a"}, nil, []string{"local.a", "other.c"}},
		{nil, []string{"*"}, nil},
	}
	for _, tc := range tests {
		ran = nil
		cfg := rules.DefaultConfig()
		cfg.Rules, cfg.Skip = tc.rules, tc.skip
		if _, err := rules.CheckRules(n, day("2020-01-01"), cfg, rs); err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(tc.want, ran); diff != "" {
			t.Errorf("Rules %q, Skip %q: rules run mismatch (-want +got):\n%s", tc.rules, tc.skip, diff)
		}
	}
	if _, err := rules.CheckRules(n, day("2020-01-01"), rules.DefaultConfig(), append(rs, rs[0])); !errors.Is(err, rules.ErrInvalidRule) {
		t.Errorf("CheckRules with a duplicate ID: error = %v, want ErrInvalidRule", err)
	}
	if _, err := rules.CheckRules(n, day("2020-01-01"), rules.DefaultConfig(), []rules.Rule{{}}); !errors.Is(err, rules.ErrInvalidRule) {
		t.Errorf("CheckRules with the zero Rule: error = %v, want ErrInvalidRule", err)
	}
}

func TestNewRule(t *testing.T) {
	check := func(*rules.Context) {}
	for _, bad := range []struct {
		id    string
		sev   rules.Severity
		title string
		check func(*rules.Context)
	}{
		{"", rules.Info, "t", check}, {"Local.x", rules.Info, "t", check}, {"local..x", rules.Info, "t", check},
		{"local.x*", rules.Info, "t", check}, {".x", rules.Info, "t", check}, {"x.", rules.Info, "t", check},
		{"local.x", 0, "t", check}, {"local.x", rules.Info, "", check}, {"local.x", rules.Info, "t", nil},
	} {
		if _, err := rules.NewRule(bad.id, bad.sev, bad.title, "", bad.check); !errors.Is(err, rules.ErrInvalidRule) {
			t.Errorf("NewRule(%q, %v, %q) error = %v, want ErrInvalidRule", bad.id, bad.sev, bad.title, err)
		}
	}

	// A user rule mixed with built-in ones: its findings take the rule's
	// ID, severity and source, and sort with the others.
	big, err := rules.NewRule("local.big-team", rules.Advice, "Team with more than one centre", "local policy",
		func(c *rules.Context) {
			for tm := range c.Network().Teams() {
				k := 0
				for range c.Network().CentresOfTeam(tm.ID) {
					k++
				}
				if k > 1 {
					c.Report(rules.Finding{Rule: "ignored", Severity: rules.Info, Subject: string(tm.ID), SubjectKind: rules.SubjectTeam,
						Message: "more than one centre"})
				}
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	a := competence("a", label("2010-01-01", "2015-01-01"))
	b := competence("b", label("2010-01-01", "2015-01-01"))
	b.Team, b.Group = a.Team, typology.Renal
	n := net{centres: []network.Centre{a, b}}.build(t)
	lapsed, _ := rules.Lookup(rules.LabelLapsed)
	r, err := rules.CheckRules(n, day("2016-01-01"), rules.DefaultConfig(), []rules.Rule{lapsed, big})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings() {
		got = append(got, f.Rule+" "+f.Severity.String()+" "+f.Subject+" "+f.Source)
	}
	want := []string{
		"local.big-team advice t-a local policy",
		"label.lapsed info a " + lapsed.Source(),
		"label.lapsed info b " + lapsed.Source(),
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
}

func TestReport(t *testing.T) {
	f := func(rule string, sev rules.Severity, subject string) rules.Finding {
		return rules.Finding{Rule: rule, Severity: sev, Subject: subject, SubjectKind: rules.SubjectCentre, Message: "m", Source: "s"}
	}
	r := rules.NewReport(day("2020-01-01"), []rules.Finding{
		f("label.gap", rules.Advice, "a"), f("label.overlap", rules.Violation, "b"), f("label.lapsed", rules.Info, "c"),
		f("label.lapsed", rules.Info, "d"),
	})
	if got, want := r.Summary(), (rules.Summary{Violation: 1, Advice: 1, Info: 2}); got != want || got.Total() != 4 {
		t.Errorf("Summary() = %+v, want %+v", got, want)
	}
	if w, ok := r.Worst(); !ok || w != rules.Violation {
		t.Errorf("Worst() = %v, %v; want violation", w, ok)
	}
	if w, ok := (rules.Report{}).Worst(); ok {
		t.Errorf("Worst() of no finding = %v, true", w)
	}
	rulesOf := func(r rules.Report) []string {
		var out []string
		for _, f := range r.Findings() {
			out = append(out, f.Rule+"/"+f.Subject)
		}
		return out
	}
	tests := []struct {
		patterns []string
		min      rules.Severity
		want     []string
	}{
		{nil, rules.Info, []string{"label.overlap/b", "label.gap/a", "label.lapsed/c", "label.lapsed/d"}},
		{nil, rules.Advice, []string{"label.overlap/b", "label.gap/a"}},
		{nil, rules.Violation, []string{"label.overlap/b"}},
		{[]string{"label.l*"}, 0, []string{"label.lapsed/c", "label.lapsed/d"}},
		{[]string{"nothing"}, 0, nil},
	}
	for _, tc := range tests {
		got := r.Filter(tc.patterns, tc.min)
		if diff := gocmp.Diff(tc.want, rulesOf(got)); diff != "" {
			t.Errorf("Filter(%q, %v) mismatch (-want +got):\n%s", tc.patterns, tc.min, diff)
		}
		if got.Findings() == nil || got.At != r.At {
			t.Errorf("Filter(%q, %v): nil findings or lost date", tc.patterns, tc.min)
		}
	}

	// Finding.Compare: severity, rule, subject, year, date.
	fs := []rules.Finding{
		{Rule: "b", Severity: rules.Advice, Subject: "x"},
		{Rule: "a", Severity: rules.Advice, Subject: "y", Year: 2011},
		{Rule: "a", Severity: rules.Advice, Subject: "y", Year: 2010, Date: day("2012-01-01")},
		{Rule: "a", Severity: rules.Advice, Subject: "y", Year: 2010, Date: day("2011-01-01")},
		{Rule: "z", Severity: rules.Violation, Subject: "z"},
	}
	slices.SortFunc(fs, rules.Finding.Compare)
	var order []string
	for _, f := range fs {
		order = append(order, f.Rule+f.Subject+f.Date.String())
	}
	want := []string{"zz(no date)", "ay2011-01-01", "ay2012-01-01", "ay(no date)", "bx(no date)"}
	if diff := gocmp.Diff(want, order); diff != "" {
		t.Errorf("sort order mismatch (-want +got):\n%s", diff)
	}

	var buf bytes.Buffer
	if err := (rules.Report{}).WriteJSON(&buf, "x"); err == nil {
		t.Error("WriteJSON of a report without date succeeded")
	}
	buf.Reset()
	if err := (rules.Report{At: day("2020-01-01")}).WriteJSON(&buf, "x"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if fs, ok := doc["findings"].([]any); !ok || len(fs) != 0 {
		t.Errorf("findings of an empty report = %#v, want []", doc["findings"])
	}
	buf.Reset()
	if err := (rules.Report{At: day("2020-01-01")}).WriteText(&buf); err != nil || buf.String() != "Audit at 2020-01-01: no findings.\n" {
		t.Errorf("WriteText of an empty report = %q, %v", buf.String(), err)
	}
}

// TestDiseaseIdentity checks that overlapping coverage compares diseases
// as typology.Disease.Key does.
func TestDiseaseIdentity(t *testing.T) {
	ds := []typology.Disease{
		{Orpha: 791, Name: "RP"}, {Orpha: 791, Name: "Rétinite pigmentaire"}, {Orpha: 792, Name: "RP"},
		{Name: "RP"}, {Name: "rp"}, {Name: "ORPHA:791"},
	}
	for _, a := range ds {
		for _, b := range ds {
			ca := competence("a", label("2010-01-01", "2015-01-01"))
			cb := competence("b", label("2010-01-01", "2015-01-01"))
			cb.Team = ca.Team
			ca.Diseases, cb.Diseases = []typology.Disease{a}, []typology.Disease{b}
			n := net{centres: []network.Centre{ca, cb}}.build(t)
			got := len(findingsOf(t, n, day("2012-01-01"), rules.DefaultConfig(), rules.TeamDuplicateLabel)) == 1
			if want := a.Key() == b.Key(); got != want {
				t.Errorf("diseases %+v and %+v: duplicate = %v, want %v (keys %q, %q)", a, b, got, want, a.Key(), b.Key())
			}
		}
	}
}

// TestLargeGroupCosignatories covers the path for groups with many
// coordinating sites.
func TestLargeGroupCosignatories(t *testing.T) {
	var cs []network.Centre
	var sigs []network.CentreID
	for i := range 40 {
		id := "cr" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		cs = append(cs, coordinating(id, label("2010-01-01", "2015-01-01")))
		sigs = append(sigs, network.CentreID(id))
	}
	cs = append(cs, coordinating("late", label("2011-01-01", "2016-01-01")), competence("cc", label("2010-06-01", "2015-06-01")))
	k := conv("k", "cc", "2010-06-01", "", "2010-06-01", []string{"craa"})
	k.Signatories = sigs
	n := net{centres: cs, conventions: []network.Convention{k}}.build(t)
	if fs := findingsOf(t, n, day("2012-01-01"), rules.DefaultConfig(), rules.ConventionMissingCosignatory); len(fs) != 0 {
		t.Errorf("all 40 coordinating sites signed: findings %v", fs)
	}
	k.Signatories = append(sigs[1:], sigs[2]) // craa missing, crac twice
	n = net{centres: cs, conventions: []network.Convention{k}}.build(t)
	fs := findingsOf(t, n, day("2012-01-01"), rules.DefaultConfig(), rules.ConventionMissingCosignatory)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "craa") || strings.Contains(fs[0].Message, "late") {
		t.Errorf("craa missing: findings %+v", fs)
	}
}
