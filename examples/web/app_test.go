package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/rules/sarif"
	"pgregory.net/rapid"
)

// do calls the page as the JavaScript glue does and decodes the answer.
func do[T any](t *testing.T, p *page, method string, arg any) T {
	t.Helper()
	b, err := json.Marshal(arg)
	if err != nil {
		t.Fatal(err)
	}
	answer := p.call(method, string(b), nil)
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(answer), &e) == nil && e.Error != "" {
		t.Fatalf("%s(%s): %s", method, b, e.Error)
	}
	var v T
	if err := json.Unmarshal([]byte(answer), &v); err != nil {
		t.Fatalf("%s: answer %q: %v", method, answer, err)
	}
	return v
}

// fails calls the page and returns the error it answers, failing the test
// when it answers none.
func fails(t *testing.T, p *page, method, arg string) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	answer := p.call(method, arg, nil)
	if err := json.Unmarshal([]byte(answer), &e); err != nil || e.Error == "" {
		t.Fatalf("%s(%s) = %s, want an error", method, arg, answer)
	}
	return e.Error
}

type report struct {
	At       string `json:"at"`
	Network  string `json:"network"`
	Findings []struct {
		Rule     string            `json:"rule"`
		Subject  string            `json:"subject"`
		Evidence []json.RawMessage `json:"evidence"`
	} `json:"findings"`
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOpenAuditDownload(t *testing.T) {
	var p page
	doc := readFile(t, "testdata/network.json")
	open := do[openAnswer](t, &p, "open", map[string]string{"name": "network.json", "text": doc})
	if !open.OK || open.Name != "network.json" || len(open.Groups) != 17 || len(open.Rules) == 0 {
		t.Fatalf("open = %+v", open)
	}
	if !strings.Contains(open.Stats, "2 centres") {
		t.Errorf("stats = %q, want 2 centres", open.Stats)
	}
	a := do[auditAnswer](t, &p, "audit", auditQuery{At: "2020-01-01", FailOn: "violation"})
	if a.Network != "network.json" || a.At != "2020-01-01" || a.Total != 3 {
		t.Errorf("audit names %q at %q with %d findings", a.Network, a.At, a.Total)
	}
	var got []string
	for _, rc := range a.Rules {
		got = append(got, fmt.Sprintf("%s %s %d", rc.Rule, rc.Severity, rc.Count))
		if rc.Title == "" || rc.Source == "" {
			t.Errorf("rule %s without title or source: %+v", rc.Rule, rc)
		}
	}
	want := []string{
		"competence.min-active-file violation 1",
		"convention.missing-cosignatory advice 1",
		"platform.single-centre-host advice 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if !a.Fails {
		t.Error("a violation with -fail-on violation: fails = false")
	}
	// Evidence points into the document as read: ccmr-b is the second
	// centre of the file (the first in ID order), its 2019 activity on
	// line 23.
	page := do[report](t, &p, "findings", map[string]any{"rule": "competence.min-active-file", "count": 10})
	if len(page.Findings) != 1 || page.Findings[0].Subject != "ccmr-b" || len(page.Findings[0].Evidence) != 1 {
		t.Fatalf("findings of competence.min-active-file = %+v", page)
	}
	ev0 := map[string]any{}
	json.Unmarshal(page.Findings[0].Evidence[0], &ev0)
	if ev0["pointer"] != "/centres/1/activity/1" || ev0["line"] != float64(23) {
		t.Errorf("evidence of the first finding = %v, want /centres/1/activity/1 on line 23", ev0)
	}
	if page := do[report](t, &p, "findings", map[string]any{"rule": "competence.min-active-file", "from": 1, "count": 10}); len(page.Findings) != 0 {
		t.Errorf("the second page of a rule with one finding holds %d", len(page.Findings))
	}
	fails(t, &p, "findings", `{"rule":"label.overlap"}`)
	fails(t, &p, "findings", `{"rule":"competence.min-active-file","from":-1}`)
	if a := do[auditAnswer](t, &p, "audit", auditQuery{At: "2020-01-01", FailOn: "never"}); a.Fails {
		t.Error("fail on never: fails = true")
	}
	only := do[auditAnswer](t, &p, "audit", auditQuery{At: "2020-01-01", Rules: "platform.*"})
	if only.Total != 1 {
		t.Errorf("rules platform.*: %d findings, want 1", only.Total)
	}

	// The downloads hold the last audit.
	js := do[map[string]string](t, &p, "download", map[string]string{"format": "json"})["text"]
	var r report
	if err := json.Unmarshal([]byte(js), &r); err != nil || len(r.Findings) != 1 {
		t.Errorf("JSON download: %v, %d findings, want 1", err, len(r.Findings))
	}
	text := do[map[string]string](t, &p, "download", map[string]string{"format": "csv"})["text"]
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "rule" || rows[1][0] != "platform.single-centre-host" {
		t.Errorf("CSV download: %v, rows %q", err, rows)
	}
	sar := do[map[string]string](t, &p, "download", map[string]string{"format": "sarif"})["text"]
	var log sarif.Log
	if err := json.Unmarshal([]byte(sar), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("SARIF download: %v, %.200s", err, sar)
	}
	if loc := log.Runs[0].Results[0].Locations[0].PhysicalLocation; loc == nil || loc.ArtifactLocation.URI != "network.json" || loc.Region.StartLine != 17 {
		t.Errorf("SARIF location = %+v, want line 17 of network.json (the host's centre, first in document order)", loc)
	}
	fails(t, &p, "download", `{"format":"xml"}`)
}

func TestOpenBadDocument(t *testing.T) {
	var p page
	open := do[openAnswer](t, &p, "open", map[string]string{"name": "bad.json", "text": readFile(t, "testdata/bad.json")})
	if open.OK || len(open.Errors) != 1 {
		t.Fatalf("open bad.json = %+v, want one error", open)
	}
	e := open.Errors[0]
	if e.Path != "centres[0]" || e.ID != "crmr-a" || e.Field != "labels[0].start" || e.Line != 6 {
		t.Errorf("error = %+v, want centres[0], crmr-a, labels[0].start, line 6", e)
	}
	if !strings.Contains(e.Message, `"2017-13-01"`) {
		t.Errorf("message %q does not quote the value", e.Message)
	}
	// No network is kept after a failed open.
	if msg := fails(t, &p, "audit", `{"at":"2020-01-01"}`); !strings.Contains(msg, "open a network") {
		t.Errorf("audit after a failed open: %q", msg)
	}
}

func TestEmbeddedAndPictures(t *testing.T) {
	var p page
	open := do[openAnswer](t, &p, "embedded", nil)
	if !open.OK || open.Name != "embedded" || open.Lines < 100 {
		t.Fatalf("embedded = %+v", open)
	}
	a := do[auditAnswer](t, &p, "audit", auditQuery{At: "2024-06-01"})
	if a.Total == 0 {
		t.Error("the embedded network has no finding on 2024-06-01")
	}
	for _, q := range []pictureQuery{
		{Kind: "map", At: "2024-06-01", Group: 12, Tier: "all"},
		{Kind: "map", At: "2024-06-01", Group: 1, Tier: "competence"},
		{Kind: "heatmap", At: "2024-06-01", Tier: "reference"},
		{Kind: "timeline", At: "2024-06-01", From: 2010, To: 2024},
	} {
		svg := do[map[string]string](t, &p, "picture", q)["svg"]
		if !strings.HasPrefix(strings.TrimSpace(svg), "<svg") && !strings.HasPrefix(svg, "<?xml") {
			t.Errorf("%+v: not an SVG: %.60q", q, svg)
		}
	}
	for _, bad := range []string{
		`{"kind":"map","at":"2024-06-01","group":18}`,
		`{"kind":"pie","at":"2024-06-01"}`,
		`{"kind":"map","at":"tomorrow","group":1}`,
		`{"kind":"heatmap","at":"2024-06-01","tier":"both"}`,
		`{"kind":"timeline","at":"2024-06-01","from":1000,"to":3000}`,
	} {
		fails(t, &p, "picture", bad)
	}
	// The document view shows the encoding of the embedded network.
	ex := do[excerpt](t, &p, "excerpt", map[string]any{"pointer": "/centres/0", "context": 2})
	if ex.Mark < 1 || len(ex.Lines) == 0 || !strings.Contains(strings.Join(ex.Lines, "\n"), `"id"`) {
		t.Errorf("excerpt of /centres/0 = %+v", ex)
	}
}

func TestExcerptAndBadCalls(t *testing.T) {
	var p page
	fails(t, &p, "excerpt", `{"line":1}`)
	do[openAnswer](t, &p, "open", map[string]string{"name": "n", "text": readFile(t, "testdata/network.json")})
	ex := do[excerpt](t, &p, "excerpt", map[string]any{"pointer": "/conventions/0", "context": 1})
	if ex.Mark != 28 || ex.First != 27 || len(ex.Lines) != 3 || !strings.Contains(ex.Lines[1], `"conv-1"`) {
		t.Errorf("excerpt = %+v, want line 28 marked", ex)
	}
	fails(t, &p, "excerpt", `{"pointer":"/conventions/9"}`)
	fails(t, &p, "excerpt", `{"line":10000}`)
	fails(t, &p, "nothing", `{}`)
	fails(t, &p, "audit", `not json`)
	fails(t, &p, "audit", `{"at":"2020-02-30"}`)
	fails(t, &p, "audit", `{"at":"2020-01-01","fail_on":"sometimes"}`)
	fails(t, &p, "audit", `{"at":"2020-01-01","rules":"nosuch.rule"}`)
	fails(t, &p, "download", `{"format":"json"}`)
}

func TestPathPointer(t *testing.T) {
	for path, want := range map[string]string{"centres[3]": "/centres/3", "teams[0]": "/teams/0", "": "", "x": "", "a[-1]": "", "a[b]": ""} {
		got, ok := pathPointer(path)
		if got != want || ok != (want != "") {
			t.Errorf("pathPointer(%q) = %q, %v, want %q", path, got, ok, want)
		}
	}
}

// jsonValue draws a small JSON value of nested objects and arrays.
func jsonValue(t *rapid.T, depth int) any {
	kind := rapid.IntRange(0, 3).Draw(t, "kind")
	if depth > 3 {
		kind = rapid.IntRange(0, 1).Draw(t, "leaf")
	}
	switch kind {
	case 0:
		return rapid.StringMatching(`[a-z/~ "é]{0,6}`).Draw(t, "s")
	case 1:
		return rapid.IntRange(-5, 5000).Draw(t, "n")
	case 2:
		n := rapid.IntRange(0, 4).Draw(t, "len")
		a := make([]any, n)
		for i := range a {
			a[i] = jsonValue(t, depth+1)
		}
		return a
	default:
		n := rapid.IntRange(0, 4).Draw(t, "len")
		m := map[string]any{}
		for range n {
			m[rapid.StringMatching(`[a-z/~]{1,3}`).Draw(t, "key")] = jsonValue(t, depth+1)
		}
		return m
	}
}

// pointers lists every pointer into v with the value it names.
func pointers(v any, at string, out map[string]any) {
	out[at] = v
	switch v := v.(type) {
	case []any:
		for i, x := range v {
			pointers(x, at+"/"+strconv.Itoa(i), out)
		}
	case map[string]any:
		for k, x := range v {
			pointers(x, at+"/"+strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1"), out)
		}
	}
}

// TestLocate: the value that starts where locate says is the value the
// pointer names, for every pointer into a document indented or not.
func TestLocate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := jsonValue(t, 0)
		var doc []byte
		if rapid.Bool().Draw(t, "indent") {
			doc, _ = json.MarshalIndent(v, "", "  ")
		} else {
			doc, _ = json.Marshal(v)
		}
		all := map[string]any{}
		pointers(v, "", all)
		for ptr, want := range all {
			off, ok := locate(doc, ptr)
			if !ok {
				t.Fatalf("locate(%s, %q) found nothing", doc, ptr)
			}
			var got any
			if err := json.NewDecoder(bytes.NewReader(doc[off:])).Decode(&got); err != nil {
				t.Fatalf("at %d of %s: %v", off, doc, err)
			}
			wantJSON, _ := json.Marshal(want)
			gotJSON, _ := json.Marshal(got)
			if !bytes.Equal(wantJSON, gotJSON) {
				t.Fatalf("locate(%q) in %s: got %s, want %s", ptr, doc, gotJSON, wantJSON)
			}
		}
		if _, ok := locate(doc, "/no such key/0/1"); ok {
			if _, has := all["/no such key/0/1"]; !has {
				t.Fatalf("locate found a pointer that names nothing in %s", doc)
			}
		}
	})
}

// FuzzCall: no argument makes the page panic or answer anything but JSON.
func FuzzCall(f *testing.F) {
	doc := readFileF(f, "testdata/network.json")
	f.Add("open", `{"name":"x","text":`+strconv.Quote(doc)+`}`)
	f.Add("audit", `{"at":"2020-01-01","rules":"label.*"}`)
	f.Add("excerpt", `{"pointer":"/centres/0/labels/0"}`)
	f.Add("picture", `{"kind":"map","at":"2020-01-01","group":12}`)
	f.Add("open", `{"name":"x","text":"{\"format\":\"rarenet/1\"\u0000"}`)
	f.Fuzz(func(t *testing.T, method, arg string) {
		var p page
		p.open("seed", []byte(doc))
		answer := p.call(method, arg, nil)
		if !json.Valid([]byte(answer)) {
			t.Fatalf("call(%q, %q) answered %q", method, arg, answer)
		}
		if strings.Contains(answer, "internal error") {
			t.Fatalf("call(%q, %q) panicked: %s", method, arg, answer)
		}
	})
}

func readFileF(f *testing.F, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}
