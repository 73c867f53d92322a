package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// Encode writes f to w as an application file document (format
// [FormatVersion]), indented, with its fields in the order of the package
// documentation. Parts that are zero are left out, so decoding the output
// gives back f, up to the difference between nil and empty slices.
//
// Encode checks its output by decoding it: when f would not decode (a
// required field left empty, a value out of range), it writes nothing and
// returns the decoding errors, *[FieldError]s naming the document's fields;
// a string that is not valid UTF-8 is such an error too.
// An invalid enumeration value or group gives an error that wraps
// [network.ErrInvalid] or [typology.ErrInvalid].
func Encode(w io.Writer, f File) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	doc := toJSON(f)
	// encoding/json would replace invalid UTF-8 with U+FFFD: an ID would
	// change without a word.
	if errs := invalidText(reflect.ValueOf(doc), "", ""); len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("dossier: encode: %w", err)
	}
	if _, err := Decode(bytes.NewReader(buf.Bytes())); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// invalidText returns a *FieldError for each string of v, a value of the
// j* types, that is not valid UTF-8; path and field locate v as decoding
// errors do.
func invalidText(v reflect.Value, path, field string) []error {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return []error{&FieldError{Path: path, Field: field, Msg: quote(v.String()) + " is not valid text: invalid UTF-8", Err: network.ErrInvalid}}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return invalidText(v.Elem(), path, field)
		}
	case reflect.Slice:
		var errs []error
		for i := range v.Len() {
			errs = append(errs, invalidText(v.Index(i), path, fmt.Sprintf("%s[%d]", field, i))...)
		}
		return errs
	case reflect.Struct:
		var errs []error
		inner := join(path, field)
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			errs = append(errs, invalidText(v.Field(i), inner, name)...)
		}
		return errs
	}
	return nil
}

// The j* types mirror the document; their field order is the format's.

type jFile struct {
	Format      string             `json:"format"`
	Applicant   network.CentreID   `json:"applicant"`
	Name        string             `json:"name,omitempty"`
	Team        network.TeamID     `json:"team"`
	Group       typology.Group     `json:"group"`
	Diseases    []jDisease         `json:"diseases,omitempty"`
	Reference   []network.CentreID `json:"reference,omitempty"`
	Transmitted labelling.Date     `json:"transmitted"`
	Centre      *jCentre           `json:"centre,omitempty"`
	Platform    *jPlatform         `json:"platform,omitempty"`
	Care        *jCare             `json:"care,omitempty"`
	Local       *jLocal            `json:"local,omitempty"`
	Plan        *jPlan             `json:"plan,omitempty"`
	FreeText    string             `json:"free_text,omitempty"`
	Signatures  []jSignature       `json:"signatures,omitempty"`
	Attachments []jAttachment      `json:"attachments,omitempty"`
	Convention  *jConvention       `json:"convention,omitempty"`
}

type jDisease struct {
	Orpha      typology.ORPHAcode  `json:"orpha,omitzero"`
	Name       string              `json:"name"`
	Prevalence typology.Prevalence `json:"prevalence,omitzero"`
}

type jPhysician struct {
	Role       string `json:"role"`
	Specialty  string `json:"specialty"`
	Status     string `json:"status"`
	Experience string `json:"experience"`
}

type jActivity struct {
	Year          int `json:"year"`
	Consultations int `json:"consultations"`
	Patients      int `json:"patients"`
	NewPatients   int `json:"new_patients"`
}

type jCatchment struct {
	Scope       typology.Scope `json:"scope"`
	FarthestKm  int            `json:"farthest_km"`
	Description string         `json:"description,omitempty"`
}

type jCentre struct {
	Responsible *jPhysician  `json:"responsible,omitempty"`
	Physicians  []jPhysician `json:"physicians,omitempty"`
	Activity    []jActivity  `json:"activity,omitempty"`
	Pathology   string       `json:"pathology,omitempty"`
	Catchment   *jCatchment  `json:"catchment,omitempty"`
}

type jPartner struct {
	Hospital      string `json:"hospital"`
	DistanceKm    int    `json:"distance_km"`
	Collaboration string `json:"collaboration"`
}

type jTechnical struct {
	Kind       PlatformKind `json:"kind"`
	Components string       `json:"components"`
	Operation  Operation    `json:"operation"`
	Partner    *jPartner    `json:"partner,omitempty"`
	Laboratory string       `json:"laboratory,omitempty"`
}

type jSolution struct {
	Action  string         `json:"action"`
	Due     labelling.Date `json:"due,omitzero"`
	Partner string         `json:"partner,omitempty"`
}

type jDifficulties struct {
	Description string      `json:"description"`
	Solutions   []jSolution `json:"solutions,omitempty"`
}

type jStaff struct {
	Role           string `json:"role"`
	Status         string `json:"status"`
	Specialty      string `json:"specialty"`
	TimePercent    int    `json:"time_percent"`
	SeniorityYears int    `json:"seniority_years"`
	Experience     string `json:"experience,omitempty"`
}

type jCorrespondent struct {
	Kind      CorrespondentKind `json:"kind"`
	Site      Site              `json:"site"`
	Specialty string            `json:"specialty"`
	Status    string            `json:"status,omitempty"`
	Count     int               `json:"count"`
	Hospital  string            `json:"hospital,omitempty"`
}

type jMeetings struct {
	Type    string `json:"type"`
	PerYear int    `json:"per_year"`
}

type jCooperation struct {
	MultidisciplinaryConsultations bool       `json:"multidisciplinary_consultations"`
	JointDayHospitals              bool       `json:"joint_day_hospitals"`
	SharedRecords                  bool       `json:"shared_records"`
	Meetings                       *jMeetings `json:"concertation_meetings,omitempty"`
	Other                          string     `json:"other,omitempty"`
}

type jPlatform struct {
	Technical              *jTechnical      `json:"technical,omitempty"`
	Difficulties           *jDifficulties   `json:"difficulties,omitempty"`
	Medical                []jStaff         `json:"medical,omitempty"`
	ParamedicalCoordinator *jStaff          `json:"paramedical_coordinator,omitempty"`
	Paramedical            []jStaff         `json:"paramedical,omitempty"`
	Correspondents         []jCorrespondent `json:"correspondents,omitempty"`
	Cooperation            *jCooperation    `json:"cooperation,omitempty"`
}

type jPublication struct {
	Year  int             `json:"year"`
	Type  PublicationType `json:"type"`
	Reach Reach           `json:"reach"`
	Ref   string          `json:"ref"`
}

type jDiagnosis struct {
	Procedures         string `json:"procedures"`
	GeneticCounselling string `json:"genetic_counselling,omitempty"`
	Announcement       string `json:"announcement"`
	Assessment         string `json:"assessment"`
	Feedback           string `json:"feedback"`
}

type jObjective struct {
	Topic       Topic          `json:"topic"`
	Description string         `json:"description"`
	Due         labelling.Date `json:"due"`
}

type jImplementation struct {
	Protocols    string `json:"protocols"`
	Training     string `json:"training"`
	Research     string `json:"research"`
	Surveillance string `json:"surveillance"`
}

type jCare struct {
	Publications   []jPublication   `json:"publications,omitempty"`
	Diagnosis      *jDiagnosis      `json:"diagnosis,omitempty"`
	Objectives     []jObjective     `json:"objectives,omitempty"`
	Implementation *jImplementation `json:"implementation,omitempty"`
}

type jAction struct {
	Partner     Partner `json:"partner"`
	Description string  `json:"description"`
}

type jLocal struct {
	Project string    `json:"project,omitempty"`
	Actions []jAction `json:"actions,omitempty"`
}

type jGoal struct {
	Year        int    `json:"year"`
	Description string `json:"description"`
}

type jPlan struct {
	Goals    []jGoal `json:"goals,omitempty"`
	Approach string  `json:"approach,omitempty"`
}

type jSignature struct {
	Role      SignatoryRole    `json:"role"`
	Reference network.CentreID `json:"reference,omitempty"`
	Date      labelling.Date   `json:"date"`
}

type jAttachment struct {
	Kind AttachmentKind `json:"kind"`
	Of   string         `json:"of,omitempty"`
	Date labelling.Date `json:"date,omitzero"`
	Ref  string         `json:"ref,omitempty"`
}

type jMissions struct {
	GlobalCare   string `json:"global_care,omitempty"`
	LocalCare    string `json:"local_care,omitempty"`
	Knowledge    string `json:"knowledge,omitempty"`
	Coordination string `json:"coordination,omitempty"`
	Authorities  string `json:"authorities,omitempty"`
}

type jReferenceCommitments struct {
	RegistryAccess    bool `json:"registry_access"`
	WebsiteAccess     bool `json:"website_access"`
	FirstPrescription bool `json:"first_prescription"`
	Recourse          bool `json:"recourse"`
	Protocols         bool `json:"protocols"`
	Research          bool `json:"research"`
}

type jCompetenceCommitments struct {
	Training             bool     `json:"training"`
	AnnualMeetings       bool     `json:"annual_meetings"`
	RegistryRecords      bool     `json:"registry_records"`
	Prescribers          []string `json:"prescribers"`
	FollowUpVisits       int      `json:"follow_up_visits"`
	PhoneAnswers         bool     `json:"phone_answers"`
	AssociationMeeting   bool     `json:"association_meeting"`
	PractitionerMeetings int      `json:"practitioner_meetings"`
	Interlocutor         bool     `json:"interlocutor"`
}

type jConvention struct {
	Reference             []network.CentreID      `json:"reference"`
	Competence            network.CentreID        `json:"competence"`
	Group                 typology.Group          `json:"group"`
	Diseases              []jDisease              `json:"diseases,omitempty"`
	Missions              *jMissions              `json:"missions,omitempty"`
	ReferenceCommitments  *jReferenceCommitments  `json:"reference_commitments,omitempty"`
	CompetenceCommitments *jCompetenceCommitments `json:"competence_commitments,omitempty"`
	Adaptations           string                  `json:"adaptations,omitempty"`
	Evaluation            string                  `json:"evaluation,omitempty"`
	Start                 labelling.Date          `json:"start"`
	Signatures            []jSignature            `json:"signatures,omitempty"`
}

// mapSlice converts a slice, keeping nil for empty.
func mapSlice[T, U any](xs []T, f func(T) U) []U {
	if len(xs) == 0 {
		return nil
	}
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func jDiseases(ds []typology.Disease) []jDisease {
	return mapSlice(ds, func(d typology.Disease) jDisease { return jDisease(d) })
}

func jPhysicianOf(p Physician) jPhysician { return jPhysician(p) }

func jStaffOf(s Staff) jStaff { return jStaff(s) }

func jSignatures(ss []Signature) []jSignature {
	return mapSlice(ss, func(s Signature) jSignature { return jSignature(s) })
}

func toJSON(f File) jFile {
	j := jFile{
		Format:      FormatVersion,
		Applicant:   f.Applicant,
		Name:        f.Name,
		Team:        f.Team,
		Group:       f.Group,
		Diseases:    jDiseases(f.Diseases),
		Reference:   mapSlice(f.Reference, func(id network.CentreID) network.CentreID { return id }),
		Transmitted: f.Transmitted,
		FreeText:    f.FreeText,
		Signatures:  jSignatures(f.Signatures),
		Attachments: mapSlice(f.Attachments, func(a Attachment) jAttachment { return jAttachment(a) }),
	}
	if c := f.Centre; !c.isZero() {
		jc := &jCentre{
			Physicians: mapSlice(c.Physicians, jPhysicianOf),
			Activity:   mapSlice(c.Activity, func(a network.Activity) jActivity { return jActivity(a) }),
			Pathology:  c.Pathology,
		}
		if c.Responsible != (Physician{}) {
			r := jPhysician(c.Responsible)
			jc.Responsible = &r
		}
		if c.Catchment != (Catchment{}) {
			jc.Catchment = &jCatchment{c.Catchment.Scope, c.Catchment.FarthestKm, c.Catchment.Description}
		}
		j.Centre = jc
	}
	if p := f.Platform; !p.isZero() {
		jp := &jPlatform{
			Medical:        mapSlice(p.Medical, jStaffOf),
			Paramedical:    mapSlice(p.Paramedical, jStaffOf),
			Correspondents: mapSlice(p.Correspondents, func(c Correspondent) jCorrespondent { return jCorrespondent(c) }),
		}
		if t := p.Technical; t != (Technical{}) {
			jt := &jTechnical{Kind: t.Kind, Components: t.Components, Operation: t.Operation, Laboratory: t.Laboratory}
			if t.Partner != (NetworkPartner{}) {
				jt.Partner = &jPartner{t.Partner.Hospital, t.Partner.DistanceKm, t.Partner.Collaboration}
			}
			jp.Technical = jt
		}
		if d := p.Difficulties; !d.isZero() {
			jp.Difficulties = &jDifficulties{d.Description, mapSlice(d.Solutions, func(s Solution) jSolution { return jSolution(s) })}
		}
		if p.ParamedicalCoordinator != (Staff{}) {
			s := jStaff(p.ParamedicalCoordinator)
			jp.ParamedicalCoordinator = &s
		}
		if c := p.Cooperation; c != nil {
			jc := &jCooperation{
				MultidisciplinaryConsultations: c.MultidisciplinaryConsultations,
				JointDayHospitals:              c.JointDayHospitals,
				SharedRecords:                  c.SharedRecords,
				Other:                          c.Other,
			}
			if c.Meetings != (Meetings{}) {
				jc.Meetings = &jMeetings{c.Meetings.Type, c.Meetings.PerYear}
			}
			jp.Cooperation = jc
		}
		j.Platform = jp
	}
	if c := f.Care; !c.isZero() {
		jc := &jCare{
			Publications: mapSlice(c.Publications, func(p Publication) jPublication { return jPublication(p) }),
			Objectives:   mapSlice(c.Objectives, func(o Objective) jObjective { return jObjective(o) }),
		}
		if c.Diagnosis != (Diagnosis{}) {
			d := jDiagnosis(c.Diagnosis)
			jc.Diagnosis = &d
		}
		if c.Implementation != (Implementation{}) {
			i := jImplementation(c.Implementation)
			jc.Implementation = &i
		}
		j.Care = jc
	}
	if l := f.Local; !l.isZero() {
		j.Local = &jLocal{l.Project, mapSlice(l.Actions, func(a Action) jAction { return jAction(a) })}
	}
	if p := f.Plan; !p.isZero() {
		j.Plan = &jPlan{mapSlice(p.Goals, func(g Goal) jGoal { return jGoal(g) }), p.Approach}
	}
	if c := f.Convention; c != nil {
		jc := &jConvention{
			Reference:   c.Reference,
			Competence:  c.Competence,
			Group:       c.Group,
			Diseases:    jDiseases(c.Diseases),
			Adaptations: c.Adaptations,
			Evaluation:  c.Evaluation,
			Start:       c.Start,
			Signatures:  jSignatures(c.Signatures),
		}
		if c.Missions != (Missions{}) {
			m := jMissions(c.Missions)
			jc.Missions = &m
		}
		if r := c.ReferenceCommitments; r != nil {
			jr := jReferenceCommitments(*r)
			jc.ReferenceCommitments = &jr
		}
		if k := c.CompetenceCommitments; k != nil {
			jk := jCompetenceCommitments(*k)
			if jk.Prescribers == nil {
				jk.Prescribers = []string{}
			}
			jc.CompetenceCommitments = &jk
		}
		j.Convention = jc
	}
	return j
}

func (c Description) isZero() bool {
	return c.Responsible == (Physician{}) && len(c.Physicians) == 0 && len(c.Activity) == 0 &&
		c.Pathology == "" && c.Catchment == (Catchment{})
}

func (p Platform) isZero() bool {
	return p.Technical == (Technical{}) && p.Difficulties.isZero() && len(p.Medical) == 0 &&
		p.ParamedicalCoordinator == (Staff{}) && len(p.Paramedical) == 0 &&
		len(p.Correspondents) == 0 && p.Cooperation == nil
}

func (d Difficulties) isZero() bool { return d.Description == "" && len(d.Solutions) == 0 }

func (c Care) isZero() bool {
	return len(c.Publications) == 0 && c.Diagnosis == (Diagnosis{}) && len(c.Objectives) == 0 &&
		c.Implementation == (Implementation{})
}

func (l Local) isZero() bool { return l.Project == "" && len(l.Actions) == 0 }

func (p Plan) isZero() bool { return len(p.Goals) == 0 && p.Approach == "" }
