package fhir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// Identifier systems and code systems; see the package documentation.
const (
	// Namespace prefixes this package's own identifier systems, code
	// systems and extension.
	Namespace = "https://github.com/rarenet/rarenet/fhir"
	// SystemFINESS is the identifier system of FINESS numbers (FR Core).
	SystemFINESS = "https://finess.esante.gouv.fr"
	// SystemIDNST is the identifier system of national structure
	// identifiers (IDNST; "1" and a FINESS number for an establishment).
	SystemIDNST = "urn:oid:1.2.250.1.71.4.2.2"
	// SystemIdentifierType is FR Core's code system of identifier types
	// (FINEG, FINEJ, IDNST, INTRN, ...).
	SystemIdentifierType = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"
	// SystemOrphanet is Orphanet's code system of ORPHAcodes.
	SystemOrphanet = "http://www.orpha.net"
	// ExtensionProvenance is the URL of the provenance extension.
	ExtensionProvenance = Namespace + "/StructureDefinition/provenance"
	// DefaultBase is the base of fullUrls when Options.Base is empty: a
	// reserved domain (RFC 2606) that resolves nowhere.
	DefaultBase = "https://rarenet.example/fhir"
)

// Options configures [Encode].
type Options struct {
	// At is the export date: resources say whether they are active on
	// that day. It is required.
	At labelling.Date `json:"at"`
	// Base is the service base URL of the entries' fullUrls, without a
	// trailing slash; empty means DefaultBase.
	Base string `json:"base,omitempty"`
	// Indent, when true, indents the JSON by two spaces.
	Indent bool `json:"indent,omitempty"`
}

// Encode writes n as a FHIR R4 Bundle of type collection, as JSON, on w.
// It fails only when opts.At is the zero date or w fails.
func Encode(w io.Writer, n *network.Network, opts Options) error {
	b, err := build(n, opts)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if opts.Indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(b)
}

// ---- FHIR data types, as far as this package uses them ----

type coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

type concept struct {
	Coding []coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

type identifier struct {
	Use    string   `json:"use,omitempty"`
	Type   *concept `json:"type,omitempty"`
	System string   `json:"system"`
	Value  string   `json:"value"`
}

type reference struct {
	Reference string `json:"reference"`
	Display   string `json:"display,omitempty"`
}

type period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

type extension struct {
	URL         string      `json:"url"`
	ValueString string      `json:"valueString,omitempty"`
	ValueCode   string      `json:"valueCode,omitempty"`
	Extension   []extension `json:"extension,omitempty"`
}

type meta struct {
	Tag []coding `json:"tag,omitempty"`
}

type address struct {
	Use     string `json:"use,omitempty"`
	City    string `json:"city,omitempty"`
	State   string `json:"state,omitempty"`
	Country string `json:"country,omitempty"`
}

type position struct {
	Longitude float64 `json:"longitude"`
	Latitude  float64 `json:"latitude"`
}

// resource holds the fields of every resource this package writes; each
// kind fills its own, the others stay empty and are omitted.
type resource struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Meta         *meta        `json:"meta,omitempty"`
	Extension    []extension  `json:"extension,omitempty"`
	Identifier   []identifier `json:"identifier,omitempty"`
	Active       *bool        `json:"active,omitempty"`
	Status       string       `json:"status,omitempty"` // Location
	Period       *period      `json:"period,omitempty"` // OrganizationAffiliation
	// OrganizationAffiliation
	Organization              *reference  `json:"organization,omitempty"`
	ParticipatingOrganization *reference  `json:"participatingOrganization,omitempty"`
	Network                   []reference `json:"network,omitempty"`
	Code                      []concept   `json:"code,omitempty"`
	// HealthcareService
	ProvidedBy *reference  `json:"providedBy,omitempty"`
	Category   []concept   `json:"category,omitempty"`
	Specialty  []concept   `json:"specialty,omitempty"`
	Location   []reference `json:"location,omitempty"`
	// Organization
	Type    []concept `json:"type,omitempty"`
	Name    string    `json:"name,omitempty"`
	Alias   []string  `json:"alias,omitempty"`
	Comment string    `json:"comment,omitempty"` // HealthcareService
	// Location
	OrgAddress           []address  `json:"address,omitempty"`
	Position             *position  `json:"position,omitempty"`
	ManagingOrganization *reference `json:"managingOrganization,omitempty"`
	PartOf               *reference `json:"partOf,omitempty"`
}

type entry struct {
	FullURL  string    `json:"fullUrl"`
	Resource *resource `json:"resource"`
}

type bundle struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id"`
	Meta         *meta   `json:"meta,omitempty"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp"`
	Entry        []entry `json:"entry"`
}

// ---- IDs ----

// fhirID returns the resource ID for a record of a kind: prefix + id when
// it fits FHIR's id syntax, else a cleaned, cut id and a hash.
func fhirID(prefix string, parts ...string) string {
	raw := strings.Join(parts, ".")
	s := prefix + raw
	ok := len(s) <= 64 && raw != ""
	for i := 0; ok && i < len(raw); i++ {
		c := raw[i]
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
	}
	if ok && len(parts) > 1 {
		// A part holding "." could make two lists meet ("a.b","c" and
		// "a","b.c"): hash when any part but the last holds one.
		for _, p := range parts[:len(parts)-1] {
			if strings.Contains(p, ".") {
				ok = false
			}
		}
	}
	if ok {
		return s
	}
	sum := sha256.Sum256([]byte(prefix + "\x00" + strings.Join(parts, "\x00")))
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range raw {
		if b.Len() >= 64-13 {
			break
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	b.WriteByte('-')
	b.WriteString(hex.EncodeToString(sum[:6]))
	return b.String()
}

// ---- helpers ----

// text makes s a valid FHIR string: whitespace other than space, tab, CR
// and LF becomes a space, other control characters are dropped.
func text(s string) string {
	clean := true
	for _, r := range s {
		if (unicode.IsSpace(r) || r == '\ufeff') && r != ' ' && r != '\t' && r != '\r' && r != '\n' || unicode.IsControl(r) && r != '\t' && r != '\r' && r != '\n' {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == '\n':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '\ufeff':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func boolp(b bool) *bool { return &b }

func date(d labelling.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// windowPeriod writes [start, end) as a FHIR period, whose end is
// inclusive; an open end (the zero date) stays open.
func windowPeriod(start, end labelling.Date) *period {
	p := &period{Start: date(start)}
	if !end.IsZero() {
		p.End = date(end.AddDays(-1))
	}
	return p
}

func own(cs, code, display string) coding {
	return coding{System: Namespace + "/CodeSystem/" + cs, Code: code, Display: text(display)}
}

func idType(code, display string) *concept {
	return &concept{Coding: []coding{{System: SystemIdentifierType, Code: code, Display: display}}}
}

func internalID(kind, value string) identifier {
	return identifier{Use: "usual", Type: idType("INTRN", "Identifiant interne"), System: Namespace + "/id/" + kind, Value: text(value)}
}

// provenance sets the provenance extension and mark tag of r.
func provenance(r *resource, p typology.Provenance) {
	if p.IsZero() {
		return
	}
	ext := extension{URL: ExtensionProvenance}
	if s := text(p.Source); s != "" {
		ext.Extension = append(ext.Extension, extension{URL: "source", ValueString: s})
	}
	if p.Mark.IsValid() {
		ext.Extension = append(ext.Extension, extension{URL: "mark", ValueCode: p.Mark.String()})
		r.Meta = &meta{Tag: []coding{own("mark", p.Mark.String(), "")}}
	}
	if len(ext.Extension) > 0 {
		r.Extension = append(r.Extension, ext)
	}
}

func ref(typ, id, display string) *reference {
	return &reference{Reference: typ + "/" + id, Display: text(display)}
}

// ---- the bundle ----

type builder struct {
	base    string
	entries []entry
}

func (b *builder) add(r *resource) {
	b.entries = append(b.entries, entry{FullURL: b.base + "/" + r.ResourceType + "/" + r.ID, Resource: r})
}

// ErrNoDate is returned by Encode when Options.At is the zero date.
var ErrNoDate = errors.New("fhir: no export date (Options.At)")

func build(n *network.Network, opts Options) (*bundle, error) {
	if opts.At.IsZero() {
		return nil, ErrNoDate
	}
	at := opts.At
	b := &builder{base: strings.TrimSuffix(opts.Base, "/")}
	if b.base == "" {
		b.base = DefaultBase
	}

	estID := func(id network.EstablishmentID) string { return fhirID("est-", string(id)) }
	centreID := func(id network.CentreID) string { return fhirID("centre-", string(id)) }
	sectorID := func(id network.FiliereID) string { return fhirID("sector-", string(id)) }

	// Legal entities, once each, in the order of their first site. A
	// legal-entity number that is also some establishment's own FINESS
	// number names that establishment's Organization: no second one.
	siteOf := map[string]network.EstablishmentID{}
	for e := range n.Establishments() {
		if f := e.FINESS.String(); f != "" {
			if _, dup := siteOf[f]; !dup {
				siteOf[f] = e.ID
			}
		}
	}
	legal := map[string]string{} // FINESS EJ -> Organization ID
	for e := range n.Establishments() {
		ej := e.FINESSEJ.String()
		if ej == "" || legal[ej] != "" {
			continue
		}
		if site, ok := siteOf[ej]; ok {
			legal[ej] = estID(site)
			continue
		}
		legal[ej] = "ej-" + ej
		r := &resource{ResourceType: "Organization", ID: "ej-" + ej,
			Identifier: []identifier{
				{Use: "official", Type: idType("FINEJ", "FINESS d'entité juridique"), System: SystemFINESS, Value: ej},
				{Use: "official", Type: idType("IDNST", "Identification nationale de structure"), System: SystemIDNST, Value: "1" + ej},
			},
			Active: boolp(true),
			Type:   []concept{{Coding: []coding{own("organization-kind", "legal-entity", "Entité juridique")}}},
			Name:   "FINESS EJ " + ej,
		}
		b.add(r)
	}
	for e := range n.Establishments() {
		r := &resource{ResourceType: "Organization", ID: estID(e.ID), Active: boolp(true), Name: text(e.Name),
			Type: []concept{{Coding: []coding{own("organization-kind", "establishment", "Établissement géographique")}}}}
		if f := e.FINESS.String(); f != "" && siteOf[f] == e.ID {
			r.Identifier = append(r.Identifier,
				identifier{Use: "official", Type: idType("FINEG", "FINESS d'entité géographique"), System: SystemFINESS, Value: f},
				identifier{Use: "official", Type: idType("IDNST", "Identification nationale de structure"), System: SystemIDNST, Value: "1" + f})
		}
		r.Identifier = append(r.Identifier, internalID("establishment", string(e.ID)))
		a := address{Use: "work", City: text(e.City), Country: "FR"}
		if reg, ok := network.RegionOf(e.Region); ok {
			a.State = text(reg.Name)
		}
		r.OrgAddress = []address{a}
		if ej := e.FINESSEJ.String(); ej != "" && legal[ej] != r.ID {
			r.PartOf = ref("Organization", legal[ej], "")
		}
		provenance(r, e.Provenance)
		b.add(r)
		if e.Location.Known {
			loc := &resource{ResourceType: "Location", ID: fhirID("loc-", string(e.ID)), Status: "active", Name: text(e.Name),
				Position:             &position{Longitude: e.Location.Lon, Latitude: e.Location.Lat},
				ManagingOrganization: ref("Organization", estID(e.ID), e.Name)}
			loc.Identifier = []identifier{internalID("location", string(e.ID))}
			provenance(loc, e.Provenance)
			b.add(loc)
		}
	}

	for c := range n.Centres() {
		est, _ := n.EstablishmentOfCentre(c.ID)
		team, _ := n.Team(c.Team)
		inForce := c.InForce(at)
		r := &resource{ResourceType: "Organization", ID: centreID(c.ID), Active: boolp(inForce), Name: text(c.Name),
			Identifier: []identifier{internalID("centre", string(c.ID))}}
		types := []concept{
			{Coding: []coding{own("organization-kind", "centre", "Centre maladies rares")}},
			{Coding: []coding{own("tier", c.Tier.String(), "")}},
		}
		if c.Role != 0 {
			types = append(types, concept{Coding: []coding{own("role", c.Role.String(), "")}})
		}
		types = append(types, concept{Coding: []coding{own("kind", c.Kind.String(), "")}}, concept{Coding: []coding{own("scope", c.Scope.String(), "")}})
		r.Type = types
		if u := text(team.Unit); u != "" {
			r.Alias = []string{u}
		}
		if est.ID != "" {
			r.PartOf = ref("Organization", estID(est.ID), est.Name)
		}
		provenance(r, c.Provenance)
		b.add(r)

		hs := &resource{ResourceType: "HealthcareService", ID: fhirID("hs-", string(c.ID)), Active: boolp(inForce), Name: text(c.Name),
			Identifier: []identifier{internalID("service", string(c.ID))},
			ProvidedBy: ref("Organization", centreID(c.ID), c.Name),
			Category:   []concept{{Coding: []coding{own("group", strconv.Itoa(int(c.Group)), c.Group.NameFR())}}}}
		for _, d := range c.Diseases {
			cc := concept{Text: text(d.Name)}
			if d.Orpha.IsValid() {
				cc.Coding = []coding{{System: SystemOrphanet, Code: strconv.FormatUint(uint64(d.Orpha), 10), Display: text(d.Name)}}
			}
			if cc.Text == "" && cc.Coding == nil {
				continue
			}
			hs.Specialty = append(hs.Specialty, cc)
		}
		if len(c.Diseases) == 0 {
			hs.Comment = "The whole disease group"
		}
		if est.Location.Known {
			hs.Location = []reference{*ref("Location", fhirID("loc-", string(est.ID)), est.Name)}
		}
		b.add(hs)

		for k, l := range c.Labels {
			ks := strconv.Itoa(k)
			a := &resource{ResourceType: "OrganizationAffiliation", ID: fhirID("label-", string(c.ID), ks),
				Identifier:   []identifier{internalID("label", string(c.ID)+"/"+ks)},
				Active:       boolp(l.InForce(at)),
				Organization: ref("Organization", centreID(c.ID), c.Name),
				Code:         []concept{{Coding: []coding{own("affiliation", "label", "Label")}, Text: text(l.Act().String())}}}
			if w := l.Effective(); !w.IsEmpty() {
				a.Period = windowPeriod(w.Start(), w.End())
			}
			provenance(a, l.Provenance())
			b.add(a)
		}
		for _, ref0 := range c.AttachedTo {
			rc, _ := n.Centre(ref0)
			a := &resource{ResourceType: "OrganizationAffiliation", ID: fhirID("attach-", string(c.ID), string(ref0)),
				Identifier:                []identifier{internalID("attachment", string(c.ID)+"/"+string(ref0))},
				Active:                    boolp(inForce && rc.InForce(at)),
				Organization:              ref("Organization", centreID(ref0), rc.Name),
				ParticipatingOrganization: ref("Organization", centreID(c.ID), c.Name),
				Code:                      []concept{{Coding: []coding{own("affiliation", "attachment", "Rattachement fonctionnel")}}}}
			provenance(a, c.Provenance)
			b.add(a)
		}
	}

	for cv := range n.Conventions() {
		comp, _ := n.Centre(cv.Competence)
		for _, rid := range cv.Reference {
			rc, _ := n.Centre(rid)
			a := &resource{ResourceType: "OrganizationAffiliation", ID: fhirID("conv-", string(cv.ID), string(rid)),
				Identifier:                []identifier{internalID("convention", string(cv.ID)+"/"+string(rid))},
				Active:                    boolp(cv.RunningOn(at)),
				Period:                    windowPeriod(cv.Start, cv.End),
				Organization:              ref("Organization", centreID(rid), rc.Name),
				ParticipatingOrganization: ref("Organization", centreID(cv.Competence), comp.Name),
				Code:                      []concept{{Coding: []coding{own("affiliation", "convention", "Convention")}, Text: text(string(cv.ID))}}}
			provenance(a, cv.Provenance)
			b.add(a)
		}
	}
	for f := range n.Filieres() {
		r := &resource{ResourceType: "Organization", ID: sectorID(f.ID), Active: boolp(f.Since.IsZero() || !f.Since.After(at)), Name: text(f.Name),
			Identifier: []identifier{internalID("sector", string(f.ID))},
			Type:       []concept{{Coding: []coding{own("organization-kind", "sector", "Filière de santé maladies rares")}}}}
		if f.Name == "" {
			r.Name = text(string(f.ID))
		}
		r.Alias = []string{text(string(f.ID))}
		provenance(r, f.Provenance)
		b.add(r)
		seen := map[network.CentreID]bool{}
		for _, m := range f.Members {
			if seen[m] {
				continue
			}
			seen[m] = true
			mc, _ := n.Centre(m)
			a := &resource{ResourceType: "OrganizationAffiliation", ID: fhirID("member-", string(f.ID), string(m)),
				Identifier:                []identifier{internalID("membership", string(f.ID)+"/"+string(m))},
				Active:                    boolp(mc.InForce(at) && (f.Since.IsZero() || !f.Since.After(at))),
				Organization:              ref("Organization", sectorID(f.ID), f.Name),
				ParticipatingOrganization: ref("Organization", centreID(m), mc.Name),
				Network:                   []reference{*ref("Organization", sectorID(f.ID), f.Name)},
				Code:                      []concept{{Coding: []coding{own("affiliation", "member", "Membre de la filière")}}}}
			if !f.Since.IsZero() {
				a.Period = &period{Start: date(f.Since)}
			}
			provenance(a, f.Provenance)
			b.add(a)
		}
	}
	for p := range n.Platforms() {
		kind, display := "platform", "Plateforme d'expertise maladies rares"
		if p.Overseas {
			kind, display = "overseas-platform", "Plateforme de coordination outre-mer"
		}
		r := &resource{ResourceType: "Organization", ID: fhirID("platform-", string(p.ID)), Active: boolp(true), Name: text(p.Name),
			Identifier: []identifier{internalID("platform", string(p.ID))},
			Type:       []concept{{Coding: []coding{own("organization-kind", kind, display)}}},
			PartOf:     ref("Organization", estID(p.Host), "")}
		if e, ok := n.Establishment(p.Host); ok {
			r.PartOf.Display = text(e.Name)
		}
		provenance(r, p.Provenance)
		b.add(r)
	}
	return &bundle{
		ResourceType: "Bundle", ID: "rarenet-" + at.String(), Type: "collection",
		Timestamp: at.String() + "T00:00:00Z", Entry: b.entries,
	}, nil
}
