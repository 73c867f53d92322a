package typology_test

import (
	"encoding"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/rarenet/rarenet/typology"
)

// enum is what every enumeration of the package offers; all are uint8 so
// that any byte can be tried as a raw value.
type enum interface {
	~uint8
	fmt.Stringer
	IsValid() bool
	MarshalText() ([]byte, error)
}

// enumCase describes one enumeration for checkEnum.
type enumCase[E enum] struct {
	typ   string                  // Go type name, as String prints invalid values
	valid []E                     // every valid value
	all   iter.Seq[E]             // the package's iterator
	iter  []E                     // what all must yield, in order
	parse func(string) (E, error) // the lenient parser
}

// checkEnum checks the properties every enumeration shares: String and
// MarshalText round-trip through the lenient and strict parsers for every
// valid value, and every other byte value prints as "Type(n)" and refuses
// to marshal.
func checkEnum[E enum, PE interface {
	*E
	encoding.TextUnmarshaler
}](t *testing.T, c enumCase[E]) {
	t.Helper()
	if diff := cmp.Diff(c.iter, slices.Collect(c.all)); diff != "" {
		t.Errorf("%s iterator mismatch (-want +got):\n%s", c.typ, diff)
	}
	// An iterator must stop when the loop breaks.
	for range c.all {
		break
	}

	t.Run("valid", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			v := rapid.SampledFrom(c.valid).Draw(t, "v")
			if !v.IsValid() {
				t.Fatalf("%s(%d).IsValid() = false, want true", c.typ, uint8(v))
			}
			if got, err := c.parse(v.String()); err != nil || got != v {
				t.Fatalf("Parse(%q) = %v, %v, want %v", v.String(), got, err, v)
			}
			text, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%v.MarshalText() error: %v", v, err)
			}
			var got E
			if err := PE(&got).UnmarshalText(text); err != nil || got != v {
				t.Fatalf("UnmarshalText(%q) = %v, %v, want %v", text, got, err, v)
			}
		})
	})

	t.Run("raw", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			v := E(rapid.Byte().Draw(t, "n"))
			if v.IsValid() != slices.Contains(c.valid, v) {
				t.Fatalf("%s(%d).IsValid() = %v", c.typ, uint8(v), v.IsValid())
			}
			if v.IsValid() {
				return
			}
			if got, want := v.String(), fmt.Sprintf("%s(%d)", c.typ, uint8(v)); got != want {
				t.Fatalf("String() = %q, want %q", got, want)
			}
			if v == 0 {
				// The zero value (not set) marshals as empty text and
				// reads back.
				b, err := v.MarshalText()
				var got E = c.valid[0]
				if err != nil || len(b) != 0 || PE(&got).UnmarshalText(b) != nil || got != 0 {
					t.Fatalf("%v.MarshalText() = %q, %v, reads back as %v; want empty text reading back as zero", v, b, err, got)
				}
			} else if b, err := v.MarshalText(); !errors.Is(err, typology.ErrInvalid) {
				t.Fatalf("%v.MarshalText() = %q, %v, want error wrapping ErrInvalid", v, b, err)
			}
			if got, err := c.parse(v.String()); err == nil {
				t.Fatalf("Parse(%q) = %v, want error", v.String(), got)
			}
			// A failed UnmarshalText leaves the value alone.
			before := c.valid[0]
			got := before
			if err := PE(&got).UnmarshalText([]byte(v.String())); err == nil || got != before {
				t.Fatalf("UnmarshalText(%q) = %v, %v, want error and %v unchanged", v.String(), got, err, before)
			}
		})
	})
}

func TestEnums(t *testing.T) {
	t.Run("Group", func(t *testing.T) {
		all := slices.Collect(typology.Groups())
		checkEnum(t, enumCase[typology.Group]{
			typ: "Group", valid: all, all: typology.Groups(), parse: typology.ParseGroup,
			iter: []typology.Group{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
		})
	})
	t.Run("Prevalence", func(t *testing.T) {
		known := []typology.Prevalence{
			typology.PrevalenceBelow1PerMillion, typology.Prevalence1To9PerMillion,
			typology.Prevalence1To9Per100000, typology.Prevalence1To5Per10000,
			typology.Prevalence6To9Per10000, typology.PrevalenceAbove1Per1000,
		}
		checkEnum(t, enumCase[typology.Prevalence]{
			typ: "Prevalence", valid: append([]typology.Prevalence{typology.PrevalenceUnknown}, known...),
			all: typology.Prevalences(), iter: known, parse: typology.ParsePrevalence,
		})
	})
	t.Run("Tier", func(t *testing.T) {
		v := []typology.Tier{typology.Reference, typology.Competence}
		checkEnum(t, enumCase[typology.Tier]{typ: "Tier", valid: v, all: typology.Tiers(), iter: v, parse: typology.ParseTier})
	})
	t.Run("Role", func(t *testing.T) {
		v := []typology.Role{typology.Coordinating, typology.Constitutive}
		checkEnum(t, enumCase[typology.Role]{typ: "Role", valid: v, all: typology.Roles(), iter: v, parse: typology.ParseRole})
	})
	t.Run("Scope", func(t *testing.T) {
		v := []typology.Scope{typology.National, typology.Interregional, typology.Regional}
		checkEnum(t, enumCase[typology.Scope]{typ: "Scope", valid: v, all: typology.Scopes(), iter: v, parse: typology.ParseScope})
	})
	t.Run("Kind", func(t *testing.T) {
		v := []typology.Kind{typology.KindCRMR, typology.KindCCMR, typology.KindCRC, typology.KindCRTH,
			typology.KindCTH, typology.KindCRCM, typology.KindSLA}
		checkEnum(t, enumCase[typology.Kind]{typ: "Kind", valid: v, all: typology.Kinds(), iter: v, parse: typology.ParseKind})
	})
	t.Run("Mark", func(t *testing.T) {
		v := []typology.Mark{typology.MarkVerified, typology.MarkInferred, typology.MarkDerived, typology.MarkUnverified}
		checkEnum(t, enumCase[typology.Mark]{typ: "Mark", valid: v, all: typology.Marks(), iter: v, parse: typology.ParseMark})
	})
}

// TestSpellings pins the rarenet/1 spellings of FORMAT.md, which are a
// public contract: a change here breaks documents.
func TestSpellings(t *testing.T) {
	tests := []struct {
		value fmt.Stringer
		want  string
	}{
		{typology.Reference, "reference"},
		{typology.Competence, "competence"},
		{typology.Coordinating, "coordinating"},
		{typology.Constitutive, "constitutive"},
		{typology.National, "national"},
		{typology.Interregional, "interregional"},
		{typology.Regional, "regional"},
		{typology.KindCRMR, "crmr"},
		{typology.KindCCMR, "ccmr"},
		{typology.KindCRC, "crc"},
		{typology.KindCRTH, "crth"},
		{typology.KindCTH, "cth"},
		{typology.KindCRCM, "crcm"},
		{typology.KindSLA, "sla"},
		{typology.MarkVerified, "verified"},
		{typology.MarkInferred, "inferred"},
		{typology.MarkDerived, "derived"},
		{typology.MarkUnverified, "unverified"},
		{typology.PrevalenceUnknown, "unknown"},
		{typology.PrevalenceBelow1PerMillion, "<1/1000000"},
		{typology.Prevalence1To9PerMillion, "1-9/1000000"},
		{typology.Prevalence1To9Per100000, "1-9/100000"},
		{typology.Prevalence1To5Per10000, "1-5/10000"},
		{typology.Prevalence6To9Per10000, "6-9/10000"},
		{typology.PrevalenceAbove1Per1000, ">1/1000"},
		{typology.Sensory, "sensory"},
		{typology.Group(0), "Group(0)"},
		{typology.Tier(0), "Tier(0)"},
		{typology.Prevalence(9), "Prevalence(9)"},
	}
	for _, tt := range tests {
		if got := tt.value.String(); got != tt.want {
			t.Errorf("%T(%v).String() = %q, want %q", tt.value, tt.value, got, tt.want)
		}
		if m, ok := tt.value.(encoding.TextMarshaler); ok && tt.want[len(tt.want)-1] != ')' {
			if _, isGroup := tt.value.(typology.Group); isGroup {
				continue // a group marshals as its number
			}
			if b, err := m.MarshalText(); err != nil || string(b) != tt.want {
				t.Errorf("%T.MarshalText() = %q, %v, want %q", tt.value, b, err, tt.want)
			}
		}
	}
}

func TestLenientEnumParsers(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) (fmt.Stringer, error)
		in    string
		want  string
	}{
		{"tier", wrap(typology.ParseTier), "  Reference\t", "reference"},
		{"tier", wrap(typology.ParseTier), "COMPETENCE", "competence"},
		{"role", wrap(typology.ParseRole), "Coordinating ", "coordinating"},
		{"scope", wrap(typology.ParseScope), "\nINTERREGIONAL", "interregional"},
		{"kind", wrap(typology.ParseKind), "CRMR", "crmr"},
		{"kind", wrap(typology.ParseKind), " Sla ", "sla"},
		{"mark", wrap(typology.ParseMark), "Verified", "verified"},
	}
	for _, tt := range tests {
		got, err := tt.parse(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("Parse %s(%q) = %v, %v, want %s", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func wrap[E fmt.Stringer](f func(string) (E, error)) func(string) (fmt.Stringer, error) {
	return func(s string) (fmt.Stringer, error) { return f(s) }
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		tier      typology.Tier
		wantScope typology.Scope
		wantKind  typology.Kind
	}{
		{typology.Reference, typology.National, typology.KindCRMR},
		{typology.Competence, typology.Regional, typology.KindCCMR},
		{typology.Tier(0), 0, 0},
		{typology.Tier(3), 0, 0},
	}
	for _, tt := range tests {
		if got := typology.DefaultScope(tt.tier); got != tt.wantScope {
			t.Errorf("DefaultScope(%v) = %v, want %v", tt.tier, got, tt.wantScope)
		}
		if got := typology.DefaultKind(tt.tier); got != tt.wantKind {
			t.Errorf("DefaultKind(%v) = %v, want %v", tt.tier, got, tt.wantKind)
		}
	}
}

func TestProvenance(t *testing.T) {
	if !(typology.Provenance{}).IsZero() {
		t.Errorf("Provenance{}.IsZero() = false, want true")
	}
	for _, p := range []typology.Provenance{
		{Source: "circulaire-dhos-2007-centres-de-competences.txt"},
		{Mark: typology.MarkDerived},
		{Source: "x", Mark: typology.MarkVerified},
	} {
		if p.IsZero() {
			t.Errorf("%+v.IsZero() = true, want false", p)
		}
	}
}
