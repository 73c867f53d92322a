package networktest

import (
	"fmt"
	"slices"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// DefaultAt is the audit date that [Options] uses when At is the zero
// Date: 15 June 2020, after the sectors (2014) and the 2017 labelling, with
// fifteen years of history behind it. Treat it as a constant.
var DefaultAt = labelling.MakeDate(2020, 6, 15)

// Options configures [Network]. The zero Options is ready to use.
type Options struct {
	// At is the audit date at which the generated networks comply with
	// every rule; the zero Date means [DefaultAt]. Keep it between the
	// years 1900 and 9000, where labels and activity years fit.
	At labelling.Date
	// MinCentres and MaxCentres bound the number of centres drawn (before
	// FullCoverage adds its own). A zero MaxCentres means 24 (or
	// MinCentres when larger).
	MinCentres, MaxCentres int
	// Years is how far back from At the first labels of centres may start
	// (designated centres start in the 2007 campaign whatever it says);
	// zero means 15.
	Years int
	// Designations gives some competence centres the record of their
	// designation in the 2007 campaign (with the committee's opinion and a
	// decision by 1 February 2008). It has no effect when At is before
	// 5 October 2007.
	Designations bool
	// FullCoverage adds centres until every one of the 18 regions has a
	// centre in force at At of each of the 17 groups, so that the coverage
	// analysis (off by default) finds nothing either. It makes networks of
	// at least 306 centres: draw fewer of them.
	FullCoverage bool
}

func (o Options) normalised() Options {
	if o.At.IsZero() {
		o.At = DefaultAt
	}
	if o.Years <= 0 {
		o.Years = 15
	}
	o.MinCentres = max(o.MinCentres, 0)
	if o.MaxCentres <= 0 {
		o.MaxCentres = max(24, o.MinCentres)
	}
	o.MaxCentres = max(o.MaxCentres, o.MinCentres)
	return o
}

// Network returns a generator of valid networks: every one builds, and at
// the audit date opts.At it breaks no rule of RULES.md under the default
// configuration of package rules (minimum active file 25, low prevalence
// below 1 in 100,000, five-year labels, sectors since 2015-01-01, the 2007
// designation deadline), the coverage analysis included when
// opts.FullCoverage is set. In particular:
//
//   - every centre but the future competence centres (first label after At)
//     holds a chain of labels in force at At: contiguous (no gap, no
//     overlap), each granted for at most five years, each followed by a
//     renewal evaluated inside its effective window, extensions by an act;
//   - a competence centre records its activity (active file >= 25,
//     consultations >= patients >= new patients) for every year before At's
//     year in which it was labelled on every day, and no centre records
//     activity for a year without a label;
//   - every competence centre in force at At has a convention running at At
//     with reference centres of its group, all in force at At, co-signed by
//     every coordinating site of the group in force on the signing day;
//   - a constitutive site points to a coordinating site of its group, a
//     coordinating site belongs to exactly one sector, a platform's host is
//     the seat of at least two centres in force at At;
//   - a team holds centres of different groups, or of one group with
//     disjoint, non-empty disease lists: the circular lets a team be a
//     competence centre in several groups;
//   - a regional competence centre that lists diseases lists one that is not
//     of low prevalence.
//
// Draws vary what the rules must not care about: ID spellings (case,
// separators, digits, IDs equal but for case), disease identities (one
// ORPHAcode under two names, one name with and without a code),
// prevalence classes, kinds and scopes, evaluations dated after a label's
// end next to one inside it, sectors listing non-coordinating members,
// empty sectors, teams and establishments without centres.
func Network(opts Options) *rapid.Generator[*network.Network] {
	o := opts.normalised()
	return rapid.Custom(func(t *rapid.T) *network.Network {
		g := &gen{Model: newModel(t, o.At), o: o, byTeam: map[network.TeamID][]int{}}
		g.run()
		return g.Build()
	})
}

type gen struct {
	*Model
	o         Options
	groups    []typology.Group
	histStart labelling.Date
	byTeam    map[network.TeamID][]int // centres by team
}

func (g *gen) run() {
	n := g.Intn("centres", g.o.MinCentres, g.o.MaxCentres)
	ng := g.Intn("groups", 1, 17)
	base := g.Intn("group_base", 0, 16)
	for k := range ng {
		g.groups = append(g.groups, typology.Group((base+k)%17+1))
	}
	g.histStart = maxDate(g.At.AddDate(-g.o.Years, 0, 0), day(network.MinActivityYear, 1, 1))
	for range n {
		kind := 0 // coordinating site
		if len(g.allCoordinating()) > 0 {
			switch r := g.Intn("centre_kind", 0, 99); {
			case r < 60:
				kind = 2 // competence centre
			case r < 82:
				kind = 1 // constitutive site
			}
		}
		gr := Pick(g.Model, "group", g.groups)
		switch kind {
		case 0:
			g.newCentre(typology.Reference, typology.Coordinating, gr, "", "", false)
		case 1:
			co := Pick(g.Model, "coordinating_site", g.allCoordinating())
			g.newCentre(typology.Reference, typology.Constitutive, g.Centres[co].Group, g.Centres[co].ID, "", false)
		case 2:
			gs := g.groupsWithReference()
			g.newCentre(typology.Competence, 0, Pick(g.Model, "competence_group", gs), "", "", g.Chance("future_centre", 8))
		}
	}
	if g.o.FullCoverage {
		g.completeCoverage()
	}
	if g.Chance("idle_establishment", 10) {
		g.NewEstablishment("")
	}
	if len(g.Establishments) > 0 && g.Chance("idle_team", 10) {
		g.NewTeam(Pick(g.Model, "idle_team_est", g.Establishments).ID)
	}
	g.conventions()
	g.filieres()
	g.platforms()
}

func (g *gen) allCoordinating() []int {
	var out []int
	for i, c := range g.Centres {
		if c.Role == typology.Coordinating {
			out = append(out, i)
		}
	}
	return out
}

func (g *gen) groupsWithReference() []typology.Group {
	var out []typology.Group
	for _, c := range g.Centres {
		if c.Tier == typology.Reference && !slices.Contains(out, c.Group) {
			out = append(out, c.Group)
		}
	}
	slices.Sort(out)
	return out
}

// completeCoverage adds a centre for every (region, group) pair that has
// none in force at At: a coordinating site when the group has no
// reference centre yet, a competence centre otherwise.
func (g *gen) completeCoverage() {
	covered := map[string]bool{}
	key := func(r network.RegionCode, gr typology.Group) string { return fmt.Sprint(r, "/", gr) }
	for _, c := range g.Centres {
		if c.InForce(g.At) {
			covered[key(g.RegionOf(c), c.Group)] = true
		}
	}
	for r := range network.Regions() {
		for gr := range typology.Groups() {
			if covered[key(r.Code, gr)] {
				continue
			}
			if len(g.ReferencesInForce(gr, g.At)) == 0 {
				g.coverageCentre(typology.Reference, typology.Coordinating, gr, r.Code)
			} else {
				g.coverageCentre(typology.Competence, 0, gr, r.Code)
			}
			covered[key(r.Code, gr)] = true
		}
	}
}

// coverageCentre adds a plain centre for completeCoverage, with few
// draws: one evaluated five-year label in force at At, no diseases, the
// activity due.
func (g *gen) coverageCentre(tier typology.Tier, role typology.Role, gr typology.Group, region network.RegionCode) {
	id := g.FreshID(KindCentre)
	s := g.At.AddDays(-g.Intn("coverage_start", 0, 4*365))
	c := network.Centre{ID: network.CentreID(id), Name: "Centre " + id, Tier: tier, Role: role, Group: gr,
		Labels: []labelling.Label{mustLabel(s, termEnd(s), actFor(tier, s), labelling.EvaluationEvent(s, labelling.Unstated))}}
	c.Team = g.teamFor(c, region)
	i := g.AddCentre(c)
	g.byTeam[c.Team] = append(g.byTeam[c.Team], i)
	g.FixActivity(i)
}

// diseasePool returns the diseases centres list: one ORPHAcode under two
// names, one name with and without a code, so that disease identity (the
// ORPHAcode when there is one, else the exact name) matters.
func diseasePool() []typology.Disease {
	return []typology.Disease{
		{Orpha: 791, Name: "Rétinite pigmentaire"},
		{Orpha: 791, Name: "RP"},
		{Name: "Rétinite pigmentaire"},
		{Orpha: 558, Name: "Syndrome de Marfan"},
		{Orpha: 586, Name: "Mucoviscidose"},
		{Name: "Maladie sans code"},
		{Name: "maladie sans code"},
		{Orpha: 98896, Name: "Dystrophie musculaire de Duchenne"},
		{Orpha: 774, Name: "Télangiectasie hémorragique héréditaire"},
	}
}

func isLowPrevalence(p typology.Prevalence) bool {
	return p.Below(typology.Prevalence1To9Per100000)
}

// allLow reports whether ds is not empty and every disease in it is of low
// prevalence.
func allLow(ds []typology.Disease) bool {
	if len(ds) == 0 {
		return false
	}
	for _, d := range ds {
		if !isLowPrevalence(d.Prevalence) {
			return false
		}
	}
	return true
}

// regional reports whether c's scope is regional once defaults apply.
func regional(c network.Centre) bool {
	return c.Scope == typology.Regional || (c.Scope == 0 && c.Tier == typology.Competence)
}

func (g *gen) diseases(c network.Centre) []typology.Disease {
	pool := diseasePool()
	var out []typology.Disease
	seen := map[string]bool{}
	for range g.Intn("diseases", 0, 3) {
		d := Pick(g.Model, "disease", pool)
		if seen[d.Key()] {
			continue
		}
		seen[d.Key()] = true
		d.Prevalence = typology.Prevalence(g.Intn("prevalence", 0, int(typology.PrevalenceAbove1Per1000)))
		out = append(out, d)
	}
	if c.Tier == typology.Competence && regional(c) && allLow(out) {
		// One disease that is not of low prevalence (or of unknown
		// prevalence) keeps the centre off competence.interregional-preferred.
		notLow := []typology.Prevalence{typology.PrevalenceUnknown, typology.Prevalence1To9Per100000,
			typology.Prevalence1To5Per10000, typology.Prevalence6To9Per10000, typology.PrevalenceAbove1Per1000}
		out[len(out)-1].Prevalence = Pick(g.Model, "not_low_prevalence", notLow)
	}
	return out
}

// disjoint reports whether two centres' coverages cannot overlap: both
// list diseases and no disease is in both lists.
func disjoint(a, b []typology.Disease) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x.Key() == y.Key() {
				return false
			}
		}
	}
	return true
}

// newCentre draws a centre and adds it. region, when set, is where its
// team must be; future makes a competence centre whose first label starts
// after At.
func (g *gen) newCentre(tier typology.Tier, role typology.Role, gr typology.Group, coord network.CentreID, region network.RegionCode, future bool) int {
	id := g.FreshID(KindCentre)
	c := network.Centre{
		ID:               network.CentreID(id),
		Name:             "Centre " + id,
		Tier:             tier,
		Role:             role,
		Group:            gr,
		CoordinatingSite: coord,
	}
	if tier == typology.Reference {
		c.Kind = Pick(g.Model, "kind", []typology.Kind{0, typology.KindCRMR, typology.KindCRTH})
		c.Scope = Pick(g.Model, "scope", []typology.Scope{0, typology.National, typology.Interregional})
	} else {
		c.Kind = Pick(g.Model, "kind", []typology.Kind{0, typology.KindCCMR, typology.KindCRC, typology.KindCTH, typology.KindCRCM})
		c.Scope = Pick(g.Model, "scope", []typology.Scope{0, typology.Regional, typology.Regional, typology.Interregional, typology.National})
	}
	c.Diseases = g.diseases(c)
	var des labelling.Designation
	campaignStart := day(2007, 10, 5)
	var s0 labelling.Date
	switch {
	case tier == typology.Competence && !future && g.o.Designations && !g.At.Before(campaignStart) && g.Chance("designated", 35):
		dec := g.DateIn("decision", campaignStart, minDate(designationDeadline, g.At))
		des = labelling.Designation{
			Campaign:    Pick(g.Model, "campaign", []labelling.CampaignID{labelling.CampaignCCMR2007, "2007"}),
			Route:       Pick(g.Model, "route", []labelling.Route{labelling.Listed, labelling.Direct}),
			CNCLOpinion: g.DateIn("cncl_opinion", day(2007, 9, 27), dec),
			Decision:    dec,
		}
		s0 = dec
	case future:
		s0 = g.At.AddDays(g.Intn("future_start", 1, 3*365))
	default:
		s0 = g.DateIn("first_start", g.histStart, g.At)
	}
	c.Labels = g.chain(tier, s0, future)
	if !des.IsZero() {
		c.Labels[0] = c.Labels[0].WithDesignation(des)
	}
	if g.Chance("provenance", 20) {
		c.Provenance = typology.Provenance{Source: "networktest", Mark: typology.Mark(g.Intn("mark", 1, 4))}
	}
	c.Team = g.teamFor(c, region)
	i := g.AddCentre(c)
	g.byTeam[c.Team] = append(g.byTeam[c.Team], i)
	g.Centres[i].Activity = g.activity(g.Centres[i])
	return i
}

// chain draws a centre's labels from s0: contiguous labels until one is in
// force at At (or one or two future labels), each evaluated inside its
// effective window when a renewal follows.
func (g *gen) chain(tier typology.Tier, s0 labelling.Date, future bool) []labelling.Label {
	type spec struct {
		s, e0, eff labelling.Date
		ev         []labelling.Event
	}
	var specs []spec
	for s := s0; ; {
		full := termEnd(s)
		e0 := full
		if g.Chance("short_label", 20) {
			e0 = s.AddDays(g.Intn("label_days", 30, full.Sub(s)))
		}
		eff := e0
		var ev []labelling.Event
		if g.Chance("extension", 20) {
			d := g.DateIn("extension_date", s, e0.AddDays(-1))
			until := e0.AddDays(g.Intn("extension_days", 1, 730))
			act := labelling.Act{Kind: labelling.ActKind(g.Intn("extension_act", 1, 3)), Date: d}
			if g.Coin("extension_ref") {
				act.Ref = "acte du " + d.String()
			}
			ev = append(ev, labelling.ExtensionEvent(d, until, act))
			eff = until
		}
		if g.Chance("withdrawal", 7) {
			w := s.AddDays(g.Intn("withdrawal_days", 1, eff.Sub(s)))
			var act labelling.Act
			if g.Coin("withdrawal_act") {
				act = actFor(tier, w)
			}
			ev = append(ev, labelling.WithdrawalEvent(w, act))
			eff = minDate(eff, w)
		}
		specs = append(specs, spec{s, e0, eff, ev})
		s = eff
		if future {
			if !g.Chance("future_renewal", 20) {
				break
			}
		} else if eff.After(g.At) && !g.Chance("decided_renewal", 10) {
			break
		}
	}
	labels := make([]labelling.Label, len(specs))
	for i, sp := range specs {
		ev := sp.ev
		if i < len(specs)-1 || g.Coin("evaluate_last") {
			ev = append(ev, labelling.EvaluationEvent(g.DateIn("evaluation", sp.s, sp.eff.AddDays(-1)),
				labelling.EvaluationType(g.Intn("evaluation_type", 0, 2))))
		}
		if g.Chance("late_evaluation", 10) {
			// Dated after the label's end: it does not count, but the
			// format allows it.
			ev = append(ev, labelling.EvaluationEvent(sp.eff.AddDays(g.Intn("late_days", 0, 400)), labelling.External))
		}
		act := actFor(tier, sp.s.AddDays(-g.Intn("act_days_before", 0, 60)))
		if g.Coin("act_ref") {
			act.Ref = "acte du " + act.Date.String()
		}
		l := mustLabel(sp.s, sp.e0, act, ev...)
		if g.Chance("label_provenance", 15) {
			l = l.WithProvenance(typology.Provenance{Source: "networktest", Mark: typology.MarkDerived})
		}
		labels[i] = l
	}
	return labels
}

// activity draws a centre's activity: every wholly labelled year before
// At's year for a competence centre (active file >= 25), other labelled
// years up to At's year now and then, all consistent.
func (g *gen) activity(c network.Centre) []network.Activity {
	first, last, ok := LabelledYears(c)
	if !ok {
		return nil
	}
	var out []network.Activity
	for y := max(first, network.MinActivityYear); y <= last && y <= g.At.Year(); y++ {
		whole := WhollyLabelled(c, y)
		must := c.Tier == typology.Competence && whole && y < g.At.Year()
		if !must && !g.Chance("record_activity", 50) {
			continue
		}
		lo := 0
		if c.Tier == typology.Competence && whole {
			lo = minActiveFile
		}
		p := g.Intn("patients", lo, 400)
		out = append(out, network.Activity{
			Year:          y,
			Patients:      p,
			NewPatients:   g.Intn("new_patients", 0, p),
			Consultations: g.Intn("consultations", p, 3*p+5),
		})
	}
	return out
}

// teamFor returns a team for c: an existing one (in region, when set) that
// holds no centre whose coverage could overlap c's, or a new one.
func (g *gen) teamFor(c network.Centre, region network.RegionCode) network.TeamID {
	var cand []network.TeamID
	for _, t := range g.Teams {
		if region != "" && g.Establishments[g.eidx[t.Establishment]].Region != region {
			continue
		}
		ok := true
		for _, i := range g.byTeam[t.ID] {
			if x := g.Centres[i]; x.Group == c.Group && !disjoint(x.Diseases, c.Diseases) {
				ok = false
				break
			}
		}
		if ok {
			cand = append(cand, t.ID)
		}
	}
	if len(cand) > 0 && g.Chance("share_team", 35) {
		return Pick(g.Model, "team", cand)
	}
	var est network.EstablishmentID
	var ests []network.EstablishmentID
	for _, e := range g.Establishments {
		if region == "" || e.Region == region {
			ests = append(ests, e.ID)
		}
	}
	if len(ests) > 0 && g.Chance("share_establishment", 50) {
		est = Pick(g.Model, "establishment", ests)
	} else {
		est = g.NewEstablishment(region)
	}
	return g.NewTeam(est)
}

// NewTeam adds a team of establishment est and returns its ID.
func (m *Model) NewTeam(est network.EstablishmentID) network.TeamID {
	id := network.TeamID(m.FreshID(KindTeam))
	t := network.Team{ID: id, Establishment: est}
	if m.Coin("unit") {
		t.Unit = "Unité " + string(id)
	}
	m.addTeam(t)
	return id
}

// regionCodes returns the 18 region codes of the 2016 map.
func regionCodes() []network.RegionCode {
	var out []network.RegionCode
	for r := range network.Regions() {
		out = append(out, r.Code)
	}
	return out
}

// NewEstablishment adds an establishment in region (drawn when empty)
// and returns its ID.
func (m *Model) NewEstablishment(region network.RegionCode) network.EstablishmentID {
	if region == "" {
		region = Pick(m, "region", regionCodes())
	}
	id := network.EstablishmentID(m.FreshID(KindEstablishment))
	e := network.Establishment{ID: id, Name: "Établissement " + string(id), Region: region}
	if m.Coin("city") {
		e.City = "Ville " + string(id)
	}
	if m.Chance("finess", 40) {
		deps := []string{"75", "13", "69", "2A", "2B", "9701", "9704", "9805", "01", "19", "21", "95", "67"}
		dep := Pick(m, "department", deps)
		body := dep
		for len(body) < 8 {
			body += string(rune('0' + m.Intn("finess_digit", 0, 9)))
		}
		e.FINESS = network.MustParseFINESS(withLuhnKey(body))
	}
	if m.Chance("location", 20) {
		e.Location = network.Location{Lat: float64(m.Intn("lat", -90, 90)), Lon: float64(m.Intn("lon", -180, 180)), Known: true}
	}
	m.addEst(e)
	return id
}

// withLuhnKey appends to the 8 characters of body the key that makes a
// valid FINESS number (2A reads as 21, 2B as 22).
func withLuhnKey(body string) string {
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[7-i]
		d := int(c - '0')
		if i == 6 && (c == 'A' || c == 'B') {
			d = 1 + int(c-'A')
		}
		if i%2 == 0 { // positions 1, 3, ... from the right of the 9 are doubled
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return body + string(rune('0'+(10-sum%10)%10))
}

// conventions gives every competence centre in force at At a running
// convention (and now and then an older one that ended), and some future
// competence centres a convention to come.
func (g *gen) conventions() {
	for i := range g.Centres {
		c := g.Centres[i]
		if c.Tier != typology.Competence {
			continue
		}
		refs := g.ReferencesInForce(c.Group, g.At)
		if len(refs) == 0 {
			continue
		}
		s0 := c.Labels[SortedLabels(c)[0]].Start()
		switch {
		case c.InForce(g.At):
			if g.At.Sub(s0) >= 2 && g.Chance("old_convention", 25) {
				start := g.DateIn("old_start", s0, g.At.AddDays(-2))
				end := g.DateIn("old_end", start.AddDays(1), g.At)
				g.NewConvention(i, g.parties(refs), start, end, g.signed(start))
			}
			start := g.DateIn("start", s0, g.At)
			var end labelling.Date
			if g.Chance("fixed_end", 20) {
				end = g.At.AddDays(g.Intn("end_days", 1, 2000))
			}
			g.NewConvention(i, g.parties(refs), start, end, g.signed(start))
		case g.Coin("future_convention"):
			start := s0.AddDays(g.Intn("future_conv_days", 0, 100))
			g.NewConvention(i, g.parties(refs), start, labelling.Date{}, g.signed(start))
		}
	}
}

func (g *gen) signed(start labelling.Date) labelling.Date {
	return start.AddDays(-g.Intn("signed_days_before", 0, 180))
}

func (g *gen) parties(refs []int) []network.CentreID {
	ids := make([]network.CentreID, len(refs))
	for i, r := range refs {
		ids[i] = g.Centres[r].ID
	}
	ids = rapid.Permutation(ids).Draw(g.t, "parties")
	return ids[:g.Intn("n_parties", 1, min(3, len(ids)))]
}

// NewConvention adds a convention of the competence centre at position
// comp of m.Centres with the given reference parties, co-signed by every coordinating site of comp's group
// in force on the signing day (and by some others now and then), and
// returns its position in m.Conventions.
func (m *Model) NewConvention(comp int, refs []network.CentreID, start, end, signed labelling.Date) int {
	c := m.Centres[comp]
	sig := m.RequiredSignatories(c.Group, signed)
	if m.Chance("parties_sign", 30) {
		for _, r := range refs {
			if !slices.Contains(sig, r) {
				sig = append(sig, r)
			}
		}
	}
	if m.Chance("extra_signatory", 10) {
		if x := Pick(m, "extra_signatory_id", m.Centres).ID; !slices.Contains(sig, x) {
			sig = append(sig, x)
		}
	}
	return m.addConv(network.Convention{
		ID:          network.ConventionID(m.FreshID(KindConvention)),
		Reference:   refs,
		Competence:  c.ID,
		Signed:      signed,
		Start:       start,
		End:         end,
		Signatories: sig,
	})
}

// filieres puts every coordinating site in exactly one sector, and some
// other centres in sectors too.
func (g *gen) filieres() {
	coords := g.allCoordinating()
	if len(coords) == 0 {
		if g.Chance("empty_filiere", 30) {
			g.NewFiliere()
		}
		return
	}
	nf := g.Intn("filieres", 1, min(23, len(coords)+1))
	for range nf {
		g.NewFiliere()
	}
	for _, ci := range coords {
		f := &g.Filieres[g.Intn("filiere_of", 0, nf-1)]
		f.Members = append(f.Members, g.Centres[ci].ID)
		if g.Chance("listed_twice", 3) {
			f.Members = append(f.Members, g.Centres[ci].ID)
		}
	}
	for _, c := range g.Centres {
		if c.Role == typology.Coordinating || !g.Chance("other_member", 10) {
			continue
		}
		for range g.Intn("other_member_of", 1, 2) {
			f := &g.Filieres[g.Intn("other_filiere", 0, nf-1)]
			f.Members = append(f.Members, c.ID)
		}
	}
	for i := range g.Filieres {
		f := &g.Filieres[i]
		for _, id := range f.Members {
			if gr := g.GroupOf(id); !slices.Contains(f.Groups, gr) {
				f.Groups = append(f.Groups, gr)
			}
		}
	}
}

// NewFiliere adds a sector with no member and returns its position in
// m.Filieres.
func (m *Model) NewFiliere() int {
	id := m.FreshID(KindFiliere)
	f := network.Filiere{ID: network.FiliereID(id), Name: "Filière " + id}
	if len(m.Establishments) > 0 && m.Coin("filiere_host") {
		f.Host = Pick(m, "filiere_host_id", m.Establishments).ID
	}
	return m.addFiliere(f)
}

// platforms hosts a few platforms in establishments that are the seat of
// at least two centres in force at At.
func (g *gen) platforms() {
	counts := g.InForceCounts()
	var hosts []network.EstablishmentID
	for _, e := range g.Establishments {
		if counts[e.ID] >= 2 {
			hosts = append(hosts, e.ID)
		}
	}
	if len(hosts) == 0 {
		return
	}
	for range g.Intn("platforms", 0, min(3, len(hosts))) {
		g.NewPlatform(Pick(g.Model, "platform_host", hosts))
	}
}

// NewPlatform adds a platform hosted by establishment host and returns its
// ID.
func (m *Model) NewPlatform(host network.EstablishmentID) network.PlatformID {
	id := m.FreshID(KindPlatform)
	m.addPlatform(network.Platform{ID: network.PlatformID(id), Name: "Plateforme " + id, Host: host, Overseas: m.Chance("overseas", 20)})
	return network.PlatformID(id)
}
