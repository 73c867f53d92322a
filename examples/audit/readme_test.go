package main

import (
	"testing"

	"github.com/rarenet/rarenet/examples/internal/readme"
)

// TestREADME runs each audit command the README shows and compares its
// output, and its exit status, with the block.
func TestREADME(t *testing.T) {
	readme.Check(t, "../../README.md", "audit", func(args ...string) (int, string, string) {
		r := runAudit(t, "", args...)
		return r.code, r.stdout, r.stderr
	})
}
