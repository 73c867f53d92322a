//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import "os"

// mapFile maps nothing here: the file is read (see mapfile_unix.go).
func mapFile(f *os.File, size int64) (doc []byte, unmap func(), ok bool) {
	return nil, nil, false
}
