// Command dossier checks a competence centre's application file (the
// specification and model convention of annexe 3 of the 2007 circular, in
// the rarenet-dossier/1 format) and reports what is missing or
// inconsistent, optionally cross-checked against a network: the reference
// centres the file names, the coordinators who must sign, and the labels
// the team already holds.
//
// Usage:
//
//	go run ./examples/dossier -file FILE [flags]
//
// Flags:
//
//	-file FILE       the application file; "-" reads standard input (required)
//	-network FILE    a rarenet/1 network document for the cross-checks;
//	                 "-" reads standard input
//	-embedded        cross-check against the embedded national network
//	-format F        text (for people, the default) or json (for programs)
//	-fail-on S       exit 1 when a finding of severity S or worse exists:
//	                 violation (the default), advice, info or never
//
// Without -network or -embedded the cross-checks are skipped. Standard
// output holds the report only. Exit status: 0 no finding at or above
// -fail-on, 1 some, 2 bad usage or bad input (each error on standard
// error names the file, the path and the field, and quotes the value).
//
// A regional agency receiving applications would run, for each file, with
// the network it keeps:
//
//	go run ./examples/dossier -file ccmr-x.json -network region.json -format json
//
// examples/dossier/testdata holds a sample of each: ccmr-x.json, a file one
// coordinator has not signed, and region.json, a small network.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rarenet/rarenet/examples/internal/cli"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/typology"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dossier", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fileFlag := fs.String("file", "", "the application `FILE` (rarenet-dossier/1); - reads standard input")
	netFlag := fs.String("network", "", "a rarenet/1 network `FILE` for the cross-checks; - reads standard input")
	embedded := fs.Bool("embedded", false, "cross-check against the embedded national network")
	format := fs.String("format", "text", "the report's `format`: text or json")
	failOn := fs.String("fail-on", "violation", "exit 1 when a finding of this `severity` or worse exists: violation, advice, info or never")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "dossier: "+format+"\n", a...)
		fs.Usage()
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument %q", fs.Arg(0))
	case *fileFlag == "":
		return usage("-file is required")
	case *netFlag != "" && *embedded:
		return usage("-network and -embedded are exclusive: cross-check against one network")
	case *fileFlag == "-" && *netFlag == "-":
		return usage("-file and -network cannot both read standard input")
	case *format != "text" && *format != "json":
		return usage("-format: %q is not text or json", *format)
	}
	var threshold rules.Severity // the zero Severity: never fail
	if *failOn != "never" {
		s, err := rules.ParseSeverity(*failOn)
		if err != nil {
			return usage("-fail-on: %q is not violation, advice, info or never", *failOn)
		}
		threshold = s
	}

	fileName, f, err := readFile(*fileFlag, stdin)
	if err != nil {
		return bad(stderr, err)
	}
	var n *network.Network
	netName := ""
	switch {
	case *embedded:
		n, netName = network.National(), "embedded"
	case *netFlag != "":
		netName, n, err = readNetwork(*netFlag, stdin)
		if err != nil {
			return bad(stderr, err)
		}
	}

	findings := dossier.Check(f, n)
	if *format == "json" {
		err = writeJSON(stdout, fileName, netName, f, findings)
	} else {
		err = writeText(stdout, fileName, netName, f, findings)
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return 2
	}
	if threshold.IsValid() {
		for _, x := range findings {
			if x.Severity.AtLeast(threshold) {
				return 1
			}
		}
	}
	return 0
}

// inputError is a problem with an input file: the file's name and the
// decoding error, which may join several.
type inputError struct {
	name string
	err  error
}

func (e *inputError) Error() string { return e.name + ": " + e.err.Error() }

// bad prints an input error, one line per problem, each naming the file,
// and returns exit status 2.
func bad(stderr io.Writer, err error) int {
	var ie *inputError
	if !errors.As(err, &ie) {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return 2
	}
	errs := []error{ie.err}
	if j, ok := ie.err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		for line := range strings.Lines(e.Error()) {
			fmt.Fprintf(stderr, "dossier: %s: %s\n", cli.Escape(ie.name), cli.Escape(strings.TrimSuffix(line, "\n")))
		}
	}
	return 2
}

// open returns the reader named by a flag, "-" being standard input.
func open(name string, stdin io.Reader) (string, io.ReadCloser, error) {
	if name == "-" {
		return "standard input", io.NopCloser(stdin), nil
	}
	fh, err := os.Open(name)
	if err != nil {
		return name, nil, err
	}
	return name, fh, nil
}

func readFile(name string, stdin io.Reader) (string, dossier.File, error) {
	shown, r, err := open(name, stdin)
	if err != nil {
		return shown, dossier.File{}, err
	}
	defer r.Close()
	f, err := dossier.Decode(r)
	if err != nil {
		return shown, dossier.File{}, &inputError{shown, err}
	}
	return shown, f, nil
}

func readNetwork(name string, stdin io.Reader) (string, *network.Network, error) {
	shown, r, err := open(name, stdin)
	if err != nil {
		return shown, nil, err
	}
	defer r.Close()
	n, err := network.Decode(r)
	if err != nil {
		return shown, nil, &inputError{shown, err}
	}
	return shown, n, nil
}

func summary(fs []rules.Finding) rules.Summary {
	return rules.NewReport(labelling.Date{}, fs).Summary()
}

// jsonFinding is a finding as the audit program's JSON report writes one.
type jsonFinding struct {
	Rule        string         `json:"rule"`
	Severity    rules.Severity `json:"severity"`
	Subject     string         `json:"subject,omitzero"`
	SubjectKind string         `json:"subject_kind,omitzero"`
	Year        int            `json:"year,omitzero"`
	Date        labelling.Date `json:"date,omitzero"`
	Group       typology.Group `json:"group,omitzero"`
	Message     string         `json:"message,omitzero"`
	Source      string         `json:"source,omitzero"`
}

type jsonReport struct {
	File        string           `json:"file"`
	Applicant   network.CentreID `json:"applicant"`
	Team        network.TeamID   `json:"team"`
	Group       typology.Group   `json:"group"`
	Transmitted labelling.Date   `json:"transmitted"`
	Network     string           `json:"network,omitzero"`
	Findings    []jsonFinding    `json:"findings"`
	Summary     rules.Summary    `json:"summary"`
}

// writeJSON writes the report: the file and its identity, the network it
// was cross-checked against (left out when none), the findings in the
// shape of the audit program's ([] when there are none) and the summary.
func writeJSON(w io.Writer, fileName, netName string, f dossier.File, fs []rules.Finding) error {
	doc := jsonReport{
		File: fileName, Applicant: f.Applicant, Team: f.Team, Group: f.Group, Transmitted: f.Transmitted,
		Network: netName, Findings: make([]jsonFinding, len(fs)), Summary: summary(fs),
	}
	for i, x := range fs {
		doc.Findings[i] = jsonFinding{
			Rule: x.Rule, Severity: x.Severity, Subject: x.Subject, SubjectKind: x.SubjectKind,
			Year: x.Year, Date: x.Date, Group: x.Group, Message: x.Message, Source: x.Source,
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// writeText writes the report for people: what was checked, the counts,
// then the findings grouped by severity and rule, each with its message
// and its source.
func writeText(w io.Writer, fileName, netName string, f dossier.File, fs []rules.Finding) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Application file %s\n", cli.Escape(fileName))
	fmt.Fprintf(bw, "  applicant %s, team %s, group %d (%s), transmitted %v\n",
		cli.Escape(string(f.Applicant)), cli.Escape(string(f.Team)), f.Group.Number(), f.Group.NameFR(), f.Transmitted)
	if netName == "" {
		fmt.Fprintf(bw, "  not cross-checked against a network (give -network FILE or -embedded)\n")
	} else {
		fmt.Fprintf(bw, "  cross-checked against the network %s\n", cli.Escape(netName))
	}
	if len(fs) == 0 {
		fmt.Fprintf(bw, "\nNo findings.\n")
		return bw.Flush()
	}
	s := summary(fs)
	fmt.Fprintf(bw, "\n%s (%s, %s, %s).\n", plural(len(fs), "finding", "findings"),
		plural(s.Violation, "violation", "violations"), plural(s.Advice, "advice", "advice"), plural(s.Info, "info", "info"))
	titles := make(map[string]string)
	for _, r := range dossier.Rules() {
		titles[r.ID] = r.Title
	}
	headings := map[rules.Severity]string{rules.Violation: "Violations", rules.Advice: "Advice", rules.Info: "Info"}
	// Findings come sorted by severity, then rule.
	for i := 0; i < len(fs); {
		sev := fs[i].Severity
		j := i
		for j < len(fs) && fs[j].Severity == sev {
			j++
		}
		fmt.Fprintf(bw, "\n%s (%d)\n", headings[sev], j-i)
		for k := i; k < j; {
			l := k
			for l < j && fs[l].Rule == fs[k].Rule {
				l++
			}
			fmt.Fprintf(bw, "\n  %s (%d): %s\n", fs[k].Rule, l-k, titles[fs[k].Rule])
			for _, x := range fs[k:l] {
				fmt.Fprintf(bw, "    - %s\n      source: %s\n", cli.Escape(x.Message), x.Source)
			}
			k = l
		}
		i = j
	}
	return bw.Flush()
}
