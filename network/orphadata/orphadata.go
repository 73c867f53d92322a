// Package orphadata reads Orphanet's free prevalence product and sets the
// prevalence classes of the diseases a network's centres list, so that the
// rules that need them (competence.interregional-preferred) have something
// to work on.
//
// # The product
//
// Orphadata, Orphanet's free data service, publishes the epidemiology of
// rare diseases as "Rare diseases epidemiological data", the XML file
// en_product9_prev.xml (licence CC BY 4.0; cite Orphanet, INSERM). The user
// downloads it and hands it to [Read]; nothing here reaches the network.
// Its structure, as Orphadata documents it (the product's documentation,
// "Orphadata: epidemiological data", and the field list of the Orphadata
// Science API, /rd-epidemiology, which serves the same records):
//
//	<JDBOR date="..." version="..." copyright="...">
//	  <DisorderList count="N">
//	    <Disorder id="...">
//	      <OrphaCode>558</OrphaCode>
//	      <Name lang="en">Marfan syndrome</Name>
//	      <DisorderType><Name lang="en">Disease</Name></DisorderType>
//	      <DisorderGroup><Name lang="en">Disorder</Name></DisorderGroup>
//	      <PrevalenceList count="n">
//	        <Prevalence id="...">
//	          <Source>...</Source>
//	          <PrevalenceType><Name lang="en">Point prevalence</Name></PrevalenceType>
//	          <PrevalenceQualification><Name lang="en">Value and class</Name></PrevalenceQualification>
//	          <PrevalenceClass><Name lang="en">1-5 / 10 000</Name></PrevalenceClass>
//	          <ValMoy>1.5</ValMoy>
//	          <PrevalenceGeographic><Name lang="en">Europe</Name></PrevalenceGeographic>
//	          <PrevalenceValidationStatus><Name lang="en">Validated</Name></PrevalenceValidationStatus>
//	        </Prevalence>
//	      </PrevalenceList>
//	    </Disorder>
//	  </DisorderList>
//	</JDBOR>
//
// PrevalenceType is one of "Point prevalence", "Prevalence at birth",
// "Lifetime prevalence", "Annual incidence" and "Cases/families";
// PrevalenceGeographic a country, a continent, "Europe" or "Worldwide";
// PrevalenceValidationStatus "Validated" or "Not yet validated";
// PrevalenceClass, when present, a class such as "<1 / 1 000 000",
// "1-9 / 1 000 000", "1-9 / 100 000", "1-5 / 10 000", "6-9 / 10 000",
// ">1 / 1000", or "Unknown". An entity Orphanet has retired carries a
// DisorderFlagList whose flag label says so ("Obsolete entity", "Inactive:
// deprecated", ...), as in Orphanet's nomenclature files.
//
// # Which class wins
//
// A disease gets a class only from a record that is a point prevalence
// (the other types measure something else: births, incidence, a lifetime
// risk), validated by Orphanet, with a class that is not "Unknown", for
// France or, when there is none for France, for Europe. France wins because
// the centres serve France's population and a French estimate measures it
// directly; Europe is the fallback because it is the estimate Orphanet
// gives most often, and the one the EU's definition of a rare disease (at
// most 5 in 10,000) is read against. Worldwide and other countries' figures
// are not used. When the records of the winning area disagree, the disease
// is reported as a conflict and its class is left as it was: nothing is
// guessed.
//
// [Apply] returns the network with those classes set (replacing what the
// network said) and a [Report]: the diseases set, and the ORPHAcodes that
// the product does not list, that it lists as retired, or for which it
// gives no usable class, each with the centres that list it. Diseases
// without an ORPHAcode are not matched by name.
package orphadata

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/typology"
)

// The values of the product this package selects on.
const (
	PointPrevalence = "Point prevalence"
	Validated       = "Validated"
	France          = "France"
	Europe          = "Europe"
)

// A Record is one prevalence record of a disorder, its fields as the
// product spells them (English names).
type Record struct {
	Type          string `json:"type"`          // PrevalenceType
	Qualification string `json:"qualification"` // PrevalenceQualification
	Class         string `json:"class"`         // PrevalenceClass, "" when absent
	ValMoy        string `json:"val_moy"`       // the mean value, as written
	Geographic    string `json:"geographic"`    // PrevalenceGeographic
	Status        string `json:"status"`        // PrevalenceValidationStatus
	Source        string `json:"source"`
}

// A Disorder is one Orphanet entity of the product.
type Disorder struct {
	Orpha   typology.ORPHAcode `json:"orpha"`
	Name    string             `json:"name"`
	Retired bool               `json:"retired"` // flagged obsolete, deprecated or inactive
	Records []Record           `json:"records"`
}

// A Product is a parsed prevalence file.
type Product struct {
	Date      string `json:"date"`    // the JDBOR element's date attribute
	Version   string `json:"version"` // and its version attribute
	byCode    map[typology.ORPHAcode]int
	disorders []Disorder
}

// Disorders returns the product's disorders in file order.
func (p *Product) Disorders() []Disorder { return append([]Disorder(nil), p.disorders...) }

// Disorder returns the disorder with ORPHAcode c.
func (p *Product) Disorder(c typology.ORPHAcode) (Disorder, bool) {
	if p == nil {
		return Disorder{}, false
	}
	i, ok := p.byCode[c]
	if !ok {
		return Disorder{}, false
	}
	return p.disorders[i], true
}

// Why a disorder gives no class.
const (
	ReasonNone     = ""          // a class was chosen
	ReasonNoRecord = "no-record" // no validated point prevalence for France or Europe
	ReasonUnknown  = "unknown"   // the chosen records give the class "Unknown"
	ReasonConflict = "conflict"  // the chosen records disagree
	ReasonBadClass = "bad-class" // a class this package cannot read
)

// Class returns the prevalence class of d as the package documentation
// says (France, else Europe; validated point prevalence), the area it
// comes from, and, when there is none, why (one of the Reason constants).
func (d Disorder) Class() (class typology.Prevalence, area, reason string) {
	for _, geo := range []string{France, Europe} {
		var found []typology.Prevalence
		var sawUnknown, sawBad bool
		for _, r := range d.Records {
			if r.Type != PointPrevalence || r.Status != Validated || r.Geographic != geo {
				continue
			}
			c := strings.TrimSpace(r.Class)
			if c == "" {
				continue
			}
			p, err := typology.ParsePrevalence(c)
			switch {
			case err != nil:
				sawBad = true
			case !p.IsKnown():
				sawUnknown = true
			default:
				found = append(found, p)
			}
		}
		if len(found) > 0 {
			for _, p := range found[1:] {
				if p != found[0] {
					return typology.PrevalenceUnknown, geo, ReasonConflict
				}
			}
			return found[0], geo, ReasonNone
		}
		if sawBad {
			return typology.PrevalenceUnknown, geo, ReasonBadClass
		}
		if sawUnknown {
			return typology.PrevalenceUnknown, geo, ReasonUnknown
		}
	}
	return typology.PrevalenceUnknown, "", ReasonNoRecord
}

// xml shapes of the product.
type xmlName struct {
	Name []struct {
		Lang string `xml:"lang,attr"`
		Text string `xml:",chardata"`
	} `xml:"Name"`
}

// english returns the English name, or the first.
func (n xmlName) english() string {
	for _, x := range n.Name {
		if x.Lang == "en" {
			return strings.TrimSpace(x.Text)
		}
	}
	if len(n.Name) > 0 {
		return strings.TrimSpace(n.Name[0].Text)
	}
	return ""
}

type xmlDisorder struct {
	ID        string `xml:"id,attr"`
	OrphaCode string `xml:"OrphaCode"`
	xmlName
	Flags []struct {
		Label string `xml:"Label"`
	} `xml:"DisorderFlagList>DisorderFlag"`
	Prevalences []struct {
		Source        string  `xml:"Source"`
		Type          xmlName `xml:"PrevalenceType"`
		Qualification xmlName `xml:"PrevalenceQualification"`
		Class         xmlName `xml:"PrevalenceClass"`
		ValMoy        string  `xml:"ValMoy"`
		Geographic    xmlName `xml:"PrevalenceGeographic"`
		Status        xmlName `xml:"PrevalenceValidationStatus"`
	} `xml:"PrevalenceList>Prevalence"`
}

// An Error is a problem with one disorder of the file: its position in
// the file (Index, from 0, and Line), its id attribute, and what is wrong.
type Error struct {
	Index int    `json:"index"`
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Msg   string `json:"message"`
}

// Error returns a message such as
// `line 12: Disorder[3] (id "17601"): OrphaCode: "abc" is not an ORPHAcode`.
func (e *Error) Error() string {
	s := fmt.Sprintf("line %d: Disorder[%d]", e.Line, e.Index)
	if e.ID != "" {
		s += " (id " + quote(e.ID) + ")"
	}
	return s + ": " + e.Msg
}

// MaxDisorders bounds the disorders Read accepts (the real product lists
// about 7,000).
const MaxDisorders = 200000

// Read parses a prevalence product. It is strict about what it uses (each
// Disorder needs a valid, unique OrphaCode) and ignores elements it does
// not use. It returns every problem with the disorders, joined, or the
// first syntax error of the XML, and no product.
func Read(r io.Reader) (*Product, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	p := &Product{byCode: map[typology.ORPHAcode]int{}}
	var errs []error
	sawRoot := false
	index := 0
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("orphadata: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "JDBOR":
			sawRoot = true
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "date":
					p.Date = a.Value
				case "version":
					p.Version = a.Value
				}
			}
		case "Disorder":
			if !sawRoot {
				return nil, errors.New("orphadata: a Disorder outside a JDBOR root element: not an Orphadata product")
			}
			var x xmlDisorder
			if err := dec.DecodeElement(&x, &se); err != nil {
				return nil, fmt.Errorf("orphadata: line %d: Disorder[%d]: %w", line, index, err)
			}
			if index >= MaxDisorders {
				return nil, fmt.Errorf("orphadata: more than %d disorders", MaxDisorders)
			}
			d, err := x.disorder()
			if err != nil {
				errs = append(errs, &Error{Index: index, Line: line, ID: x.ID, Msg: err.Error()})
			} else if j, dup := p.byCode[d.Orpha]; dup {
				errs = append(errs, &Error{Index: index, Line: line, ID: x.ID, Msg: fmt.Sprintf("OrphaCode %d is already the code of Disorder[%d]", d.Orpha, j)})
			} else {
				p.byCode[d.Orpha] = len(p.disorders)
				p.disorders = append(p.disorders, d)
			}
			index++
		}
	}
	if !sawRoot {
		return nil, errors.New("orphadata: no JDBOR root element: not an Orphadata product")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

func (x xmlDisorder) disorder() (Disorder, error) {
	s := strings.TrimSpace(x.OrphaCode)
	n, err := strconv.ParseUint(s, 10, 32)
	if s == "" {
		return Disorder{}, errors.New("OrphaCode: missing")
	}
	if err != nil || n == 0 {
		return Disorder{}, fmt.Errorf("OrphaCode: %s is not an ORPHAcode", quote(s))
	}
	d := Disorder{Orpha: typology.ORPHAcode(n), Name: x.english()}
	for _, f := range x.Flags {
		l := strings.ToLower(f.Label)
		if strings.Contains(l, "obsolete") || strings.Contains(l, "deprecated") || strings.Contains(l, "inactive") {
			d.Retired = true
		}
	}
	for _, r := range x.Prevalences {
		d.Records = append(d.Records, Record{
			Type: r.Type.english(), Qualification: r.Qualification.english(), Class: r.Class.english(),
			ValMoy: strings.TrimSpace(r.ValMoy), Geographic: r.Geographic.english(), Status: r.Status.english(),
			Source: strings.TrimSpace(r.Source),
		})
	}
	return d, nil
}

// quote quotes s, cut to 60 characters plus "..." as FORMAT.md asks.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return strconv.Quote(string(r[:60]) + "...")
	}
	return strconv.Quote(s)
}
