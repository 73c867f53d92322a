package network_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rarenet/rarenet/network"
)

// huge reads prefix, then n bytes of filler, then suffix, counting what was
// read: a document of any size that is never held whole.
type huge struct {
	prefix, suffix string
	filler         byte
	n              int64
	read           int64
}

func (h *huge) Read(p []byte) (int, error) {
	total := int64(len(h.prefix)) + h.n + int64(len(h.suffix))
	if h.read >= total {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && h.read < total {
		switch at := h.read; {
		case at < int64(len(h.prefix)):
			p[k] = h.prefix[at]
		case at < int64(len(h.prefix))+h.n:
			p[k] = h.filler
		default:
			p[k] = h.suffix[at-int64(len(h.prefix))-h.n]
		}
		k++
		h.read++
	}
	return k, nil
}

const hugePrefix = `{"format": "rarenet/1", "establishments": [{"id": "e", "name": "E", "region": "11"}], "teams": [{"id": "t", "establishment": "e"}], "centres": [{"id": "c", "name": "C", "tier": "competence", "team": "t", `

// TestDecodeHugeValues: a 200 MB number or string, in a field or in an
// unknown field being skipped, is refused once it passes the value limit,
// having read little more than the limit, with a short message (issue 14,
// rows 4 and 5).
func TestDecodeHugeValues(t *testing.T) {
	const size = 200 << 20
	for _, tt := range []struct {
		name           string
		prefix, suffix string
		filler         byte
		want           string
	}{
		{"number as group", hugePrefix + `"group": 1`, `}]}`, '1', `centres[0] (id "c"): invalid JSON at line 1, column 214: a number longer than the limit of 1048576 bytes`},
		{"string as name", hugePrefix + `"group": 1, "x": "`, `"}]}`, 'a', `a string longer than the limit of 1048576 bytes`},
		{"string in an unknown field", hugePrefix + `"group": 1, "skipped": ["`, `"]}]}`, 'a', `a string longer than the limit of 1048576 bytes`},
		{"field name", hugePrefix + `"`, `": 1}]}`, 'k', `a string longer than the limit of 1048576 bytes`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &huge{prefix: tt.prefix, suffix: tt.suffix, filler: tt.filler, n: size}
			n, err := network.Decode(r)
			if n != nil || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode() = %v, %v; want an error containing %q", n, err, tt.want)
			}
			if len(err.Error()) > 300 {
				t.Errorf("Decode() error is %d bytes long", len(err.Error()))
			}
			if r.read > 4<<20 {
				t.Errorf("Decode() read %d bytes before refusing the value, want about the 1 MiB limit", r.read)
			}
		})
	}
}

// TestDecodeValuesCutInErrors: every value quoted in an error is cut to 60
// characters plus "...", numbers, IDs and unknown field names included
// (FORMAT.md; issue 14, row 4).
func TestDecodeValuesCutInErrors(t *testing.T) {
	long := strings.Repeat("9", 5000)
	longID := strings.Repeat("é", 5000)
	for _, tt := range []struct {
		name  string
		edits []string
		want  string
	}{
		{"number as group", []string{`"group": 12, "scope"`, `"group": ` + long + `, "scope"`},
			`group: ` + long[:60] + `... is not a group (1 to 17)`},
		{"number as a count", []string{`"patients": 410`, `"patients": ` + long},
			`activity[0].patients: ` + long[:60] + `... is out of range`},
		{"number for a string", []string{`"region": "44"`, `"region": ` + long},
			`region: expected a string, got ` + long[:60] + `...`},
		{"dangling ID", []string{`"team": "hus-ophtalmo"`, `"team": "` + longID + `"`},
			`team: no team has the ID "` + strings.Repeat("é", 60) + `"...`},
		{"entity ID", []string{`"region": "44"`, `"region": "` + longID + `"`},
			`establishments[1] (id "hus"): region: "` + strings.Repeat("é", 60) + `"... is not a region code`},
		{"unknown field", []string{`"unit": "Génétique"`, `"unit": "Génétique", "` + longID + `": 1`},
			`teams[0] (id "hex-genetique"): ` + strings.Repeat("é", 60) + `...: unknown field "` + strings.Repeat("é", 60) + `"...`},
		{"long ID", []string{`{"id": "hus-ophtalmo", "establishment": "hus"}`, `{"id": "` + longID + `", "establishment": "hus"}`},
			`teams[1] (id "` + strings.Repeat("é", 60) + `"...): id: "` + strings.Repeat("é", 60) + `"... is longer than 200 bytes`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := network.Decode(strings.NewReader(edit(t, tt.edits...)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode() = %v\nwant an error containing\n%s", err, tt.want)
			}
			if len(err.Error()) > 600 {
				t.Errorf("Decode() error is %d bytes long:\n%v", len(err.Error()), err)
			}
		})
	}
}

func TestDecoderLimits(t *testing.T) {
	d := network.NewDecoder(strings.NewReader(base))
	d.MaxDocumentBytes = 1000
	if _, err := d.Decode(); err == nil || !strings.Contains(err.Error(), "the document is larger than the limit of 1000 bytes") {
		t.Errorf("Decode() with MaxDocumentBytes 1000 = %v", err)
	}
	d = network.NewDecoder(strings.NewReader(base))
	d.MaxValueBytes = 20
	if _, err := d.Decode(); err == nil || !strings.Contains(err.Error(), `"Hôpital exemple"`) && !strings.Contains(err.Error(), "longer than the limit of 20 bytes") {
		t.Errorf("Decode() with MaxValueBytes 20 = %v", err)
	}
	d = network.NewDecoder(strings.NewReader(base))
	d.MaxDocumentBytes, d.MaxValueBytes = -1, -1
	if _, err := d.Decode(); err != nil {
		t.Errorf("Decode() without limits = %v", err)
	}
	d = network.NewDecoder(strings.NewReader(base))
	d.MaxDocumentBytes, d.MaxValueBytes = int64(len(base)), 60
	if _, err := d.Decode(); err != nil {
		t.Errorf("Decode() at the limits = %v", err)
	}
}

// TestDecodeErrorCap: past 1000 errors, the rest are counted in one last
// error, and every error shown names its entity (issue 14, row 10).
func TestDecodeErrorCap(t *testing.T) {
	const n = 20000
	for _, tt := range []struct {
		name, item, want string
		errs             int
	}{
		{"duplicate IDs", `{"id": "dup", "establishment": "e"}`, `teams[%d] (id "dup"): id: "dup" is already the ID of teams[0]`, n - 1},
		{"duplicate keys", `"unit": "u"`, `teams[0] (id "t"): unit: field appears twice`, n - 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString(`{"format": "rarenet/1", "establishments": [{"id": "e", "name": "E", "region": "11"}], "centres": [], "teams": [`)
			if tt.name == "duplicate keys" {
				b.WriteString(`{"id": "t", "establishment": "e"`)
			}
			for i := range n {
				if i > 0 || tt.name == "duplicate keys" {
					b.WriteString(",")
				}
				b.WriteString(tt.item)
			}
			if tt.name == "duplicate keys" {
				b.WriteString("}")
			}
			b.WriteString("]}")
			_, err := network.Decode(&b)
			var joined interface{ Unwrap() []error }
			if !errors.As(err, &joined) {
				t.Fatalf("Decode() = %v, want joined errors", err)
			}
			errs := joined.Unwrap()
			if len(errs) != 1001 {
				t.Fatalf("Decode() returned %d errors, want 1000 and a count", len(errs))
			}
			if want := fmt.Sprintf("network: %d more errors not shown (reporting stopped after 1000 errors)", tt.errs-1000); errs[1000].Error() != want {
				t.Errorf("last error = %q, want %q", errs[1000], want)
			}
			for i, e := range errs[:1000] {
				want := tt.want
				if strings.Contains(want, "%d") {
					want = fmt.Sprintf(want, i+1)
				}
				if e.Error() != want {
					t.Fatalf("error %d = %q, want %q", i, e, want)
				}
			}
		})
	}
}
