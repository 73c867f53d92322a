package dossier_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/dossier"
)

// equateFiles compares files up to nil and empty slices.
var equateFiles = cmp.Options{cmpopts.EquateEmpty(), cmpopts.EquateComparable(labelling.Date{})}

func TestGeneratedFileIsComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFile().Draw(t, "file")
		if err := dossier.Validate(f); err != nil {
			t.Fatalf("Validate(generated) = %v", err)
		}
		if got := dossier.CheckParts(f, nil); len(got) != 0 {
			t.Fatalf("CheckParts(complete, nil) = %v, want none", got)
		}
		n := genNetwork(t, f)
		if got := dossier.CheckParts(f, n); len(got) != 0 {
			t.Fatalf("CheckParts(complete, consistent network) = %v, want none", got)
		}
	})
}

func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFile().Draw(t, "file")
		var buf bytes.Buffer
		if err := dossier.Encode(&buf, f); err != nil {
			t.Fatalf("Encode() = %v", err)
		}
		first := buf.String()
		got, err := dossier.Decode(&buf)
		if err != nil {
			t.Fatalf("Decode(Encode(f)) = %v\n%s", err, first)
		}
		if diff := cmp.Diff(f, got, equateFiles); diff != "" {
			t.Fatalf("Decode(Encode(f)) mismatch (-want +got):\n%s", diff)
		}
		var again bytes.Buffer
		if err := dossier.Encode(&again, got); err != nil {
			t.Fatalf("Encode(Decode(Encode(f))) = %v", err)
		}
		if again.String() != first {
			t.Fatalf("encoding is not stable:\n%s\nthen\n%s", first, again.String())
		}
	})
}

// A removal takes one required part out of a complete file; want is the
// finding it must give, and nothing else.
type removal struct {
	name  string
	apply func(f *dossier.File)
	want  dossier.Part
}

// without returns a copy of s without item i (s itself when there is no
// item i, which happens when removals are chained).
func without[T any](s []T, i int) []T {
	if i >= len(s) {
		return s
	}
	return slices.Delete(slices.Clone(s), i, i+1)
}

func withConvention(f *dossier.File, edit func(c *dossier.Convention)) {
	if f.Convention == nil {
		return
	}
	c := *f.Convention
	edit(&c)
	f.Convention = &c
}

func removals(f dossier.File) []removal {
	sm := func(key string) dossier.Part { return dossier.Part{Rule: dossier.SectionMissing, Key: key} }
	am := func(key string) dossier.Part { return dossier.Part{Rule: dossier.AttachmentMissing, Key: key} }
	rs := []removal{
		{"header reference", func(f *dossier.File) { f.Reference = nil }, sm("header/reference")},
		{"section 1", func(f *dossier.File) { f.Centre = dossier.Description{} }, sm("1")},
		{"1.1 responsible", func(f *dossier.File) { f.Centre.Responsible = dossier.Physician{} }, sm("1.1/responsible")},
		{"1.2 activity", func(f *dossier.File) { f.Centre.Activity = nil }, sm("1.2/activity")},
		{"1.2 pathology", func(f *dossier.File) { f.Centre.Pathology = "" }, sm("1.2/pathology")},
		{"1.3 catchment", func(f *dossier.File) { f.Centre.Catchment = dossier.Catchment{} }, sm("1.3/catchment")},
		{"section 2", func(f *dossier.File) { f.Platform = dossier.Platform{} }, sm("2")},
		{"2.1 technical", func(f *dossier.File) { f.Platform.Technical = dossier.Technical{} }, sm("2.1/technical")},
		{"2.3 medical", func(f *dossier.File) { f.Platform.Medical = nil }, sm("2.3/medical")},
		{"2.3 cooperation", func(f *dossier.File) { f.Platform.Cooperation = nil }, sm("2.3/cooperation")},
		{"section 3", func(f *dossier.File) { f.Care = dossier.Care{} }, sm("3")},
		{"3.1 diagnosis", func(f *dossier.File) { f.Care.Diagnosis = dossier.Diagnosis{} }, sm("3.1/diagnosis")},
		{"3.3 implementation", func(f *dossier.File) { f.Care.Implementation = dossier.Implementation{} }, sm("3.3/implementation")},
		{"section 4", func(f *dossier.File) { f.Local = dossier.Local{} }, sm("4")},
		{"4 project", func(f *dossier.File) { f.Local.Project = "" }, sm("4/project")},
		{"4 actions", func(f *dossier.File) { f.Local.Actions = nil }, sm("4/actions")},
		{"section 5", func(f *dossier.File) { f.Plan = dossier.Plan{} }, sm("5")},
		{"5.1 goals", func(f *dossier.File) { f.Plan.Goals = nil }, sm("5.1/goals")},
		{"5.2 approach", func(f *dossier.File) { f.Plan.Approach = "" }, sm("5.2/approach")},
		{"convention", func(f *dossier.File) { f.Convention = nil }, am("convention")},
		{"convention article 2", func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.Missions = dossier.Missions{} })
		}, sm("convention/2")},
		{"convention 2.3", func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.Missions.Knowledge = "" })
		}, sm("convention/2.3")},
		{"convention article 3", func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.ReferenceCommitments = nil })
		}, sm("convention/3")},
		{"convention article 4", func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.CompetenceCommitments = nil })
		}, sm("convention/4")},
		{"convention article 5", func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.Evaluation = "" })
		}, sm("convention/5")},
	}
	for i, o := range f.Care.Objectives {
		rs = append(rs, removal{"3.2 " + o.Topic.String(), func(f *dossier.File) { f.Care.Objectives = without(f.Care.Objectives, i) }, sm("3.2/" + o.Topic.String())})
	}
	for i, a := range f.Centre.Activity {
		rs = append(rs, removal{fmt.Sprint("activity ", a.Year), func(f *dossier.File) { f.Centre.Activity = without(f.Centre.Activity, i) },
			dossier.Part{Rule: dossier.ActivityYears, Key: fmt.Sprint("missing/", a.Year)}})
	}
	for i, a := range f.Attachments {
		key := a.Kind.String()
		if a.Kind == dossier.CV {
			key += "/" + a.Of
		}
		rs = append(rs, removal{"attachment " + key, func(f *dossier.File) { f.Attachments = without(f.Attachments, i) }, am(key)})
	}
	for i, s := range f.Signatures {
		p := dossier.Part{Rule: dossier.SignatureMissing, Key: "file/" + s.Role.String()}
		switch s.Role {
		case dossier.Coordinator:
			p = dossier.Part{Rule: dossier.CoordinatorSignatureMissing, Key: "file/" + string(s.Reference)}
		case dossier.HospitalDirector:
			p.Key += "/" + string(s.Reference)
		}
		rs = append(rs, removal{"signature " + p.Key, func(f *dossier.File) { f.Signatures = without(f.Signatures, i) }, p})
	}
	for i, s := range f.Convention.Signatures {
		p := dossier.Part{Rule: dossier.SignatureMissing, Key: "convention/responsible"}
		if s.Role == dossier.Coordinator {
			p = dossier.Part{Rule: dossier.CoordinatorSignatureMissing, Key: "convention/" + string(s.Reference)}
		}
		rs = append(rs, removal{"convention signature " + p.Key, func(f *dossier.File) {
			withConvention(f, func(c *dossier.Convention) { c.Signatures = without(c.Signatures, i) })
		}, p})
	}
	return rs
}

func TestRemovingOnePartGivesItsFinding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFile().Draw(t, "file")
		var n *network.Network
		if rapid.Bool().Draw(t, "with-network") {
			n = genNetwork(t, f)
		}
		// Every removal, on every generated file: sampling one would
		// favour the first ones.
		for _, r := range removals(f) {
			g := f
			r.apply(&g)
			got := dossier.CheckParts(g, n)
			if diff := cmp.Diff([]dossier.Part{r.want}, got); diff != "" {
				t.Fatalf("CheckParts(complete file without %s) mismatch (-want +got):\n%s", r.name, diff)
			}
		}
		// The removals must not have touched the original file.
		if got := dossier.CheckParts(f, n); len(got) != 0 {
			t.Fatalf("removals changed the original file: %v", got)
		}
	})
}

// Findings do not depend on the order of the file's lists.
func TestOrderDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFile().Draw(t, "file")
		// Break the file in a few ways, then shuffle its lists.
		rs := removals(f)
		for range rapid.IntRange(0, 4).Draw(t, "breaks") {
			rapid.SampledFrom(rs).Draw(t, "removal").apply(&f)
		}
		want := dossier.Check(f, nil)
		g := f
		g.Signatures = rapid.Permutation(f.Signatures).Draw(t, "signatures")
		g.Attachments = rapid.Permutation(f.Attachments).Draw(t, "attachments")
		g.Reference = rapid.Permutation(f.Reference).Draw(t, "reference")
		got := dossier.Check(g, nil)
		sortFindings := cmpopts.SortSlices(func(a, b rules.Finding) bool { return a.Message < b.Message })
		if diff := cmp.Diff(want, got, sortFindings, equateFiles); diff != "" {
			t.Fatalf("Check(shuffled) mismatch (-want +got):\n%s", diff)
		}
	})
}
