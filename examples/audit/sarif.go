package main

import (
	"encoding/json"
	"io"
	"net/url"

	"github.com/rarenet/rarenet/rules"
)

// The subset of SARIF 2.1.0 (OASIS, Static Analysis Results Interchange
// Format) the audit writes: one run, the rule catalogue as the tool's
// rules, one result per finding.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool      sarifTool       `json:"tool"`
	Artifacts []sarifArtifact `json:"artifacts,omitempty"`
	Results   []sarifResult   `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      *sarifText   `json:"fullDescription,omitempty"`
	Help                 *sarifText   `json:"help,omitempty"`
	DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
}

type sarifRuleCfg struct {
	Level string `json:"level"`
}

type sarifArtifact struct {
	Location sarifArtifactLocation `json:"location"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s rules.Severity) string {
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

// writeSARIF writes report as a SARIF 2.1.0 log: one run whose tool lists
// the rules of rs (the catalogue), one result per finding. When document
// is not empty (the audit read a file), a finding's first evidence record
// is its physical location in that document (its line and column when
// known) and the others are related locations; otherwise, and for
// findings without evidence (the coverage rules), results carry logical
// locations only: the subject, and the evidence's JSON Pointers.
func writeSARIF(w io.Writer, report rules.Report, rs []rules.Rule, document string) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "rarenet-audit",
			InformationURI: "https://github.com/rarenet/rarenet",
			Rules:          []sarifRule{},
		}},
		Results: []sarifResult{},
	}
	index := map[string]int{}
	for _, r := range rs {
		index[r.ID()] = len(run.Tool.Driver.Rules)
		sr := sarifRule{ID: r.ID(), ShortDescription: sarifText{r.Title()},
			DefaultConfiguration: sarifRuleCfg{sarifLevel(r.Severity())}}
		if m := r.Meaning(); m != "" {
			sr.FullDescription = &sarifText{m}
		}
		if s := r.Source(); s != "" {
			sr.Help = &sarifText{"Source: " + s}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	uri := ""
	if document != "" {
		uri = fileURI(document)
		run.Artifacts = []sarifArtifact{{Location: sarifArtifactLocation{URI: uri}}}
	}
	for _, f := range report.Findings {
		ri, ok := index[f.Rule]
		if !ok {
			continue // not a rule of the run: cannot happen for Check's reports
		}
		res := sarifResult{RuleID: f.Rule, RuleIndex: ri, Level: sarifLevel(f.Severity),
			Message: sarifText{f.Message}}
		subject := sarifLogicalLocation{Name: f.Subject, Kind: f.SubjectKind}
		if uri == "" || len(f.Evidence) == 0 {
			loc := sarifLocation{LogicalLocations: []sarifLogicalLocation{subject}}
			for _, e := range f.Evidence {
				loc.LogicalLocations = append(loc.LogicalLocations,
					sarifLogicalLocation{Name: e.ID, FullyQualifiedName: e.Pointer, Kind: e.Kind})
			}
			res.Locations = []sarifLocation{loc}
		} else {
			for i, e := range f.Evidence {
				loc := sarifLocation{
					PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri}},
					LogicalLocations: []sarifLogicalLocation{{Name: e.ID, FullyQualifiedName: e.Pointer, Kind: e.Kind}},
				}
				if e.Line > 0 {
					loc.PhysicalLocation.Region = &sarifRegion{StartLine: e.Line, StartColumn: e.Column}
				}
				if i == 0 {
					res.Locations = []sarifLocation{loc}
					continue
				}
				id := i
				loc.ID = &id
				loc.Message = &sarifText{e.Kind + " " + e.ID}
				res.RelatedLocations = append(res.RelatedLocations, loc)
			}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}
