package dossier_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/typology"
)

func TestDecodeComplete(t *testing.T) {
	f := complete(t)
	if f.Group != typology.Sensory || f.Transmitted != day("2007-10-30") || f.Applicant != applicant || f.Team != team {
		t.Errorf("Decode(complete.json) header = %v %v %v %v", f.Group, f.Transmitted, f.Applicant, f.Team)
	}
	if len(f.Centre.Activity) != 3 || f.Centre.Activity[0] != (network.Activity{Year: 2004, Consultations: 410, Patients: 180, NewPatients: 32}) {
		t.Errorf("Decode(complete.json) activity = %v", f.Centre.Activity)
	}
	if f.Platform.Technical.Operation != dossier.Networked || f.Platform.Technical.Partner.DistanceKm != 35 {
		t.Errorf("Decode(complete.json) technical = %+v", f.Platform.Technical)
	}
	if c := f.Convention; c == nil || c.CompetenceCommitments.FollowUpVisits != 1 || c.Start != day("2008-02-01") {
		t.Errorf("Decode(complete.json) convention = %+v", c)
	}
}

// Encoding the decoded complete file gives back the document, byte for
// byte: the format's field order is the encoder's.
func TestEncodeComplete(t *testing.T) {
	data, err := os.ReadFile("testdata/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := dossier.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := dossier.Encode(&buf, f); err != nil {
		t.Fatalf("Encode() = %v", err)
	}
	again, err := dossier.Decode(&buf)
	if err != nil {
		t.Fatalf("Decode(Encode()) = %v", err)
	}
	if diff := cmp.Diff(f, again, equateFiles); diff != "" {
		t.Errorf("Decode(Encode(complete)) mismatch (-want +got):\n%s", diff)
	}
}

const minimal = `{"format": "rarenet-dossier/1", "applicant": "ccmr-x", "team": "team-x", "group": 12, "transmitted": "2007-10-30"`

func TestDecodeMinimal(t *testing.T) {
	for _, doc := range []string{
		minimal + `}`,
		minimal + `, "centre": null, "platform": null, "care": null, "local": null, "plan": null, "convention": null, "signatures": null, "attachments": []}`,
		minimal + `, "centre": {}, "platform": {}, "care": {}, "local": {}, "plan": {}}`,
	} {
		f, err := dossier.Decode(strings.NewReader(doc))
		if err != nil {
			t.Errorf("Decode(%s) = %v", doc, err)
			continue
		}
		want := dossier.File{Applicant: "ccmr-x", Team: "team-x", Group: typology.Sensory, Transmitted: day("2007-10-30")}
		if diff := cmp.Diff(want, f, equateFiles); diff != "" {
			t.Errorf("Decode(%s) mismatch (-want +got):\n%s", doc, diff)
		}
		// An empty file is incomplete, not invalid.
		if len(dossier.Check(f, nil)) == 0 {
			t.Errorf("Check(%s) found nothing", doc)
		}
	}
}

// fieldErr is what a test expects of one *FieldError.
type fieldErr struct {
	Path, Field string
	Err         error
}

func fieldErrors(t *testing.T, err error) []fieldErr {
	t.Helper()
	var out []fieldErr
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		fe, ok := errors.AsType[*dossier.FieldError](err)
		if !ok {
			t.Errorf("error %v (%T) is not a *FieldError", err, err)
			return
		}
		var sentinel error
		for _, s := range []error{dossier.ErrSyntax, dossier.ErrUnknownField, network.ErrMissing, network.ErrInvalid, network.ErrDuplicate} {
			if errors.Is(fe, s) {
				sentinel = s
			}
		}
		out = append(out, fieldErr{fe.Path, fe.Field, sentinel})
	}
	walk(err)
	return out
}

var (
	syntax    = dossier.ErrSyntax
	unknown   = dossier.ErrUnknownField
	missing   = network.ErrMissing
	invalid   = network.ErrInvalid
	duplicate = network.ErrDuplicate
)

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []fieldErr
	}{
		{"not JSON", `{"format": `, []fieldErr{{"", "", syntax}}},
		{"trailing data", minimal + `} {}`, []fieldErr{{"", "", syntax}}},
		{"not an object", `[1, 2]`, []fieldErr{{"", "", invalid}}},
		{"too deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), []fieldErr{{strings.Repeat("[0]", 33), "", syntax}}},
		{"no format", `{"applicant": "x", "whatever": 1}`, []fieldErr{{"", "format", missing}}},
		{"a network document", `{"format": "rarenet/1", "establishments": []}`, []fieldErr{{"", "format", invalid}}},
		{"unknown field", minimal + `, "extra": 1}`, []fieldErr{{"", "extra", unknown}}},
		{"a physician's name", minimal + `, "centre": {"responsible": {"role": "r", "specialty": "s", "status": "PH", "experience": "e", "name": "X"}}}`,
			[]fieldErr{{"centre.responsible", "name", unknown}}},
		{"duplicate field", minimal + `, "group": 11}`, []fieldErr{{"", "group", duplicate}}},
		{"missing identity", `{"format": "rarenet-dossier/1"}`,
			[]fieldErr{{"", "applicant", missing}, {"", "team", missing}, {"", "group", missing}, {"", "transmitted", missing}}},
		{"blank applicant", strings.Replace(minimal, `"ccmr-x"`, `"  "`, 1) + `}`, []fieldErr{{"", "applicant", missing}}},
		{"group as a string", strings.Replace(minimal, `12`, `"12"`, 1) + `}`, []fieldErr{{"", "group", invalid}}},
		{"group out of range", strings.Replace(minimal, `12`, `18`, 1) + `}`, []fieldErr{{"", "group", invalid}}},
		{"group as a float", strings.Replace(minimal, `12`, `12.0`, 1) + `}`, []fieldErr{{"", "group", invalid}}},
		{"bad date", strings.Replace(minimal, `2007-10-30`, `2007-13-01`, 1) + `}`, []fieldErr{{"", "transmitted", invalid}}},
		{"reference IDs", minimal + `, "reference": ["a", "a", "", 3]}`,
			[]fieldErr{{"", "reference[1]", duplicate}, {"", "reference[2]", missing}, {"", "reference[3]", invalid}}},
		{"diseases", minimal + `, "diseases": [{"orpha": 0, "name": "x"}, {"name": "y", "prevalence": "rare"}, {"orpha": 5, "name": "z"}, {"orpha": 5, "name": "w"}]}`,
			[]fieldErr{{"diseases[0]", "orpha", invalid}, {"diseases[1]", "prevalence", invalid}, {"", "diseases[3]", duplicate}}},
		{"activity", minimal + `, "centre": {"activity": [{"year": 2005, "consultations": 1, "patients": -1, "new_patients": 0}, {"year": "2005", "consultations": 1, "patients": 1}, {"year": 2005, "consultations": 1, "patients": 1, "new_patients": 0}]}}`,
			[]fieldErr{{"centre.activity[0]", "patients", invalid}, {"centre.activity[1]", "year", invalid}, {"centre.activity[1]", "new_patients", missing}, {"centre.activity[2]", "year", duplicate}}},
		{"duplicate physician role", minimal + `, "centre": {"responsible": {"role": "r", "specialty": "s", "status": "PH", "experience": "e"}, "physicians": [{"role": "r", "specialty": "s", "status": "PH", "experience": "e"}]}}`,
			[]fieldErr{{"centre.physicians[0]", "role", duplicate}}},
		{"national catchment", minimal + `, "centre": {"catchment": {"scope": "national", "farthest_km": 10}}}`,
			[]fieldErr{{"centre.catchment", "scope", invalid}}},
		{"partner of an on-site platform", minimal + `, "platform": {"technical": {"kind": "general", "components": "c", "operation": "on-site", "partner": {"hospital": "h", "distance_km": 1, "collaboration": "c"}}}}`,
			[]fieldErr{{"platform.technical", "partner", invalid}}},
		{"networked platform without partner", minimal + `, "platform": {"technical": {"kind": "polyvalent", "components": "c", "operation": "network"}}}`,
			[]fieldErr{{"platform.technical", "kind", invalid}, {"platform.technical", "partner", missing}}},
		{"correspondents", minimal + `, "platform": {"correspondents": [{"kind": "medical", "site": "same-hospital", "specialty": "s", "count": 0, "hospital": "h"}]}}`,
			[]fieldErr{{"platform.correspondents[0]", "status", missing}, {"platform.correspondents[0]", "count", invalid}, {"platform.correspondents[0]", "hospital", invalid}}},
		{"cooperation", minimal + `, "platform": {"cooperation": {"multidisciplinary_consultations": "yes", "joint_day_hospitals": false}}}`,
			[]fieldErr{{"platform.cooperation", "multidisciplinary_consultations", invalid}, {"platform.cooperation", "shared_records", missing}}},
		{"objective without due date", minimal + `, "care": {"objectives": [{"topic": "strategy", "description": "d"}]}}`,
			[]fieldErr{{"care.objectives[0]", "due", missing}}},
		{"signatures", minimal + `, "signatures": [{"role": "coordinator", "date": "2007-10-01"}, {"role": "responsible", "reference": "crmr", "date": "2007-10-01"}, {"role": "mayor", "date": "2007-10-01"}, {"role": "responsible"}]}`,
			[]fieldErr{{"signatures[0]", "reference", missing}, {"signatures[1]", "reference", invalid}, {"signatures[2]", "role", invalid}, {"signatures[3]", "date", missing}}},
		{"attachments", minimal + `, "attachments": [{"kind": "cme-opinion"}, {"kind": "cv"}, {"kind": "publications", "of": "x"}, {"kind": "convention"}]}`,
			[]fieldErr{{"attachments[0]", "date", missing}, {"attachments[1]", "of", missing}, {"attachments[2]", "of", invalid}, {"attachments[3]", "kind", invalid}}},
		{"convention", minimal + `, "convention": {"reference": [], "competence": "ccmr-x", "group": 12, "signatures": [{"role": "division-head", "date": "2007-10-01"}], "competence_commitments": {"training": true}}}`,
			[]fieldErr{{"convention", "reference", missing},
				{"convention.competence_commitments", "annual_meetings", missing}, {"convention.competence_commitments", "registry_records", missing},
				{"convention.competence_commitments", "prescribers", missing}, {"convention.competence_commitments", "follow_up_visits", missing},
				{"convention.competence_commitments", "phone_answers", missing}, {"convention.competence_commitments", "association_meeting", missing},
				{"convention.competence_commitments", "practitioner_meetings", missing}, {"convention.competence_commitments", "interlocutor", missing},
				{"convention", "start", missing}, {"convention.signatures[0]", "role", invalid}}},
		{"section of the wrong type", minimal + `, "centre": [], "plan": {"goals": {}}}`,
			[]fieldErr{{"", "centre", invalid}, {"plan", "goals", invalid}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := dossier.Decode(strings.NewReader(tc.doc))
			if err == nil {
				t.Fatalf("Decode(%s) = %+v, nil; want errors", tc.doc, f)
			}
			if diff := cmp.Diff(dossier.File{}, f, equateFiles); diff != "" {
				t.Errorf("Decode(%s) returned a file with its error", tc.doc)
			}
			got := fieldErrors(t, err)
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("Decode(%s) errors mismatch (-want +got):\n%s\n%v", tc.doc, diff, err)
			}
		})
	}
}

// Messages name the path and the field and quote the value.
func TestDecodeErrorMessages(t *testing.T) {
	tests := []struct{ doc, want string }{
		{minimal + `, "centre": {"activity": [{"year": 2004, "consultations": 1, "patients": 1, "new_patients": 0}, {"year": "2005", "consultations": 1, "patients": 1, "new_patients": 0}]}}`,
			`centre.activity[1]: year: want an integer, got "2005"`},
		{strings.Replace(minimal, `2007-10-30`, `2007-13-01`, 1) + `}`,
			`transmitted: "2007-13-01" is not a date: `},
		{`{"format": "rarenet/1"}`, `format: "rarenet/1" is not "rarenet-dossier/1"`},
		{minimal + `, "signatures": [{"role": "responsible", "date": "2007-10-01", "nom": "X"}]}`,
			`signatures[0]: nom: unknown field: the format identifies people by role`},
		{minimal + `, "local": {"actions": [{"partner": "town hall", "description": "d"}]}}`,
			`local.actions[0]: partner: "town hall" is not a partner (one of patients, `},
	}
	for _, tc := range tests {
		_, err := dossier.Decode(strings.NewReader(tc.doc))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Decode(%s) = %v, want an error starting %q", tc.doc, err, tc.want)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestDecodeReadError(t *testing.T) {
	if _, err := dossier.Decode(failingReader{}); err == nil || err.Error() != "disk on fire" {
		t.Errorf("Decode(failing reader) = %v, want the reader's error", err)
	}
}

func TestEncodeRefusesInvalid(t *testing.T) {
	f := complete(t)
	f.Centre.Catchment.Scope = typology.National
	f.Platform.Medical = append(f.Platform.Medical, dossier.Staff{Role: "x"})
	var buf bytes.Buffer
	err := dossier.Encode(&buf, f)
	if err == nil || buf.Len() != 0 {
		t.Fatalf("Encode(invalid) = %v, wrote %d bytes; want an error and nothing written", err, buf.Len())
	}
	got := fieldErrors(t, err)
	want := []fieldErr{{"centre.catchment", "scope", invalid},
		{"platform.medical[2]", "status", missing}, {"platform.medical[2]", "specialty", missing}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("Encode(invalid) errors mismatch (-want +got):\n%s", diff)
	}
	if err := dossier.Validate(f); err == nil {
		t.Errorf("Validate(invalid) = nil")
	}
	g := complete(t)
	g.Group = 0
	// Group(0) is written as null, which the check before writing refuses.
	if err := dossier.Encode(&buf, g); !errors.Is(err, network.ErrMissing) {
		t.Errorf("Encode(group 0) = %v, want network.ErrMissing", err)
	}
	g = complete(t)
	g.Transmitted = labelling.Date{}
	if err := dossier.Encode(&buf, g); err == nil {
		t.Errorf("Encode(no transmission date) = nil")
	}
}

func TestEnums(t *testing.T) {
	type enum interface {
		IsValid() bool
		String() string
		MarshalText() ([]byte, error)
	}
	for _, e := range []enum{dossier.PlatformKind(0), dossier.Operation(9), dossier.CorrespondentKind(3), dossier.Site(0),
		dossier.PublicationType(7), dossier.Reach(0), dossier.Topic(5), dossier.Partner(12), dossier.SignatoryRole(0),
		dossier.AttachmentKind(6)} {
		if e.IsValid() {
			t.Errorf("%v.IsValid() = true", e)
		}
		b, err := e.MarshalText()
		if strings.HasSuffix(e.String(), "(0)") {
			// The zero value (not set) marshals as empty text.
			if err != nil || len(b) != 0 {
				t.Errorf("%v.MarshalText() = %q, %v, want empty text", e, b, err)
			}
		} else if !errors.Is(err, network.ErrInvalid) {
			t.Errorf("%v.MarshalText() = %v, want ErrInvalid", e, err)
		}
		if s := e.String(); !strings.Contains(s, "(") {
			t.Errorf("String() of an invalid value = %q, want a diagnostic", s)
		}
	}
	var p dossier.Partner
	if err := p.UnmarshalText([]byte("mdph")); err != nil || p != dossier.MDPH || p.String() != "mdph" {
		t.Errorf("UnmarshalText(mdph) = %v, %v", p, err)
	}
	if err := p.UnmarshalText([]byte("MDPH")); err == nil || p != dossier.MDPH {
		t.Errorf("UnmarshalText(MDPH) = %v, %v; want an error and p unchanged", p, err)
	}
	var r dossier.SignatoryRole
	b, _ := dossier.HospitalDirector.MarshalText()
	if err := r.UnmarshalText(b); err != nil || r != dossier.HospitalDirector {
		t.Errorf("round trip of HospitalDirector = %v, %v", r, err)
	}
}
