package rules_test

import (
	"bufio"
	"encoding"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile"
	"github.com/rarenet/rarenet/network/analysis"
	"github.com/rarenet/rarenet/network/csvtable"
	"github.com/rarenet/rarenet/network/fhir"
	"github.com/rarenet/rarenet/network/geojson"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/network/orphadata"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/dossier"
	"github.com/rarenet/rarenet/rules/rulestest"
	"github.com/rarenet/rarenet/rules/sarif"
	"github.com/rarenet/rarenet/typology"
)

// valueTypes holds every exported type of the API listing
// (testdata/api/*.txt) except interfaces. TestJSONValueTypes checks that
// the two agree, so a new type must be added here, where its JSON form is
// tested.
var valueTypes = []reflect.Type{
	// labelling
	typeOf[labelling.Act](),
	typeOf[labelling.ActKind](),
	typeOf[labelling.Calendar](),
	typeOf[labelling.Campaign](),
	typeOf[labelling.CampaignID](),
	typeOf[labelling.Date](),
	typeOf[labelling.Designation](),
	typeOf[labelling.EvaluationType](),
	typeOf[labelling.Event](),
	typeOf[labelling.EventKind](),
	typeOf[labelling.History](),
	typeOf[labelling.Label](),
	typeOf[labelling.LabelError](),
	typeOf[labelling.LabelMaker](),
	typeOf[labelling.Late](),
	typeOf[labelling.Packed](),
	typeOf[labelling.Packer](),
	typeOf[labelling.ParseError](),
	typeOf[labelling.Procedure](),
	typeOf[labelling.Route](),
	typeOf[labelling.Step](),
	typeOf[labelling.StepError](),
	typeOf[labelling.Window](),
	// network
	typeOf[network.Activity](),
	typeOf[network.Builder](),
	typeOf[network.Centre](),
	typeOf[network.CentreID](),
	typeOf[network.CentreView](),
	typeOf[network.Convention](),
	typeOf[network.ConventionID](),
	typeOf[network.ConventionView](),
	typeOf[network.Decoder](),
	typeOf[network.Derived[int]](), // generic: one instance
	typeOf[network.Establishment](),
	typeOf[network.EstablishmentID](),
	typeOf[network.FINESS](),
	typeOf[network.FINESSError](),
	typeOf[network.FieldError](),
	typeOf[network.Filiere](),
	typeOf[network.FiliereID](),
	typeOf[network.FiliereView](),
	typeOf[network.FormerRegion](),
	typeOf[network.Interregion](),
	typeOf[network.Location](),
	typeOf[network.Network](),
	typeOf[network.Platform](),
	typeOf[network.PlatformID](),
	typeOf[network.Position](),
	typeOf[network.Positions](),
	typeOf[network.Region](),
	typeOf[network.RegionCode](),
	typeOf[network.Stats](),
	typeOf[network.Team](),
	typeOf[network.TeamID](),
	// network/activefile
	typeOf[activefile.CentreRef](),
	typeOf[activefile.Columns](),
	typeOf[activefile.Counter](),
	typeOf[activefile.Discrepancy](),
	typeOf[activefile.Field](),
	typeOf[activefile.Key](),
	typeOf[activefile.LineError](),
	typeOf[activefile.PatientKey](),
	typeOf[activefile.ReadOptions](),
	typeOf[activefile.ReadStats](),
	typeOf[activefile.Record](),
	typeOf[activefile.RecordError](),
	typeOf[activefile.Result](),
	// network/csvtable
	typeOf[csvtable.Error](),
	typeOf[csvtable.Table](),
	// network/analysis
	typeOf[analysis.ActiveFile](),
	typeOf[analysis.Basis](),
	typeOf[analysis.Breakdown](),
	typeOf[analysis.Cell](),
	typeOf[analysis.Change](),
	typeOf[analysis.ChangeKind](),
	typeOf[analysis.Chart](),
	typeOf[analysis.Coverage](),
	typeOf[analysis.Gap](),
	typeOf[analysis.ListError](),
	typeOf[analysis.ListedCentre](),
	typeOf[analysis.MarkCount](),
	typeOf[analysis.Outline](),
	typeOf[analysis.Point](),
	typeOf[analysis.RefPoint](),
	typeOf[analysis.Renewal](),
	typeOf[analysis.SectorSize](),
	typeOf[analysis.Series](),
	typeOf[analysis.Summary](),
	typeOf[analysis.TierSummary](),
	// network/fhir
	typeOf[fhir.Options](),
	// network/geojson
	typeOf[geojson.Options](),
	// network/orphadata
	typeOf[orphadata.Disorder](),
	typeOf[orphadata.Error](),
	typeOf[orphadata.Problem](),
	typeOf[orphadata.Product](),
	typeOf[orphadata.Record](),
	typeOf[orphadata.Report](),
	typeOf[orphadata.Set](),
	// network/networktest
	typeOf[networktest.Model](),
	typeOf[networktest.Options](),
	// rules/rulestest
	typeOf[rulestest.Defect](),
	// rules
	typeOf[rules.Config](),
	typeOf[rules.Context](),
	typeOf[rules.Diff](),
	typeOf[rules.Evidence](),
	typeOf[rules.Finding](),
	typeOf[rules.FindingKey](),
	typeOf[rules.PatternError](),
	typeOf[rules.Report](),
	typeOf[rules.Rule](),
	typeOf[rules.Scenario](),
	typeOf[rules.Severity](),
	typeOf[rules.Summary](),
	// rules/dossier
	typeOf[dossier.Action](),
	typeOf[dossier.Attachment](),
	typeOf[dossier.AttachmentKind](),
	typeOf[dossier.Care](),
	typeOf[dossier.Catchment](),
	typeOf[dossier.CompetenceCommitments](),
	typeOf[dossier.Convention](),
	typeOf[dossier.Cooperation](),
	typeOf[dossier.Correspondent](),
	typeOf[dossier.CorrespondentKind](),
	typeOf[dossier.Description](),
	typeOf[dossier.Diagnosis](),
	typeOf[dossier.Difficulties](),
	typeOf[dossier.FieldError](),
	typeOf[dossier.File](),
	typeOf[dossier.Goal](),
	typeOf[dossier.Implementation](),
	typeOf[dossier.Local](),
	typeOf[dossier.Meetings](),
	typeOf[dossier.Missions](),
	typeOf[dossier.NetworkPartner](),
	typeOf[dossier.Objective](),
	typeOf[dossier.Operation](),
	typeOf[dossier.Partner](),
	typeOf[dossier.Physician](),
	typeOf[dossier.Plan](),
	typeOf[dossier.Platform](),
	typeOf[dossier.PlatformKind](),
	typeOf[dossier.Publication](),
	typeOf[dossier.PublicationType](),
	typeOf[dossier.Reach](),
	typeOf[dossier.ReferenceCommitments](),
	typeOf[dossier.Rule](),
	typeOf[dossier.SignatoryRole](),
	typeOf[dossier.Signature](),
	typeOf[dossier.Site](),
	typeOf[dossier.Solution](),
	typeOf[dossier.Staff](),
	typeOf[dossier.Technical](),
	typeOf[dossier.Topic](),
	// rules/sarif
	typeOf[sarif.Artifact](),
	typeOf[sarif.ArtifactLocation](),
	typeOf[sarif.Driver](),
	typeOf[sarif.Location](),
	typeOf[sarif.Log](),
	typeOf[sarif.LogicalLocation](),
	typeOf[sarif.PhysicalLocation](),
	typeOf[sarif.Region](),
	typeOf[sarif.Result](),
	typeOf[sarif.Rule](),
	typeOf[sarif.RuleConfig](),
	typeOf[sarif.Run](),
	typeOf[sarif.Text](),
	typeOf[sarif.Tool](),
	// typology
	typeOf[typology.Disease](),
	typeOf[typology.Group](),
	typeOf[typology.Kind](),
	typeOf[typology.Mark](),
	typeOf[typology.ORPHAcode](),
	typeOf[typology.ParseError](),
	typeOf[typology.Prevalence](),
	typeOf[typology.Provenance](),
	typeOf[typology.Role](),
	typeOf[typology.Scope](),
	typeOf[typology.Tier](),
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// listedTypes reads the exported types of the API listing, as
// "package.Name", interfaces left out.
func listedTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "api", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no API listing in testdata/api: %v", err)
	}
	var names []string
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		pkg := strings.TrimSuffix(filepath.Base(file), ".txt")
		pkg = pkg[strings.LastIndexByte(pkg, '_')+1:]
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) == 3 && fields[0] == "type" && fields[2] != "interface" {
				names = append(names, pkg+"."+fields[1])
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(names)
	return names
}

// samples are populated values of the types whose fields are unexported or
// must hold valid values; fill builds every other populated value from
// them.
func samples(t *testing.T) map[reflect.Type]any {
	t.Helper()
	d := labelling.MustParseDate
	act := labelling.Act{Kind: labelling.Arrete, Date: d("2017-11-25"), Ref: "arrêté du 25 novembre 2017"}
	label := labelling.MustLabel(d("2017-11-25"), d("2022-11-25"), act,
		labelling.EvaluationEvent(d("2021-06-01"), labelling.External),
		labelling.ExtensionEvent(d("2022-06-01"), d("2024-01-01"), labelling.Act{Kind: labelling.Arrete, Date: d("2022-06-01")}),
	).WithProvenance(typology.Provenance{Source: "campaigns.csv crmr-2017", Mark: typology.MarkInferred}).
		WithDesignation(labelling.Designation{Campaign: labelling.CampaignCCMR2007, Route: labelling.Listed, CNCLOpinion: d("2007-09-28"), Decision: d("2008-01-15")})
	proc, err := labelling.NewProcedure(labelling.CampaignCCMR2007, labelling.Listed)
	if err != nil {
		t.Fatal(err)
	}
	if proc, err = proc.ListedByReferenceCentres(d("2007-09-01")); err != nil {
		t.Fatal(err)
	}
	var campaign labelling.Campaign
	for c := range labelling.Campaigns() {
		if c.ID == labelling.CampaignCCMR2007 {
			campaign = c
		}
	}
	f, err := os.Open("../network/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := network.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	at := d("2020-06-01")
	report, err := rules.Check(n, at, rules.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	est, _ := n.Establishment("hex")
	est.Location = network.Location{Lat: 48.85, Lon: 2.35, Known: true}
	return map[reflect.Type]any{
		typeOf[labelling.Date]():        d("2017-11-25"),
		typeOf[labelling.Window]():      labelling.MustWindow(d("2017-11-25"), d("2022-11-25")),
		typeOf[labelling.Label]():       label,
		typeOf[labelling.History]():     labelling.NewHistory([]labelling.Label{label}),
		typeOf[labelling.Packed]():      labelling.Pack([]labelling.Label{label, {}}),
		typeOf[labelling.Procedure]():   proc,
		typeOf[labelling.Campaign]():    campaign,
		typeOf[network.FINESS]():        network.MustParseFINESS("750712184"),
		typeOf[network.Establishment](): est,
		typeOf[*network.Network]():      n,
		typeOf[analysis.Coverage]():     *analysis.Cover(n, at),
		typeOf[rules.Report]():          report,
		typeOf[rules.Finding]():         report.Finding(0),
	}
}

// fill returns a populated value of type typ: a sample where there is one,
// else every exported field set (strings "x", numbers 1, one element in
// each slice and map). Functions, channels and interfaces stay nil.
func fill(typ reflect.Type, samples map[reflect.Type]any, depth int) reflect.Value {
	v := reflect.New(typ).Elem()
	if s, ok := samples[typ]; ok {
		v.Set(reflect.ValueOf(s))
		return v
	}
	if depth > 6 {
		return v
	}
	switch typ.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		v.Set(fill(typ.Elem(), samples, depth+1).Addr())
	case reflect.Slice:
		v.Set(reflect.Append(v, fill(typ.Elem(), samples, depth+1)))
	case reflect.Array:
		for i := range v.Len() {
			v.Index(i).Set(fill(typ.Elem(), samples, depth+1))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(typ))
		v.SetMapIndex(fill(typ.Key(), samples, depth+1), fill(typ.Elem(), samples, depth+1))
	case reflect.Struct:
		for i := range typ.NumField() {
			if sf := typ.Field(i); sf.IsExported() {
				v.Field(i).Set(fill(sf.Type, samples, depth+1))
			}
		}
	}
	return v
}

var errorType = reflect.TypeFor[error]()

// typeName returns "package.Name", without the type arguments of a
// generic type's instance.
func typeName(typ reflect.Type) string {
	name, _, _ := strings.Cut(typ.Name(), "[")
	return filepath.Base(typ.PkgPath()) + "." + name
}

// unmarshals reports whether *T reads JSON by a method of its own.
func unmarshals(typ reflect.Type) bool {
	p := reflect.PointerTo(typ)
	return p.Implements(reflect.TypeFor[json.Unmarshaler]()) || p.Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

// notSnakeCase lists the packages whose value types still marshal with Go
// field names. Their owners tag them (rarenet/1 names where the value
// mirrors the document, snake_case elsewhere) and take them off the list.
var notSnakeCase = map[string]bool{
	"activefile":  true,
	"analysis":    true, // Chart and Coverage only
	"networktest": true,
	"dossier":     true,
	"sarif":       true, // SARIF 2.1.0's own names (ruleId, physicalLocation)
}

// TestJSONValueTypes marshals the zero value and a populated value of every
// exported type of the API listing: both must succeed, object keys must be
// snake_case, and a type with its own UnmarshalJSON or UnmarshalText must
// read back what it wrote.
func TestJSONValueTypes(t *testing.T) {
	var registered []string
	for _, typ := range valueTypes {
		registered = append(registered, typeName(typ))
	}
	slices.Sort(registered)
	listed := listedTypes(t)
	if diff := cmp.Diff(listed, registered); diff != "" {
		var add []string
		for _, name := range listed {
			if !slices.Contains(registered, name) {
				add = append(add, "\ttypeOf["+name+"](),")
			}
		}
		t.Errorf("valueTypes differs from the API listing (-listing +valueTypes); add to valueTypes in jsonvalues_test.go:\n%s\n%s", strings.Join(add, "\n"), diff)
	}
	all := cmp.Exporter(func(reflect.Type) bool { return true })
	samples := samples(t)
	for _, typ := range valueTypes {
		name := typeName(typ)
		for _, populated := range []bool{false, true} {
			v := reflect.New(typ).Elem()
			if populated {
				v = fill(typ, samples, 0)
			}
			b, err := json.Marshal(v.Interface())
			if err != nil {
				t.Errorf("json.Marshal(%s, populated %v): %v", name, populated, err)
				continue
			}
			// Errors are not data: their fields keep Go's names.
			isError := typ.Implements(errorType) || reflect.PointerTo(typ).Implements(errorType)
			if populated && !isError && !notSnakeCase[filepath.Base(typ.PkgPath())] {
				if key, ok := camelKey(b); ok {
					t.Errorf("json.Marshal(%s) = %.200s: key %q is not snake_case", name, b, key)
				}
			}
			if !unmarshals(typ) {
				continue
			}
			back := reflect.New(typ)
			if err := json.Unmarshal(b, back.Interface()); err != nil {
				t.Errorf("json.Unmarshal(%s) of %s: %v", b, name, err)
				continue
			}
			if !cmp.Equal(v.Interface(), back.Elem().Interface(), all) {
				t.Errorf("%s does not read back what it wrote: %s -> %v, want %v", name, b, back.Elem().Interface(), v.Interface())
			}
		}
	}
}

// camelKey returns an object key of the JSON text b that looks like a Go
// field name rather than snake_case, at any depth.
func camelKey(b []byte) (string, bool) {
	var walk func(v any) (string, bool)
	walk = func(v any) (string, bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				// A Go field name starts with a capital; map keys are
				// data (slugs, codes) and start otherwise in the
				// populated values.
				if k != "" && k[0] >= 'A' && k[0] <= 'Z' {
					return k, true
				}
				if k, bad := walk(e); bad {
					return k, true
				}
			}
		case []any:
			for _, e := range v {
				if k, bad := walk(e); bad {
					return k, true
				}
			}
		}
		return "", false
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return "", false
	}
	return walk(v)
}
