package network_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
	"pgregory.net/rapid"
)

// pointerGet resolves an RFC 6901 pointer (without escapes: the record
// pointers need none) in a document decoded by encoding/json.
func pointerGet(doc any, ptr string) (any, bool) {
	for _, tok := range strings.Split(ptr, "/")[1:] {
		switch x := doc.(type) {
		case map[string]any:
			v, ok := x[tok]
			if !ok {
				return nil, false
			}
			doc = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			doc = x[i]
		default:
			return nil, false
		}
	}
	return doc, true
}

// records lists the canonical pointers of every record of an encoded
// document, with the fields that identify the record.
func records(t *rapid.T, doc map[string]any) map[string]string {
	out := map[string]string{}
	ident := func(o map[string]any, keys ...string) string {
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "%s=%v;", k, o[k])
		}
		return b.String()
	}
	for _, list := range []string{"establishments", "teams", "centres", "conventions", "filieres", "platforms"} {
		for i, x := range doc[list].([]any) {
			o := x.(map[string]any)
			p := fmt.Sprintf("/%s/%d", list, i)
			out[p] = ident(o, "id")
			if list != "centres" {
				continue
			}
			for j, l := range asList(o["labels"]) {
				lo := l.(map[string]any)
				lp := fmt.Sprintf("%s/labels/%d", p, j)
				out[lp] = ident(lo, "start", "end")
				for k, e := range asList(lo["events"]) {
					out[fmt.Sprintf("%s/events/%d", lp, k)] = ident(e.(map[string]any), "kind", "date", "until")
				}
			}
			for j, a := range asList(o["activity"]) {
				out[fmt.Sprintf("%s/activity/%d", p, j)] = ident(a.(map[string]any), "year", "patients")
			}
		}
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestPositions decodes a permuted document with positions recorded: every
// record of Encode's output (its canonical pointer) maps to the same record
// in the document as read, whose opening brace is at the line and column
// given.
func TestPositions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := genNetwork().Draw(t, "network")
		canonical := encode(t, n)
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(canonical))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		want := records(t, m)
		permuteDocument(t, m)
		var doc []byte
		var err error
		if rapid.Bool().Draw(t, "compact") {
			doc, err = json.Marshal(m)
		} else {
			doc, err = json.MarshalIndent(m, "", "\t")
		}
		if err != nil {
			t.Fatal(err)
		}
		d := network.NewDecoder(bytes.NewReader(doc))
		d.RecordPositions = true
		got, err := d.Decode()
		if err != nil {
			t.Fatalf("Decode(permuted) = %v", err)
		}
		if diff := networkDiff(n, got); diff != "" {
			t.Fatalf("Decode(permuted) (-want +got):\n%s", diff)
		}
		var read any
		dec = json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&read); err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(doc, []byte("\n"))
		gotIdent := map[string]string{}
		for ptr := range want {
			pos, ok := d.Positions().Of(ptr)
			if !ok {
				t.Fatalf("Positions().Of(%q) found nothing", ptr)
			}
			rec, ok := pointerGet(read, pos.Pointer)
			if !ok {
				t.Fatalf("Positions().Of(%q).Pointer = %q, not in the document", ptr, pos.Pointer)
			}
			o := rec.(map[string]any)
			switch {
			case strings.Contains(ptr, "/events/"):
				gotIdent[ptr] = fmt.Sprintf("kind=%v;date=%v;until=%v;", o["kind"], o["date"], o["until"])
			case strings.Contains(ptr, "/labels/"):
				gotIdent[ptr] = fmt.Sprintf("start=%v;end=%v;", o["start"], o["end"])
			case strings.Contains(ptr, "/activity/"):
				gotIdent[ptr] = fmt.Sprintf("year=%v;patients=%v;", o["year"], o["patients"])
			default:
				gotIdent[ptr] = fmt.Sprintf("id=%v;", o["id"])
			}
			if pos.Line < 1 || pos.Line > len(lines) || pos.Column < 1 || pos.Column > len(lines[pos.Line-1]) || lines[pos.Line-1][pos.Column-1] != '{' {
				t.Fatalf("Positions().Of(%q) = line %d, column %d: not an opening brace", ptr, pos.Line, pos.Column)
			}
		}
		if diff := cmp.Diff(want, gotIdent); diff != "" {
			t.Fatalf("records found through Positions (-want +got):\n%s", diff)
		}
		if len(want) < 2 {
			t.Fatalf("only %d records", len(want))
		}
		if d.Positions().Len() != len(want) {
			t.Fatalf("Positions().Len() = %d, want %d", d.Positions().Len(), len(want))
		}
	})
}

func TestPositionsNilAndMalformed(t *testing.T) {
	var p *network.Positions
	if _, ok := p.Of("/centres/0"); ok || p.Len() != 0 {
		t.Errorf("(*Positions)(nil).Of found something")
	}
	d := network.NewDecoder(strings.NewReader(base))
	if _, err := d.Decode(); err != nil {
		t.Fatal(err)
	}
	if d.Positions() != nil {
		t.Errorf("Positions() without RecordPositions = %v, want nil", d.Positions())
	}
	d = network.NewDecoder(strings.NewReader(base))
	d.RecordPositions = true
	if _, err := d.Decode(); err != nil {
		t.Fatal(err)
	}
	for _, ptr := range []string{"", "/", "/centres", "/centres/x", "/centres/01", "/centres/9", "/centres/0/labels", "/centres/0/diseases/0",
		"/teams/0/labels/0", "/centres/1/labels/0/events/0/x", "/centres/1/activity/0/events/0", "centres/0", "/nope/0",
		"/centres/2", "/platforms/1", "/conventions/1", "/centres/0/labels/1", "/centres/1/labels/0/events/2", "/centres/1/activity/1"} {
		if pos, ok := d.Positions().Of(ptr); ok {
			t.Errorf("Positions().Of(%q) = %+v, want nothing", ptr, pos)
		}
	}
	// base: centres crmr-exemple (document 0) and ccmr-exemple (document
	// 1) swap places in ID order.
	for ptr, want := range map[string]network.Position{
		"/centres/0":                   {Pointer: "/centres/1", Line: 15, Column: 3},
		"/centres/1":                   {Pointer: "/centres/0", Line: 9, Column: 3},
		"/centres/1/labels/0/events/1": {Pointer: "/centres/0/labels/0/events/1", Line: 13, Column: 17},
		"/centres/1/activity/0":        {Pointer: "/centres/0/activity/0", Line: 14, Column: 17},
		"/establishments/1":            {Pointer: "/establishments/1", Line: 4, Column: 3},
	} {
		if got, ok := d.Positions().Of(ptr); !ok || got != want {
			t.Errorf("Positions().Of(%q) = %+v, %v; want %+v", ptr, got, ok, want)
		}
	}
}

// TestPositionsOfLargeCentres decodes centres of hundreds of records each
// (activity years), more than the room left in a chunk of records: every
// record is still found, at its opening brace, split or not.
func TestPositionsOfLargeCentres(t *testing.T) {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "e", Name: "E", Region: "11"})
	b.AddTeam(network.Team{ID: "t", Establishment: "e"})
	years := []int{1, 300, 1100, 5, 1100, 1100, 1100, 600} // over 4,096 records, with entities that overflow a chunk
	for c, n := range years {
		act := make([]network.Activity, n)
		for y := range act {
			act[y] = network.Activity{Year: network.MinActivityYear + y, Patients: y}
		}
		b.AddCentre(network.Centre{ID: network.CentreID(fmt.Sprintf("c%d", c)), Name: "C", Tier: typology.Competence,
			Group: 1, Team: "t", Activity: act})
	}
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	doc := encode(t, n)
	lines := bytes.Split(doc, []byte("\n"))
	at := bytes.Index(doc, []byte(`{"id":"c3"`))
	for _, split := range []int{-1, at} {
		dec := network.SplitAt(network.NewBytesDecoder(doc), func([]byte, int) int { return split })
		dec.RecordPositions = true
		if _, err := dec.Decode(); err != nil {
			t.Fatal(err)
		}
		total := len(years) + 2
		for c, ny := range years {
			total += ny
			for y := range ny {
				ptr := fmt.Sprintf("/centres/%d/activity/%d", c, y)
				pos, ok := dec.Positions().Of(ptr)
				if !ok || pos.Pointer != ptr || lines[pos.Line-1][pos.Column-1] != '{' {
					t.Fatalf("split at %d: Of(%q) = %+v, %v", split, ptr, pos, ok)
				}
			}
		}
		if got := dec.Positions().Len(); got != total {
			t.Errorf("split at %d: Len() = %d, want %d", split, got, total)
		}
		if split >= 0 && !network.Joined(dec) {
			t.Errorf("split at %d: not taken", split)
		}
	}
}

// BenchmarkPositionsOf asks for every record of a centre with n labels,
// each with two events given out of date order, and 1,000 activity years
// given backwards: the time per record found must not grow with n (a
// report may ask for each of an entity's records).
func BenchmarkPositionsOf(b *testing.B) {
	for _, n := range []int{10, 1000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var bl network.Builder
			bl.AddEstablishment(network.Establishment{ID: "e", Name: "E", Region: "11"})
			bl.AddTeam(network.Team{ID: "t", Establishment: "e"})
			start := labelling.MustParseDate("2000-01-01")
			labels := make([]labelling.Label, n)
			for i := range labels {
				s := start.AddDays(i)
				l, err := labelling.NewLabel(s, s.AddDays(1000), labelling.Act{Kind: labelling.Decision, Date: s},
					labelling.Event{Kind: labelling.Evaluation, Date: s.AddDays(20)}, labelling.Event{Kind: labelling.Evaluation, Date: s.AddDays(10)})
				if err != nil {
					b.Fatal(err)
				}
				labels[i] = l
			}
			act := make([]network.Activity, 1000)
			for y := range act {
				act[y] = network.Activity{Year: network.MinActivityYear + 999 - y}
			}
			bl.AddCentre(network.Centre{ID: "c", Name: "C", Tier: typology.Competence, Group: 1, Team: "t", Labels: labels, Activity: act})
			net, err := bl.Build()
			if err != nil {
				b.Fatal(err)
			}
			dec := network.NewBytesDecoder(encode(b, net))
			dec.RecordPositions = true
			if _, err := dec.Decode(); err != nil {
				b.Fatal(err)
			}
			var ptrs []string
			for j := range n {
				ptrs = append(ptrs, fmt.Sprintf("/centres/0/labels/%d", j), fmt.Sprintf("/centres/0/labels/%d/events/1", j))
			}
			for y := range 1000 {
				ptrs = append(ptrs, fmt.Sprintf("/centres/0/activity/%d", y))
			}
			b.ResetTimer()
			for b.Loop() {
				for _, ptr := range ptrs {
					if _, ok := dec.Positions().Of(ptr); !ok {
						b.Fatalf("Of(%q) found nothing", ptr)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ptrs)), "ns/record")
		})
	}
}
