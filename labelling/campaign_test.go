package labelling_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
)

func TestCampaignTableParses(t *testing.T) {
	if err := labelling.CampaignTableErr(); err != nil {
		t.Fatalf("the embedded campaign table does not parse: %v", err)
	}
	var ids []labelling.CampaignID
	for c := range labelling.Campaigns() {
		ids = append(ids, c.ID)
		if c.Status == "" || c.Source == "" || c.Kind == "" || c.What == "" {
			t.Errorf("campaign %v: missing status, source, kind or what: %+v", c, c)
		}
		if c.String() != string(c.ID) {
			t.Errorf("Campaign.String() = %q, want %q", c, c.ID)
		}
	}
	if len(ids) != 19 {
		t.Errorf("Campaigns() yielded %d campaigns, want 19", len(ids))
	}
	if ids[0] != "pnmr1" || ids[len(ids)-1] != "crcm-2014" {
		t.Errorf("Campaigns() not in file order: %v", ids)
	}
}

func TestCampaignByID(t *testing.T) {
	d := labelling.MustParseDate
	c, ok := labelling.CampaignByID("2007")
	if !ok || c.ID != labelling.CampaignCCMR2007 || c.Kind != "designation" || c.Status != "verified" {
		t.Fatalf(`CampaignByID("2007") = %+v, %v`, c, ok)
	}
	if !strings.Contains(c.Source, "circulaire-dhos-2007") || c.ActDate != d("2007-03-01") || !c.Published.IsZero() {
		t.Errorf("ccmr-2007: source %q, act date %v, published %v", c.Source, c.ActDate, c.Published)
	}
	if from, ok := c.FromYear(); !ok || from != 2007 {
		t.Errorf("ccmr-2007 FromYear() = %d, %v", from, ok)
	}
	if to, ok := c.ToYear(); !ok || to != 2008 {
		t.Errorf("ccmr-2007 ToYear() = %d, %v", to, ok)
	}
	c, ok = labelling.CampaignByID("crmr-2017-mhc")
	if !ok || c.ActDate != d("2017-11-25") || c.Published != d("2017-12-15") {
		t.Errorf(`CampaignByID("crmr-2017-mhc") = %+v, %v`, c, ok)
	}
	c, ok = labelling.CampaignByID("crmr-2023")
	if !ok || c.Status != "partly verified" {
		t.Errorf(`CampaignByID("crmr-2023") status %q, %v`, c.Status, ok)
	}
	c, _ = labelling.CampaignByID("crmr-2004")
	if _, ok := c.ToYear(); ok {
		t.Errorf("crmr-2004 has an end year")
	}
	c, _ = labelling.CampaignByID("pnmr1")
	if !c.ActDate.IsZero() {
		t.Errorf("pnmr1 ActDate = %v, want the zero Date", c.ActDate)
	}
	for _, id := range []labelling.CampaignID{"", "2008", "CCMR-2007", "ccmr-2007 "} {
		if c, ok := labelling.CampaignByID(id); ok {
			t.Errorf("CampaignByID(%q) = %v, want none", id, c)
		}
	}
}

func TestCampaignsActiveIn(t *testing.T) {
	tests := []struct {
		year int
		want []labelling.CampaignID
	}{
		{2003, nil},
		{2004, []labelling.CampaignID{"crmr-2004", "cncl"}},
		// crmr-2007 has no end year: active in 2007 only.
		{2007, []labelling.CampaignID{"pnmr1", "cncl", "ccmr-2007", "crmr-2007"}},
		{2008, []labelling.CampaignID{"pnmr1", "cncl", "ccmr-2007"}},
		// platforms-2019 has no end year: active in 2020 only.
		{2020, []labelling.CampaignID{"crmr-2017-wave1", "crmr-2017", "crmr-2017-mhc", "pnmr3", "platforms-2019", "fsmr-2019"}},
		{2021, []labelling.CampaignID{"crmr-2017-wave1", "crmr-2017", "crmr-2017-mhc", "pnmr3", "fsmr-2019"}},
	}
	for _, tt := range tests {
		var got []labelling.CampaignID
		for c := range labelling.CampaignsActiveIn(tt.year) {
			got = append(got, c.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CampaignsActiveIn(%d) mismatch (-want +got):\n%s", tt.year, diff)
		}
	}
	for range labelling.CampaignsActiveIn(2007) {
		break
	}
}

func TestDesignationCalendar(t *testing.T) {
	d := labelling.MustParseDate
	// Annexe 1 of the 2007 circular.
	want := labelling.Calendar{
		ListsDue:            d("2007-09-14"),
		CNCLPlenary:         d("2007-09-27"),
		CNCLPlenaryLastDay:  d("2007-09-28"),
		ListsToAgencies:     d("2007-10-05"),
		ApplicationsDue:     d("2007-11-05"),
		DesignationDeadline: d("2008-02-01"),
	}
	for _, id := range []labelling.CampaignID{"ccmr-2007", "2007"} {
		got, ok := labelling.DesignationCalendar(id)
		if !ok {
			t.Fatalf("DesignationCalendar(%q) not found", id)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b labelling.Date) bool { return a == b })); diff != "" {
			t.Errorf("DesignationCalendar(%q) mismatch (-want +got):\n%s", id, diff)
		}
		if dl, ok := labelling.DesignationDeadline(id); !ok || dl != d("2008-02-01") {
			t.Errorf("DesignationDeadline(%q) = %v, %v", id, dl, ok)
		}
	}
	for _, id := range []labelling.CampaignID{"crmr-2017", "nope"} {
		if _, ok := labelling.DesignationCalendar(id); ok {
			t.Errorf("DesignationCalendar(%q) found a calendar", id)
		}
		if _, ok := labelling.DesignationDeadline(id); ok {
			t.Errorf("DesignationDeadline(%q) found a deadline", id)
		}
	}
	dues := map[labelling.Route][]string{
		labelling.Listed: {"2007-09-14", "2007-09-14", "2007-09-28", "2007-11-05", "2008-02-01"},
		labelling.Direct: {"2007-11-05", "2008-02-01", "2008-02-01", "2008-02-01"},
	}
	for r, ds := range dues {
		var got []string
		for s := range r.Steps() {
			due, ok := want.Due(r, s)
			if !ok {
				t.Errorf("Due(%v, %v) not found", r, s)
			}
			got = append(got, due.String())
		}
		if diff := cmp.Diff(ds, got); diff != "" {
			t.Errorf("Due(%v, ...) mismatch (-want +got):\n%s", r, diff)
		}
	}
	if _, ok := want.Due(labelling.Direct, labelling.StepListSent); ok {
		t.Error("Due(direct, list-sent) found a date")
	}
	if _, ok := want.Due(0, labelling.StepDecision); ok {
		t.Error("Due(Route(0), decision) found a date")
	}
}

func TestParseCampaignsErrors(t *testing.T) {
	header := "id,kind,what,act,act_date,published,period_from_year,period_to_year,counts,status,source\n"
	good := "x,plan,What,,,,2005,2008,,verified,src\n"
	cal := "lists due 2007-09-14; CNCL plenary 2007-09-27/28; lists sent to ARH 2007-10-05; applications due 2007-11-05; designation by 2008-02-01"
	if err := labelling.ParseCampaigns([]byte(header + good)); err != nil {
		t.Fatalf("ParseCampaigns(good) = %v", err)
	}
	if err := labelling.ParseCampaigns([]byte(header + "d,designation,W,,,,2007,2008,\"" + cal + "\",verified,src\n")); err != nil {
		t.Fatalf("ParseCampaigns(designation) = %v", err)
	}
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"bad header", strings.Replace(header, "kind", "sort", 1) + good},
		{"short row", header + "x,plan,What\n"},
		{"bad quote", header + "x,\"plan,What,,,,2005,2008,,verified,src\n"},
		{"no id", header + ",plan,What,,,,2005,2008,,verified,src\n"},
		{"duplicate id", header + good + good},
		{"bad date", header + "x,plan,What,,2017-13-01,,2005,2008,,verified,src\n"},
		{"bad published", header + "x,plan,What,,,2017-02-30,2005,2008,,verified,src\n"},
		{"bad year", header + "x,plan,What,,,,20x5,2008,,verified,src\n"},
		{"year zero", header + "x,plan,What,,,,0,2008,,verified,src\n"},
		{"to before from", header + "x,plan,What,,,,2008,2005,,verified,src\n"},
		{"to without from", header + "x,plan,What,,,,,2005,,verified,src\n"},
		{"no status", header + "x,plan,What,,,,2005,2008,,,src\n"},
		{"no source", header + "x,plan,What,,,,2005,2008,,verified,\n"},
		{"designation without calendar", header + "d,designation,W,,,,2007,2008,,verified,src\n"},
		{"calendar entry unknown", header + "d,designation,W,,,,2007,2008,\"" + cal + "; party 2008-03-01\",verified,src\n"},
		{"calendar entry twice", header + "d,designation,W,,,,2007,2008,\"" + cal + "; lists due 2007-09-14\",verified,src\n"},
		{"calendar bad date", header + "d,designation,W,,,,2007,2008,\"" + strings.Replace(cal, "2007-11-05", "2007-11-31", 1) + "\",verified,src\n"},
		{"calendar bad plenary", header + "d,designation,W,,,,2007,2008,\"" + strings.Replace(cal, "27/28", "27/31", 1) + "\",verified,src\n"},
		{"calendar bad plenary start", header + "d,designation,W,,,,2007,2008,\"" + strings.Replace(cal, "2007-09-27/28", "2007-09-x7/28", 1) + "\",verified,src\n"},
		{"calendar out of order", header + "d,designation,W,,,,2007,2008,\"" + strings.Replace(cal, "2008-02-01", "2007-02-01", 1) + "\",verified,src\n"},
	}
	for _, tt := range tests {
		if err := labelling.ParseCampaigns([]byte(tt.in)); err == nil {
			t.Errorf("ParseCampaigns(%s) succeeded, want an error", tt.name)
		} else if !strings.HasPrefix(err.Error(), "labelling: campaigns.csv") {
			t.Errorf("ParseCampaigns(%s) = %q, want a message about campaigns.csv", tt.name, err)
		}
	}
	// One plenary day only is allowed.
	one := strings.Replace(cal, "2007-09-27/28", "2007-09-27", 1)
	if err := labelling.ParseCampaigns([]byte(header + "d,designation,W,,,,2007,2008,\"" + one + "\",verified,src\n")); err != nil {
		t.Errorf("ParseCampaigns(one plenary day) = %v", err)
	}
}
