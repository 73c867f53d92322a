package rules_test

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// TestLocatePointsIntoTheDocumentAsRead audits a document whose lists are
// not in ID order (reversed), and checks that every evidence record of
// the located report points at a record of the document as read that
// holds its ID, with its line; and that without Locate the pointers are
// the canonical ones of Encode's order, which differ.
func TestLocatePointsIntoTheDocumentAsRead(t *testing.T) {
	var canonical bytes.Buffer
	if err := network.Encode(&canonical, networktest.Scale(200, 5, networktest.RealisticDefects)); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(canonical.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, list := range []string{"establishments", "teams", "centres", "conventions", "filieres", "platforms"} {
		if l, ok := doc[list].([]any); ok {
			slices.Reverse(l)
		}
	}
	reversed, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	dec := network.NewDecoder(bytes.NewReader(reversed))
	dec.RecordPositions = true
	n, err := dec.Decode()
	if err != nil {
		t.Fatal(err)
	}
	r, err := rules.Check(n, labelling.MustParseDate("2021-03-01"), rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	located, moved := 0, 0
	plain := r.Findings()
	for i, f := range r.Locate(dec.Positions()).Findings() {
		for j, ev := range f.Evidence {
			rec := resolve(t, doc, ev.Pointer)
			id, _ := rec["id"].(string)
			if ev.Kind == rules.EvidenceLabel || ev.Kind == rules.EvidenceEvent || ev.Kind == rules.EvidenceActivity {
				// The ID is the centre's: "/centres/12" of "/centres/12/labels/1".
				centre := strings.Join(strings.SplitN(ev.Pointer, "/", 4)[:3], "/")
				id, _ = resolve(t, doc, centre)["id"].(string)
			}
			if id != ev.ID || ev.Line == 0 {
				t.Fatalf("finding %d (%s) evidence %d: %+v points at a record with ID %q", i, f.Rule, j, ev, id)
			}
			located++
			if plain[i].Evidence[j].Pointer != ev.Pointer {
				moved++
			}
		}
	}
	if located == 0 || moved == 0 {
		t.Fatalf("%d evidence records located, %d of them moved: the test proves nothing", located, moved)
	}
}

// resolve returns the object at pointer p of doc.
func resolve(t *testing.T, doc any, p string) map[string]any {
	t.Helper()
	v := doc
	for _, tok := range strings.Split(p, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			k, err := strconv.Atoi(tok)
			if err != nil || k >= len(x) {
				t.Fatalf("pointer %q: no element %q", p, tok)
			}
			v = x[k]
		default:
			t.Fatalf("pointer %q: %q of a %T", p, tok, v)
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("pointer %q: a %T, not an object", p, v)
	}
	return m
}

// TestReadsAgree checks that every way of reading a report gives the same
// findings (Finding one at a time, All a batch at a time, Findings at
// once, through Filter), and that the text and JSON reports written from
// the engine's records, a batch at a time into reused buffers, are those
// written from the same findings made into a report with NewReport.
func TestReadsAgree(t *testing.T) {
	r, err := rules.Check(networktest.Scale(1000, 9, networktest.RealisticDefects), networktest.ScaleAt, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	all := r.Findings()
	if len(all) < 3*256 {
		t.Fatalf("%d findings, fewer than three batches: the test would prove little", len(all))
	}
	var seq []rules.Finding
	for f := range r.All() {
		seq = append(seq, f)
	}
	var one []rules.Finding
	for i := range r.Len() {
		one = append(one, r.Finding(i))
	}
	for name, got := range map[string][]rules.Finding{"All": seq, "Finding": one, "Filter": r.Filter(nil, 0).Findings()} {
		if diff := gocmp.Diff(all, got, equateDates); diff != "" {
			t.Errorf("%s differs from Findings (-Findings +%s):\n%s", name, name, diff)
		}
	}
	made := rules.NewReport(r.At, all)
	for name, write := range map[string]func(rules.Report, io.Writer) error{
		"text":          rules.Report.WriteText,
		"text evidence": rules.Report.WriteTextEvidence,
		"JSON":          func(r rules.Report, w io.Writer) error { return r.WriteJSON(w, "x") },
	} {
		var got, want bytes.Buffer
		if err := write(r, &got); err != nil {
			t.Fatal(err)
		}
		if err := write(made, &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("the %s report of Check's report differs from that of its findings (-findings +Check):\n%s", name, gocmp.Diff(want.String(), got.String()))
		}
	}
}
