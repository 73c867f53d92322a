package analysis_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/typology"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")
	svgDir = flag.String("svgdir", "", "also write the SVGs drawn by the tests to this directory, to look at them")
)

// drawings are the SVGs of the small network that the golden tests pin.
func drawings(t *testing.T) map[string][]byte {
	t.Helper()
	n := smallNetwork()
	at := d("2024-06-01")
	cov := analysis.Cover(n, at)
	out := map[string][]byte{}
	draw := func(name string, f func(io.Writer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	basis := analysis.Describe(n, "small network")
	chart := analysis.Chart{Basis: basis}
	window := labelling.MustWindow(d("2005-01-01"), d("2026-01-01"))
	days := append([]labelling.Date{d("2005-01-01")}, analysis.ChangeDays(n, window)...)
	steps := analysis.Timeline(n, append(days, d("2025-12-31"))...)
	draw("timeline", func(w io.Writer) error { return analysis.TimelineSVG(w, steps, chart) })
	draw("timeline-by-region", func(w io.Writer) error {
		return analysis.TimelineSVG(w, steps, analysis.Chart{Basis: basis, By: analysis.BreakdownRegion})
	})
	draw("timeline-by-sector", func(w io.Writer) error {
		return analysis.TimelineSVG(w, steps, analysis.Chart{Basis: basis, By: analysis.BreakdownSector})
	})
	draw("heatmap", func(w io.Writer) error { return analysis.HeatmapSVG(w, cov, 0, chart) })
	draw("heatmap-competence", func(w io.Writer) error { return analysis.HeatmapSVG(w, cov, typology.Competence, chart) })
	draw("map", func(w io.Writer) error { return analysis.MapSVG(w, cov, typology.Sensory, 0, chart) })
	draw("map-overseas", func(w io.Writer) error {
		return analysis.MapSVG(w, analysis.Cover(n, d("2019-06-01")), typology.Sensory, 0, chart)
	})
	draw("timeline-irregular", func(w io.Writer) error {
		return analysis.TimelineSVG(w, analysis.Timeline(n, d("2008-02-01"), d("2017-11-25"), d("2018-01-01"), d("2020-06-30"), d("2024-01-01")),
			analysis.Chart{Title: "Centres in force on the days labels changed"})
	})
	draw("timeline-empty", func(w io.Writer) error {
		return analysis.TimelineSVG(w, nil, analysis.Chart{Title: "Nothing <here> & there"})
	})
	if *svgDir != "" {
		for name, b := range out {
			if err := os.WriteFile(filepath.Join(*svgDir, name+".svg"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// structure summarises an SVG document: it decodes every token with
// encoding/xml (so a document that is not well-formed XML fails), then
// lists the root's size, the number of elements of each name, and every
// <title> and <text>, in document order.
func structure(b []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	counts := map[string]int{}
	var texts []string
	var stack []string
	var cur strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					return "", fmt.Errorf("root element is %v, not svg", tok.Name)
				}
				for _, a := range tok.Attr {
					if a.Name.Local == "width" || a.Name.Local == "height" {
						root += a.Name.Local + "=" + a.Value + " "
					}
				}
			}
			counts[tok.Name.Local]++
			stack = append(stack, tok.Name.Local)
			cur.Reset()
		case xml.CharData:
			cur.Write(tok)
		case xml.EndElement:
			if name := stack[len(stack)-1]; name == "title" || name == "text" {
				texts = append(texts, name+": "+strings.TrimSpace(cur.String()))
			}
			cur.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 || root == "" {
		return "", errors.New("unbalanced document")
	}
	var s strings.Builder
	s.WriteString("root: " + strings.TrimSpace(root) + "\n")
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&s, "%s: %d\n", k, counts[k])
	}
	for _, t := range texts {
		s.WriteString(t + "\n")
	}
	return s.String(), nil
}

func TestSVGGolden(t *testing.T) {
	for name, b := range drawings(t) {
		t.Run(name, func(t *testing.T) {
			got, err := structure(b)
			if err != nil {
				t.Fatalf("not a well-formed SVG document: %v", err)
			}
			path := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestSVGGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s structure mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}
