package analysis

import (
	"slices"

	"github.com/rarenet/rarenet/network"
)

// An Outline is the shape of one metropolitan region of the 2016 map, as
// the embedded outlines give it (see the package documentation for their
// source and licence; draw or embed them with [Attribution]).
type Outline struct {
	Region network.RegionCode `json:"region"`
	Name   string             `json:"name"` // the region's name, as the outlines spell it
	// Polygons are the region's parts (Corse is one, Bretagne has
	// islands), each an outer ring then its holes; a ring is a closed
	// list of [longitude, latitude] points in WGS84 degrees, its first
	// point repeated last. Outer rings run as the file has them
	// (clockwise): reverse them for RFC 7946's counterclockwise advice.
	Polygons [][][][2]float64 `json:"polygons"`
}

// Outlines returns the outlines of the 13 metropolitan regions, in the
// embedded file's order, as copies the caller may modify. Overseas regions
// have none. The error reports a defect of the embedded file, which the
// package's tests rule out.
func Outlines() ([]Outline, error) {
	os, err := outlines()
	if err != nil {
		return nil, err
	}
	out := make([]Outline, len(os))
	for i, o := range os {
		ps := make([][][][2]float64, len(o.polygons))
		for j, p := range o.polygons {
			ps[j] = make([][][2]float64, len(p))
			for k, r := range p {
				ps[j][k] = slices.Clone(r)
			}
		}
		out[i] = Outline{Region: o.code, Name: o.name, Polygons: ps}
	}
	return out, nil
}
