// Command gen generates the embedded national reference network of package
// network, data/national.json, from the reference data kept in the
// repository (data/source). It is run by go generate in the network package
// directory:
//
//	go run ./internal/gen [-src data/source] [-out data]
//
// It writes national.json only when its bytes change, so that running it
// again changes nothing. The file is committed and never edited by hand; a
// test of package network builds it again and compares the bytes. Package
// network/internal/refdata says how rows become entities.
//
// It prints a one-line summary on standard error.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rarenet/rarenet/network/internal/refdata"
)

func main() {
	src := flag.String("src", filepath.Join("data", "source"), "the reference data folder")
	out := flag.String("out", "data", "where to write national.json")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gen [-src DIR] [-out DIR]")
		os.Exit(2)
	}
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	doc, summary, err := refdata.Generate(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(out, "national.json")
	if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, doc) {
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(os.Stderr, summary)
	return nil
}
