//go:build !(js && wasm)

package main

import (
	"encoding/json"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var screenshots = flag.String("screenshots", "", "write the browser test's screenshots into this `folder` (the README's pictures: -screenshots screenshots)")

// TestBrowser builds the page, serves it on 127.0.0.1 and drives it in
// the system's Chromium with Playwright (e2e/e2e.mjs): open a document,
// audit it, follow one finding's evidence into the document, draw the
// map and the timeline, download the report, open a bad document.
//
// It needs node, Chromium and e2e/node_modules (npm ci --prefix
// examples/web/e2e). Without them it is skipped, unless RARENET_E2E=1
// (as in CI), where their absence fails it.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the page for WebAssembly and starts a browser")
	}
	required := os.Getenv("RARENET_E2E") == "1"
	missing := func(what string) {
		if required {
			t.Fatalf("RARENET_E2E=1 but %s", what)
		}
		t.Skipf("%s (set RARENET_E2E=1 to make this a failure)", what)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		missing("Chromium is not installed at " + chromium)
	}
	if _, err := os.Stat("e2e/node_modules/playwright-core"); err != nil {
		missing("e2e/node_modules lacks playwright-core (npm ci --prefix examples/web/e2e)")
	}

	site := t.TempDir()
	if _, err := buildPage(site); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.FileServer(http.Dir(site)))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	defer srv.Close()

	shots := *screenshots
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	doc, _ := filepath.Abs("testdata/network.json")
	bad, _ := filepath.Abs("testdata/bad.json")
	args := []string{"e2e/e2e.mjs", srv.URL + "/index.html", doc, bad, "2020-01-01", shots}
	// RARENET_E2E_BIG names a national-scale document to time in the page
	// (a measurement, printed with -v; nothing is asserted on the time).
	if big := os.Getenv("RARENET_E2E_BIG"); big != "" {
		args = append(args, big)
	}
	cmd := exec.Command(node, args...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("e2e.mjs: %v\n%s", err, stderr.String())
	}
	var got struct {
		Findings           int               `json:"findings"`
		AuditMs            int               `json:"auditMs"`
		Summary            string            `json:"summary"`
		Rules              []string          `json:"rules"`
		EvidenceRule       string            `json:"evidenceRule"`
		EvidencePointer    string            `json:"evidencePointer"`
		Highlighted        string            `json:"highlighted"`
		Map                int               `json:"map"`
		DownloadName       string            `json:"downloadName"`
		DownloadFindings   int               `json:"downloadFindings"`
		SARIFName          string            `json:"sarifName"`
		SARIFResults       int               `json:"sarifResults"`
		BadErrors          []string          `json:"badErrors"`
		AuditHidden        bool              `json:"auditHidden"`
		RequestsAfterReady []string          `json:"requestsAfterReady"`
		PageErrors         []string          `json:"pageErrors"`
		BigMs              int               `json:"bigMs"`
		BigWallMs          int               `json:"bigWallMs"`
		BigFindings        int               `json:"bigFindings"`
		BigStages          map[string]string `json:"bigStages"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("e2e.mjs printed %q: %v", out, err)
	}
	t.Logf("audit in the page: %d findings in %d ms", got.Findings, got.AuditMs)
	if got.BigWallMs > 0 {
		t.Logf("national-scale document: %d findings on screen %d ms after it was picked (%d ms measured by the page)", got.BigFindings, got.BigWallMs, got.BigMs)
		t.Logf("stages (ms): %v", got.BigStages)
	}
	if got.Findings != 3 || !strings.Contains(got.Summary, "3 finding(s) on 2020-01-01") {
		t.Errorf("findings = %d, summary %q; want 3 on 2020-01-01", got.Findings, got.Summary)
	}
	if len(got.Rules) != 3 {
		t.Errorf("rules listed: %q, want 3", got.Rules)
	}
	if got.EvidenceRule != "" && !strings.Contains(got.Highlighted, "{") {
		t.Errorf("evidence of %s (%s) highlighted %q, want a record's line", got.EvidenceRule, got.EvidencePointer, got.Highlighted)
	}
	if got.Map < 1000 {
		t.Errorf("the map's SVG is %d bytes", got.Map)
	}
	if got.DownloadName != "rarenet-audit.json" || got.DownloadFindings != 3 {
		t.Errorf("download %q with %d findings, want rarenet-audit.json with 3", got.DownloadName, got.DownloadFindings)
	}
	if got.SARIFName != "rarenet-audit.sarif" || got.SARIFResults != 3 {
		t.Errorf("SARIF download %q with %d results, want rarenet-audit.sarif with 3", got.SARIFName, got.SARIFResults)
	}
	if len(got.BadErrors) != 1 || !strings.Contains(got.BadErrors[0], "labels[0].start") || !strings.Contains(got.BadErrors[0], "line 6") {
		t.Errorf("bad document errors = %q, want one naming labels[0].start at line 6", got.BadErrors)
	}
	if !got.AuditHidden {
		t.Error("the audit stays open after a bad document")
	}
	if len(got.RequestsAfterReady) > 0 {
		t.Errorf("the page made requests after it loaded: %q", got.RequestsAfterReady)
	}
	if len(got.PageErrors) > 0 {
		t.Errorf("the page threw: %q", got.PageErrors)
	}
}
