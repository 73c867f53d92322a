package labelling_test

import (
	"fmt"
	"slices"

	"github.com/rarenet/rarenet/labelling"
)

func ExampleDate() {
	d, err := labelling.ParseDate("2016-02-29")
	if err != nil {
		panic(err)
	}
	fmt.Println(d, "plus five years is", d.AddDate(5, 0, 0))
	fmt.Println("the next day is", d.AddDays(1), "and 2021-03-01 is", d.AddDate(5, 0, 0).Sub(d), "days later")

	_, err = labelling.ParseDate("2017-02-30")
	fmt.Println(err)
	// Output:
	// 2016-02-29 plus five years is 2021-03-01
	// the next day is 2016-03-01 and 2021-03-01 is 1827 days later
	// labelling: parse date "2017-02-30": day out of range
}

func ExampleWindow_Contains() {
	start := labelling.MustParseDate("2017-11-25")
	w := labelling.MustWindow(start, start.AddDate(5, 0, 0))
	fmt.Println(w)
	fmt.Println(w.Contains(start), w.Contains(labelling.MustParseDate("2022-11-24")))
	fmt.Println(w.Contains(w.End()), "(the end is the first day no longer covered)")
	// Output:
	// [2017-11-25, 2022-11-25)
	// true true
	// false (the end is the first day no longer covered)
}

func ExampleWindow_WholeYears() {
	w := labelling.MustWindow(labelling.MustParseDate("2017-11-25"), labelling.MustParseDate("2022-11-25"))
	fmt.Println(slices.Collect(w.WholeYears()))
	fmt.Println(w.CoversYear(2017), w.CoversYear(2021))
	// Output:
	// [2018 2019 2020 2021]
	// false true
}

// ExampleNewLabel follows a reference centre's label: granted by arrêté on
// 25 November 2017 for five years, evaluated, extended, then renewed by a
// second label that starts on the day the first one ends.
func ExampleNewLabel() {
	d := labelling.MustParseDate
	order := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25"), Ref: "arrêté du 25 novembre 2017"}
	first, err := labelling.NewLabel(d("2017-11-25"), d("2017-11-25").AddDate(5, 0, 0), order,
		labelling.EvaluationEvent(d("2021-06-01"), labelling.External),
		labelling.ExtensionEvent(d("2022-06-01"), d("2024-01-01"),
			labelling.Act{Kind: labelling.Arrete, Date: d("2022-06-01")}),
	)
	if err != nil {
		panic(err)
	}
	fmt.Println("granted:", first.Initial())
	fmt.Println("in force:", first.Effective())
	fmt.Println("evaluated:", first.Evaluated())

	renewal := labelling.MustLabel(first.End(), first.End().AddDate(5, 0, 0),
		labelling.Act{Kind: labelling.Arrete, Date: d("2023-12-29")})

	h := labelling.NewHistory([]labelling.Label{renewal, first}) // in any order
	for k, l := range h.Ordered() {
		fmt.Println(k, l)
	}
	prev, _ := h.Previous(0)
	fmt.Println("label 0 renews label", prev)
	_, gap := h.GapBefore(0)
	fmt.Println("gap:", gap)
	for k, p := range h.RenewedWithoutEvaluation() {
		fmt.Println("renewed without evaluation:", k, p)
	}
	fmt.Println("labelled every day of 2024:", h.CoversYear(2024))
	fmt.Println("in force on 2030-01-01:", h.InForce(d("2030-01-01")))
	end, ok := h.EndedBy(d("2030-01-01"))
	fmt.Println("lapsed on 2030-01-01:", ok, "since", end)
	// Output:
	// granted: [2017-11-25, 2022-11-25)
	// in force: [2017-11-25, 2024-01-01)
	// evaluated: true
	// 1 [2017-11-25, 2024-01-01) by arrêté du 25 novembre 2017
	// 0 [2024-01-01, 2029-01-01) by arrete of 2023-12-29
	// label 0 renews label 1
	// gap: false
	// labelled every day of 2024: true
	// in force on 2030-01-01: false
	// lapsed on 2030-01-01: true since 2029-01-01
}

// ExampleProcedure_listed designates a team listed by the reference
// centres of its group; the team's application arrives a week late.
func ExampleProcedure_listed() {
	d := labelling.MustParseDate
	p, err := labelling.NewProcedure("2007", labelling.Listed)
	if err != nil {
		panic(err)
	}
	steps := []struct {
		do   func(labelling.Procedure, labelling.Date) (labelling.Procedure, error)
		date string
	}{
		{labelling.Procedure.ListedByReferenceCentres, "2007-06-15"},
		{labelling.Procedure.ListSent, "2007-09-14"},
		{labelling.Procedure.CNCLOpinion, "2007-09-28"},
		{labelling.Procedure.Applied, "2007-11-12"},
		{labelling.Procedure.Decide, "2008-01-20"},
	}
	for _, s := range steps {
		if p, err = s.do(p, d(s.date)); err != nil {
			panic(err)
		}
	}
	des, _ := p.Designation()
	fmt.Printf("%s, %v route: CNCL opinion %v, decision %v\n", des.Campaign, des.Route, des.CNCLOpinion, des.Decision)
	for l := range p.Lateness() {
		fmt.Println("late:", l)
	}

	// The record goes on the label the decision grants.
	label := labelling.MustLabel(des.Decision, des.Decision.AddDate(5, 0, 0),
		labelling.Act{Kind: labelling.Decision, Date: des.Decision}).WithDesignation(des)
	_, ok := label.Designation()
	fmt.Println("label designated:", ok)
	// Output:
	// ccmr-2007, listed route: CNCL opinion 2007-09-28, decision 2008-01-20
	// late: applied on 2007-11-12: 7 days after 2007-11-05
	// label designated: true
}

// ExampleProcedure_direct designates a team that was not listed and applied
// directly to its regional agency; a decision cannot come before the
// national committee has ruled.
func ExampleProcedure_direct() {
	d := labelling.MustParseDate
	p, _ := labelling.NewProcedure(labelling.CampaignCCMR2007, labelling.Direct)
	p, _ = p.AppliedToAgency(d("2007-10-30"))
	p, _ = p.AgencyOpinion(d("2007-11-28"))

	_, err := p.Decide(d("2008-01-15"))
	fmt.Println(err)

	p, _ = p.CNCLOpinion(d("2008-01-22"))
	p, _ = p.Decide(d("2008-02-04"))
	des, _ := p.Designation()
	fmt.Printf("%s, %v route: CNCL opinion %v, decision %v\n", des.Campaign, des.Route, des.CNCLOpinion, des.Decision)
	for l := range p.Lateness() {
		fmt.Println("late:", l)
	}
	// Output:
	// labelling: designation step decision on 2008-01-15 (direct route): step out of order: next step is cncl-opinion
	// ccmr-2007, direct route: CNCL opinion 2008-01-22, decision 2008-02-04
	// late: decision on 2008-02-04: 3 days after 2008-02-01
}

func ExampleCampaignByID() {
	c, _ := labelling.CampaignByID("2007")
	fmt.Println(c.ID, "-", c.What, "-", c.Status)
	deadline, _ := labelling.DesignationDeadline(c.ID)
	fmt.Println("designations by", deadline)
	for c := range labelling.CampaignsActiveIn(2005) {
		fmt.Println(c.ID, c.ActDate)
	}
	// Output:
	// ccmr-2007 - Designation of competence centres - verified
	// designations by 2008-02-01
	// pnmr1 (no date)
	// crmr-2005 2005-10-06
	// cncl 2004-08-09
}

// ExamplePack keeps the labels of many centres in compact form: the
// reference centres labelled by one arrêté share its act and their
// evaluation, which the Packed stores once.
func ExamplePack() {
	d := labelling.MustParseDate
	order := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25"), Ref: "arrêté du 25 novembre 2017"}
	var ls []labelling.Label
	for range 3 {
		ls = append(ls, labelling.MustLabel(d("2017-11-25"), d("2022-11-25"), order,
			labelling.EvaluationEvent(d("2021-06-01"), labelling.External)))
	}
	p := labelling.Pack(ls)
	fmt.Println(p.Len(), "labels")
	l := p.At(2) // a Label value, as packed; reading it allocates nothing
	fmt.Println(l, l.Equal(ls[2]))
	fmt.Println(p.Effective(0).Contains(d("2020-01-01")))
	// Output:
	// 3 labels
	// [2017-11-25, 2022-11-25) by arrêté du 25 novembre 2017 true
	// true
}
