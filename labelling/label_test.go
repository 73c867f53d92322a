package labelling_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

// labelParts is what NewLabel takes, drawn valid.
type labelParts struct {
	start, end labelling.Date
	act        labelling.Act
	events     []labelling.Event
}

func (p labelParts) build(t *rapid.T) labelling.Label {
	l, err := labelling.NewLabel(p.start, p.end, p.act, p.events...)
	if err != nil {
		t.Fatalf("NewLabel(%v, %v, %v, %v): %v", p.start, p.end, p.act, p.events, err)
	}
	return l
}

// genLabelParts draws a valid label starting in [from, from+spread days):
// a term of one day to six years, evaluations, increasing extensions and,
// sometimes, withdrawals (one of them possibly on the start day).
func genLabelParts(from labelling.Date, spread int) *rapid.Generator[labelParts] {
	return genLabelPartsTerm(from, spread, rapid.OneOf(rapid.IntRange(1, 60), rapid.IntRange(1, 6*366)))
}

// genLabelPartsTerm is genLabelParts with the term (in days) drawn from
// terms.
func genLabelPartsTerm(from labelling.Date, spread int, terms *rapid.Generator[int]) *rapid.Generator[labelParts] {
	return rapid.Custom(func(t *rapid.T) labelParts {
		start := from.AddDays(rapid.IntRange(0, spread).Draw(t, "start"))
		term := terms.Draw(t, "term")
		p := labelParts{
			start: start,
			end:   start.AddDays(term),
			act:   labelling.Act{Kind: labelling.Arrete, Date: start, Ref: "arrêté"},
		}
		after := func(label string) labelling.Date {
			return start.AddDays(rapid.IntRange(0, term+400).Draw(t, label))
		}
		for range rapid.IntRange(0, 2).Draw(t, "evaluations") {
			typ := rapid.SampledFrom([]labelling.EvaluationType{labelling.Unstated, labelling.SelfEvaluation, labelling.External}).Draw(t, "type")
			p.events = append(p.events, labelling.EvaluationEvent(after("evaluation"), typ))
		}
		nx := rapid.IntRange(0, 2).Draw(t, "extensions")
		var xdates []labelling.Date
		for range nx {
			xdates = append(xdates, after("extension"))
		}
		slices.SortFunc(xdates, labelling.Date.Compare)
		xdates = slices.Compact(xdates) // distinct, so that any order of the events is valid
		until := p.end
		for _, d := range xdates {
			until = until.AddDays(rapid.IntRange(1, 800).Draw(t, "more"))
			var act labelling.Act
			if rapid.Bool().Draw(t, "act") {
				act = labelling.Act{Kind: labelling.OtherAct, Date: d}
			}
			p.events = append(p.events, labelling.ExtensionEvent(d, until, act))
		}
		for range rapid.IntRange(0, 1).Draw(t, "withdrawals") {
			p.events = append(p.events, labelling.WithdrawalEvent(after("withdrawal"), labelling.Act{}))
		}
		p.events = rapid.Permutation(p.events).Draw(t, "order")
		return p
	})
}

func TestLabelProperties(t *testing.T) {
	from := labelling.MustParseDate("2007-01-01")
	rapid.Check(t, func(t *rapid.T) {
		p := genLabelParts(from, 3000).Draw(t, "label")
		l := p.build(t)
		eff := l.Effective()
		if l.Start() != p.start || l.Initial() != labelling.MustWindow(p.start, p.end) {
			t.Fatalf("label %v: Start %v, Initial %v", l, l.Start(), l.Initial())
		}
		if !eff.IsEmpty() && eff.Start() != p.start {
			t.Fatalf("label %v: effective window %v does not start on the start", l, eff)
		}
		if l.NumEvents() != len(p.events) || !slices.IsSortedFunc(slices.Collect(l.Events()), func(a, b labelling.Event) int { return a.Date.Compare(b.Date) }) {
			t.Fatalf("label %v: events %v not all kept in date order", l, slices.Collect(l.Events()))
		}
		// InForce is Effective().Contains, day by day around the window.
		lo, hi := p.start.AddDays(-3), l.End().AddDays(3)
		for d := lo; d.Before(hi); d = d.AddDays(1) {
			if l.InForce(d) != eff.Contains(d) {
				t.Fatalf("%v.InForce(%v) = %v, Effective().Contains = %v", l, d, l.InForce(d), eff.Contains(d))
			}
			if got, want := l.EndedBy(d), !d.Before(p.start) && !d.Before(l.End()); got != want {
				t.Fatalf("%v.EndedBy(%v) = %v, want %v", l, d, got, want)
			}
		}
		for y := lo.Year(); y <= hi.Year(); y++ {
			want := true
			for _, d := range days(labelling.YearWindow(y)) {
				want = want && l.InForce(d)
			}
			if got := l.InForceYear(y); got != want {
				t.Fatalf("%v.InForceYear(%d) = %v, want %v", l, y, got, want)
			}
		}
		// Evaluated: an evaluation dated inside the effective window.
		want := false
		for _, e := range p.events {
			want = want || e.Kind == labelling.Evaluation && eff.Contains(e.Date)
		}
		if l.Evaluated() != want {
			t.Fatalf("%v.Evaluated() = %v, want %v", l, l.Evaluated(), want)
		}

		// A withdrawal never lengthens the effective window.
		wd := p.start.AddDays(rapid.IntRange(0, 4000).Draw(t, "withdrawal"))
		w := labelParts{p.start, p.end, p.act, append(slices.Clone(p.events), labelling.WithdrawalEvent(wd, labelling.Act{}))}.build(t)
		if !eff.ContainsWindow(w.Effective()) || w.End().After(l.End()) {
			t.Fatalf("withdrawal on %v lengthened %v to %v", wd, eff, w.Effective())
		}
		if ev, ok := w.Withdrawn(); !ok || ev.Date.After(wd) {
			t.Fatalf("%v.Withdrawn() = %v, %v, want one on or before %v", w, ev, ok, wd)
		}
		// An extension (after every other one) never shortens it.
		last := p.end
		lastDate := p.start
		for _, e := range p.events {
			if e.Kind == labelling.Extension && e.Until.After(last) {
				last, lastDate = e.Until, e.Date
			}
		}
		xd := lastDate.AddDays(rapid.IntRange(1, 1000).Draw(t, "extension date"))
		until := last.AddDays(rapid.IntRange(1, 1000).Draw(t, "until"))
		x := labelParts{p.start, p.end, p.act, append(slices.Clone(p.events), labelling.ExtensionEvent(xd, until, labelling.Act{}))}.build(t)
		if !x.Effective().ContainsWindow(eff) || x.End().Before(l.End()) {
			t.Fatalf("extension to %v shortened %v to %v", until, eff, x.Effective())
		}
		// ... and one that does not go past the end in effect is refused.
		short := last.AddDays(-rapid.IntRange(0, 100).Draw(t, "shorter"))
		_, err := labelling.NewLabel(p.start, p.end, p.act, append(slices.Clone(p.events), labelling.ExtensionEvent(xd, short, labelling.Act{}))...)
		if !hasLabelError(err, "events["+strconv.Itoa(len(p.events))+"].until") {
			t.Fatalf("NewLabel with an extension to %v after %v: %v, want an error on its until", short, last, err)
		}
	})
}

// hasLabelError reports whether err holds a *LabelError on field.
func hasLabelError(err error, field string) bool {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	for _, e := range errs {
		var le *labelling.LabelError
		if errors.As(e, &le) && le.Field == field {
			return true
		}
	}
	return false
}

func TestNewLabelErrors(t *testing.T) {
	d := labelling.MustParseDate
	act := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25")}
	start, end := d("2017-11-25"), d("2022-11-25")
	tests := []struct {
		name       string
		start, end labelling.Date
		act        labelling.Act
		events     []labelling.Event
		field      string
	}{
		{name: "end before start", start: end, end: start, act: act, field: "end"},
		{name: "end on start", start: start, end: start, act: act, field: "end"},
		{name: "no start", end: end, act: act, field: "start"},
		{name: "no end", start: start, act: act, field: "end"},
		{name: "no act", start: start, end: end, field: "act"},
		{name: "act without date", start: start, end: end, act: labelling.Act{Kind: labelling.Arrete}, field: "act"},
		{name: "event before start", start: start, end: end, act: act,
			events: []labelling.Event{labelling.EvaluationEvent(d("2017-11-24"), labelling.External)}, field: "events[0].date"},
		{name: "shortening extension", start: start, end: end, act: act,
			events: []labelling.Event{labelling.ExtensionEvent(d("2021-01-01"), d("2022-01-01"), act)}, field: "events[0].until"},
		{name: "second extension shorter", start: start, end: end, act: act,
			events: []labelling.Event{
				labelling.ExtensionEvent(d("2022-06-01"), d("2023-01-01"), act),
				labelling.ExtensionEvent(d("2022-01-01"), d("2024-01-01"), act),
			}, field: "events[0].until"},
		{name: "extension without until", start: start, end: end, act: act,
			events: []labelling.Event{{Kind: labelling.Extension, Date: d("2021-01-01")}}, field: "events[0].until"},
		{name: "unknown event kind", start: start, end: end, act: act,
			events: []labelling.Event{{Date: d("2021-01-01")}}, field: "events[0].kind"},
		{name: "event without date", start: start, end: end, act: act,
			events: []labelling.Event{{Kind: labelling.Evaluation}}, field: "events[0].date"},
		{name: "type on a withdrawal", start: start, end: end, act: act,
			events: []labelling.Event{{Kind: labelling.Withdrawal, Date: d("2021-01-01"), Type: labelling.External}}, field: "events[0].type"},
		{name: "until on an evaluation", start: start, end: end, act: act,
			events: []labelling.Event{{Kind: labelling.Evaluation, Date: d("2021-01-01"), Until: end}}, field: "events[0].until"},
		{name: "bad event act", start: start, end: end, act: act,
			events: []labelling.Event{labelling.WithdrawalEvent(d("2021-01-01"), labelling.Act{Kind: labelling.Arrete})}, field: "events[0].act"},
		{name: "bad evaluation type", start: start, end: end, act: act,
			events: []labelling.Event{labelling.EvaluationEvent(d("2021-01-01"), 9)}, field: "events[0].type"},
	}
	for _, tt := range tests {
		l, err := labelling.NewLabel(tt.start, tt.end, tt.act, tt.events...)
		if !hasLabelError(err, tt.field) {
			t.Errorf("%s: NewLabel() = %v, %v, want a *LabelError on %s", tt.name, l, err, tt.field)
		}
		if err != nil && !strings.Contains(err.Error(), tt.field) {
			t.Errorf("%s: error %q does not name %s", tt.name, err, tt.field)
		}
	}
}

func TestLabelAccessors(t *testing.T) {
	d := labelling.MustParseDate
	act := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25"), Ref: "arrêté du 25 novembre 2017"}
	l := labelling.MustLabel(d("2017-11-25"), d("2022-11-25"), act,
		labelling.WithdrawalEvent(d("2017-11-25"), labelling.Act{}))
	if !l.Effective().IsEmpty() || l.End() != d("2017-11-25") || l.InForce(d("2017-11-25")) {
		t.Errorf("label withdrawn on its start: Effective %v, End %v", l.Effective(), l.End())
	}
	if l.Act() != act || l.String() != "[) by arrêté du 25 novembre 2017" {
		t.Errorf("Act() = %v, String() = %q", l.Act(), l)
	}
	prov := typology.Provenance{Source: "circulaire-dhos-2007", Mark: typology.MarkVerified}
	des := labelling.Designation{Campaign: "ccmr-2007", Route: labelling.Listed, CNCLOpinion: d("2007-09-28"), Decision: d("2008-01-15")}
	m := l.WithProvenance(prov).WithDesignation(des)
	if got, ok := m.Designation(); !ok || got != des || m.Provenance() != prov {
		t.Errorf("WithDesignation/WithProvenance: got %v, %v, %v", got, ok, m.Provenance())
	}
	if _, ok := l.Designation(); ok || l.Equal(m) || !m.Equal(m) {
		t.Error("WithDesignation changed the original, or Equal is wrong")
	}
	if l.Compare(m) != 0 {
		t.Errorf("Compare of labels with the same windows = %d", l.Compare(m))
	}
	if des.IsZero() || !des.HasOpinion() || (labelling.Designation{}).HasOpinion() {
		t.Error("Designation.IsZero/HasOpinion wrong")
	}
	if got := (labelling.Act{Kind: labelling.Decision, Date: d("2008-01-15")}).String(); got != "decision of 2008-01-15" {
		t.Errorf("Act.String() = %q", got)
	}
	if got := (labelling.Act{}).String(); got != "no act" {
		t.Errorf("Act{}.String() = %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustLabel with a bad window did not panic")
		}
	}()
	labelling.MustLabel(d("2022-11-25"), d("2017-11-25"), act)
}

func TestEnums(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	tests := []struct {
		v     enum
		text  string
		parse func(string) (enum, error)
	}{
		{labelling.Arrete, "arrete", func(s string) (enum, error) { return labelling.ParseActKind(s) }},
		{labelling.Decision, "decision", func(s string) (enum, error) { return labelling.ParseActKind(s) }},
		{labelling.OtherAct, "other", func(s string) (enum, error) { return labelling.ParseActKind(s) }},
		{labelling.Evaluation, "evaluation", func(s string) (enum, error) { return labelling.ParseEventKind(s) }},
		{labelling.Extension, "extension", func(s string) (enum, error) { return labelling.ParseEventKind(s) }},
		{labelling.Withdrawal, "withdrawal", func(s string) (enum, error) { return labelling.ParseEventKind(s) }},
		{labelling.SelfEvaluation, "self", func(s string) (enum, error) { return labelling.ParseEvaluationType(s) }},
		{labelling.External, "external", func(s string) (enum, error) { return labelling.ParseEvaluationType(s) }},
		{labelling.Listed, "listed", func(s string) (enum, error) { return labelling.ParseRoute(s) }},
		{labelling.Direct, "direct", func(s string) (enum, error) { return labelling.ParseRoute(s) }},
	}
	for _, tt := range tests {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.text || tt.v.String() != tt.text {
			t.Errorf("%v: MarshalText() = %q, %v; want %q", tt.v, b, err, tt.text)
		}
		if got, err := tt.parse(tt.text); err != nil || got != tt.v {
			t.Errorf("Parse(%q) = %v, %v, want %v", tt.text, got, err, tt.v)
		}
		var pe *labelling.ParseError
		if _, err := tt.parse(strings.ToUpper(tt.text)); !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a *ParseError", strings.ToUpper(tt.text), err)
		}
	}
	var (
		ak labelling.ActKind
		ek labelling.EventKind
		et labelling.EvaluationType
		r  labelling.Route
	)
	for _, u := range []interface{ UnmarshalText([]byte) error }{&ak, &ek, &et, &r} {
		if err := u.UnmarshalText([]byte("nope")); err == nil {
			t.Errorf("%T.UnmarshalText(nope) succeeded", u)
		}
	}
	if err := ak.UnmarshalText([]byte("arrete")); err != nil || ak != labelling.Arrete {
		t.Errorf("ActKind.UnmarshalText: %v, %v", ak, err)
	}
	if err := ek.UnmarshalText([]byte("extension")); err != nil || ek != labelling.Extension {
		t.Errorf("EventKind.UnmarshalText: %v, %v", ek, err)
	}
	if err := et.UnmarshalText([]byte("self")); err != nil || et != labelling.SelfEvaluation {
		t.Errorf("EvaluationType.UnmarshalText: %v, %v", et, err)
	}
	if err := r.UnmarshalText([]byte("direct")); err != nil || r != labelling.Direct {
		t.Errorf("Route.UnmarshalText: %v, %v", r, err)
	}
	invalid := []enum{labelling.ActKind(0), labelling.ActKind(9), labelling.EventKind(0), labelling.EvaluationType(9), labelling.Route(0)}
	want := []string{"ActKind(0)", "ActKind(9)", "EventKind(0)", "EvaluationType(9)", "Route(0)"}
	var got []string
	for _, v := range invalid {
		got = append(got, v.String())
		b, err := v.MarshalText()
		switch {
		case strings.HasSuffix(v.String(), "(0)"):
			// The zero value (not set) is empty text.
			if err != nil || len(b) != 0 {
				t.Errorf("%v.MarshalText() = %q, %v, want empty text", v, b, err)
			}
		case err == nil:
			t.Errorf("%v.MarshalText() succeeded", v)
		}
	}
	for _, u := range []interface{ UnmarshalText([]byte) error }{&ak, &ek, &et, &r} {
		if err := u.UnmarshalText(nil); err != nil {
			t.Errorf("%T.UnmarshalText(\"\") = %v, want the zero value", u, err)
		}
	}
	if ak != 0 || ek != 0 || et != 0 || r != 0 {
		t.Errorf("UnmarshalText(\"\") gave %v, %v, %v, %v, want zero values", ak, ek, et, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String() of invalid values mismatch (-want +got):\n%s", diff)
	}
	if _, err := labelling.ParseEvaluationType(""); err == nil {
		t.Error(`ParseEvaluationType("") succeeded`)
	}
	if labelling.Unstated.String() != "" {
		t.Errorf("Unstated.String() = %q", labelling.Unstated.String())
	}
}

// TestLabelMaker checks that a LabelMaker makes the labels NewLabel makes,
// or the same errors, and that they share nothing a later label or the
// caller's events could change.
func TestLabelMaker(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var m labelling.LabelMaker
		type made struct {
			parts labelParts
			label labelling.Label
		}
		var kept []made
		for k := range rapid.IntRange(1, 80).Draw(t, "labels") {
			p := genLabelParts(labelling.MustParseDate("2000-01-01"), 3000).Draw(t, "parts"+strconv.Itoa(k))
			if rapid.Bool().Draw(t, "broken") && len(p.events) > 0 {
				p.events[0].Until = p.start // an until not after the end, or on an event of the wrong kind
			}
			want, wantErr := labelling.NewLabel(p.start, p.end, p.act, p.events...)
			events := slices.Clone(p.events)
			got, err := m.NewLabel(p.start, p.end, p.act, events...)
			if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
				t.Fatalf("LabelMaker.NewLabel: error %v, NewLabel: %v", err, wantErr)
			}
			if !got.Equal(want) {
				t.Fatalf("LabelMaker.NewLabel = %v, NewLabel = %v", got, want)
			}
			for i := range events { // the caller's slice is the caller's
				events[i] = labelling.WithdrawalEvent(p.start, labelling.Act{})
			}
			kept = append(kept, made{p, got})
		}
		for _, k := range kept {
			want, _ := labelling.NewLabel(k.parts.start, k.parts.end, k.parts.act, k.parts.events...)
			if !k.label.Equal(want) {
				t.Fatalf("a label made earlier changed: %v, want %v", k.label, want)
			}
		}
	})
}
