package cli

import "testing"

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hôpital « exemple »", "Hôpital « exemple »"},
		{"a\nb\x1b[2J\r", `a\nb\x1b[2J\r`},
		{"x\u0085y", `x\u0085y`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u2066iso\u2069 \u200f", `\u2066iso\u2069 \u200f`},
		{"bad \xff byte", `bad \xff byte`},
		{"emoji 🏥 and \u2028", `emoji 🏥 and \u2028`},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
