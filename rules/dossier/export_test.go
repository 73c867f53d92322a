package dossier

import "github.com/rarenet/rarenet/network"

// Part names one finding of Check by its rule and the key of the part of
// the file at fault, so that tests compare what is found, not wording.
type Part struct{ Rule, Key string }

// CheckParts is Check returning the parts at fault, in Check's order.
func CheckParts(f File, n *network.Network) []Part {
	var out []Part
	for _, it := range check(f, n) {
		out = append(out, Part{it.Rule, it.key})
	}
	return out
}
