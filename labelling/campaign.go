package labelling

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// campaignsCSV is the campaign table, data/campaigns.csv: reference data
// of the repository, like the tables of network/data/source, with a source
// and a status on every row. The generator of the embedded national
// network reads the campaigns' acts through this package.
//
//go:embed data/campaigns.csv
var campaignsCSV []byte

// A Campaign is a row of the embedded campaign table: a national plan, a
// call for labels and the order that closed it, the 2007 designation of
// competence centres, a sector labelling, a platform call or the national
// labelling committee itself. Every row keeps its source and the status of
// its facts.
//
// Campaign is a small comparable value. Text fields are as the table has
// them; a date the table does not give is the zero Date.
type Campaign struct {
	// ID is the campaign's stable identifier, such as "ccmr-2007".
	ID CampaignID `json:"id,omitempty"`
	// Kind is what the row is: "plan", "labelling", "committee",
	// "designation", "sector-labelling" or "platform-call".
	Kind string `json:"kind,omitempty"`
	// What describes the campaign, in English.
	What string `json:"what,omitempty"`
	// Act names the legal acts behind it, as the sources cite them.
	Act string `json:"act,omitempty"`
	// ActDate is the date of the act that decided the campaign (the order
	// of a labelling, for instance), or the zero Date when unknown.
	ActDate Date `json:"act_date,omitzero"`
	// Published is the day the act was published, or the zero Date.
	Published Date `json:"published,omitzero"`
	// Counts says what the campaign produced and, for ccmr-2007, its
	// calendar, as free text.
	Counts string `json:"counts,omitempty"`
	// Status is how far the row is verified: "verified" or "partly
	// verified" (Counts then says what is not confirmed).
	Status string `json:"status,omitempty"`
	// Source lists where the facts come from: files of the sources and
	// web addresses, separated by " ; ".
	Source string `json:"source,omitempty"`

	from, to int // period years; 0 when not given
}

// FromYear returns the first year of the campaign's period, if the table
// gives it.
func (c Campaign) FromYear() (int, bool) { return c.from, c.from != 0 }

// ToYear returns the last year of the campaign's period, if the table
// gives it (an ongoing or open-ended campaign has none).
func (c Campaign) ToYear() (int, bool) { return c.to, c.to != 0 }

// ActiveIn reports whether year y lies in the campaign's period, bounds
// included. A campaign whose last year is not given is active in its first
// year only: the table does not say how long it ran. A campaign with no
// period is never active.
func (c Campaign) ActiveIn(y int) bool {
	if c.from == 0 {
		return false
	}
	to := c.to
	if to == 0 {
		to = c.from
	}
	return c.from <= y && y <= to
}

// String returns the campaign's ID.
func (c Campaign) String() string { return string(c.ID) }

// campaignTable parses the embedded table once, on first use. A malformed
// table is reported by the queries as "no campaign", and by a test of the
// package; it never panics in an importer.
var campaignTable = sync.OnceValues(func() (*table, error) { return parseCampaigns(campaignsCSV) })

// A table is a parsed campaign table.
type table struct {
	campaigns []Campaign
	calendars map[CampaignID]Calendar // of the designation campaigns
}

// campaignColumns is the header the table must have, in this order.
var campaignColumns = []string{
	"id", "kind", "what", "act", "act_date", "published",
	"period_from_year", "period_to_year", "counts", "status", "source",
}

// parseCampaigns reads a campaign table. It checks the header, the IDs
// (non-empty, unique), the dates, the years, that status and source are
// given, and the calendar of every designation campaign.
func parseCampaigns(b []byte) (*table, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(campaignColumns)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("labelling: campaigns.csv: %w", err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], campaignColumns) {
		return nil, errors.New("labelling: campaigns.csv: bad header")
	}
	var errs []error
	t := &table{calendars: make(map[CampaignID]Calendar)}
	cs := make([]Campaign, 0, len(rows)-1)
	for i, row := range rows[1:] {
		line := i + 2
		bad := func(col int, format string, args ...any) {
			errs = append(errs, fmt.Errorf("labelling: campaigns.csv:%d: %s: %s", line, campaignColumns[col], fmt.Sprintf(format, args...)))
		}
		c := Campaign{
			ID: CampaignID(row[0]), Kind: row[1], What: row[2], Act: row[3],
			Counts: row[8], Status: row[9], Source: row[10],
		}
		if c.ID == "" {
			bad(0, "missing")
		} else if slices.ContainsFunc(cs, func(d Campaign) bool { return d.ID == c.ID }) {
			bad(0, "duplicate %q", c.ID)
		}
		for _, f := range []struct {
			col int
			dst *Date
		}{{4, &c.ActDate}, {5, &c.Published}} {
			if row[f.col] == "" {
				continue
			}
			d, err := ParseDate(row[f.col])
			if err != nil {
				bad(f.col, "%v", err)
			}
			*f.dst = d
		}
		for _, f := range []struct {
			col int
			dst *int
		}{{6, &c.from}, {7, &c.to}} {
			if row[f.col] == "" {
				continue
			}
			y, err := strconv.Atoi(row[f.col])
			if err != nil || y < MinYear || y > MaxYear {
				bad(f.col, "%q is not a year", row[f.col])
			}
			*f.dst = y
		}
		if c.from == 0 && c.to != 0 {
			bad(6, "missing while period_to_year is given")
		} else if c.to != 0 && c.to < c.from {
			bad(7, "%d is before period_from_year %d", c.to, c.from)
		}
		if c.Status == "" {
			bad(9, "missing")
		}
		if c.Source == "" {
			bad(10, "missing")
		}
		if c.Kind == "designation" {
			cal, err := parseCalendar(c.Counts)
			if err != nil {
				bad(8, "%v", err)
			}
			t.calendars[c.ID] = cal
		}
		cs = append(cs, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	t.campaigns = cs
	return t, nil
}

// Campaigns yields the campaigns of the embedded table, in the table's
// order (roughly chronological).
func Campaigns() iter.Seq[Campaign] {
	t, err := campaignTable()
	if err != nil {
		return func(func(Campaign) bool) {}
	}
	return slices.Values(t.campaigns)
}

// CampaignByID returns the campaign with the given ID. It accepts the
// short forms that [CanonicalCampaign] maps ("2007" is ccmr-2007).
func CampaignByID(id CampaignID) (Campaign, bool) {
	id = CanonicalCampaign(id)
	for c := range Campaigns() {
		if c.ID == id {
			return c, true
		}
	}
	return Campaign{}, false
}

// CampaignsActiveIn yields, in the table's order, the campaigns whose
// period includes year y (see [Campaign.ActiveIn]).
func CampaignsActiveIn(y int) iter.Seq[Campaign] {
	return func(yield func(Campaign) bool) {
		for c := range Campaigns() {
			if c.ActiveIn(y) && !yield(c) {
				return
			}
		}
	}
}

// A Calendar is the timetable of a designation campaign. Every date is the
// last day allowed: a step taken on its date is on time, a step taken after
// it is late. For the 2007 competence-centre campaign it is annexe 1 of the
// 2007 circular.
type Calendar struct {
	// ListsDue is the day by which the reference centres' lists of
	// candidate teams must reach the ministry (DHOS bureau O4):
	// 2007-09-14.
	ListsDue Date `json:"lists_due,omitzero"`
	// CNCLPlenary is the first day of the national committee's plenary
	// sessions that give the opinion on the lists: 2007-09-27.
	CNCLPlenary Date `json:"cncl_plenary,omitzero"`
	// CNCLPlenaryLastDay is the last day of those sessions, by which the
	// opinion on the lists is due: 2007-09-28.
	CNCLPlenaryLastDay Date `json:"cncl_plenary_last_day,omitzero"`
	// ListsToAgencies is the day the ministry sends the lists, with the
	// committee's opinion, to the regional agencies: 2007-10-05.
	ListsToAgencies Date `json:"lists_to_agencies,omitzero"`
	// ApplicationsDue is the day by which the teams' applications
	// (specification and convention) must reach the regional agency:
	// 2007-11-05.
	ApplicationsDue Date `json:"applications_due,omitzero"`
	// DesignationDeadline is the last day on which the regional agencies
	// may designate: 2008-02-01.
	DesignationDeadline Date `json:"designation_deadline,omitzero"`
}

// Due returns the day by which step s of route r is due, the last day on
// which it is on time. On the listed route the identification and the
// sending of the list are due on ListsDue, the committee's opinion on
// CNCLPlenaryLastDay, the application on ApplicationsDue and the decision
// on DesignationDeadline. On the direct route the application is due on
// ApplicationsDue ("dans les mêmes conditions"); the calendar gives no
// date for the agency's opinion and the committee's ruling, which are due,
// like the decision, by DesignationDeadline. It reports false for a step
// that is not on route r.
func (c Calendar) Due(r Route, s Step) (Date, bool) {
	if !s.on(r) {
		return Date{}, false
	}
	switch s {
	case StepIdentified, StepListSent:
		return c.ListsDue, true
	case StepCNCLOpinion:
		if r == Listed {
			return c.CNCLPlenaryLastDay, true
		}
		return c.DesignationDeadline, true
	case StepApplied, StepAppliedToAgency:
		return c.ApplicationsDue, true
	}
	return c.DesignationDeadline, true // StepAgencyOpinion, StepDecision
}

// parseCalendar reads the calendar written in the counts column of a
// designation campaign: "lists due D; CNCL plenary D/DD; lists sent to ARH
// D; applications due D; designation by D", each part once, in any order.
func parseCalendar(s string) (Calendar, error) {
	var cal Calendar
	for part := range strings.SplitSeq(s, ";") {
		part = strings.TrimSpace(part)
		var err error
		switch {
		case cut(part, "lists due ", &cal.ListsDue, &err):
		case cut(part, "lists sent to ARH ", &cal.ListsToAgencies, &err):
		case cut(part, "applications due ", &cal.ApplicationsDue, &err):
		case cut(part, "designation by ", &cal.DesignationDeadline, &err):
		case strings.HasPrefix(part, "CNCL plenary "):
			// "2007-09-27/28": first and last day, in one month.
			first, last, ok := strings.Cut(strings.TrimPrefix(part, "CNCL plenary "), "/")
			if cal.CNCLPlenary, err = ParseDate(first); err != nil {
				break
			}
			cal.CNCLPlenaryLastDay = cal.CNCLPlenary
			if ok {
				cal.CNCLPlenaryLastDay, err = ParseDate(first[:8] + last)
			}
		default:
			err = fmt.Errorf("unknown calendar entry %q", part)
		}
		if err != nil {
			return Calendar{}, fmt.Errorf("labelling: calendar %q: %w", s, err)
		}
	}
	for _, d := range []Date{cal.ListsDue, cal.CNCLPlenary, cal.ListsToAgencies, cal.ApplicationsDue, cal.DesignationDeadline} {
		if d.IsZero() {
			return Calendar{}, fmt.Errorf("labelling: calendar %q: incomplete", s)
		}
	}
	seq := []Date{cal.ListsDue, cal.CNCLPlenary, cal.CNCLPlenaryLastDay, cal.ListsToAgencies, cal.ApplicationsDue, cal.DesignationDeadline}
	if !slices.IsSortedFunc(seq, Date.Compare) {
		return Calendar{}, fmt.Errorf("labelling: calendar %q: dates out of order", s)
	}
	return cal, nil
}

// cut parses the date after prefix when part has it, storing it in *d
// or the error in *err, and reports whether part had the prefix.
func cut(part, prefix string, d *Date, err *error) bool {
	rest, ok := strings.CutPrefix(part, prefix)
	if ok {
		if !d.IsZero() {
			*err = fmt.Errorf("%q given twice", strings.TrimSpace(prefix))
			return true
		}
		*d, *err = ParseDate(rest)
	}
	return ok
}

// DesignationCalendar returns the calendar of designation campaign id
// (annexe 1 of the 2007 circular for ccmr-2007, which may be written
// "2007"). It reports false for a campaign that is not a designation or
// whose calendar is not known.
func DesignationCalendar(id CampaignID) (Calendar, bool) {
	t, err := campaignTable()
	if err != nil {
		return Calendar{}, false
	}
	c, ok := t.calendars[CanonicalCampaign(id)]
	return c, ok
}

// DesignationDeadline returns the last day on which designation campaign
// id allowed a designation: 2008-02-01 for ccmr-2007. A decision on that
// day is on time; a decision after it is late (the rule designation.late).
func DesignationDeadline(id CampaignID) (Date, bool) {
	c, ok := DesignationCalendar(id)
	return c.DesignationDeadline, ok
}
