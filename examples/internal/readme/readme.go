// Package readme checks the output blocks of the README against what the
// example programs print, so that the README cannot drift from the code.
//
// A block is a fenced text block of README.md. Each line starting with
// "$ go run ./examples/NAME" is a command; the lines up to the next command
// or the end of the block are its output, in which a line "..." stands for
// one or more lines left out. Nothing else may be left out: every other
// line must be printed as shown, in order, and the output must end where
// the block ends unless the block ends with "...". A command's output may
// end with a line "exit status N", as go run prints it on standard error:
// the program must then exit with status N (else with 0).
package readme

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Block is one command of the README and the output it shows.
type Block struct {
	// Line is the command's line number in the README (1-based).
	Line int
	// Args are the program's arguments, split as a POSIX shell would split
	// words quoted with single or double quotes (no expansions).
	Args []string
	// Want is the output shown, one string per line.
	Want []string
}

// Blocks returns the commands of readme that run ./examples/prog, with
// their output, in README order.
func Blocks(readme []byte, prog string) ([]Block, error) {
	var out []Block
	prefix := "$ go run ./examples/" + prog
	inText, current := false, -1
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		switch {
		case strings.HasPrefix(s, "```"):
			inText = !inText && strings.TrimPrefix(s, "```") == "text"
			current = -1
		case !inText:
		case strings.HasPrefix(s, "$ "):
			current = -1
			if s != prefix && !strings.HasPrefix(s, prefix+" ") {
				continue
			}
			args, err := split(strings.TrimPrefix(s, prefix))
			if err != nil {
				return nil, fmt.Errorf("README.md:%d: %v", line, err)
			}
			out = append(out, Block{Line: line, Args: args})
			current = len(out) - 1
		case current >= 0:
			out[current].Want = append(out[current].Want, s)
		}
	}
	return out, sc.Err()
}

// split splits a command line into words, with single and double quotes.
func split(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// Match reports how got differs from the lines want, in which "..." stands
// for one or more lines; nil when it matches. Trailing spaces are ignored.
func Match(want []string, got string) error {
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	for len(want) > 0 && strings.TrimSpace(want[len(want)-1]) == "" {
		want = want[:len(want)-1]
	}
	// Segments of consecutive lines between the "..." lines.
	var segs [][]string
	seg := []string{}
	for _, w := range want {
		if w == "..." {
			segs = append(segs, seg)
			seg = []string{}
			continue
		}
		seg = append(seg, strings.TrimRight(w, " "))
	}
	segs = append(segs, seg)
	pos := 0
	for k, seg := range segs {
		first, last := k == 0, k == len(segs)-1
		found := -1
		for at := pos; at+len(seg) <= len(lines); at++ {
			if !first && at == pos && k > 0 {
				continue // "..." stands for at least one line
			}
			if equal(lines[at:at+len(seg)], seg) && (!last || at+len(seg) == len(lines)) {
				found = at
				break
			}
			if first {
				break // the first segment starts the output
			}
		}
		if found < 0 {
			where := "after line " + fmt.Sprint(pos)
			if first {
				where = "at the start"
			}
			if last {
				where += ", ending the output"
			}
			return fmt.Errorf("the output does not hold these lines %s:\n%s\nfull output:\n%s", where, strings.Join(seg, "\n"), got)
		}
		pos = found + len(seg)
	}
	return nil
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Check runs every command of the README at path that runs
// ./examples/prog, from the directory of the README (its paths are relative
// to the repository), and reports on t each block whose output differs,
// each command that does not exit 0, and a README that shows no output of
// the program. run runs the program with the given arguments.
func Check(t *testing.T, path, prog string, run func(args ...string) (code int, stdout, stderr string)) {
	t.Helper()
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := Blocks(md, prog)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) == 0 {
		t.Fatalf("%s shows no output of %s", path, prog)
	}
	t.Chdir(filepath.Dir(path))
	for _, b := range blocks {
		want, wantCode := exitStatus(b.Want)
		code, out, errs := run(b.Args...)
		if code != wantCode {
			t.Errorf("README.md:%d: exit %d, want %d; stderr: %s", b.Line, code, wantCode, errs)
			continue
		}
		if err := Match(want, out); err != nil {
			t.Errorf("README.md:%d: %v", b.Line, err)
		}
	}
}

// exitStatus splits a block's last line "exit status N", if it has one,
// from the output shown, and returns the status the program must exit
// with: N, or 0 without that line.
func exitStatus(want []string) ([]string, int) {
	end := len(want)
	for end > 0 && strings.TrimSpace(want[end-1]) == "" {
		end--
	}
	if end > 0 {
		var n int
		if _, err := fmt.Sscanf(want[end-1], "exit status %d", &n); err == nil && want[end-1] == fmt.Sprintf("exit status %d", n) {
			return want[:end-1], n
		}
	}
	return want, 0
}
