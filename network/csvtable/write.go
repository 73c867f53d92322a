package csvtable

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Table is one CSV file: its file name, header and rows.
type Table struct {
	Name   string     `json:"name"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
}

func (t *Table) add(row ...string) { t.Rows = append(t.Rows, row) }

// Encode writes t as CSV, header first, with "\n" line ends.
func (t Table) Encode(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(t.Header)
	cw.WriteAll(t.Rows) // flushes
	return cw.Error()
}

// The table names, in the order [Tables] returns them.
const (
	Establishments = "establishments.csv"
	Teams          = "teams.csv"
	Centres        = "centres.csv"
	Diseases       = "diseases.csv"
	Labels         = "labels.csv"
	Events         = "events.csv"
	Activity       = "activity.csv"
	Conventions    = "conventions.csv"
	Filieres       = "filieres.csv"
	Platforms      = "platforms.csv"
)

// headers holds each table's columns, in order.
var headers = map[string][]string{
	Establishments: {"id", "finess", "finess_ej", "name", "city", "region", "lat", "lon", "source", "mark"},
	Teams:          {"id", "establishment", "unit", "source", "mark"},
	Centres:        {"id", "name", "tier", "role", "kind", "group", "scope", "coordinating_site", "attached_to", "team", "establishment", "region", "diseases", "source", "mark"},
	Diseases:       {"centre", "disease", "orpha", "name", "prevalence"},
	Labels:         {"centre", "label", "start", "end", "effective_end", "act_kind", "act_date", "act_ref", "events", "designation_campaign", "designation_route", "cncl_opinion", "decision", "source", "mark"},
	Events:         {"centre", "label", "event", "kind", "date", "type", "until", "act_kind", "act_date", "act_ref"},
	Activity:       {"centre", "year", "consultations", "patients", "new_patients"},
	Conventions:    {"id", "reference", "competence", "signed", "start", "end", "signatories", "source", "mark"},
	Filieres:       {"id", "name", "host", "groups", "members", "since", "source", "mark"},
	Platforms:      {"id", "name", "host", "overseas", "source", "mark"},
}

// Names returns the table names in the order Tables returns them.
func Names() []string {
	return []string{Establishments, Teams, Centres, Diseases, Labels, Events, Activity, Conventions, Filieres, Platforms}
}

// Header returns the columns of the named table, and false for a name that
// is not one of [Names].
func Header(name string) ([]string, bool) {
	h, ok := headers[name]
	return append([]string(nil), h...), ok
}

func newTable(name string) *Table { return &Table{Name: name, Header: headers[name]} }

// Tables returns the tables of n, in the order of [Names]. It fails, naming
// the record, when an ID that goes into a list cell holds ";".
func Tables(n *network.Network) ([]Table, error) {
	var lp listProblems
	ests := newTable(Establishments)
	for e := range n.Establishments() {
		var lat, lon string
		if e.Location.Known {
			lat = strconv.FormatFloat(e.Location.Lat, 'f', -1, 64)
			lon = strconv.FormatFloat(e.Location.Lon, 'f', -1, 64)
		}
		ests.add(string(e.ID), e.FINESS.String(), e.FINESSEJ.String(), e.Name, e.City, string(e.Region), lat, lon, e.Provenance.Source, mark(e.Provenance))
	}
	teams := newTable(Teams)
	for t := range n.Teams() {
		teams.add(string(t.ID), string(t.Establishment), t.Unit, t.Provenance.Source, mark(t.Provenance))
	}
	centres, diseases, labels, events, activity := newTable(Centres), newTable(Diseases), newTable(Labels), newTable(Events), newTable(Activity)
	for c := range n.Centres() {
		var role string
		if c.Role != 0 {
			role = c.Role.String()
		}
		e, _ := n.EstablishmentOfCentre(c.ID)
		centres.add(string(c.ID), c.Name, c.Tier.String(), role, c.Kind.String(), strconv.Itoa(int(c.Group)), c.Scope.String(),
			string(c.CoordinatingSite), lp.join(Centres, string(c.ID), "attached_to", c.AttachedTo), string(c.Team), string(e.ID), string(e.Region),
			diseaseSummary(c.Diseases), c.Provenance.Source, mark(c.Provenance))
		for k, d := range c.Diseases {
			var orpha string
			if d.Orpha != 0 {
				orpha = strconv.FormatUint(uint64(d.Orpha), 10)
			}
			diseases.add(string(c.ID), strconv.Itoa(k), orpha, d.Name, d.Prevalence.String())
		}
		for k, l := range c.Labels {
			var campaign, route, opinion, decision string
			if ds, ok := l.Designation(); ok {
				campaign, opinion, decision = string(ds.Campaign), date(ds.CNCLOpinion), date(ds.Decision)
				if ds.Route != 0 {
					route = ds.Route.String()
				}
			}
			act := l.Act()
			labels.add(string(c.ID), strconv.Itoa(k), date(l.Initial().Start()), date(l.Initial().End()), date(l.End()),
				actKind(act), date(act.Date), act.Ref, eventSummary(l), campaign, route, opinion, decision,
				l.Provenance().Source, mark(l.Provenance()))
			j := 0
			for ev := range l.Events() {
				var typ string
				if ev.Type != labelling.Unstated {
					typ = ev.Type.String()
				}
				events.add(string(c.ID), strconv.Itoa(k), strconv.Itoa(j), ev.Kind.String(), date(ev.Date), typ, date(ev.Until),
					actKind(ev.Act), date(ev.Act.Date), ev.Act.Ref)
				j++
			}
		}
		for _, a := range c.Activity {
			activity.add(string(c.ID), strconv.Itoa(a.Year), strconv.Itoa(a.Consultations), strconv.Itoa(a.Patients), strconv.Itoa(a.NewPatients))
		}
	}
	convs := newTable(Conventions)
	for c := range n.Conventions() {
		convs.add(string(c.ID), lp.join(Conventions, string(c.ID), "reference", c.Reference), string(c.Competence), date(c.Signed), date(c.Start), date(c.End),
			lp.join(Conventions, string(c.ID), "signatories", c.Signatories), c.Provenance.Source, mark(c.Provenance))
	}
	fils := newTable(Filieres)
	for f := range n.Filieres() {
		groups := make([]string, len(f.Groups))
		for i, g := range f.Groups {
			groups[i] = strconv.Itoa(int(g))
		}
		fils.add(string(f.ID), f.Name, string(f.Host), strings.Join(groups, ";"), lp.join(Filieres, string(f.ID), "members", f.Members),
			date(f.Since), f.Provenance.Source, mark(f.Provenance))
	}
	plats := newTable(Platforms)
	for p := range n.Platforms() {
		plats.add(string(p.ID), p.Name, string(p.Host), strconv.FormatBool(p.Overseas), p.Provenance.Source, mark(p.Provenance))
	}
	if lp.err != nil {
		return nil, lp.err
	}
	return []Table{*ests, *teams, *centres, *diseases, *labels, *events, *activity, *convs, *fils, *plats}, nil
}

// Write writes the tables of n into dir, creating it if needed, one file
// per table named as in [Names].
func Write(dir string, n *network.Network) error {
	ts, err := Tables(n)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err // *PathError: "mkdir DIR: reason"
	}
	for _, t := range ts {
		var buf bytes.Buffer
		if err := t.Encode(&buf); err != nil {
			return fmt.Errorf("csvtable: writing %s: %w", t.Name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, t.Name), buf.Bytes(), 0o644); err != nil {
			return err // *PathError: "open DIR/NAME: reason"
		}
	}
	return nil
}

// listProblems keeps the first ID that cannot go into a list cell.
type listProblems struct{ err error }

func (lp *listProblems) join(table, id, column string, ids []network.CentreID) string {
	s := make([]string, len(ids))
	for i, x := range ids {
		if strings.Contains(string(x), ";") && lp.err == nil {
			lp.err = fmt.Errorf("csvtable: %s (id %s): column %s: the ID %s holds \";\", the list separator", table, quote(id), column, quote(string(x)))
		}
		s[i] = string(x)
	}
	return strings.Join(s, ";")
}

// date writes d as YYYY-MM-DD, or "" for the zero Date.
func date(d labelling.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func actKind(a labelling.Act) string {
	if a.Kind == 0 {
		return ""
	}
	return a.Kind.String()
}

func mark(p typology.Provenance) string {
	if p.Mark == 0 {
		return ""
	}
	return p.Mark.String()
}

// diseaseSummary describes a centre's diseases: "ORPHA:791 Rétinite
// pigmentaire (1-5/10000); ...", the code and prevalence when known.
func diseaseSummary(ds []typology.Disease) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString("; ")
		}
		if d.Orpha.IsValid() {
			b.WriteString(d.Orpha.String() + " ")
		}
		b.WriteString(d.Name)
		if d.Prevalence.IsKnown() {
			b.WriteString(" (" + d.Prevalence.String() + ")")
		}
	}
	return b.String()
}

// eventSummary describes a label's events in date order: "evaluation
// 2021-06-01 external; extension 2022-06-01 until 2024-01-01 by arrete
// 2022-06-01; withdrawal 2023-03-01".
func eventSummary(l labelling.Label) string {
	var b strings.Builder
	for e := range l.Events() {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Kind.String() + " " + e.Date.String())
		if e.Type != labelling.Unstated {
			b.WriteString(" " + e.Type.String())
		}
		if !e.Until.IsZero() {
			b.WriteString(" until " + e.Until.String())
		}
		if !e.Act.IsZero() {
			b.WriteString(" by " + e.Act.Kind.String() + " " + e.Act.Date.String())
		}
	}
	return b.String()
}

// quote quotes s for an error message, cut to its first 60 characters
// plus "..." as FORMAT.md asks.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return strconv.Quote(string(r[:60]) + "...")
	}
	return strconv.Quote(s)
}
