package network

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
)

// Encode writes n to w as a network document (FORMAT.md): [Format], or
// [Format11] when n uses one of its fields (an establishment's FINESSEJ, a
// centre's AttachedTo, a sector's Since), so that documents without them
// stay readable by rarenet/1 readers. The JSON is indented
// with two spaces, each list in ID order (labels in the centre's order,
// activity by year), every field spelled as FORMAT.md spells it, kind and
// scope written out, the document's lists (conventions, filieres,
// platforms) written even when empty, "end": null for a running convention,
// "overseas" always, and "cncl_opinion": null for a designation without the
// committee's opinion. Other optional fields are left out when they hold
// their default: empty lists inside entities (diseases, labels, activity,
// events, signatories, groups, members), an unknown prevalence, a missing
// FINESS number, city, unit, host, location, ORPHAcode, evaluation type,
// event act, act reference, designation, source and mark.
//
// [Decode] gives back a Network equal to n, and encoding it again gives
// the same bytes. Strings are written as UTF-8; a byte that is not valid
// UTF-8 is written as U+FFFD, so such strings do not come back as they
// were.
//
// Encode fails, writing nothing, when n holds what the format cannot
// carry and the [Builder] does not check: an invalid provenance mark, or a
// label's designation with an unknown campaign, an invalid route or no
// decision date. It returns a *[FieldError] per problem (joined), or the
// first error writing to w.
func Encode(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("network: Encode of a nil *Network")
	}
	x := n.entities() // value types, labels shared read-only
	if err := x.checkEncodable(); err != nil {
		return err
	}
	e := encoder{w: w, buf: make([]byte, 0, 64<<10)}
	e.document(x)
	e.buf = append(e.buf, '\n')
	e.flush()
	return e.err
}

// MarshalJSON returns n's document, as [Encode] writes it.
func (n *Network) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := Encode(&b, n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// format returns the lowest version of the document that holds n.
func (n *entities) format() string {
	for _, e := range n.establishments {
		if !e.FINESSEJ.IsZero() {
			return Format11
		}
	}
	for _, c := range n.centres {
		if len(c.AttachedTo) > 0 {
			return Format11
		}
	}
	for _, f := range n.filieres {
		if !f.Since.IsZero() {
			return Format11
		}
	}
	return Format
}

// checkEncodable reports what Encode cannot write so that Decode reads it
// back.
func (n *entities) checkEncodable() error {
	var p problems
	path := func(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }
	mark := func(list string, i int, id, field string, pr typology.Provenance) {
		if pr.Mark != 0 && !pr.Mark.IsValid() {
			p.add(path(list, i), id, field, ErrInvalid, "%v is not a mark", pr.Mark)
		}
	}
	for i, x := range n.establishments {
		mark("establishments", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.teams {
		mark("teams", i, string(x.ID), "mark", x.Provenance)
	}
	campaigns := make(map[labelling.CampaignID]bool)
	for i, c := range n.centres {
		id := string(c.ID)
		mark("centres", i, id, "mark", c.Provenance)
		for k, l := range c.Labels {
			f := func(field string) string { return "labels[" + strconv.Itoa(k) + "]." + field }
			if pr := l.Provenance(); pr.Mark != 0 && !pr.Mark.IsValid() {
				mark("centres", i, id, f("mark"), pr)
			}
			ds, ok := l.Designation()
			if !ok {
				continue
			}
			known, seen := campaigns[ds.Campaign]
			if !seen {
				_, known = labelling.CampaignByID(ds.Campaign)
				campaigns[ds.Campaign] = known
			}
			if !known {
				p.add(path("centres", i), id, f("designation.campaign"), ErrDangling, "%q is not a campaign of the embedded campaigns", ds.Campaign)
			}
			if !ds.Route.IsValid() {
				p.add(path("centres", i), id, f("designation.route"), ErrInvalid, "%v is not a route", ds.Route)
			}
			if ds.Decision.IsZero() {
				p.add(path("centres", i), id, f("designation.decision"), ErrMissing, "missing")
			}
		}
	}
	for i, x := range n.conventions {
		mark("conventions", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.filieres {
		mark("filieres", i, string(x.ID), "mark", x.Provenance)
	}
	for i, x := range n.platforms {
		mark("platforms", i, string(x.ID), "mark", x.Provenance)
	}
	if len(p.errs) > 0 {
		return errors.Join(p.errs...)
	}
	return nil
}

// An encoder writes indented JSON into a buffer that it flushes to w.
type encoder struct {
	w     io.Writer
	buf   []byte
	err   error
	depth int
	first bool // no member written yet in the innermost open container
}

func (e *encoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *encoder) newline() {
	e.buf = append(e.buf, '\n')
	for range e.depth {
		e.buf = append(e.buf, ' ', ' ')
	}
}

func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

func (e *encoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.buf = append(e.buf, c)
	e.first = false
	if len(e.buf) >= 32<<10 {
		e.flush()
	}
}

// key starts member k of the current object; k needs no escaping.
func (e *encoder) key(k string) {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, '"', ':', ' ')
}

// item starts an element of the current array.
func (e *encoder) item() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

func (e *encoder) str(k, s string) {
	e.key(k)
	e.buf = appendString(e.buf, s)
}

// optStr writes k only when s is not empty.
func (e *encoder) optStr(k, s string) {
	if s != "" {
		e.str(k, s)
	}
}

func (e *encoder) int(k string, v int) {
	e.key(k)
	e.buf = strconv.AppendInt(e.buf, int64(v), 10)
}

func (e *encoder) date(k string, d labelling.Date) {
	e.key(k)
	if d.IsZero() {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = append(e.buf, '"')
	e.buf, _ = d.AppendText(e.buf)
	e.buf = append(e.buf, '"')
}

func (e *encoder) float(k string, f float64) {
	e.key(k)
	e.buf = appendFloat(e.buf, f)
}

func (e *encoder) provenance(p typology.Provenance) {
	e.optStr("source", p.Source)
	if p.Mark != 0 {
		e.str("mark", p.Mark.String())
	}
}

// ids writes a list of IDs; an optional list is left out when empty.
func (e *encoder) ids(k string, ids []CentreID, optional bool) {
	if optional && len(ids) == 0 {
		return
	}
	e.key(k)
	e.open('[')
	for _, id := range ids {
		e.item()
		e.buf = appendString(e.buf, string(id))
	}
	e.close(']')
}

func (e *encoder) document(n *entities) {
	e.open('{')
	e.str("format", n.format())
	e.key("establishments")
	e.open('[')
	for _, x := range n.establishments {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.optStr("finess", x.FINESS.String())
		e.optStr("finess_ej", x.FINESSEJ.String())
		e.str("name", x.Name)
		e.optStr("city", x.City)
		e.str("region", string(x.Region))
		if x.Location.Known {
			e.float("lat", x.Location.Lat)
			e.float("lon", x.Location.Lon)
		}
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("teams")
	e.open('[')
	for _, x := range n.teams {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("establishment", string(x.Establishment))
		e.optStr("unit", x.Unit)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("centres")
	e.open('[')
	for i := range n.centres {
		e.item()
		e.centre(&n.centres[i])
	}
	e.close(']')
	e.key("conventions")
	e.open('[')
	for _, x := range n.conventions {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.ids("reference", x.Reference, false)
		e.str("competence", string(x.Competence))
		e.date("signed", x.Signed)
		e.date("start", x.Start)
		e.date("end", x.End)
		e.ids("signatories", x.Signatories, true)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("filieres")
	e.open('[')
	for _, x := range n.filieres {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("name", x.Name)
		e.optStr("host", string(x.Host))
		if !x.Since.IsZero() {
			e.date("since", x.Since)
		}
		if len(x.Groups) > 0 {
			e.key("groups")
			e.open('[')
			for _, g := range x.Groups {
				e.item()
				e.buf = strconv.AppendInt(e.buf, int64(g), 10)
			}
			e.close(']')
		}
		e.ids("members", x.Members, true)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.key("platforms")
	e.open('[')
	for _, x := range n.platforms {
		e.item()
		e.open('{')
		e.str("id", string(x.ID))
		e.str("name", x.Name)
		e.str("host", string(x.Host))
		e.key("overseas")
		e.buf = strconv.AppendBool(e.buf, x.Overseas)
		e.provenance(x.Provenance)
		e.close('}')
	}
	e.close(']')
	e.close('}')
}

func (e *encoder) centre(c *Centre) {
	e.open('{')
	e.str("id", string(c.ID))
	e.str("name", c.Name)
	e.str("tier", c.Tier.String())
	if c.Role != 0 {
		e.str("role", c.Role.String())
	}
	e.str("kind", c.Kind.String())
	e.int("group", int(c.Group))
	e.optStr("coordinating_site", string(c.CoordinatingSite))
	e.str("scope", c.Scope.String())
	e.str("team", string(c.Team))
	e.ids("attached_to", c.AttachedTo, true)
	if len(c.Diseases) > 0 {
		e.key("diseases")
		e.open('[')
		for _, x := range c.Diseases {
			e.item()
			e.open('{')
			if x.Orpha != 0 {
				e.int("orpha", int(x.Orpha))
			}
			e.str("name", x.Name)
			if x.Prevalence != typology.PrevalenceUnknown {
				e.str("prevalence", x.Prevalence.String())
			}
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Labels) > 0 {
		e.key("labels")
		e.open('[')
		for _, l := range c.Labels {
			e.item()
			e.label(l)
		}
		e.close(']')
	}
	if len(c.Activity) > 0 {
		e.key("activity")
		e.open('[')
		for _, a := range c.Activity {
			e.item()
			e.open('{')
			e.int("year", a.Year)
			e.int("consultations", a.Consultations)
			e.int("patients", a.Patients)
			e.int("new_patients", a.NewPatients)
			e.close('}')
		}
		e.close(']')
	}
	e.provenance(c.Provenance)
	e.close('}')
}

func (e *encoder) act(k string, a labelling.Act) {
	e.key(k)
	e.open('{')
	e.str("kind", a.Kind.String())
	e.date("date", a.Date)
	e.optStr("ref", a.Ref)
	e.close('}')
}

func (e *encoder) label(l labelling.Label) {
	e.open('{')
	w := l.Initial()
	e.date("start", w.Start())
	e.date("end", w.End())
	e.act("act", l.Act())
	if l.NumEvents() > 0 {
		e.key("events")
		e.open('[')
	}
	for ev := range l.Events() {
		e.item()
		e.open('{')
		e.str("kind", ev.Kind.String())
		e.date("date", ev.Date)
		if ev.Type != labelling.Unstated {
			e.str("type", ev.Type.String())
		}
		if !ev.Until.IsZero() {
			e.date("until", ev.Until)
		}
		if !ev.Act.IsZero() {
			e.act("act", ev.Act)
		}
		e.close('}')
	}
	if l.NumEvents() > 0 {
		e.close(']')
	}
	if ds, ok := l.Designation(); ok {
		e.key("designation")
		e.open('{')
		e.str("campaign", string(ds.Campaign))
		e.str("route", ds.Route.String())
		e.date("cncl_opinion", ds.CNCLOpinion)
		e.date("decision", ds.Decision)
		e.close('}')
	}
	e.provenance(l.Provenance())
	e.close('}')
}

// appendFloat writes f as encoding/json does: the shortest decimal that
// reads back as f, in exponent form only for very small or large values.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString writes s as a JSON string: quotes, backslashes and control
// characters escaped, U+2028 and U+2029 escaped, other characters as
// UTF-8, and each byte that is not valid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
