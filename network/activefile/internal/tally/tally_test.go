package tally_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/activefile/internal/tally"
	"pgregory.net/rapid"
)

// naive recounts keys with maps: the oracle. It returns each centre's
// activity by year.
func naive(centres int, ks []tally.Key) [][]network.Activity {
	type cy struct {
		c uint32
		y int32
	}
	cons := map[cy]int{}
	seen := map[cy]map[uint64]bool{}
	first := map[uint32]map[uint64]int32{}
	for _, k := range ks {
		x := cy{k.Centre, k.Year}
		cons[x]++
		if seen[x] == nil {
			seen[x] = map[uint64]bool{}
		}
		seen[x][k.Patient] = true
		if first[k.Centre] == nil {
			first[k.Centre] = map[uint64]int32{}
		}
		if f, ok := first[k.Centre][k.Patient]; !ok || k.Year < f {
			first[k.Centre][k.Patient] = k.Year
		}
	}
	out := make([][]network.Activity, centres)
	for x, n := range cons {
		news := 0
		for p := range seen[x] {
			if first[x.c][p] == x.y {
				news++
			}
		}
		out[x.c] = append(out[x.c], network.Activity{Year: int(x.y), Consultations: n, Patients: len(seen[x]), NewPatients: news})
	}
	for _, as := range out {
		slices.SortFunc(as, func(a, b network.Activity) int { return a.Year - b.Year })
	}
	return out
}

func activity(s *tally.Set) [][]network.Activity {
	out := make([][]network.Activity, s.Len())
	for i := range out {
		out[i] = s.Activity(i)
	}
	return out
}

// genKeys draws keys over a few centres and patients, years from a narrow
// span or a wide one (beyond the 64 years of a mask).
func genKeys(t *rapid.T, centres int) []tally.Key {
	lo := rapid.IntRange(1900, 2999).Draw(t, "lo")
	span := rapid.SampledFrom([]int{1, 5, 64, 65, 300}).Draw(t, "span")
	key := rapid.Custom(func(t *rapid.T) tally.Key {
		return tally.Key{
			Patient: rapid.Uint64Range(1, 40).Draw(t, "patient"),
			Centre:  uint32(rapid.IntRange(0, centres-1).Draw(t, "centre")),
			Year:    int32(rapid.IntRange(lo, min(lo+span-1, 2999)).Draw(t, "year")),
		}
	})
	return rapid.SliceOfN(key, 0, 400).Draw(t, "keys")
}

func newSet(n int) *tally.Set {
	s := &tally.Set{}
	for range n {
		s.Grow()
	}
	return s
}

// TestSetMatchesNaive adds keys one by one, in order, staged and in
// parallel, split and merged, and compares each with the oracle.
func TestSetMatchesNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 5).Draw(t, "centres")
		ks := genKeys(t, n)
		want := naive(n, ks)
		one := newSet(n)
		for _, k := range ks {
			one.Add(int(k.Centre), k.Patient, k.Year)
		}
		direct := newSet(n)
		direct.AddDirect(ks)
		batch := newSet(n)
		batch.AddKeys(ks, &tally.Stage{})
		par := newSet(n)
		par.AddKeysParallel(ks, rapid.IntRange(2, 4).Draw(t, "workers"))
		cut := rapid.IntRange(0, len(ks)).Draw(t, "cut")
		a, b := newSet(n), newSet(n)
		a.AddDirect(ks[:cut])
		b.AddDirect(ks[cut:])
		to := make([]int, n)
		for i := range to {
			to[i] = i
		}
		a.MergeParallel(b, to, 2)
		var copied tally.Set
		copied.Copy(one)
		for name, s := range map[string]*tally.Set{"Add": one, "AddDirect": direct, "AddKeys": batch, "AddKeysParallel": par, "merged": a, "copied": &copied} {
			if diff := cmp.Diff(want, activity(s), cmp.Comparer(func(x, y []network.Activity) bool { return slices.Equal(x, y) })); diff != "" {
				t.Fatalf("%s: activity mismatch (-naive +set):\n%s", name, diff)
			}
		}
	})
}

// TestStagedMatchesNaive has tables large enough to be staged.
func TestStagedMatchesNaive(t *testing.T) {
	if testing.Short() {
		t.Skip("a million keys")
	}
	const centres = 20
	ks := make([]tally.Key, 1_000_000)
	x := uint64(1)
	for i := range ks {
		x = x*6364136223846793005 + 1442695040888963407
		ks[i] = tally.Key{Patient: 1 + (x>>33)%400_000, Centre: uint32((x >> 20) % centres), Year: int32(2000 + (x>>40)%20)}
		if i%1000 == 0 {
			ks[i].Year = int32(1900 + (x>>40)%1000)
		}
	}
	want := naive(centres, ks)
	for _, workers := range []int{1, 2, 3} {
		s := newSet(centres)
		if workers == 1 {
			s.AddKeys(ks[:100_000], &tally.Stage{})
			s.AddKeys(ks[100_000:], &tally.Stage{})
		} else {
			s.AddKeysParallel(ks[:100_000], workers)
			s.AddKeysParallel(ks[100_000:], workers)
		}
		if diff := cmp.Diff(want, activity(s)); diff != "" {
			t.Errorf("%d workers: activity mismatch (-naive +set):\n%s", workers, diff)
		}
		if n, bytes := s.Pairs(); n <= 0 || bytes < 16*n {
			t.Errorf("Pairs() = %d pairs in %d bytes", n, bytes)
		}
	}
}

func TestNames(t *testing.T) {
	var n tally.Names
	if _, ok := n.Find([]byte("a")); ok {
		t.Errorf("Find() in empty Names found a name")
	}
	var names []string
	for i := range 1000 {
		names = append(names, string(rune('a'+i%26))+string(make([]byte, i%13))+"centre-"+string(rune('A'+i/26)))
	}
	for i, s := range names {
		if got := n.Add(s); got != i {
			t.Fatalf("Add(%q) = %d, want %d", s, got, i)
		}
	}
	for i, s := range names {
		if got, ok := n.Find([]byte(s)); !ok || got != i {
			t.Errorf("Find(%q) = %d, %v; want %d", s, got, ok, i)
		}
	}
	if _, ok := n.Find([]byte("absent")); ok {
		t.Errorf("Find(absent) found it")
	}
}
