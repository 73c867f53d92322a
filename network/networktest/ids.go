package networktest

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
)

// The kinds of entity whose IDs [RenameIDs] renames, spelled as the
// subject_kind of a finding (FORMAT.md) where the kind can be a subject.
const (
	KindEstablishment = "establishment"
	KindTeam          = "team"
	KindCentre        = "centre"
	KindConvention    = "convention"
	KindFiliere       = "filiere"
	KindPlatform      = "platform"
	// KindRegion is the subject kind of the coverage rules: a region code,
	// which is not an ID of the network and is never renamed.
	KindRegion = "region"
)

func idPrefixes(kind string) []string {
	switch kind {
	case KindEstablishment:
		return []string{"chu", "CH", "hop", "Hôpital", "e", "aphp"}
	case KindTeam:
		return []string{"team", "EQ", "équipe", "t", "unit"}
	case KindCentre:
		return []string{"crmr", "CCMR", "c", "Centre", "x", "site"}
	case KindConvention:
		return []string{"conv", "CONV", "k", "Convention"}
	case KindFiliere:
		return []string{"FSMR", "fil", "F", "Filière"}
	case KindPlatform:
		return []string{"pemr", "PCOM", "p", "Plateforme"}
	}
	return []string{"id"}
}

func idSeparators() []string { return []string{"-", "_", "", ".", "--"} }

// spell writes number n in one of several styles: the same n always gives
// a different text from a different n in the same style.
func spell(prefix, sep string, style, n int) string {
	var num string
	switch style % 4 {
	case 0:
		num = fmt.Sprint(n)
	case 1:
		num = fmt.Sprintf("%04d", n)
	case 2: // letters: a, b, ..., z, ba, bb, ...
		num = ""
		for v := n; ; v /= 26 {
			num = string(rune('a'+v%26)) + num
			if v < 26 {
				break
			}
		}
	default:
		num = fmt.Sprintf("%X", n+0x1F)
	}
	s := prefix + sep + num
	switch style / 4 {
	case 1:
		s = strings.ToUpper(s)
	case 2:
		s = strings.ToLower(s)
	}
	return s
}

// FreshID draws an ID of the given kind (KindCentre...) that the Model
// does not use yet.
// IDs vary in case, separators and digits; now and then one differs from
// an existing ID by case only, which the library must treat as another ID.
func (m *Model) FreshID(kind string) string {
	used := m.used[kind]
	if len(used) > 0 && m.Chance("twin_id", 8) {
		ids := make([]string, 0, len(used))
		for id := range used {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		s := Pick(m, "twin_of", ids)
		for _, t := range []string{strings.ToUpper(s), strings.ToLower(s)} {
			if t != s && !used[t] {
				used[t] = true
				return t
			}
		}
	}
	prefix := Pick(m, "id_prefix", idPrefixes(kind))
	sep := Pick(m, "id_sep", idSeparators())
	style := m.Intn("id_style", 0, 11)
	for {
		m.seq++
		s := spell(prefix, sep, style, m.seq)
		if !used[s] {
			used[s] = true
			return s
		}
	}
}

// RenameIDs returns a copy of n in which every ID, and every reference to
// it, is renamed by f: f(kind, id) gives the new spelling of the ID id of
// an entity of the given kind ([KindEstablishment], [KindTeam],
// [KindCentre], [KindConvention], [KindFiliere] or [KindPlatform]). Region
// codes are not renamed. Use it to check that findings do not depend on
// the spelling of IDs: the findings on the copy are those on n with their
// subjects renamed (see Defect.Renamed in package rules/rulestest).
//
// f must be injective for each kind and never return ""; RenameIDs panics
// when the renamed network does not build, which only happens otherwise.
func RenameIDs(n *network.Network, f func(kind, id string) string) *network.Network {
	est := func(id network.EstablishmentID) network.EstablishmentID {
		if id == "" {
			return ""
		}
		return network.EstablishmentID(f(KindEstablishment, string(id)))
	}
	centre := func(id network.CentreID) network.CentreID {
		if id == "" {
			return ""
		}
		return network.CentreID(f(KindCentre, string(id)))
	}
	centres := func(ids []network.CentreID) []network.CentreID {
		out := make([]network.CentreID, len(ids))
		for i, id := range ids {
			out[i] = centre(id)
		}
		return out
	}
	b := &network.Builder{}
	for e := range n.Establishments() {
		e.ID = est(e.ID)
		b.AddEstablishment(e)
	}
	for t := range n.Teams() {
		t.ID = network.TeamID(f(KindTeam, string(t.ID)))
		t.Establishment = est(t.Establishment)
		b.AddTeam(t)
	}
	for c := range n.Centres() {
		c.ID = centre(c.ID)
		c.CoordinatingSite = centre(c.CoordinatingSite)
		if c.AttachedTo != nil {
			c.AttachedTo = centres(c.AttachedTo)
		}
		c.Team = network.TeamID(f(KindTeam, string(c.Team)))
		b.AddCentre(c)
	}
	for k := range n.Conventions() {
		k.ID = network.ConventionID(f(KindConvention, string(k.ID)))
		k.Reference = centres(k.Reference)
		k.Competence = centre(k.Competence)
		k.Signatories = centres(k.Signatories)
		b.AddConvention(k)
	}
	for fl := range n.Filieres() {
		fl.ID = network.FiliereID(f(KindFiliere, string(fl.ID)))
		fl.Host = est(fl.Host)
		fl.Members = centres(fl.Members)
		b.AddFiliere(fl)
	}
	for p := range n.Platforms() {
		p.ID = network.PlatformID(f(KindPlatform, string(p.ID)))
		p.Host = est(p.Host)
		b.AddPlatform(p)
	}
	out, err := b.Build()
	if err != nil {
		panic(fmt.Sprintf("networktest: RenameIDs: the renamed network does not build (is f injective?): %v", err))
	}
	return out
}

// Respell draws an injective renaming of every ID of n, applies it with
// [RenameIDs] and returns the renamed network and the renaming. The new
// IDs are spelled in other styles (case, separators, digits or letters)
// and sort in another order than the old ones, so that a library whose
// findings depended on the spelling or the order of IDs would be caught.
// The renaming returns every ID it does not know (region codes included)
// unchanged.
func Respell(t *rapid.T, n *network.Network) (*network.Network, func(kind, id string) string) {
	m := newModel(t, labelling.Date{})
	names := map[string]map[string]string{}
	rename := func(kind string, ids []string) {
		perm := rapid.Permutation(ids).Draw(t, "respell_"+kind)
		prefix := Pick(m, "respell_prefix", append(idPrefixes(kind), "Z", "0"))
		sep := Pick(m, "respell_sep", idSeparators())
		style := m.Intn("respell_style", 0, 11)
		mp := make(map[string]string, len(ids))
		for i, id := range perm {
			mp[id] = spell(prefix, sep, style, i+1)
		}
		names[kind] = mp
	}
	rename(KindEstablishment, idsOf(n.Establishments(), func(e network.Establishment) string { return string(e.ID) }))
	rename(KindTeam, idsOf(n.Teams(), func(e network.Team) string { return string(e.ID) }))
	rename(KindCentre, idsOf(n.Centres(), func(e network.Centre) string { return string(e.ID) }))
	rename(KindConvention, idsOf(n.Conventions(), func(e network.Convention) string { return string(e.ID) }))
	rename(KindFiliere, idsOf(n.Filieres(), func(e network.Filiere) string { return string(e.ID) }))
	rename(KindPlatform, idsOf(n.Platforms(), func(e network.Platform) string { return string(e.ID) }))
	f := func(kind, id string) string {
		if s, ok := names[kind][id]; ok {
			return s
		}
		return id
	}
	return RenameIDs(n, f), f
}

func idsOf[T any](seq iter.Seq[T], id func(T) string) []string {
	var out []string
	for x := range seq {
		out = append(out, id(x))
	}
	return out
}

// Permuted returns a Builder holding every entity of n, each list added in
// an order drawn by t, and every list inside an entity whose order carries
// no meaning drawn in a random order too: a convention's reference parties
// and signatories, a sector's groups and members, a centre's diseases and
// activity years, and a centre's labels. A centre's labels are records whose
// order breaks ties only (RULES.md: labels are sorted by
// start, then effective end, then document order), so labels with the
// same start and effective end keep their relative order. Building it
// gives a network equal to n; rules must give the same findings on both
// when they are given the records in that order, as a decoder would.
func Permuted(t *rapid.T, n *network.Network) *network.Builder {
	b := &network.Builder{}
	for _, e := range permute(t, "establishments", slices.Collect(n.Establishments())) {
		b.AddEstablishment(e)
	}
	for _, tm := range permute(t, "teams", slices.Collect(n.Teams())) {
		b.AddTeam(tm)
	}
	for _, c := range permute(t, "centres", slices.Collect(n.Centres())) {
		c.Diseases = permute(t, "diseases", c.Diseases)
		c.Activity = permute(t, "activity", c.Activity)
		c.Labels = permuteLabels(c.Labels, permute(t, "labels", indexes(len(c.Labels))))
		b.AddCentre(c)
	}
	for _, k := range permute(t, "conventions", slices.Collect(n.Conventions())) {
		k.Reference = permute(t, "reference", k.Reference)
		k.Signatories = permute(t, "signatories", k.Signatories)
		b.AddConvention(k)
	}
	for _, f := range permute(t, "filieres", slices.Collect(n.Filieres())) {
		f.Groups = permute(t, "groups", f.Groups)
		f.Members = permute(t, "members", f.Members)
		b.AddFiliere(f)
	}
	for _, p := range permute(t, "platforms", slices.Collect(n.Platforms())) {
		b.AddPlatform(p)
	}
	return b
}

// permute returns a new slice holding the elements of s in an order drawn
// by t.
func permute[E any](t *rapid.T, label string, s []E) []E {
	if len(s) < 2 {
		return slices.Clone(s)
	}
	p := rapid.Permutation(indexes(len(s))).Draw(t, label)
	out := make([]E, len(s))
	for i, j := range p {
		out[i] = s[j]
	}
	return out
}

func indexes(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// permuteLabels orders labels by p, then restores the relative order of
// labels that tie (same start and effective end).
func permuteLabels(ls []labelling.Label, p []int) []labelling.Label {
	out := make([]labelling.Label, len(ls))
	for i, j := range p {
		out[i] = ls[j]
	}
	// For each tie class, put its members back in their original order
	// into the slots the permutation gave the class.
	done := make([]bool, len(p))
	for i := range p {
		if done[i] {
			continue
		}
		var slots, orig []int
		for k := i; k < len(p); k++ {
			if !done[k] && ls[p[k]].Compare(ls[p[i]]) == 0 {
				slots = append(slots, k)
				orig = append(orig, p[k])
				done[k] = true
			}
		}
		slices.Sort(orig)
		for x, s := range slots {
			out[s] = ls[orig[x]]
		}
	}
	return out
}
