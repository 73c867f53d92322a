package networktest_test

import (
	"fmt"

	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// Scale builds the same national-scale network for the same arguments,
// compliant at ScaleAt: a fixture for benchmarks.
func ExampleScale() {
	n := networktest.Scale(100, 1, 0)
	s := n.Stats()
	fmt.Println("centres:", s.Centres, "labels:", s.Labels, "conventions:", s.Conventions)
	fmt.Println("establishments:", s.Establishments, "teams:", s.Teams, "sectors:", s.Filieres, "platforms:", s.Platforms)
	fmt.Println("audit date:", networktest.ScaleAt)
	// Output:
	// centres: 100 labels: 400 conventions: 80
	// establishments: 12 teams: 92 sectors: 3 platforms: 1
	// audit date: 2022-06-15
}

// Generated networks break no rule at the audit date. In a test, draw
// them inside rapid.Check; outside one, Example draws one by seed.
func ExampleNetwork() {
	gen := networktest.Network(networktest.Options{MaxCentres: 12, Designations: true})
	for seed := range 3 {
		n := gen.Example(seed)
		report, err := rules.Check(n, networktest.DefaultAt, rules.DefaultConfig())
		fmt.Println(report.Len(), err)
	}
	// Output:
	// 0 <nil>
	// 0 <nil>
	// 0 <nil>
}

// Edit copies a network into a Model that a test edits and builds again:
// here one more team in the first establishment. Edit needs a *rapid.T,
// whose draws make the edits; a generator wraps it here.
func ExampleEdit() {
	gen := rapid.Custom(func(t *rapid.T) string {
		n := networktest.Network(networktest.Options{MinCentres: 1}).Draw(t, "network")
		m := networktest.Edit(t, n, networktest.DefaultAt)
		m.NewTeam(m.Establishments[0].ID)
		edited := m.Build()
		return fmt.Sprint(edited.Stats().Teams - n.Stats().Teams)
	})
	fmt.Println(gen.Example(1))
	// Output: 1
}
