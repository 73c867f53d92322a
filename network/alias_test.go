package network_test

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// observed is everything a caller can learn from a network: the result of
// every query, its Encode output and its audit.
type observed struct {
	Establishments []network.Establishment
	Teams          []network.Team
	Centres        []network.Centre
	Conventions    []network.Convention
	Filieres       []network.Filiere
	Platforms      []network.Platform
	Stats          network.Stats
	ByQuery        map[string][]network.CentreID
	LabelsOf       map[network.CentreID][]labelling.Label
	ConventionsOf  map[network.CentreID][]network.ConventionID
	FilieresOf     map[network.CentreID][]network.FiliereID
	ByFINESS       map[string][]network.EstablishmentID
	Views          []network.Centre
	Snapshot       string
	Encoded        string
	Findings       []rules.Finding
}

var aliasOpts = cmp.Options{
	cmpopts.EquateComparable(network.FINESS{}, labelling.Date{}),
	cmpopts.EquateEmpty(),
}

func centreIDs(cs func(func(network.Centre) bool)) []network.CentreID {
	var out []network.CentreID
	for c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// aliasTB is what observe needs of a *testing.T or a *rapid.T.
type aliasTB interface {
	Helper()
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

func observe(t aliasTB, n *network.Network, at labelling.Date) observed {
	t.Helper()
	o := observed{
		Establishments: slices.Collect(n.Establishments()),
		Teams:          slices.Collect(n.Teams()),
		Centres:        slices.Collect(n.Centres()),
		Conventions:    slices.Collect(n.Conventions()),
		Filieres:       slices.Collect(n.Filieres()),
		Platforms:      slices.Collect(n.Platforms()),
		Stats:          n.Stats(),
		ByQuery:        map[string][]network.CentreID{},
		LabelsOf:       map[network.CentreID][]labelling.Label{},
		ConventionsOf:  map[network.CentreID][]network.ConventionID{},
		FilieresOf:     map[network.CentreID][]network.FiliereID{},
		ByFINESS:       map[string][]network.EstablishmentID{},
	}
	for g := range typology.Groups() {
		o.ByQuery["group "+g.String()] = centreIDs(n.CentresByGroup(g))
	}
	o.ByQuery["reference"] = centreIDs(n.CentresByTier(typology.Reference))
	o.ByQuery["in force"] = centreIDs(n.CentresInForce(at))
	for r := range network.Regions() {
		o.ByQuery["region "+string(r.Code)] = centreIDs(n.CentresInRegion(r.Code))
	}
	for ir := range network.Interregions() {
		o.ByQuery["interregion "+ir.String()] = centreIDs(n.CentresInInterregion(ir))
	}
	for _, tm := range o.Teams {
		o.ByQuery["team "+string(tm.ID)] = centreIDs(n.CentresOfTeam(tm.ID))
	}
	for _, e := range o.Establishments {
		o.ByQuery["establishment "+string(e.ID)] = centreIDs(n.CentresOfEstablishment(e.ID))
		for _, f := range []network.FINESS{e.FINESS, e.FINESSEJ} {
			for x := range n.EstablishmentsByFINESS(f) {
				o.ByFINESS[f.String()] = append(o.ByFINESS[f.String()], x.ID)
			}
		}
	}
	for _, f := range o.Filieres {
		o.ByQuery["filiere "+string(f.ID)] = centreIDs(n.CentresOfFiliere(f.ID))
	}
	for _, c := range o.Centres {
		o.LabelsOf[c.ID] = slices.Collect(n.LabelsOf(c.ID))
		for k := range n.ConventionsOf(c.ID) {
			o.ConventionsOf[c.ID] = append(o.ConventionsOf[c.ID], k.ID)
		}
		for f := range n.FilieresOf(c.ID) {
			o.FilieresOf[c.ID] = append(o.FilieresOf[c.ID], f.ID)
		}
	}
	for i := range n.NumCentres() {
		o.Views = append(o.Views, n.CentreAt(i).Centre())
	}
	var buf bytes.Buffer
	if err := network.Encode(&buf, n); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	o.Encoded = buf.String()
	buf.Reset()
	if err := network.Encode(&buf, n.Snapshot(at)); err != nil {
		t.Fatalf("Encode(Snapshot): %v", err)
	}
	o.Snapshot = buf.String()
	rep, err := rules.Check(n, at, rules.DefaultConfig())
	if err != nil {
		t.Fatalf("rules.Check: %v", err)
	}
	o.Findings = rep.Findings()
	return o
}

// scribble writes over every slice element reachable from v (through
// structs, slices and maps): zero values, then one appended element where
// the capacity allows it silently.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		for i := range v.Len() {
			scribble(v.Index(i))
			v.Index(i).Set(reflect.Zero(v.Type().Elem()))
		}
		if v.Len() < v.Cap() {
			v.Slice(v.Len(), v.Len()+1).Index(0).Set(reflect.Zero(v.Type().Elem()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scribble(v.Field(i))
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			scribble(v.MapIndex(k))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	}
}

// vandalise obtains every value the network hands out, through every query
// and view, and writes over it.
func vandalise(n *network.Network, at labelling.Date) {
	o := observed{
		Establishments: slices.Collect(n.Establishments()),
		Teams:          slices.Collect(n.Teams()),
		Centres:        slices.Collect(n.Centres()),
		Conventions:    slices.Collect(n.Conventions()),
		Filieres:       slices.Collect(n.Filieres()),
		Platforms:      slices.Collect(n.Platforms()),
	}
	scribble(reflect.ValueOf(&o).Elem())
	var hand []any
	for c := range n.Centres() {
		for x := range n.ConventionsOf(c.ID) {
			hand = append(hand, x)
		}
		for x := range n.FilieresOf(c.ID) {
			hand = append(hand, x)
		}
		x, _ := n.Centre(c.ID)
		hand = append(hand, x)
	}
	for g := range typology.Groups() {
		hand = append(hand, slices.Collect(n.CentresByGroup(g)))
	}
	hand = append(hand, slices.Collect(n.CentresInForce(at)), slices.Collect(n.CentresByTier(typology.Competence)))
	for r := range network.Regions() {
		hand = append(hand, slices.Collect(n.CentresInRegion(r.Code)))
	}
	for f := range n.Filieres() {
		hand = append(hand, slices.Collect(n.CentresOfFiliere(f.ID)))
		x, _ := n.Filiere(f.ID)
		hand = append(hand, x)
	}
	for k := range n.Conventions() {
		x, _ := n.Convention(k.ID)
		hand = append(hand, x)
	}
	for tm := range n.Teams() {
		hand = append(hand, slices.Collect(n.CentresOfTeam(tm.ID)))
	}
	for i := range n.NumCentres() {
		v := n.CentreAt(i)
		var c network.Centre
		v.CopyTo(&c)
		hand = append(hand, v.Centre(), v.AppendLabels(nil), v.AppendActivity(nil), c, slices.Collect(n.LabelsOf(v.ID())))
	}
	for i := range n.NumConventions() {
		hand = append(hand, n.ConventionAt(i).Convention())
	}
	for i := range n.NumFilieres() {
		hand = append(hand, n.FiliereAt(i).Filiere())
	}
	scribble(reflect.ValueOf(hand))
	// A derived network and a builder from it are the caller's too.
	s := n.Snapshot(at)
	for c := range s.Centres() {
		scribble(reflect.ValueOf(&c).Elem())
	}
	b := n.Edit()
	b.AddCentre(network.Centre{ID: "vandal"})
	_, _ = b.Build()
}

// TestNoAliasing checks that nothing a caller receives from a network
// shares storage with it: after every value handed out has been written
// over, every query, Encode and rules.Check give what they gave before.
func TestNoAliasing(t *testing.T) {
	check := func(t aliasTB, n *network.Network, at labelling.Date) {
		t.Helper()
		before := observe(t, n, at)
		vandalise(n, at)
		after := observe(t, n, at)
		if diff := cmp.Diff(before, after, aliasOpts); diff != "" {
			t.Errorf("the network changed through values it handed out (-before +after):\n%s", diff)
		}
	}
	t.Run("National", func(t *testing.T) {
		check(t, network.National(), labelling.MakeDate(2020, 1, 1))
	})
	t.Run("Scale", func(t *testing.T) {
		check(t, networktest.Scale(300, 1, 0), networktest.ScaleAt)
	})
	t.Run("generated", func(t *testing.T) {
		rapid.Check(t, func(rt *rapid.T) {
			n := networktest.Network(networktest.Options{}).Draw(rt, "network")
			check(rt, n, labelling.MakeDate(2020, 1, 1))
		})
	})
}

// TestScribbleCanFail makes sure the vandal reaches shared storage: on a
// structure that does share its slices, the observation changes.
func TestScribbleCanFail(t *testing.T) {
	shared := []labelling.Label{labelling.MustLabel(labelling.MakeDate(2017, 1, 1), labelling.MakeDate(2022, 1, 1), labelling.Act{Kind: labelling.Arrete, Date: labelling.MakeDate(2017, 1, 1)})}
	c := network.Centre{ID: "c", Labels: shared}
	scribble(reflect.ValueOf([]any{c}))
	if !shared[0].Initial().IsEmpty() {
		t.Errorf("scribble left a shared label intact: %v", shared[0])
	}
}
