// Command gen copies a shared reference file into package analysis, which
// embeds it. It is run by go generate in the analysis package directory:
//
//	go run ./internal/gen -src ../../../shared/data/geo/regions-2016-simplified.geojson -dst data/regions-2016-simplified.geojson
//
// It copies the bytes unchanged and writes dst only when they differ, so
// that running it again changes nothing. The copy is committed and never
// edited by hand; a test of the package checks that it matches the source
// when the source is present.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "", "the file to copy")
	dst := flag.String("dst", "", "where to copy it")
	flag.Parse()
	if *src == "" || *dst == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -src FILE -dst FILE")
		os.Exit(2)
	}
	if err := copyFile(*src, *dst); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
