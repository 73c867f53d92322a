package network

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestOrderByID checks orderByID against a plain sort of the IDs: IDs with
// shared prefixes, of eight bytes and around, with zero bytes, sorted or
// not.
func TestOrderByID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.StringOfN(rapid.SampledFrom([]rune{'a', 'b', 'Z', '0', '1', 0, 'é', '\uffff'}), 0, 12, -1)
		ids := rapid.SliceOfDistinct(gen, func(s string) string { return s }).Draw(t, "ids")
		if rapid.Bool().Draw(t, "sorted") {
			slices.Sort(ids)
		}
		order, rank := orderByID(ids, func(s *string) string { return *s })
		want := slices.Clone(ids)
		slices.SortFunc(want, strings.Compare)
		for k, i := range order {
			if ids[i] != want[k] {
				t.Fatalf("orderByID(%q): position %d holds %q, want %q", ids, k, ids[i], want[k])
			}
			if rank[i] != int32(k) {
				t.Fatalf("orderByID(%q): rank[%d] = %d, want %d", ids, i, rank[i], k)
			}
		}
	})
}
