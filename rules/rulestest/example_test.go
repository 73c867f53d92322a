package rulestest_test

import (
	"fmt"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/rules/rulestest"
)

// Inject breaks one rule in a compliant network and says which finding
// the audit must give; Comparable cuts the audit's findings down to what
// the defect predicts, for go-cmp. Inject needs a *rapid.T: in a test, call
// it inside rapid.Check; here a generator wraps it.
func ExampleInject() {
	at := networktest.DefaultAt
	gen := rapid.Custom(func(t *rapid.T) string {
		n := networktest.Network(networktest.Options{At: at}).Draw(t, "network")
		n, d := rulestest.Inject(t, n, at, rules.LabelGap)
		report, err := rules.Check(n, at, rules.DefaultConfig())
		if err != nil {
			return err.Error()
		}
		want := d.All()
		got := rulestest.Comparable(report.Findings(), want)
		diff := gocmp.Diff(want, got, cmpopts.EquateComparable(labelling.Date{}))
		return fmt.Sprintf("%d finding of %s on a %s, diff %q", len(got), d.Rule, d.SubjectKind, diff)
	})
	fmt.Println(gen.Example(1))
	// Output: 1 finding of label.gap on a centre, diff ""
}
