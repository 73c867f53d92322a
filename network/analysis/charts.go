package analysis

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Chart says how to draw a picture: its title (the empty string gives a
// default), what the picture counts (Basis, written under the title; the
// zero Basis writes nothing) and, for a timeline, the breakdown drawn (one
// line per key).
type Chart struct {
	Title string    `json:"title,omitempty"`
	Basis Basis     `json:"basis"`
	By    Breakdown `json:"by"`
}

// Palettes: Okabe-Ito for the tiers (distinguishable with the common
// colour-vision deficiencies), Tableau 10 for the keys of a breakdown,
// repeated with dashes beyond ten keys.
const (
	colourTotal      = "#222222"
	colourReference  = "#0072B2"
	colourCompetence = "#D55E00"
)

var keyColours = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#7f7f7f"}
var keyDashes = []string{"", "7 3", "2 2"}

// TimelineSVG draws pts (from [Timeline]) as a step chart of the centres
// in force: each count holds from its point's date until the next
// point's date, where it steps to the next count. Counts change only on
// the days of [ChangeDays], so a timeline on those days draws them
// exactly; on yearly dates the steps fall on those dates instead. With
// c.By the tier (the zero Breakdown) it draws one line for all centres,
// one for reference and one for competence centres; with another
// breakdown, one line per key ([SeriesOf]), scaled to the keys (the total
// would flatten them). The
// time axis has a tick at the start of every year, each year labelled. A
// legend gives each line's last count, and every step has a tooltip. It
// writes a complete SVG document to w and returns w's error.
func TimelineSVG(w io.Writer, pts []Point, c Chart) error {
	type line struct {
		name, colour, dash string
		width              float64
		v                  []int
	}
	total := make([]int, len(pts))
	for i, p := range pts {
		total[i] = p.Total
	}
	var lines []line
	if c.By == BreakdownTier {
		lines = append(lines, line{"All centres", colourTotal, "6 4", 2, total})
		ref, comp := make([]int, len(pts)), make([]int, len(pts))
		for i, p := range pts {
			ref[i], comp[i] = p.Tier(typology.Reference), p.Tier(typology.Competence)
		}
		lines = append(lines, line{"Reference (CRMR sites)", colourReference, "", 2.5, ref}, line{"Competence (CCMR, CRC)", colourCompetence, "", 2.5, comp})
	} else {
		for k, se := range SeriesOf(pts, c.By) {
			lines = append(lines, line{se.Key, keyColours[k%len(keyColours)], keyDashes[(k/len(keyColours))%len(keyDashes)], 2, se.Counts})
		}
	}
	const (
		width       = 1000.0
		left, right = 80.0, width - 290
		legendRow   = 30.0
	)
	if c.Title == "" {
		c.Title = "Rare-disease centres in force, by " + c.By.String()
	}
	var s svgDoc
	top := 84.0
	if c.Basis.Network != "" {
		top += 16 * float64(len(c.Basis.Lines()))
	}
	height := max(530, top+60+legendRow*float64(len(lines))+40)
	bottom := height - 100
	desc := fmt.Sprintf("Step chart of the number of centres holding a label in force, by %s.", c.By)
	if len(pts) > 0 {
		desc += fmt.Sprintf(" %d dates from %v to %v.", len(pts), pts[0].Date, pts[len(pts)-1].Date)
	}
	if c.Basis.Network != "" {
		desc += " " + c.Basis.String()
	}
	s.begin(width, height, c.Title, desc)
	s.text(20, 30, c.Title, "font-size", 20, "font-weight", "bold", "fill", "#111")
	s.text(20, 52, "Centres holding a label in force (effective window: extensions and withdrawals applied); each count holds until the next step.", "font-size", 13, "fill", "#444")
	s.basisLines(c.Basis, 20, 72, 16)
	if len(pts) == 0 {
		s.text(20, top+20, "No date to draw.", "font-size", 13, "fill", "#444")
		return s.end(w)
	}

	// Scales: the time axis runs from the first day of the first year to
	// the first day of the year after the last.
	first, last := pts[0].Date, pts[0].Date
	maxV := 0
	for _, p := range pts {
		if p.Date.Before(first) {
			first = p.Date
		}
		if p.Date.After(last) {
			last = p.Date
		}
	}
	for _, l := range lines {
		for _, v := range l.v {
			maxV = max(maxV, v)
		}
	}
	from := labelling.MakeDate(first.Year(), time.January, 1)
	to := labelling.MakeDate(last.Year()+1, time.January, 1)
	span := float64(to.Sub(from))
	x := func(d labelling.Date) float64 { return left + (right-left)*float64(d.Sub(from))/span }
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

	// x axis: a tick at every 1 January, every year labelled in the
	// middle of its span (rotated when the years are narrow).
	years := to.Year() - from.Year()
	narrow := (right-left)/float64(years) < 34
	for yr := from.Year(); yr <= to.Year(); yr++ {
		xx := x(labelling.MakeDate(yr, time.January, 1))
		s.el("line", "x1", xx, "y1", bottom, "x2", xx, "y2", bottom+6, "stroke", "#333", "stroke-width", 1)
		if yr == to.Year() {
			break
		}
		mid := (xx + x(labelling.MakeDate(yr+1, time.January, 1))) / 2
		if narrow {
			s.text(mid+4, bottom+14, strconv.Itoa(yr), "font-size", 11, "text-anchor", "end", "fill", "#333",
				"transform", "rotate(-60 "+num(mid+4)+" "+num(bottom+14)+")")
		} else {
			s.text(mid, bottom+20, strconv.Itoa(yr), "font-size", 12, "text-anchor", "middle", "fill", "#333")
		}
	}
	s.text((left+right)/2, bottom+62, "Year (ticks on 1 January)", "font-size", 13, "fill", "#222", "text-anchor", "middle")

	// Lines: step after each point.
	for _, l := range lines {
		var d strings.Builder
		for i, p := range pts {
			if i == 0 {
				d.WriteString("M" + num(x(p.Date)) + " " + num(y(l.v[i])))
				continue
			}
			d.WriteString(" H" + num(x(p.Date)) + " V" + num(y(l.v[i])))
		}
		kv := []any{"d", d.String(), "fill", "none", "stroke", l.colour, "stroke-width", l.width, "stroke-linejoin", "miter"}
		if l.dash != "" {
			kv = append(kv, "stroke-dasharray", l.dash)
		}
		s.open("g", "class", "series")
		s.elTitled("path", l.name, kv...)
		for i, p := range pts {
			if i > 0 && i < len(pts)-1 && l.v[i] == l.v[i-1] {
				continue // a mark on every step, and at both ends
			}
			s.elTitled("circle", fmt.Sprintf("%s: %d from %v", l.name, l.v[i], p.Date),
				"cx", x(p.Date), "cy", y(l.v[i]), "r", 3, "fill", l.colour, "stroke", "#ffffff", "stroke-width", 1)
		}
		s.close()
	}

	// Legend, with each line's last count.
	lx, ly := right+24, top+4
	s.text(lx, ly, fmt.Sprintf("%s (on %v)", keyWord(c.By), pts[len(pts)-1].Date), "font-size", 13, "font-weight", "bold", "fill", "#222")
	for i, l := range lines {
		yy := ly + 22 + float64(i)*legendRow
		kv := []any{"x1", lx, "y1", yy, "x2", lx + 28, "y2", yy, "stroke", l.colour, "stroke-width", 3}
		if l.dash != "" {
			kv = append(kv, "stroke-dasharray", l.dash)
		}
		s.el("line", kv...)
		s.text(lx+36, yy+4, fmt.Sprintf("%s: %d", l.name, l.v[len(pts)-1]), "font-size", 12, "fill", "#222")
	}
	return s.end(w)
}

// HeatmapSVG draws the region × group matrix of c as a heat map: one row
// per region (18, overseas included), one column per disease group (17),
// each cell coloured by the number of centres of tier t in force (both
// tiers when t is the zero Tier) and showing that number; empty cells
// (gaps) have a colour of their own. The colour scale is fixed (the same
// on every date and in every picture, as the legend says). A column of
// region totals and a row of group totals close the grid. Every cell has
// a tooltip with both tiers. ch gives the title (the empty string gives a
// default) and the basis written under it; ch.By is not used. It writes a
// complete SVG document to w and returns w's error.
func HeatmapSVG(w io.Writer, c *Coverage, t typology.Tier, ch Chart) error {
	const (
		cellW, cellH = 38.0, 26.0
		left         = 250.0
	)
	regions := c.Regions()
	top := 230.0
	if ch.Basis.Network != "" {
		top += 16 * float64(len(ch.Basis.Lines()))
	}
	width := left + 17*cellW + 12 + 60 + 30
	height := top + float64(len(regions)+1)*cellH + 12 + 120
	title := ch.Title
	if title == "" {
		title = "Coverage by region and disease group on " + c.At.String()
	}
	var s svgDoc
	desc := fmt.Sprintf("Heat map of the %s in force on %v, by region (rows) and disease group (columns).", tierWord(t), c.At)
	if ch.Basis.Network != "" {
		desc += " " + ch.Basis.String()
	}
	s.begin(width, height, title, desc)
	s.text(20, 30, title, "font-size", 20, "font-weight", "bold", "fill", "#111")
	s.text(20, 52, fmt.Sprintf("Each cell: %s in force on %v in the region for the group.", tierWord(t), c.At), "font-size", 13, "fill", "#444")
	s.text(20, 70, "Red cells are gaps: no such centre for that group in that region.", "font-size", 13, "fill", "#444")
	s.basisLines(ch.Basis, 20, 90, 16)

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

// An inset frames an overseas region on the map: an approximate extent of
// the region in degrees (rounded outwards to 0.05°, chosen to frame it,
// not an outline), in which its centres are placed by their coordinates.
type inset struct {
	code                           network.RegionCode
	minLon, maxLon, minLat, maxLat float64
}

// insets are the five overseas regions, in the order the map draws them.
var insets = []inset{
	{"01", -61.85, -60.95, 15.8, 16.55}, // Guadeloupe (Basse-Terre, Grande-Terre, Marie-Galante)
	{"02", -61.25, -60.8, 14.35, 14.9},  // Martinique
	{"03", -54.65, -51.55, 2.05, 5.8},   // Guyane
	{"04", 55.2, 55.85, -21.4, -20.85},  // La Réunion
	{"06", 44.95, 45.35, -13.05, -12.6}, // Mayotte
}

// MapSVG draws a map of France's regions shaded by the number of centres
// of group g and tier t (both tiers when t is the zero Tier) in force on
// c.At, with the count written on each region and a dot on the hospital
// of each such centre whose position is known. The 13 metropolitan
// regions are drawn from their outlines (see [Attribution], which the map
// carries). The 5 overseas regions, which have no outline in the data,
// are drawn as labelled inset boxes shaded like the regions, framing an
// approximate extent of each region (not its shape) in which the centres
// are placed by their coordinates; an inset says how many centres have no
// known position. The colour scale is fixed (the same on every date and
// group, as the legend says). ch gives the title (the empty string gives
// a default) and the basis written under it; ch.By is not used. It writes
// a complete SVG document to w and returns w's error, or an error when g
// is not a group.
func MapSVG(w io.Writer, c *Coverage, g typology.Group, t typology.Tier, ch Chart) error {
	if !g.IsValid() {
		return fmt.Errorf("analysis: map: %v is not a disease group", g)
	}
	ols, err := outlines()
	if err != nil {
		return err
	}
	nb := 0
	if ch.Basis.Network != "" {
		nb = len(ch.Basis.Lines())
	}
	const (
		width      = 1040.0
		mapL, mapW = 20.0, 600.0
		mapH       = 580.0
	)
	mapT := 150.0 + 16*float64(nb)
	height := mapT + mapH + 70
	title := ch.Title
	if title == "" {
		title = fmt.Sprintf("Group %d (%s): %s in force on %v", g.Number(), g.Slug(), tierWord(t), c.At)
	}
	var s svgDoc
	desc := fmt.Sprintf("Map of the regions of France shaded by the number of %s of group %d in force on %v.", tierWord(t), g.Number(), c.At)
	if ch.Basis.Network != "" {
		desc += " " + ch.Basis.String()
	}
	s.begin(width, height, title, desc)
	s.text(20, 30, title, "font-size", 19, "font-weight", "bold", "fill", "#111")
	s.text(20, 52, fmt.Sprintf("Group %d: %s", g.Number(), g.NameEN()), "font-size", 13, "fill", "#444")
	s.text(20, 70, g.NameFR(), "font-size", 12, "fill", "#444", "font-style", "italic")
	s.text(20, 88, fmt.Sprintf("Each region shows the number of %s of this group in force, by the region of the hospital; a dot is a hospital of such a centre.", tierWord(t)), "font-size", 12, "fill", "#444")
	s.basisLines(ch.Basis, 20, 108, 16)

	// The centres of the group and tiers, by region.
	var centres []located
	for _, l := range c.byGroup[g-1] {
		if t == 0 || l.tier == t {
			centres = append(centres, l)
		}
	}
	dots := func(region network.RegionCode, proj func(lon, lat float64) (float64, float64)) (unknown int) {
		s.open("g", "class", "centres")
		for _, l := range centres {
			if l.region != region {
				continue
			}
			if !l.location.Known {
				unknown++
				continue
			}
			px, py := proj(l.location.Lon, l.location.Lat)
			s.elTitled("circle", fmt.Sprintf("%s (%s)", l.id, l.tier), "cx", px, "cy", py, "r", 3.2,
				"fill", "#ffffff", "stroke", "#111111", "stroke-width", 1.2)
		}
		s.close()
		return unknown
	}

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
	for _, o := range ols {
		dots(o.code, proj)
	}
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

	// Overseas regions: inset boxes in a column beside the map.
	const boxW, boxH, gap = 170.0, 92.0, 20.0
	bx, by := mapL+mapW+30, mapT
	s.text(bx, by-36, "Overseas regions", "font-size", 13, "font-weight", "bold", "fill", "#222")
	s.text(bx, by-21, "insets not to scale; each box", "font-size", 10.5, "fill", "#555")
	s.text(bx, by-8, "frames the region, no outline", "font-size", 10.5, "fill", "#555")
	for _, in := range insets {
		x := c.Region(in.code, g)
		v := x.Of(t)
		cl := scale.class(v)
		s.open("g", "class", "inset")
		s.elTitled("rect", fmt.Sprintf("%s: %d reference, %d competence", regionName(in.code), x.Reference, x.Competence),
			"x", bx, "y", by, "width", boxW, "height", boxH, "fill", cl.fill, "stroke", "#555", "stroke-width", 0.8)
		s.text(bx+6, by+15, fmt.Sprintf("%s: %d", regionName(in.code), v), "font-size", 12, "font-weight", "bold", "fill", cl.ink)
		// The extent fills the box below the label, keeping its shape.
		ikx := math.Cos((in.minLat + in.maxLat) / 2 * math.Pi / 180)
		innerT, innerH, innerW := by+20, boxH-26, boxW-12
		ik := math.Min(innerW/((in.maxLon-in.minLon)*ikx), innerH/(in.maxLat-in.minLat))
		ox := bx + 6 + (innerW-(in.maxLon-in.minLon)*ikx*ik)/2
		oy := innerT + (innerH-(in.maxLat-in.minLat)*ik)/2
		iproj := func(lon, lat float64) (float64, float64) {
			return ox + (lon-in.minLon)*ikx*ik, oy + (in.maxLat-lat)*ik
		}
		if unknown := dots(in.code, iproj); unknown > 0 {
			word := "centres"
			if unknown == 1 {
				word = "centre"
			}
			s.text(bx+6, by+boxH-8, fmt.Sprintf("%d %s, position not recorded", unknown, word), "font-size", 10.5, "fill", cl.ink)
		}
		s.close()
		by += boxH + gap
	}

	// Legend, vertical, right of the insets.
	px, py := bx+boxW+24, mapT
	s.text(px, py, "Centres in force", "font-size", 13, "font-weight", "bold", "fill", "#222")
	s.text(px, py+16, "Fixed scale: the same", "font-size", 10.5, "fill", "#555")
	s.text(px, py+29, "on every date and group.", "font-size", 10.5, "fill", "#555")
	py += 34
	for _, cl := range scale.classes {
		py += 24
		s.el("rect", "x", px, "y", py-13, "width", 22, "height", 16, "fill", cl.fill, "stroke", "#666", "stroke-width", 0.5)
		s.text(px+30, py, cl.label(), "font-size", 12, "fill", "#222")
	}
	py += 30
	s.el("circle", "cx", px+11, "cy", py-4, "r", 3.2, "fill", "#ffffff", "stroke", "#111111", "stroke-width", 1.2)
	s.text(px+30, py, "a centre's hospital", "font-size", 12, "fill", "#222")
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
