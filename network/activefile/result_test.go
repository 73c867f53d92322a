package activefile_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile"
	"github.com/rarenet/rarenet/typology"
)

var d = labelling.MustParseDate

// smallNetwork has two competence centres: ccmr-a declares 2019 and 2020,
// ccmr-b declares 2018.
func smallNetwork(t testing.TB) *network.Network {
	t.Helper()
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "chu", Name: "CHU", Region: "84"})
	b.AddTeam(network.Team{ID: "chu-neuro", Establishment: "chu"})
	label := labelling.MustLabel(d("2017-01-01"), d("2022-01-01"), labelling.Act{Kind: labelling.Decision, Date: d("2017-01-01")})
	b.AddCentre(network.Centre{ID: "ccmr-a", Name: "CCMR A", Tier: typology.Competence, Group: typology.Sensory, Team: "chu-neuro",
		Labels:   []labelling.Label{label},
		Activity: []network.Activity{{Year: 2019, Consultations: 3, Patients: 2, NewPatients: 2}, {Year: 2020, Consultations: 9, Patients: 5, NewPatients: 1}}})
	b.AddCentre(network.Centre{ID: "ccmr-b", Name: "CCMR B", Tier: typology.Competence, Group: typology.Renal, Team: "chu-neuro",
		Labels:   []labelling.Label{label},
		Activity: []network.Activity{{Year: 2018, Consultations: 40, Patients: 30, NewPatients: 30}}})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func records() []activefile.Record {
	return []activefile.Record{
		{Centre: "ccmr-a", Patient: "p-000001", Date: d("2019-03-01")},
		{Centre: "ccmr-a", Patient: "p-000001", Date: d("2019-09-01")},
		{Centre: "ccmr-a", Patient: "p-000002", Date: d("2019-10-01")},
		{Centre: "ccmr-a", Patient: "p-000001", Date: d("2020-01-15")},
		{Centre: "ccmr-a", Patient: "p-000003", Date: d("2021-06-30")},
	}
}

func TestApply(t *testing.T) {
	n := smallNetwork(t)
	got, err := activefile.Apply(n, count(t, records()))
	if err != nil {
		t.Fatalf("Apply() error: %v", err)
	}
	a, _ := got.Centre("ccmr-a")
	want := []network.Activity{
		{Year: 2019, Consultations: 3, Patients: 2, NewPatients: 2},
		{Year: 2020, Consultations: 1, Patients: 1, NewPatients: 0},
		{Year: 2021, Consultations: 1, Patients: 1, NewPatients: 1},
	}
	if diff := cmp.Diff(want, a.Activity); diff != "" {
		t.Errorf("Apply(): ccmr-a activity mismatch (-want +got):\n%s", diff)
	}
	b, _ := got.Centre("ccmr-b")
	old, _ := n.Centre("ccmr-b")
	if diff := cmp.Diff(old.Activity, b.Activity); diff != "" {
		t.Errorf("Apply(): ccmr-b, absent from the records, changed (-before +after):\n%s", diff)
	}
	if orig, _ := n.Centre("ccmr-a"); len(orig.Activity) != 2 {
		t.Errorf("Apply() changed its input network")
	}
	if n.Stats() != got.Stats() {
		t.Errorf("Apply() stats = %+v, want %+v", got.Stats(), n.Stats())
	}
}

func TestApplyUnknownCentre(t *testing.T) {
	rs := append(records(), activefile.Record{Centre: "ccmr-z", Patient: "p-9", Date: d("2019-01-01")})
	if _, err := activefile.Apply(smallNetwork(t), count(t, rs)); !errors.Is(err, activefile.ErrUnknownCentre) {
		t.Errorf("Apply(unknown centre) error = %v, want ErrUnknownCentre", err)
	}
}

func TestCompare(t *testing.T) {
	rs := append(records(), activefile.Record{Centre: "ccmr-z", Patient: "p-9", Date: d("2019-01-01")})
	got := activefile.Compare(smallNetwork(t), count(t, rs))
	want := []activefile.Discrepancy{
		{Centre: "ccmr-a", Year: 2020, Field: activefile.Consultations, Declared: 9, Computed: 1},
		{Centre: "ccmr-a", Year: 2020, Field: activefile.Patients, Declared: 5, Computed: 1},
		{Centre: "ccmr-a", Year: 2020, Field: activefile.NewPatients, Declared: 1, Computed: 0},
		{Centre: "ccmr-a", Year: 2021, Field: activefile.Consultations, Declared: 0, Computed: 1},
		{Centre: "ccmr-a", Year: 2021, Field: activefile.Patients, Declared: 0, Computed: 1},
		{Centre: "ccmr-a", Year: 2021, Field: activefile.NewPatients, Declared: 0, Computed: 1},
		{Centre: "ccmr-z", Year: 2019, Field: activefile.Consultations, Declared: 0, Computed: 1},
		{Centre: "ccmr-z", Year: 2019, Field: activefile.Patients, Declared: 0, Computed: 1},
		{Centre: "ccmr-z", Year: 2019, Field: activefile.NewPatients, Declared: 0, Computed: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare() mismatch (-want +got):\n%s", diff)
	}
	// After Apply, nothing differs.
	n, err := activefile.Apply(smallNetwork(t), count(t, records()))
	if err != nil {
		t.Fatal(err)
	}
	if got := activefile.Compare(n, count(t, records())); len(got) != 0 {
		t.Errorf("Compare(Apply(n, r), r) = %v, want none", got)
	}
}

func TestCompareDeclaredOnly(t *testing.T) {
	rs := []activefile.Record{{Centre: "ccmr-b", Patient: "p-1", Date: d("2019-05-05")}}
	got := activefile.Compare(smallNetwork(t), count(t, rs))
	want := []activefile.Discrepancy{
		{Centre: "ccmr-b", Year: 2018, Field: activefile.Consultations, Declared: 40},
		{Centre: "ccmr-b", Year: 2018, Field: activefile.Patients, Declared: 30},
		{Centre: "ccmr-b", Year: 2018, Field: activefile.NewPatients, Declared: 30},
		{Centre: "ccmr-b", Year: 2019, Field: activefile.Consultations, Computed: 1},
		{Centre: "ccmr-b", Year: 2019, Field: activefile.Patients, Computed: 1},
		{Centre: "ccmr-b", Year: 2019, Field: activefile.NewPatients, Computed: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare() mismatch (-want +got):\n%s", diff)
	}
}

func TestResultQueries(t *testing.T) {
	rs := append(records(), activefile.Record{Centre: "ccmr-0", Patient: "p-9", Date: d("2019-01-01")})
	r := count(t, rs)
	if got, want := slices.Collect(r.Centres()), []network.CentreID{"ccmr-0", "ccmr-a"}; !slices.Equal(got, want) {
		t.Errorf("Centres() = %v, want %v", got, want)
	}
	if r.Len() != 4 {
		t.Errorf("Len() = %d, want 4", r.Len())
	}
	if a, ok := r.Activity("ccmr-a", 2020); !ok || a != (network.Activity{Year: 2020, Consultations: 1, Patients: 1}) {
		t.Errorf("Activity(ccmr-a, 2020) = %+v, %v", a, ok)
	}
	for _, q := range []struct {
		c network.CentreID
		y int
	}{{"ccmr-a", 2018}, {"ccmr-b", 2019}, {"ccmr-00", 2019}, {"zz", 2019}} {
		if a, ok := r.Activity(q.c, q.y); ok {
			t.Errorf("Activity(%s, %d) = %+v, true; want none", q.c, q.y, a)
		}
	}
	if got := slices.Collect(r.ActivityOf("ccmr-a")); len(got) != 3 || got[0].Year != 2019 {
		t.Errorf("ActivityOf(ccmr-a) = %v", got)
	}
	if got := slices.Collect(r.ActivityOf("nope")); len(got) != 0 {
		t.Errorf("ActivityOf(nope) = %v, want none", got)
	}
	var zero activefile.Result
	if zero.Len() != 0 || !zero.Equal(activefile.Result{}) {
		t.Errorf("the zero Result is not empty")
	}
}

func TestFieldString(t *testing.T) {
	for f, want := range map[activefile.Field]string{activefile.Consultations: "consultations", activefile.Patients: "patients", activefile.NewPatients: "new_patients", 0: "Field(0)", 9: "Field(9)"} {
		if got := f.String(); got != want {
			t.Errorf("Field(%d).String() = %q, want %q", uint8(f), got, want)
		}
	}
	dd := activefile.Discrepancy{Centre: "ccmr-x", Year: 2019, Field: activefile.Patients, Declared: 30, Computed: 27}
	if got, want := dd.String(), "ccmr-x 2019 patients: declared 30, computed 27"; got != want {
		t.Errorf("Discrepancy.String() = %q, want %q", got, want)
	}
}

func TestAddErrors(t *testing.T) {
	tests := []struct {
		r     activefile.Record
		field string
		err   error
	}{
		{activefile.Record{Patient: "p", Date: d("2019-01-01")}, "centre", activefile.ErrEmpty},
		{activefile.Record{Centre: "c", Date: d("2019-01-01")}, "patient", activefile.ErrEmpty},
		{activefile.Record{Centre: "c", Patient: "p"}, "date", activefile.ErrEmpty},
		{activefile.Record{Centre: "c", Patient: "p", Date: d("1850-01-01")}, "date", activefile.ErrBadDate},
	}
	for _, tt := range tests {
		var c activefile.Counter
		err := c.Add(tt.r)
		var re *activefile.RecordError
		if !errors.As(err, &re) || re.Field != tt.field || !errors.Is(err, tt.err) {
			t.Errorf("Add(%+v) error = %v, want a *RecordError on %s wrapping %v", tt.r, err, tt.field, tt.err)
		}
		batch := []activefile.Record{{Centre: "c", Patient: "ok", Date: d("2019-01-01")}, tt.r}
		if err := c.AddBatch(batch); !errors.As(err, &re) || re.Index != 1 {
			t.Errorf("AddBatch() error = %v, want a *RecordError at index 1", err)
		}
		if c.Result().Len() != 0 {
			t.Errorf("AddBatch() failed but added records")
		}
	}
	var c activefile.Counter
	ref, _ := c.CentreRef("c")
	p, _ := activefile.PatientKeyOf("p")
	for _, k := range []activefile.Key{{Centre: ref + 1, Patient: p, Year: 2019}, {Centre: ref, Year: 2019}, {Centre: ref, Patient: p, Year: 3000}} {
		if err := c.AddKeys([]activefile.Key{{Centre: ref, Patient: p, Year: 2019}, k}); err == nil {
			t.Errorf("AddKeys(%+v) succeeded", k)
		}
	}
	if c.Result().Len() != 0 {
		t.Errorf("AddKeys() failed but added records")
	}
	if _, ok := c.CentreRef(""); ok {
		t.Errorf(`CentreRef("") = _, true`)
	}
	if _, ok := activefile.PatientKeyOf(""); ok {
		t.Errorf(`PatientKeyOf("") = _, true`)
	}
}

// TestErrorsNeverQuote checks the error texts: a line number and a column
// name, nothing of the input.
func TestErrorsNeverQuote(t *testing.T) {
	var c activefile.Counter
	err := c.Add(activefile.Record{Centre: "SECRET-c", Patient: "SECRET-p", Date: d("1000-01-01")})
	if got, want := err.Error(), "activefile: records[0]: date: not a date in the form YYYY-MM-DD between 1900 and 2999"; got != want {
		t.Errorf("Add() error = %q, want %q", got, want)
	}
	le := &activefile.LineError{Line: 12, Column: "date", Err: activefile.ErrBadDate}
	if got, want := le.Error(), "activefile: line 12: date: not a date in the form YYYY-MM-DD between 1900 and 2999"; got != want {
		t.Errorf("LineError.Error() = %q, want %q", got, want)
	}
}

// TestMemoryFollowsPairs adds the same pairs again and again: the tables
// do not grow.
func TestMemoryFollowsPairs(t *testing.T) {
	var c activefile.Counter
	var rs []activefile.Record
	for i := range 1000 {
		rs = append(rs, activefile.Record{Centre: centreIDs[i%3], Patient: pseudonym(int32(i)), Date: d("2019-01-01").AddDays(i % 700)})
	}
	if err := c.AddBatch(rs); err != nil {
		t.Fatal(err)
	}
	pairs, bytes := activefile.Pairs(&c)
	for range 50 {
		if err := c.AddBatch(rs); err != nil {
			t.Fatal(err)
		}
	}
	p2, b2 := activefile.Pairs(&c)
	if pairs != 1000 || p2 != pairs || b2 != bytes || bytes > 64*pairs {
		t.Errorf("pairs, bytes = %d, %d after one pass, %d, %d after 51; want 1000 pairs in at most 64 KB, unchanged", pairs, bytes, p2, b2)
	}
}
