package main

import (
	"testing"

	"github.com/rarenet/rarenet/examples/internal/readme"
)

// TestREADME runs each what-if command the README shows and compares its
// output with the block.
func TestREADME(t *testing.T) {
	readme.Check(t, "../../README.md", "whatif", func(args ...string) (int, string, string) { return runCmd(t, "", args...) })
}
