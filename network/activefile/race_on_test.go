//go:build race

package activefile_test

// raceEnabled tells whether the race detector is on: it allocates.
const raceEnabled = true
