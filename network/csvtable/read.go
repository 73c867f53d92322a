package csvtable

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// An Error is one problem with one cell or row of one table. Line is the
// line of the file where the row starts (the header is line 1), Row the
// row's number among the data rows (from 1); both are 0 for a problem with
// the whole table. ID is the ID of the row's record (for a label, event,
// disease or activity row: its centre) when known, Column the column at
// fault, when one is.
type Error struct {
	Table  string `json:"table"`
	Line   int    `json:"line,omitempty"`
	Row    int    `json:"row,omitempty"`
	ID     string `json:"id,omitempty"`
	Column string `json:"column,omitempty"`
	Msg    string `json:"message"`
	Err    error  `json:"-"` // the underlying error, if any
}

// Error returns a message such as
// `centres.csv:4: row 3 (id "ccmr-x"): column group: "18" is not a group (1 to 17)`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Table)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Row > 0 {
		b.WriteString("row " + strconv.Itoa(e.Row))
		if e.ID != "" {
			b.WriteString(" (id " + quote(e.ID) + ")")
		}
		b.WriteString(": ")
	}
	if e.Column != "" {
		b.WriteString("column " + e.Column + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Required lists the tables that must be present; the others, when absent,
// hold no rows.
var required = []string{Establishments, Teams, Centres}

// Read reads the tables in directory dir; see [ReadFS].
func Read(dir string) (*network.Network, error) { return ReadFS(os.DirFS(dir)) }

// ReadFS reads the tables named as in [Names] from fsys and builds the
// network they describe. establishments.csv, teams.csv and centres.csv
// must be present; an absent other table holds no rows. Other files are
// ignored. It returns every problem found, each an [*Error], joined with
// errors.Join, and no network when there is one.
func ReadFS(fsys fs.FS) (*network.Network, error) {
	r := &reader{}
	raw := make(map[string]*rawTable, len(headers))
	for _, name := range Names() {
		t, err := readTable(fsys, name)
		if err != nil {
			r.errs = append(r.errs, err)
			continue
		}
		if t == nil && slices.Contains(required, name) {
			r.errs = append(r.errs, &Error{Table: name, Msg: "missing table", Err: fs.ErrNotExist})
			continue
		}
		raw[name] = t
	}
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return r.build(raw)
}

// A rawTable is a parsed CSV file: its rows as maps by column, with lines.
type rawTable struct {
	name  string
	col   map[string]int
	rows  [][]string
	lines []int
}

// readTable reads one table; it returns nil, nil when the file is absent.
func readTable(fsys fs.FS, name string) (*rawTable, error) {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Table: name, Msg: err.Error(), Err: err}
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	t := &rawTable{name: name, col: map[string]int{}}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &Error{Table: name, Line: 1, Msg: "empty file: no header row"}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	var errs []error
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a byte-order mark from a spreadsheet
		}
		if _, dup := t.col[h]; dup {
			errs = append(errs, &Error{Table: name, Line: 1, Column: h, Msg: "column appears twice in the header"})
			continue
		}
		if !slices.Contains(headers[name], h) {
			errs = append(errs, &Error{Table: name, Line: 1, Column: quote(h), Msg: fmt.Sprintf("unknown column (the columns are %s)", strings.Join(headers[name], ", "))})
			continue
		}
		t.col[h] = i
	}
	for _, h := range headers[name] {
		if _, ok := t.col[h]; !ok {
			errs = append(errs, &Error{Table: name, Line: 1, Column: h, Msg: "missing column"})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, &Error{Table: name, Line: line, Row: len(t.rows) + 1, Msg: fmt.Sprintf("%d fields, the header has %d", len(rec), len(header))}
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Table: name, Line: pe.Line, Msg: pe.Err.Error(), Err: err}
	}
	return &Error{Table: name, Msg: err.Error(), Err: err}
}

// A cursor reads the cells of one row and records problems against it.
type cursor struct {
	r   *reader
	t   *rawTable
	i   int
	id  string
	bad bool
}

func (c *cursor) get(col string) string { return c.t.rows[c.i][c.t.col[col]] }

func (c *cursor) fail(col string, err error, format string, args ...any) {
	c.bad = true
	c.r.errs = append(c.r.errs, &Error{Table: c.t.name, Line: c.t.lines[c.i], Row: c.i + 1, ID: c.id, Column: col, Msg: fmt.Sprintf(format, args...), Err: err})
}

func (c *cursor) required(col string) string {
	s := c.get(col)
	if s == "" {
		c.fail(col, network.ErrMissing, "missing")
	}
	return s
}

func (c *cursor) date(col string) labelling.Date {
	s := c.get(col)
	if s == "" {
		return labelling.Date{}
	}
	var d labelling.Date
	if err := d.UnmarshalText([]byte(s)); err != nil {
		c.fail(col, network.ErrInvalid, "%s is not a date (YYYY-MM-DD)", quote(s))
	}
	return d
}

func (c *cursor) int(col string, lo, hi int) int {
	s := c.get(col)
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi || strconv.Itoa(n) != s {
		c.fail(col, network.ErrInvalid, "%s is not a whole number from %d to %d", quote(s), lo, hi)
	}
	return n
}

func (c *cursor) finess(col string) network.FINESS {
	s := c.get(col)
	if s == "" {
		return network.FINESS{}
	}
	f, err := network.ParseFINESS(s)
	if err != nil {
		c.fail(col, errors.Join(network.ErrInvalid, err), "%v", err)
	}
	return f
}

func (c *cursor) float(col string, limit float64) float64 {
	s := c.get(col)
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || x < -limit || x > limit {
		c.fail(col, network.ErrInvalid, "%s is not a number from %v to %v", quote(s), -limit, limit)
	}
	return x
}

// text parses an optional value with its UnmarshalText method.
func text[T any, P interface {
	*T
	UnmarshalText([]byte) error
}](c *cursor, col, what string) T {
	var v T
	s := c.get(col)
	if s == "" {
		return v
	}
	if err := P(&v).UnmarshalText([]byte(s)); err != nil {
		c.fail(col, network.ErrInvalid, "%s is not a %s", quote(s), what)
	}
	return v
}

func (c *cursor) provenance() typology.Provenance {
	return typology.Provenance{Source: c.get("source"), Mark: text[typology.Mark](c, "mark", "mark (verified, inferred, derived, unverified)")}
}

func (c *cursor) ids(col string) []network.CentreID {
	s := c.get(col)
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	ids := make([]network.CentreID, len(parts))
	for i, p := range parts {
		if p == "" {
			c.fail(col, network.ErrMissing, "%s has an empty ID in its list", quote(s))
		}
		ids[i] = network.CentreID(p)
	}
	return ids
}

// A reader builds a network from the raw tables and keeps where each
// record came from, to report the builder's problems at their rows.
type reader struct {
	errs []error
	// where records the table and line of each record the builder
	// holds, by builder list ("centres") and index.
	where map[string][]place
	// sub records where a centre's labels, diseases and activity rows
	// are, by centre index.
	sub map[string][][]place
}

type place struct {
	table string
	line  int
	row   int
	id    string
}

func (r *reader) cursor(t *rawTable, i int, idCol string) *cursor {
	c := &cursor{r: r, t: t, i: i}
	if idCol != "" {
		c.id = c.get(idCol)
	}
	return c
}

func (r *reader) at(list string, c *cursor) {
	r.where[list] = append(r.where[list], place{table: c.t.name, line: c.t.lines[c.i], row: c.i + 1, id: c.id})
}

func (r *reader) build(raw map[string]*rawTable) (*network.Network, error) {
	r.where = map[string][]place{}
	r.sub = map[string][][]place{}
	var b network.Builder

	if t := raw[Establishments]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			e := network.Establishment{
				ID: network.EstablishmentID(c.required("id")), FINESS: c.finess("finess"), FINESSEJ: c.finess("finess_ej"),
				Name: c.get("name"), City: c.get("city"), Region: network.RegionCode(c.get("region")), Provenance: c.provenance(),
			}
			switch lat, lon := c.get("lat"), c.get("lon"); {
			case lat == "" && lon == "":
			case lat == "" || lon == "":
				c.fail("lat", network.ErrMissing, "lat and lon go together: give both or neither")
			default:
				e.Location = network.Location{Lat: c.float("lat", 90), Lon: c.float("lon", 180), Known: true}
			}
			b.AddEstablishment(e)
			r.at("establishments", c)
		}
	}
	if t := raw[Teams]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			b.AddTeam(network.Team{ID: network.TeamID(c.required("id")), Establishment: network.EstablishmentID(c.get("establishment")),
				Unit: c.get("unit"), Provenance: c.provenance()})
			r.at("teams", c)
		}
	}

	// Centres, then the rows that hang from them.
	var centres []network.Centre
	centreAt := map[string]int{}
	if t := raw[Centres]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			ce := network.Centre{
				ID: network.CentreID(c.required("id")), Name: c.get("name"),
				Tier:             text[typology.Tier](c, "tier", "tier (reference, competence)"),
				Role:             text[typology.Role](c, "role", "role (coordinating, constitutive)"),
				Kind:             text[typology.Kind](c, "kind", "kind (crmr, ccmr, crc, crth, cth, crcm, sla)"),
				Scope:            text[typology.Scope](c, "scope", "scope (national, interregional, regional)"),
				CoordinatingSite: network.CentreID(c.get("coordinating_site")),
				AttachedTo:       c.ids("attached_to"),
				Team:             network.TeamID(c.get("team")),
				Provenance:       c.provenance(),
			}
			if c.get("tier") == "" {
				c.fail("tier", network.ErrMissing, "missing")
			}
			if s := c.required("group"); s != "" {
				g, ok := typology.Group(0), false
				if n, err := strconv.Atoi(s); err == nil && strconv.Itoa(n) == s {
					g, ok = typology.GroupOf(n)
				}
				if !ok {
					c.fail("group", network.ErrInvalid, "%s is not a group (1 to 17)", quote(s))
				}
				ce.Group = g
			}
			if _, dup := centreAt[string(ce.ID)]; !dup && ce.ID != "" {
				centreAt[string(ce.ID)] = len(centres)
			}
			centres = append(centres, ce)
			r.at("centres", c)
		}
	}
	owner := func(c *cursor) (int, bool) {
		id := c.required("centre")
		if id == "" {
			return 0, false
		}
		k, ok := centreAt[id]
		if !ok {
			c.fail("centre", network.ErrDangling, "no centre has the ID %s in %s", quote(id), Centres)
		}
		return k, ok
	}
	type indexed[T any] struct {
		n  int
		v  T
		at place
	}
	index := func(c *cursor, col string) int { return c.int(col, 0, math.MaxInt32) }

	diseases := make([][]indexed[typology.Disease], len(centres))
	if t := raw[Diseases]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "centre")
			k, ok := owner(c)
			d := typology.Disease{Name: c.get("name"), Prevalence: text[typology.Prevalence](c, "prevalence", "prevalence class")}
			if s := c.get("orpha"); s != "" {
				n, err := strconv.ParseUint(s, 10, 32)
				if err != nil || n == 0 || strconv.FormatUint(n, 10) != s {
					c.fail("orpha", network.ErrInvalid, "%s is not an ORPHAcode (a number, without the ORPHA: prefix)", quote(s))
				}
				d.Orpha = typology.ORPHAcode(n)
			}
			n := index(c, "disease")
			if ok {
				diseases[k] = append(diseases[k], indexed[typology.Disease]{n: n, v: d, at: place{table: t.name, line: t.lines[i], row: i + 1, id: c.id}})
			}
		}
	}
	events := map[[2]int][]indexed[labelling.Event]{} // by centre index and label number
	if t := raw[Events]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "centre")
			k, ok := owner(c)
			l, n := index(c, "label"), index(c, "event")
			ev := labelling.Event{
				Kind:  text[labelling.EventKind](c, "kind", "kind of event (evaluation, extension, withdrawal)"),
				Date:  c.date("date"),
				Type:  text[labelling.EvaluationType](c, "type", "type of evaluation (self, external)"),
				Until: c.date("until"),
				Act:   labelling.Act{Kind: text[labelling.ActKind](c, "act_kind", "kind of act (arrete, decision, other)"), Date: c.date("act_date"), Ref: c.get("act_ref")},
			}
			if c.get("kind") == "" {
				c.fail("kind", network.ErrMissing, "missing")
			}
			if ok {
				events[[2]int{k, l}] = append(events[[2]int{k, l}], indexed[labelling.Event]{n: n, v: ev, at: place{table: t.name, line: t.lines[i], row: i + 1, id: c.id}})
			}
		}
	}
	type labelRow struct {
		start, end labelling.Date
		act        labelling.Act
		ds         labelling.Designation
		hasDs      bool
		prov       typology.Provenance
	}
	labels := make([][]indexed[labelRow], len(centres))
	usedEvents := map[[2]int]bool{}
	if t := raw[Labels]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "centre")
			k, ok := owner(c)
			lr := labelRow{start: c.date("start"), end: c.date("end"), prov: c.provenance(),
				act: labelling.Act{Kind: text[labelling.ActKind](c, "act_kind", "kind of act (arrete, decision, other)"), Date: c.date("act_date"), Ref: c.get("act_ref")}}
			for _, col := range []string{"start", "end", "act_kind", "act_date"} {
				if c.get(col) == "" {
					c.fail(col, network.ErrMissing, "missing")
				}
			}
			if camp := c.get("designation_campaign"); camp != "" {
				lr.hasDs = true
				lr.ds = labelling.Designation{Campaign: labelling.CampaignID(camp), Route: text[labelling.Route](c, "designation_route", "route (listed, direct)"),
					CNCLOpinion: c.date("cncl_opinion"), Decision: c.date("decision")}
			} else {
				for _, col := range []string{"designation_route", "cncl_opinion", "decision"} {
					if c.get(col) != "" {
						c.fail(col, network.ErrInvalid, "set without a designation_campaign")
					}
				}
			}
			n := index(c, "label")
			if ok {
				labels[k] = append(labels[k], indexed[labelRow]{n: n, v: lr, at: place{table: t.name, line: t.lines[i], row: i + 1, id: c.id}})
			}
		}
	}
	activity := make([][]indexed[network.Activity], len(centres))
	if t := raw[Activity]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "centre")
			k, ok := owner(c)
			a := network.Activity{Year: c.int("year", network.MinActivityYear, network.MaxActivityYear),
				Consultations: c.int("consultations", 0, math.MaxInt32), Patients: c.int("patients", 0, math.MaxInt32), NewPatients: c.int("new_patients", 0, math.MaxInt32)}
			if ok {
				activity[k] = append(activity[k], indexed[network.Activity]{n: a.Year, v: a, at: place{table: t.name, line: t.lines[i], row: i + 1, id: c.id}})
			}
		}
	}

	// Put each centre's rows in order, checking their numbers.
	subWhere := map[string][][]place{"diseases": make([][]place, len(centres)), "labels": make([][]place, len(centres)), "activity": make([][]place, len(centres))}
	for k := range centres {
		ds := diseases[k]
		slices.SortStableFunc(ds, func(a, b indexed[typology.Disease]) int { return cmp.Compare(a.n, b.n) })
		for j, d := range ds {
			if j > 0 && ds[j-1].n == d.n {
				r.errs = append(r.errs, &Error{Table: d.at.table, Line: d.at.line, Row: d.at.row, ID: d.at.id, Column: "disease", Msg: fmt.Sprintf("disease %d of this centre is already at line %d", d.n, ds[j-1].at.line), Err: network.ErrDuplicate})
			}
			centres[k].Diseases = append(centres[k].Diseases, d.v)
			subWhere["diseases"][k] = append(subWhere["diseases"][k], d.at)
		}
		ls := labels[k]
		slices.SortStableFunc(ls, func(a, b indexed[labelRow]) int { return cmp.Compare(a.n, b.n) })
		for j, l := range ls {
			if j > 0 && ls[j-1].n == l.n {
				r.errs = append(r.errs, &Error{Table: l.at.table, Line: l.at.line, Row: l.at.row, ID: l.at.id, Column: "label", Msg: fmt.Sprintf("label %d of this centre is already at line %d", l.n, ls[j-1].at.line), Err: network.ErrDuplicate})
				continue
			}
			key := [2]int{k, l.n}
			usedEvents[key] = true
			evs := events[key]
			slices.SortStableFunc(evs, func(a, b indexed[labelling.Event]) int { return cmp.Compare(a.n, b.n) })
			list := make([]labelling.Event, len(evs))
			for e, ev := range evs {
				if e > 0 && evs[e-1].n == ev.n {
					r.errs = append(r.errs, &Error{Table: ev.at.table, Line: ev.at.line, Row: ev.at.row, ID: ev.at.id, Column: "event", Msg: fmt.Sprintf("event %d of this label is already at line %d", ev.n, evs[e-1].at.line), Err: network.ErrDuplicate})
				}
				list[e] = ev.v
			}
			lab, err := labelling.NewLabel(l.v.start, l.v.end, l.v.act, list...)
			if err != nil {
				for _, e := range unjoin(err) {
					at, col := l.at, ""
					var le *labelling.LabelError
					if errors.As(e, &le) {
						col = le.Field
						if ix, rest, ok := indexOf(le.Field, "events"); ok && ix < len(evs) {
							at, col = evs[ix].at, strings.TrimPrefix(rest, ".")
							if col == "" {
								col = "kind"
							}
						}
						col = strings.ReplaceAll(col, ".", "_")
					}
					r.errs = append(r.errs, &Error{Table: at.table, Line: at.line, Row: at.row, ID: at.id, Column: col, Msg: labelMsg(e), Err: e})
				}
				continue
			}
			if l.v.hasDs {
				lab = lab.WithDesignation(l.v.ds)
			}
			lab = lab.WithProvenance(l.v.prov)
			centres[k].Labels = append(centres[k].Labels, lab)
			subWhere["labels"][k] = append(subWhere["labels"][k], l.at)
		}
		as := activity[k]
		for _, a := range as {
			centres[k].Activity = append(centres[k].Activity, a.v)
			subWhere["activity"][k] = append(subWhere["activity"][k], a.at)
		}
	}
	for key, evs := range events {
		if !usedEvents[key] {
			for _, ev := range evs {
				r.errs = append(r.errs, &Error{Table: ev.at.table, Line: ev.at.line, Row: ev.at.row, ID: ev.at.id, Column: "label", Msg: fmt.Sprintf("centre %s has no label %d in %s", quote(ev.at.id), key[1], Labels), Err: network.ErrDangling})
			}
		}
	}
	r.sub = subWhere
	for _, c := range centres {
		b.AddCentre(c)
	}

	if t := raw[Conventions]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			b.AddConvention(network.Convention{
				ID: network.ConventionID(c.required("id")), Reference: c.ids("reference"), Competence: network.CentreID(c.get("competence")),
				Signed: c.date("signed"), Start: c.date("start"), End: c.date("end"), Signatories: c.ids("signatories"), Provenance: c.provenance(),
			})
			r.at("conventions", c)
		}
	}
	if t := raw[Filieres]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			f := network.Filiere{ID: network.FiliereID(c.required("id")), Name: c.get("name"), Host: network.EstablishmentID(c.get("host")),
				Members: c.ids("members"), Since: c.date("since"), Provenance: c.provenance()}
			if s := c.get("groups"); s != "" {
				for _, p := range strings.Split(s, ";") {
					n, err := strconv.Atoi(p)
					g, ok := typology.GroupOf(n)
					if err != nil || !ok || strconv.Itoa(n) != p {
						c.fail("groups", network.ErrInvalid, "%s is not a group (1 to 17)", quote(p))
					}
					f.Groups = append(f.Groups, g)
				}
			}
			b.AddFiliere(f)
			r.at("filieres", c)
		}
	}
	if t := raw[Platforms]; t != nil {
		for i := range t.rows {
			c := r.cursor(t, i, "id")
			p := network.Platform{ID: network.PlatformID(c.required("id")), Name: c.get("name"), Host: network.EstablishmentID(c.get("host")), Provenance: c.provenance()}
			switch s := c.get("overseas"); s {
			case "true":
				p.Overseas = true
			case "false", "":
			default:
				c.fail("overseas", network.ErrInvalid, "%s is not true or false", quote(s))
			}
			b.AddPlatform(p)
			r.at("platforms", c)
		}
	}
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	n, err := b.Build()
	if err != nil {
		for _, e := range unjoin(err) {
			r.errs = append(r.errs, r.locate(e))
		}
		return nil, errors.Join(r.errs...)
	}
	return n, nil
}

// tableOf maps a builder list to its table.
var tableOf = map[string]string{
	"establishments": Establishments, "teams": Teams, "centres": Centres,
	"conventions": Conventions, "filieres": Filieres, "platforms": Platforms,
}

// locate turns a builder's *FieldError into an *Error at the row the
// record came from.
func (r *reader) locate(e error) error {
	var fe *network.FieldError
	if !errors.As(e, &fe) {
		return &Error{Table: Centres, Msg: e.Error(), Err: e}
	}
	i, list, ok := indexOf(fe.Path, "")
	places := r.where[list]
	if !ok || i < 0 || i >= len(places) {
		return &Error{Table: tableOf[list], ID: fe.ID, Column: fe.Field, Msg: fe.Msg, Err: fe}
	}
	at, col := places[i], fe.Field
	for _, sub := range []string{"diseases", "labels", "activity"} {
		if k, rest, ok := indexOf(fe.Field, sub); ok && list == "centres" && i < len(r.sub[sub]) && k < len(r.sub[sub][i]) {
			at, col = r.sub[sub][i][k], strings.TrimPrefix(rest, ".")
		}
	}
	if col == "" {
		col = fe.Field
	}
	return &Error{Table: at.table, Line: at.line, Row: at.row, ID: at.id, Column: col, Msg: fe.Msg, Err: fe}
}

// indexOf splits "name[k]rest": it returns k and rest when s starts with
// name and an index. With an empty name it accepts any name and returns k
// and that name instead of rest ("centres[3]" gives 3, "centres").
func indexOf(s, name string) (int, string, bool) {
	open := strings.IndexByte(s, '[')
	if open < 0 || (name != "" && s[:open] != name) {
		return 0, "", false
	}
	end := strings.IndexByte(s[open:], ']')
	if end < 0 {
		return 0, "", false
	}
	k, err := strconv.Atoi(s[open+1 : open+end])
	if err != nil {
		return 0, "", false
	}
	if name == "" {
		return k, s[:open], true
	}
	return k, s[open+end+1:], true
}

// unjoin returns the errors joined in err, or err itself.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// labelMsg drops the "labelling: label FIELD: " prefix of a LabelError,
// since the Error names the column.
func labelMsg(e error) string {
	var le *labelling.LabelError
	if errors.As(e, &le) {
		return le.Msg
	}
	return e.Error()
}
