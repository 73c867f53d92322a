package rules

import (
	"fmt"

	"github.com/rarenet/rarenet/labelling"
)

func visitWindowTooLong(ctx *Context, v *centreVisit) {
	term := ctx.cfg.LabelTerm
	ls := v.c.Labels
	for i := range ls {
		in := ls[i].Initial()
		// term years hold at least 365*term days: a shorter window needs
		// no calendar arithmetic.
		if in.End().Sub(in.Start()) <= 365*term {
			continue
		}
		limit := ctx.ix.termEnd(in.Start(), term)
		if limit.IsZero() || !in.End().After(limit) {
			continue
		}
		f := centreFinding(&v.c)
		f.Date = in.Start()
		f.Message = fmt.Sprintf("label granted from %v until %v, %s longer than the %d-year term (it should end by %v at the latest)",
			in.Start(), in.End(), plural(in.End().Sub(limit), "day", "days"), term, limit)
		v.report(ctx, f)
	}
}

func visitExtensionWithoutBasis(ctx *Context, v *centreVisit) {
	ls := v.c.Labels
	for i := range ls {
		l := &ls[i]
		if l.NumEvents() == 0 {
			continue
		}
		for e := range l.Events() {
			if e.Kind != labelling.Extension || !e.Act.IsZero() {
				continue
			}
			f := centreFinding(&v.c)
			f.Date = e.Date
			f.Message = fmt.Sprintf("the extension of %v of the label granted on %v (new end %v) records no act: a label is extended only by a legal act",
				e.Date, l.Start(), e.Until)
			v.report(ctx, f)
		}
	}
}

func visitOverlap(ctx *Context, v *centreVisit) {
	ls := v.c.Labels
	if len(ls) < 2 {
		return
	}
	// The windows are pairwise disjoint exactly when their union, the
	// spans, has as many days as they have together.
	days := 0
	for i := range ls {
		days += ls[i].Effective().Days()
	}
	for _, s := range v.spans {
		days -= s.Days()
	}
	if days == 0 {
		return
	}
	for a, b := range v.h.Overlaps() {
		la, lb := v.h.Label(a).Effective(), v.h.Label(b).Effective()
		w := la.Intersect(lb)
		f := centreFinding(&v.c)
		f.Date = w.Start()
		f.Message = fmt.Sprintf("labels %v and %v are both in force from %v until %v: a centre holds one label at a time",
			la, lb, w.Start(), w.End())
		v.report(ctx, f)
	}
}

func visitGap(ctx *Context, v *centreVisit) {
	if len(v.c.Labels) < 2 {
		return
	}
	var first labelling.Window
	var next labelling.Label
	n := 0
	for k, g := range v.h.Gaps() {
		if n == 0 {
			first, next = g, v.h.Label(k)
		}
		n++
	}
	if n == 0 {
		return
	}
	f := centreFinding(&v.c)
	f.Date = first.Start()
	f.Message = fmt.Sprintf("unlabelled from %v until %v (%s) before the label granted from %v",
		first.Start(), first.End(), plural(first.Days(), "day", "days"), next.Start())
	if n > 1 {
		f.Message += fmt.Sprintf(", and %s later", plural(n-1, "other gap", "other gaps"))
	}
	v.report(ctx, f)
}

func visitRenewalWithoutEvaluation(ctx *Context, v *centreVisit) {
	if len(v.c.Labels) < 2 {
		return
	}
	for k, p := range v.h.RenewedWithoutEvaluation() {
		l, prev := v.h.Label(k), v.h.Label(p)
		f := centreFinding(&v.c)
		f.Date = l.Start()
		f.Message = fmt.Sprintf("the label granted from %v renews the label in force %v, which carries no evaluation dated inside it: a centre is evaluated before its label is renewed",
			l.Start(), prev.Effective())
		v.report(ctx, f)
	}
}

func visitActivityOutsideWindow(ctx *Context, v *centreVisit) {
	acts := v.c.Activity
	if len(acts) == 0 {
		return
	}
	if ys := v.yearSpans(); len(ys) == 1 && ys[0].touchFirst <= acts[0].Year && acts[len(acts)-1].Year <= ys[0].touchLast {
		return // one span touches every year from the first to the last (activity is by year, increasing)
	}
	for i := range acts {
		a := &acts[i]
		if v.touched(a.Year) {
			continue
		}
		f := centreFinding(&v.c)
		f.Year = a.Year
		f.Message = fmt.Sprintf("%d: activity recorded (%s followed) for a year in which the centre held no label in force on any day",
			a.Year, plural(a.Patients, "patient", "patients"))
		v.report(ctx, f)
	}
}

func visitLapsed(ctx *Context, v *centreVisit) {
	in := &ctx.ix.info[v.pos]
	if !in.ended {
		return
	}
	f := centreFinding(&v.c)
	f.Date = in.endedOn
	f.Message = fmt.Sprintf("no label in force on %v: the centre stopped being labelled on %v", ctx.at, in.endedOn)
	v.report(ctx, f)
}
