package network

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/rarenet/rarenet/typology"
)

// RegionCode is an INSEE region code written as a string: "11" is
// Île-de-France, "04" La Réunion. Since 2016 there are 18 regions; the 27
// regions before 2016 (used by the 2007 regional agencies) have codes of
// their own, some equal to current ones, so a RegionCode is read against
// the map it comes from: [RegionOf] for the current map, [FormerRegionOf]
// for the earlier one.
type RegionCode string

// Interregion is one of the seven health-research interregions (GIRCI,
// groupements interrégionaux de recherche clinique et d'innovation) that
// group the regions. The zero Interregion is invalid.
type Interregion uint8

// The seven interregions.
const (
	IleDeFrance        Interregion = iota + 1 // GIRCI Île-de-France
	NordOuest                                 // GIRCI Nord-Ouest
	Est                                       // GIRCI Est
	GrandOuest                                // GIRCI Grand Ouest
	SOHO                                      // GIRCI SOHO (Sud-Ouest Outre-Mer, overseas included)
	AuvergneRhoneAlpes                        // GIRCI Auvergne-Rhône-Alpes
	Mediterranee                              // GIRCI Méditerranée
)

var interregionNames = [...]struct{ slug, name string }{
	IleDeFrance:        {"ile-de-france", "GIRCI Île-de-France"},
	NordOuest:          {"nord-ouest", "GIRCI Nord-Ouest"},
	Est:                {"est", "GIRCI Est"},
	GrandOuest:         {"grand-ouest", "GIRCI Grand Ouest"},
	SOHO:               {"soho", "GIRCI SOHO"},
	AuvergneRhoneAlpes: {"auvergne-rhone-alpes", "GIRCI Auvergne-Rhône-Alpes"},
	Mediterranee:       {"mediterranee", "GIRCI Méditerranée"},
}

// Interregions yields the seven interregions in their declared order.
func Interregions() iter.Seq[Interregion] {
	return func(yield func(Interregion) bool) {
		for i := IleDeFrance; i <= Mediterranee; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// IsValid reports whether i is one of the seven interregions.
func (i Interregion) IsValid() bool { return i >= IleDeFrance && i <= Mediterranee }

// String returns i's slug ("grand-ouest"), or "Interregion(n)" when invalid.
func (i Interregion) String() string {
	if !i.IsValid() {
		return fmt.Sprintf("Interregion(%d)", uint8(i))
	}
	return interregionNames[i].slug
}

// Name returns i's full name ("GIRCI Grand Ouest").
func (i Interregion) Name() string {
	if !i.IsValid() {
		return i.String()
	}
	return interregionNames[i].name
}

// MarshalText returns i's slug, and empty text for the zero Interregion
// (not set); it fails when i is otherwise invalid.
func (i Interregion) MarshalText() ([]byte, error) {
	if i == 0 {
		return []byte{}, nil
	}
	if !i.IsValid() {
		return nil, fmt.Errorf("network: cannot marshal invalid %v", i)
	}
	return []byte(i.String()), nil
}

// UnmarshalText accepts exactly a slug printed by String, and empty text
// for the zero Interregion, as MarshalText writes it.
func (i *Interregion) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*i = 0
		return nil
	}
	v, err := ParseInterregion(string(b))
	if err != nil {
		return err
	}
	*i = v
	return nil
}

// ParseInterregion accepts an interregion's slug or full name, ignoring
// case.
func ParseInterregion(s string) (Interregion, error) {
	for i := range Interregions() {
		if strings.EqualFold(s, interregionNames[i].slug) || strings.EqualFold(s, interregionNames[i].name) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("network: parse interregion %q: unknown interregion", s)
}

// A Region is one of the 18 regions of the 2016 map, with the interregion
// it belongs to and the provenance of that assignment.
type Region struct {
	Code        RegionCode          `json:"code"`
	Name        string              `json:"name"`
	Interregion Interregion         `json:"interregion,omitzero"`
	Overseas    bool                `json:"overseas,omitempty"`
	Provenance  typology.Provenance `json:"-"` // written as "source" and "mark"
}

// A FormerRegion is one of the 27 regions before 2016, with its successor
// on the 2016 map.
type FormerRegion struct {
	Code       RegionCode          `json:"code"`
	Name       string              `json:"name"`
	Successor  RegionCode          `json:"successor,omitempty"`
	Provenance typology.Provenance `json:"-"` // written as "source" and "mark"
}

//go:embed data/source/regions.csv
var regionsCSV []byte

//go:embed data/source/regions_pre2016.csv
var formerRegionsCSV []byte

type regionTables struct {
	current []Region
	former  []FormerRegion
	err     error
}

// regions parses the embedded tables once. The tables are the reference
// data of the repository (data/source), checked by a test, so an error
// here is a build defect: the functions below then report no region
// rather than panic in an importer's init.
var regions = sync.OnceValue(func() regionTables {
	var t regionTables
	t.current, t.err = parseRegions(regionsCSV)
	if t.err == nil {
		t.former, t.err = parseFormerRegions(formerRegionsCSV)
	}
	return t
})

// interregionOf reads the interregion column: its name, then any
// bracketed remark, which carries the mark.
func interregionOf(col string) (Interregion, typology.Mark, error) {
	mark := typology.MarkVerified
	low := strings.ToLower(col)
	switch {
	case strings.Contains(low, "[unverified"):
		mark = typology.MarkUnverified
	case strings.Contains(low, "[inferred"):
		mark = typology.MarkInferred
	}
	for i := range Interregions() {
		name := strings.ToLower(interregionNames[i].name)
		if strings.HasPrefix(low, name) {
			return i, mark, nil
		}
	}
	return 0, 0, fmt.Errorf("unknown interregion %q", col)
}

func readCSV(b []byte, header []string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || !slices.Equal(rows[0][:min(len(rows[0]), len(header))], header) {
		return nil, fmt.Errorf("unexpected header %q", rows[0])
	}
	return rows[1:], nil
}

func parseRegions(b []byte) ([]Region, error) {
	rows, err := readCSV(b, []string{"insee_code", "name", "interregion", "source"})
	if err != nil {
		return nil, fmt.Errorf("network: embedded regions.csv: %w", err)
	}
	out := make([]Region, 0, len(rows))
	for _, r := range rows {
		ir, mark, err := interregionOf(r[2])
		if err != nil {
			return nil, fmt.Errorf("network: embedded regions.csv: region %s: %w", r[0], err)
		}
		out = append(out, Region{
			Code:        RegionCode(r[0]),
			Name:        r[1],
			Interregion: ir,
			Overseas:    len(r[0]) == 2 && r[0][0] == '0',
			Provenance:  typology.Provenance{Source: "regions.csv: " + r[3] + "; interregion: " + r[2], Mark: mark},
		})
	}
	slices.SortFunc(out, func(a, b Region) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return out, nil
}

func parseFormerRegions(b []byte) ([]FormerRegion, error) {
	rows, err := readCSV(b, []string{"insee_code", "name", "successor_insee_code_2016", "interregion", "source"})
	if err != nil {
		return nil, fmt.Errorf("network: embedded regions_pre2016.csv: %w", err)
	}
	out := make([]FormerRegion, 0, len(rows))
	for _, r := range rows {
		out = append(out, FormerRegion{
			Code:       RegionCode(r[0]),
			Name:       r[1],
			Successor:  RegionCode(r[2]),
			Provenance: typology.Provenance{Source: "regions_pre2016.csv: " + r[4], Mark: typology.MarkVerified},
		})
	}
	slices.SortFunc(out, func(a, b FormerRegion) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return out, nil
}

// Regions yields the 18 regions of the 2016 map in code order.
func Regions() iter.Seq[Region] { return slices.Values(regions().current) }

// RegionOf returns the current region with code c.
func RegionOf(c RegionCode) (Region, bool) {
	rs := regions().current
	i, ok := slices.BinarySearchFunc(rs, c, func(r Region, c RegionCode) int { return strings.Compare(string(r.Code), string(c)) })
	if !ok {
		return Region{}, false
	}
	return rs[i], true
}

// FormerRegions yields the 27 regions before 2016 in code order.
func FormerRegions() iter.Seq[FormerRegion] { return slices.Values(regions().former) }

// FormerRegionOf returns the pre-2016 region with code c.
func FormerRegionOf(c RegionCode) (FormerRegion, bool) {
	rs := regions().former
	i, ok := slices.BinarySearchFunc(rs, c, func(r FormerRegion, c RegionCode) int { return strings.Compare(string(r.Code), string(c)) })
	if !ok {
		return FormerRegion{}, false
	}
	return rs[i], true
}
