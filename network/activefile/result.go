package activefile

import (
	"cmp"
	"fmt"
	"iter"
	"slices"

	"github.com/rarenet/rarenet/network"
)

// A Result is the activity computed from records: per centre and calendar
// year with at least one contact, the consultations, the active file
// (Patients) and the new patients, as [network.Activity] values. It holds
// counts only, no pseudonym and no patient key.
//
// A Result is an immutable value, safe for concurrent use. The zero Result
// is empty.
type Result struct {
	rows []row // by centre ID, then year
}

type row struct {
	centre network.CentreID
	act    network.Activity
}

// All yields every centre and year of r, ordered by centre ID then year.
func (r Result) All() iter.Seq2[network.CentreID, network.Activity] {
	return func(yield func(network.CentreID, network.Activity) bool) {
		for _, x := range r.rows {
			if !yield(x.centre, x.act) {
				return
			}
		}
	}
}

// Len returns the number of (centre, year) entries of r.
func (r Result) Len() int { return len(r.rows) }

// Centres yields the centres of r, in ID order.
func (r Result) Centres() iter.Seq[network.CentreID] {
	return func(yield func(network.CentreID) bool) {
		for i, x := range r.rows {
			if i > 0 && r.rows[i-1].centre == x.centre {
				continue
			}
			if !yield(x.centre) {
				return
			}
		}
	}
}

// ActivityOf yields the activity of centre c by year, increasing.
func (r Result) ActivityOf(c network.CentreID) iter.Seq[network.Activity] {
	return func(yield func(network.Activity) bool) {
		for _, x := range r.of(c) {
			if !yield(x.act) {
				return
			}
		}
	}
}

func (r Result) of(c network.CentreID) []row {
	i, _ := slices.BinarySearchFunc(r.rows, c, func(x row, c network.CentreID) int { return cmp.Compare(x.centre, c) })
	j := i
	for j < len(r.rows) && r.rows[j].centre == c {
		j++
	}
	return r.rows[i:j]
}

// Activity returns the activity of centre c in year y, and false when the
// records hold no contact of c in y.
func (r Result) Activity(c network.CentreID, y int) (network.Activity, bool) {
	rows := r.of(c)
	i, ok := slices.BinarySearchFunc(rows, y, func(x row, y int) int { return cmp.Compare(x.act.Year, y) })
	if !ok {
		return network.Activity{}, false
	}
	return rows[i].act, true
}

// Equal reports whether r and s hold the same entries.
func (r Result) Equal(s Result) bool { return slices.Equal(r.rows, s.rows) }

// Apply returns a copy of n in which every centre of r has the activity of
// r in place of its declared activity (every year of it: a year declared
// but without records is dropped). Centres absent from r keep their
// declared activity. It returns an error wrapping [ErrUnknownCentre] that
// names the centre when r has a centre n does not, and the builder's error
// if the new network does not build.
func Apply(n *network.Network, r Result) (*network.Network, error) {
	for c := range r.Centres() {
		if _, ok := n.Centre(c); !ok {
			return nil, fmt.Errorf("activefile: apply: centre %q: %w", c, ErrUnknownCentre)
		}
	}
	b := n.Edit()
	b.EditCentres(func(c *network.Centre) {
		if rows := r.of(c.ID); len(rows) > 0 {
			c.Activity = make([]network.Activity, len(rows))
			for i, x := range rows {
				c.Activity[i] = x.act
			}
		}
	})
	out, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("activefile: apply: %w", err)
	}
	return out, nil
}

// A Field is one of the counts of a [network.Activity].
type Field uint8

// The fields of an activity year; the zero Field is invalid.
const (
	_             Field = iota
	Consultations       // the number of contacts
	Patients            // the active file
	NewPatients         // the new patients
)

// String returns the field's name in the rarenet/1 document
// ("consultations", "patients", "new_patients"), or Field(n) when f is
// invalid.
func (f Field) String() string {
	switch f {
	case Consultations:
		return "consultations"
	case Patients:
		return "patients"
	case NewPatients:
		return "new_patients"
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

func (f Field) of(a network.Activity) int {
	switch f {
	case Consultations:
		return a.Consultations
	case Patients:
		return a.Patients
	}
	return a.NewPatients
}

// A Discrepancy is one count on which a centre's declared activity and
// the activity computed from records disagree.
type Discrepancy struct {
	Centre   network.CentreID
	Year     int
	Field    Field
	Declared int // 0 when the year is not declared
	Computed int // 0 when the records hold no contact that year
}

// String returns a line such as
// `ccmr-x 2019 patients: declared 30, computed 27`.
func (d Discrepancy) String() string {
	return fmt.Sprintf("%s %d %v: declared %d, computed %d", d.Centre, d.Year, d.Field, d.Declared, d.Computed)
}

// Compare returns where the activity declared in n and the activity
// computed in r disagree, for every centre of r and every year declared
// or computed for it (a year on one side only is compared with zero
// counts), ordered by centre ID, year and field (consultations, patients,
// new patients). A centre of r that n does not have is compared with no
// declared activity; centres absent from r are not compared.
func Compare(n *network.Network, r Result) []Discrepancy {
	var out []Discrepancy
	for id := range r.Centres() {
		var declared []network.Activity
		if c, ok := n.Centre(id); ok {
			declared = c.Activity
		}
		computed := r.of(id)
		i, j := 0, 0
		for i < len(declared) || j < len(computed) {
			var d, c network.Activity
			switch {
			case j == len(computed) || i < len(declared) && declared[i].Year < computed[j].act.Year:
				d = declared[i]
				c.Year = d.Year
				i++
			case i == len(declared) || computed[j].act.Year < declared[i].Year:
				c = computed[j].act
				d.Year = c.Year
				j++
			default:
				d, c = declared[i], computed[j].act
				i++
				j++
			}
			for _, f := range []Field{Consultations, Patients, NewPatients} {
				if f.of(d) != f.of(c) {
					out = append(out, Discrepancy{Centre: id, Year: d.Year, Field: f, Declared: f.of(d), Computed: f.of(c)})
				}
			}
		}
	}
	return out
}
