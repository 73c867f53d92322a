package analysis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A ListedCentre is one row of a centre list as official bulletins and
// sector pages publish it, read by [ReadCentreList]. Text fields are as
// written, trimmed of surrounding space; optional columns absent from the
// list leave their fields empty.
type ListedCentre struct {
	// Line is the row's line number in the input (the header is line 1;
	// a quoted field spanning lines counts each line).
	Line int `json:"line"`
	// Name is the centre's name ("CRMR Anomalies du développement ...").
	Name    string `json:"name"`
	Acronym string `json:"acronym,omitempty"`
	// Hospital is the establishment as written ("CHU de Bordeaux").
	Hospital string `json:"hospital"`
	City     string `json:"city,omitempty"`
	// Sector is the sector column as written ("MaRIH (inferred)");
	// Filiere is the sector without a remark on how sure it is, and
	// SectorMark that remark: "(inferred)" or "[inferred]" gives
	// typology.MarkInferred, "[unverified]" typology.MarkUnverified, no
	// remark the zero Mark.
	Sector     string            `json:"sector,omitempty"`
	Filiere    network.FiliereID `json:"filiere,omitempty"`
	SectorMark typology.Mark     `json:"sector_mark,omitzero"`
	// Tier, Role and Kind are read from the role column (see
	// [ReadCentreList]). Role is zero for competence centres.
	Tier typology.Tier `json:"tier,omitzero"`
	Role typology.Role `json:"role,omitzero"`
	Kind typology.Kind `json:"kind,omitzero"`
	// Group is the disease group when the list gives one, else zero.
	Group typology.Group `json:"group,omitzero"`
	// Period is the labelling period as written ("2017", "2023",
	// "pre-2017"), Note a remark, Source where the row comes from.
	Period string `json:"period,omitempty"`
	Note   string `json:"note,omitempty"`
	Source string `json:"source,omitempty"`
}

// A ListError is a problem with one line of a centre list: Line is the
// line number (1 for the header), Column the column's header as written
// (empty when the problem is with the whole line).
type ListError struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Msg    string `json:"message"`
}

// Error returns "analysis: centre list: line 12: role: ...".
func (e *ListError) Error() string {
	s := fmt.Sprintf("analysis: centre list: line %d: ", e.Line)
	if e.Column != "" {
		s += e.Column + ": "
	}
	return s + e.Msg
}

// listField is a column ReadCentreList knows.
type listField int

const (
	fName listField = iota
	fAcronym
	fHospital
	fCity
	fSector
	fRole
	fPeriod
	fGroup
	fNote
	fSource
	numListFields
)

// listHeaders maps each field to the headers that name it, folded (lower
// case, no accents, "_" and "-" as spaces). The first is the canonical
// name, used in messages about a missing column.
var listHeaders = [numListFields][]string{
	fName:     {"centre", "center", "centre name", "name", "nom", "intitule"},
	fAcronym:  {"acronym", "acronyme", "sigle"},
	fHospital: {"hospital", "hopital", "etablissement", "establishment"},
	fCity:     {"city", "ville"},
	fSector:   {"filiere", "sector", "fsmr"},
	fRole:     {"role"},
	fPeriod:   {"label period", "period", "periode", "labellisation"},
	fGroup:    {"group", "groupe", "group guess"},
	fNote:     {"note", "notes", "remarque", "comment"},
	fSource:   {"source", "url"},
}

// roleNames maps the folded spellings of the role column to a tier, role
// and kind.
var roleNames = map[string]struct {
	tier typology.Tier
	role typology.Role
	kind typology.Kind
}{
	"coordonnateur":                          {typology.Reference, typology.Coordinating, typology.KindCRMR},
	"coordinateur":                           {typology.Reference, typology.Coordinating, typology.KindCRMR},
	"coordinating":                           {typology.Reference, typology.Coordinating, typology.KindCRMR},
	"site coordonnateur":                     {typology.Reference, typology.Coordinating, typology.KindCRMR},
	"constitutif":                            {typology.Reference, typology.Constitutive, typology.KindCRMR},
	"constitutive":                           {typology.Reference, typology.Constitutive, typology.KindCRMR},
	"site constitutif":                       {typology.Reference, typology.Constitutive, typology.KindCRMR},
	"competence":                             {typology.Competence, 0, typology.KindCCMR},
	"centre de competence":                   {typology.Competence, 0, typology.KindCCMR},
	"centre de competences":                  {typology.Competence, 0, typology.KindCCMR},
	"ccmr":                                   {typology.Competence, 0, typology.KindCCMR},
	"crc":                                    {typology.Competence, 0, typology.KindCRC},
	"centre de ressources et de competences": {typology.Competence, 0, typology.KindCRC},
}

// foldHeader folds a header or a role for comparison: lower case, French
// accents removed, "_" and "-" read as spaces, spaces collapsed.
func foldHeader(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
		"ô", "o", "û", "u", "ù", "u", "ç", "c", "É", "e", "_", " ", "-", " ")
	return strings.Join(strings.Fields(strings.ToLower(r.Replace(s))), " ")
}

// ReadCentreList reads a centre list in CSV, as a researcher types or
// scrapes it from an official bulletin or a sector's page (the reference data's
// centres.csv is one). The first line is a header naming the columns, in
// any order; headers are compared ignoring case, French accents, and "_"
// or "-" against spaces. The columns:
//
//	field     headers accepted                          required
//	Name      centre, center, centre name, name, nom,    yes
//	          intitulé
//	Hospital  hospital, hôpital, établissement,          yes
//	          establishment
//	Role      rôle                                       yes
//	Acronym   acronym, acronyme, sigle                   no
//	City      city, ville                                no
//	Sector    filière, sector, fsmr                      no
//	Period    label_period, period, période,             no
//	          labellisation
//	Group     group, groupe, group_guess                 no
//	Note      note, notes, remarque, comment             no
//	Source    source, url                                no
//
// The role is one of: coordonnateur (also coordinateur, coordinating,
// site coordonnateur), a reference centre's coordinating site;
// constitutif (constitutive, site constitutif), a constitutive site;
// compétence (competence, ccmr, centre de compétence(s)), a competence
// centre; crc (centre de ressources et de compétences), a competence
// centre of kind CRC. The group, when given, is read by
// typology.ParseGroup (a number from 1 to 17 or a name); empty means not
// given.
//
// Reading is strict: an unknown or repeated column, a missing required
// column, a line with the wrong number of fields, an empty name, hospital
// or role, an unknown role or group are errors. Every problem is reported
// as a *[ListError] with its line number (joined with errors.Join), and
// no list is returned. A leading byte-order mark is ignored.
func ReadCentreList(r io.Reader) ([]ListedCentre, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // every line as long as the header
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ListError{Line: 1, Msg: "empty input: no header"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	var errs []error
	col := [numListFields]int{}
	for i := range col {
		col[i] = -1
	}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		f := foldHeader(h)
		found := false
		for k, names := range listHeaders {
			for _, name := range names {
				if f != name {
					continue
				}
				found = true
				if col[k] >= 0 {
					errs = append(errs, &ListError{Line: 1, Column: h, Msg: fmt.Sprintf("repeats column %q", header[col[k]])})
				} else {
					col[k] = i
				}
			}
		}
		if !found {
			errs = append(errs, &ListError{Line: 1, Column: h, Msg: "unknown column"})
		}
	}
	for _, k := range []listField{fName, fHospital, fRole} {
		if col[k] < 0 {
			errs = append(errs, &ListError{Line: 1, Msg: fmt.Sprintf("missing column %q", listHeaders[k][0])})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []ListedCentre
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, csvError(err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		line, _ := cr.FieldPos(0)
		get := func(k listField) string {
			if col[k] < 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[k]])
		}
		bad := func(k listField, format string, args ...any) {
			errs = append(errs, &ListError{Line: line, Column: header[col[k]], Msg: fmt.Sprintf(format, args...)})
		}
		lc := ListedCentre{
			Line: line, Name: get(fName), Acronym: get(fAcronym), Hospital: get(fHospital),
			City: get(fCity), Sector: get(fSector), Period: get(fPeriod), Note: get(fNote), Source: get(fSource),
		}
		for _, k := range []listField{fName, fHospital} {
			if get(k) == "" {
				bad(k, "missing")
			}
		}
		switch role := get(fRole); {
		case role == "":
			bad(fRole, "missing")
		default:
			v, ok := roleNames[foldHeader(role)]
			if !ok {
				bad(fRole, "%q is not a role (coordonnateur, constitutif, compétence or crc)", role)
			}
			lc.Tier, lc.Role, lc.Kind = v.tier, v.role, v.kind
		}
		if g := get(fGroup); g != "" {
			grp, err := typology.ParseGroup(g)
			if err != nil {
				bad(fGroup, "%q is not a disease group (1 to 17, or its name)", g)
			}
			lc.Group = grp
		}
		lc.Filiere, lc.SectorMark = parseSector(lc.Sector)
		out = append(out, lc)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// csvError turns an encoding/csv error into a *ListError with its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ListError{Line: pe.Line, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("analysis: centre list: %w", err)
}

// parseSector splits a sector column into the sector and the mark of a
// remark on it: "MaRIH (inferred)", "[unverified] DéfiScience".
func parseSector(s string) (network.FiliereID, typology.Mark) {
	for _, m := range []struct {
		word string
		mark typology.Mark
	}{{"unverified", typology.MarkUnverified}, {"inferred", typology.MarkInferred}, {"verified", typology.MarkVerified}} {
		for _, form := range []string{"(" + m.word + ")", "[" + m.word + "]"} {
			if i := strings.Index(s, form); i >= 0 {
				rest := strings.TrimSpace(s[:i] + s[i+len(form):])
				return network.FiliereID(rest), m.mark
			}
		}
	}
	return network.FiliereID(s), 0
}
