// Command export writes a rare-disease care network as data for other
// tools: a rarenet/1 document, CSV tables or a Graphviz graph.
//
// Usage:
//
//	go run ./examples/export [-network FILE | -from-csv DIR] [-at YYYY-MM-DD] [-format json|csv|dot|fhir|geojson] [-date YYYY-MM-DD] [-dir DIR]
//
// Without -network it exports the embedded national reference network
// (network.National); -network - reads the document from standard input.
// With -at it exports the network as it stood that day
// (network.Network.Snapshot): the centres holding a label in force, with
// those labels, and the conventions running; then only the teams those
// centres belong to, and only the establishments of those teams or hosting
// a sector or a platform (a team without a centre in force, or a hospital
// with no team, centre, sector or platform, was not part of the network
// that day). Sectors and platforms are all kept.
//
// -from-csv DIR reads the network from CSV tables instead of a document:
// the tables -format csv writes, possibly edited (package
// network/csvtable says what they hold; errors name the table, line, row
// and column).
//
// -format json (the default) writes the rarenet/1 document on standard
// output. -format csv writes one table per kind of record into -dir
// (created if needed; default the current directory): establishments.csv,
// teams.csv, centres.csv, diseases.csv, labels.csv, events.csv,
// activity.csv, conventions.csv, filieres.csv and platforms.csv, each with
// a header row, in ID order (network/csvtable).
// -format fhir writes an HL7 FHIR R4 Bundle (type collection) on standard
// output (package network/fhir): an Organization per establishment, legal
// entity, centre, sector and platform, an OrganizationAffiliation per label,
// convention party, attachment and sector membership, a HealthcareService
// per centre, a Location per establishment with a known position. -date
// says on which day resources are active (default: the -at date, else
// today).
//
// -format geojson writes an RFC 7946 FeatureCollection on standard output
// (package network/geojson): the establishments with a known position as
// points carrying their centres (in force or not on -date), and the
// metropolitan regions as polygons carrying the number of centres in force
// on -date by disease group, with the outlines' attribution.
//
// -format dot writes a Graphviz digraph of the sectors, centres and
// conventions on standard output (render it with dot -Tsvg).
//
// The output is deterministic: the same network gives the same bytes. The
// exit status is 0 when all went well and 2 for bad usage, bad input or an
// output that cannot be written, with the error on standard error naming
// the file, the entity and the field, and quoting the offending value.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/csvtable"
	"github.com/rarenet/rarenet/network/fhir"
	"github.com/rarenet/rarenet/network/geojson"
	"github.com/rarenet/rarenet/typology"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitUsage = 2 // bad usage, bad input, or output that cannot be written
)

const usage = "usage: export [-network FILE | -from-csv DIR] [-at YYYY-MM-DD] [-format json|csv|dot|fhir|geojson] [-date YYYY-MM-DD] [-dir DIR]"

// today is the default export date of -format fhir; tests replace it.
var today = func() labelling.Date { return labelling.DateOf(time.Now()) }

// usageError is an error in the command line: the usage is printed after
// it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// run is the program: it parses args, reads the network (from stdin for
// "-network -"), and writes it to stdout or, for CSV, into the -dir
// directory; errors go to stderr, one problem a line. It returns the exit
// status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A last resort: no input may crash the program with a stack
		// trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "export: internal error: %v\n", oneLine(fmt.Sprint(r)))
			code = exitUsage
		}
	}()
	err := export(args, stdin, stdout, stderr)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(stderr, "export: %s\n", line)
	}
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintln(stderr, usage)
	}
	return exitUsage
}

func export(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		file   = fs.String("network", "", "the network `FILE` to export (a rarenet/1 document); - reads standard input; default: the embedded national reference network")
		from   = fs.String("from-csv", "", "read the network from the CSV tables in `DIR` (as -format csv writes them) instead of a document")
		atFlag = fs.String("at", "", "keep only what is in force on this day, `YYYY-MM-DD` (default: everything)")
		format = fs.String("format", "json", "the output `FORMAT`: json (a rarenet/1 document), csv (one table per entity kind, into -dir), dot (a Graphviz graph), fhir (a FHIR R4 bundle) or geojson (an RFC 7946 feature collection)")
		onFlag = fs.String("date", "", "the export day of -format fhir and geojson, `YYYY-MM-DD`: what is active and in force that day (default: -at, else today)")
		dir    = fs.String("dir", ".", "the directory `DIR` where -format csv writes its tables")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w", err) // the flag package has printed the usage
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q (flags come before arguments, and there are no arguments)", fs.Arg(0))}
	}
	switch *format {
	case "json", "csv", "dot", "fhir", "geojson":
	default:
		return &usageError{fmt.Sprintf("-format: %q is not a format (json, csv, dot, fhir or geojson)", *format)}
	}
	dirSet, dateSet := false, false
	fs.Visit(func(f *flag.Flag) { dirSet, dateSet = dirSet || f.Name == "dir", dateSet || f.Name == "date" })
	if dateSet && *format != "fhir" && *format != "geojson" {
		return &usageError{"-date: only -format fhir and geojson have an export date (-at keeps what is in force on a day)"}
	}
	if dirSet && *format != "csv" {
		return &usageError{fmt.Sprintf("-dir: only -format csv writes into a directory (the %s output goes to standard output)", *format)}
	}
	var at labelling.Date
	if *atFlag != "" {
		d, err := labelling.ParseDate(*atFlag)
		if err != nil {
			return &usageError{fmt.Sprintf("-at: %q is not a date (YYYY-MM-DD)", *atFlag)}
		}
		at = d
	}

	if *from != "" && *file != "" {
		return &usageError{"-from-csv and -network both name the network to export: give one"}
	}
	var n *network.Network
	var err error
	if *from != "" {
		n, err = csvtable.Read(*from)
		if err != nil {
			// "DIR/centres.csv:4: row 3 ...": each line names its table.
			err = prefixLines(strings.TrimSuffix(*from, "/")+"/", err)
			err = errors.New(strings.ReplaceAll(err.Error(), "/: ", "/"))
		}
	} else {
		n, err = load(*file, stdin)
	}
	if err != nil {
		return err
	}
	if !at.IsZero() {
		if n, err = inForce(n, at); err != nil {
			return err
		}
	}
	on := at
	if *onFlag != "" {
		d, err := labelling.ParseDate(*onFlag)
		if err != nil {
			return &usageError{fmt.Sprintf("-date: %q is not a date (YYYY-MM-DD)", *onFlag)}
		}
		on = d
	}
	if on.IsZero() {
		on = today()
	}
	switch *format {
	case "fhir":
		return writeTo(stdout, "standard output", func(w io.Writer) error {
			return fhir.Encode(w, n, fhir.Options{At: on, Indent: true})
		})
	case "geojson":
		return writeTo(stdout, "standard output", func(w io.Writer) error {
			return geojson.Encode(w, n, geojson.Options{At: on})
		})
	case "csv":
		return csvtable.Write(*dir, n)
	case "dot":
		return writeTo(stdout, "standard output", func(w io.Writer) error { return writeDot(w, n) })
	default:
		return writeTo(stdout, "standard output", func(w io.Writer) error { return network.Encode(w, n) })
	}
}

// inForce returns n as it stood on day at: its snapshot, less the teams
// that hold no centre in force and the establishments that then hold no
// team and host no sector or platform.
func inForce(n *network.Network, at labelling.Date) (*network.Network, error) {
	s := n.Snapshot(at)
	teams := make(map[network.TeamID]bool)
	estabs := make(map[network.EstablishmentID]bool)
	b := new(network.Builder)
	for c := range s.Centres() {
		teams[c.Team] = true
		b.AddCentre(c)
	}
	for t := range s.Teams() {
		if teams[t.ID] {
			estabs[t.Establishment] = true
			b.AddTeam(t)
		}
	}
	for f := range s.Filieres() {
		estabs[f.Host] = true
		b.AddFiliere(f)
	}
	for p := range s.Platforms() {
		estabs[p.Host] = true
		b.AddPlatform(p)
	}
	for c := range s.Conventions() {
		b.AddConvention(c)
	}
	for e := range s.Establishments() {
		if estabs[e.ID] {
			b.AddEstablishment(e)
		}
	}
	return b.Build()
}

// load reads the network to export. Decoding errors are prefixed with the
// file name ("standard input" for -), one problem a line.
func load(file string, stdin io.Reader) (*network.Network, error) {
	switch file {
	case "":
		return network.National(), nil
	case "-":
		n, err := network.Decode(stdin)
		if err != nil {
			return nil, prefixLines("standard input", err)
		}
		return n, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err // *PathError: "open FILE: reason"
	}
	defer f.Close()
	n, err := network.Decode(f)
	if err != nil {
		return nil, prefixLines(file, err)
	}
	return n, nil
}

// writeTo runs write on a buffered w and flushes it, naming the output in
// an error.
func writeTo(w io.Writer, name string, write func(io.Writer) error) error {
	bw := bufio.NewWriter(w)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
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

// ---- Graphviz ----

// writeDot writes a digraph of the sectors (folders), the centres
// (reference centres as bold boxes, competence centres as ellipses) and
// their links: a sector to its member centres, a constitutive site to its
// coordinating site (dotted), and each convention from its reference
// centres to its competence centre, labelled with its ID (dashed once
// ended). Node names are prefixed by their kind, so that a sector and a
// centre may share an ID.
func writeDot(w io.Writer, n *network.Network) error {
	ew := &errWriter{w: w}
	ew.printf("digraph rarenet {\n")
	ew.printf("  graph [rankdir=LR, fontname=\"Helvetica\"];\n")
	ew.printf("  node [fontname=\"Helvetica\", fontsize=10];\n")
	ew.printf("  edge [fontname=\"Helvetica\", fontsize=8];\n")
	for f := range n.Filieres() {
		ew.printf("  %s [shape=folder, label=%s];\n", dotID("filiere", string(f.ID)), dotQuote(string(f.ID)+"\n"+f.Name))
	}
	for c := range n.Centres() {
		attrs := "shape=ellipse"
		if c.Tier == typology.Reference {
			attrs = "shape=box, style=bold"
		}
		label := fmt.Sprintf("%s\n%s\n%s, group %d", c.ID, c.Name, c.Kind, c.Group)
		ew.printf("  %s [%s, label=%s];\n", dotID("centre", string(c.ID)), attrs, dotQuote(label))
	}
	for f := range n.Filieres() {
		for _, m := range f.Members {
			ew.printf("  %s -> %s [color=gray];\n", dotID("filiere", string(f.ID)), dotID("centre", string(m)))
		}
	}
	for c := range n.Centres() {
		if c.CoordinatingSite != "" {
			ew.printf("  %s -> %s [style=dotted, label=\"site of\"];\n", dotID("centre", string(c.ID)), dotID("centre", string(c.CoordinatingSite)))
		}
	}
	for cv := range n.Conventions() {
		style := ""
		if !cv.End.IsZero() {
			style = ", style=dashed"
		}
		for _, r := range cv.Reference {
			ew.printf("  %s -> %s [label=%s%s];\n", dotID("centre", string(r)), dotID("centre", string(cv.Competence)), dotQuote(string(cv.ID)), style)
		}
	}
	ew.printf("}\n")
	return ew.err
}

// dotID returns the quoted node name of an entity: its kind and its ID.
func dotID(kind, id string) string { return dotQuote(kind + ":" + id) }

// dotQuote quotes s as a DOT string: backslashes and quotes escaped,
// newlines written \n (a centred line break in a label).
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// errWriter keeps the first write error, so that printing goes on
// unchecked.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
