package networktest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// ScaleAt is the audit date at which the networks of [Scale] comply with
// every rule when built without defects: 15 June 2022. Treat it as a
// constant.
var ScaleAt = labelling.MakeDate(2022, 6, 15)

// RealisticDefects is the defect rate for [Scale] that gives about 1.8
// findings per centre at [ScaleAt] under the default configuration, as
// many as the team's benchmark generator gives on a network of the same
// size.
const RealisticDefects = 0.9

// filiereNames returns the acronyms of the 23 sectors (filières de santé
// maladies rares) constituted in 2014.
func filiereNames() []string {
	return []string{"AnDDI-Rares", "BRAIN-TEAM", "CARDIOGEN", "DefiScience", "FAI2R", "FAVA-Multi",
		"FILFOIE", "FILNEMUS", "FILSLAN", "FIMARAD", "FIMATHO", "FIRENDO", "G2M", "MARIH", "MCGRE",
		"MHEMO", "MUCO-CFTR", "NeuroSphinx", "ORKiD", "OSCAR", "RespiFIL", "SENSGENE", "TETECOU"}
}

// departments returns the FINESS prefix of a department of each region of
// the 2016 map (four characters overseas: 9701 Guadeloupe to 9704 La
// Réunion, 9805 Mayotte).
func departments() map[network.RegionCode]string {
	return map[network.RegionCode]string{
		"01": "9701", "02": "9702", "03": "9703", "04": "9704", "06": "9805", "11": "75", "24": "45",
		"27": "21", "28": "76", "32": "59", "44": "67", "52": "44", "53": "35", "75": "33",
		"76": "31", "84": "69", "93": "13", "94": "2A",
	}
}

// Scale returns a national-scale network of the given number of centres,
// the same for the same arguments, for benchmarks and load tests. With
// defects 0 it complies with every rule of RULES.md at [ScaleAt] under the
// default configuration of package rules (coverage analysis off). With
// defects > 0, about that share of the centres (0 to 1) carries one
// defect that a rule reports, kinds taken in turn so that every rule of
// the default configuration is represented once there are a few dozen
// defective centres: low active files, missing or inconsistent activity,
// activity outside the labels, unattached competence centres, missing
// co-signatories, conventions with another group or outliving a label,
// label gaps, overlaps, over-long windows, extensions without an act,
// renewals without evaluation, lapsed labels, teams holding two labels,
// orphan constitutive sites, coordinating sites in no sector or in two,
// flawed or late designations, attachments to another group, platforms
// without centres. [RealisticDefects] gives about as many findings per
// centre as the real data and the team's benchmark generator (1.8). The
// defects are drawn from a source of their own: the rest of the network is
// the same whatever the rate.
//
// Its shape follows the real network. All 17 groups appear once there are
// 680 centres (one group per 40 centres below that). Each group has
// between one and eight coordinating sites (one per 25 centres of the
// group), so that the co-signatories of a convention stay few however
// large the network; a fifth of the other centres are constitutive sites,
// the rest competence centres. Every centre holds four contiguous
// five-year labels from a day of 2007 (a few extended by six months), each
// evaluated, the third or fourth in force at ScaleAt, and records 15 years
// of activity (2007 to 2021). Every competence centre has a convention
// running at ScaleAt with a constitutive site of its group (with the
// coordinating site now and then, or alone when the group has no
// constitutive site), co-signed by the coordinating sites due, and older conventions that ended bring the
// count to 0.8 per centre; one competence centre in ten carries the record
// of its designation in the 2007 campaign; one in ten shares its team with
// another competence centre of another group. Coordinating sites are
// spread over the 23 sectors of 2014. There is one establishment per
// eight centres, spread over the 18 regions, and one platform per 130
// centres (at least one when an establishment has two centres).
//
// For 2,500 centres that is 10,000 labels, 37,500 activity years, 2,000
// conventions, 23 sectors, 312 establishments and 20 platforms.
// Construction time and memory grow linearly with centres (sorting IDs
// aside): 1e6 centres hold about 2 GB and take some tens of seconds of
// CPU, most of it in [network.Builder.Build].
func Scale(centres int, seed uint64, defects float64) *network.Network {
	b := &network.Builder{}
	n := centres
	if n <= 0 {
		out, _ := b.Build()
		return out
	}
	rng := rand.New(rand.NewPCG(seed, 0x5ca1ab1e))
	nGroups := min(17, max(1, (n+39)/40))
	perGroup := min(8, max(1, n/(25*nGroups)))
	if nGroups*perGroup > n {
		nGroups, perGroup = n, 1
	}
	nCoord := nGroups * perGroup
	nConst := (n - nCoord) / 5
	nComp := n - nCoord - nConst
	nEst := max(1, n/8)

	defectOf := assignDefects(n, nCoord, nConst, defects, seed)
	drng := rand.New(rand.NewPCG(seed, 0xdefec7))

	regions := regionCodes()
	deps := departments()
	estIDs := make([]network.EstablishmentID, nEst)
	for j := range nEst {
		r := regions[j%len(regions)]
		dep := deps[r]
		mod := 10000 // digits left after a four-character prefix
		if len(dep) == 2 {
			mod = 100000
		}
		num := strconv.Itoa(j % mod)
		body := dep + strings.Repeat("0", 8-len(dep)-len(num)) + num
		id := "chu-" + strconv.Itoa(j)
		if j%4 == 1 {
			id = "CH_" + strconv.Itoa(j)
		}
		estIDs[j] = network.EstablishmentID(id)
		b.AddEstablishment(network.Establishment{
			ID:     estIDs[j],
			FINESS: network.MustParseFINESS(withLuhnKey(body)),
			Name:   "Établissement " + id,
			City:   "Ville " + id,
			Region: r,
		})
	}

	sites := make([]site, n)
	coordsOf := make([][]int, 18) // coordinating sites by group
	constOf := make([][]int, nCoord)
	y2007 := day(2007, 1, 1)
	compIDs := [...]string{"ccmr-", "CCMR_", "Ccmr."}
	var teams []network.Team
	for i := range n {
		var c network.Centre
		k := i - nCoord - nConst // the competence centre's number
		switch {
		case i < nCoord:
			g := typology.Group(i%nGroups + 1)
			c = network.Centre{ID: network.CentreID("CRMR-" + strconv.Itoa(i)), Tier: typology.Reference, Role: typology.Coordinating, Group: g}
			coordsOf[g] = append(coordsOf[g], i)
		case i < nCoord+nConst:
			co := (i - nCoord) % nCoord
			c = network.Centre{ID: network.CentreID("crmr-site_" + strconv.Itoa(i)), Tier: typology.Reference, Role: typology.Constitutive,
				Group: sites[co].c.Group, CoordinatingSite: sites[co].c.ID}
			constOf[co] = append(constOf[co], i)
		default:
			c = network.Centre{ID: network.CentreID(compIDs[k%3] + strconv.Itoa(k)), Tier: typology.Competence, Group: typology.Group(k%nGroups + 1)}
			if k%7 == 0 {
				c.Diseases = []typology.Disease{{Orpha: typology.ORPHAcode(1000 + k%50), Name: "Maladie " + strconv.Itoa(k%50), Prevalence: typology.Prevalence1To9Per100000}}
			}
		}
		c.Name = "Centre " + string(c.ID)
		dk := defectOf[i]
		s0 := y2007.AddDays(rng.IntN(365))
		designated := c.Tier == typology.Competence && k%10 == 3
		if designated {
			s0 = day(2007, 11, 5).AddDays(rng.IntN(57))
		}
		switch dk {
		case defectMissingOpinion:
			designated, s0 = true, day(2007, 11, 5).AddDays(drng.IntN(57))
		case defectLateDesignation:
			designated, s0 = true, day(2008, 2, 10).AddDays(drng.IntN(20))
		case defectDuplicateLabel: // the previous centre's team and group, the whole group
			if k >= 1 {
				c.Group, c.Diseases = sites[i-1].c.Group, nil
			} else {
				dk = noDefect
			}
		}
		// Teams: one per centre, but one competence centre in ten shares
		// the team of the previous one (another group).
		est := i % nEst
		switch {
		case dk == defectDuplicateLabel:
			c.Team, est = sites[i-1].c.Team, sites[i-1].est
		case dk == defectReferenceAndCompetence:
			cs := coordsOf[c.Group]
			co := cs[k%len(cs)]
			c.Team, est = sites[co].c.Team, sites[co].est
		case c.Tier == typology.Competence && k%10 == 1 && nGroups > 1:
			c.Team, est = sites[i-1].c.Team, sites[i-1].est
		default:
			c.Team = network.TeamID("t" + strconv.Itoa(i))
			teams = append(teams, network.Team{ID: c.Team, Establishment: estIDs[est]})
		}
		gap := 0
		if dk == defectGap {
			gap = 60
		}
		c.Labels = scaleLabels(rng, c.Tier, s0, gap)
		if designated {
			d := labelling.Designation{Campaign: labelling.CampaignCCMR2007, Route: labelling.Direct, CNCLOpinion: s0.AddDays(-14), Decision: s0}
			if k%20 == 3 {
				d.Route, d.CNCLOpinion = labelling.Listed, day(2007, 9, 27)
			}
			if dk == defectMissingOpinion {
				d.Route, d.CNCLOpinion = labelling.Direct, labelling.Date{}
			}
			c.Labels[0] = c.Labels[0].WithDesignation(d)
		}
		c.Activity = make([]network.Activity, 0, 15)
		for y := 2007; y <= 2021; y++ {
			p := minActiveFile + rng.IntN(400)
			c.Activity = append(c.Activity, network.Activity{Year: y, Patients: p, NewPatients: rng.IntN(p + 1), Consultations: p + rng.IntN(2*p+1)})
		}
		if dk != noDefect {
			defectOf[i] = applyDefect(&c, dk, drng, sites[:i], coordsOf, nGroups)
		}
		sites[i] = site{c, s0, est}
	}
	slices.SortFunc(teams, func(a, b network.Team) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for _, t := range teams {
		b.AddTeam(t)
	}
	// Add the centres in ID order, which the network sorts them into: it
	// then sorts a sorted list, in linear time.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(sites[a].c.ID), string(sites[b].c.ID)) })
	counts := make([]int, nEst)
	for _, i := range order {
		b.AddCentre(sites[i].c)
		counts[sites[i].est]++ // every centre is in force at ScaleAt
	}

	// Conventions.
	nConv := 0
	var convs []network.Convention
	nHist := min(max(0, n*4/5-nComp), nComp)
	// A convention's reference party is a constitutive site of the group
	// when it has some (each is a party to a handful of conventions), the
	// coordinating site otherwise, and now and then both: no centre is a
	// party to more than a bounded share of the conventions, which keeps
	// the network's per-centre indexes small.
	constOfGroup := make([][]int, 18)
	for co, sub := range constOf {
		g := sites[co].c.Group
		constOfGroup[g] = append(constOfGroup[g], sub...)
	}
	addConv := func(comp int, start, end labelling.Date) {
		c := sites[comp].c
		cs := coordsOf[c.Group]
		var refs []network.CentreID
		if sub := constOfGroup[c.Group]; len(sub) > 0 {
			refs = append(refs, sites[sub[comp%len(sub)]].c.ID)
		}
		if len(refs) == 0 || comp%50 == 0 {
			refs = append(refs, sites[cs[comp%len(cs)]].c.ID)
		}
		if end.IsZero() {
			switch defectOf[comp] {
			case defectGroupMismatch: // a reference party of another group
				other := typology.Group(int(c.Group)%nGroups + 1)
				refs = []network.CentreID{sites[coordsOf[other][0]].c.ID}
			case defectUnattached: // the running convention ended
				end = ScaleAt.AddDays(-40)
			}
		}
		signed := start.AddDays(-10)
		var sig []network.CentreID
		for _, x := range cs {
			if sites[x].c.InForce(signed) {
				sig = append(sig, sites[x].c.ID)
			}
		}
		if defectOf[comp] == defectMissingCosignatory && len(sig) > 0 {
			sig = sig[1:]
		}
		convs = append(convs, network.Convention{ID: network.ConventionID("conv-" + strconv.Itoa(nConv)), Reference: refs,
			Competence: c.ID, Signed: signed, Start: start, End: end, Signatories: sig})
		nConv++
	}
	for i := nCoord + nConst; i < n; i++ {
		start := sites[i].s0.AddDays(30)
		if i-nCoord-nConst < nHist {
			end := start.AddDate(2, 0, 0)
			addConv(i, start, end)
			start = end
		}
		addConv(i, start, labelling.Date{})
	}

	slices.SortFunc(convs, func(a, b network.Convention) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for _, k := range convs {
		b.AddConvention(k)
	}

	// Sectors.
	names := filiereNames()
	nFil := min(len(names), nCoord)
	fils := make([]network.Filiere, nFil)
	for f := range fils {
		fils[f] = network.Filiere{ID: network.FiliereID(names[f]), Name: "Filière " + names[f]}
	}
	for j := range nCoord {
		f := &fils[j%nFil]
		c := sites[j].c
		switch defectOf[j] {
		case defectOutsideFiliere:
			continue
		case defectInSeveralFilieres:
			g := &fils[(j+1)%nFil]
			g.Members = append(g.Members, c.ID)
		}
		f.Members = append(f.Members, c.ID)
		if f.Host == "" {
			f.Host = estIDs[sites[j].est]
		}
		if !slices.Contains(f.Groups, c.Group) {
			f.Groups = append(f.Groups, c.Group)
		}
	}
	for _, f := range fils {
		b.AddFiliere(f)
	}

	// Platforms, in establishments that are the seat of two centres.
	nPlat := (n + 129) / 130
	for p, j := 0, 0; p < nPlat && j < nEst; j++ {
		e := (j * 131) % nEst
		if counts[e] < 2 {
			continue
		}
		b.AddPlatform(network.Platform{ID: network.PlatformID("pemr-" + strconv.Itoa(p)), Name: "Plateforme " + strconv.Itoa(p), Host: estIDs[e], Overseas: p%5 == 4})
		p++
	}
	// Platforms in establishments without centres, when defects are asked.
	if defects > 0 {
		for p := range max(1, int(float64(nPlat)*defects/4)) {
			id := network.EstablishmentID("vide-" + strconv.Itoa(p))
			b.AddEstablishment(network.Establishment{ID: id, Name: "Établissement sans centre " + strconv.Itoa(p), Region: regions[p%len(regions)]})
			b.AddPlatform(network.Platform{ID: network.PlatformID("pemr-vide-" + strconv.Itoa(p)), Name: "Plateforme sans centre", Host: id})
		}
	}
	out, err := b.Build()
	if err != nil {
		panic(fmt.Sprintf("networktest: internal error: Scale(%d, %d) does not build: %v", centres, seed, err))
	}
	return out
}

// scaleLabels returns four contiguous evaluated five-year labels from s0,
// the third extended by six months one time in four, and starting gap days
// after the end of the second.
func scaleLabels(rng *rand.Rand, tier typology.Tier, s0 labelling.Date, gap int) []labelling.Label {
	labels := make([]labelling.Label, 4)
	s := s0
	for i := range labels {
		if i == 2 {
			s = s.AddDays(gap)
		}
		e := termEnd(s)
		ev := []labelling.Event{labelling.EvaluationEvent(s.AddDate(3, 0, 0), labelling.External)}
		if i == 2 && rng.IntN(4) == 0 {
			d := s.AddDate(4, 6, 0)
			ev = append(ev, labelling.ExtensionEvent(d, e.AddDays(182), labelling.Act{Kind: labelling.Arrete, Date: d}))
		}
		labels[i] = mustLabel(s, e, actFor(tier, s), ev...)
		s = labels[i].End()
	}
	return labels
}

// site is a centre of Scale as it is being built.
type site struct {
	c   network.Centre
	s0  labelling.Date
	est int // the establishment of its team
}

// A defectKind is one defect that Scale may give a centre.
type defectKind uint8

const (
	noDefect defectKind = iota
	// Any centre.
	defectWindowTooLong
	defectExtensionWithoutBasis
	defectOverlap
	defectGap
	defectRenewalWithoutEvaluation
	defectActivityOutsideWindow
	defectLapsed // a competence party: convention.outlives-competence-label; a constitutive one: outlives-reference-label
	defectActivityInconsistent
	// Coordinating sites.
	defectOutsideFiliere
	defectInSeveralFilieres
	// Constitutive sites.
	defectOrphan
	// Competence centres.
	defectLowActiveFile
	defectActivityMissing
	defectInterregionalPreferred
	defectUnattached
	defectAttachmentMismatch
	defectGroupMismatch
	defectMissingCosignatory
	defectDuplicateLabel
	defectReferenceAndCompetence
	defectMissingOpinion
	defectLateDesignation
)

// assignDefects chooses which centres carry a defect (about rate of them)
// and which: the kinds a centre's class can carry, each class in turn.
func assignDefects(n, nCoord, nConst int, rate float64, seed uint64) []defectKind {
	out := make([]defectKind, n)
	if rate <= 0 {
		return out
	}
	nGroups := 0
	if nCoord > 0 {
		nGroups = min(17, max(1, (n+39)/40))
	}
	generic := []defectKind{defectWindowTooLong, defectExtensionWithoutBasis, defectOverlap, defectGap,
		defectRenewalWithoutEvaluation, defectActivityOutsideWindow, defectLapsed, defectActivityInconsistent}
	coord := append(slices.Clone(generic), defectOutsideFiliere)
	if min(len(filiereNames()), nCoord) >= 2 {
		coord = append(coord, defectInSeveralFilieres)
	}
	constit := append(slices.Clone(generic), defectOrphan)
	comp := append(slices.Clone(generic), defectLowActiveFile, defectActivityMissing, defectInterregionalPreferred,
		defectUnattached, defectMissingCosignatory, defectDuplicateLabel, defectReferenceAndCompetence,
		defectMissingOpinion, defectLateDesignation)
	if nGroups > 1 {
		comp = append(comp, defectAttachmentMismatch, defectGroupMismatch)
	}
	rng := rand.New(rand.NewPCG(seed, 0xbadda7a))
	var turns [3]int
	for i := range out {
		if rng.Float64() >= rate {
			continue
		}
		class, kinds := 2, comp
		switch {
		case i < nCoord:
			class, kinds = 0, coord
		case i < nCoord+nConst:
			class, kinds = 1, constit
		}
		out[i] = kinds[turns[class]%len(kinds)]
		turns[class]++
	}
	return out
}

// applyDefect gives centre c the defect dk where it lies in the centre
// itself, and returns the defect the centre carries (noDefect when dk
// cannot apply). Defects that lie in the team, the conventions or the
// sectors are made where those are built.
func applyDefect(c *network.Centre, dk defectKind, rng *rand.Rand, sites []site, coordsOf [][]int, nGroups int) defectKind {
	last := len(c.Labels) - 1
	switch dk {
	case defectWindowTooLong: // one day too long
		l := c.Labels[last]
		c.Labels[last] = Relabel(l, l.Start(), l.Initial().End().AddDays(1), slices.Collect(l.Events()))
	case defectExtensionWithoutBasis:
		l := c.Labels[last]
		ev := append(slices.Collect(l.Events()), labelling.ExtensionEvent(l.Start().AddDate(4, 0, 0), l.Initial().End().AddDays(100), labelling.Act{}))
		c.Labels[last] = Relabel(l, l.Start(), l.Initial().End(), ev)
	case defectOverlap: // the last label recorded twice
		c.Labels = append(c.Labels, c.Labels[last])
	case defectRenewalWithoutEvaluation: // the second label never evaluated
		l := c.Labels[1]
		c.Labels[1] = Relabel(l, l.Start(), l.Initial().End(), nil)
	case defectActivityOutsideWindow: // two years before the first label
		c.Activity = append([]network.Activity{{Year: 2004, Consultations: 80, Patients: 35, NewPatients: 7},
			{Year: 2005, Consultations: 90, Patients: 40, NewPatients: 8}}, c.Activity...)
	case defectLapsed: // the labels in force at ScaleAt and after dropped
		k := 0
		for k < len(c.Labels) && !c.Labels[k].End().After(ScaleAt) {
			k++
		}
		if k == 0 {
			return noDefect
		}
		c.Labels = c.Labels[:k]
		lastYear := c.Labels[k-1].End().AddDays(-1).Year()
		c.Activity = slices.DeleteFunc(c.Activity, func(a network.Activity) bool { return a.Year > lastYear })
	case defectActivityInconsistent: // three years with more new patients than patients
		for k := 5; k < 8 && k < len(c.Activity); k++ {
			a := &c.Activity[k]
			a.NewPatients = a.Patients + 1 + rng.IntN(5)
		}
	case defectOrphan:
		c.CoordinatingSite = ""
	case defectLowActiveFile: // eight years below the minimum
		for k := range c.Activity {
			if y := c.Activity[k].Year; y >= 2010 && y <= 2017 {
				p := rng.IntN(minActiveFile)
				c.Activity[k].Patients, c.Activity[k].NewPatients = p, min(c.Activity[k].NewPatients, p)
			}
		}
	case defectActivityMissing: // seven years not reported
		c.Activity = slices.DeleteFunc(c.Activity, func(a network.Activity) bool { return a.Year >= 2014 && a.Year <= 2020 })
	case defectInterregionalPreferred: // regional, for a very rare disease
		c.Scope = typology.Regional
		c.Diseases = []typology.Disease{{Orpha: 2000, Name: "Maladie très rare", Prevalence: typology.PrevalenceBelow1PerMillion}}
	case defectAttachmentMismatch: // attached to a coordinating site of another group
		other := typology.Group(int(c.Group)%nGroups + 1)
		c.AttachedTo = []network.CentreID{sites[coordsOf[other][0]].c.ID}
	}
	return dk
}
