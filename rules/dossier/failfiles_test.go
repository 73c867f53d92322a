package dossier_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/typology"
)

var update = flag.Bool("update", false, "rewrite testdata/fail/*.json from failFiles")

// testNetwork decodes testdata/network.json: the two reference centres of
// complete.json, in force on its transmission day, and distractors that
// must not trigger a cross-check.
func testNetwork(t testing.TB) *network.Network {
	t.Helper()
	fh, err := os.Open("testdata/network.json")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	n, err := network.Decode(fh)
	if err != nil {
		t.Fatalf("network.Decode(testdata/network.json) = %v", err)
	}
	return n
}

func TestCompleteFilePassesAgainstNetworkDocument(t *testing.T) {
	if got := dossier.Check(complete(t), testNetwork(t)); len(got) != 0 {
		t.Errorf("Check(complete.json, network.json) = %v, want none", got)
	}
}

func setSignatureDate(ss []dossier.Signature, r dossier.SignatoryRole, d string) []dossier.Signature {
	ss = slices.Clone(ss)
	for i := range ss {
		if ss[i].Role == r {
			ss[i].Date = day(d)
		}
	}
	return ss
}

// failFiles are the documents of testdata/fail: complete.json broken so
// that each check fails, one file per check, cross-checked against
// testdata/network.json where the check needs a network. They are
// written by go test -update and serve as examples for examples/dossier.
var failFiles = []struct {
	rule    string
	source  string
	network bool
	edit    func(f *dossier.File)
	want    []dossier.Part
}{
	{dossier.SectionMissing, "cahier des charges 1.1 and 5", false,
		func(f *dossier.File) { f.Centre.Responsible, f.Plan = dossier.Physician{}, dossier.Plan{} },
		[]dossier.Part{{dossier.SectionMissing, "1.1/responsible"}, {dossier.SectionMissing, "5"}}},
	{dossier.AttachmentMissing, "annexes à joindre 1) and 3)", false,
		func(f *dossier.File) {
			f.Attachments = slices.DeleteFunc(slices.Clone(f.Attachments), func(a dossier.Attachment) bool {
				return a.Kind == dossier.CMEOpinion || a.Of == "paediatric ophthalmologist"
			})
		},
		[]dossier.Part{{dossier.AttachmentMissing, "cv/paediatric ophthalmologist"}, {dossier.AttachmentMissing, "cme-opinion"}}},
	{dossier.SignatureMissing, "cahier des charges, signatures", false,
		func(f *dossier.File) { f.Signatures = dropSignature(f.Signatures, dossier.DivisionHead, "") },
		[]dossier.Part{{dossier.SignatureMissing, "file/division-head"}}},
	{dossier.CoordinatorSignatureMissing, "étape n°3", false,
		func(f *dossier.File) { f.Signatures = dropSignature(f.Signatures, dossier.Coordinator, surdites) },
		[]dossier.Part{{dossier.CoordinatorSignatureMissing, "file/" + string(surdites)}}},
	{dossier.SignatureAfterTransmission, "étape n°3", false,
		func(f *dossier.File) {
			f.Signatures = setSignatureDate(f.Signatures, dossier.EstablishmentHead, "2007-11-02")
		},
		[]dossier.Part{{dossier.SignatureAfterTransmission, "file/establishment-head/"}}},
	{dossier.AttachmentAfterTransmission, "étape n°3", false,
		func(f *dossier.File) {
			f.Attachments = setAttachmentDate(f.Attachments, dossier.BoardDeliberation, "2007-11-05")
		},
		[]dossier.Part{{dossier.AttachmentAfterTransmission, "board-deliberation"}}},
	{dossier.ActivityYears, "cahier des charges 1.2", false,
		func(f *dossier.File) { f.Transmitted = day("2008-01-15") },
		[]dossier.Part{{dossier.ActivityYears, "extra/2004"}, {dossier.ActivityYears, "missing/2007"}}},
	{dossier.ActivityInconsistent, "cahier des charges 1.2", false,
		func(f *dossier.File) {
			f.Centre.Activity = slices.Clone(f.Centre.Activity)
			f.Centre.Activity[1].NewPatients = 250
		},
		[]dossier.Part{{dossier.ActivityInconsistent, "2005/new"}}},
	{dossier.ConventionGroupMismatch, "convention-type article 1", false,
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Group = typology.Neurological })
		},
		[]dossier.Part{{dossier.ConventionGroupMismatch, "group"}}},
	{dossier.ConventionPartiesMismatch, "convention-type article 1", false,
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) { c.Competence = "ccmr-autre-exemple" })
		},
		[]dossier.Part{{dossier.ConventionPartiesMismatch, "competence"}}},
	{dossier.CommitmentMissing, "convention-type article 4", false,
		func(f *dossier.File) {
			editConvention(f, func(c *dossier.Convention) {
				k := *c.CompetenceCommitments
				k.FollowUpVisits, k.PractitionerMeetings = 0, 1
				c.CompetenceCommitments = &k
			})
		},
		[]dossier.Part{{dossier.CommitmentMissing, "4/follow-up-visits"}, {dossier.CommitmentMissing, "4/practitioner-meetings"}}},
	{dossier.ReferenceNotLabelled, "étape n°3", true,
		func(f *dossier.File) {
			const old = "crmr-ancien-exemple"
			f.Reference = append(slices.Clone(f.Reference), old)
			f.Signatures = append(slices.Clone(f.Signatures),
				dossier.Signature{Role: dossier.Coordinator, Reference: old, Date: day("2007-10-09")},
				dossier.Signature{Role: dossier.HospitalDirector, Reference: old, Date: day("2007-10-12")})
			editConvention(f, func(c *dossier.Convention) {
				c.Reference = f.Reference
				c.Signatures = append(slices.Clone(c.Signatures), dossier.Signature{Role: dossier.Coordinator, Reference: old, Date: day("2007-10-09")})
			})
		},
		[]dossier.Part{{dossier.ReferenceNotLabelled, "crmr-ancien-exemple"}}},
	{dossier.TeamAlreadyLabelled, "étape n°1", true,
		func(f *dossier.File) {
			f.Diseases = nil
			editConvention(f, func(c *dossier.Convention) { c.Diseases = nil })
		},
		[]dossier.Part{{dossier.TeamAlreadyLabelled, "ccmr-surdite-exemple"}}},
}

func failPath(rule string) string {
	return filepath.Join("testdata", "fail", strings.TrimPrefix(rule, "dossier.")+".json")
}

func TestFailFiles(t *testing.T) {
	n := testNetwork(t)
	seen := map[string]bool{}
	for _, tc := range failFiles {
		seen[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			path := failPath(tc.rule)
			f := complete(t)
			tc.edit(&f)
			var want bytes.Buffer
			if err := dossier.Encode(&want, f); err != nil {
				t.Fatalf("Encode(%s) = %v", path, err)
			}
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, want.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(data, want.Bytes()) {
				t.Errorf("%s is stale: run go test -update", path)
			}
			got, err := dossier.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Decode(%s) = %v", path, err)
			}
			var net *network.Network
			if tc.network {
				net = n
			}
			if diff := cmp.Diff(tc.want, dossier.CheckParts(got, net)); diff != "" {
				t.Errorf("CheckParts(%s) [%s] mismatch (-want +got):\n%s", path, tc.source, diff)
			}
			if tc.network {
				if parts := dossier.CheckParts(got, nil); len(parts) != 0 {
					t.Errorf("CheckParts(%s, nil) = %v, want none without the network", path, parts)
				}
			}
		})
	}
	for _, r := range dossier.Rules() {
		if !seen[r.ID] {
			t.Errorf("no file of testdata/fail fails %s", r.ID)
		}
	}
}
