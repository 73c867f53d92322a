package dossier

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// FormatVersion is the value of the "format" field of an application file
// document.
const FormatVersion = "rarenet-dossier/1"

// Sentinel errors that a [FieldError] may wrap, besides those of package
// network ([network.ErrMissing], [network.ErrInvalid],
// [network.ErrDuplicate]), for callers that branch on the kind of problem
// with errors.Is.
var (
	// ErrSyntax: the input is not one well-formed JSON value.
	ErrSyntax = errors.New("dossier: not JSON")
	// ErrUnknownField: an object has a field the format does not define.
	// The format has no field for a person's name, so a name added to a
	// physician or a signature is an unknown field.
	ErrUnknownField = errors.New("dossier: unknown field")
)

// A FieldError is one problem with one field of an application file
// document. Path locates the object holding the field ("centre.activity[1]",
// "" for the top level), Field names the field ("year"), or the item of a
// list ("reference[2]"), and Msg says what is wrong, quoting the value
// as written. Err is [ErrSyntax], [ErrUnknownField], [network.ErrMissing],
// [network.ErrInvalid] or [network.ErrDuplicate], and Unwrap returns it.
type FieldError struct {
	Path  string // the object holding the field; "" at the top level
	Field string // the field, or the item of a list
	Msg   string // what is wrong, quoting the value
	Err   error  // the sentinel error
}

// Error returns a message such as
// `centre.activity[1]: year: want an integer, got "2005"`: the path, the
// field and the message, each left out when empty.
func (e *FieldError) Error() string {
	var parts []string
	for _, s := range []string{e.Path, e.Field, e.Msg} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// Unwrap returns the underlying sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

// Decode reads one application file document (format [FormatVersion]) from
// r. Decoding is strict: an unknown field, a duplicate field, a missing
// required field, a value of the wrong type, out of range or misspelt is an
// error. Every problem found is reported, as one *[FieldError] each, joined
// with errors.Join, and no File is returned; a document whose "format" is
// missing or not [FormatVersion] gives that one error only, and a syntax
// error ends decoding. Errors reading r are returned as they are.
//
// Sections and their parts that the document leaves out, or sets to null,
// decode as zero values: an incomplete file is not a decoding error but
// what [Check] reports. See the package documentation for the format.
func Decode(r io.Reader) (File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return File{}, err
	}
	root, errs := parseTree(data)
	if root == nil {
		return File{}, errors.Join(errs...)
	}
	d := &decoder{errs: errs}
	f, ok := d.file(root)
	if !ok || len(d.errs) > 0 {
		return File{}, errors.Join(d.errs...)
	}
	return f, nil
}

type decoder struct{ errs []error }

func (d *decoder) add(path, field string, err error, format string, args ...any) {
	d.errs = append(d.errs, &FieldError{Path: path, Field: field, Msg: fmt.Sprintf(format, args...), Err: err})
}

// An object is a JSON object being decoded: it remembers which fields were
// asked for, so that done can report the others as unknown.
type object struct {
	d    *decoder
	path string
	n    *node
	used map[string]bool
}

// object returns n as an object at path (reported, for errors, as field of
// parent), or nil after reporting an error when n is not an object.
func (d *decoder) object(parent, field string, n *node) *object {
	if n.kind != objectNode {
		d.add(parent, field, network.ErrInvalid, "want an object, got %s", n.show())
		return nil
	}
	return &object{d: d, path: join(parent, field), n: n, used: make(map[string]bool)}
}

// get returns the field's value, or nil when it is absent or null.
func (o *object) get(name string) *node {
	o.used[name] = true
	n := o.n.fields[name]
	if n == nil || n.kind == nullNode {
		return nil
	}
	return n
}

// personal lists field names that would hold a person's name; the error
// for them says why the format has none.
var personal = map[string]bool{"name": true, "nom": true, "prenom": true, "prénom": true,
	"first_name": true, "last_name": true, "surname": true, "given_name": true, "family_name": true,
	"email": true, "phone": true, "telephone": true}

// done reports the fields that were not asked for as unknown.
func (o *object) done() {
	for _, k := range o.n.keys {
		if o.used[k] {
			continue
		}
		if personal[strings.ToLower(k)] {
			o.d.add(o.path, fieldName(k), ErrUnknownField, "unknown field: the format identifies people by role, never by name or contact details")
			continue
		}
		o.d.add(o.path, fieldName(k), ErrUnknownField, "unknown field")
	}
}

func (o *object) missing(name string) { o.d.add(o.path, name, network.ErrMissing, "missing") }

func (o *object) wrong(name string, n *node, want string) {
	o.d.add(o.path, name, network.ErrInvalid, "want %s, got %s", want, n.show())
}

func (o *object) invalid(name, format string, args ...any) {
	o.d.add(o.path, name, network.ErrInvalid, format, args...)
}

// forbid reports the field when it is set, with why.
func (o *object) forbid(name, why string) {
	if n := o.get(name); n != nil {
		o.invalid(name, "%s is not allowed: %s", n.show(), why)
	}
}

// str decodes a string. A required string must not be blank.
func (o *object) str(name string, required bool) string {
	n := o.get(name)
	if n == nil {
		if required {
			o.missing(name)
		}
		return ""
	}
	if n.kind != stringNode {
		o.wrong(name, n, "a string")
		return ""
	}
	if required && blank(n.text) {
		o.d.add(o.path, name, network.ErrMissing, "%s is blank", n.show())
		return ""
	}
	return n.text
}

func (o *object) boolean(name string) bool {
	n := o.get(name)
	switch {
	case n == nil:
		o.missing(name)
	case n.kind != boolNode:
		o.wrong(name, n, "true or false")
	default:
		return n.b
	}
	return false
}

// integer decodes a required integer from min to max.
func (o *object) integer(name string, min, max int) int {
	n := o.get(name)
	if n == nil {
		o.missing(name)
		return 0
	}
	v, ok := o.d.integer(o.path, name, n, int64(min), int64(max))
	if !ok {
		return 0
	}
	return int(v)
}

// integer reads an integer in [min, max]; its bounds are int64 so that
// ORPHAcodes (uint32) fit on 32-bit platforms too.
func (d *decoder) integer(path, field string, n *node, min, max int64) (int64, bool) {
	if n.kind != numberNode {
		d.add(path, field, network.ErrInvalid, "want an integer, got %s", n.show())
		return 0, false
	}
	v, err := strconv.ParseInt(n.text, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			d.add(path, field, network.ErrInvalid, "%s is out of range (%d to %d)", n.show(), min, max)
		} else {
			d.add(path, field, network.ErrInvalid, "want an integer, got %s", n.show())
		}
		return 0, false
	}
	if v < min || v > max {
		d.add(path, field, network.ErrInvalid, "%s is out of range (%d to %d)", n.show(), min, max)
		return 0, false
	}
	return v, true
}

func (o *object) date(name string, required bool) labelling.Date {
	n := o.get(name)
	if n == nil {
		if required {
			o.missing(name)
		}
		return labelling.Date{}
	}
	if n.kind != stringNode {
		o.wrong(name, n, "a date (YYYY-MM-DD)")
		return labelling.Date{}
	}
	dt, err := labelling.ParseDate(n.text)
	if err != nil {
		why := "want YYYY-MM-DD"
		var pe *labelling.ParseError
		if errors.As(err, &pe) {
			why = pe.Msg
		}
		o.invalid(name, "%s is not a date: %s", n.show(), why)
		return labelling.Date{}
	}
	return dt
}

// enum decodes a required value spelled as in tbl.
func (o *object) enum(name string, tbl spellings) uint8 {
	n := o.get(name)
	if n == nil {
		o.missing(name)
		return 0
	}
	if n.kind != stringNode {
		o.wrong(name, n, "a string")
		return 0
	}
	v, err := tbl.unmarshal([]byte(n.text))
	if err != nil {
		o.invalid(name, "%s is not a %s (one of %s)", n.show(), tbl.what, strings.Join(tbl.names[1:], ", "))
		return 0
	}
	return v
}

// sub returns the field as an object, or nil when it is absent or null or
// (after reporting it) not an object.
func (o *object) sub(name string) *object {
	n := o.get(name)
	if n == nil {
		return nil
	}
	return o.d.object(o.path, name, n)
}

// list returns the items of an array field, nil when it is absent or null
// or (after reporting it) not an array.
func (o *object) list(name string) []*node {
	n := o.get(name)
	if n == nil {
		return nil
	}
	if n.kind != arrayNode {
		o.wrong(name, n, "an array")
		return nil
	}
	return n.items
}

// objects calls each for every item of an array field that is an object.
func (o *object) objects(name string, each func(i int, item *object)) {
	for i, n := range o.list(name) {
		if item := o.d.object(o.path, fmt.Sprintf("%s[%d]", name, i), n); item != nil {
			each(i, item)
			item.done()
		}
	}
}

// strings decodes an array of non-blank, distinct strings.
func (o *object) strings(name string) []string {
	var out []string
	seen := make(map[string]int)
	for i, n := range o.list(name) {
		f := fmt.Sprintf("%s[%d]", name, i)
		switch {
		case n.kind != stringNode:
			o.d.add(o.path, f, network.ErrInvalid, "want a string, got %s", n.show())
		case blank(n.text):
			o.d.add(o.path, f, network.ErrMissing, "%s is blank", n.show())
		default:
			if j, dup := seen[n.text]; dup {
				o.d.add(o.path, f, network.ErrDuplicate, "%s is already %s[%d]", n.show(), name, j)
				continue
			}
			seen[n.text] = i
			out = append(out, n.text)
		}
	}
	return out
}

func (o *object) centreIDs(name string) []network.CentreID {
	var out []network.CentreID
	for _, s := range o.strings(name) {
		out = append(out, network.CentreID(s))
	}
	return out
}

func (o *object) group(name string) typology.Group {
	n := o.get(name)
	if n == nil {
		o.missing(name)
		return 0
	}
	v, ok := o.d.integer(o.path, name, n, 1, 17)
	if !ok {
		return 0
	}
	return typology.Group(v)
}

func (o *object) diseases(name string) []typology.Disease {
	var out []typology.Disease
	seen := make(map[string]int)
	o.objects(name, func(i int, it *object) {
		var dis typology.Disease
		if n := it.get("orpha"); n != nil {
			if v, ok := o.d.integer(it.path, "orpha", n, 1, math.MaxUint32); ok {
				dis.Orpha = typology.ORPHAcode(v)
			}
		}
		dis.Name = it.str("name", true)
		if n := it.get("prevalence"); n != nil {
			if n.kind != stringNode || dis.Prevalence.UnmarshalText([]byte(n.text)) != nil {
				var names []string
				for p := range typology.Prevalences() {
					names = append(names, p.String())
				}
				it.invalid("prevalence", "%s is not a prevalence class (one of %s, unknown)", n.show(), strings.Join(names, ", "))
			}
		}
		if dis.Name == "" {
			return
		}
		k := dis.Key()
		if j, dup := seen[k]; dup {
			o.d.add(o.path, fmt.Sprintf("%s[%d]", name, i), network.ErrDuplicate, "%s is already %s[%d]", k, name, j)
			return
		}
		seen[k] = i
		out = append(out, dis)
	})
	return out
}

// maxCount and maxKm bound counts and distances: generous, but they keep
// absurd values out.
const (
	maxCount = 1_000_000_000
	maxKm    = 20_000
	maxYears = 80
)

func (d *decoder) file(root *node) (File, bool) {
	o := d.object("", "", root)
	if o == nil {
		return File{}, false
	}
	switch n := o.get("format"); {
	case n == nil:
		o.missing("format")
		return File{}, false
	case n.kind != stringNode || n.text != FormatVersion:
		o.invalid("format", "%s is not %q", n.show(), FormatVersion)
		return File{}, false
	}
	var f File
	f.Applicant = network.CentreID(o.str("applicant", true))
	f.Name = o.str("name", false)
	f.Team = network.TeamID(o.str("team", true))
	f.Group = o.group("group")
	f.Diseases = o.diseases("diseases")
	f.Reference = o.centreIDs("reference")
	f.Transmitted = o.date("transmitted", true)
	if s := o.sub("centre"); s != nil {
		f.Centre = d.description(s)
		s.done()
	}
	if s := o.sub("platform"); s != nil {
		f.Platform = d.platform(s)
		s.done()
	}
	if s := o.sub("care"); s != nil {
		f.Care = d.care(s)
		s.done()
	}
	if s := o.sub("local"); s != nil {
		f.Local.Project = s.str("project", false)
		s.objects("actions", func(_ int, it *object) {
			f.Local.Actions = append(f.Local.Actions, Action{
				Partner:     Partner(it.enum("partner", partners)),
				Description: it.str("description", true),
			})
		})
		s.done()
	}
	if s := o.sub("plan"); s != nil {
		s.objects("goals", func(_ int, it *object) {
			f.Plan.Goals = append(f.Plan.Goals, Goal{
				Year:        it.integer("year", network.MinActivityYear, network.MaxActivityYear),
				Description: it.str("description", true),
			})
		})
		f.Plan.Approach = s.str("approach", false)
		s.done()
	}
	f.FreeText = o.str("free_text", false)
	f.Signatures = d.signatures(o, "signatures", false)
	o.objects("attachments", func(_ int, it *object) {
		a := Attachment{Kind: AttachmentKind(it.enum("kind", attachmentKinds))}
		if a.Kind == CV {
			a.Of = it.str("of", true)
		} else {
			it.forbid("of", "only a CV names the role whose CV it is")
		}
		a.Date = it.date("date", a.Kind.dated())
		a.Ref = it.str("ref", false)
		f.Attachments = append(f.Attachments, a)
	})
	if s := o.sub("convention"); s != nil {
		c := d.convention(s)
		s.done()
		f.Convention = &c
	}
	o.done()
	return f, true
}

func (d *decoder) physician(it *object) Physician {
	return Physician{
		Role:       it.str("role", true),
		Specialty:  it.str("specialty", true),
		Status:     it.str("status", true),
		Experience: it.str("experience", true),
	}
}

func (d *decoder) description(s *object) Description {
	var c Description
	roles := make(map[string]string)
	role := func(p Physician, where *object) {
		if p.Role == "" {
			return
		}
		if other, dup := roles[p.Role]; dup {
			d.add(where.path, "role", network.ErrDuplicate, "%s is already the role of %s", quote(p.Role), other)
			return
		}
		roles[p.Role] = where.path
	}
	if r := s.sub("responsible"); r != nil {
		c.Responsible = d.physician(r)
		role(c.Responsible, r)
		r.done()
	}
	s.objects("physicians", func(_ int, it *object) {
		p := d.physician(it)
		role(p, it)
		c.Physicians = append(c.Physicians, p)
	})
	years := make(map[int]int)
	s.objects("activity", func(i int, it *object) {
		a := network.Activity{
			Year:          it.integer("year", network.MinActivityYear, network.MaxActivityYear),
			Consultations: it.integer("consultations", 0, maxCount),
			Patients:      it.integer("patients", 0, maxCount),
			NewPatients:   it.integer("new_patients", 0, maxCount),
		}
		if a.Year != 0 {
			if j, dup := years[a.Year]; dup {
				d.add(it.path, "year", network.ErrDuplicate, "%d is already the year of activity[%d]", a.Year, j)
				return
			}
			years[a.Year] = i
		}
		c.Activity = append(c.Activity, a)
	})
	c.Pathology = s.str("pathology", false)
	if a := s.sub("catchment"); a != nil {
		if n := a.get("scope"); n == nil {
			a.missing("scope")
		} else if n.kind != stringNode || (n.text != "regional" && n.text != "interregional") {
			a.invalid("scope", "%s is not a catchment scope (regional or interregional)", n.show())
		} else {
			_ = c.Catchment.Scope.UnmarshalText([]byte(n.text))
		}
		c.Catchment.FarthestKm = a.integer("farthest_km", 0, maxKm)
		c.Catchment.Description = a.str("description", false)
		a.done()
	}
	return c
}

func (d *decoder) staff(it *object) Staff {
	return Staff{
		Role:           it.str("role", true),
		Status:         it.str("status", true),
		Specialty:      it.str("specialty", true),
		TimePercent:    it.integer("time_percent", 0, 100),
		SeniorityYears: it.integer("seniority_years", 0, maxYears),
		Experience:     it.str("experience", false),
	}
}

func (d *decoder) platform(s *object) Platform {
	var p Platform
	if t := s.sub("technical"); t != nil {
		p.Technical = Technical{
			Kind:       PlatformKind(t.enum("kind", platformKinds)),
			Components: t.str("components", true),
			Operation:  Operation(t.enum("operation", operations)),
			Laboratory: t.str("laboratory", false),
		}
		if p.Technical.Operation == Networked {
			if n := t.sub("partner"); n == nil {
				t.missing("partner")
			} else {
				p.Technical.Partner = NetworkPartner{
					Hospital:      n.str("hospital", true),
					DistanceKm:    n.integer("distance_km", 0, maxKm),
					Collaboration: n.str("collaboration", true),
				}
				n.done()
			}
		} else {
			t.forbid("partner", `only a platform in network with another hospital ("operation": "network") names its partner`)
		}
		t.done()
	}
	if t := s.sub("difficulties"); t != nil {
		p.Difficulties.Description = t.str("description", true)
		t.objects("solutions", func(_ int, it *object) {
			p.Difficulties.Solutions = append(p.Difficulties.Solutions, Solution{
				Action:  it.str("action", true),
				Due:     it.date("due", false),
				Partner: it.str("partner", false),
			})
		})
		t.done()
	}
	s.objects("medical", func(_ int, it *object) { p.Medical = append(p.Medical, d.staff(it)) })
	if t := s.sub("paramedical_coordinator"); t != nil {
		p.ParamedicalCoordinator = d.staff(t)
		t.done()
	}
	s.objects("paramedical", func(_ int, it *object) { p.Paramedical = append(p.Paramedical, d.staff(it)) })
	s.objects("correspondents", func(_ int, it *object) {
		c := Correspondent{
			Kind:      CorrespondentKind(it.enum("kind", correspondentKinds)),
			Site:      Site(it.enum("site", sites)),
			Specialty: it.str("specialty", true),
		}
		// The status of physicians is asked for; paramedical staff may
		// give one.
		c.Status = it.str("status", c.Kind == Medical)
		c.Count = it.integer("count", 1, maxCount)
		if c.Site == OtherHospital {
			c.Hospital = it.str("hospital", false)
		} else {
			it.forbid("hospital", "only a correspondent in another hospital names it")
		}
		p.Correspondents = append(p.Correspondents, c)
	})
	if t := s.sub("cooperation"); t != nil {
		c := &Cooperation{
			MultidisciplinaryConsultations: t.boolean("multidisciplinary_consultations"),
			JointDayHospitals:              t.boolean("joint_day_hospitals"),
			SharedRecords:                  t.boolean("shared_records"),
			Other:                          t.str("other", false),
		}
		if m := t.sub("concertation_meetings"); m != nil {
			c.Meetings = Meetings{Type: m.str("type", true), PerYear: m.integer("per_year", 1, 366)}
			m.done()
		}
		t.done()
		p.Cooperation = c
	}
	return p
}

func (d *decoder) care(s *object) Care {
	var c Care
	s.objects("publications", func(_ int, it *object) {
		c.Publications = append(c.Publications, Publication{
			Year:  it.integer("year", network.MinActivityYear, network.MaxActivityYear),
			Type:  PublicationType(it.enum("type", publicationTypes)),
			Reach: Reach(it.enum("reach", reaches)),
			Ref:   it.str("ref", true),
		})
	})
	if t := s.sub("diagnosis"); t != nil {
		c.Diagnosis = Diagnosis{
			Procedures:         t.str("procedures", true),
			GeneticCounselling: t.str("genetic_counselling", false),
			Announcement:       t.str("announcement", true),
			Assessment:         t.str("assessment", true),
			Feedback:           t.str("feedback", true),
		}
		t.done()
	}
	s.objects("objectives", func(_ int, it *object) {
		c.Objectives = append(c.Objectives, Objective{
			Topic:       Topic(it.enum("topic", topics)),
			Description: it.str("description", true),
			Due:         it.date("due", true),
		})
	})
	if t := s.sub("implementation"); t != nil {
		c.Implementation = Implementation{
			Protocols:    t.str("protocols", true),
			Training:     t.str("training", true),
			Research:     t.str("research", true),
			Surveillance: t.str("surveillance", true),
		}
		t.done()
	}
	return c
}

// signatures decodes a list of signatures; in a convention only
// coordinators and the responsible physician sign.
func (d *decoder) signatures(o *object, name string, convention bool) []Signature {
	var out []Signature
	o.objects(name, func(_ int, it *object) {
		s := Signature{Role: SignatoryRole(it.enum("role", signatoryRoles))}
		if convention && s.Role.IsValid() && s.Role != Coordinator && s.Role != Responsible {
			it.invalid("role", "%q does not sign the convention (coordinator or responsible)", s.Role.String())
		}
		if s.Role.hasReference() {
			s.Reference = network.CentreID(it.str("reference", true))
		} else {
			it.forbid("reference", "only a coordinator or a hospital director signs for a reference centre")
		}
		s.Date = it.date("date", true)
		out = append(out, s)
	})
	return out
}

func (d *decoder) convention(s *object) Convention {
	var c Convention
	c.Reference = s.centreIDs("reference")
	if len(c.Reference) == 0 {
		if n := s.get("reference"); n == nil || (n.kind == arrayNode && len(n.items) == 0) {
			s.d.add(s.path, "reference", network.ErrMissing, "no reference centre (at least one is a party)")
		}
	}
	c.Competence = network.CentreID(s.str("competence", true))
	c.Group = s.group("group")
	c.Diseases = s.diseases("diseases")
	if m := s.sub("missions"); m != nil {
		c.Missions = Missions{
			GlobalCare:   m.str("global_care", false),
			LocalCare:    m.str("local_care", false),
			Knowledge:    m.str("knowledge", false),
			Coordination: m.str("coordination", false),
			Authorities:  m.str("authorities", false),
		}
		m.done()
	}
	if m := s.sub("reference_commitments"); m != nil {
		c.ReferenceCommitments = &ReferenceCommitments{
			RegistryAccess:    m.boolean("registry_access"),
			WebsiteAccess:     m.boolean("website_access"),
			FirstPrescription: m.boolean("first_prescription"),
			Recourse:          m.boolean("recourse"),
			Protocols:         m.boolean("protocols"),
			Research:          m.boolean("research"),
		}
		m.done()
	}
	if m := s.sub("competence_commitments"); m != nil {
		cc := &CompetenceCommitments{
			Training:        m.boolean("training"),
			AnnualMeetings:  m.boolean("annual_meetings"),
			RegistryRecords: m.boolean("registry_records"),
		}
		if m.get("prescribers") == nil {
			m.missing("prescribers")
		}
		cc.Prescribers = m.strings("prescribers")
		cc.FollowUpVisits = m.integer("follow_up_visits", 0, 366)
		cc.PhoneAnswers = m.boolean("phone_answers")
		cc.AssociationMeeting = m.boolean("association_meeting")
		cc.PractitionerMeetings = m.integer("practitioner_meetings", 0, 366)
		cc.Interlocutor = m.boolean("interlocutor")
		m.done()
		c.CompetenceCommitments = cc
	}
	c.Adaptations = s.str("adaptations", false)
	c.Evaluation = s.str("evaluation", false)
	c.Start = s.date("start", true)
	c.Signatures = d.signatures(s, "signatures", true)
	return c
}
