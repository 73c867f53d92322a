package readme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBlocks(t *testing.T) {
	md := "x\n```text\n$ go run ./examples/tool -a 'b c' \"d\"\nout 1\n...\n$ go run ./examples/other\nno\n```\n```sh\n$ go run ./examples/tool\n```\n"
	got, err := Blocks([]byte(md), "tool")
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{{Line: 3, Args: []string{"-a", "b c", "d"}, Want: []string{"out 1", "..."}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Blocks (-want +got):\n%s", diff)
	}
	if _, err := Blocks([]byte("```text\n$ go run ./examples/tool 'x\n```\n"), "tool"); err == nil {
		t.Error("Blocks accepted an unterminated quote")
	}
}

func TestMatch(t *testing.T) {
	got := "a\nb\nc\nd\ne\n"
	for _, tt := range []struct {
		want []string
		ok   bool
	}{
		{[]string{"a", "b", "c", "d", "e"}, true},
		{[]string{"a", "...", "e"}, true},
		{[]string{"a", "b", "..."}, true},
		{[]string{"a", "...", "c", "..."}, true},
		{[]string{"a", "b", "c", "d", "e", ""}, true},
		{[]string{"a", "c", "..."}, false},        // a line dropped without "..."
		{[]string{"a", "...", "b", "..."}, false}, // "..." stands for at least one line
		{[]string{"a", "b", "c", "d"}, false},     // the output goes on
		{[]string{"b", "..."}, false},             // the block starts the output
		{[]string{"a", "...", "d"}, false},        // the last line must end it
		{[]string{"a", "b", "c", "d", "e", "f"}, false},
	} {
		err := Match(tt.want, got)
		if (err == nil) != tt.ok {
			t.Errorf("Match(%q) = %v, want ok %v", tt.want, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "full output") {
			t.Errorf("Match(%q) error does not show the output: %v", tt.want, err)
		}
	}
}

func TestExitStatus(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want []string
		code int
	}{
		{[]string{"a", "exit status 1"}, []string{"a"}, 1},
		{[]string{"a", "...", "exit status 2", ""}, []string{"a", "..."}, 2},
		{[]string{"a", "exit status 1x"}, []string{"a", "exit status 1x"}, 0},
		{[]string{"exit status"}, []string{"exit status"}, 0},
		{nil, nil, 0},
	} {
		got, code := exitStatus(tt.in)
		if diff := cmp.Diff(tt.want, got); diff != "" || code != tt.code {
			t.Errorf("exitStatus(%q) = %q, %d, want %q, %d", tt.in, got, code, tt.want, tt.code)
		}
	}
}

// TestEveryProgramChecked: each program whose output the README shows has
// a test that checks those blocks with Check, so no block can drift.
func TestEveryProgramChecked(t *testing.T) {
	md, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	progs := map[string]bool{}
	inText := false
	for _, line := range strings.Split(string(md), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inText = !inText && line == "```text"
		case inText && strings.HasPrefix(line, "$ go run ./examples/"):
			name, _, _ := strings.Cut(strings.TrimPrefix(line, "$ go run ./examples/"), " ")
			progs[name] = true
		}
	}
	if len(progs) == 0 {
		t.Fatal("README.md shows no program's output")
	}
	for name := range progs {
		tests, _ := filepath.Glob(filepath.Join("..", "..", name, "*_test.go"))
		checked := false
		for _, file := range tests {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			checked = checked || strings.Contains(string(b), `readme.Check(t, "../../README.md", "`+name+`"`)
		}
		if !checked {
			t.Errorf("README.md shows the output of examples/%s, but no test of examples/%s calls readme.Check on it", name, name)
		}
	}
}
