package labelling

import (
	"errors"
	"fmt"
	"iter"
)

// A Step is a step of the designation procedure of a competence centre
// (circulaire DHOS 2007, étapes 1-3). The zero Step is invalid.
//
// The listed route goes StepIdentified, StepListSent, StepCNCLOpinion,
// StepApplied, StepDecision; the direct route goes StepAppliedToAgency,
// StepAgencyOpinion, StepCNCLOpinion, StepDecision.
type Step uint8

// The steps of the procedure.
const (
	// StepIdentified is the identification of the team as a candidate by
	// the reference centres of its group (listed route, étape 1).
	StepIdentified Step = iota + 1
	// StepListSent is the sending of the reference centres' common list
	// to the national committee (CNCL), through the ministry (listed
	// route, étape 2).
	StepListSent
	// StepApplied is the establishment's sending of the team's
	// application, the specification (cahier des charges) and the
	// convention, to the regional agency (listed route, étape 3).
	StepApplied
	// StepAppliedToAgency is the application of a team that was not
	// listed directly to its regional agency (direct route, étape 3).
	StepAppliedToAgency
	// StepAgencyOpinion is the regional agency's opinion on a direct
	// application, sent to the CNCL (direct route).
	StepAgencyOpinion
	// StepCNCLOpinion is the national committee's opinion on the list
	// (listed route) or its ruling on the direct application (direct
	// route).
	StepCNCLOpinion
	// StepDecision is the regional agency's decision designating the
	// team, on the committee's opinion (both routes).
	StepDecision
)

var stepNames = [...]string{
	StepIdentified:      "identified",
	StepListSent:        "list-sent",
	StepApplied:         "applied",
	StepAppliedToAgency: "applied-to-agency",
	StepAgencyOpinion:   "agency-opinion",
	StepCNCLOpinion:     "cncl-opinion",
	StepDecision:        "decision",
}

// routeSteps lists the steps of each route, in order.
var routeSteps = [...][]Step{
	Listed: {StepIdentified, StepListSent, StepCNCLOpinion, StepApplied, StepDecision},
	Direct: {StepAppliedToAgency, StepAgencyOpinion, StepCNCLOpinion, StepDecision},
}

// IsValid reports whether s is one of the defined steps.
func (s Step) IsValid() bool { return s >= StepIdentified && s <= StepDecision }

// String returns the step's name, such as "cncl-opinion", or "Step(n)"
// when s is invalid.
func (s Step) String() string {
	if !s.IsValid() {
		return fmt.Sprintf("Step(%d)", uint8(s))
	}
	return stepNames[s]
}

// on reports whether s is a step of route r.
func (s Step) on(r Route) bool { return r.IsValid() && s.index(r) >= 0 }

// index returns s's position on route r, or -1. r must be valid.
func (s Step) index(r Route) int {
	for i, t := range routeSteps[r] {
		if t == s {
			return i
		}
	}
	return -1
}

// Steps yields the steps of route r in order (nothing for an invalid
// route).
func (r Route) Steps() iter.Seq[Step] {
	return func(yield func(Step) bool) {
		if !r.IsValid() {
			return
		}
		for _, s := range routeSteps[r] {
			if !yield(s) {
				return
			}
		}
	}
}

// The reasons a step is refused. A *StepError unwraps to one of them; their
// messages have no package prefix, since the StepError's message carries
// it.
var (
	// ErrWrongRoute means the step is not a step of the procedure's route
	// (or the procedure has no route: the zero Procedure).
	ErrWrongRoute = errors.New("not a step of this route")
	// ErrRepeated means the step was already taken.
	ErrRepeated = errors.New("step already taken")
	// ErrOutOfOrder means a step that must come before it is missing.
	ErrOutOfOrder = errors.New("step out of order")
	// ErrNoDate means the step's date is the zero Date.
	ErrNoDate = errors.New("step has no date")
	// ErrDateBackwards means the step is dated before the previous step.
	ErrDateBackwards = errors.New("step dated before the previous step")
)

// A StepError reports a step of a [Procedure] that was refused. Reason is
// one of the sentinels [ErrWrongRoute], [ErrRepeated], [ErrOutOfOrder],
// [ErrNoDate] and [ErrDateBackwards], which errors.Is finds through
// Unwrap.
type StepError struct {
	Step   Step  // the step refused
	Date   Date  // its date
	Route  Route // the procedure's route
	Reason error // why
	// Prev is the last step taken (zero if none) and PrevDate its date.
	Prev     Step
	PrevDate Date
}

// Error returns a message naming the step, such as
// `labelling: designation step decision on 2008-01-10 (listed route): step
// out of order: next step is applied`.
func (e *StepError) Error() string {
	msg := fmt.Sprintf("labelling: designation step %v on %v (%v route): %v", e.Step, e.Date, e.Route, e.Reason)
	switch e.Reason {
	case ErrOutOfOrder:
		if next, ok := nextStep(e.Route, e.Prev); ok {
			msg += ": next step is " + next.String()
		}
	case ErrDateBackwards:
		msg += fmt.Sprintf(": %v was on %v", e.Prev, e.PrevDate)
	}
	return msg
}

// Unwrap returns e.Reason.
func (e *StepError) Unwrap() error { return e.Reason }

// nextStep returns the step that follows prev on route r (the first step
// when prev is zero); false when r is invalid or prev is the last step.
func nextStep(r Route, prev Step) (Step, bool) {
	if !r.IsValid() {
		return 0, false
	}
	steps := routeSteps[r]
	i := 0
	if prev != 0 {
		i = prev.index(r) + 1
	}
	if i < len(steps) {
		return steps[i], true
	}
	return 0, false
}

// A Procedure is the designation of one team as a competence centre in a
// designation campaign, followed step by step: a state machine whose steps
// are the methods named after them. Each step takes the day it happened
// and returns the new state, leaving the old one unchanged, or a
// *[StepError] when the step cannot happen now: when it is not a step of
// the route, was already taken, comes before a step that must precede it,
// has no date, or is dated before the previous step. Steps may be taken on
// the same day.
//
// The order of the steps makes a decision without the national
// committee's opinion impossible on either route. Late steps are allowed:
// [Procedure.Lateness] reports them against the campaign's [Calendar].
//
// Procedure is a small comparable value; the zero Procedure has no route
// and refuses every step.
type Procedure struct {
	campaign CampaignID
	route    Route
	cal      Calendar
	n        uint8                  // steps taken
	dates    [StepDecision + 1]Date // date of each step taken, by Step
}

// ErrUnknownCampaign is returned by [NewProcedure] when the campaign has
// no designation calendar.
var ErrUnknownCampaign = errors.New("labelling: not a designation campaign")

// NewProcedure starts the designation procedure of campaign id (ccmr-2007,
// which may be written "2007") on route r. It fails with an error wrapping
// [ErrUnknownCampaign] when the campaign has no designation calendar (see
// [DesignationCalendar]), and with another error when r is invalid.
func NewProcedure(id CampaignID, r Route) (Procedure, error) {
	id = CanonicalCampaign(id)
	cal, ok := DesignationCalendar(id)
	if !ok {
		return Procedure{}, fmt.Errorf("%w: %q", ErrUnknownCampaign, id)
	}
	if !r.IsValid() {
		return Procedure{}, fmt.Errorf("labelling: procedure: invalid route %v", r)
	}
	return Procedure{campaign: id, route: r, cal: cal}, nil
}

// Campaign returns the procedure's campaign.
func (p Procedure) Campaign() CampaignID { return p.campaign }

// Route returns the procedure's route.
func (p Procedure) Route() Route { return p.route }

// Calendar returns the calendar of the procedure's campaign.
func (p Procedure) Calendar() Calendar { return p.cal }

// Last returns the last step taken and its date; false before the first.
func (p Procedure) Last() (Step, Date, bool) {
	if p.n == 0 {
		return 0, Date{}, false
	}
	s := routeSteps[p.route][p.n-1]
	return s, p.dates[s], true
}

// Next returns the step the procedure expects next; false once decided
// (and for the zero Procedure).
func (p Procedure) Next() (Step, bool) {
	if !p.route.IsValid() || int(p.n) >= len(routeSteps[p.route]) {
		return 0, false
	}
	return routeSteps[p.route][p.n], true
}

// Taken returns the date of step s, if it was taken.
func (p Procedure) Taken(s Step) (Date, bool) {
	if !s.IsValid() || p.dates[s].IsZero() {
		return Date{}, false
	}
	return p.dates[s], true
}

// Steps yields the steps taken and their dates, in order.
func (p Procedure) Steps() iter.Seq2[Step, Date] {
	return func(yield func(Step, Date) bool) {
		if !p.route.IsValid() {
			return
		}
		for _, s := range routeSteps[p.route][:p.n] {
			if !yield(s, p.dates[s]) {
				return
			}
		}
	}
}

// Decided reports whether the regional agency has decided.
func (p Procedure) Decided() bool { return !p.dates[StepDecision].IsZero() }

// Advance takes step s on day d. The named methods ([Procedure.ListSent]
// and the others) call it; it serves callers that hold the step as data.
// It returns the new state, or a *[StepError] and the unchanged p.
func (p Procedure) Advance(s Step, d Date) (Procedure, error) {
	fail := func(reason error) (Procedure, error) {
		e := &StepError{Step: s, Date: d, Route: p.route, Reason: reason}
		e.Prev, e.PrevDate, _ = p.Last()
		return p, e
	}
	switch {
	case !s.on(p.route):
		return fail(ErrWrongRoute)
	case !p.dates[s].IsZero():
		return fail(ErrRepeated)
	case routeSteps[p.route][p.n] != s:
		return fail(ErrOutOfOrder)
	case d.IsZero():
		return fail(ErrNoDate)
	}
	if _, last, ok := p.Last(); ok && d.Before(last) {
		return fail(ErrDateBackwards)
	}
	p.dates[s] = d
	p.n++
	return p, nil
}

// ListedByReferenceCentres records that the reference centres of the
// group identified the team as a candidate on day d (listed route, first
// step; due with the lists, 2007-09-14 for ccmr-2007).
func (p Procedure) ListedByReferenceCentres(d Date) (Procedure, error) {
	return p.Advance(StepIdentified, d)
}

// ListSent records that the reference centres' list naming the team was
// sent to the national committee on day d (listed route, after
// identification; due 2007-09-14 for ccmr-2007).
func (p Procedure) ListSent(d Date) (Procedure, error) { return p.Advance(StepListSent, d) }

// CNCLOpinion records the national committee's opinion, given on day d: on
// the list (listed route, after ListSent; due on the last plenary day,
// 2007-09-28 for ccmr-2007) or on the direct application (direct route,
// after AgencyOpinion; due by the designation deadline).
func (p Procedure) CNCLOpinion(d Date) (Procedure, error) { return p.Advance(StepCNCLOpinion, d) }

// Applied records that the establishment sent the team's application, with
// the specification and the convention, to the regional agency on day d
// (listed route, after the committee's opinion; due 2007-11-05 for
// ccmr-2007).
func (p Procedure) Applied(d Date) (Procedure, error) { return p.Advance(StepApplied, d) }

// AppliedToAgency records that a team not listed applied directly to its
// regional agency on day d (direct route, first step; due 2007-11-05 for
// ccmr-2007).
func (p Procedure) AppliedToAgency(d Date) (Procedure, error) {
	return p.Advance(StepAppliedToAgency, d)
}

// AgencyOpinion records the regional agency's opinion on a direct
// application, sent to the national committee on day d (direct route,
// after AppliedToAgency).
func (p Procedure) AgencyOpinion(d Date) (Procedure, error) {
	return p.Advance(StepAgencyOpinion, d)
}

// Decide records the regional agency's decision designating the team, on
// day d (both routes, last step: after Applied on the listed route, after
// CNCLOpinion on the direct route; due 2008-02-01 for ccmr-2007, a
// decision on that day being on time).
func (p Procedure) Decide(d Date) (Procedure, error) { return p.Advance(StepDecision, d) }

// Designation returns the record of the designation, to attach to the
// label the decision grants with [Label.WithDesignation]. It reports false
// until the agency has decided.
func (p Procedure) Designation() (Designation, bool) {
	if !p.Decided() {
		return Designation{}, false
	}
	return Designation{
		Campaign:    p.campaign,
		Route:       p.route,
		CNCLOpinion: p.dates[StepCNCLOpinion],
		Decision:    p.dates[StepDecision],
	}, true
}

// Late reports a step taken after its due date (see [Calendar.Due]).
type Late struct {
	Step Step `json:"step,omitzero"`
	Date Date `json:"date,omitzero"` // the day the step was taken
	Due  Date `json:"due,omitzero"`  // the last day on which it was on time
	Days int  `json:"days"`          // Date - Due, at least 1
}

// String returns e.g. "decision on 2008-02-04: 3 days after 2008-02-01".
func (l Late) String() string {
	unit := "days"
	if l.Days == 1 {
		unit = "day"
	}
	return fmt.Sprintf("%v on %v: %d %s after %v", l.Step, l.Date, l.Days, unit, l.Due)
}

// Lateness yields, in order, every step taken after its due date in the
// campaign's calendar. A step taken on its due date is on time.
func (p Procedure) Lateness() iter.Seq[Late] {
	return func(yield func(Late) bool) {
		for s, d := range p.Steps() {
			due, ok := p.cal.Due(p.route, s)
			if ok && d.After(due) && !yield(Late{Step: s, Date: d, Due: due, Days: d.Sub(due)}) {
				return
			}
		}
	}
}
