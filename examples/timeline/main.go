// Command timeline shows how a rare-disease care network changed over the
// years: the centres in force on one day of each year, by tier and by
// group, region, interregion or sector, with the campaigns behind the
// changes; the label history of one centre; statistics of activity and
// labels; and, on request, a chart (SVG) and the counts as CSV.
//
// Usage:
//
//	go run ./examples/timeline [flags]
//
// Flags:
//
//	-network FILE   a rarenet/1 network document; "-" reads standard input
//	                (default: the embedded national reference network)
//	-at YYYY-MM-DD  the last date shown, and the date of -stats' sector
//	                sizes (default: today)
//	-from YEAR      the first year (default: the year of the earliest label)
//	-day MM-DD      the day of each year counted (default 12-31; 02-29 is
//	                refused, as common years lack it)
//	-by WHAT        the breakdown: tier (default: the reference and
//	                competence columns of the main table, no extra table),
//	                or group, region, interregion or sector (adds a table
//	                by that key, and draws one line per key with -svg)
//	-centre ID      print the label history of this centre instead
//	-stats          also print statistics: active files, label durations,
//	                renewal delays, sector sizes
//	-svg FILE       write a step chart of the centres in force, from 1 January
//	                of the first year to the last date, one line per key of
//	                -by
//	-csv FILE       write the counts (one row per date and breakdown key),
//	                after comment lines ("# ...") saying what is counted
//	-marks M,...    count only the labels of these marks (verified,
//	                inferred, derived, unverified; default: every label)
//
// The report, the CSV and the chart say what they count: the network,
// whether it is the embedded sample, how many of its centres have no
// known label (in force on no date, so in no count), and the marks of its
// labels. Statistics that only echo how labels were derived (every label
// computed from its campaign's act lasts five years) say so.
//
// Standard output holds the report only. Exit status: 0 done, 2 bad usage
// or bad input.
package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rarenet/rarenet/examples/internal/cli"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// today is read once, when -at is not given: the only clock of the program.
var today = func() labelling.Date { return labelling.DateOf(time.Now()) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("timeline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	netFile := fs.String("network", "", "a rarenet/1 network `FILE`; - reads standard input (default: the embedded national network)")
	atFlag := fs.String("at", "", "the last date shown, `YYYY-MM-DD` (default: today)")
	fromFlag := fs.Int("from", 0, "the first `YEAR` (default: the year of the earliest label)")
	dayFlag := fs.String("day", "12-31", "the day of each year counted, `MM-DD` (02-29 is refused: common years lack it)")
	byFlag := fs.String("by", "tier", "breakdown `WHAT`: tier (the columns of the main table), or group, region, interregion or sector (adds a table)")
	centreFlag := fs.String("centre", "", "print the label history of centre `ID` instead")
	statsFlag := fs.Bool("stats", false, "also print statistics of activity, labels and sectors")
	svgFile := fs.String("svg", "", "write the chart of centres in force per year to `FILE` (SVG)")
	csvFile := fs.String("csv", "", "write the counts to `FILE` (CSV)")
	marksFlag := fs.String("marks", "", "count only the labels of these `MARKS`, comma-separated: verified, inferred, derived, unverified (default: every label)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "timeline: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	at := today()
	if *atFlag != "" {
		var err error
		if at, err = labelling.ParseDate(*atFlag); err != nil {
			return fail("-at: %v", err)
		}
	}
	month, day, err := parseDay(*dayFlag)
	if err != nil {
		return fail("-day: %v", err)
	}
	by, err := analysis.ParseBreakdown(*byFlag)
	if err != nil {
		return fail("-by: %q is not tier, group, region, interregion or sector", *byFlag)
	}
	n, basis, err := cli.LoadAnalysed(*netFile, stdin, *marksFlag)
	if err != nil {
		return fail("%v", err)
	}

	if *centreFlag != "" {
		changes, ok := analysis.History(n, network.CentreID(*centreFlag))
		if !ok {
			return fail("-centre: no centre %q in %s", *centreFlag, basis.Network)
		}
		printHistory(stdout, n, basis, network.CentreID(*centreFlag), changes)
		return 0
	}

	from := *fromFlag
	if from == 0 {
		from = firstYear(n, at.Year())
	}
	last := at.Year()
	if d := labelling.MakeDate(last, month, day); d.After(at) {
		last-- // the day of this year is still to come
	}
	dates := analysis.YearlyDates(from, last, month, day)
	pts := analysis.Timeline(n, dates...)
	fmt.Fprintf(stdout, "Centres in force on %02d-%02d of each year, %d to %d\n", int(month), day, from, last)
	for _, l := range basis.Lines() {
		fmt.Fprintln(stdout, l)
	}
	fmt.Fprintln(stdout)
	printTimeline(stdout, n, pts, by)
	if *statsFlag {
		printStats(stdout, n, at)
	}

	for _, out := range []struct {
		file string
		draw func(io.Writer) error
	}{
		{*svgFile, func(w io.Writer) error {
			return analysis.TimelineSVG(w, steps(n, from, dates), analysis.Chart{Basis: basis, By: by})
		}},
		{*csvFile, func(w io.Writer) error {
			if err := basis.WriteComments(w); err != nil {
				return err
			}
			return writeCSV(w, pts, by)
		}},
	} {
		if out.file == "" {
			continue
		}
		var b bytes.Buffer
		if err := out.draw(&b); err != nil {
			return fail("%s: %v", out.file, err)
		}
		if err := os.WriteFile(out.file, b.Bytes(), 0o644); err != nil {
			return fail("%v", err)
		}
	}
	return 0
}

func parseDay(s string) (time.Month, int, error) {
	d, err := labelling.ParseDate("2000-" + s) // a leap year: 02-29 parses
	if err != nil || len(s) != 5 {
		return 0, 0, fmt.Errorf("%q is not a day of the year (MM-DD)", s)
	}
	if d.Month() == time.February && d.Day() == 29 {
		return 0, 0, fmt.Errorf("%q is not a day of every year: common years would count 03-01 instead; use 02-28 or 03-01", s)
	}
	return d.Month(), d.Day(), nil
}

// firstYear is the year of the earliest label start, or def without labels.
func firstYear(n *network.Network, def int) int {
	y := def
	for c := range n.Centres() {
		for _, l := range c.Labels {
			y = min(y, l.Start().Year())
		}
	}
	return y
}

// steps returns the points of the chart: 1 January of the first year,
// every day a count changes, and the dates of the table, up to the last of
// them: the counts drawn as the steps they are.
func steps(n *network.Network, from int, dates []labelling.Date) []analysis.Point {
	if len(dates) == 0 {
		return nil
	}
	start := labelling.MakeDate(from, time.January, 1)
	end := dates[len(dates)-1]
	w, err := labelling.NewWindow(start, end.AddDays(1))
	if err != nil {
		return analysis.Timeline(n, dates...)
	}
	days := append([]labelling.Date{start}, analysis.ChangeDays(n, w)...)
	days = append(days, dates...)
	slices.SortFunc(days, labelling.Date.Compare)
	return analysis.Timeline(n, slices.Compact(days)...)
}

func printTimeline(w io.Writer, n *network.Network, pts []analysis.Point, by analysis.Breakdown) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "date\tall\treference\tcompetence\tchanges during the year (campaigns)")
	for i, p := range pts {
		prev := p.Date.AddDate(-1, 0, 0).AddDays(1)
		if i > 0 {
			prev = pts[i-1].Date.AddDays(1)
		}
		year, _ := labelling.NewWindow(prev, p.Date.AddDays(1))
		fmt.Fprintf(tw, "%v\t%d\t%d\t%d\t%s\n", p.Date, p.Total, p.Tier(typology.Reference), p.Tier(typology.Competence),
			changeSummary(analysis.Changes(n, year)))
	}
	tw.Flush()
	if by == analysis.BreakdownTier || len(pts) == 0 {
		return
	}
	// The breakdown: one column per date, one row per key.
	fmt.Fprintf(w, "\nBy %s:\n", by)
	tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	head := by.String() + "\t"
	for _, p := range pts {
		head += strconv.Itoa(p.Date.Year()) + "\t"
	}
	fmt.Fprintln(tw, head)
	for _, se := range analysis.SeriesOf(pts, by) {
		line := cli.Escape(se.Key) + "\t"
		for _, v := range se.Counts {
			line += strconv.Itoa(v) + "\t"
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
}

// changeSummary says how many labels started and ended, and which
// campaigns granted them.
func changeSummary(cs []analysis.Change) string {
	count := map[analysis.ChangeKind]int{}
	camps := map[labelling.CampaignID]int{}
	for _, c := range cs {
		count[c.Kind]++
		if (c.Kind == analysis.Granted || c.Kind == analysis.Renewed) && c.Campaign != "" {
			camps[c.Campaign]++
		}
	}
	var parts []string
	for _, k := range []analysis.ChangeKind{analysis.Granted, analysis.Renewed, analysis.Extended, analysis.Withdrawn, analysis.Ended} {
		if count[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[k], k))
		}
	}
	s := strings.Join(parts, ", ")
	if len(camps) > 0 {
		var cs []string
		for _, id := range slices.Sorted(maps.Keys(camps)) {
			cs = append(cs, fmt.Sprintf("%s: %d", id, camps[id]))
		}
		s += " (" + strings.Join(cs, "; ") + ")"
	}
	if s == "" {
		return "-"
	}
	return s
}

func printHistory(w io.Writer, n *network.Network, basis analysis.Basis, id network.CentreID, changes []analysis.Change) {
	c, _ := n.Centre(id)
	r, _ := n.RegionOfCentre(id)
	reg, _ := network.RegionOf(r)
	fmt.Fprintf(w, "Label history of %s: %s\n%s centre, group %d (%s), %s\n", cli.Escape(string(c.ID)), cli.Escape(c.Name), c.Tier, c.Group.Number(), c.Group.Slug(), reg.Name)
	fmt.Fprintf(w, "Network: %s.", cli.Escape(basis.Network))
	if len(basis.Marks) > 0 {
		fmt.Fprintf(w, " %s", basis.Lines()[len(basis.Lines())-1])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "date\tchange\tlabel\tmark\tact\tcampaign")
	for _, ch := range changes {
		what := ch.Kind.String()
		if ch.Kind == analysis.Extended {
			what += " to " + ch.Until.String()
		}
		act := "-"
		if !ch.Act.IsZero() {
			act = cli.Escape(ch.Act.String())
		}
		camp := "-"
		if ch.Campaign != "" {
			camp = string(ch.Campaign)
			if cp, ok := labelling.CampaignByID(ch.Campaign); ok {
				camp += ": " + cp.What
			}
		}
		mark := "-"
		if m := analysis.LabelMark(c, c.Labels[ch.Label]); m != 0 {
			mark = m.String()
		}
		fmt.Fprintf(tw, "%v\t%s\t%d\t%s\t%s\t%s\n", ch.Date, what, ch.Label, mark, act, camp)
	}
	tw.Flush()
}

func printStats(w io.Writer, n *network.Network, at labelling.Date) {
	fmt.Fprintln(w, "\nActive files (patients followed a year), all groups:")
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	afs := analysis.ActiveFiles(n)
	if len(afs) == 0 {
		fmt.Fprintln(w, "  none recorded")
	} else {
		fmt.Fprintln(tw, "year\ttier\tcentres\tmean\tQ1\tmedian\tQ3\t")
	}
	for _, a := range afs {
		if a.Group == 0 {
			fmt.Fprintf(tw, "%d\t%v\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", a.Year, a.Tier, a.N, a.Mean, a.Q1, a.Median, a.Q3)
		}
	}
	tw.Flush()
	sum := func(title, echo string, rows []analysis.TierSummary) {
		fmt.Fprintf(w, "\n%s:\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "tier\tn\tmean\tmin\tQ1\tmedian\tQ3\tmax\t")
		for _, r := range rows {
			t := "all"
			if r.Tier != 0 {
				t = r.Tier.String()
			}
			if r.N == 0 {
				fmt.Fprintf(tw, "%s\t0\t-\t-\t-\t-\t-\t-\t\n", t)
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t\n", t, r.N, r.Mean, r.Min, r.Q1, r.Median, r.Q3, r.Max)
		}
		tw.Flush()
		if all := rows[0]; all.Derived > 0 {
			what := fmt.Sprintf("%d of these %d values rest", all.Derived, all.N)
			if all.Derived == all.N {
				what = fmt.Sprintf("All %d values rest", all.N)
			}
			fmt.Fprintf(w, "(%s on labels marked derived: %s.)\n", what, echo)
		}
	}
	sum("Label durations in days (effective windows)",
		"their windows were computed from the campaign acts, so these durations echo that rule (five years: 1,826 or 1,827 days), not a finding",
		analysis.LabelDurations(n))
	sum("Days from the end of a centre's labels to its next label (0: renewed without a break)",
		"their dates were computed, so these delays echo how they were derived, not a finding",
		analysis.RenewalDelays(n))
	sizes, s := analysis.SectorSizes(n, at)
	fmt.Fprintf(w, "\nCentres in force per sector on %v: %d sectors, mean %.1f, median %.1f, Q1 %.1f, Q3 %.1f\n", at, s.N, s.Mean, s.Median, s.Q1, s.Q3)
	slices.SortStableFunc(sizes, func(a, b analysis.SectorSize) int { return cmp.Compare(b.Total(), a.Total()) })
	tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "sector\treference\tcompetence\ttotal\t")
	for _, sz := range sizes {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", cli.Escape(string(sz.Filiere)), sz.Reference, sz.Competence, sz.Total())
	}
	tw.Flush()
}

// writeCSV writes one record per date and breakdown key:
// date,by,key,centres; the tier rows always come first.
func writeCSV(w io.Writer, pts []analysis.Point, by analysis.Breakdown) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"date", "by", "key", "centres"})
	var series []analysis.Series
	if by != analysis.BreakdownTier {
		series = analysis.SeriesOf(pts, by)
	}
	for i, p := range pts {
		_ = cw.Write([]string{p.Date.String(), "all", "all", strconv.Itoa(p.Total)})
		for t := range typology.Tiers() {
			_ = cw.Write([]string{p.Date.String(), "tier", t.String(), strconv.Itoa(p.Tier(t))})
		}
		for _, se := range series {
			if se.Counts[i] > 0 {
				_ = cw.Write([]string{p.Date.String(), by.String(), se.Key, strconv.Itoa(se.Counts[i])})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
