package network

import "strconv"

// A FINESS is an establishment's number in the national register of health
// and social establishments (Fichier national des établissements
// sanitaires et sociaux): 9 characters, starting with the department
// prefix (01 to 95 with 2A and 2B for Corsica; overseas, four characters:
// 9701 to 9704, 9805, 9806), ending with a check key.
//
// FINESS is a comparable value; the zero FINESS means "no number known"
// (real data often lacks it). Only [ParseFINESS] makes a non-zero one.
type FINESS struct{ s string }

// A FINESSError reports a malformed FINESS number; its message quotes it.
type FINESSError struct {
	Input string
	Msg   string
}

// Error returns `network: FINESS "750712185": check key does not match`.
// The input is quoted cut to 60 bytes.
func (e *FINESSError) Error() string {
	in := e.Input
	if len(in) > 60 {
		in = in[:60] + "..."
	}
	return "network: FINESS " + strconv.Quote(in) + ": " + e.Msg
}

// ParseFINESS validates s as FORMAT.md says: exactly 9 characters; a
// department prefix of two characters (01-19, 21-95, 2A, 2B) or, overseas,
// of four (9701 Guadeloupe, 9702 Martinique, 9703 Guyane, 9704 La Réunion,
// 9805 Mayotte, 9806 Wallis-et-Futuna); digits after it; and a Luhn check
// key over the 9 characters, 2A read as 21 and 2B as 22. No official text
// states the key; it holds for every number of the DREES 2023 extract. The
// number is not checked against an establishment's region.
func ParseFINESS(s string) (FINESS, error) {
	bad := func(msg string) (FINESS, error) { return FINESS{}, &FINESSError{Input: s, Msg: msg} }
	if len(s) != 9 {
		return bad("not 9 characters")
	}
	var digits [9]byte
	for i := 0; i < 9; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits[i] = c - '0'
		case i == 1 && s[0] == '2' && (c == 'A' || c == 'B'):
			digits[i] = 1 + c - 'A' // 2A reads as 21, 2B as 22
		default:
			return bad("not a digit at position " + strconv.Itoa(i+1))
		}
	}
	dep := int(digits[0])*10 + int(digits[1])
	switch {
	case s[1] == 'A' || s[1] == 'B':
	case dep == 20:
		return bad("department 20 does not exist (Corsica is 2A or 2B)")
	case dep >= 1 && dep <= 95:
	case dep == 97 && digits[2] == 0 && digits[3] >= 1 && digits[3] <= 4: // 9701-9704
	case dep == 98 && digits[2] == 0 && (digits[3] == 5 || digits[3] == 6): // 9805, 9806
	default:
		return bad("not a department prefix")
	}
	if !luhn(digits) {
		return bad("check key does not match")
	}
	return FINESS{s}, nil
}

// luhn reports whether the nine digits pass the Luhn check: from the
// right, every second digit doubled (less 9 above 9), the sum a multiple
// of 10.
func luhn(digits [9]byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		d := int(digits[8-i])
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// MustParseFINESS is like [ParseFINESS] but panics on error; for tests and
// package variables.
func MustParseFINESS(s string) FINESS {
	f, err := ParseFINESS(s)
	if err != nil {
		panic(err)
	}
	return f
}

// IsZero reports whether f is the zero FINESS (no number).
func (f FINESS) IsZero() bool { return f.s == "" }

// String returns the 9 characters, or "" for the zero FINESS.
func (f FINESS) String() string { return f.s }

// Department returns the department the number belongs to: "75", "2A";
// overseas "971" to "974" for the prefixes 9701 to 9704, "976" for 9805
// (Mayotte), "986" for 9806 (Wallis-et-Futuna). It returns "" for the zero
// FINESS.
func (f FINESS) Department() string {
	if len(f.s) < 4 {
		return ""
	}
	switch f.s[:2] {
	case "97":
		return "97" + f.s[3:4] // 9701-9704: 971-974
	case "98":
		if f.s[3] == '5' {
			return "976" // Mayotte
		}
		return "986" // Wallis-et-Futuna
	}
	return f.s[:2]
}

// MarshalText returns the number; the zero FINESS marshals as empty text.
func (f FINESS) MarshalText() ([]byte, error) { return []byte(f.s), nil }

// UnmarshalText validates the number as [ParseFINESS] does; empty text,
// which MarshalText writes for the zero FINESS, gives the zero FINESS.
func (f *FINESS) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*f = FINESS{}
		return nil
	}
	v, err := ParseFINESS(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}
