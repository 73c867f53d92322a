package csvtable_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/csvtable"
	"github.com/rarenet/rarenet/network/networktest"
)

// entities is a network's records, for go-cmp.
type entities struct {
	Establishments []network.Establishment
	Teams          []network.Team
	Centres        []network.Centre
	Conventions    []network.Convention
	Filieres       []network.Filiere
	Platforms      []network.Platform
}

func records(n *network.Network) entities {
	return entities{
		slices.Collect(n.Establishments()), slices.Collect(n.Teams()), slices.Collect(n.Centres()),
		slices.Collect(n.Conventions()), slices.Collect(n.Filieres()), slices.Collect(n.Platforms()),
	}
}

// cmpOpts compare records as the document format does: an empty list is
// no list.
var cmpOpts = []cmp.Option{
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b labelling.Label) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b labelling.Date) bool { return a == b }),
	cmp.Comparer(func(a, b network.FINESS) bool { return a == b }),
}

// tb is what the helpers need of testing.TB and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// toFS writes n's tables into an in-memory file system.
func toFS(t tb, n *network.Network) fstest.MapFS {
	t.Helper()
	ts, err := csvtable.Tables(n)
	if err != nil {
		t.Fatalf("Tables: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, tab := range ts {
		var buf bytes.Buffer
		if err := tab.Encode(&buf); err != nil {
			t.Fatalf("Encode %s: %v", tab.Name, err)
		}
		fsys[tab.Name] = &fstest.MapFile{Data: buf.Bytes()}
	}
	return fsys
}

func roundTrip(t tb, n *network.Network) {
	t.Helper()
	got, err := csvtable.ReadFS(toFS(t, n))
	if err != nil {
		t.Fatalf("ReadFS of Tables: %v", err)
	}
	if d := cmp.Diff(records(n), records(got), cmpOpts...); d != "" {
		t.Fatalf("network -> CSV -> network changed it (-want +got):\n%s", d)
	}
	var a, b bytes.Buffer
	if err := network.Encode(&a, n); err != nil {
		t.Fatal(err)
	}
	if err := network.Encode(&b, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("the documents of the network and of its CSV round trip differ")
	}
}

func TestRoundTripNational(t *testing.T) {
	n := network.National()
	roundTrip(t, n)
	// The embedded network fills the tables of establishments, teams,
	// centres, labels, sectors and platforms (it records no diseases,
	// events, activity or conventions: the generated networks do).
	ts, err := csvtable.Tables(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range ts {
		if len(tb.Rows) == 0 && !slices.Contains([]string{csvtable.Diseases, csvtable.Events, csvtable.Activity, csvtable.Conventions}, tb.Name) {
			t.Errorf("%s: no rows for the embedded network", tb.Name)
		}
	}
}

func TestRoundTripGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := networktest.Network(networktest.Options{Designations: rapid.Bool().Draw(t, "designations")}).Draw(t, "network")
		roundTrip(t, n)
	})
}

// TestRoundTripShuffled checks that row order does not matter: rows of
// every table are reversed, and the columns too.
func TestRoundTripShuffled(t *testing.T) {
	n := network.National()
	ts, err := csvtable.Tables(n)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, tb := range ts {
		rev := func(row []string) []string { r := slices.Clone(row); slices.Reverse(r); return r }
		tb.Header = rev(tb.Header)
		rows := make([][]string, len(tb.Rows))
		for i, row := range tb.Rows {
			rows[len(rows)-1-i] = rev(row)
		}
		tb.Rows = rows
		var buf bytes.Buffer
		tb.Encode(&buf)
		fsys[tb.Name] = &fstest.MapFile{Data: buf.Bytes()}
	}
	got, err := csvtable.ReadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(records(n), records(got), cmpOpts...); d != "" {
		t.Fatalf("reordered tables read differently (-want +got):\n%s", d)
	}
}

func TestWriteRead(t *testing.T) {
	dir := t.TempDir()
	n := network.National()
	if err := csvtable.Write(dir, n); err != nil {
		t.Fatal(err)
	}
	got, err := csvtable.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(records(n), records(got), cmpOpts...); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	for _, name := range csvtable.Names() {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("Write did not write %s: %v", name, err)
		}
	}
}

// example is a small valid set of tables that the error cases edit.
func example() fstest.MapFS {
	return fstest.MapFS{
		csvtable.Establishments: {Data: []byte("id,finess,finess_ej,name,city,region,lat,lon,source,mark\n" +
			"hus,670780055,,Hôpitaux universitaires de Strasbourg,Strasbourg,44,48.5749,7.7436,,\n")},
		csvtable.Teams: {Data: []byte("id,establishment,unit,source,mark\nhus-gen,hus,Génétique,,\n")},
		csvtable.Centres: {Data: []byte("id,name,tier,role,kind,group,scope,coordinating_site,attached_to,team,establishment,region,diseases,source,mark\n" +
			"crmr-x,Centre X,reference,coordinating,crmr,12,national,,,hus-gen,,,,,\n" +
			"ccmr-y,Centre Y,competence,,,12,,,crmr-x,hus-gen,,,,,\n")},
		csvtable.Labels: {Data: []byte("centre,label,start,end,effective_end,act_kind,act_date,act_ref,events,designation_campaign,designation_route,cncl_opinion,decision,source,mark\n" +
			"crmr-x,0,2017-11-25,2022-11-25,,arrete,2017-11-25,,,,,,,,\n")},
		csvtable.Events: {Data: []byte("centre,label,event,kind,date,type,until,act_kind,act_date,act_ref\n" +
			"crmr-x,0,0,evaluation,2021-06-01,external,,,,\n")},
	}
}

func TestReadExample(t *testing.T) {
	n, err := csvtable.ReadFS(example())
	if err != nil {
		t.Fatal(err)
	}
	c, ok := n.Centre("ccmr-y")
	if !ok || c.Scope.String() != "regional" || len(c.AttachedTo) != 1 {
		t.Fatalf("ccmr-y = %+v, %v", c, ok)
	}
	x, _ := n.Centre("crmr-x")
	if len(x.Labels) != 1 || x.Labels[0].NumEvents() != 1 {
		t.Fatalf("crmr-x labels = %v", x.Labels)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		table string
		data  string // replaces the table; "" deletes it
		want  []string
	}{
		{"bad group", csvtable.Centres, "id,name,tier,role,kind,group,scope,coordinating_site,attached_to,team,establishment,region,diseases,source,mark\n" +
			"crmr-x,Centre X,reference,coordinating,,18,,,,hus-gen,,,,,\n",
			[]string{`centres.csv:2: row 1 (id "crmr-x"): column group: "18" is not a group (1 to 17)`}},
		{"unknown team", csvtable.Centres, "id,name,tier,role,kind,group,scope,coordinating_site,attached_to,team,establishment,region,diseases,source,mark\n" +
			"crmr-x,Centre X,reference,coordinating,,12,,,,nope,,,,,\n",
			[]string{`centres.csv:2: row 1 (id "crmr-x"): column team: no team has the ID "nope"`}},
		{"missing column", csvtable.Teams, "id,establishment,source,mark\nhus-gen,hus,,\n",
			[]string{`teams.csv:1: column unit: missing column`}},
		{"unknown column", csvtable.Teams, "id,establishment,unit,source,mark,colour\nhus-gen,hus,,,,red\n",
			[]string{`teams.csv:1: column "colour": unknown column`}},
		{"missing table", csvtable.Teams, "", []string{`teams.csv: missing table`}},
		{"bad date and label error", csvtable.Labels, "centre,label,start,end,effective_end,act_kind,act_date,act_ref,events,designation_campaign,designation_route,cncl_opinion,decision,source,mark\n" +
			"crmr-x,0,2017-13-01,2022-11-25,,arrete,2017-11-25,,,,,,,,\n" +
			"crmr-x,1,2017-11-25,2016-11-25,,arrete,2017-11-25,,,,,,,,\n",
			[]string{`labels.csv:2: row 1 (id "crmr-x"): column start: "2017-13-01" is not a date (YYYY-MM-DD)`}},
		{"label error", csvtable.Labels, "centre,label,start,end,effective_end,act_kind,act_date,act_ref,events,designation_campaign,designation_route,cncl_opinion,decision,source,mark\n" +
			"crmr-x,0,2017-11-25,2016-11-25,,arrete,2017-11-25,,,,,,,,\n",
			[]string{`labels.csv:2: row 1 (id "crmr-x"): column end:`}},
		{"event of no label", csvtable.Events, "centre,label,event,kind,date,type,until,act_kind,act_date,act_ref\n" +
			"crmr-x,0,0,evaluation,2021-06-01,,,,,\ncrmr-x,3,0,evaluation,2021-06-01,,,,,\n",
			[]string{`events.csv:3: row 2 (id "crmr-x"): column label: centre "crmr-x" has no label 3 in labels.csv`}},
		{"wrong field count", csvtable.Teams, "id,establishment,unit,source,mark\nhus-gen,hus\n",
			[]string{`teams.csv:2: row 1: 2 fields, the header has 5`}},
		{"long value cut", csvtable.Establishments, "id,finess,finess_ej,name,city,region,lat,lon,source,mark\n" +
			"hus,,,H,S,44,45," + strings.Repeat("9", 80) + ",,\n",
			[]string{`establishments.csv:2: row 1 (id "hus"): column lon: "` + strings.Repeat("9", 60) + `..." is not a number from -180 to 180`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := example()
			if tt.data == "" {
				delete(fsys, tt.table)
			} else {
				fsys[tt.table] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			n, err := csvtable.ReadFS(fsys)
			if err == nil || n != nil {
				t.Fatalf("ReadFS = %v, %v; want an error", n, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
			var e *csvtable.Error
			if !errors.As(err, &e) {
				t.Errorf("no *csvtable.Error in %v", err)
			}
		})
	}
}

func TestWriteRefusesSeparatorInID(t *testing.T) {
	var b network.Builder
	b.AddEstablishment(network.Establishment{ID: "e", Name: "E", Region: "11"})
	b.AddTeam(network.Team{ID: "t", Establishment: "e"})
	b.AddCentre(network.Centre{ID: "a;b", Name: "A", Tier: 1, Role: 1, Group: 1, Team: "t"})
	b.AddFiliere(network.Filiere{ID: "F", Name: "F", Members: []network.CentreID{"a;b"}})
	n, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	_, err = csvtable.Tables(n)
	if err == nil || !strings.Contains(err.Error(), `filieres.csv (id "F"): column members: the ID "a;b" holds ";"`) {
		t.Fatalf("Tables = %v", err)
	}
}

func FuzzReadFS(f *testing.F) {
	for _, tb := range []string{csvtable.Centres, csvtable.Labels, csvtable.Events, csvtable.Establishments} {
		f.Add(tb, string(example()[tb].Data))
	}
	f.Add(csvtable.Diseases, "centre,disease,orpha,name,prevalence\ncrmr-x,0,791,R,1-5/10000\n")
	f.Add(csvtable.Activity, "centre,year,consultations,patients,new_patients\nccmr-y,2019,10,5,1\n")
	f.Add(csvtable.Conventions, "id,reference,competence,signed,start,end,signatories,source,mark\nc,crmr-x,ccmr-y,2018-01-01,2018-01-01,,crmr-x,,\n")
	f.Add(csvtable.Filieres, "id,name,host,groups,members,since,source,mark\nF,F,hus,12;3,crmr-x,2014-01-01,,\n")
	f.Fuzz(func(t *testing.T, table, data string) {
		fsys := example()
		fsys[table] = &fstest.MapFile{Data: []byte(data)}
		n, err := csvtable.ReadFS(fsys)
		if (n == nil) == (err == nil) {
			t.Fatalf("ReadFS = %v, %v: want exactly one of a network and an error", n, err)
		}
		if err != nil {
			return
		}
		// What reads back writes and reads again to the same network.
		roundTrip(t, n)
	})
}
