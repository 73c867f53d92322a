package network_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network"
)

func quote(s string) string { return strconv.Quote(s) }

func TestParseFINESS(t *testing.T) {
	valid := []struct {
		in, dep string
	}{
		{"750712184", "75"},  // AP-HP
		{"750100208", "75"},  // a Paris hospital
		{"670780055", "67"},  // Hôpitaux universitaires de Strasbourg
		{"750001018", "75"},  // the example of FORMAT.md
		{"2A0012340", "2A"},  // Corse-du-Sud: 2A read as 21 for the key
		{"2B0045678", "2B"},  // Haute-Corse: 2B read as 22
		{"970100012", "971"}, // Guadeloupe
		{"970200036", "972"}, // Martinique
		{"970302022", "973"}, // CH de Cayenne, Guyane (FORMAT.md)
		{"970408589", "974"}, // CHU de La Réunion, legal entity (FORMAT.md)
		{"980500128", "976"}, // Mayotte
		{"980600076", "986"}, // Wallis-et-Futuna
		{"190000000", "19"},  // the last before Corsica
		{"210000006", "21"},  // the first after Corsica
		{"010000008", "01"},  // the first department
		{"950000000", "95"},  // the last of mainland France, key 0
	}
	for _, tt := range valid {
		f, err := network.ParseFINESS(tt.in)
		if err != nil {
			t.Errorf("ParseFINESS(%q) = %v", tt.in, err)
			continue
		}
		if f.String() != tt.in || f.Department() != tt.dep || f.IsZero() {
			t.Errorf("ParseFINESS(%q) = %q, department %q; want %q, %q", tt.in, f, f.Department(), tt.in, tt.dep)
		}
		if b, _ := f.MarshalText(); string(b) != tt.in {
			t.Errorf("MarshalText(%q) = %q", tt.in, b)
		}
	}

	invalid := []struct {
		in, msg string
	}{
		{"750712185", "check key does not match"},
		{"2A0012341", "check key does not match"},
		{"2100123400", "not 9 characters"},
		{"75071218", "not 9 characters"},
		{"", "not 9 characters"},
		{"750712１84", "not 9 characters"}, // a fullwidth digit is 3 bytes
		{"75O712184", "not a digit at position 3"},
		{"2C0012340", "not a digit at position 2"},
		{"3A0012340", "not a digit at position 2"},
		{"200000000", "department 20 does not exist"},
		{"000000000", "not a department prefix"},
		{"960000005", "not a department prefix"},
		{"970000006", "not a department prefix"}, // 9700
		{"970500005", "not a department prefix"}, // 9705
		{"971100003", "not a department prefix"}, // the old 971 reading
		{"971123450", "not a department prefix"}, // an invented number the first round accepted
		{"977000007", "not a department prefix"},
		{"980400006", "not a department prefix"}, // 9804
		{"980700009", "not a department prefix"}, // 9807
		{"990000004", "not a department prefix"},
		{" 75071218", "not a digit at position 1"},
	}
	for _, tt := range invalid {
		f, err := network.ParseFINESS(tt.in)
		if err == nil {
			t.Errorf("ParseFINESS(%q) = %q, nil; want an error", tt.in, f)
			continue
		}
		if !f.IsZero() {
			t.Errorf("ParseFINESS(%q) returned %q with its error", tt.in, f)
		}
		want := "network: FINESS " + quote(tt.in) + ": " + tt.msg
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseFINESS(%q) error = %q, want %q", tt.in, err, want)
		}
		var fe *network.FINESSError
		if !errors.As(err, &fe) || fe.Input != tt.in {
			t.Errorf("ParseFINESS(%q) error is not a *FINESSError quoting the input: %#v", tt.in, err)
		}
	}
}

func TestFINESSZero(t *testing.T) {
	var f network.FINESS
	if !f.IsZero() || f.String() != "" || f.Department() != "" {
		t.Errorf("zero FINESS = %q, department %q; want empty", f, f.Department())
	}
	if err := f.UnmarshalText([]byte("750712185")); err == nil || !f.IsZero() {
		t.Errorf("UnmarshalText(bad) = %v and set %q; want an error and no change", err, f)
	}
}

func TestMustParseFINESS(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustParseFINESS(bad) did not panic")
		}
	}()
	network.MustParseFINESS("750712185")
}

// FuzzParseFINESS checks that ParseFINESS never panics, that what it
// accepts is 9 characters that print back unchanged, and that its errors
// quote the input.
func FuzzParseFINESS(f *testing.F) {
	for _, s := range []string{"750712184", "750100208", "670780055", "2A0012340", "2B0045678", "970100012", "970200036",
		"970302022", "970408589", "980500128", "980600076", "190000000", "210000006",
		"750712185", "200000000", "2C0000000", "977000000", "75071218", "7507121840", "", "75O712184",
		"971123450", "971100003", "970500005", "980700009", "9701000", "97010001200"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fi, err := network.ParseFINESS(s)
		if err != nil {
			var fe *network.FINESSError
			if !errors.As(err, &fe) || fe.Input != s {
				t.Fatalf("ParseFINESS(%q) error = %#v, want a *FINESSError with the input", s, err)
			}
			if q := s; len(q) <= 60 && !strings.Contains(err.Error(), quote(q)) {
				t.Fatalf("ParseFINESS(%q) error %q does not quote the input", s, err)
			}
			if !fi.IsZero() {
				t.Fatalf("ParseFINESS(%q) = %v with an error, want the zero FINESS", s, fi)
			}
			return
		}
		if len(s) != 9 || fi.String() != s || fi.IsZero() {
			t.Fatalf("ParseFINESS(%q) = %q", s, fi)
		}
		dep := fi.Department()
		overseas := map[string]string{"9701": "971", "9702": "972", "9703": "973", "9704": "974", "9805": "976", "9806": "986"}
		if want, ok := overseas[s[:4]]; ok && dep != want || !ok && (len(dep) != 2 || !strings.HasPrefix(s, dep)) {
			t.Fatalf("ParseFINESS(%q).Department() = %q", s, dep)
		}
		var back network.FINESS
		if err := back.UnmarshalText([]byte(s)); err != nil || back != fi {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, back, err, fi)
		}
	})
}

// TestFINESSErrorCut checks that a long input is quoted cut to 60 bytes,
// so a huge value never makes a huge message.
func TestFINESSErrorCut(t *testing.T) {
	in := strings.Repeat("7", 1<<20)
	_, err := network.ParseFINESS(in)
	want := "network: FINESS " + quote(in[:60]+"...") + ": not 9 characters"
	if err == nil || err.Error() != want {
		t.Errorf("ParseFINESS(1 MiB of digits) error = %.100v, want %q", err, want)
	}
}
