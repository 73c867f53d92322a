// Package refdata builds the embedded national reference network of
// package network from the reference data kept in the repository
// (network/data/source), with [network.Builder], and writes it with
// [network.Encode]. Command network/internal/gen runs it for go generate;
// the tests of package network run it to check that data/national.json is
// what the data makes.
//
// The generator reads establishments.csv, aliases.csv, filieres.csv,
// platforms.csv, centres.csv and crcm-2014.csv from the folder it is given; the campaigns
// (their acts and dates) come from package labelling, which embeds the
// campaign table. network/data/source/README.md says what each table holds
// and what its marks mean. How rows become entities (every entity and
// every label records its source and mark):
//
//   - Establishments: every row of establishments.csv. finess is the
//     site's number (FINESS ET) when the row has one, with the legal
//     entity's (FINESS EJ) as finess_ej; a row with only an EJ (AP-HP,
//     AP-HM, HCL, Fondation Ildys as a whole) has it as finess. Numbers are
//     checked by [network.ParseFINESS].
//   - Centres: one per row of centres.csv whose hospital maps to an
//     establishment through aliases.csv (when it maps to several, the
//     first is taken and the source says so); a row whose hospital is not
//     named is left out and counted. Two rows that describe the same site
//     (same sector, acronym or name, role, period and establishment) make
//     one centre citing both. coordonnateur gives a coordinating site,
//     constitutif a constitutive site, competence a competence centre, crc
//     a competence centre of kind crc. A constitutive site names its
//     coordinating site when exactly one coordinating row of the same
//     centre and period is in the data. The group is the row's
//     group_guess, so every centre is marked inferred at least.
//   - The 45 CRCM of crcm-2014.csv: competence centres of kind crcm,
//     labelled by the arrêté du 16 janvier 2014 for four years.
//   - Attachments (attached_to): a competence row names, in its centre
//     column, the reference centre it depends on. It is attached to that
//     centre's coordinating site when exactly one reference row has the
//     same acronym (or, without one, the same name), sector, group and
//     labelling period; rows whose period is unknown match only rows of
//     the same page (same source). Nothing is attached otherwise.
//   - Teams: the data names no units. Rows for the same unit in the same
//     hospital (same sector, acronym or name, role and establishment, in
//     different periods) share one team, and so do a CRC of the
//     cystic-fibrosis sector and the one CRCM of 2014 of the same nature
//     (mixte, pédiatrique, adultes) at its hospital; every other centre has
//     a team of its own. Two units are never claimed to share a team
//     otherwise.
//   - Labels: a row of period 2017 takes the act of campaign crmr-2017
//     (crmr-2017-wave1 when its note says first wave, crmr-2017-mhc for the
//     haemophilia, cystic-fibrosis and ALS sectors), 2023 that of
//     crmr-2023; a pre-2017 reference row takes crmr-2004 to crmr-2007
//     when its note says which, or the arrêté its note names; the window
//     runs from the act's date for five years. Any other row has no label.
//   - Continuity: a pre-2017 label is extended to the start of the 2017
//     label of the same unit (its team), or to the 2017 order when the
//     unit was not relabelled; a 2017 label is extended to the 2023
//     order. No act extending them is known: the extensions record none,
//     and the label's source says where the continuity is stated.
//   - Sectors: the 23 rows of filieres.csv, with their groups, their host
//     unless it is [unverified], since the day the 2014 sectors were
//     announced, and as members the coordinating sites of their rows.
//   - Platforms: every row of platforms.csv; PCOM rows are overseas.
//
// It prints a one-line summary on standard error.
package refdata

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
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

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// Generate builds the network from the reference data in dir and returns
// its rarenet document, as data/national.json holds it, and a one-line
// summary of what was read and written.
func Generate(dir string) (doc []byte, summary string, err error) {
	n, g, err := build(dir)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	if err := network.Encode(&buf, n); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), g.summary(n), nil
}

// Build builds the network from the reference data in dir.
func Build(dir string) (*network.Network, error) {
	n, _, err := build(dir)
	return n, err
}

func build(dir string) (*network.Network, *gen, error) {
	g := &gen{src: dir}
	n, err := g.build()
	return n, g, err
}

const (
	verified   = typology.MarkVerified
	inferred   = typology.MarkInferred
	derived    = typology.MarkDerived
	unverified = typology.MarkUnverified
)

// weaker returns the weaker of two marks: the marks are declared from the
// strongest (verified) to the weakest (unverified).
func weaker(a, b typology.Mark) typology.Mark { return max(a, b) }

// markIn reads a bracketed or plain mark in a remark of the data.
func markIn(s string) typology.Mark {
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
	src string

	ests      []network.Establishment
	estByID   map[string]*network.Establishment
	aliases   map[[2]string]record // (source_file, hospital_string) -> row
	sectors   map[string]*network.Filiere
	sectorIDs []string
	platforms []network.Platform
	sites     []*site

	// counts for the summary
	centreRows, noEstablishment, merged, unverifiedMembers int
	coordSet, coordMissing, coordAmbiguous                 int
	sectorHostsLeftOut, finessEJ, crcm, sharedTeams        int
	attached, attachNone, attachAmbiguous, extensions      int
}

func (g *gen) build() (*network.Network, error) {
	steps := []func() error{g.readEstablishments, g.readAliases, g.readFilieres, g.readPlatforms, g.readCentres, g.readCRCM}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	g.linkSites()
	return g.assemble()
}

func campaign(id string) (labelling.Campaign, error) {
	c, ok := labelling.CampaignByID(labelling.CampaignID(id))
	if !ok {
		return c, fmt.Errorf("campaigns.csv: no campaign %q", id)
	}
	if c.ActDate.IsZero() || actRef(c) == "" {
		return c, fmt.Errorf("campaigns.csv: campaign %q has no dated arrêté", id)
	}
	return c, nil
}

// actRef returns the order (arrêté) among the acts of a campaign.
func actRef(c labelling.Campaign) string {
	parts := strings.Split(c.Act, ";")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimSpace(parts[i]); strings.HasPrefix(p, "arrêté") {
			return p
		}
	}
	return ""
}

func (g *gen) readEstablishments() error {
	rows, err := readTable(g.src, "establishments.csv",
		"id", "name", "finess_ej", "finess_et", "city", "department", "region", "lat", "lon", "source")
	if err != nil {
		return err
	}
	g.estByID = make(map[string]*network.Establishment)
	siteNumbers := make(map[network.FINESS]string)
	for _, r := range rows {
		id := r.get("id")
		if _, dup := g.estByID[id]; dup {
			return fmt.Errorf("%s: duplicate establishment %q", r.where(), id)
		}
		e := network.Establishment{
			ID:     network.EstablishmentID(id),
			Name:   r.get("name"),
			City:   r.get("city"),
			Region: network.RegionCode(r.get("region")),
		}
		parse := func(col string) (network.FINESS, error) {
			f, err := network.ParseFINESS(r.get(col))
			if err != nil {
				return f, fmt.Errorf("%s (id %q): %s: %w", r.where(), id, col, err)
			}
			return f, nil
		}
		var how string
		switch et, ej := r.get("finess_et"), r.get("finess_ej"); {
		case et != "":
			if e.FINESS, err = parse("finess_et"); err != nil {
				return err
			}
			how = "finess: the site's number (FINESS ET)"
			if ej != "" {
				if e.FINESSEJ, err = parse("finess_ej"); err != nil {
					return err
				}
				how += "; finess_ej: its legal entity's (FINESS EJ)"
				g.finessEJ++
			}
		case ej != "":
			if e.FINESS, err = parse("finess_ej"); err != nil {
				return err
			}
			how = "finess: the legal entity's number (FINESS EJ): the row is the legal entity as a whole"
		}
		if !e.FINESS.IsZero() {
			if other, dup := siteNumbers[e.FINESS]; dup {
				return fmt.Errorf("%s (id %q): FINESS %s is already %q's", r.where(), id, e.FINESS, other)
			}
			siteNumbers[e.FINESS] = id
		}
		if lat, lon := r.get("lat"), r.get("lon"); lat != "" || lon != "" {
			la, err1 := strconv.ParseFloat(lat, 64)
			lo, err2 := strconv.ParseFloat(lon, 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("%s (id %q): bad position %q, %q", r.where(), id, lat, lon)
			}
			e.Location = network.Location{Lat: la, Lon: lo, Known: true}
		}
		src := fmt.Sprintf("establishments.csv %s: %s", id, r.get("source"))
		if how != "" {
			src += "; " + how
		}
		e.Provenance = typology.Provenance{Source: src, Mark: verified}
		if s := r.get("source"); strings.Contains(s, "[inferred") || strings.Contains(s, "[unverified") {
			e.Provenance.Mark = markIn(s)
		}
		g.ests = append(g.ests, e)
	}
	for i := range g.ests {
		g.estByID[string(g.ests[i].ID)] = &g.ests[i]
	}
	return nil
}

func (g *gen) readAliases() error {
	rows, err := readTable(g.src, "aliases.csv", "source_file", "hospital_string", "city", "ids", "note")
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
	mark typology.Mark
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

// sectorsAnnounced finds the day the 2014 sectors were announced in the
// counts of campaign fsmr-2014.
var sectorsAnnounced = regexp.MustCompile(`sectors announced (\d{4}-\d{2}-\d{2})`)

func (g *gen) readFilieres() error {
	rows, err := readTable(g.src, "filieres.csv", "acronym", "name_fr", "host_establishment", "city", "region", "groups", "source")
	if err != nil {
		return err
	}
	fsmr, ok := labelling.CampaignByID("fsmr-2014")
	if !ok {
		return errors.New("campaigns.csv: no campaign fsmr-2014")
	}
	m := sectorsAnnounced.FindStringSubmatch(fsmr.Counts)
	if m == nil {
		return fmt.Errorf("campaigns.csv: fsmr-2014: no announcement day in %q", fsmr.Counts)
	}
	since, err := labelling.ParseDate(m[1])
	if err != nil {
		return fmt.Errorf("campaigns.csv: fsmr-2014: %w", err)
	}
	sinceSrc := fmt.Sprintf("since %v: the day the 23 sectors were announced (campaigns.csv fsmr-2014, %s: %q); each was constituted during 2014, on a day the data does not give",
		since, fsmr.Act, fsmr.Counts)
	g.sectors = make(map[string]*network.Filiere)
	for _, r := range rows {
		id, _, _ := strings.Cut(r.get("acronym"), " (")
		gs, gmark, err := parseGroups(r.get("groups"))
		if err != nil {
			return fmt.Errorf("%s (sector %q): %w", r.where(), id, err)
		}
		f := &network.Filiere{ID: network.FiliereID(id), Name: r.get("name_fr"), Groups: gs, Since: since}
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
				f.Host = network.EstablishmentID(m.est)
				src += "; host: " + m.describe(host, dated)
			} else {
				src += fmt.Sprintf("; host left out: %q maps to no establishment", host)
			}
		}
		var nums []string
		for _, gr := range gs {
			nums = append(nums, strconv.Itoa(gr.Number()))
		}
		src += fmt.Sprintf("; groups %s inferred from the sector's scope; %s; members: the coordinating sites of its centres.csv rows",
			strings.Join(nums, ";"), sinceSrc)
		f.Provenance = typology.Provenance{Source: src, Mark: weaker(inferred, gmark)}
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

// parseGroups reads "9;3 (inferred)": sorted groups and their mark.
func parseGroups(s string) ([]typology.Group, typology.Mark, error) {
	mark := verified
	if i := strings.Index(s, "("); i >= 0 {
		mark = markIn(s[i:])
		s = s[:i]
	}
	var gs []typology.Group
	for p := range strings.SplitSeq(s, ";") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		gr, ok := typology.GroupOf(n)
		if err != nil || !ok {
			return nil, 0, fmt.Errorf("%q is not a group (1 to 17)", p)
		}
		gs = append(gs, gr)
	}
	slices.Sort(gs)
	return slices.Compact(gs), mark, nil
}

func (g *gen) readPlatforms() error {
	rows, err := readTable(g.src, "platforms.csv", "name", "host", "city", "region", "source")
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
		p := network.Platform{ID: network.PlatformID(id), Name: platformName(full), Overseas: strings.HasPrefix(full, "PCOM")}
		host := r.get("host")
		m, ok, err := g.resolve("platforms.csv", host, false)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: platform %q: host %q maps to no establishment, and a platform needs one", r.where(), id, host)
		}
		p.Host = network.EstablishmentID(m.est)
		src := fmt.Sprintf("platforms.csv %s: %s; name in the data: %q; host: %s", r.where(), r.get("source"), full, m.describe(host, false))
		mark := weaker(verified, m.mark)
		if strings.HasPrefix(host, "[unverified]") {
			mark = unverified
			src += "; the host is [unverified] in the data and required here, so the platform is marked unverified"
		}
		p.Provenance = typology.Provenance{Source: src, Mark: mark}
		g.platforms = append(g.platforms, p)
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
// describe the same site), or one row of crcm-2014.csv.
type site struct {
	rows    []record
	c       network.Centre
	est     string
	sector  string // normalised sector acronym
	member  bool   // a sector member when coordinating
	key     string // acronym, or name when there is none, folded
	period  string
	sources []string
	labels  []labelChoice
	team    *site  // the site whose team this one shares; nil: its own
	why     string // why it shares that team
	nature  string // a CRCM's nature: "mixte", "pédiatrique" or "adultes"
}

// A labelChoice is a label in the making: its window, act and provenance,
// and the campaign it comes from ("" for an act a row names).
type labelChoice struct {
	start, end labelling.Date
	act        labelling.Act
	source     string
	mark       typology.Mark
	campaign   string
}

func (g *gen) readCentres() error {
	rows, err := readTable(g.src, "centres.csv",
		"centre", "acronym", "hospital", "city", "filiere", "role", "label_period", "group_guess", "note", "source")
	if err != nil {
		return err
	}
	g.centreRows = len(rows)
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
			first.c.Provenance.Mark = weaker(first.c.Provenance.Mark, s.c.Provenance.Mark)
			g.merged++
			continue
		}
		bySame[same] = s
		g.sites = append(g.sites, s)
	}
	return nil
}

var roles = map[string]struct {
	tier typology.Tier
	role typology.Role
	kind typology.Kind
}{
	"coordonnateur": {typology.Reference, typology.Coordinating, 0},
	"constitutif":   {typology.Reference, typology.Constitutive, 0},
	"competence":    {typology.Competence, 0, 0},
	"crc":           {typology.Competence, 0, typology.KindCRC},
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
	n, err := strconv.Atoi(r.get("group_guess"))
	group, ok := typology.GroupOf(n)
	if err != nil || !ok {
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
		key:    typology.Fold(cmpKey(r.get("acronym"), r.get("centre"))),
		period: r.get("label_period"),
	}
	if rl.role == typology.Coordinating && sectorMark == unverified {
		g.unverifiedMembers++
	}
	s.c = network.Centre{
		ID:    network.CentreID(centreID(r, sector, m.est)),
		Name:  r.get("centre"),
		Tier:  rl.tier,
		Role:  rl.role,
		Kind:  rl.kind,
		Group: group,
	}
	s.c.Provenance.Mark = weaker(inferred, m.mark)
	src := fmt.Sprintf("%s: %s", r.where(), r.get("source"))
	if n := r.get("note"); n != "" {
		src += fmt.Sprintf("; note: %q", n)
	}
	src += "; " + m.describe(hospital, false)
	src += fmt.Sprintf("; sector %q", r.get("filiere"))
	if sectorMark == unverified {
		src += " (unverified: not listed among the sector's members)"
	}
	src += fmt.Sprintf("; group %d inferred from the centre's field (group_guess)", group.Number())
	s.sources = []string{src}
	l, ok, err := labelOf(r, rl.tier, sector)
	if err != nil {
		return nil, err
	}
	if ok {
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
	pre2017      = []string{"crmr-2004", "crmr-2005", "crmr-2006", "crmr-2007"}
)

// labelOf derives a row's label: from its campaign's act where the row
// names only its campaign, from the act its note names where it names one;
// none where neither is known.
func labelOf(r record, tier typology.Tier, sector string) (labelChoice, bool, error) {
	note := r.get("note")
	var id, why string
	switch r.get("label_period") {
	case "2017":
		switch {
		case mhcSectors[sector]:
			id, why = "crmr-2017-mhc", fmt.Sprintf("sector %s was labelled with the haemophilia, cystic-fibrosis and ALS networks", sector)
		case strings.Contains(strings.ToLower(note), "1st wave"):
			id, why = "crmr-2017-wave1", "the row's note says first wave"
		default:
			id = "crmr-2017"
		}
	case "2023":
		id = "crmr-2023"
	case "pre-2017":
		if tier != typology.Reference {
			return labelChoice{}, false, nil
		}
		if m := arreteDate.FindStringSubmatch(note); m != nil {
			t, err := time.Parse("2 Jan 2006", m[1]+" "+m[2]+" "+m[3])
			if err != nil {
				return labelChoice{}, false, fmt.Errorf("%s: note %q: %w", r.where(), note, err)
			}
			date := labelling.DateOf(t)
			for _, cid := range pre2017 {
				if c, ok := labelling.CampaignByID(labelling.CampaignID(cid)); ok && c.ActDate == date {
					id, why = cid, fmt.Sprintf("the row's note names the campaign's order (%q)", m[0])
				}
			}
			if id == "" {
				ref := fmt.Sprintf("arrêté du %d %s %d", t.Day(), monthsFR[t.Month()], t.Year())
				return labelChoice{
					start:  date,
					end:    date.AddDate(5, 0, 0),
					act:    labelling.Act{Kind: labelling.Arrete, Date: date, Ref: ref},
					source: fmt.Sprintf("%s note %q: the order the row names, from its date for five years", r.where(), note),
					mark:   derived,
				}, true, nil
			}
		} else if m := labelledYear.FindStringSubmatch(note); m != nil && slices.Contains(pre2017, "crmr-"+m[1]) {
			id, why = "crmr-"+m[1], fmt.Sprintf("the row's note says %q", strings.TrimSpace(strings.TrimRight(m[0], ";,)")))
		}
	}
	if id == "" {
		return labelChoice{}, false, nil
	}
	l, err := campaignLabel(id, 5, fmt.Sprintf("%s label_period %q", r.where(), r.get("label_period")))
	if err != nil {
		return l, false, err
	}
	if why != "" {
		l.source += "; " + why
	}
	if strings.Contains(note, "order date [inferred]") {
		// The row knows the year, not the day: the day of the campaign's
		// order is an inference the row states.
		l.mark = inferred
		l.source += "; the day is inferred, as the row's note says"
	}
	return l, true, nil
}

// campaignLabel is a label granted by campaign id's order for years.
func campaignLabel(id string, years int, why string) (labelChoice, error) {
	c, err := campaign(id)
	if err != nil {
		return labelChoice{}, err
	}
	ref := actRef(c)
	src := fmt.Sprintf("campaigns.csv %s: from the campaign's order (%s, %v) for %d years; %s", id, ref, c.ActDate, years, why)
	if c.Status != "verified" {
		src += fmt.Sprintf("; campaigns.csv marks the campaign %q: %s", c.Status, c.Counts)
	}
	return labelChoice{
		start:    c.ActDate,
		end:      c.ActDate.AddDate(years, 0, 0),
		act:      labelling.Act{Kind: labelling.Arrete, Date: c.ActDate, Ref: ref},
		source:   src,
		mark:     derived,
		campaign: id,
	}, nil
}

// readCRCM adds the cystic-fibrosis centres designated by the arrêté du 16
// janvier 2014 for four years.
func (g *gen) readCRCM() error {
	rows, err := readTable(g.src, "crcm-2014.csv",
		"centre", "hospital", "city", "filiere", "kind", "label_period", "group_guess", "establishment", "finess_ej_as_printed", "ars", "note", "source")
	if err != nil {
		return err
	}
	for _, r := range rows {
		est := r.get("establishment")
		if g.estByID[est] == nil {
			return fmt.Errorf("%s: no establishment %q", r.where(), est)
		}
		if r.get("kind") != "crcm" || r.get("label_period") != "2014" || g.sectors[r.get("filiere")] == nil {
			return fmt.Errorf("%s: want kind crcm, period 2014 and a sector, got %q, %q, %q", r.where(), r.get("kind"), r.get("label_period"), r.get("filiere"))
		}
		n, err := strconv.Atoi(r.get("group_guess"))
		group, ok := typology.GroupOf(n)
		if err != nil || !ok {
			return fmt.Errorf("%s: group_guess %q is not a group (1 to 17)", r.where(), r.get("group_guess"))
		}
		nature := "crcm"
		if _, after, ok := strings.Cut(r.get("note"), "nature: "); ok {
			nature, _, _ = strings.Cut(after, ";")
			nature, _, _ = strings.Cut(nature, " (")
		}
		id := "crcm-2014-" + est + "-" + strings.TrimPrefix(slug(nature), "crcm-")
		mark := weaker(inferred, markIn(r.get("note")))
		src := fmt.Sprintf("%s: %s; note: %q; establishment %s (the table's mapping of %q); legal-entity FINESS as printed: %s; agency: %s; group %d inferred from the centre's field (group_guess)",
			r.where(), r.get("source"), r.get("note"), est, r.get("hospital"), r.get("finess_ej_as_printed"), r.get("ars"), group.Number())
		l, err := campaignLabel("crcm-2014", 4, r.where()+": designated for four years (art. 1 of the order)")
		if err != nil {
			return err
		}
		g.sites = append(g.sites, &site{
			rows:   []record{r},
			est:    est,
			sector: r.get("filiere"),
			key:    typology.Fold(r.get("centre")),
			period: "2014",
			c: network.Centre{
				ID: network.CentreID(id), Name: r.get("centre"), Tier: typology.Competence, Kind: typology.KindCRCM, Group: group,
				Provenance: typology.Provenance{Mark: mark},
			},
			sources: []string{src},
			labels:  []labelChoice{l},
			nature:  strings.TrimPrefix(nature, "CRCM "),
		})
		g.crcm++
	}
	if g.crcm != 45 {
		return fmt.Errorf("crcm-2014.csv: %d rows, want 45", g.crcm)
	}
	return nil
}

// linkSites sets coordinating sites, attachments and shared teams.
func (g *gen) linkSites() {
	// Coordinating sites of constitutive sites.
	coords := make(map[string][]*site)
	for _, s := range g.sites {
		if s.c.Role == typology.Coordinating {
			k := s.sector + "\x1f" + s.key + "\x1f" + s.period
			coords[k] = append(coords[k], s)
		}
	}
	lines := func(ss []*site) string {
		var out []string
		for _, s := range ss {
			out = append(out, strconv.Itoa(s.rows[0].line))
		}
		return strings.Join(out, ", ")
	}
	for _, s := range g.sites {
		if s.c.Role != typology.Constitutive {
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
			s.sources = append(s.sources, "coordinating site left out: several coordinating rows of the same centre and period (centres.csv lines "+lines(cs)+")")
			g.coordAmbiguous++
		}
	}

	// Attachments: the reference centre a competence row names.
	for _, s := range g.sites {
		if s.c.Tier != typology.Competence || s.c.Kind == typology.KindCRCM {
			continue
		}
		var cands []*site
		for _, c := range coords[s.sector+"\x1f"+s.key+"\x1f"+s.period] {
			if c.c.Group != s.c.Group {
				continue
			}
			if s.period == "" && c.rows[0].get("source") != s.rows[0].get("source") {
				continue
			}
			cands = append(cands, c)
		}
		how := "same acronym"
		if s.rows[0].get("acronym") == "" {
			how = "same name"
		}
		period := fmt.Sprintf("period %s", s.period)
		if s.period == "" {
			period = "period unknown on both, read on the same page"
		}
		switch len(cands) {
		case 1:
			c := cands[0]
			s.c.AttachedTo = []network.CentreID{c.c.ID}
			s.sources = append(s.sources, fmt.Sprintf("attached to %s: the reference centre the row names, matched to its coordinating site (centres.csv line %d) by %s, sector %s, group %d and %s (inferred)",
				c.c.ID, c.rows[0].line, how, s.sector, s.c.Group.Number(), period))
			g.attached++
		case 0:
			g.attachNone++
		default:
			s.sources = append(s.sources, "attachment left out: the reference centre the row names has several coordinating rows (centres.csv lines "+lines(cands)+")")
			g.attachAmbiguous++
		}
	}

	// Shared teams: the same unit in the same hospital, in several periods.
	units := make(map[string]*site)
	crcms := make(map[string][]*site)
	for _, s := range g.sites {
		if s.c.Kind == typology.KindCRCM {
			k := s.est + "\x1f" + s.nature
			crcms[k] = append(crcms[k], s)
			continue
		}
		k := strings.Join([]string{s.sector, s.key, s.rows[0].get("role"), s.est}, "\x1f")
		if first, ok := units[k]; ok {
			s.team, s.why = first, fmt.Sprintf("the same unit (sector %s, %q, same role) at %s in several periods", s.sector, cmpKey(s.rows[0].get("acronym"), s.rows[0].get("centre")), s.est)
			g.sharedTeams++
			continue
		}
		units[k] = s
	}
	// A CRC of the cystic-fibrosis sector is the CRCM of 2014 of the same
	// nature at the same hospital, when there is exactly one.
	for _, s := range g.sites {
		m := crcNature.FindStringSubmatch(s.rows[0].get("centre"))
		if s.c.Kind != typology.KindCRC || s.sector != "MUCO-CFTR" || m == nil || s.team != nil {
			continue
		}
		if cs := crcms[s.est+"\x1f"+m[1]]; len(cs) == 1 {
			s.team, s.why = cs[0], fmt.Sprintf("the same unit: the CRCM %s at %s, designated in 2014, which the row calls a CRC", m[1], s.est)
			g.sharedTeams++
		}
	}
}

// crcNature reads the nature of a cystic-fibrosis centre in its name.
var crcNature = regexp.MustCompile(`mucoviscidose \((mixte|pédiatrique|adultes)\)$`)

// assemble turns the sites into centres and teams, adds the continuity
// extensions, and builds the network.
func (g *gen) assemble() (*network.Network, error) {
	var b network.Builder
	slices.SortFunc(g.ests, func(a, b network.Establishment) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for _, e := range g.ests {
		b.AddEstablishment(e)
	}
	// The units that hold a 2017 label, for the continuity of older ones.
	relabelled := make(map[*site]labelChoice)
	for _, s := range g.sites {
		if l, ok := earliest(s.labels); ok && strings.HasPrefix(l.campaign, "crmr-2017") {
			relabelled[s.unit()] = l
		}
	}
	slices.SortFunc(g.sites, func(a, b *site) int { return strings.Compare(string(a.c.ID), string(b.c.ID)) })
	var teams []network.Team
	ids := make(map[network.CentreID]bool)
	for _, s := range g.sites {
		c := s.c
		if ids[c.ID] {
			return nil, fmt.Errorf("centre ID %q is not unique", c.ID)
		}
		ids[c.ID] = true
		if l, ok := earliest(s.labels); ok {
			for _, o := range s.labels {
				if o.act != l.act {
					l.source += "; the rows describing this site give different acts: the earliest is kept"
					break
				}
			}
			lab, err := g.label(s, l, relabelled)
			if err != nil {
				return nil, fmt.Errorf("centre %s: %w", c.ID, err)
			}
			c.Labels = []labelling.Label{lab}
		}
		c.Provenance.Source = strings.Join(s.sources, "; ")
		u := s.unit()
		c.Team = network.TeamID(u.c.ID)
		if u == s {
			t := network.Team{
				ID:            c.Team,
				Establishment: network.EstablishmentID(s.est),
				Provenance: typology.Provenance{
					Source: "team derived from the centre's hospital: the data names no unit, so each unit has a team of its own on " + s.est,
					Mark:   inferred,
				},
			}
			teams = append(teams, t)
		}
		b.AddCentre(c)
		if c.Role == typology.Coordinating && s.member {
			f := g.sectors[s.sector]
			f.Members = append(f.Members, c.ID)
		}
	}
	// A shared team says which rows it stands for.
	shared := make(map[network.TeamID][]*site)
	for _, s := range g.sites {
		if u := s.unit(); u != s {
			shared[network.TeamID(u.c.ID)] = append(shared[network.TeamID(u.c.ID)], s)
		}
	}
	for _, t := range teams {
		if more := shared[t.ID]; len(more) > 0 {
			u := g.siteByID(network.CentreID(t.ID))
			rows := []string{u.rows[0].where()}
			for _, s := range more {
				rows = append(rows, s.rows[0].where())
			}
			t.Provenance.Source = fmt.Sprintf("team derived from the centre's hospital: the data names no unit; %s describe %s, so they share this team",
				strings.Join(rows, " and "), more[0].why)
		}
		b.AddTeam(t)
	}
	for _, id := range g.sectorIDs {
		f := g.sectors[id]
		slices.Sort(f.Members)
		f.Members = slices.Compact(f.Members)
		b.AddFiliere(*f)
	}
	slices.SortFunc(g.platforms, func(a, b network.Platform) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for _, p := range g.platforms {
		b.AddPlatform(p)
	}
	return b.Build()
}

func (s *site) unit() *site {
	if s.team != nil {
		return s.team
	}
	return s
}

func (g *gen) siteByID(id network.CentreID) *site {
	for _, s := range g.sites {
		if s.c.ID == id {
			return s
		}
	}
	return nil
}

const (
	srcContinuity2016 = `lequotidiendumedecin.fr, "363 centres de référence maladies rares labellisés en France" (2017): before the 2016 call the ministry counted 354 reference centres (128 coordinating, 226 constitutive sites), so the labels of the 2004-2007 campaigns were still in force`
	srcContinuity2022 = `cetl.net, "labellisation 2022", and fimatho.fr/labellisation: the 2017 mandate ended at the end of 2022 and the next order was delayed to 2023, the centres working on under their 2017 label`
)

// label builds a site's label with its continuity extension, if any.
func (g *gen) label(s *site, l labelChoice, relabelled map[*site]labelChoice) (labelling.Label, error) {
	var events []labelling.Event
	src := l.source
	switch {
	case slices.Contains(pre2017, l.campaign) || (l.campaign == "" && l.start.Year() < 2017):
		until, why := labelling.Date{}, ""
		if next, ok := relabelled[s.unit()]; ok {
			until, why = next.start, fmt.Sprintf("the start of the same unit's 2017 label (%s)", next.campaign)
		} else {
			id := "crmr-2017"
			if mhcSectors[s.sector] {
				id = "crmr-2017-mhc"
			}
			c, err := campaign(id)
			if err != nil {
				return labelling.Label{}, err
			}
			until, why = c.ActDate, fmt.Sprintf("the 2017 order (%s, %s), the unit not being relabelled in the data", id, actRef(c))
		}
		if until.After(l.end) {
			events = append(events, labelling.ExtensionEvent(l.end, until, labelling.Act{}))
			src += fmt.Sprintf("; extended (inferred) on its initial end to %v, %s: %s; no act extending it is known, so none is recorded", until, why, srcContinuity2016)
			g.extensions++
		}
	case strings.HasPrefix(l.campaign, "crmr-2017"):
		c, err := campaign("crmr-2023")
		if err != nil {
			return labelling.Label{}, err
		}
		if c.ActDate.After(l.end) {
			events = append(events, labelling.ExtensionEvent(l.end, c.ActDate, labelling.Act{}))
			src += fmt.Sprintf("; extended (inferred) on its initial end to %v, the day of the 2023 order (crmr-2023, %s, %s): %s; no act extending it is known, so none is recorded",
				c.ActDate, actRef(c), c.Status, srcContinuity2022)
			g.extensions++
		}
	}
	lab, err := labelling.NewLabel(l.start, l.end, l.act, events...)
	if err != nil {
		return lab, err
	}
	return lab.WithProvenance(typology.Provenance{Source: src, Mark: l.mark}), nil
}

func earliest(ls []labelChoice) (labelChoice, bool) {
	if len(ls) == 0 {
		return labelChoice{}, false
	}
	best := ls[0]
	for _, l := range ls[1:] {
		if l.start.Before(best.start) {
			best = l
		}
	}
	return best, true
}

func (g *gen) summary(n *network.Network) string {
	s := n.Stats()
	var ref, coord, comp, attached, labelled, ej int
	for c := range n.Centres() {
		switch {
		case c.Tier == typology.Competence:
			comp++
			if len(c.AttachedTo) > 0 {
				attached++
			}
		case c.Role == typology.Coordinating:
			coord++
		default:
			ref++
		}
		if len(c.Labels) > 0 {
			labelled++
		}
	}
	for e := range n.Establishments() {
		if !e.FINESSEJ.IsZero() {
			ej++
		}
	}
	kept := g.centreRows - g.noEstablishment
	return fmt.Sprintf("gen: centres.csv: %d rows read, %d kept as %d centres (%d rows describing a site already kept merged into it), %d left out (hospital not named); "+
		"crcm-2014.csv: %d CRCM; constitutive sites: %d with their coordinating site, %d without (not in the data), %d without (ambiguous); "+
		"competence rows: %d attached, %d naming no identified reference centre, %d ambiguous; %d centres share the team of an earlier row of the same unit; "+
		"%d continuity extensions; %d coordinating sites of an [unverified] sector not listed as members; %d [unverified] sector hosts left out; "+
		"wrote %d establishments (%d with finess_ej), %d teams, %d centres (coordinating %d, constitutive %d, competence %d of which %d attached; %d labelled), %d labels, %d sectors, %d platforms",
		g.centreRows, kept, kept-g.merged, g.merged, g.noEstablishment,
		g.crcm, g.coordSet, g.coordMissing, g.coordAmbiguous,
		g.attached, g.attachNone, g.attachAmbiguous, g.sharedTeams,
		g.extensions, g.unverifiedMembers, g.sectorHostsLeftOut,
		s.Establishments, ej, s.Teams, s.Centres, coord, ref, comp, attached, labelled, s.Labels, s.Filieres, s.Platforms)
}

// slug folds s (typology.Fold) to lowercase ASCII words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range typology.Fold(s) {
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
