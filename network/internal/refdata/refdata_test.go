package refdata

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const source = "../../data/source"

// copySource copies the reference data into a temporary folder, with
// edit applied to the named file.
func copySource(t *testing.T, name string, edit func([]byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(source)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(source, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == name {
			b = edit(b)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, sa, err := Generate(source)
	if err != nil {
		t.Fatalf("Generate(%q): %v", source, err)
	}
	b, sb, err := Generate(source)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || sa != sb {
		t.Error("two runs of Generate on the same data differ")
	}
	if !strings.Contains(sa, "45 CRCM") {
		t.Errorf("summary %q does not count the 45 CRCM", sa)
	}
}

// TestBadData checks that a defect of the data stops the generator with an
// error naming the file and what is wrong, rather than a document that
// silently differs.
func TestBadData(t *testing.T) {
	replace := func(old, new string) func([]byte) []byte {
		return func(b []byte) []byte {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("the data no longer holds %q: fix the test", old)
			}
			return bytes.Replace(b, []byte(old), []byte(new), 1)
		}
	}
	tests := []struct {
		name, file string
		edit       func([]byte) []byte
		want       []string
	}{
		{"missing table", "crcm-2014.csv", nil, []string{"crcm-2014.csv"}},
		{"bad FINESS key", "establishments.csv", replace("970400024", "970400025"), []string{"establishments.csv line", "chu-reunion", "check key"}},
		{"changed header", "centres.csv", replace("group_guess", "group"), []string{"centres.csv: header"}},
		{"unknown hospital", "aliases.csv", replace("centres.csv,CHU de Bordeaux,Bordeaux,chu-bordeaux,", "centres.csv,CHU de Bordeaux,Bordeaux,chu-nowhere,"), []string{"aliases.csv line", "chu-nowhere"}},
		{"unknown sector", "crcm-2014.csv", replace(",MUCO-CFTR,crcm,", ",NO-SECTOR,crcm,"), []string{"crcm-2014.csv line 2", "NO-SECTOR"}},
		{"bad group", "centres.csv", replace(",coordonnateur,pre-2017,3,", ",coordonnateur,pre-2017,18,"), []string{"centres.csv line", "group_guess \"18\""}},
		{"a CRCM short", "crcm-2014.csv", func(b []byte) []byte { return b[:bytes.LastIndexByte(b[:len(b)-1], '\n')+1] }, []string{"44 rows, want 45"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dir string
			if tt.edit == nil {
				dir = copySource(t, "", nil)
				if err := os.Remove(filepath.Join(dir, tt.file)); err != nil {
					t.Fatal(err)
				}
			} else {
				dir = copySource(t, tt.file, tt.edit)
			}
			_, _, err := Generate(dir)
			if err == nil {
				t.Fatal("Generate succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Generate error %q does not say %q", err, w)
				}
			}
		})
	}
}
