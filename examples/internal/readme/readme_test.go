package readme

import (
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
