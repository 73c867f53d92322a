package labelling

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/rarenet/rarenet/typology"
)

// ActKind is the kind of legal act that grants, extends or withdraws a
// label. The zero ActKind is invalid.
type ActKind uint8

// The kinds of act, spelled as in FORMAT.md.
const (
	// Arrete is a ministerial order (arrêté): reference centres are
	// labelled by order.
	Arrete ActKind = iota + 1
	// Decision is a regional agency decision (ARH until 2010, ARS since):
	// competence centres are designated by decision.
	Decision
	// OtherAct is any other act (an instruction, a note, a letter).
	OtherAct
)

var actKindNames = [...]string{Arrete: "arrete", Decision: "decision", OtherAct: "other"}

// IsValid reports whether k is one of the defined kinds.
func (k ActKind) IsValid() bool { return k >= Arrete && k <= OtherAct }

// String returns "arrete", "decision" or "other", or "ActKind(n)" when k is
// invalid.
func (k ActKind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("ActKind(%d)", uint8(k))
	}
	return actKindNames[k]
}

// MarshalText returns k's spelling, and empty text for the zero ActKind (not
// set); it fails when k is otherwise invalid.
func (k ActKind) MarshalText() ([]byte, error) {
	if k == 0 {
		return []byte{}, nil
	}
	if !k.IsValid() {
		return nil, fmt.Errorf("labelling: cannot marshal invalid %v", k)
	}
	return []byte(actKindNames[k]), nil
}

// UnmarshalText accepts exactly "arrete", "decision" or "other", and empty
// text for the zero ActKind, as MarshalText writes it.
func (k *ActKind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = 0
		return nil
	}
	v, err := parseEnum[ActKind]("act kind", string(b), actKindNames[:])
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseActKind accepts exactly "arrete", "decision" or "other".
func ParseActKind(s string) (ActKind, error) {
	return parseEnum[ActKind]("act kind", s, actKindNames[:])
}

func parseEnum[E ~uint8](what, s string, names []string) (E, error) {
	for i, n := range names {
		if n != "" && n == s {
			return E(i), nil
		}
	}
	return 0, &ParseError{Type: what, Input: s, Msg: "unknown value"}
}

// An Act is a legal act: its kind, the day it was taken and, optionally, its
// reference ("arrêté du 25 novembre 2017"). The zero Act means "no act".
type Act struct {
	Kind ActKind `json:"kind,omitzero"`
	Date Date    `json:"date,omitzero"`
	Ref  string  `json:"ref,omitempty"`
}

// IsZero reports whether a is the zero Act, which stands for a missing act.
func (a Act) IsZero() bool { return a == Act{} }

// String returns the act's reference or, without one, its kind and date.
func (a Act) String() string {
	if a.IsZero() {
		return "no act"
	}
	if a.Ref != "" {
		return a.Ref
	}
	return a.Kind.String() + " of " + a.Date.String()
}

func (a Act) validate() error {
	if !a.Kind.IsValid() {
		return fmt.Errorf("kind: %v is not an act kind", a.Kind)
	}
	if a.Date.IsZero() {
		return errors.New("date: missing")
	}
	return nil
}

// EventKind is what happens to a label after it is granted. The zero
// EventKind is invalid.
type EventKind uint8

// The kinds of event, spelled as in FORMAT.md.
const (
	// Evaluation is a self-evaluation or an external evaluation.
	Evaluation EventKind = iota + 1
	// Extension moves the label's end to a later day, by an act.
	Extension
	// Withdrawal ends the label on its date (the first day no longer
	// covered).
	Withdrawal
)

var eventKindNames = [...]string{Evaluation: "evaluation", Extension: "extension", Withdrawal: "withdrawal"}

// IsValid reports whether k is one of the defined kinds.
func (k EventKind) IsValid() bool { return k >= Evaluation && k <= Withdrawal }

// String returns k's spelling, or "EventKind(n)" when invalid.
func (k EventKind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("EventKind(%d)", uint8(k))
	}
	return eventKindNames[k]
}

// MarshalText returns k's spelling, and empty text for the zero EventKind (not
// set); it fails when k is otherwise invalid.
func (k EventKind) MarshalText() ([]byte, error) {
	if k == 0 {
		return []byte{}, nil
	}
	if !k.IsValid() {
		return nil, fmt.Errorf("labelling: cannot marshal invalid %v", k)
	}
	return []byte(eventKindNames[k]), nil
}

// UnmarshalText accepts exactly "evaluation", "extension" or "withdrawal",
// and empty text for the zero EventKind, as MarshalText writes it.
func (k *EventKind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = 0
		return nil
	}
	v, err := ParseEventKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseEventKind accepts exactly "evaluation", "extension" or "withdrawal".
func ParseEventKind(s string) (EventKind, error) {
	return parseEnum[EventKind]("event kind", s, eventKindNames[:])
}

// EvaluationType tells who evaluated. The zero value means "not stated",
// which FORMAT.md allows.
type EvaluationType uint8

// The evaluation types, spelled as in FORMAT.md.
const (
	Unstated       EvaluationType = iota // not stated
	SelfEvaluation                       // "self": the centre's own report
	External                             // "external": by the ministry, agency or an expert panel
)

var evalTypeNames = [...]string{Unstated: "", SelfEvaluation: "self", External: "external"}

// IsValid reports whether t is a defined type (Unstated included).
func (t EvaluationType) IsValid() bool { return t <= External }

// String returns "self", "external", "" for Unstated, or
// "EvaluationType(n)".
func (t EvaluationType) String() string {
	if !t.IsValid() {
		return fmt.Sprintf("EvaluationType(%d)", uint8(t))
	}
	return evalTypeNames[t]
}

// MarshalText returns t's spelling ("" for Unstated); it fails when invalid.
func (t EvaluationType) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("labelling: cannot marshal invalid %v", t)
	}
	return []byte(evalTypeNames[t]), nil
}

// UnmarshalText accepts exactly "self" or "external", and empty text for
// Unstated, as MarshalText writes it.
func (t *EvaluationType) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = Unstated
		return nil
	}
	v, err := ParseEvaluationType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseEvaluationType accepts exactly "self" or "external".
func ParseEvaluationType(s string) (EvaluationType, error) {
	if s == "" {
		return 0, &ParseError{Type: "evaluation type", Input: s, Msg: "unknown value"}
	}
	return parseEnum[EvaluationType]("evaluation type", s, evalTypeNames[:])
}

// An Event is something that happens to a label after it is granted.
//
// Date is the day of the event; for a withdrawal it is the first day no
// longer covered. Until is set only for extensions: the new end, exclusive
// like every end. Type is set only for evaluations, optionally. Act is the
// act that decided the event; the zero Act means none is recorded, which
// is normal for an evaluation, a finding for an extension
// (label.extension-without-basis) and allowed for a withdrawal.
type Event struct {
	Kind  EventKind      `json:"kind,omitzero"`
	Date  Date           `json:"date,omitzero"`
	Type  EvaluationType `json:"type,omitzero"`
	Until Date           `json:"until,omitzero"`
	Act   Act            `json:"act,omitzero"`
}

// EvaluationEvent returns an evaluation of type t on day d.
func EvaluationEvent(d Date, t EvaluationType) Event {
	return Event{Kind: Evaluation, Date: d, Type: t}
}

// ExtensionEvent returns an extension decided on day d by act (the zero Act
// when none is recorded) that moves the label's end to until.
func ExtensionEvent(d, until Date, act Act) Event {
	return Event{Kind: Extension, Date: d, Until: until, Act: act}
}

// WithdrawalEvent returns a withdrawal by act (or the zero Act) whose date d
// is the first day no longer covered.
func WithdrawalEvent(d Date, act Act) Event {
	return Event{Kind: Withdrawal, Date: d, Act: act}
}

// A Label is a centre's label: the window it was initially granted for, the
// act that granted it, what happened to it since (evaluations, extensions,
// a withdrawal), and optionally the record of its designation.
//
// Labels are immutable values built by [NewLabel]; the zero Label has an
// empty window and is never in force. A Label holds a slice, so compare
// labels with [Label.Equal], not ==.
type Label struct {
	initial     Window
	effective   Window
	act         Act
	events      []Event // sorted by date, stable
	designation Designation
	provenance  typology.Provenance
}

// A LabelError reports why a label could not be built. Field names the
// part at fault in FORMAT.md's terms ("end", "act.date",
// "events[2].until", ...).
type LabelError struct {
	Field string
	Msg   string
}

// Error returns "labelling: label <field>: <msg>".
func (e *LabelError) Error() string { return "labelling: label " + e.Field + ": " + e.Msg }

// NewLabel returns the label granted by act for the initial window
// [start, end), with the given events. Events may come in any order; the
// label keeps them sorted by date (events of one day keep their order).
//
// It rejects what cannot be, with a *LabelError (joined with errors.Join
// when there are several) naming the field: a missing or empty window, an
// act without a valid kind or date, an event of unknown kind, an event
// dated before the start, an extension without Until, or whose Until is not
// after the end in effect before it (an extension never shortens), an
// evaluation type or Until on an event of the wrong kind.
//
// Extensions are applied in date order, then the earliest withdrawal cuts
// the window: see [Label.Effective].
func NewLabel(start, end Date, act Act, events ...Event) (Label, error) {
	return newLabel(start, end, act, slices.Clip(slices.Clone(events)))
}

// A LabelMaker makes labels as [NewLabel] does, but copies their events
// into large arrays that the labels share (each label's part clipped, so
// that none can reach another's): one allocation for hundreds of labels,
// where NewLabel makes one per label. It suits a decoder or generator
// that makes thousands; an array stays in memory while a label made in
// it does. The zero LabelMaker is ready for use; it is not safe for
// concurrent use.
type LabelMaker struct{ free []Event }

// labelMakerChunk is the number of events in each array a LabelMaker
// allocates (about 32 KiB).
const labelMakerChunk = 512

// NewLabel is [NewLabel], the events copied into m's arrays.
func (m *LabelMaker) NewLabel(start, end Date, act Act, events ...Event) (Label, error) {
	n := len(events)
	if n == 0 {
		return newLabel(start, end, act, nil)
	}
	if len(m.free) < n {
		m.free = make([]Event, max(n, labelMakerChunk))
	}
	own := m.free[:n:n]
	m.free = m.free[n:]
	copy(own, events)
	return newLabel(start, end, act, own)
}

// newLabel is NewLabel taking events as its own: no one else may change
// them.
func newLabel(start, end Date, act Act, events []Event) (Label, error) {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, &LabelError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case start.IsZero():
		add("start", "missing")
	case end.IsZero():
		add("end", "missing")
	case !end.After(start):
		add("end", "%v is not after the start %v", end, start)
	}
	if err := act.validate(); err != nil {
		add("act", "%v", err)
	}
	l := Label{act: act, events: events}
	if len(l.events) == 0 {
		l.events = nil // one representation of "no events", for Equal and ==-based tools
	}
	if len(errs) == 0 {
		l.initial = Window{start, end}
	}
	for i, e := range l.events {
		f := eventPath(i)
		if !e.Kind.IsValid() {
			add(f.String()+".kind", "%v is not an event kind", e.Kind)
			continue
		}
		if e.Date.IsZero() {
			add(f.String()+".date", "missing")
		} else if !start.IsZero() && e.Date.Before(start) {
			add(f.String()+".date", "%v is before the label's start %v", e.Date, start)
		}
		if e.Kind != Evaluation && e.Type != Unstated {
			add(f.String()+".type", "only evaluations have a type")
		}
		if !e.Type.IsValid() {
			add(f.String()+".type", "%v is not an evaluation type", e.Type)
		}
		if e.Kind != Extension && !e.Until.IsZero() {
			add(f.String()+".until", "only extensions have an until")
		}
		if e.Kind == Extension && e.Until.IsZero() {
			add(f.String()+".until", "missing")
		}
		if !e.Act.IsZero() {
			if err := e.Act.validate(); err != nil {
				add(f.String()+".act", "%v", err)
			}
		}
	}
	if len(errs) > 0 {
		return Label{}, errors.Join(errs...)
	}
	// Sort by date, keeping the given order within a day; report indexes
	// in the caller's order, so remember them. Events usually come sorted:
	// then the identity needs no slice of its own.
	byDate := func(a, b Event) int { return a.Date.Compare(b.Date) }
	var idx []int // nil: the identity
	if !slices.IsSortedFunc(l.events, byDate) {
		idx = make([]int, len(l.events))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return byDate(l.events[a], l.events[b]) })
		sorted := make([]Event, len(l.events))
		for i, j := range idx {
			sorted[i] = l.events[j]
		}
		l.events = sorted
	}
	orig := func(i int) int {
		if idx == nil {
			return i
		}
		return idx[i]
	}
	eff := l.initial.end
	for i, e := range l.events {
		if e.Kind != Extension {
			continue
		}
		if !e.Until.After(eff) {
			add(fmt.Sprintf("events[%d].until", orig(i)), "%v does not extend the end in effect %v", e.Until, eff)
			continue
		}
		eff = e.Until
	}
	if len(errs) > 0 {
		return Label{}, errors.Join(errs...)
	}
	for _, e := range l.events {
		if e.Kind == Withdrawal && e.Date.Before(eff) {
			eff = e.Date
		}
	}
	if eff.After(start) {
		l.effective = Window{start, eff}
	}
	return l, nil
}

// eventPath names event i in errors; a string per event would cost an
// allocation per event on the valid path, hence the lazy type.
type eventPath int

func (i eventPath) String() string { return "events[" + strconv.Itoa(int(i)) + "]" }

// MustLabel is like [NewLabel] but panics on error. It is meant for tests
// and examples with hard-coded labels.
func MustLabel(start, end Date, act Act, events ...Event) Label {
	l, err := NewLabel(start, end, act, events...)
	if err != nil {
		panic(err)
	}
	return l
}

// Initial returns the window the label was granted for, before any event.
func (l Label) Initial() Window { return l.initial }

// Start returns the label's first day.
func (l Label) Start() Date { return l.initial.start }

// Effective returns the window in which the label is in force: the initial
// window, with its end moved by each extension in date order, then cut by
// the earliest withdrawal. It is empty when a withdrawal takes effect on
// the start day.
func (l Label) Effective() Window { return l.effective }

// End returns the first day the label is no longer in force: the end of
// [Label.Effective], or its start when the effective window is empty.
func (l Label) End() Date {
	if l.effective.IsEmpty() {
		return l.initial.start
	}
	return l.effective.end
}

// Act returns the act that granted the label.
func (l Label) Act() Act { return l.act }

// Events yields the label's events in date order.
func (l Label) Events() iter.Seq[Event] { return slices.Values(l.events) }

// NumEvents returns the number of events.
func (l Label) NumEvents() int { return len(l.events) }

// InForce reports whether the label is in force on day d: whether its
// effective window contains d.
func (l Label) InForce(d Date) bool { return l.effective.Contains(d) }

// InForceYear reports whether the label is in force on every day of
// calendar year y.
func (l Label) InForceYear(y int) bool { return l.effective.CoversYear(y) }

// EndedBy reports whether the label had stopped being in force by day d
// (its effective end is on or before d). A label that has not started by d
// has not ended either.
func (l Label) EndedBy(d Date) bool {
	return !l.initial.IsEmpty() && !l.initial.start.After(d) && !l.End().After(d)
}

// Evaluated reports whether the label carries an evaluation event dated
// inside its own effective window: what renewal requires.
func (l Label) Evaluated() bool {
	for _, e := range l.events {
		if e.Kind == Evaluation && l.effective.Contains(e.Date) {
			return true
		}
	}
	return false
}

// Withdrawn returns the earliest withdrawal event, if any.
func (l Label) Withdrawn() (Event, bool) {
	for _, e := range l.events {
		if e.Kind == Withdrawal {
			return e, true
		}
	}
	return Event{}, false
}

// Designation returns the record of the label's designation, if it has one.
func (l Label) Designation() (Designation, bool) { return l.designation, !l.designation.IsZero() }

// WithDesignation returns a copy of l carrying designation d (the zero
// Designation removes it). It is not validated against the procedure: a
// historical record may lack the committee's opinion, which the rules
// report.
func (l Label) WithDesignation(d Designation) Label { l.designation = d; return l }

// Provenance returns where the label comes from, if recorded.
func (l Label) Provenance() typology.Provenance { return l.provenance }

// WithProvenance returns a copy of l with provenance p.
func (l Label) WithProvenance(p typology.Provenance) Label { l.provenance = p; return l }

// Equal reports whether l and m are the same label: same windows, act,
// events in the same order, designation and provenance.
func (l Label) Equal(m Label) bool {
	return l.initial == m.initial && l.effective == m.effective && l.act == m.act &&
		l.designation == m.designation && l.provenance == m.provenance && slices.Equal(l.events, m.events)
}

// Compare orders labels as RULES.md orders a centre's labels: by start,
// then effective end.
func (l Label) Compare(m Label) int {
	if c := l.initial.start.Compare(m.initial.start); c != 0 {
		return c
	}
	return l.End().Compare(m.End())
}

// String returns a short description: "[2017-11-25, 2022-11-25) by
// arrêté du 25 novembre 2017".
func (l Label) String() string {
	return l.effective.String() + " by " + l.act.String()
}
