package rulestest

import (
	"fmt"
	"slices"
	"time"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// model is the networktest.Model an injector edits, with the thresholds
// of the rules it must respect.
type model struct {
	*networktest.Model
	cfg rules.Config
	// diseaseSeq numbers the diseases an injector makes up, above every
	// made-up ORPHAcode the network has, so that they are new to it.
	diseaseSeq int
}

// madeUpOrpha is the first ORPHAcode of the diseases injectors make up.
const madeUpOrpha = 900000

func newModel(nm *networktest.Model, cfg rules.Config) *model {
	m := &model{Model: nm, cfg: cfg}
	for _, c := range nm.Centres {
		for _, d := range c.Diseases {
			m.diseaseSeq = max(m.diseaseSeq, int(d.Orpha)-madeUpOrpha)
		}
	}
	return m
}

func pick[E any](m *model, label string, xs []E) E { return networktest.Pick(m.Model, label, xs) }

// index returns the position of centre id, which must be in the model.
func (m *model) index(id network.CentreID) int {
	i, _ := m.CentreIndex(id)
	return i
}

func day(y int, mo time.Month, d int) labelling.Date { return labelling.MakeDate(y, mo, d) }

// termEnd returns the end of a label of the longest term from start.
func (m *model) termEnd(start labelling.Date) labelling.Date {
	return start.AddDate(m.cfg.LabelTerm, 0, 0)
}

func minDate(a, b labelling.Date) labelling.Date {
	return slices.MinFunc([]labelling.Date{a, b}, labelling.Date.Compare)
}

func maxDate(a, b labelling.Date) labelling.Date {
	return slices.MaxFunc([]labelling.Date{a, b}, labelling.Date.Compare)
}

func mustLabel(start, end labelling.Date, act labelling.Act, evs ...labelling.Event) labelling.Label {
	l, err := labelling.NewLabel(start, end, act, evs...)
	if err != nil {
		panic(fmt.Sprintf("rulestest: internal error: %v", err))
	}
	return l
}

// actFor returns the act that labels a centre of tier on day d: an arrêté
// for a reference centre, a decision for a competence centre.
func actFor(tier typology.Tier, d labelling.Date) labelling.Act {
	if tier == typology.Reference {
		return labelling.Act{Kind: labelling.Arrete, Date: d}
	}
	return labelling.Act{Kind: labelling.Decision, Date: d}
}

// regionCodes returns the 18 region codes of the 2016 map.
func regionCodes() []network.RegionCode {
	var out []network.RegionCode
	for r := range network.Regions() {
		out = append(out, r.Code)
	}
	return out
}

// allLow reports whether ds is not empty and every disease in it is of low
// prevalence (under the rules' threshold).
func (m *model) allLow(ds []typology.Disease) bool {
	return len(ds) > 0 && !slices.ContainsFunc(ds, func(d typology.Disease) bool {
		return !d.Prevalence.Below(m.cfg.LowPrevalence)
	})
}

func events(l labelling.Label) []labelling.Event {
	var out []labelling.Event
	for e := range l.Events() {
		out = append(out, e)
	}
	return out
}

// isReferenceParty reports whether centre id is a reference party of a
// convention.
func (m *model) isReferenceParty(id network.CentreID) bool {
	for _, k := range m.Conventions {
		if slices.Contains(k.Reference, id) {
			return true
		}
	}
	return false
}

func (m *model) filieresOf(id network.CentreID) []int {
	var out []int
	for i, f := range m.Filieres {
		if slices.Contains(f.Members, id) {
			out = append(out, i)
		}
	}
	return out
}

// patchSignatories adds coordinating site c to the signatories of every
// convention of its group signed on a day c is in force, so that adding or
// relabelling a coordinating site never makes a convention miss a
// co-signatory.
func (m *model) patchSignatories(c network.Centre) {
	for i := range m.Conventions {
		k := &m.Conventions[i]
		if m.GroupOf(k.Competence) == c.Group && c.InForce(k.Signed) && !slices.Contains(k.Signatories, c.ID) {
			k.Signatories = append(k.Signatories, c.ID)
		}
	}
}
