// Package sarif writes audit reports as SARIF 2.1.0 logs (OASIS, Static
// Analysis Results Interchange Format), so that CI systems and code
// review tools show the findings on the audited document itself
// (FORMAT.md, "-format sarif").
//
// A log has one run: the rule catalogue as the tool's rules (ID, title,
// meaning, and the source text as help), one result per finding with its
// level (violation: error, advice: warning, info: note), its message, and
// its evidence as locations. The types are the subset of SARIF the log
// uses, exported so that programs and tests can read a log back.
package sarif

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/url"

	"github.com/rarenet/rarenet/rules"
)

// A Log is a SARIF log: the version, the schema and the runs.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// A Run is one run of a tool: the tool, the artifacts it analysed and its
// results.
type Run struct {
	Tool      Tool       `json:"tool"`
	Artifacts []Artifact `json:"artifacts,omitempty"`
	Results   []Result   `json:"results"`
}

// A Tool is the analysis tool of a run.
type Tool struct {
	Driver Driver `json:"driver"`
}

// A Driver is a tool's main component, with the rules it checks.
type Driver struct {
	Name           string `json:"name"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

// A Text is a SARIF message or description in plain text.
type Text struct {
	Text string `json:"text"`
}

// A Rule is a reporting descriptor: one rule of the catalogue.
type Rule struct {
	ID                   string     `json:"id"`
	ShortDescription     Text       `json:"shortDescription"`
	FullDescription      *Text      `json:"fullDescription,omitempty"`
	Help                 *Text      `json:"help,omitempty"`
	DefaultConfiguration RuleConfig `json:"defaultConfiguration"`
}

// A RuleConfig is a rule's default configuration: its level.
type RuleConfig struct {
	Level string `json:"level"`
}

// An Artifact is a file the run analysed.
type Artifact struct {
	Location ArtifactLocation `json:"location"`
}

// An ArtifactLocation names a file by URI reference.
type ArtifactLocation struct {
	URI string `json:"uri"`
}

// A Result is one finding.
type Result struct {
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          Text       `json:"message"`
	Locations        []Location `json:"locations"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
}

// A Location is where a result lies: a place in a file, named
// entities, or both.
type Location struct {
	ID               *int              `json:"id,omitempty"`
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []LogicalLocation `json:"logicalLocations,omitempty"`
	Message          *Text             `json:"message,omitempty"`
}

// A PhysicalLocation is a place in a file.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// A Region is a line (and column) of a file, from 1.
type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// A LogicalLocation names an entity: a record's ID, with its JSON
// Pointer as fully qualified name and its kind.
type LogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// sarifLevel maps a severity to a SARIF level.
func level(s rules.Severity) string {
	switch s {
	case rules.Violation:
		return "error"
	case rules.Advice:
		return "warning"
	}
	return "note"
}

// fileURI returns path as a URI reference (relative or absolute as
// given), its characters escaped as a URI path needs.
func fileURI(path string) string { return (&url.URL{Path: path}).String() }

// Write writes report as a SARIF 2.1.0 log: one run whose tool lists
// the rules of rs (the catalogue), one result per finding. When document
// is not empty (the audit read a file), a finding's first evidence record
// is its physical location in that document (its line and column when
// known) and the others are related locations; otherwise, and for
// findings without evidence (the coverage rules), results carry logical
// locations only: the subject, and the evidence's JSON Pointers.
//
// The log is indented, but for its results, one a line: a national
// audit's log is several megabytes, which encoding/json indents at a
// fraction of the speed it encodes them; and it is written as the
// report's findings are read, never held whole.
func Write(w io.Writer, report rules.Report, rs []rules.Rule, document string) error {
	run := Run{
		Tool: Tool{Driver: Driver{
			Name:           "rarenet-audit",
			InformationURI: "https://github.com/rarenet/rarenet",
			Rules:          []Rule{},
		}},
	}
	index := map[string]int{}
	for _, r := range rs {
		index[r.ID()] = len(run.Tool.Driver.Rules)
		sr := Rule{ID: r.ID(), ShortDescription: Text{r.Title()},
			DefaultConfiguration: RuleConfig{level(r.Severity())}}
		if m := r.Meaning(); m != "" {
			sr.FullDescription = &Text{m}
		}
		if s := r.Source(); s != "" {
			sr.Help = &Text{"Source: " + s}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	uri := ""
	if document != "" {
		uri = fileURI(document)
		run.Artifacts = []Artifact{{Location: ArtifactLocation{URI: uri}}}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	if err := indented(bw, run.Tool); err != nil {
		return err
	}
	if run.Artifacts != nil {
		bw.WriteString(",\n      \"artifacts\": ")
		if err := indented(bw, run.Artifacts); err != nil {
			return err
		}
	}
	bw.WriteString(",\n      \"results\": [")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	n := 0
	for f := range report.All() {
		ri, ok := index[f.Rule]
		if !ok {
			continue // not a rule of the run: cannot happen for Check's reports
		}
		if n++; n > 1 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n        ")
		buf.Reset()
		if err := enc.Encode(result(f, ri, uri)); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	if n > 0 {
		bw.WriteString("\n      ")
	}
	bw.WriteString("]\n    }\n  ]\n}\n")
	return bw.Flush()
}

// indented writes v as JSON indented at the depth of a run's members.
func indented(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "      ", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// result returns finding f of rule ri of the run as a SARIF result, its
// evidence located in the file at uri (none: "").
func result(f rules.Finding, ri int, uri string) Result {
	res := Result{RuleID: f.Rule, RuleIndex: ri, Level: level(f.Severity),
		Message: Text{f.Message}}
	subject := LogicalLocation{Name: f.Subject, Kind: f.SubjectKind}
	if uri == "" || len(f.Evidence) == 0 {
		loc := Location{LogicalLocations: []LogicalLocation{subject}}
		for _, e := range f.Evidence {
			loc.LogicalLocations = append(loc.LogicalLocations,
				LogicalLocation{Name: e.ID, FullyQualifiedName: e.Pointer, Kind: e.Kind})
		}
		res.Locations = []Location{loc}
		return res
	}
	for i, e := range f.Evidence {
		loc := Location{
			PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: uri}},
			LogicalLocations: []LogicalLocation{{Name: e.ID, FullyQualifiedName: e.Pointer, Kind: e.Kind}},
		}
		if e.Line > 0 {
			loc.PhysicalLocation.Region = &Region{StartLine: e.Line, StartColumn: e.Column}
		}
		if i == 0 {
			res.Locations = []Location{loc}
			continue
		}
		id := i
		loc.ID = &id
		loc.Message = &Text{e.Kind + " " + e.ID}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	return res
}
