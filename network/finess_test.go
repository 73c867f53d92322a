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
		{"971123450", "971"}, // Guadeloupe
		{"974000002", "974"}, // La Réunion
		{"976543215", "976"}, // Mayotte
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
		{"970000001", "not a department prefix"},
		{"977000007", "not a department prefix"},
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
