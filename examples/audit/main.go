// Command audit checks a rare-disease care network against the rule
// catalogue of package rules and prints the report.
//
// Usage:
//
//	go run ./examples/audit [-network FILE] [-at YYYY-MM-DD] [-format text|json|sarif]
//	                        [-explain] [-rules ID,...] [-skip ID,...] [-coverage]
//	                        [-fail-on violation|advice|info|never] [-prevalences FILE]
//
// Without -network it audits the embedded national reference network
// (network.National); -network - reads the document from standard input.
// The audit date defaults to today, read once here: the library never
// reads the clock. A rule ID in -rules or -skip may end with '*'
// ("label.*"); naming a coverage rule in -rules runs it even without
// -coverage.
//
// -prevalences FILE reads Orphanet's prevalence product (en_product9_prev.xml,
// from Orphadata) and sets the prevalence class of every listed disease of
// the network before the audit (package network/orphadata: validated point
// prevalence, France over Europe), so that the rules that need classes
// (competence.interregional-preferred) have them. What it set and the
// ORPHAcodes it could not (not listed, retired, no usable class) are
// written on standard error.
//
// Standard output holds only the report (FORMAT.md's JSON with -format
// json; SARIF 2.1.0 with -format sarif, for CI systems that show findings
// on the document). Each finding carries its evidence, the records that
// caused it: in the JSON and SARIF reports always, in the text report
// with -explain. When the network was read from a file or standard input,
// evidence gives each record's line and column in it. The exit status is 0 when no finding is at or above -fail-on
// (violation by default), 1 when one is, and 2 for bad usage or bad input,
// with the error on standard error naming the file, the entity and the
// field, and quoting the offending value.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/orphadata"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/sarif"
)

func main() {
	collectLate = true
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}

// collectLate makes load defer garbage collection (see deferGC): set by
// main only, so that the tests and benchmarks, which call run many times
// in one process, keep the runtime's settings.
var collectLate bool

// deferGC sets the collector of this process, about to read a document of
// size bytes, to run only when the heap nears a limit proportional to the
// document, rather than each time the heap doubles.
//
// Why: the program holds what it reads (the network, its audit, the
// report) until it exits, so a collection before the report is written
// frees little, yet the runtime starts with a 4 MiB goal and collected
// four times while a national document (5 MB) was decoded and audited,
// re-marking the growing network each time: about 5 ms of CPU of 44 and
// 8 ms of 48 elapsed (medians of 30 runs, the program without this
// setting against it). The whole run allocates 3 to 4 times the document
// (national: 16 to 19 MB for 5.2 MB), so a limit of 8 times the
// document, plus 64 MiB for the runtime and small documents, leaves it
// uncollected, and memory stays proportional to the document: past the
// limit the collector runs as usual. A GOGC or GOMEMLIMIT set in the environment is left alone.
func deferGC(size int64) {
	if size <= 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(64<<20 + 8*min(size, 1<<40))
	debug.SetGCPercent(-1)
}

// Exit statuses.
const (
	exitOK       = 0 // no finding at or above -fail-on
	exitFindings = 1 // findings at or above -fail-on
	exitUsage    = 2 // bad usage or bad input
)

// usageError is an error in the command line: the usage is printed after
// it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// run is the program: it parses args, reads the network (from stdin for
// "-network -"), audits it and writes the report to stdout, errors to
// stderr, and returns the exit status. now is called once, for the
// default audit date.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) (code int) {
	defer func() {
		// A last resort: no input may crash the program with a stack
		// trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "audit: internal error: %v\n", oneLine(fmt.Sprint(r)))
			code = exitUsage
		}
	}()
	code, err := audit(args, stdin, stdout, stderr, now)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "audit: %s\n", line)
		}
		var u *usageError
		if errors.As(err, &u) {
			fmt.Fprintln(stderr, "usage: audit [-network FILE] [-at YYYY-MM-DD] [-format text|json|sarif] [-explain] [-rules ID,...] [-skip ID,...] [-coverage] [-fail-on violation|advice|info|never] [-prevalences FILE]")
		}
		return exitUsage
	}
	return code
}

func audit(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) (int, error) {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		file     = fs.String("network", "", "the network `FILE` to audit (a rarenet/1 document); - reads standard input; default: the embedded national reference network")
		atFlag   = fs.String("at", "", "the audit `date`, YYYY-MM-DD (default today)")
		format   = fs.String("format", "text", "the report's `format`: text, json or sarif")
		explain  = fs.Bool("explain", false, "text report: list under each finding the records that caused it")
		only     = fs.String("rules", "", "run only these rules: comma-separated `IDs`, each possibly ending with * (label.*)")
		skip     = fs.String("skip", "", "skip these rules: comma-separated `IDs`, each possibly ending with *")
		coverage = fs.Bool("coverage", false, "also run the coverage analysis rules")
		failOn   = fs.String("fail-on", "violation", "exit 1 when a finding of this `severity` or worse exists: violation, advice, info or never")
		prevs    = fs.String("prevalences", "", "set the diseases' prevalence classes from Orphanet's prevalence product `FILE` (en_product9_prev.xml) before the audit; what was set goes to standard error")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, err
		}
		return exitUsage, fmt.Errorf("%w", err) // the flag package has printed the usage
	}
	if fs.NArg() > 0 {
		return exitUsage, &usageError{fmt.Sprintf("unexpected argument %q (flags come before arguments, and there are no arguments)", fs.Arg(0))}
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return exitUsage, &usageError{fmt.Sprintf("-format: %q is not a format (text, json or sarif)", *format)}
	}
	var min rules.Severity // the least severe level that fails; zero: never
	if *failOn != "never" {
		s, err := rules.ParseSeverity(*failOn)
		if err != nil {
			return exitUsage, &usageError{fmt.Sprintf("-fail-on: %q is not violation, advice, info or never", *failOn)}
		}
		min = s
	}
	var at labelling.Date
	if *atFlag == "" {
		at = labelling.DateOf(now())
	} else {
		d, err := labelling.ParseDate(*atFlag)
		if err != nil {
			return exitUsage, &usageError{fmt.Sprintf("-at: %q is not a date (YYYY-MM-DD): %v", *atFlag, err)}
		}
		at = d
	}
	cfg := rules.DefaultConfig()
	cfg.Coverage = *coverage
	cfg.Rules = splitList(*only)
	cfg.Skip = splitList(*skip)

	// Positions serve the evidence, which the plain text report omits.
	n, name, pos, err := load(*file, stdin, *format != "text" || *explain)
	if err != nil {
		return exitUsage, err
	}
	if *prevs != "" {
		if n, err = withPrevalences(n, *prevs, stderr); err != nil {
			return exitUsage, err
		}
	}
	report, err := rules.Check(n, at, cfg)
	if err != nil {
		return exitUsage, flagErrors(err)
	}
	// Evidence points into the document as read (FORMAT.md), with line
	// and column; the embedded network has no positions: nothing to locate.
	report = report.Locate(pos)
	// The report runs to megabytes: 64 KiB writes, not 4 KiB ones (one
	// system call each).
	w := bufio.NewWriterSize(stdout, 64<<10)
	switch {
	case *format == "json":
		err = report.WriteJSON(w, name)
	case *format == "sarif":
		doc := *file
		if doc == "-" {
			doc = "" // standard input has no path: logical locations only
		}
		err = sarif.Write(w, report, rules.Catalogue(), doc)
	case *explain:
		err = report.WriteTextEvidence(w)
	default:
		err = report.WriteText(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return exitUsage, fmt.Errorf("writing the report: %w", err)
	}
	if worst, ok := report.Worst(); ok && min != 0 && worst.AtLeast(min) {
		return exitFindings, nil
	}
	return exitOK, nil
}

// flagErrors rewrites the pattern errors of rules.Check in terms of the
// flags.
func flagErrors(err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var msgs []string
	for _, e := range errs {
		if pe, ok := errors.AsType[*rules.PatternError](e); ok {
			msgs = append(msgs, fmt.Sprintf("-%s: %q %s", strings.ToLower(pe.Field), pe.Pattern, pe.Reason))
		} else {
			msgs = append(msgs, e.Error())
		}
	}
	return &usageError{strings.Join(msgs, "\n")}
}

// splitList splits a comma-separated flag value, dropping spaces and
// empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// withPrevalences returns n with the prevalence classes of Orphanet's
// product in file, and writes what it set and could not set on stderr.
func withPrevalences(n *network.Network, file string, stderr io.Writer) (*network.Network, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err // *PathError: "open FILE: reason"
	}
	defer f.Close()
	p, err := orphadata.Read(f)
	if err != nil {
		return nil, prefixLines(file, err)
	}
	n, rep, err := orphadata.Apply(n, p)
	if err != nil {
		return nil, err
	}
	return n, rep.WriteText(stderr)
}

// load reads the network to audit and returns it with the name the JSON
// report gives it: the file as given, "-" for standard input, "embedded"
// for the embedded network; and, for a document read with positions, the
// positions of its records. Decoding errors are prefixed with the file
// name, one problem a line.
func load(file string, stdin io.Reader, positions bool) (*network.Network, string, *network.Positions, error) {
	var dec *network.Decoder
	name := file
	switch file {
	case "":
		return network.National(), "embedded", nil, nil
	case "-":
		name = "standard input"
		if f, ok := stdin.(*os.File); ok && collectLate {
			deferGC(regularSize(f)) // a pipe's size is not known: the runtime's default
		}
		dec = network.NewDecoder(bufio.NewReader(stdin))
	default:
		f, err := os.Open(file)
		if err != nil {
			return nil, "", nil, err // *PathError: "open FILE: reason"
		}
		defer f.Close()
		size := regularSize(f)
		if collectLate {
			deferGC(size)
		}
		// A file of a size the decoder takes is mapped (see mapFile), or
		// else read whole, and decoded in place, by two goroutines where
		// there are two processors; a larger one, or one of unknown size,
		// streams (and is refused at the limit without being read whole).
		// (On 32-bit platforms, where an int stops at 2 GiB, a file near the
		// limit streams too.)
		if size > 0 && size <= network.DefaultMaxDocumentBytes && size < math.MaxInt-bytes.MinRead {
			if doc, unmap, ok := mapDocument(f, size); ok {
				defer unmap() // once decoded: the network keeps nothing of doc
				dec = network.NewBytesDecoder(doc)
				dec.RecordPositions = positions
				n, err := decodeMapped(dec)
				if err != nil {
					return nil, "", nil, prefixLines(name, err)
				}
				return n, file, dec.Positions(), nil
			}
			var doc bytes.Buffer // read to its end, should it have grown
			doc.Grow(int(size) + bytes.MinRead)
			if _, err := doc.ReadFrom(io.LimitReader(f, network.DefaultMaxDocumentBytes+1)); err != nil {
				return nil, "", nil, prefixLines(name, err)
			}
			dec = network.NewBytesDecoder(doc.Bytes()) // refused past the limit
		} else {
			dec = network.NewDecoder(bufio.NewReader(f))
		}
	}
	dec.RecordPositions = positions
	n, err := dec.Decode()
	if err != nil {
		return nil, "", nil, prefixLines(name, err)
	}
	return n, file, dec.Positions(), nil
}

// regularSize returns the size of f if it is a regular file, else 0.
func regularSize(f *os.File) int64 {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	return fi.Size()
}

// mapDocument is mapFile, but in the tests that compare with a file read.
var mapDocument = mapFile

// decodeMapped decodes a document mapped by mapFile: a fault reading it,
// when the file was truncated meanwhile, is an error.
func decodeMapped(dec *network.Decoder) (n *network.Network, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			n, err = nil, errors.New("the file changed while it was read")
		}
	}()
	return dec.Decode()
}

// prefixLines returns err with every line of its message prefixed by
// "name: ": errors.Join puts one problem a line.
func prefixLines(name string, err error) error {
	lines := strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = name + ": " + l
	}
	return errors.New(strings.Join(lines, "\n"))
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
