// Command coverage shows where a rare-disease care network covers each
// disease group on a date: the region × group and interregion × group
// matrices of the centres in force, the gaps (a region with no centre for
// a group) with the nearest region and centre that have one, and, on
// request, a heat map, a map of France for one group, and the matrix as
// CSV.
//
// Usage:
//
//	go run ./examples/coverage [flags]
//
// Flags:
//
//	-network FILE   a rarenet/1 network document; "-" reads standard input
//	                (default: the embedded national reference network)
//	-at YYYY-MM-DD  the date (default: today)
//	-tier TIER      count reference, competence or all centres (default all)
//	-group G        list the gaps of this group only, and draw it with -map
//	                (a number from 1 to 17, a slug or a name)
//	-svg FILE       write the region × group heat map as SVG
//	-map FILE       write a map of France shaded by coverage of -group, as SVG
//	-csv FILE       write the matrices as CSV, after comment lines ("# ...")
//	                saying what is counted
//	-marks M,...    count only the labels of these marks (verified,
//	                inferred, derived, unverified; default: every label)
//
// The report, the CSV and the pictures say what they count: the network,
// whether it is the embedded sample, how many of its centres have no
// known label (in force on no date, so in no count), and the marks of its
// labels.
//
// Standard output holds the report only. Exit status: 0 done, 2 bad usage
// or bad input (the error on standard error names the file and the
// problem).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	netFile := fs.String("network", "", "a rarenet/1 network `FILE`; - reads standard input (default: the embedded national network)")
	atFlag := fs.String("at", "", "the date, `YYYY-MM-DD` (default: today)")
	tierFlag := fs.String("tier", "all", "which centres to count, `TIER`: reference, competence or all")
	groupFlag := fs.String("group", "", "list the gaps of disease group `G` only (1 to 17, a slug or a name), and draw it with -map")
	svgFile := fs.String("svg", "", "write the region × group heat map to `FILE` (SVG)")
	mapFile := fs.String("map", "", "write a map of France shaded by coverage of -group to `FILE` (SVG)")
	csvFile := fs.String("csv", "", "write the matrices to `FILE` (CSV)")
	marksFlag := fs.String("marks", "", "count only the labels of these `MARKS`, comma-separated: verified, inferred, derived, unverified (default: every label)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "coverage: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	at, err := parseAt(*atFlag)
	if err != nil {
		return fail("-at: %v", err)
	}
	var tier typology.Tier
	if *tierFlag != "all" {
		if tier, err = typology.ParseTier(*tierFlag); err != nil {
			return fail("-tier: %q is not reference, competence or all", *tierFlag)
		}
	}
	var group typology.Group
	if *groupFlag != "" {
		if group, err = typology.ParseGroup(*groupFlag); err != nil {
			return fail("-group: %v", err)
		}
	}
	if *mapFile != "" && group == 0 {
		return fail("-map needs -group: the map shows one disease group")
	}
	n, basis, err := cli.LoadAnalysed(*netFile, stdin, *marksFlag)
	if err != nil {
		return fail("%v", err)
	}

	cov := analysis.Cover(n, at)
	report(stdout, cov, basis, tier, group)
	chart := analysis.Chart{Basis: basis}

	for _, out := range []struct {
		file string
		draw func(io.Writer) error
	}{
		{*svgFile, func(w io.Writer) error { return analysis.HeatmapSVG(w, cov, tier, chart) }},
		{*mapFile, func(w io.Writer) error { return analysis.MapSVG(w, cov, group, tier, chart) }},
		{*csvFile, func(w io.Writer) error {
			if err := basis.WriteComments(w); err != nil {
				return err
			}
			return cov.WriteCSV(w)
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

func parseAt(s string) (labelling.Date, error) {
	if s == "" {
		return today(), nil
	}
	return labelling.ParseDate(s)
}

func tierName(t typology.Tier) string {
	if t == 0 {
		return "all centres"
	}
	return t.String() + " centres"
}

// report prints the matrices and the gaps.
func report(w io.Writer, cov *analysis.Coverage, basis analysis.Basis, tier typology.Tier, group typology.Group) {
	fmt.Fprintf(w, "Coverage on %v of %s: centres in force by region and disease group\n", cov.At, tierName(tier))
	for _, l := range basis.Lines() {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	head := "region\t"
	for g := range typology.Groups() {
		head += fmt.Sprintf("%d\t", g.Number())
	}
	fmt.Fprintln(tw, head+"total\t")
	cols := make([]int, 18)
	for _, r := range cov.Regions() {
		line := fmt.Sprintf("%s %s\t", r.Code, r.Name)
		tot := 0
		for g := range typology.Groups() {
			v := cov.Region(r.Code, g).Of(tier)
			tot += v
			cols[g] += v
			line += cell(v)
		}
		fmt.Fprintln(tw, line+fmt.Sprintf("%d\t", tot))
	}
	line, all := "France\t", 0
	for g := range typology.Groups() {
		line += fmt.Sprintf("%d\t", cols[g])
		all += cols[g]
	}
	fmt.Fprintln(tw, line+fmt.Sprintf("%d\t", all))
	fmt.Fprintln(tw, "interregion"+strings.Repeat("\t", 19)) // keeps the columns aligned
	for ir := range network.Interregions() {
		line, tot := ir.Name()+"\t", 0
		for g := range typology.Groups() {
			v := cov.Interregion(ir, g).Of(tier)
			tot += v
			line += cell(v)
		}
		fmt.Fprintln(tw, line+fmt.Sprintf("%d\t", tot))
	}
	tw.Flush()
	fmt.Fprintln(w, "\n(\".\" marks a gap: no centre in force.)")

	var tiers []typology.Tier
	if tier != 0 {
		tiers = append(tiers, tier)
	}
	gaps := cov.Gaps(tiers...)
	if group != 0 {
		kept := gaps[:0]
		for _, g := range gaps {
			if g.Group == group {
				kept = append(kept, g)
			}
		}
		gaps = kept
		fmt.Fprintf(w, "\nGaps for group %d, %s: %d regions without a centre\n", group.Number(), group.Slug(), len(gaps))
	} else {
		fmt.Fprintf(w, "\nGaps: %d region × group pairs without a centre\n", len(gaps))
	}
	for _, g := range gaps {
		r, _ := network.RegionOf(g.Region)
		var b strings.Builder
		fmt.Fprintf(&b, "  %s %s × %d %s: ", r.Code, r.Name, g.Group.Number(), g.Group.Slug())
		switch {
		case g.Nearest == "" && g.NearestCentre == "":
			if _, ok := analysis.ReferencePoint(g.Region); !ok {
				b.WriteString("no reference point for this region")
			} else if cols[g.Group] == 0 {
				b.WriteString("no centre of this group in force anywhere")
			} else {
				b.WriteString("no located centre or region with a reference point has one")
			}
		default:
			if g.Nearest != "" {
				nr, _ := network.RegionOf(g.Nearest)
				fmt.Fprintf(&b, "nearest region %s (%.0f km)", nr.Name, g.NearestKm)
			}
			if g.NearestCentre != "" {
				if g.Nearest != "" {
					b.WriteString("; ")
				}
				fmt.Fprintf(&b, "nearest located centre %s (%.0f km)", g.NearestCentre, g.NearestCentreKm)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

func cell(v int) string {
	if v == 0 {
		return ".\t"
	}
	return fmt.Sprintf("%d\t", v)
}
