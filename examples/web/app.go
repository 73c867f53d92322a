package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/sarif"
	"github.com/rarenet/rarenet/typology"
)

// The page's Go side is a small request/response API over strings: the
// JavaScript glue (main_js.go) passes each call's JSON argument to
// [page.call] and hands the JSON answer back. Keeping it free of
// syscall/js lets ordinary Go tests exercise everything the page does.

// A page holds the network the user opened and the last audit.
type page struct {
	net   *network.Network
	name  string // "embedded" or the file name the user gave
	doc   []byte // the document as shown in the document view
	lines []int  // byte offset of each line's start in doc
	// pos maps the canonical pointers of evidence to the records'
	// places in the document the user opened; nil for the embedded
	// network, whose document view is its encoding.
	pos    *network.Positions
	report rules.Report
	found  []rules.Finding   // the report's findings, built once for the pages
	have   bool              // report holds an audit of net
	ranges map[string][2]int // each rule's findings in found
}

// An openAnswer is the answer to "open" and "embedded".
type openAnswer struct {
	OK     bool       `json:"ok"`
	Name   string     `json:"name"`
	Stats  string     `json:"stats,omitempty"`
	Lines  int        `json:"lines,omitempty"`
	Errors []docError `json:"errors,omitempty"`
	Groups []option   `json:"groups,omitempty"`
	Rules  []ruleInfo `json:"rules,omitempty"`
}

// A docError is one decoding problem, with where it points in the
// document when that can be told.
type docError struct {
	Message string `json:"message"`
	Path    string `json:"path,omitempty"`  // "centres[3]"
	ID      string `json:"id,omitempty"`    // the entity's ID
	Field   string `json:"field,omitempty"` // "labels[0].start"
	Line    int    `json:"line,omitempty"`  // the entity's line, 1-based
}

type option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

type ruleInfo struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Source   string `json:"source"`
}

// maxErrors bounds the decoding errors the page lists: the decoder
// already caps them, this keeps the page's list short.
const maxErrors = 200

// open decodes a document the user dropped or picked. On error no network
// is kept: the page shows the errors next to the records they name.
func (p *page) open(name string, doc []byte) openAnswer {
	dec := network.NewBytesDecoder(doc) // the page keeps doc: read in place
	dec.RecordPositions = true
	n, err := dec.Decode()
	if err != nil {
		*p = page{}
		return openAnswer{Name: name, Errors: docErrors(doc, err)}
	}
	p.set(n, name, doc)
	p.pos = dec.Positions()
	return p.opened()
}

// embedded opens the embedded national reference network, shown in the
// document view as its rarenet/1 encoding, the form evidence points into.
func (p *page) embedded() openAnswer {
	n := network.National()
	var buf bytes.Buffer
	if err := network.Encode(&buf, n); err != nil {
		return openAnswer{Name: "embedded", Errors: []docError{{Message: err.Error()}}}
	}
	p.set(n, "embedded", buf.Bytes())
	return p.opened()
}

func (p *page) set(n *network.Network, name string, doc []byte) {
	*p = page{net: n, name: name, doc: doc, lines: lineStarts(doc)}
}

func (p *page) opened() openAnswer {
	a := openAnswer{OK: true, Name: p.name, Stats: statsText(p.net.Stats()), Lines: len(p.lines)}
	for g := range typology.Groups() {
		a.Groups = append(a.Groups, option{Value: strconv.Itoa(int(g)), Label: strconv.Itoa(int(g)) + ". " + g.NameEN()})
	}
	for _, r := range rules.Catalogue() {
		a.Rules = append(a.Rules, ruleInfo{ID: r.ID(), Severity: r.Severity().String(), Title: r.Title(), Source: r.Source()})
	}
	return a
}

func statsText(s network.Stats) string {
	return fmt.Sprintf("%d establishments, %d teams, %d centres, %d labels, %d conventions, %d sectors, %d platforms",
		s.Establishments, s.Teams, s.Centres, s.Labels, s.Conventions, s.Filieres, s.Platforms)
}

// docErrors turns a decoding error into one entry a problem, each with
// the line of the entity it names when the document parses far enough to
// find it.
func docErrors(doc []byte, err error) []docError {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var out []docError
	for _, e := range errs {
		if len(out) == maxErrors {
			out = append(out, docError{Message: fmt.Sprintf("and %d more errors", len(errs)-maxErrors)})
			break
		}
		d := docError{Message: e.Error()}
		var fe *network.FieldError
		if errors.As(e, &fe) {
			d.Path, d.ID, d.Field = fe.Path, fe.ID, fe.Field
			if ptr, ok := pathPointer(fe.Path); ok {
				if off, ok := locate(doc, ptr); ok {
					d.Line = lineOf(doc, off)
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// pathPointer turns an entity path of a FieldError ("centres[3]") into a
// JSON Pointer ("/centres/3").
func pathPointer(path string) (string, bool) {
	i := strings.IndexByte(path, '[')
	if i <= 0 || !strings.HasSuffix(path, "]") {
		return "", false
	}
	k, err := strconv.Atoi(path[i+1 : len(path)-1])
	if err != nil || k < 0 {
		return "", false
	}
	return "/" + path[:i] + "/" + strconv.Itoa(k), true
}

// An auditQuery is the argument of "audit": the form's fields.
type auditQuery struct {
	At       string `json:"at"`       // YYYY-MM-DD
	Rules    string `json:"rules"`    // comma-separated patterns, as -rules
	Skip     string `json:"skip"`     // as -skip
	Coverage bool   `json:"coverage"` // as -coverage
	FailOn   string `json:"fail_on"`  // as -fail-on
}

// An auditAnswer is what the page shows of an audit: the counts, and the
// rules that found something with how many findings each. The findings
// themselves are fetched a page at a time ("findings"): a national
// document has thousands, and encoding them all for the page would cost
// more than the audit.
type auditAnswer struct {
	At      string        `json:"at"`
	Network string        `json:"network"`
	Summary rules.Summary `json:"summary"`
	Total   int           `json:"total"`
	Fails   bool          `json:"fails"` // the audit program would exit 1
	Rules   []ruleCount   `json:"rules"`
}

// A ruleCount is one rule of the report, in the report's order.
type ruleCount struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	Count    int    `json:"count"`
}

func (p *page) audit(q auditQuery) (auditAnswer, error) {
	if p.net == nil {
		return auditAnswer{}, errors.New("open a network first")
	}
	at, err := labelling.ParseDate(q.At)
	if err != nil {
		return auditAnswer{}, fmt.Errorf("date: %q is not a date (YYYY-MM-DD)", cut(q.At))
	}
	var min rules.Severity
	if q.FailOn != "never" && q.FailOn != "" {
		if min, err = rules.ParseSeverity(q.FailOn); err != nil {
			return auditAnswer{}, fmt.Errorf("fail on: %q is not violation, advice, info or never", cut(q.FailOn))
		}
	}
	cfg := rules.DefaultConfig()
	cfg.Coverage = q.Coverage
	cfg.Rules = splitList(q.Rules)
	cfg.Skip = splitList(q.Skip)
	r, err := rules.Check(p.net, at, cfg)
	if err != nil {
		return auditAnswer{}, err
	}
	// Evidence points into the document the user opened (FORMAT.md:
	// into the audited document as read); without positions (the
	// embedded network) it keeps the canonical pointers of its encoding.
	r = r.Locate(p.pos)
	p.report, p.found, p.have = r, r.Findings(), true
	p.ranges = map[string][2]int{}
	a := auditAnswer{At: at.String(), Network: p.name, Summary: r.Summary(), Total: r.Len(), Rules: []ruleCount{}}
	// Findings are sorted by severity, then rule: each rule's are
	// contiguous.
	for i, f := range p.found {
		if n := len(a.Rules); n > 0 && a.Rules[n-1].Rule == f.Rule {
			a.Rules[n-1].Count++
			continue
		}
		rc := ruleCount{Rule: f.Rule, Severity: f.Severity.String(), Source: f.Source, Count: 1}
		if rule, ok := rules.Lookup(f.Rule); ok {
			rc.Title = rule.Title()
		}
		a.Rules = append(a.Rules, rc)
		p.ranges[f.Rule] = [2]int{i, i}
	}
	for _, rc := range a.Rules {
		p.ranges[rc.Rule] = [2]int{p.ranges[rc.Rule][0], p.ranges[rc.Rule][0] + rc.Count}
	}
	worst, ok := r.Worst()
	a.Fails = ok && min != 0 && worst.AtLeast(min)
	return a, nil
}

// maxPage bounds the findings one "findings" call returns.
const maxPage = 500

// findings returns count findings of one rule of the last audit, from the
// from-th, with their evidence: FORMAT.md's findings, as the JSON report
// writes them.
func (p *page) findings(rule string, from, count int) ([]rules.Finding, error) {
	if !p.have {
		return nil, errors.New("run an audit first")
	}
	rg, ok := p.ranges[rule]
	if !ok {
		return nil, fmt.Errorf("rule: %q has no finding in the last audit", cut(rule))
	}
	if from < 0 || count < 0 {
		return nil, fmt.Errorf("from %d, count %d: not a page of findings", from, count)
	}
	lo := min(rg[0]+from, rg[1])
	hi := min(lo+min(count, maxPage), rg[1])
	return p.found[lo:hi:hi], nil
}

// download renders the last audit's report as a file: "json" (FORMAT.md's
// report), "sarif" (SARIF 2.1.0, as the audit program's -format sarif) or
// "csv" (one row a finding).
func (p *page) download(format string) (string, error) {
	if !p.have {
		return "", errors.New("run an audit first")
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = p.report.WriteJSON(&buf, p.name)
	case "sarif":
		// Evidence of a document the user opened points into it: name
		// it as the log's artifact; the embedded network has none.
		doc := p.name
		if p.pos == nil {
			doc = ""
		}
		err = sarif.Write(&buf, p.report, rules.Catalogue(), doc)
	case "csv":
		err = writeFindingsCSV(&buf, p.report)
	default:
		return "", fmt.Errorf("format: %q is not json, sarif or csv", cut(format))
	}
	return buf.String(), err
}

// writeFindingsCSV writes one row a finding, with the report's columns.
// Spreadsheets run cells that begin with = + - @ as formulas, so such
// cells get a leading apostrophe.
func writeFindingsCSV(w io.Writer, r rules.Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"rule", "severity", "subject_kind", "subject", "year", "date", "group", "message", "source"})
	for _, f := range r.Findings() {
		row := []string{f.Rule, f.Severity.String(), f.SubjectKind, f.Subject, "", "", "", f.Message, f.Source}
		if f.Year != 0 {
			row[4] = strconv.Itoa(f.Year)
		}
		if !f.Date.IsZero() {
			row[5] = f.Date.String()
		}
		if f.Group != 0 {
			row[6] = strconv.Itoa(int(f.Group))
		}
		for i, c := range row {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				row[i] = "'" + c
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// A pictureQuery is the argument of "picture".
type pictureQuery struct {
	Kind  string `json:"kind"` // map, heatmap or timeline
	At    string `json:"at"`
	Group int    `json:"group"`
	Tier  string `json:"tier"` // reference, competence or all
	From  int    `json:"from"` // timeline: first and last year
	To    int    `json:"to"`
}

// picture draws one of the analysis package's SVG pictures.
func (p *page) picture(q pictureQuery) (string, error) {
	if p.net == nil {
		return "", errors.New("open a network first")
	}
	at, err := labelling.ParseDate(q.At)
	if err != nil {
		return "", fmt.Errorf("date: %q is not a date (YYYY-MM-DD)", cut(q.At))
	}
	var tier typology.Tier
	if q.Tier != "" && q.Tier != "all" {
		if tier, err = typology.ParseTier(q.Tier); err != nil {
			return "", fmt.Errorf("tier: %q is not reference, competence or all", cut(q.Tier))
		}
	}
	var buf bytes.Buffer
	switch q.Kind {
	case "map":
		g := typology.Group(q.Group)
		if !g.IsValid() {
			return "", fmt.Errorf("group: %d is not a group (1 to 17)", q.Group)
		}
		err = analysis.MapSVG(&buf, analysis.Cover(p.net, at), g, tier, analysis.Chart{Title: fmt.Sprintf("%s, group %d, %s", p.name, g, at), Basis: analysis.Describe(p.net, p.name)})
	case "heatmap":
		err = analysis.HeatmapSVG(&buf, analysis.Cover(p.net, at), tier, analysis.Chart{Title: fmt.Sprintf("%s, centres in force on %s", p.name, at), Basis: analysis.Describe(p.net, p.name)})
	case "timeline":
		from, to := q.From, q.To
		if from == 0 {
			from = 2004
		}
		if to == 0 {
			to = at.Year()
		}
		if from > to || to-from > 100 {
			return "", fmt.Errorf("years: %d to %d is not a span of at most 100 years", from, to)
		}
		// As the timeline program draws it: a step on every day a count
		// changes, from 1 January of the first year to the chosen day.
		start := labelling.MakeDate(from, time.January, 1)
		end := at
		if to < at.Year() {
			end = labelling.MakeDate(to, time.December, 31)
		}
		days := []labelling.Date{start, end}
		if w, err := labelling.NewWindow(start, end.AddDays(1)); err == nil {
			days = append(days, analysis.ChangeDays(p.net, w)...)
		}
		slices.SortFunc(days, labelling.Date.Compare)
		pts := analysis.Timeline(p.net, slices.Compact(days)...)
		err = analysis.TimelineSVG(&buf, pts, analysis.Chart{Title: fmt.Sprintf("%s, centres in force from %d to %s", p.name, from, end), Basis: analysis.Describe(p.net, p.name)})
	default:
		return "", fmt.Errorf("kind: %q is not map, heatmap or timeline", cut(q.Kind))
	}
	return buf.String(), err
}

// An excerpt is a few lines of the document around a record, for the
// document view: the page never puts a whole national document in the
// DOM.
type excerpt struct {
	First int      `json:"first"` // number of the first line shown, 1-based
	Mark  int      `json:"mark"`  // the line to highlight, 0 for none
	Lines []string `json:"lines"`
}

// excerptAt returns the lines around the record at pointer (an RFC 6901
// pointer into the document), or around line when pointer is empty.
func (p *page) excerptAt(pointer string, line, context int) (excerpt, error) {
	if p.doc == nil {
		return excerpt{}, errors.New("open a network first")
	}
	if pointer != "" {
		off, ok := locate(p.doc, pointer)
		if !ok {
			return excerpt{}, fmt.Errorf("pointer: %q names no record of the document", cut(pointer))
		}
		line = lineOf(p.doc, off)
	}
	if line < 1 || line > len(p.lines) {
		return excerpt{}, fmt.Errorf("line: %d is not a line of the document", line)
	}
	context = min(max(context, 0), 200)
	first, last := max(1, line-context), min(len(p.lines), line+context)
	ex := excerpt{First: first, Mark: line}
	for l := first; l <= last; l++ {
		ex.Lines = append(ex.Lines, shortLine(p.lineText(l)))
	}
	return ex, nil
}

func (p *page) lineText(l int) string {
	start := p.lines[l-1]
	end := len(p.doc)
	if l < len(p.lines) {
		end = p.lines[l]
	}
	return strings.TrimRight(string(p.doc[start:end]), "\r\n")
}

// shortLine cuts a line of the view to 300 characters: a minified
// document is one line.
func shortLine(s string) string {
	if utf8.RuneCountInString(s) <= 300 {
		return s
	}
	r := []rune(s)
	return string(r[:300]) + " ..."
}

func lineStarts(doc []byte) []int {
	starts := []int{0}
	for i, b := range doc {
		if b == '\n' && i+1 < len(doc) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line of byte offset off.
func lineOf(doc []byte, off int) int {
	return bytes.Count(doc[:min(off, len(doc))], []byte{'\n'}) + 1
}

// cut shortens a value quoted in an error, as the library's errors do.
func cut(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// call runs one request of the JavaScript side: a method name and its
// JSON argument, and for "open" the document's bytes (passed apart, so a
// national document is not escaped into JSON and back); the answer is
// JSON, {"error": "..."} on failure. Nothing it receives can make it
// panic: bad arguments are errors.
func (p *page) call(method, arg string, data []byte) (answer string) {
	defer func() {
		if r := recover(); r != nil {
			answer = errorAnswer(fmt.Errorf("internal error: %v", r))
		}
	}()
	var v any
	var err error
	switch method {
	case "embedded":
		v = p.embedded()
	case "open":
		var a struct {
			Name string `json:"name"`
			Text string `json:"text"` // when data is nil
		}
		if err = json.Unmarshal([]byte(arg), &a); err == nil {
			if data == nil {
				data = []byte(a.Text)
			}
			v = p.open(a.Name, data)
		}
	case "audit":
		var q auditQuery
		if err = json.Unmarshal([]byte(arg), &q); err == nil {
			v, err = p.audit(q)
		}
	case "findings":
		var a struct {
			Rule  string `json:"rule"`
			From  int    `json:"from"`
			Count int    `json:"count"`
		}
		if err = json.Unmarshal([]byte(arg), &a); err == nil {
			var fs []rules.Finding
			fs, err = p.findings(a.Rule, a.From, a.Count)
			v = map[string][]rules.Finding{"findings": fs}
		}
	case "picture":
		var q pictureQuery
		if err = json.Unmarshal([]byte(arg), &q); err == nil {
			var svg string
			svg, err = p.picture(q)
			v = map[string]string{"svg": svg}
		}
	case "download":
		var a struct {
			Format string `json:"format"`
		}
		if err = json.Unmarshal([]byte(arg), &a); err == nil {
			var text string
			text, err = p.download(a.Format)
			v = map[string]string{"text": text}
		}
	case "excerpt":
		var a struct {
			Pointer string `json:"pointer"`
			Line    int    `json:"line"`
			Context int    `json:"context"`
		}
		if err = json.Unmarshal([]byte(arg), &a); err == nil {
			v, err = p.excerptAt(a.Pointer, a.Line, a.Context)
		}
	default:
		err = fmt.Errorf("unknown call %q", cut(method))
	}
	if err != nil {
		return errorAnswer(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return errorAnswer(err)
	}
	return string(b)
}

func errorAnswer(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}
