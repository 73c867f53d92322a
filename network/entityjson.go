package network

import (
	"encoding/json"

	"github.com/rarenet/rarenet/typology"
)

// The entities marshal with the field names of the rarenet/1 document
// (FORMAT.md): snake_case, dates as YYYY-MM-DD, what is not set left out,
// and the provenance as the entity's own "source" and "mark". A value
// marshalled alone is not a document: [Encode] writes the document, with
// its defaults resolved and its order fixed. The methods below flatten the
// provenance, which the struct tags cannot do for a named field.

// MarshalJSON writes e as the rarenet/1 document writes an establishment,
// with "lat" and "lon" when its location is known.
func (e Establishment) MarshalJSON() ([]byte, error) {
	type fields Establishment // the tagged fields, without this method
	var lat, lon *float64
	if e.Location.Known {
		lat, lon = &e.Location.Lat, &e.Location.Lon
	}
	return withProvenance(struct {
		fields
		Lat *float64 `json:"lat,omitempty"`
		Lon *float64 `json:"lon,omitempty"`
	}{fields(e), lat, lon}, e.Provenance)
}

// MarshalJSON writes t as the rarenet/1 document writes a team.
func (t Team) MarshalJSON() ([]byte, error) {
	type fields Team // the tagged fields, without this method
	return withProvenance(fields(t), t.Provenance)
}

// MarshalJSON writes c as the rarenet/1 document writes a centre, its
// labels as [labelling.Label.MarshalJSON] writes them. A zero role, kind
// or scope is left out.
func (c Centre) MarshalJSON() ([]byte, error) {
	type fields Centre // the tagged fields, without this method
	return withProvenance(fields(c), c.Provenance)
}

// MarshalJSON writes c as the rarenet/1 document writes a convention; a
// running convention has no "end".
func (c Convention) MarshalJSON() ([]byte, error) {
	type fields Convention // the tagged fields, without this method
	return withProvenance(fields(c), c.Provenance)
}

// MarshalJSON writes f as the rarenet/1 document writes a sector.
func (f Filiere) MarshalJSON() ([]byte, error) {
	type fields Filiere // the tagged fields, without this method
	return withProvenance(fields(f), f.Provenance)
}

// MarshalJSON writes p as the rarenet/1 document writes a platform.
func (p Platform) MarshalJSON() ([]byte, error) {
	type fields Platform // the tagged fields, without this method
	return withProvenance(fields(p), p.Provenance)
}

// MarshalJSON writes r with the names of the regions table: "code",
// "name", "interregion" (its slug), "overseas", "source" and "mark".
func (r Region) MarshalJSON() ([]byte, error) {
	type fields Region // the tagged fields, without this method
	return withProvenance(fields(r), r.Provenance)
}

// MarshalJSON writes r as "code", "name", "successor" (the code of the
// 2016 region it became part of), "source" and "mark".
func (r FormerRegion) MarshalJSON() ([]byte, error) {
	type fields FormerRegion // the tagged fields, without this method
	return withProvenance(fields(r), r.Provenance)
}

// withProvenance marshals v, a JSON object, with p's "source" and "mark"
// added at its end.
func withProvenance(v any, p typology.Provenance) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || p.IsZero() {
		return b, err
	}
	q, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if len(b) > 2 { // not {}
		b[len(b)-1] = ','
		q = q[1:]
	} else {
		b = b[:0]
	}
	return append(b, q...), nil
}
