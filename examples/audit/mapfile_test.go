//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// TestMappedFileAsRead checks that a document mapped from a file
// (mapFile) is audited as the same file read: the same report, byte for
// byte, in each format (the network and the positions, used after the
// file is unmapped, keep nothing of the mapping), and the same errors for
// a bad document.
func TestMappedFileAsRead(t *testing.T) {
	var doc bytes.Buffer
	if err := network.Encode(&doc, networktest.Scale(400, 3, networktest.RealisticDefects)); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(doc.Bytes(), []byte(`"2`), []byte(`"1x`), 3)
	mapped := 0
	for name, data := range map[string][]byte{"defects": doc.Bytes(), "bad": bad} {
		path := filepath.Join(t.TempDir(), "doc.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"text", "json", "sarif"} {
			args := []string{"-network", path, "-at", "2020-01-01", "-format", format, "-fail-on", "never"}
			mapDocument = func(f *os.File, size int64) ([]byte, func(), bool) {
				mapped++
				return mapFile(f, size)
			}
			got := runAudit(t, "", args...)
			mapDocument = func(*os.File, int64) ([]byte, func(), bool) { return nil, nil, false }
			want := runAudit(t, "", args...)
			mapDocument = mapFile
			if got != want {
				t.Errorf("%s, -format %s: mapped file:\n%.2000v\nread:\n%.2000v", name, format, got, want)
			}
			if name == "defects" && (got.code != 0 || len(got.stdout) < 10000) {
				t.Errorf("%s, -format %s: status %d, %d bytes of report: the test proves little", name, format, got.code, len(got.stdout))
			}
			if name == "bad" && (got.code != exitUsage || !strings.Contains(got.stderr, "is not a FINESS number")) {
				t.Errorf("bad document: status %d, %q; want %d and a bad FINESS number", got.code, got.stderr, exitUsage)
			}
		}
	}
	if mapped != 6 {
		t.Errorf("%d documents mapped, want 6", mapped)
	}
}

// TestMappedFileTruncated checks that a file truncated after it was
// mapped gives an error, not the end of the program: the decoder's reads
// past the file's new end fault, or read zeros. A small document is read by one
// goroutine; a large one, cut in its list of centres, by two where there
// are two processors (the decoder's helper takes the fault setting of
// its caller).
func TestMappedFileTruncated(t *testing.T) {
	small, err := os.ReadFile("testdata/findings.json")
	if err != nil {
		t.Fatal(err)
	}
	var large bytes.Buffer
	if err := network.Encode(&large, networktest.Scale(800, 5, networktest.RealisticDefects)); err != nil {
		t.Fatal(err)
	}
	faulted := 0
	for name, c := range map[string]struct {
		data []byte
		keep int64 // bytes left by the truncation
	}{
		"small, to nothing":    {small, 0},
		"large, to a third":    {large.Bytes(), int64(large.Len() / 3)},
		"large, to two thirds": {large.Bytes(), int64(2 * large.Len() / 3)},
		// Cut at a page: the helper, reading the second half of the
		// centres, faults rather than meeting zeros first.
		"large, to two thirds, at a page": {large.Bytes(), int64(2*large.Len()/3) &^ int64(os.Getpagesize()-1)},
		"large, to its last KB":           {large.Bytes(), int64(large.Len() - 1024)},
	} {
		path := filepath.Join(t.TempDir(), "doc.json")
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, unmap, ok := mapFile(f, int64(len(c.data)))
		if !ok {
			t.Fatal("mapFile failed")
		}
		if err := os.Truncate(path, c.keep); err != nil {
			t.Fatal(err)
		}
		// The pages past the new end fault; the rest of the new end's
		// page reads as zero bytes, which the decoder refuses.
		n, err := decodeMapped(network.NewBytesDecoder(doc))
		if err == nil || n != nil {
			t.Errorf("%s: decodeMapped of a truncated file = %v, %v; want an error", name, n, err)
		} else if strings.Contains(err.Error(), "changed while it was read") {
			faulted++
		}
		unmap()
		f.Close()
	}
	if faulted == 0 {
		t.Error("no decoding faulted: the test proves little")
	}
}
