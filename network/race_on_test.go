//go:build race

package network_test

// raceEnabled reports whether the tests run under the race detector, which
// slows decoding tenfold: timing checks are then left to the benchmarks.
const raceEnabled = true
