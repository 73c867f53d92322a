package analysis

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// Okabe-Ito colours, distinguishable with the common colour-vision
// deficiencies.
const (
	colourTotal      = "#222222"
	colourReference  = "#0072B2"
	colourCompetence = "#D55E00"
)

// TimelineSVG draws pts (from [Timeline]) as a line chart of the centres in
// force on each date: one line for all centres, one for reference centres
// and one for competence centres, with axes, a legend, and a tooltip on
// every point. Dates are placed on a time scale, so uneven dates stay
// honest. title is the chart's title; the empty string gives a default.
// It writes a complete SVG document to w and returns w's error.
func TimelineSVG(w io.Writer, pts []Point, title string) error {
	const (
		width, height = 960.0, 510.0
		left, right   = 80.0, width - 250
		top, bottom   = 80.0, height - 95
	)
	if title == "" {
		title = "Rare-disease centres in force, by tier"
	}
	var s svgDoc
	desc := "Line chart of the number of centres holding a label in force on each date, by tier."
	if len(pts) > 0 {
		desc += fmt.Sprintf(" %d dates from %v to %v.", len(pts), pts[0].Date, pts[len(pts)-1].Date)
	}
	s.begin(width, height, title, desc)
	s.text(20, 30, title, "font-size", 20, "font-weight", "bold", "fill", "#111")
	if len(pts) == 0 {
		s.text(20, 60, "No date to draw.", "font-size", 13, "fill", "#444")
		return s.end(w)
	}
	sameDay := true
	for _, p := range pts {
		if p.Date.Month() != pts[0].Date.Month() || p.Date.Day() != pts[0].Date.Day() {
			sameDay = false
		}
	}
	sub := "Centres holding a label in force on each date (effective window: extensions and withdrawals applied)."
	if sameDay {
		sub = fmt.Sprintf("Centres holding a label in force on %s %d of each year (extensions and withdrawals applied).",
			pts[0].Date.Month(), pts[0].Date.Day())
	}
	s.text(20, 52, sub, "font-size", 13, "fill", "#444")

	// Scales.
	first, last := pts[0].Date, pts[0].Date
	maxV := 0
	for _, p := range pts {
		if p.Date.Before(first) {
			first = p.Date
		}
		if p.Date.After(last) {
			last = p.Date
		}
		maxV = max(maxV, p.Total)
	}
	span := float64(last.Sub(first))
	x := func(d labelling.Date) float64 {
		if span == 0 {
			return (left + right) / 2
		}
		return left + 10 + (right-left-20)*float64(d.Sub(first))/span
	}
	yTop, yStep := niceCeil(float64(maxV))
	y := func(v int) float64 { return bottom - (bottom-top)*float64(v)/yTop }

	// Grid and y axis.
	for v := 0.0; v <= yTop+0.5; v += yStep {
		yy := y(int(v))
		s.el("line", "x1", left, "y1", yy, "x2", right, "y2", yy, "stroke", "#dddddd", "stroke-width", 1)
		s.text(left-8, yy+4, strconv.Itoa(int(v)), "font-size", 12, "text-anchor", "end", "fill", "#333")
	}
	s.el("line", "x1", left, "y1", top, "x2", left, "y2", bottom, "stroke", "#333", "stroke-width", 1)
	s.el("line", "x1", left, "y1", bottom, "x2", right, "y2", bottom, "stroke", "#333", "stroke-width", 1)
	s.text(22, (top+bottom)/2, "Centres in force", "font-size", 13, "fill", "#222", "text-anchor", "middle",
		"transform", "rotate(-90 22 "+num((top+bottom)/2)+")")

	// x ticks: every point; labels every k-th point when there are many,
	// and none closer than minGap pixels to the previous one.
	stepK := (len(pts) + 11) / 12
	minGap := 38.0
	if !sameDay {
		minGap = 22
	}
	lastX := math.Inf(-1)
	for i, p := range pts {
		xx := x(p.Date)
		s.el("line", "x1", xx, "y1", bottom, "x2", xx, "y2", bottom+5, "stroke", "#333", "stroke-width", 1)
		if (i%stepK != 0 && i != len(pts)-1) || xx-lastX < minGap {
			continue
		}
		lastX = xx
		lab := p.Date.String()
		if sameDay {
			lab = strconv.Itoa(p.Date.Year())
		}
		if sameDay {
			s.text(xx, bottom+20, lab, "font-size", 12, "text-anchor", "middle", "fill", "#333")
		} else {
			s.text(xx, bottom+18, lab, "font-size", 11, "text-anchor", "end", "fill", "#333",
				"transform", "rotate(-35 "+num(xx)+" "+num(bottom+18)+")")
		}
	}
	xLabel, xLabelY := "Date", height-12 // below the rotated dates
	if sameDay {
		xLabel, xLabelY = "Year", bottom+46
	}
	s.text((left+right)/2, xLabelY, xLabel, "font-size", 13, "fill", "#222", "text-anchor", "middle")

	// Series.
	series := []struct {
		name, colour, dash string
		v                  func(Point) int
	}{
		{"All centres", colourTotal, "6 4", func(p Point) int { return p.Total }},
		{"Reference (CRMR sites)", colourReference, "", func(p Point) int { return p.Tier(typology.Reference) }},
		{"Competence (CCMR, CRC)", colourCompetence, "", func(p Point) int { return p.Tier(typology.Competence) }},
	}
	for _, se := range series {
		var d strings.Builder
		for i, p := range pts {
			if i == 0 {
				d.WriteString("M")
			} else {
				d.WriteString(" L")
			}
			d.WriteString(num(x(p.Date)) + " " + num(y(se.v(p))))
		}
		kv := []any{"d", d.String(), "fill", "none", "stroke", se.colour, "stroke-width", 2.5, "stroke-linejoin", "round"}
		if se.dash != "" {
			kv = append(kv, "stroke-dasharray", se.dash)
		}
		s.open("g", "class", "series")
		s.elTitled("path", se.name, kv...)
		for _, p := range pts {
			s.elTitled("circle", fmt.Sprintf("%v: %d %s", p.Date, se.v(p), strings.ToLower(se.name)),
				"cx", x(p.Date), "cy", y(se.v(p)), "r", 3.5, "fill", se.colour, "stroke", "#ffffff", "stroke-width", 1)
		}
		s.close()
	}

	// Legend, with each series' last value.
	lx, ly := right+24, top+10
	s.text(lx, ly, "Legend", "font-size", 13, "font-weight", "bold", "fill", "#222")
	for i, se := range series {
		yy := ly + 24 + float64(i)*40
		kv := []any{"x1", lx, "y1", yy, "x2", lx + 28, "y2", yy, "stroke", se.colour, "stroke-width", 3}
		if se.dash != "" {
			kv = append(kv, "stroke-dasharray", se.dash)
		}
		s.el("line", kv...)
		s.text(lx+36, yy+4, se.name, "font-size", 12, "fill", "#222")
		s.text(lx+36, yy+20, fmt.Sprintf("%d on %v", se.v(pts[len(pts)-1]), pts[len(pts)-1].Date), "font-size", 11, "fill", "#555")
	}
	return s.end(w)
}

// HeatmapSVG draws the region × group matrix of c as a heat map: one row
// per region (18, overseas included), one column per disease group (17),
// each cell coloured by the number of centres of tier t in force (both
// tiers when t is the zero Tier) and showing that number; empty cells
// (gaps) have a colour of their own. A column of region totals and a row
// of group totals close the grid. Every cell has a tooltip with both
// tiers. title is the chart's title; the empty string gives a default.
// It writes a complete SVG document to w and returns w's error.
func HeatmapSVG(w io.Writer, c *Coverage, t typology.Tier, title string) error {
	const (
		cellW, cellH = 38.0, 26.0
		left         = 250.0
		top          = 230.0
	)
	regions := c.Regions()
	width := left + 17*cellW + 12 + 60 + 30
	height := top + float64(len(regions)+1)*cellH + 12 + 120
	if title == "" {
		title = "Coverage by region and disease group on " + c.At.String()
	}
	var s svgDoc
	s.begin(width, height, title, fmt.Sprintf("Heat map of the %s in force on %v, by region (rows) and disease group (columns).", tierWord(t), c.At))
	s.text(20, 30, title, "font-size", 20, "font-weight", "bold", "fill", "#111")
	s.text(20, 52, fmt.Sprintf("Each cell: %s in force on %v in the region for the group.", tierWord(t), c.At), "font-size", 13, "fill", "#444")
	s.text(20, 70, "Red cells are gaps: no such centre for that group in that region.", "font-size", 13, "fill", "#444")

	maxV := 0
	for _, r := range regions {
		for g := range typology.Groups() {
			maxV = max(maxV, c.Region(r.Code, g).Of(t))
		}
	}
	scale := newCountScale(maxV)

	// Column headers: number and slug, rotated.
	s.text(left-10, top-8, "Disease group →", "font-size", 12, "text-anchor", "end", "fill", "#444", "font-style", "italic")
	for g := range typology.Groups() {
		cx := left + float64(g-1)*cellW + cellW/2
		s.open("text", "x", cx+4, "y", top-8, "font-size", 12, "fill", "#222",
			"transform", "rotate(-55 "+num(cx+4)+" "+num(top-8)+")")
		s.title(fmt.Sprintf("Group %d: %s (%s)", g.Number(), g.NameEN(), g.NameFR()))
		s.b.WriteString(escape(fmt.Sprintf("%d %s", g.Number(), g.Slug())))
		s.close()
	}
	totX := left + 17*cellW + 12
	s.text(totX+30, top-8, "Total", "font-size", 12, "font-weight", "bold", "text-anchor", "middle", "fill", "#222")

	colTotals := make([]int, 18)
	grand := 0
	for i, r := range regions {
		yy := top + float64(i)*cellH
		name := r.Name
		if r.Overseas {
			name += " (overseas)"
		}
		s.text(left-10, yy+cellH/2+4, name, "font-size", 12, "text-anchor", "end", "fill", "#222")
		rowTotal := 0
		for g := range typology.Groups() {
			x := c.Region(r.Code, g)
			v := x.Of(t)
			rowTotal += v
			colTotals[g] += v
			cl := scale.class(v)
			xx := left + float64(g-1)*cellW
			s.open("g", "class", "cell")
			s.elTitled("rect", fmt.Sprintf("%s × group %d (%s): %d reference, %d competence", r.Name, g.Number(), g.NameEN(), x.Reference, x.Competence),
				"x", xx, "y", yy, "width", cellW, "height", cellH, "fill", cl.fill, "stroke", "#ffffff", "stroke-width", 1)
			s.text(xx+cellW/2, yy+cellH/2+4, strconv.Itoa(v), "font-size", 11, "text-anchor", "middle", "fill", cl.ink)
			s.close()
		}
		grand += rowTotal
		s.el("rect", "x", totX, "y", yy, "width", 60, "height", cellH, "fill", "#eeeeee", "stroke", "#ffffff", "stroke-width", 1)
		s.text(totX+30, yy+cellH/2+4, strconv.Itoa(rowTotal), "font-size", 11, "text-anchor", "middle", "fill", "#111", "font-weight", "bold")
	}
	yy := top + float64(len(regions))*cellH + 6
	s.text(left-10, yy+cellH/2+4, "All regions", "font-size", 12, "font-weight", "bold", "text-anchor", "end", "fill", "#222")
	for g := range typology.Groups() {
		xx := left + float64(g-1)*cellW
		s.el("rect", "x", xx, "y", yy, "width", cellW, "height", cellH, "fill", "#eeeeee", "stroke", "#ffffff", "stroke-width", 1)
		s.text(xx+cellW/2, yy+cellH/2+4, strconv.Itoa(colTotals[g]), "font-size", 11, "text-anchor", "middle", "fill", "#111", "font-weight", "bold")
	}
	s.el("rect", "x", totX, "y", yy, "width", 60, "height", cellH, "fill", "#dddddd", "stroke", "#ffffff", "stroke-width", 1)
	s.text(totX+30, yy+cellH/2+4, strconv.Itoa(grand), "font-size", 11, "text-anchor", "middle", "fill", "#111", "font-weight", "bold")

	scale.legend(&s, 20, yy+cellH+50, "Centres in force in the cell")
	s.text(20, height-16, "Regions: INSEE codes of the 2016 map; groups: annexe 2 of the 2007 circular. Hover a cell for both tiers.", "font-size", 11, "fill", "#555")
	return s.end(w)
}

// MapSVG draws a map of France's regions shaded by the number of centres
// of group g and tier t (both tiers when t is the zero Tier) in force on
// c.At, with the count written on each region. The 13 metropolitan
// regions are drawn from their outlines (see [Attribution], which the map
// carries); the 5 overseas regions, which have no outline in the data, are
// listed beside the map with a swatch of their colour and their count,
// never drawn as shapes. title is the map's title; the empty string gives
// a default. It writes a complete SVG document to w and returns w's error,
// or an error when g is not a group.
func MapSVG(w io.Writer, c *Coverage, g typology.Group, t typology.Tier, title string) error {
	if !g.IsValid() {
		return fmt.Errorf("analysis: map: %v is not a disease group", g)
	}
	ols, err := outlines()
	if err != nil {
		return err
	}
	const (
		width, height = 1000.0, 800.0
		mapL, mapT    = 30.0, 110.0
		mapW, mapH    = 620.0, 600.0
	)
	if title == "" {
		title = fmt.Sprintf("Group %d (%s): %s in force on %v", g.Number(), g.Slug(), tierWord(t), c.At)
	}
	var s svgDoc
	s.begin(width, height, title, fmt.Sprintf("Map of the regions of France shaded by the number of %s of group %d in force on %v.", tierWord(t), g.Number(), c.At))
	s.text(20, 30, title, "font-size", 19, "font-weight", "bold", "fill", "#111")
	s.text(20, 52, fmt.Sprintf("Group %d: %s", g.Number(), g.NameEN()), "font-size", 13, "fill", "#444")
	s.text(20, 70, g.NameFR(), "font-size", 12, "fill", "#444", "font-style", "italic")
	s.text(20, 88, fmt.Sprintf("Each region shows the number of %s of this group in force, by the region of the hospital.", tierWord(t)), "font-size", 12, "fill", "#444")

	maxV := 0
	for _, r := range c.Regions() {
		maxV = max(maxV, c.Region(r.Code, g).Of(t))
	}
	scale := newCountScale(maxV)

	// Equirectangular projection, longitudes shrunk by the cosine of the
	// mid latitude: faithful enough at the scale of France.
	minLon, maxLon, minLat, maxLat := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, o := range ols {
		for _, p := range o.polygons {
			for _, pt := range p[0] {
				minLon, maxLon = math.Min(minLon, pt[0]), math.Max(maxLon, pt[0])
				minLat, maxLat = math.Min(minLat, pt[1]), math.Max(maxLat, pt[1])
			}
		}
	}
	kx := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	k := math.Min(mapW/((maxLon-minLon)*kx), mapH/(maxLat-minLat))
	offX := mapL + (mapW-(maxLon-minLon)*kx*k)/2
	proj := func(lon, lat float64) (float64, float64) {
		return offX + (lon-minLon)*kx*k, mapT + (maxLat-lat)*k
	}
	regionName := func(code network.RegionCode) string {
		r, _ := network.RegionOf(code)
		return r.Name
	}

	s.open("g", "class", "regions", "stroke", "#ffffff", "stroke-width", 1.2, "stroke-linejoin", "round")
	for _, o := range ols {
		x := c.Region(o.code, g)
		v := x.Of(t)
		var d strings.Builder
		for _, p := range o.polygons {
			for _, r := range p {
				for i, pt := range r {
					px, py := proj(pt[0], pt[1])
					if i == 0 {
						d.WriteString("M")
					} else {
						d.WriteString("L")
					}
					d.WriteString(strconv.FormatFloat(px, 'f', 1, 64) + " " + strconv.FormatFloat(py, 'f', 1, 64))
				}
				d.WriteString("Z")
			}
		}
		s.elTitled("path", fmt.Sprintf("%s: %d reference, %d competence", regionName(o.code), x.Reference, x.Competence),
			"d", d.String(), "fill", scale.class(v).fill, "fill-rule", "evenodd")
	}
	s.close()
	// Labels at the reference points, with a halo for legibility.
	s.open("g", "class", "labels", "text-anchor", "middle")
	for _, o := range ols {
		p, ok := ReferencePoint(o.code)
		if !ok {
			continue
		}
		px, py := proj(p.Location.Lon, p.Location.Lat)
		v := c.Region(o.code, g).Of(t)
		cl := scale.class(v)
		// The text takes the class's ink, over a halo of the region's
		// own colour that keeps it clear of the borders.
		halo := []any{"stroke", cl.fill, "stroke-width", 3, "paint-order", "stroke", "stroke-linejoin", "round"}
		s.text(px, py, strconv.Itoa(v), append([]any{"font-size", 16, "font-weight", "bold", "fill", cl.ink}, halo...)...)
		s.text(px, py+14, shortName(regionName(o.code)), append([]any{"font-size", 10, "fill", cl.ink}, halo...)...)
	}
	s.close()

	// Overseas regions: a list beside the map, no shapes.
	px, py := 690.0, 120.0
	s.text(px, py, "Overseas regions", "font-size", 14, "font-weight", "bold", "fill", "#222")
	s.text(px, py+18, "(listed: the outline data covers", "font-size", 11, "fill", "#555")
	s.text(px, py+32, "metropolitan France only)", "font-size", 11, "fill", "#555")
	py += 50
	for _, r := range c.Regions() {
		if !r.Overseas {
			continue
		}
		x := c.Region(r.Code, g)
		v := x.Of(t)
		cl := scale.class(v)
		s.open("g", "class", "overseas")
		s.elTitled("rect", fmt.Sprintf("%s: %d reference, %d competence", r.Name, x.Reference, x.Competence),
			"x", px, "y", py, "width", 34, "height", 26, "fill", cl.fill, "stroke", "#666", "stroke-width", 0.5)
		s.text(px+17, py+18, strconv.Itoa(v), "font-size", 13, "font-weight", "bold", "text-anchor", "middle", "fill", cl.ink)
		s.text(px+44, py+18, r.Name, "font-size", 13, "fill", "#222")
		s.close()
		py += 36
	}

	// Legend, vertical, under the overseas list.
	py += 24
	s.text(px, py, "Centres in force", "font-size", 13, "font-weight", "bold", "fill", "#222")
	for _, cl := range scale.classes {
		py += 24
		s.el("rect", "x", px, "y", py-13, "width", 22, "height", 16, "fill", cl.fill, "stroke", "#666", "stroke-width", 0.5)
		s.text(px+30, py, cl.label(), "font-size", 12, "fill", "#222")
	}
	s.text(20, height-36, "Counts by the region of each centre's hospital; a centre's scope (national, interregional) is not drawn.", "font-size", 11, "fill", "#555")
	s.text(20, height-18, Attribution+".", "font-size", 11, "fill", "#555")
	return s.end(w)
}

// shortName abbreviates the longest region names for map labels.
func shortName(name string) string {
	switch name {
	case "Provence-Alpes-Côte d'Azur":
		return "PACA"
	case "Bourgogne-Franche-Comté":
		return "Bourgogne-Fr.-Comté"
	case "Auvergne-Rhône-Alpes":
		return "Auvergne-Rh.-Alpes"
	}
	return name
}
