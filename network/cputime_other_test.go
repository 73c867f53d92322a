//go:build !unix

package network_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
