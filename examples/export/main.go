// Command export writes a rare-disease care network as data for other
// tools: a rarenet/1 document, CSV tables or a Graphviz graph.
//
// Usage:
//
//	go run ./examples/export [-network FILE] [-at YYYY-MM-DD] [-format json|csv|dot] [-dir DIR]
//
// Without -network it exports the embedded national reference network
// (network.National); -network - reads the document from standard input.
// With -at it exports the network as it stood that day
// (network.Network.Snapshot): the centres holding a label in force, with
// those labels, and the conventions running.
//
// -format json (the default) writes the rarenet/1 document on standard
// output. -format csv writes one table per entity kind into -dir (created
// if needed; default the current directory): establishments.csv,
// teams.csv, centres.csv, labels.csv, activity.csv, conventions.csv,
// filieres.csv and platforms.csv, each with a header row, in ID order.
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
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
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

const usage = "usage: export [-network FILE] [-at YYYY-MM-DD] [-format json|csv|dot] [-dir DIR]"

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
		atFlag = fs.String("at", "", "keep only what is in force on this `date`, YYYY-MM-DD (default: everything)")
		format = fs.String("format", "json", "the output: json (a rarenet/1 document), csv (one table per entity kind, into -dir) or dot (a Graphviz graph)")
		dir    = fs.String("dir", ".", "the `directory` where -format csv writes its tables")
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
	case "json", "csv", "dot":
	default:
		return &usageError{fmt.Sprintf("-format: %q is not a format (json, csv or dot)", *format)}
	}
	dirSet := false
	fs.Visit(func(f *flag.Flag) { dirSet = dirSet || f.Name == "dir" })
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

	n, err := load(*file, stdin)
	if err != nil {
		return err
	}
	if !at.IsZero() {
		n = n.Snapshot(at)
	}
	switch *format {
	case "csv":
		return writeTables(*dir, n)
	case "dot":
		return writeTo(stdout, "standard output", func(w io.Writer) error { return writeDot(w, n) })
	default:
		return writeTo(stdout, "standard output", func(w io.Writer) error { return network.Encode(w, n) })
	}
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

// ---- CSV ----

// A table is one CSV file: its name, header and rows.
type table struct {
	name   string
	header []string
	rows   [][]string
}

func (t *table) add(row ...string) { t.rows = append(t.rows, row) }

// tables returns the CSV tables of n, each in ID order (labels in each
// centre's order, activity by year).
func tables(n *network.Network) []*table {
	ests := &table{name: "establishments.csv", header: []string{"id", "finess", "name", "city", "region", "lat", "lon", "source", "mark"}}
	for e := range n.Establishments() {
		var lat, lon string
		if e.Location.Known {
			lat = strconv.FormatFloat(e.Location.Lat, 'f', -1, 64)
			lon = strconv.FormatFloat(e.Location.Lon, 'f', -1, 64)
		}
		ests.add(string(e.ID), e.FINESS.String(), e.Name, e.City, string(e.Region), lat, lon, e.Provenance.Source, mark(e.Provenance))
	}
	teams := &table{name: "teams.csv", header: []string{"id", "establishment", "unit", "source", "mark"}}
	for t := range n.Teams() {
		teams.add(string(t.ID), string(t.Establishment), t.Unit, t.Provenance.Source, mark(t.Provenance))
	}
	centres := &table{name: "centres.csv", header: []string{"id", "name", "tier", "role", "kind", "group", "scope", "coordinating_site", "team", "establishment", "region", "diseases", "source", "mark"}}
	labels := &table{name: "labels.csv", header: []string{"centre", "label", "start", "end", "effective_end", "act_kind", "act_date", "act_ref", "events", "designation_campaign", "designation_route", "cncl_opinion", "decision", "source", "mark"}}
	activity := &table{name: "activity.csv", header: []string{"centre", "year", "consultations", "patients", "new_patients"}}
	for c := range n.Centres() {
		var role string
		if c.Role != 0 {
			role = c.Role.String()
		}
		e, _ := n.EstablishmentOfCentre(c.ID)
		centres.add(string(c.ID), c.Name, c.Tier.String(), role, c.Kind.String(), strconv.Itoa(int(c.Group)), c.Scope.String(),
			string(c.CoordinatingSite), string(c.Team), string(e.ID), string(e.Region), diseases(c.Diseases), c.Provenance.Source, mark(c.Provenance))
		for k, l := range c.Labels {
			var campaign, route, opinion, decision string
			if ds, ok := l.Designation(); ok {
				campaign, route, opinion, decision = string(ds.Campaign), ds.Route.String(), date(ds.CNCLOpinion), date(ds.Decision)
			}
			act := l.Act()
			labels.add(string(c.ID), strconv.Itoa(k), date(l.Initial().Start()), date(l.Initial().End()), date(l.End()),
				act.Kind.String(), date(act.Date), act.Ref, events(l), campaign, route, opinion, decision,
				l.Provenance().Source, mark(l.Provenance()))
		}
		for _, a := range c.Activity {
			activity.add(string(c.ID), strconv.Itoa(a.Year), strconv.Itoa(a.Consultations), strconv.Itoa(a.Patients), strconv.Itoa(a.NewPatients))
		}
	}
	convs := &table{name: "conventions.csv", header: []string{"id", "reference", "competence", "signed", "start", "end", "signatories", "source", "mark"}}
	for c := range n.Conventions() {
		convs.add(string(c.ID), joinIDs(c.Reference), string(c.Competence), date(c.Signed), date(c.Start), date(c.End),
			joinIDs(c.Signatories), c.Provenance.Source, mark(c.Provenance))
	}
	fils := &table{name: "filieres.csv", header: []string{"id", "name", "host", "groups", "members", "source", "mark"}}
	for f := range n.Filieres() {
		groups := make([]string, len(f.Groups))
		for i, g := range f.Groups {
			groups[i] = strconv.Itoa(int(g))
		}
		fils.add(string(f.ID), f.Name, string(f.Host), strings.Join(groups, ";"), joinIDs(f.Members), f.Provenance.Source, mark(f.Provenance))
	}
	plats := &table{name: "platforms.csv", header: []string{"id", "name", "host", "overseas", "source", "mark"}}
	for p := range n.Platforms() {
		plats.add(string(p.ID), p.Name, string(p.Host), strconv.FormatBool(p.Overseas), p.Provenance.Source, mark(p.Provenance))
	}
	return []*table{ests, teams, centres, labels, activity, convs, fils, plats}
}

// writeTables writes the CSV tables of n into dir, creating it if needed.
func writeTables(dir string, n *network.Network) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err // *PathError: "mkdir DIR: reason"
	}
	for _, t := range tables(n) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(t.header)
		w.WriteAll(t.rows) // flushes
		if err := w.Error(); err != nil {
			return fmt.Errorf("writing %s: %w", t.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, t.name), buf.Bytes(), 0o644); err != nil {
			return err // *PathError: "open DIR/NAME: reason"
		}
	}
	return nil
}

// date writes d as YYYY-MM-DD, or "" for the zero Date.
func date(d labelling.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func mark(p typology.Provenance) string {
	if p.Mark == 0 {
		return ""
	}
	return p.Mark.String()
}

// joinIDs joins IDs with ";" (IDs rarely hold one; CSV quoting covers them
// when they do, but a reader splitting on ";" would not).
func joinIDs(ids []network.CentreID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ";")
}

// diseases describes a centre's diseases: "ORPHA:791 Rétinite pigmentaire
// (1-5/10000); ...", the code and prevalence when known.
func diseases(ds []typology.Disease) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString("; ")
		}
		if d.Orpha.IsValid() {
			b.WriteString(d.Orpha.String() + " ")
		}
		b.WriteString(d.Name)
		if d.Prevalence.IsKnown() {
			b.WriteString(" (" + d.Prevalence.String() + ")")
		}
	}
	return b.String()
}

// events describes a label's events in date order: "evaluation 2021-06-01
// external; extension 2022-06-01 until 2024-01-01 by arrete 2022-06-01;
// withdrawal 2023-03-01".
func events(l labelling.Label) string {
	var b strings.Builder
	for e := range l.Events() {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Kind.String() + " " + e.Date.String())
		if e.Type != labelling.Unstated {
			b.WriteString(" " + e.Type.String())
		}
		if !e.Until.IsZero() {
			b.WriteString(" until " + e.Until.String())
		}
		if !e.Act.IsZero() {
			b.WriteString(" by " + e.Act.Kind.String() + " " + e.Act.Date.String())
		}
	}
	return b.String()
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
