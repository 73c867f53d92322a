// Command gen generates the embedded national reference network of package
// network from the shared reference data of the repository. It is run by go
// generate in the network package directory:
//
//	go run ./internal/gen [-data ../../shared/data] [-out data]
//
// It writes three files into -out, each only when its bytes change, so that
// running it again changes nothing:
//
//   - regions.csv and regions_pre2016.csv, byte-for-byte copies of the
//     shared tables (region.go embeds them);
//   - national.json, a rarenet/1 document (../shared/spec/FORMAT.md) built
//     from establishments.csv, aliases.csv, filieres.csv, platforms.csv,
//     centres.csv and campaigns.csv, and from two texts of ../shared/sources
//     (sensgene-centres-2017.txt and crmr-malformations-face-2007.txt).
//
// The output is deterministic: every list is sorted by ID, marshalled with
// a two-space indent. The files are committed and never edited by hand; a
// test of package network regenerates national.json into a temporary
// directory and compares it byte for byte.
//
// How rows become entities (every entity and every label records its
// source and mark; see ../shared/data/README.md for the marks):
//
//   - Establishments: every row of establishments.csv. The FINESS number is
//     the site's (FINESS ET) when the row has one, else the legal entity's
//     (FINESS EJ: the rows for AP-HP, AP-HM, HCL and Fondation Ildys as a
//     whole): several AP-HP sites share one EJ, so the ET is what tells
//     them apart. Every number is checked (department prefix, Luhn key).
//     Mark verified, or inferred where the row's source says [inferred].
//   - Centres: one per row of centres.csv whose hospital maps to an
//     establishment through aliases.csv (when it maps to several, the first
//     is taken and the source says so); a row whose hospital is not named
//     (no establishment) is left out and counted. Two rows that describe the
//     same site (same sector, same centre acronym or name, same role, same
//     period, same establishment) make one centre whose source cites both.
//     coordonnateur gives a reference coordinating site, constitutif a
//     reference constitutive site, competence a competence centre, crc a
//     competence centre of kind crc. A constitutive site names its
//     coordinating site when exactly one coordinating site of the same
//     centre (same sector, acronym or name, and period) is in the data; it
//     names none otherwise, and the audit reports it. The group is the
//     row's group_guess, so every centre is marked inferred.
//   - Teams: the data names no units, so each centre has a team of its own,
//     with the centre's ID and no unit, on the centre's establishment (mark
//     inferred): two centres are never claimed to share a team.
//   - Labels: a row of period 2017 takes the act of campaign crmr-2017
//     (crmr-2017-wave1 when its note says "1st wave", crmr-2017-mhc for the
//     haemophilia, cystic-fibrosis and ALS sectors), 2023 that of
//     crmr-2023; a pre-2017 reference row takes crmr-2004, -2005 or -2006
//     when its note says which ("labelled 2006", or an arrêté on the
//     campaign's date), or the arrêté its note names; the window runs from
//     the act's date for five years, the act is an arrêté, the mark is
//     derived. Any other row has no label: unknown, not guessed.
//   - Sectors: the 23 rows of filieres.csv, with their groups (inferred),
//     their host when it is not [unverified] (an unverified host is left
//     out and the source says so), and as members the coordinating sites
//     of the centres.csv rows of that sector (a row whose sector is
//     [unverified] is not a member).
//   - Platforms: every row of platforms.csv; the host is required, so an
//     [unverified] host is kept and the platform marked unverified. PCOM
//     rows are overseas.
//   - SENSGENE's six reference centres of sensgene-centres-2017.txt are
//     matched to their centres.csv rows (the source is added to theirs);
//     one not found would be added. The two 2007 face-malformation
//     reference centres of crmr-malformations-face-2007.txt (Paris Necker,
//     Lille) are not rows of centres.csv and are added, without a label:
//     the text gives the year, not the day.
//
// It prints a one-line summary on standard error.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

func main() {
	dataDir := flag.String("data", "../../shared/data", "the shared reference data folder")
	outDir := flag.String("out", "data", "where to write regions.csv, regions_pre2016.csv and national.json")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gen [-data DIR] [-out DIR]")
		os.Exit(2)
	}
	if err := run(*dataDir, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dataDir, outDir string) error {
	g := &gen{dataDir: dataDir, sourcesDir: filepath.Join(dataDir, "..", "sources")}
	doc, err := g.build()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"regions.csv", "regions_pre2016.csv"} {
		b, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			return err
		}
		if err := writeIfChanged(filepath.Join(outDir, name), b); err != nil {
			return err
		}
	}
	if err := writeIfChanged(filepath.Join(outDir, "national.json"), buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, g.summary(doc))
	return nil
}

func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	return os.WriteFile(path, b, 0o644)
}

// The rarenet/1 document, as FORMAT.md spells it.
type (
	document struct {
		Format         string          `json:"format"`
		Establishments []establishment `json:"establishments"`
		Teams          []team          `json:"teams"`
		Centres        []centre        `json:"centres"`
		Conventions    []struct{}      `json:"conventions"`
		Filieres       []filiere       `json:"filieres"`
		Platforms      []platform      `json:"platforms"`
	}
	establishment struct {
		ID     string   `json:"id"`
		FINESS string   `json:"finess,omitempty"`
		Name   string   `json:"name"`
		City   string   `json:"city,omitempty"`
		Region string   `json:"region"`
		Lat    *float64 `json:"lat,omitempty"`
		Lon    *float64 `json:"lon,omitempty"`
		Source string   `json:"source"`
		Mark   string   `json:"mark"`
	}
	team struct {
		ID            string `json:"id"`
		Establishment string `json:"establishment"`
		Source        string `json:"source"`
		Mark          string `json:"mark"`
	}
	centre struct {
		ID               string  `json:"id"`
		Name             string  `json:"name"`
		Tier             string  `json:"tier"`
		Role             string  `json:"role,omitempty"`
		Kind             string  `json:"kind,omitempty"`
		Group            int     `json:"group"`
		CoordinatingSite string  `json:"coordinating_site,omitempty"`
		Team             string  `json:"team"`
		Labels           []label `json:"labels,omitempty"`
		Source           string  `json:"source"`
		Mark             string  `json:"mark"`
	}
	label struct {
		Start  string `json:"start"`
		End    string `json:"end"`
		Act    act    `json:"act"`
		Source string `json:"source"`
		Mark   string `json:"mark"`
	}
	act struct {
		Kind string `json:"kind"`
		Date string `json:"date"`
		Ref  string `json:"ref,omitempty"`
	}
	filiere struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Host    string   `json:"host,omitempty"`
		Groups  []int    `json:"groups"`
		Members []string `json:"members"`
		Source  string   `json:"source"`
		Mark    string   `json:"mark"`
	}
	platform struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Host     string `json:"host"`
		Overseas bool   `json:"overseas"`
		Source   string `json:"source"`
		Mark     string `json:"mark"`
	}
)

// Marks, from strongest to weakest.
const (
	verified   = "verified"
	inferred   = "inferred"
	derived    = "derived"
	unverified = "unverified"
)

func weaker(a, b string) string {
	rank := map[string]int{verified: 0, inferred: 1, derived: 2, unverified: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// markIn reads a bracketed or plain mark in a remark of the data.
func markIn(s string) string {
	low := strings.ToLower(s)
	switch {
	case strings.Contains(low, "unverified"):
		return unverified
	case strings.Contains(low, "inferred"):
		return inferred
	}
	return verified
}

// A record is one CSV row with its line number, read by column name.
type record struct {
	file string
	line int
	col  map[string]string
}

func (r record) get(name string) string { return r.col[name] }

func (r record) where() string { return fmt.Sprintf("%s line %d", r.file, r.line) }

func readTable(dir, file string, header ...string) ([]record, error) {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if !slices.Equal(head, header) {
		return nil, fmt.Errorf("%s: header %q, want %q", file, head, header)
	}
	var out []record
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		r := record{file: file, line: line, col: make(map[string]string, len(head))}
		for i, h := range head {
			r.col[h] = strings.TrimSpace(row[i])
		}
		out = append(out, r)
	}
	return out, nil
}

type gen struct {
	dataDir, sourcesDir string

	regions   map[string]bool
	estByID   map[string]*establishment
	aliases   map[[2]string]record // (source_file, hospital_string) -> row
	campaigns map[string]record
	sectors   map[string]*filiere
	sectorIDs []string

	// counts for the summary
	centreRows, noEstablishment, merged, unverifiedMembers int
	coordSet, coordMissing, coordAmbiguous                 int
	sensgeneMatched, sensgeneAdded, faceAdded              int
	sectorHostsLeftOut, finessLeftOut                      int
}

func (g *gen) build() (*document, error) {
	doc := &document{Format: "rarenet/1", Conventions: []struct{}{}}
	steps := []func(*document) error{g.readRegions, g.readEstablishments, g.readAliases, g.readCampaigns, g.readFilieres, g.readPlatforms, g.readCentres}
	for _, step := range steps {
		if err := step(doc); err != nil {
			return nil, err
		}
	}
	for _, id := range g.sectorIDs {
		f := g.sectors[id]
		slices.Sort(f.Members)
		f.Members = slices.Compact(f.Members)
		doc.Filieres = append(doc.Filieres, *f)
	}
	slices.SortFunc(doc.Establishments, func(a, b establishment) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(doc.Teams, func(a, b team) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(doc.Centres, func(a, b centre) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(doc.Filieres, func(a, b filiere) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(doc.Platforms, func(a, b platform) int { return strings.Compare(a.ID, b.ID) })
	return doc, g.check(doc)
}

func (g *gen) readRegions(*document) error {
	rows, err := readTable(g.dataDir, "regions.csv", "insee_code", "name", "interregion", "source")
	if err != nil {
		return err
	}
	g.regions = make(map[string]bool)
	for _, r := range rows {
		g.regions[r.get("insee_code")] = true
	}
	if len(g.regions) != 18 {
		return fmt.Errorf("regions.csv: %d regions, want 18", len(g.regions))
	}
	return nil
}

func (g *gen) readEstablishments(doc *document) error {
	rows, err := readTable(g.dataDir, "establishments.csv",
		"id", "name", "finess_ej", "finess_et", "city", "department", "region", "lat", "lon", "source")
	if err != nil {
		return err
	}
	g.estByID = make(map[string]*establishment)
	finessSeen := make(map[string]string)
	for _, r := range rows {
		id := r.get("id")
		e := establishment{ID: id, Name: r.get("name"), City: r.get("city"), Region: r.get("region")}
		kind, which := "FINESS ET", "FINESS ET (the site)"
		e.FINESS = r.get("finess_et")
		if e.FINESS == "" {
			kind, which = "FINESS EJ", "FINESS EJ (the legal entity: the row has no site number)"
			e.FINESS = r.get("finess_ej")
		}
		switch err := checkFINESS(e.FINESS); {
		case errors.Is(err, errPrefix):
			// The check key holds, but FORMAT.md's prefixes (971-976
			// overseas) refuse the 970x numbers the DREES file gives the
			// overseas establishments: leave the number out, say why.
			which = fmt.Sprintf("left out: %s %s passes the check key but FORMAT.md's department prefixes (971-976 overseas) refuse %s",
				kind, e.FINESS, e.FINESS[:3])
			e.FINESS = ""
			g.finessLeftOut++
		case err != nil:
			return fmt.Errorf("%s (id %q): %w", r.where(), id, err)
		default:
			if other, dup := finessSeen[e.FINESS]; dup {
				return fmt.Errorf("%s (id %q): FINESS %s is already %q's", r.where(), id, e.FINESS, other)
			}
			finessSeen[e.FINESS] = id
		}
		if !g.regions[e.Region] {
			return fmt.Errorf("%s (id %q): %q is not a region code", r.where(), id, e.Region)
		}
		if lat, lon := r.get("lat"), r.get("lon"); lat != "" || lon != "" {
			la, err1 := strconv.ParseFloat(lat, 64)
			lo, err2 := strconv.ParseFloat(lon, 64)
			if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
				return fmt.Errorf("%s (id %q): bad position %q, %q", r.where(), id, lat, lon)
			}
			e.Lat, e.Lon = &la, &lo
		}
		e.Source = fmt.Sprintf("establishments.csv %s: %s; finess: %s", id, r.get("source"), which)
		e.Mark = verified
		if strings.Contains(r.get("source"), "[inferred") || strings.Contains(r.get("source"), "[unverified") {
			e.Mark = markIn(r.get("source"))
		}
		if _, dup := g.estByID[id]; dup {
			return fmt.Errorf("%s: duplicate establishment %q", r.where(), id)
		}
		doc.Establishments = append(doc.Establishments, e)
		g.estByID[id] = &doc.Establishments[len(doc.Establishments)-1]
	}
	return nil
}

// checkFINESS validates a FINESS number as FORMAT.md says: 9 characters, a
// department prefix, and a Luhn key over the 9 characters with 2A read as
// 21 and 2B as 22. A number whose key holds but whose prefix FORMAT.md
// refuses returns an error wrapping errPrefix.
func checkFINESS(s string) error {
	if len(s) != 9 {
		return fmt.Errorf("FINESS %q: not 9 characters", s)
	}
	var d [9]int
	for i := range 9 {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d[i] = int(c - '0')
		case i == 1 && s[0] == '2' && (c == 'A' || c == 'B'):
			d[i] = 1 + int(c-'A')
		default:
			return fmt.Errorf("FINESS %q: not a digit at position %d", s, i+1)
		}
	}
	sum := 0
	for i := range 9 {
		v := d[8-i]
		if i%2 == 1 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	if sum%10 != 0 {
		return fmt.Errorf("FINESS %q: check key does not match", s)
	}
	dep := d[0]*10 + d[1]
	corsica := s[1] == 'A' || s[1] == 'B'
	if !corsica && (dep == 20 || dep < 1 || dep > 97 || dep == 96 || (dep == 97 && (d[2] < 1 || d[2] > 6))) {
		return fmt.Errorf("FINESS %q: %w", s, errPrefix)
	}
	return nil
}

// errPrefix: a FINESS number whose check key holds but whose department
// prefix FORMAT.md does not accept.
var errPrefix = errors.New("not a department prefix (01-95, 2A, 2B, 971-976)")

func (g *gen) readAliases(*document) error {
	rows, err := readTable(g.dataDir, "aliases.csv", "source_file", "hospital_string", "city", "ids", "note")
	if err != nil {
		return err
	}
	g.aliases = make(map[[2]string]record)
	for _, r := range rows {
		k := [2]string{r.get("source_file"), r.get("hospital_string")}
		if old, ok := g.aliases[k]; ok && old.get("ids") != r.get("ids") {
			return fmt.Errorf("%s: %q maps to %q and, at line %d, to %q", r.where(), k[1], r.get("ids"), old.line, old.get("ids"))
		}
		for _, id := range splitIDs(r.get("ids")) {
			if g.estByID[id] == nil {
				return fmt.Errorf("%s: no establishment %q", r.where(), id)
			}
		}
		if _, ok := g.aliases[k]; !ok {
			g.aliases[k] = r
		}
	}
	return nil
}

func splitIDs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// A mapping is a hospital string resolved to one establishment.
type mapping struct {
	est  string
	ids  []string
	note string
	mark string
}

// resolve maps a hospital string of file through aliases.csv. pickLast
// takes the last of several IDs (a dated list whose last is current).
func (g *gen) resolve(file, hospital string, pickLast bool) (mapping, bool, error) {
	r, ok := g.aliases[[2]string{file, hospital}]
	if !ok {
		return mapping{}, false, fmt.Errorf("%s: hospital %q is not in aliases.csv", file, hospital)
	}
	ids := splitIDs(r.get("ids"))
	if len(ids) == 0 {
		return mapping{note: r.get("note")}, false, nil
	}
	m := mapping{est: ids[0], ids: ids, note: r.get("note"), mark: verified}
	if pickLast {
		m.est = ids[len(ids)-1]
	}
	if n := r.get("note"); strings.Contains(strings.ToLower(n), "inferred") {
		m.mark = inferred
	}
	return m, true, nil
}

// describe says how a hospital string became an establishment.
func (m mapping) describe(hospital string, pickLast bool) string {
	s := fmt.Sprintf("hospital %q -> %s (aliases.csv", hospital, m.est)
	if len(m.ids) > 1 {
		which := "the first"
		if pickLast {
			which = "the last, the current one"
		}
		s += fmt.Sprintf(" lists %s: %s taken", strings.Join(m.ids, ";"), which)
	}
	if m.note != "" {
		s += "; " + m.note
	}
	return s + ")"
}

func (g *gen) readCampaigns(*document) error {
	rows, err := readTable(g.dataDir, "campaigns.csv",
		"id", "kind", "what", "act", "act_date", "published", "period_from_year", "period_to_year", "counts", "status", "source")
	if err != nil {
		return err
	}
	g.campaigns = make(map[string]record)
	for _, r := range rows {
		g.campaigns[r.get("id")] = r
	}
	for _, id := range []string{"crmr-2004", "crmr-2005", "crmr-2006", "crmr-2017-wave1", "crmr-2017", "crmr-2017-mhc", "crmr-2023"} {
		r, ok := g.campaigns[id]
		if !ok {
			return fmt.Errorf("campaigns.csv: no campaign %q", id)
		}
		if _, err := time.Parse(time.DateOnly, r.get("act_date")); err != nil {
			return fmt.Errorf("%s: campaign %q: act_date %q is not a date", r.where(), id, r.get("act_date"))
		}
		if actRef(r) == "" {
			return fmt.Errorf("%s: campaign %q: no arrêté in %q", r.where(), id, r.get("act"))
		}
	}
	return nil
}

// actRef returns the order (arrêté) among the acts of a campaign.
func actRef(r record) string {
	parts := strings.Split(r.get("act"), ";")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimSpace(parts[i]); strings.HasPrefix(p, "arrêté") {
			return p
		}
	}
	return ""
}

func (g *gen) readFilieres(*document) error {
	rows, err := readTable(g.dataDir, "filieres.csv", "acronym", "name_fr", "host_establishment", "city", "region", "groups", "source")
	if err != nil {
		return err
	}
	g.sectors = make(map[string]*filiere)
	for _, r := range rows {
		id, _, _ := strings.Cut(r.get("acronym"), " (")
		f := &filiere{ID: id, Name: r.get("name_fr"), Groups: []int{}, Members: []string{}, Mark: inferred}
		gs, gmark, err := parseGroups(r.get("groups"))
		if err != nil {
			return fmt.Errorf("%s (sector %q): %w", r.where(), id, err)
		}
		f.Groups = gs
		f.Mark = weaker(inferred, gmark)
		src := fmt.Sprintf("filieres.csv %s: %s; name: %q", id, r.get("source"), r.get("acronym"))
		host := r.get("host_establishment")
		if strings.HasPrefix(host, "[unverified]") {
			// Never turn an unverified guess into data: the host is optional.
			src += fmt.Sprintf("; host left out, [unverified] in the data: %q", host)
			g.sectorHostsLeftOut++
		} else {
			dated := strings.Contains(host, " since ") || strings.Contains(host, " from ")
			m, ok, err := g.resolve("filieres.csv", host, dated)
			if err != nil {
				return err
			}
			if ok {
				f.Host = m.est
				src += "; host: " + m.describe(host, dated)
			} else {
				src += fmt.Sprintf("; host left out: %q maps to no establishment", host)
			}
		}
		src += fmt.Sprintf("; groups %s inferred from the sector's scope; members: the coordinating sites of its centres.csv rows", strings.Trim(strings.Join(strings.Fields(fmt.Sprint(gs)), ";"), "[]"))
		f.Source = src
		if _, dup := g.sectors[id]; dup {
			return fmt.Errorf("%s: duplicate sector %q", r.where(), id)
		}
		g.sectors[id] = f
		g.sectorIDs = append(g.sectorIDs, id)
	}
	if len(g.sectors) != 23 {
		return fmt.Errorf("filieres.csv: %d sectors, want 23", len(g.sectors))
	}
	return nil
}

// parseGroups reads "9;3 (inferred)": sorted group numbers and their mark.
func parseGroups(s string) ([]int, string, error) {
	mark := verified
	if i := strings.Index(s, "("); i >= 0 {
		mark = markIn(s[i:])
		s = s[:i]
	}
	var gs []int
	for p := range strings.SplitSeq(s, ";") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 || n > 17 {
			return nil, "", fmt.Errorf("%q is not a group (1 to 17)", p)
		}
		gs = append(gs, n)
	}
	slices.Sort(gs)
	return slices.Compact(gs), mark, nil
}

func (g *gen) readPlatforms(doc *document) error {
	rows, err := readTable(g.dataDir, "platforms.csv", "name", "host", "city", "region", "source")
	if err != nil {
		return err
	}
	seen := make(map[string]int)
	for _, r := range rows {
		full := r.get("name")
		base := full
		if i := strings.Index(base, " ("); i >= 0 {
			base = base[:i]
		}
		base, _, _ = strings.Cut(base, " – ")
		id := slug(base)
		if line, dup := seen[id]; dup {
			return fmt.Errorf("%s: platform ID %q is already line %d's", r.where(), id, line)
		}
		seen[id] = r.line
		p := platform{ID: id, Name: platformName(full), Overseas: strings.HasPrefix(full, "PCOM"), Mark: verified}
		host := r.get("host")
		m, ok, err := g.resolve("platforms.csv", host, false)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: platform %q: host %q maps to no establishment, and a platform needs one", r.where(), id, host)
		}
		p.Host = m.est
		p.Source = fmt.Sprintf("platforms.csv %s: %s; name in the data: %q; host: %s", r.where(), r.get("source"), full, m.describe(host, false))
		if strings.HasPrefix(host, "[unverified]") {
			p.Mark = unverified
			p.Source += "; the host is [unverified] in the data and required here, so the platform is marked unverified"
		} else {
			p.Mark = weaker(p.Mark, m.mark)
		}
		doc.Platforms = append(doc.Platforms, p)
	}
	return nil
}

// platformName drops the trailing remarks on waves and opening dates that
// platforms.csv keeps in the name column; the source keeps them.
func platformName(s string) string {
	for strings.HasSuffix(s, ")") {
		i := strings.LastIndex(s, " (")
		if i < 0 {
			break
		}
		inner := strings.ToLower(s[i:])
		if !strings.Contains(inner, "wave") && !strings.Contains(inner, "opened") {
			break
		}
		s = s[:i]
	}
	return s
}

// A site is a centre in the making: one row of centres.csv (or two that
// describe the same site), or a centre added from a source text.
type site struct {
	rows    []record
	c       centre
	est     string
	sector  string // normalised sector acronym, "" for none
	member  bool   // a sector member when coordinating
	key     string // acronym, or name when there is none, folded
	period  string
	sources []string
	labels  []labelChoice
}

type labelChoice struct {
	l    label
	date string
}

func (g *gen) readCentres(doc *document) error {
	rows, err := readTable(g.dataDir, "centres.csv",
		"centre", "acronym", "hospital", "city", "filiere", "role", "label_period", "group_guess", "note", "source")
	if err != nil {
		return err
	}
	g.centreRows = len(rows)
	var sites []*site
	bySame := make(map[string]*site)
	for _, r := range rows {
		s, err := g.siteOf(r)
		if err != nil {
			return err
		}
		if s == nil {
			g.noEstablishment++
			continue
		}
		same := strings.Join([]string{s.sector, s.key, r.get("role"), s.period, s.est}, "\x1f")
		if first, ok := bySame[same]; ok {
			// The same site twice (two pages): one centre, both sources.
			first.rows = append(first.rows, r)
			first.sources = append(first.sources, "same site as "+s.sources[0])
			first.labels = append(first.labels, s.labels...)
			first.member = first.member || s.member
			first.c.Mark = weaker(first.c.Mark, s.c.Mark)
			g.merged++
			continue
		}
		bySame[same] = s
		sites = append(sites, s)
	}
	if err := g.sensgene(&sites); err != nil {
		return err
	}
	if err := g.face2007(&sites); err != nil {
		return err
	}

	// Coordinating sites of constitutive sites.
	coords := make(map[string][]*site)
	for _, s := range sites {
		if s.c.Role == "coordinating" && s.sector != "" {
			k := s.sector + "\x1f" + s.key + "\x1f" + s.period
			coords[k] = append(coords[k], s)
		}
	}
	for _, s := range sites {
		if s.c.Role != "constitutive" {
			continue
		}
		cs := coords[s.sector+"\x1f"+s.key+"\x1f"+s.period]
		switch len(cs) {
		case 1:
			s.c.CoordinatingSite = cs[0].c.ID
			s.sources = append(s.sources, "coordinating site: the coordinating row of the same centre and period")
			g.coordSet++
		case 0:
			s.sources = append(s.sources, "coordinating site not in the data")
			g.coordMissing++
		default:
			var lines []string
			for _, c := range cs {
				lines = append(lines, strconv.Itoa(c.rows[0].line))
			}
			s.sources = append(s.sources, "coordinating site left out: several coordinating rows of the same centre and period (centres.csv lines "+strings.Join(lines, ", ")+")")
			g.coordAmbiguous++
		}
	}

	ids := make(map[string]bool)
	for _, s := range sites {
		c := s.c
		if ids[c.ID] {
			return fmt.Errorf("centre ID %q is not unique", c.ID)
		}
		ids[c.ID] = true
		if l, ok := earliest(s.labels); ok {
			for _, o := range s.labels {
				if o.l.Act != l.Act {
					l.Source += "; the rows describing this site give different acts: the earliest is kept"
					break
				}
			}
			c.Labels = []label{l}
		}
		c.Source = strings.Join(s.sources, "; ")
		c.Team = c.ID
		doc.Centres = append(doc.Centres, c)
		doc.Teams = append(doc.Teams, team{
			ID:            c.ID,
			Establishment: s.est,
			Source:        "team derived from the centre's hospital: the data names no unit, so each centre has a team of its own on " + s.est,
			Mark:          inferred,
		})
		if c.Role == "coordinating" && s.member {
			f := g.sectors[s.sector]
			f.Members = append(f.Members, c.ID)
		}
	}
	return nil
}

func earliest(ls []labelChoice) (label, bool) {
	if len(ls) == 0 {
		return label{}, false
	}
	best := ls[0]
	for _, l := range ls[1:] {
		if l.date < best.date {
			best = l
		}
	}
	return best.l, true
}

var roles = map[string]struct{ tier, role, kind string }{
	"coordonnateur": {"reference", "coordinating", ""},
	"constitutif":   {"reference", "constitutive", ""},
	"competence":    {"competence", "", ""},
	"crc":           {"competence", "", "crc"},
}

// siteOf turns a row of centres.csv into a site; nil when its hospital maps
// to no establishment.
func (g *gen) siteOf(r record) (*site, error) {
	hospital := r.get("hospital")
	m, ok, err := g.resolve("centres.csv", hospital, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.where(), err)
	}
	if !ok {
		return nil, nil
	}
	rl, known := roles[r.get("role")]
	if !known {
		return nil, fmt.Errorf("%s: unknown role %q", r.where(), r.get("role"))
	}
	group, err := strconv.Atoi(r.get("group_guess"))
	if err != nil || group < 1 || group > 17 {
		return nil, fmt.Errorf("%s: group_guess %q is not a group (1 to 17)", r.where(), r.get("group_guess"))
	}
	sector, sectorMark := r.get("filiere"), verified
	if rest, ok := strings.CutPrefix(sector, "[unverified] "); ok {
		sector, sectorMark = rest, unverified
	}
	if rest, ok := strings.CutSuffix(sector, " (inferred)"); ok {
		sector, sectorMark = rest, weaker(sectorMark, inferred)
	}
	if g.sectors[sector] == nil {
		return nil, fmt.Errorf("%s: %q is not a sector of filieres.csv", r.where(), r.get("filiere"))
	}
	s := &site{
		rows:   []record{r},
		est:    m.est,
		sector: sector,
		member: sectorMark != unverified,
		key:    fold(cmpKey(r.get("acronym"), r.get("centre"))),
		period: r.get("label_period"),
	}
	if rl.role == "coordinating" && sectorMark == unverified {
		g.unverifiedMembers++
	}
	s.c = centre{
		ID:    centreID(r, sector, m.est),
		Name:  r.get("centre"),
		Tier:  rl.tier,
		Role:  rl.role,
		Kind:  rl.kind,
		Group: group,
		Mark:  weaker(inferred, m.mark),
	}
	src := fmt.Sprintf("%s: %s", r.where(), r.get("source"))
	if n := r.get("note"); n != "" {
		src += fmt.Sprintf("; note: %q", n)
	}
	src += "; " + m.describe(hospital, false)
	src += fmt.Sprintf("; sector %q", r.get("filiere"))
	if sectorMark == unverified {
		src += " (unverified: not listed among the sector's members)"
	}
	src += fmt.Sprintf("; group %d inferred from the centre's field (group_guess)", group)
	s.sources = []string{src}
	if l, ok := g.labelOf(r, rl.tier, sector); ok {
		s.labels = []labelChoice{l}
	}
	return s, nil
}

func cmpKey(acronym, name string) string {
	if acronym != "" {
		return acronym
	}
	return name
}

// centreID is a stable slug: the sector, the acronym when there is one, the
// establishment, and a short hash of the row's identifying columns (not of
// its note or source, which may be corrected without renaming the centre).
func centreID(r record, sector, est string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{
		r.get("centre"), r.get("acronym"), r.get("hospital"), r.get("filiere"), r.get("role"), r.get("label_period"),
	}, "\x1f")))
	parts := []string{slug(sector)}
	if a := slug(r.get("acronym")); a != "" {
		parts = append(parts, a)
	}
	parts = append(parts, est, hex.EncodeToString(h[:3]))
	return strings.Join(parts, "-")
}

var (
	labelledYear = regexp.MustCompile(`\blabelled (\d{4})(?:[^/\d]|$)`)
	arreteDate   = regexp.MustCompile(`\barrêté (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b`)
	mhcSectors   = map[string]bool{"MHEMO": true, "MUCO-CFTR": true, "FILSLAN": true}
	monthsFR     = [...]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// labelOf derives a row's label: from its campaign's act where the row
// names only its campaign, from the act its note names where it names one;
// none where neither is known.
func (g *gen) labelOf(r record, tier, sector string) (labelChoice, bool) {
	note := r.get("note")
	var campaign, why string
	switch r.get("label_period") {
	case "2017":
		switch {
		case mhcSectors[sector]:
			campaign, why = "crmr-2017-mhc", fmt.Sprintf("sector %s was labelled with the haemophilia, cystic-fibrosis and ALS networks", sector)
		case strings.Contains(strings.ToLower(note), "1st wave"):
			campaign, why = "crmr-2017-wave1", "the row's note says first wave"
		default:
			campaign = "crmr-2017"
		}
	case "2023":
		campaign = "crmr-2023"
	case "pre-2017":
		if tier != "reference" {
			return labelChoice{}, false
		}
		if m := arreteDate.FindStringSubmatch(note); m != nil {
			t, err := time.Parse("2 Jan 2006", m[1]+" "+m[2]+" "+m[3])
			if err != nil {
				return labelChoice{}, false
			}
			date := t.Format(time.DateOnly)
			for _, id := range []string{"crmr-2004", "crmr-2005", "crmr-2006"} {
				if g.campaigns[id].get("act_date") == date {
					campaign, why = id, fmt.Sprintf("the row's note names the campaign's order (%q)", m[0])
				}
			}
			if campaign == "" {
				ref := fmt.Sprintf("arrêté du %d %s %d", t.Day(), monthsFR[t.Month()], t.Year())
				return labelChoice{date: date, l: label{
					Start:  date,
					End:    t.AddDate(5, 0, 0).Format(time.DateOnly),
					Act:    act{Kind: "arrete", Date: date, Ref: ref},
					Source: fmt.Sprintf("%s note %q: the order the row names, from its date for five years", r.where(), note),
					Mark:   derived,
				}}, true
			}
		} else if m := labelledYear.FindStringSubmatch(note); m != nil {
			if _, ok := g.campaigns["crmr-"+m[1]]; ok && m[1] >= "2004" && m[1] <= "2006" {
				campaign, why = "crmr-"+m[1], fmt.Sprintf("the row's note says %q", strings.TrimSpace(strings.TrimRight(m[0], ";,)")))
			}
		}
	}
	if campaign == "" {
		return labelChoice{}, false
	}
	c := g.campaigns[campaign]
	date := c.get("act_date")
	t, _ := time.Parse(time.DateOnly, date)
	ref := actRef(c)
	src := fmt.Sprintf("campaigns.csv %s: derived from the campaign's act (%s, %s) for five years; %s label_period %q",
		campaign, ref, date, r.where(), r.get("label_period"))
	if why != "" {
		src += "; " + why
	}
	if st := c.get("status"); st != verified {
		src += fmt.Sprintf("; campaigns.csv marks the campaign %q: %s; the end is the act's date plus five years, not a confirmed date", st, c.get("counts"))
	}
	return labelChoice{date: date, l: label{
		Start:  date,
		End:    t.AddDate(5, 0, 0).Format(time.DateOnly),
		Act:    act{Kind: "arrete", Date: date, Ref: ref},
		Source: src,
		Mark:   derived,
	}}, true
}

// sensgene matches SENSGENE's six reference centres of
// sensgene-centres-2017.txt to their rows, and adds any it does not find.
func (g *gen) sensgene(sites *[]*site) error {
	const file = "sensgene-centres-2017.txt"
	b, err := os.ReadFile(filepath.Join(g.sourcesDir, file))
	if err != nil {
		return err
	}
	// The hospitals the text names that aliases.csv does not list.
	places := map[string]string{"Hôpital Necker, Paris": "aphp-necker", "CHNO XV-XX, Paris": "chno-quinze-vingts"}
	var lines []string
	for l := range strings.Lines(string(b)) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	type entry struct{ name, place string }
	var entries []entry
	for i, l := range lines {
		if place, ok := strings.CutPrefix(l, "Lieu:"); ok && i > 0 {
			entries = append(entries, entry{lines[i-1], strings.TrimSpace(place)})
		}
	}
	if len(entries) != 6 {
		return fmt.Errorf("%s: %d reference centres, want 6", file, len(entries))
	}
	for _, e := range entries {
		est, how := places[e.place], "the text's place, read as "
		if est == "" {
			for k, a := range g.aliases {
				if k[1] == e.place {
					if ids := splitIDs(a.get("ids")); len(ids) > 0 {
						est, how = ids[0], "aliases.csv: "
					}
				}
			}
		}
		if est == "" {
			return fmt.Errorf("%s: no establishment for %q", file, e.place)
		}
		var cands []*site
		for _, s := range *sites {
			if s.sector == "SENSGENE" && s.c.Role == "coordinating" && s.period == "2017" && s.est == est {
				cands = append(cands, s)
			}
		}
		if len(cands) > 1 {
			name := fold(e.name)
			cands = slices.DeleteFunc(cands, func(s *site) bool {
				a := fold(s.rows[0].get("acronym"))
				n := strings.TrimPrefix(fold(s.rows[0].get("centre")), "crmr ")
				return !(a != "" && strings.Contains(name, a)) && !strings.Contains(name, n)
			})
		}
		cite := fmt.Sprintf("%s: %q, Lieu: %s (%s%s)", file, e.name, e.place, how, est)
		switch len(cands) {
		case 1:
			cands[0].sources = append(cands[0].sources, "one of SENSGENE's six reference centres of "+cite)
			g.sensgeneMatched++
		case 0:
			id := "sensgene-" + slug(e.name) + "-" + est
			*sites = append(*sites, &site{
				est: est, sector: "SENSGENE", member: true, key: fold(e.name), period: "2017",
				c:       centre{ID: id, Name: e.name, Tier: "reference", Role: "coordinating", Group: 12, Mark: inferred},
				sources: []string{cite + "; coordinating site of its reference centre (inferred); group 12 inferred from the sector's scope"},
				labels:  g.campaignLabel("crmr-2017", file+": labelled for 2017-2022"),
				rows:    []record{{file: file}},
			})
			g.sensgeneAdded++
		default:
			return fmt.Errorf("%s: %q matches several rows of centres.csv", file, e.name)
		}
	}
	return nil
}

func (g *gen) campaignLabel(id, why string) []labelChoice {
	c := g.campaigns[id]
	date := c.get("act_date")
	t, _ := time.Parse(time.DateOnly, date)
	return []labelChoice{{date: date, l: label{
		Start:  date,
		End:    t.AddDate(5, 0, 0).Format(time.DateOnly),
		Act:    act{Kind: "arrete", Date: date, Ref: actRef(c)},
		Source: fmt.Sprintf("campaigns.csv %s: derived from the campaign's act (%s, %s) for five years; %s", id, actRef(c), date, why),
		Mark:   derived,
	}}}
}

// face2007 adds the two reference centres for facial malformations
// labelled in 2007 (crmr-malformations-face-2007.txt), unless centres.csv
// already has them.
func (g *gen) face2007(sites *[]*site) error {
	const (
		file     = "crmr-malformations-face-2007.txt"
		sentence = "Les deux Centres labellisés en 2007 pour les Malformations de la Face sont Le Centre de Necker à Paris et le Centre de Lille."
	)
	b, err := os.ReadFile(filepath.Join(g.sourcesDir, file))
	if err != nil {
		return err
	}
	// The page has no-break spaces; compare with plain ones.
	if !strings.Contains(strings.ReplaceAll(string(b), "\u00a0", " "), sentence) {
		return fmt.Errorf("%s: the sentence naming the two 2007 centres is gone", file)
	}
	for _, f := range []struct{ place, est, name string }{
		{"Necker à Paris", "aphp-necker", "Centre de référence des malformations de la face (Paris, Necker)"},
		{"Lille", "chu-lille", "Centre de référence des malformations de la face (Lille)"},
	} {
		cite := fmt.Sprintf("%s: %q (le Centre de %s -> %s, inferred)", file, sentence, f.place, f.est)
		found := false
		for _, s := range *sites {
			if s.sector == "TETECOU" && s.c.Tier == "reference" && s.period == "pre-2017" && s.est == f.est {
				s.sources = append(s.sources, "one of the two 2007 face-malformation centres of "+cite)
				found = true
			}
		}
		if found {
			continue
		}
		*sites = append(*sites, &site{
			est: f.est, key: fold(f.name), period: "2007",
			c: centre{
				ID: "crmr-malformations-face-2007-" + f.est, Name: f.name, Tier: "reference", Role: "coordinating", Group: 3, Mark: inferred,
			},
			sources: []string{cite + "; labelled in 2007 for five years, but the text gives the year, not the day, so no label is recorded; " +
				"a 2007 reference centre is its own coordinating site (inferred); group 3 (developmental anomalies) inferred from its field; " +
				"not listed as a sector member: the sectors date from 2014"},
			rows: []record{{file: file}},
		})
		g.faceAdded++
	}
	return nil
}

// check verifies what Decode will check, so that a defect is caught here.
func (g *gen) check(doc *document) error {
	teams := make(map[string]bool)
	for _, t := range doc.Teams {
		if teams[t.ID] || g.estByID[t.Establishment] == nil {
			return fmt.Errorf("team %q: duplicate or unknown establishment", t.ID)
		}
		teams[t.ID] = true
	}
	centres := make(map[string]centre)
	for _, c := range doc.Centres {
		if _, dup := centres[c.ID]; dup || !teams[c.Team] {
			return fmt.Errorf("centre %q: duplicate, or unknown team", c.ID)
		}
		centres[c.ID] = c
	}
	for _, c := range doc.Centres {
		if c.CoordinatingSite != "" {
			if cs, ok := centres[c.CoordinatingSite]; !ok || cs.Role != "coordinating" {
				return fmt.Errorf("centre %q: coordinating site %q is not a coordinating site", c.ID, c.CoordinatingSite)
			}
		}
		for _, l := range c.Labels {
			if l.End <= l.Start || l.Source == "" || l.Mark == "" {
				return fmt.Errorf("centre %q: bad label %+v", c.ID, l)
			}
		}
	}
	for _, f := range doc.Filieres {
		if f.Host != "" && g.estByID[f.Host] == nil {
			return fmt.Errorf("sector %q: unknown host %q", f.ID, f.Host)
		}
		for _, m := range f.Members {
			if centres[m].Role != "coordinating" {
				return fmt.Errorf("sector %q: member %q is not a coordinating site", f.ID, m)
			}
		}
	}
	for _, p := range doc.Platforms {
		if g.estByID[p.Host] == nil {
			return fmt.Errorf("platform %q: unknown host %q", p.ID, p.Host)
		}
	}
	return nil
}

func (g *gen) summary(doc *document) string {
	tiers := map[string]int{}
	labels := 0
	for _, c := range doc.Centres {
		k := c.Tier
		if c.Role != "" {
			k += "/" + c.Role
		}
		if c.Kind != "" {
			k += "/" + c.Kind
		}
		tiers[k]++
		labels += len(c.Labels)
	}
	kept := g.centreRows - g.noEstablishment
	return fmt.Sprintf("gen: centres.csv: %d rows read, %d kept as %d centres (%d rows describing a site already kept merged into it), "+
		"%d left out (hospital not named: no establishment); sensgene-centres-2017.txt: %d of 6 matched, %d added; "+
		"crmr-malformations-face-2007.txt: %d added; constitutive sites: %d with their coordinating site, %d without (not in the data), %d without (ambiguous); "+
		"%d coordinating sites of an [unverified] sector not listed as members; %d [unverified] sector hosts left out; "+
		"%d overseas FINESS numbers left out (prefix 970x refused by FORMAT.md); "+
		"wrote %d establishments, %d teams, %d centres (reference coordinating %d, constitutive %d; competence %d, of which crc %d), %d labels, %d sectors, %d platforms",
		g.centreRows, kept, kept-g.merged, g.merged, g.noEstablishment, g.sensgeneMatched, g.sensgeneAdded, g.faceAdded,
		g.coordSet, g.coordMissing, g.coordAmbiguous, g.unverifiedMembers, g.sectorHostsLeftOut, g.finessLeftOut,
		len(doc.Establishments), len(doc.Teams), len(doc.Centres),
		tiers["reference/coordinating"], tiers["reference/constitutive"], tiers["competence"]+tiers["competence/crc"], tiers["competence/crc"],
		labels, len(doc.Filieres), len(doc.Platforms))
}

// fold lowers s and removes its accents, for comparisons.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := accents[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'’': "'",
}

// slug folds s to lowercase ASCII words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
