package labelling

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/typology"
)

// JSON forms of the values that keep their fields unexported. They follow
// the rarenet/1 document (FORMAT.md): snake_case names, dates as
// YYYY-MM-DD, and what is not set left out. The document itself is read
// and written by package network; these methods serve programs that put a
// label, a window or a procedure in JSON of their own.

// labelJSON is a Label as the rarenet/1 document writes it.
type labelJSON struct {
	Start       Date        `json:"start,omitzero"`
	End         Date        `json:"end,omitzero"`
	Act         Act         `json:"act,omitzero"`
	Events      []Event     `json:"events,omitempty"`
	Designation Designation `json:"designation,omitzero"`
	typology.Provenance
}

// MarshalJSON writes l as the rarenet/1 document writes a label: "start"
// and "end" (the initial window, before extensions), "act", "events",
// "designation", "source" and "mark", leaving out what is not set. The
// zero Label is {}.
func (l Label) MarshalJSON() ([]byte, error) {
	return json.Marshal(labelJSON{
		Start:       l.initial.start,
		End:         l.initial.end,
		Act:         l.act,
		Events:      l.events,
		Designation: l.designation,
		Provenance:  l.provenance,
	})
}

// MarshalJSON writes w as {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}, end
// exclusive; the zero Window is {}.
func (w Window) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Start Date `json:"start,omitzero"`
		End   Date `json:"end,omitzero"`
	}{w.start, w.end})
}

// MarshalJSON writes h as the JSON array of its labels in document order,
// as [Label.MarshalJSON] writes each; the zero History is [].
func (h History) MarshalJSON() ([]byte, error) {
	ls := h.ls
	if ls == nil {
		ls = []Label{}
	}
	return json.Marshal(ls)
}

// MarshalJSON writes p as the JSON array of its labels in order, as
// [Label.MarshalJSON] writes each; the zero Packed is []. (A value
// receiver, unlike Packed's other methods, so that a Packed held by value
// marshals too.)
func (p Packed) MarshalJSON() ([]byte, error) {
	ls := make([]Label, 0, p.Len())
	return json.Marshal(slices.AppendSeq(ls, p.All()))
}

// MarshalJSON writes p as {"campaign", "route", "steps"}, the steps taken
// in order, each {"step", "date"}; the zero Procedure is {"steps": []}.
func (p Procedure) MarshalJSON() ([]byte, error) {
	type step struct {
		Step Step `json:"step"`
		Date Date `json:"date,omitzero"`
	}
	steps := []step{}
	for s, d := range p.Steps() {
		steps = append(steps, step{s, d})
	}
	return json.Marshal(struct {
		Campaign CampaignID `json:"campaign,omitempty"`
		Route    Route      `json:"route,omitzero"`
		Steps    []step     `json:"steps"`
	}{p.campaign, p.route, steps})
}

// MarshalJSON writes c with the names of the campaigns table (id, kind,
// what, act, act_date, published, period_from_year, period_to_year,
// counts, status, source), leaving out what is not set.
func (c Campaign) MarshalJSON() ([]byte, error) {
	type fields Campaign // the same fields without this method
	return json.Marshal(struct {
		fields
		From int `json:"period_from_year,omitempty"`
		To   int `json:"period_to_year,omitempty"`
	}{fields(c), c.from, c.to})
}

// MarshalText returns s's spelling ("list-sent", "decision", ...), and
// empty text for the zero Step (not set); it fails when s is otherwise
// invalid.
func (s Step) MarshalText() ([]byte, error) {
	if s == 0 {
		return []byte{}, nil
	}
	if !s.IsValid() {
		return nil, fmt.Errorf("labelling: cannot marshal invalid %v", s)
	}
	return []byte(stepNames[s]), nil
}

// UnmarshalText accepts exactly a spelling that [Step.String] prints for a
// valid Step, and empty text for the zero Step. Other input returns a
// *[ParseError] and leaves s unchanged.
func (s *Step) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := parseEnum[Step]("step", string(b), stepNames[:])
	if err != nil {
		return err
	}
	*s = v
	return nil
}
