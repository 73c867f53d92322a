//go:build !(js && wasm)

package main

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The page's files that are not compiled: HTML, script and style.
//
//go:embed static
var static embed.FS

// main, compiled for this machine, builds the page into a folder:
//
//	go run ./examples/web -o DIR
//
// DIR then holds index.html, app.js, style.css, the Go runtime's
// wasm_exec.js, rarenet.wasm (the library compiled with GOOS=js
// GOARCH=wasm) and rarenet-wasm.js (the same bytes in base64, for pages
// opened from file://, where browsers refuse to fetch the .wasm). Any
// static host, or the file system, can serve the folder.
func main() {
	os.Exit(buildMain(os.Args[1:], os.Stdout, os.Stderr))
}

func buildMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("web", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "web-page", "the `folder` to write the page into (created if needed)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "web: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	sizes, err := buildPage(*out)
	if err != nil {
		fmt.Fprintf(stderr, "web: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote the page to %s (rarenet.wasm: %d bytes, %d gzipped)\n", *out, sizes.wasm, sizes.gzipped)
	return 0
}

type pageSizes struct{ wasm, gzipped int }

// buildPage compiles this package for the browser and writes the page
// into dir.
func buildPage(dir string) (pageSizes, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return pageSizes{}, err
	}
	wasm := filepath.Join(dir, "rarenet.wasm")
	// -s -w drop the symbol table and DWARF: a third of the file, and
	// nothing the page needs.
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "github.com/rarenet/rarenet/examples/web")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return pageSizes{}, fmt.Errorf("compiling for the browser: %v\n%s", err, msg)
	}
	bin, err := os.ReadFile(wasm)
	if err != nil {
		return pageSizes{}, err
	}
	js := "window.RARENET_WASM = \"" + base64.StdEncoding.EncodeToString(bin) + "\";\n"
	if err := os.WriteFile(filepath.Join(dir, "rarenet-wasm.js"), []byte(js), 0o644); err != nil {
		return pageSizes{}, err
	}
	if err := copyWasmExec(dir); err != nil {
		return pageSizes{}, err
	}
	err = fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, strings.TrimPrefix(path, "static/")), b, 0o644)
	})
	if err != nil {
		return pageSizes{}, err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(bin)
	zw.Close()
	return pageSizes{wasm: len(bin), gzipped: gz.Len()}, nil
}

// copyWasmExec copies the Go runtime's JavaScript support file, which must
// come from the toolchain that compiled the .wasm.
func copyWasmExec(dir string) error {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %v", err)
	}
	root := strings.TrimSpace(string(out))
	var b []byte
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if b, err = os.ReadFile(filepath.Join(root, p)); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("the Go runtime's wasm_exec.js: %v", err)
	}
	return os.WriteFile(filepath.Join(dir, "wasm_exec.js"), b, 0o644)
}
