package orphadata

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/typology"
)

// A Set records a disease whose class Apply set.
type Set struct {
	Orpha   typology.ORPHAcode  `json:"orpha"`
	Class   typology.Prevalence `json:"class"`
	Area    string              `json:"area"`    // France or Europe
	Before  typology.Prevalence `json:"before"`  // the class the network had (its first listing)
	Centres []network.CentreID  `json:"centres"` // the centres that list it, in ID order
}

// A Problem records an ORPHAcode Apply could not give a class.
type Problem struct {
	Orpha typology.ORPHAcode `json:"orpha"`
	// Reason is "not-listed" (the product does not list the code),
	// "retired" (Orphanet flags the entity obsolete, deprecated or
	// inactive), or one of the Reason constants of [Disorder.Class].
	Reason  string             `json:"reason"`
	Area    string             `json:"area,omitempty"` // for a conflict or an unknown class
	Centres []network.CentreID `json:"centres"`
}

// Problem reasons besides those of [Disorder.Class].
const (
	ReasonNotListed = "not-listed"
	ReasonRetired   = "retired"
)

// A Report says what Apply did, by ORPHAcode in increasing order.
type Report struct {
	Set      []Set     `json:"set"`
	Problems []Problem `json:"problems"`
}

// Apply returns a copy of n in which every disease with an ORPHAcode that
// the product gives a class for (see the package documentation) has that
// class, and the report of what was set and what was not. n itself is not
// changed. It fails only when the copy does not build, which cannot happen
// for a network that did.
func Apply(n *network.Network, p *Product) (*network.Network, Report, error) {
	type use struct {
		centres []network.CentreID
		before  typology.Prevalence
	}
	uses := map[typology.ORPHAcode]*use{}
	for c := range n.Centres() {
		for _, d := range c.Diseases {
			if !d.Orpha.IsValid() {
				continue
			}
			u := uses[d.Orpha]
			if u == nil {
				u = &use{before: d.Prevalence}
				uses[d.Orpha] = u
			}
			if !slices.Contains(u.centres, c.ID) {
				u.centres = append(u.centres, c.ID)
			}
		}
	}
	codes := make([]typology.ORPHAcode, 0, len(uses))
	for c := range uses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var rep Report
	classes := map[typology.ORPHAcode]typology.Prevalence{}
	for _, code := range codes {
		u := uses[code]
		d, ok := p.Disorder(code)
		switch {
		case !ok:
			rep.Problems = append(rep.Problems, Problem{Orpha: code, Reason: ReasonNotListed, Centres: u.centres})
		case d.Retired:
			rep.Problems = append(rep.Problems, Problem{Orpha: code, Reason: ReasonRetired, Centres: u.centres})
		default:
			class, area, reason := d.Class()
			if reason != ReasonNone {
				rep.Problems = append(rep.Problems, Problem{Orpha: code, Reason: reason, Area: area, Centres: u.centres})
				continue
			}
			classes[code] = class
			rep.Set = append(rep.Set, Set{Orpha: code, Class: class, Area: area, Before: u.before, Centres: u.centres})
		}
	}
	b := n.Edit()
	b.EditCentres(func(c *network.Centre) {
		for i, d := range c.Diseases {
			if class, ok := classes[d.Orpha]; ok && d.Orpha.IsValid() {
				c.Diseases[i].Prevalence = class
			}
		}
	})
	out, err := b.Build()
	if err != nil {
		return nil, Report{}, errors.Join(errors.New("orphadata: the network with its new classes does not build"), err)
	}
	return out, rep, nil
}

// WriteText writes the report for people: one line per disease set, then
// one per problem, each with at most five centres.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "prevalence classes set from Orphanet: %d; ORPHAcodes without one: %d\n", len(r.Set), len(r.Problems))
	for _, s := range r.Set {
		fmt.Fprintf(&b, "  set %v %v (%s; was %v): %s\n", s.Orpha, s.Class, s.Area, s.Before, centres(s.Centres))
	}
	for _, p := range slices.SortedStableFunc(slices.Values(r.Problems), func(a, b Problem) int { return cmp.Compare(a.Reason, b.Reason) }) {
		why := map[string]string{
			ReasonNotListed: "not listed by the product",
			ReasonRetired:   "retired by Orphanet (obsolete, deprecated or inactive)",
			ReasonNoRecord:  "no validated point prevalence for France or Europe",
			ReasonUnknown:   "the class is Unknown for " + p.Area,
			ReasonConflict:  "the validated point prevalences for " + p.Area + " disagree",
			ReasonBadClass:  "a class for " + p.Area + " this program cannot read",
		}[p.Reason]
		fmt.Fprintf(&b, "  %v: %s: %s\n", p.Orpha, why, centres(p.Centres))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func centres(ids []network.CentreID) string {
	s := make([]string, 0, 5)
	for i, id := range ids {
		if i == 5 {
			return strings.Join(s, ", ") + fmt.Sprintf(" and %d more", len(ids)-5)
		}
		s = append(s, string(id))
	}
	return strings.Join(s, ", ")
}
