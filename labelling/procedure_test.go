package labelling_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rarenet/rarenet/labelling"
	"pgregory.net/rapid"
)

// The model: each route's steps in order and the due dates of annexe 1 of
// the 2007 circular, written out independently of the package.
var (
	modelSteps = map[labelling.Route][]labelling.Step{
		labelling.Listed: {labelling.StepIdentified, labelling.StepListSent, labelling.StepCNCLOpinion, labelling.StepApplied, labelling.StepDecision},
		labelling.Direct: {labelling.StepAppliedToAgency, labelling.StepAgencyOpinion, labelling.StepCNCLOpinion, labelling.StepDecision},
	}
	modelDue = map[labelling.Route]map[labelling.Step]string{
		labelling.Listed: {
			labelling.StepIdentified:  "2007-09-14",
			labelling.StepListSent:    "2007-09-14",
			labelling.StepCNCLOpinion: "2007-09-28",
			labelling.StepApplied:     "2007-11-05",
			labelling.StepDecision:    "2008-02-01",
		},
		labelling.Direct: {
			labelling.StepAppliedToAgency: "2007-11-05",
			labelling.StepAgencyOpinion:   "2008-02-01",
			labelling.StepCNCLOpinion:     "2008-02-01",
			labelling.StepDecision:        "2008-02-01",
		},
	}
	// byMethod calls the step's named method.
	byMethod = map[labelling.Step]func(labelling.Procedure, labelling.Date) (labelling.Procedure, error){
		labelling.StepIdentified:      labelling.Procedure.ListedByReferenceCentres,
		labelling.StepListSent:        labelling.Procedure.ListSent,
		labelling.StepCNCLOpinion:     labelling.Procedure.CNCLOpinion,
		labelling.StepApplied:         labelling.Procedure.Applied,
		labelling.StepAppliedToAgency: labelling.Procedure.AppliedToAgency,
		labelling.StepAgencyOpinion:   labelling.Procedure.AgencyOpinion,
		labelling.StepDecision:        labelling.Procedure.Decide,
	}
)

type stepAt struct {
	Step labelling.Step
	Date labelling.Date
}

var equateDates = cmpopts.EquateComparable(labelling.Date{}, labelling.Designation{}, labelling.Late{})

func TestProcedureStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		route := rapid.SampledFrom([]labelling.Route{labelling.Listed, labelling.Direct}).Draw(t, "route")
		p, err := labelling.NewProcedure(rapid.SampledFrom([]labelling.CampaignID{"ccmr-2007", "2007"}).Draw(t, "campaign"), route)
		if err != nil {
			t.Fatalf("NewProcedure: %v", err)
		}
		var taken []stepAt // the model
		start := labelling.MustParseDate("2007-05-01")
		t.Repeat(map[string]func(*rapid.T){
			"step": func(t *rapid.T) {
				// Mostly the expected step, sometimes any step (or an
				// invalid one).
				var s labelling.Step
				steps := modelSteps[route]
				if len(taken) < len(steps) && rapid.IntRange(0, 2).Draw(t, "pick") > 0 {
					s = steps[len(taken)]
				} else {
					s = labelling.Step(rapid.IntRange(0, 8).Draw(t, "any"))
				}
				last := start
				if len(taken) > 0 {
					last = taken[len(taken)-1].Date
				}
				var d labelling.Date
				if rapid.IntRange(0, 30).Draw(t, "zero") > 0 {
					d = last.AddDays(rapid.IntRange(-20, 120).Draw(t, "days"))
				}

				// What the model expects.
				var want error
				switch {
				case !slices.Contains(steps, s):
					want = labelling.ErrWrongRoute
				case slices.ContainsFunc(taken, func(x stepAt) bool { return x.Step == s }):
					want = labelling.ErrRepeated
				case steps[len(taken)] != s:
					want = labelling.ErrOutOfOrder
				case d.IsZero():
					want = labelling.ErrNoDate
				case len(taken) > 0 && d.Before(last):
					want = labelling.ErrDateBackwards
				}

				var q labelling.Procedure
				if f, ok := byMethod[s]; ok && rapid.Bool().Draw(t, "named") {
					q, err = f(p, d)
				} else {
					q, err = p.Advance(s, d)
				}
				if want == nil {
					if err != nil {
						t.Fatalf("step %v on %v after %v: %v", s, d, taken, err)
					}
					taken = append(taken, stepAt{s, d})
					p = q
					return
				}
				if !errors.Is(err, want) {
					t.Fatalf("step %v on %v after %v: error %v, want %v", s, d, taken, err, want)
				}
				var se *labelling.StepError
				if !errors.As(err, &se) || se.Step != s || se.Date != d || se.Route != route {
					t.Fatalf("step %v on %v: error %#v does not name the step", s, d, err)
				}
				if !strings.Contains(err.Error(), s.String()) {
					t.Fatalf("error %q does not name the step %v", err, s)
				}
				if q != p {
					t.Fatalf("a refused step %v changed the procedure", s)
				}
			},
			"": func(t *rapid.T) {
				var got []stepAt
				for s, d := range p.Steps() {
					got = append(got, stepAt{s, d})
				}
				if diff := cmp.Diff(taken, got, equateDates, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("Steps() mismatch (-want +got):\n%s", diff)
				}
				// Dates never go back.
				if !slices.IsSortedFunc(got, func(a, b stepAt) int { return a.Date.Compare(b.Date) }) {
					t.Fatalf("dates go back: %v", got)
				}
				// No decision without the committee's opinion.
				op, hasOp := p.Taken(labelling.StepCNCLOpinion)
				dec, decided := p.Taken(labelling.StepDecision)
				if decided != p.Decided() || decided && (!hasOp || op.After(dec)) {
					t.Fatalf("decided %v on %v, CNCL opinion %v on %v", decided, dec, hasOp, op)
				}
				des, ok := p.Designation()
				if ok != decided {
					t.Fatalf("Designation() ok = %v, decided %v", ok, decided)
				}
				if ok {
					want := labelling.Designation{Campaign: labelling.CampaignCCMR2007, Route: route, CNCLOpinion: op, Decision: dec}
					if des != want || !des.HasOpinion() {
						t.Fatalf("Designation() = %v, want %v", des, want)
					}
				}
				// Lateness against the calendar: the due day is on time.
				var wantLate []labelling.Late
				for _, x := range taken {
					due := labelling.MustParseDate(modelDue[route][x.Step])
					if x.Date.After(due) {
						wantLate = append(wantLate, labelling.Late{Step: x.Step, Date: x.Date, Due: due, Days: x.Date.Sub(due)})
					}
				}
				if diff := cmp.Diff(wantLate, slices.Collect(p.Lateness()), equateDates, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("Lateness() mismatch (-want +got):\n%s", diff)
				}
				next, ok := p.Next()
				if wantOK := len(taken) < len(modelSteps[route]); ok != wantOK || ok && next != modelSteps[route][len(taken)] {
					t.Fatalf("Next() = %v, %v after %v", next, ok, taken)
				}
				s, d, ok := p.Last()
				if ok != (len(taken) > 0) || ok && (stepAt{s, d}) != taken[len(taken)-1] {
					t.Fatalf("Last() = %v, %v, %v after %v", s, d, ok, taken)
				}
			},
		})
	})
}

func TestProcedureErrors(t *testing.T) {
	d := labelling.MustParseDate
	if _, err := labelling.NewProcedure("crmr-2017", labelling.Listed); !errors.Is(err, labelling.ErrUnknownCampaign) {
		t.Errorf("NewProcedure(crmr-2017) = %v, want ErrUnknownCampaign", err)
	}
	if _, err := labelling.NewProcedure("2007", 0); err == nil {
		t.Error("NewProcedure with an invalid route succeeded")
	}
	var zero labelling.Procedure
	if _, err := zero.AppliedToAgency(d("2007-10-01")); !errors.Is(err, labelling.ErrWrongRoute) {
		t.Errorf("zero Procedure step: %v, want ErrWrongRoute", err)
	}
	if _, ok := zero.Next(); ok {
		t.Error("zero Procedure has a next step")
	}
	for range zero.Steps() {
		t.Error("zero Procedure has steps")
	}
	if _, ok := zero.Taken(0); ok {
		t.Error("Taken(Step(0)) reported a date")
	}

	p, _ := labelling.NewProcedure("2007", labelling.Listed)
	// A decision straight away: out of order, the message names the
	// expected step.
	_, err := p.Decide(d("2008-01-10"))
	var se *labelling.StepError
	if !errors.As(err, &se) || !errors.Is(err, labelling.ErrOutOfOrder) || se.Step != labelling.StepDecision {
		t.Fatalf("Decide first: %v, want ErrOutOfOrder on decision", err)
	}
	if want := "labelling: designation step decision on 2008-01-10 (listed route): step out of order: next step is identified"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	p, _ = p.ListedByReferenceCentres(d("2007-06-01"))
	p, _ = p.ListSent(d("2007-09-10"))
	_, err = p.CNCLOpinion(d("2007-09-01"))
	if !errors.Is(err, labelling.ErrDateBackwards) {
		t.Fatalf("CNCLOpinion before ListSent: %v, want ErrDateBackwards", err)
	}
	if want := "labelling: designation step cncl-opinion on 2007-09-01 (listed route): step dated before the previous step: list-sent was on 2007-09-10"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if _, err := p.AgencyOpinion(d("2007-09-30")); !errors.Is(err, labelling.ErrWrongRoute) {
		t.Errorf("AgencyOpinion on the listed route: %v, want ErrWrongRoute", err)
	}
	if _, err := p.ListSent(d("2007-09-30")); !errors.Is(err, labelling.ErrRepeated) {
		t.Errorf("ListSent twice: %v, want ErrRepeated", err)
	}
	if _, err := p.CNCLOpinion(labelling.Date{}); !errors.Is(err, labelling.ErrNoDate) {
		t.Errorf("CNCLOpinion without a date: %v, want ErrNoDate", err)
	}
	if _, err := p.Advance(labelling.Step(42), d("2007-09-30")); !errors.Is(err, labelling.ErrWrongRoute) {
		t.Errorf("Advance(Step(42)): %v, want ErrWrongRoute", err)
	}
	if p.Campaign() != labelling.CampaignCCMR2007 || p.Route() != labelling.Listed || p.Calendar().ListsDue != d("2007-09-14") {
		t.Errorf("Campaign %v, Route %v, Calendar %v", p.Campaign(), p.Route(), p.Calendar())
	}
	for range p.Steps() {
		break
	}
	for range labelling.Listed.Steps() {
		break
	}
	for range labelling.Route(0).Steps() {
		t.Error("Route(0) has steps")
	}
	if got := (labelling.Late{Step: labelling.StepDecision, Date: d("2008-02-02"), Due: d("2008-02-01"), Days: 1}).String(); got != "decision on 2008-02-02: 1 day after 2008-02-01" {
		t.Errorf("Late.String() = %q", got)
	}
	if got := labelling.Step(0).String(); got != "Step(0)" {
		t.Errorf("Step(0).String() = %q", got)
	}
}

// TestDeadlineDay checks the boundary of the deadline: a decision on
// 2008-02-01 is on time, on 2008-02-02 one day late.
func TestDeadlineDay(t *testing.T) {
	d := labelling.MustParseDate
	for _, tt := range []struct {
		decision string
		late     []labelling.Late
	}{
		{"2008-02-01", nil},
		{"2008-02-02", []labelling.Late{{Step: labelling.StepDecision, Date: d("2008-02-02"), Due: d("2008-02-01"), Days: 1}}},
	} {
		p, _ := labelling.NewProcedure("ccmr-2007", labelling.Direct)
		p, _ = p.AppliedToAgency(d("2007-11-05"))
		p, _ = p.AgencyOpinion(d("2007-12-01"))
		p, _ = p.CNCLOpinion(d("2008-01-15"))
		p, err := p.Decide(d(tt.decision))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.late, slices.Collect(p.Lateness()), equateDates, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("decision on %s: Lateness() mismatch (-want +got):\n%s", tt.decision, diff)
		}
		for range p.Lateness() {
			break
		}
	}
}
