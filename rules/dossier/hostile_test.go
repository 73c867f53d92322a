package dossier_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules/dossier"
)

// The regression tests of this file replay what a hostile or careless
// application file did before the look-ups became maps, the numbers in
// errors were cut and invalid text was refused.

// large returns the complete file with k reference centres, each with the
// coordinator's and the hospital director's signatures (in the file and
// in the convention), and k more physicians, each with a CV.
func large(t testing.TB, k int) dossier.File {
	f := complete(t)
	refs := make([]network.CentreID, k)
	for i := range refs {
		refs[i] = network.CentreID(fmt.Sprintf("crmr-%06d", i))
	}
	keep := func(ss []dossier.Signature) []dossier.Signature {
		var out []dossier.Signature
		for _, s := range ss {
			if s.Reference == "" {
				out = append(out, s)
			}
		}
		return out
	}
	f.Reference = refs
	f.Signatures = keep(f.Signatures)
	f.Convention.Reference = refs
	f.Convention.Signatures = keep(f.Convention.Signatures)
	date := f.Signatures[0].Date
	for _, r := range refs {
		f.Signatures = append(f.Signatures,
			dossier.Signature{Role: dossier.Coordinator, Reference: r, Date: date},
			dossier.Signature{Role: dossier.HospitalDirector, Reference: r, Date: date})
		f.Convention.Signatures = append(f.Convention.Signatures, dossier.Signature{Role: dossier.Coordinator, Reference: r, Date: date})
	}
	p := f.Centre.Physicians[0]
	for i := range k {
		p.Role = fmt.Sprintf("physician %06d", i)
		f.Centre.Physicians = append(f.Centre.Physicians, p)
		f.Attachments = append(f.Attachments, dossier.Attachment{Kind: dossier.CV, Of: p.Role})
	}
	return f
}

// TestLargeFile is row 13 of the hostile-input table: 40,000 reference
// centres with their signatures and 40,000 physicians with their CVs took
// 39 s and 4.8 s when every look-up scanned a list. Complete, the file
// has no finding; without one CV and one signature, exactly those two.
func TestLargeFile(t *testing.T) {
	k := 40_000
	if testing.Short() {
		k = 4_000
	}
	f := large(t, k)
	if got := dossier.Check(f, nil); len(got) != 0 {
		t.Fatalf("Check(%d references and physicians) = %d findings, want none; first: %v", k, len(got), got[0])
	}
	f.Attachments = f.Attachments[:len(f.Attachments)-1]
	f.Signatures = f.Signatures[:len(f.Signatures)-1]
	var rules []string
	for _, x := range dossier.Check(f, nil) {
		rules = append(rules, x.Rule)
	}
	want := []string{dossier.AttachmentMissing, dossier.SignatureMissing}
	if fmt.Sprint(rules) != fmt.Sprint(want) {
		t.Errorf("Check(one CV and one signature less) = %v, want %v", rules, want)
	}
}

// TestConventionPartiesBounded: a message lists at most a few parties.
func TestConventionPartiesBounded(t *testing.T) {
	f := large(t, 1000)
	f.Convention.Reference = f.Convention.Reference[1:]
	for _, x := range dossier.Check(f, nil) {
		if x.Rule == dossier.ConventionPartiesMismatch && (len(x.Message) > 600 || !strings.Contains(x.Message, "(999 in all)")) {
			t.Errorf("Check() message of %d bytes, want a bounded list ending (999 in all): %.300s", len(x.Message), x.Message)
		}
	}
}

func BenchmarkCheckLarge(b *testing.B) {
	for _, k := range []int{1_000, 10_000} {
		f := large(b, k)
		b.Run(fmt.Sprint(k), func(b *testing.B) {
			for b.Loop() {
				dossier.Check(f, nil)
			}
		})
	}
}

// TestLongValuesCut is row 14: a 20 MB run of digits as farthest_km
// gave a 20 MB error line. Every value an error quotes is cut to 60
// characters and "...".
func TestLongValuesCut(t *testing.T) {
	long := strings.Repeat("9", 1<<20)
	for _, doc := range []string{
		minimal + `, "centre": {"catchment": {"scope": "regional", "farthest_km": ` + long + `}}}`,
		minimal + `, "centre": {"catchment": {"scope": "regional", "farthest_km": -` + long + `}}}`,
		minimal + `, "centre": {"catchment": {"scope": "regional", "farthest_km": 1.` + long + `}}}`,
		minimal + `, "centre": {"catchment": {"scope": "regional", "farthest_km": "` + long + `"}}}`,
		minimal + `, "centre": {"catchment": {"scope": "` + long + `", "farthest_km": 1}}}`,
		minimal + `, "x` + long + `": 1}`,
		minimal + `, "centre": {"responsible": {"role": "` + long + `", "specialty": "s", "status": "PH", "experience": "e"}, "physicians": [{"role": "` + long + `", "specialty": "s", "status": "PH", "experience": "e"}]}}`,
	} {
		_, err := dossier.Decode(strings.NewReader(doc))
		if err == nil {
			t.Errorf("Decode(%.80s...) succeeded", doc)
			continue
		}
		if msg := err.Error(); len(msg) > 400 || !strings.Contains(msg, `999...`) {
			t.Errorf("Decode(%.80s...) error of %d bytes, want under 400 with a value cut: %.400s", doc, len(err.Error()), msg)
		}
	}
}

// TestInvalidTextRefused is row 15: invalid UTF-8 or a lone surrogate in
// a string or an ID was silently replaced by U+FFFD. It is an error that
// names the field; valid text, U+FFFD included, is kept.
func TestInvalidTextRefused(t *testing.T) {
	tests := []struct {
		name, doc   string
		path, field string
	}{
		{"invalid UTF-8 in an ID", strings.Replace(minimal, `"team-x"`, "\"team-\xff\"", 1) + `}`, "", "team"},
		{"a lone low surrogate", strings.Replace(minimal, `"ccmr-x"`, `"ccmr-\udc00"`, 1) + `}`, "", "applicant"},
		{"a lone high surrogate", strings.Replace(minimal, `"ccmr-x"`, `"ccmr-\ud800x"`, 1) + `}`, "", "applicant"},
		{"a high surrogate before an escape", strings.Replace(minimal, `"ccmr-x"`, `"ccmr-\ud800\n"`, 1) + `}`, "", "applicant"},
		{"two high surrogates", strings.Replace(minimal, `"ccmr-x"`, `"\ud800\ud800"`, 1) + `}`, "", "applicant"},
		{"a high surrogate at the end", strings.Replace(minimal, `"ccmr-x"`, `"ccmr-\ud800"`, 1) + `}`, "", "applicant"},
		{"in a list", minimal + ", \"reference\": [\"crmr-a\", \"crmr-\xc3\"]}", "", "reference[1]"},
		{"in a nested text", minimal + ", \"centre\": {\"pathology\": \"ab\xed\xa0\x80\"}}", "centre", "pathology"},
		{"in a key", minimal + ", \"\xff\": 1}", "", ""},
	}
	for _, tc := range tests {
		_, err := dossier.Decode(strings.NewReader(tc.doc))
		var fe *dossier.FieldError
		found := false
		for _, e := range unjoin(err) {
			if errors.As(e, &fe) && errors.Is(e, network.ErrInvalid) && fe.Path == tc.path && fe.Field == tc.field && strings.Contains(fe.Msg, "not valid text") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: Decode() = %v; want an invalid-text error at %q, field %q", tc.name, err, tc.path, tc.field)
		}
	}
	for _, s := range []string{`"ccmr-\ufffd"`, "\"ccmr-\uFFFD\"", `"ccmr-\ud83d\ude00"`, `"ccmr-\\ud800"`, `"\u00e9"`} {
		doc := strings.Replace(minimal, `"ccmr-x"`, s, 1) + `}`
		if _, err := dossier.Decode(strings.NewReader(doc)); err != nil {
			t.Errorf("Decode(applicant %s) = %v, want no error", s, err)
		}
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestEncodeRefusesInvalidText: a File built in Go with invalid UTF-8
// would have been written with U+FFFD in its place; Encode refuses it and
// names the field.
func TestEncodeRefusesInvalidText(t *testing.T) {
	f := complete(t)
	f.Team = "team-\xff"
	f.Centre.Physicians[0].Role = "r\xc3"
	err := dossier.Encode(io.Discard, f)
	var got [][2]string
	for _, e := range unjoin(err) {
		var fe *dossier.FieldError
		if errors.As(e, &fe) && errors.Is(e, network.ErrInvalid) {
			got = append(got, [2]string{fe.Path, fe.Field})
		}
	}
	want := [][2]string{{"", "team"}, {"centre.physicians[0]", "role"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Encode(invalid UTF-8) = %v; want errors at %v", err, want)
	}
}
