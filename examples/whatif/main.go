// Command whatif runs the rules of a rare-disease care network twice —
// under two configurations, on two dates, or both — and reports what
// appears, what disappears and what stays: for example, which competence
// centres would fall short if the minimum active file rose from 25 to 30,
// or what changed in the audit between two dates. Findings are matched by
// rule, subject, year, date and group, never by message.
//
// Usage:
//
//	go run ./examples/whatif [flags]
//
// Flags:
//
//	-network FILE    a rarenet/1 network document; "-" reads standard input
//	                 (default: the embedded national reference network)
//	-at YYYY-MM-DD   the audit date of scenario A (default: today)
//	-vs YYYY-MM-DD   the audit date of scenario B (default: -at)
//	-set NAME=VALUE  change scenario B's configuration (repeatable):
//	                 MinActiveFile=30, LabelTerm=6, LowPrevalence=1-9/1000000,
//	                 FilieresSince=2016-01-01, DesignationDeadline=2008-03-01,
//	                 Coverage=true
//	-rules ID,...    run only these rules in both scenarios (IDs or prefixes
//	                 ending with *)
//	-skip ID,...     skip these rules in both scenarios
//	-coverage        also run the coverage analysis rules in both scenarios
//	-format text|json  text for people (default), json for programs
//
// Standard output holds the report only. Exit status: 0 done, 2 bad usage
// or bad input.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rarenet/rarenet/examples/internal/cli"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// today is read once, when -at is not given: the only clock of the program.
var today = func() labelling.Date { return labelling.DateOf(time.Now()) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("whatif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	netFile := fs.String("network", "", "a rarenet/1 network `FILE`; - reads standard input (default: the embedded national network)")
	atFlag := fs.String("at", "", "the audit date of scenario A, `YYYY-MM-DD` (default: today)")
	vsFlag := fs.String("vs", "", "the audit date of scenario B, `YYYY-MM-DD` (default: -at)")
	var sets []string
	fs.Func("set", "change scenario B's configuration: `NAME=VALUE` (repeatable)", func(s string) error {
		sets = append(sets, s)
		return nil
	})
	rulesFlag := fs.String("rules", "", "run only these rules, `ID,...` (a prefix may end with *)")
	skipFlag := fs.String("skip", "", "skip these rules, `ID,...`")
	coverage := fs.Bool("coverage", false, "also run the coverage analysis rules")
	format := fs.String("format", "text", "`text` for people, json for programs")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "whatif: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	if *format != "text" && *format != "json" {
		return fail("-format: %q is not text or json", *format)
	}
	var at labelling.Date
	var err error
	if *atFlag == "" {
		at = today()
	} else if at, err = labelling.ParseDate(*atFlag); err != nil {
		return fail("-at: %v", err)
	}
	vs := at
	if *vsFlag != "" {
		if vs, err = labelling.ParseDate(*vsFlag); err != nil {
			return fail("-vs: %v", err)
		}
	}
	a := rules.DefaultConfig()
	a.Coverage = *coverage
	a.Rules, a.Skip = list(*rulesFlag), list(*skipFlag)
	b := a
	for _, s := range sets {
		if err := set(&b, s); err != nil {
			return fail("-set %s: %v", s, err)
		}
	}
	n, name, err := cli.LoadNetwork(*netFile, stdin)
	if err != nil {
		return fail("%v", err)
	}
	d, err := rules.WhatIf(rules.Scenario{Network: n, At: at, Config: a}, rules.Scenario{Network: n, At: vs, Config: b})
	if err != nil {
		return fail("%v", err)
	}
	if *format == "json" {
		err = d.WriteJSON(stdout, name)
	} else {
		fmt.Fprintf(stdout, "Scenario A: %s on %v, %s\n", name, at, describe(a, rules.DefaultConfig()))
		fmt.Fprintf(stdout, "Scenario B: %s on %v, %s\n", name, vs, describe(b, rules.DefaultConfig()))
		err = d.WriteText(stdout)
	}
	if err != nil {
		return fail("%v", err)
	}
	return 0
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// set applies NAME=VALUE to cfg.
func set(cfg *rules.Config, s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		return errors.New("want NAME=VALUE")
	}
	intValue := func(dst *int) error {
		v, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", value)
		}
		*dst = v
		return nil
	}
	dateValue := func(dst *labelling.Date) error {
		d, err := labelling.ParseDate(value)
		if err != nil {
			return err
		}
		*dst = d
		return nil
	}
	switch strings.ToLower(name) {
	case "minactivefile":
		return intValue(&cfg.MinActiveFile)
	case "labelterm":
		return intValue(&cfg.LabelTerm)
	case "filieressince":
		return dateValue(&cfg.FilieresSince)
	case "designationdeadline":
		return dateValue(&cfg.DesignationDeadline)
	case "lowprevalence":
		p, err := typology.ParsePrevalence(value)
		if err != nil {
			return err
		}
		cfg.LowPrevalence = p
		return nil
	case "coverage":
		v, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("%q is not true or false", value)
		}
		cfg.Coverage = v
		return nil
	}
	return fmt.Errorf("unknown setting %q (MinActiveFile, LabelTerm, LowPrevalence, FilieresSince, DesignationDeadline or Coverage)", name)
}

// describe says how cfg differs from the default configuration.
func describe(cfg, def rules.Config) string {
	var diffs []string
	if cfg.MinActiveFile != def.MinActiveFile {
		diffs = append(diffs, fmt.Sprintf("MinActiveFile=%d", cfg.MinActiveFile))
	}
	if cfg.LabelTerm != def.LabelTerm {
		diffs = append(diffs, fmt.Sprintf("LabelTerm=%d", cfg.LabelTerm))
	}
	if cfg.LowPrevalence != def.LowPrevalence {
		diffs = append(diffs, fmt.Sprintf("LowPrevalence=%v", cfg.LowPrevalence))
	}
	if cfg.FilieresSince != def.FilieresSince {
		diffs = append(diffs, fmt.Sprintf("FilieresSince=%v", cfg.FilieresSince))
	}
	if cfg.DesignationDeadline != def.DesignationDeadline {
		diffs = append(diffs, fmt.Sprintf("DesignationDeadline=%v", cfg.DesignationDeadline))
	}
	if cfg.Coverage {
		diffs = append(diffs, "Coverage=true")
	}
	if len(cfg.Rules) > 0 {
		diffs = append(diffs, "rules "+strings.Join(cfg.Rules, ","))
	}
	if len(cfg.Skip) > 0 {
		diffs = append(diffs, "skipping "+strings.Join(cfg.Skip, ","))
	}
	if len(diffs) == 0 {
		return "default configuration"
	}
	return "default configuration but " + strings.Join(diffs, ", ")
}
