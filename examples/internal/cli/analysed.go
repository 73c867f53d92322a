package cli

import (
	"fmt"
	"io"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/analysis"
)

// LoadAnalysed reads the network named by a -network flag as LoadNetwork
// does and keeps only the labels of the marks named by a -marks flag
// ("verified,inferred"; empty: every label). It also returns the basis of
// the analyses of it: what they count, for the head of every report. An
// error about the marks starts with "-marks: ".
func LoadAnalysed(file string, stdin io.Reader, marks string) (*network.Network, analysis.Basis, error) {
	ms, err := analysis.ParseMarks(marks)
	if err != nil {
		return nil, analysis.Basis{}, fmt.Errorf("-marks: %w", err)
	}
	all, name, err := LoadNetwork(file, stdin)
	if err != nil {
		return nil, analysis.Basis{}, err
	}
	n, err := analysis.OnlyMarks(all, ms...)
	if err != nil {
		return nil, analysis.Basis{}, err
	}
	return n, analysis.Describe(all, name, ms...), nil
}
