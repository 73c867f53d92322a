package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Check verifies the rules of a bundle that HL7's JSON schema cannot
// express, on any FHIR JSON bundle (not only this package's):
//
//   - every entry has a resource with a resourceType and an id, and a
//     fullUrl ending in "Type/id";
//   - fullUrls are unique, and so are the pairs (resourceType, id);
//   - every reference ("reference": "Type/id", at any depth) names an entry
//     of the bundle (absolute references, "#" contained references and
//     urn: references to fullUrls are resolved too);
//   - no two resources share an identifier: the same system, type codes and
//     value.
//
// It returns every problem, joined with errors.Join; each names the entry
// by its index and resource.
func Check(bundleJSON []byte) error {
	var b struct {
		ResourceType string `json:"resourceType"`
		Entry        []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(bundleJSON, &b); err != nil {
		return fmt.Errorf("fhir: not a JSON bundle: %w", err)
	}
	if b.ResourceType != "Bundle" {
		return fmt.Errorf("fhir: resourceType is %q, not Bundle", cut(b.ResourceType))
	}
	var errs []error
	fail := func(i int, key string, format string, args ...any) {
		errs = append(errs, fmt.Errorf("entry[%d] (%s): %s", i, key, fmt.Sprintf(format, args...)))
	}
	type res struct {
		typ, id string
		body    any
	}
	resources := make([]res, len(b.Entry))
	urls := map[string]int{}
	keys := map[string]int{}
	for i, e := range b.Entry {
		var head struct {
			ResourceType string `json:"resourceType"`
			ID           string `json:"id"`
		}
		var body any
		if err := json.Unmarshal(e.Resource, &head); err != nil || head.ResourceType == "" || head.ID == "" {
			fail(i, "?", "no resource with a resourceType and an id")
			continue
		}
		json.Unmarshal(e.Resource, &body)
		key := head.ResourceType + "/" + head.ID
		resources[i] = res{head.ResourceType, head.ID, body}
		if !strings.HasSuffix(e.FullURL, "/"+key) && !strings.HasPrefix(e.FullURL, "urn:") {
			fail(i, key, "fullUrl %q does not end in %q", cut(e.FullURL), "/"+key)
		}
		if j, dup := urls[e.FullURL]; dup {
			fail(i, key, "fullUrl %q is already the fullUrl of entry[%d]", cut(e.FullURL), j)
		} else {
			urls[e.FullURL] = i
		}
		if j, dup := keys[key]; dup {
			fail(i, key, "%s is already entry[%d]", key, j)
		} else {
			keys[key] = i
		}
	}
	idents := map[string]int{}
	for i, r := range resources {
		if r.typ == "" {
			continue
		}
		key := r.typ + "/" + r.id
		walk(r.body, "", func(path string, ref string) {
			if strings.HasPrefix(ref, "#") {
				return // a contained resource: none here, the schema checks the rest
			}
			if _, ok := keys[ref]; ok {
				return
			}
			if _, ok := urls[ref]; ok {
				return
			}
			fail(i, key, "%s: reference %q resolves to no entry of the bundle", path, cut(ref))
		})
		if m, ok := r.body.(map[string]any); ok {
			ids, _ := m["identifier"].([]any)
			for k, x := range ids {
				id, _ := x.(map[string]any)
				sys, _ := id["system"].(string)
				val, _ := id["value"].(string)
				if val == "" {
					continue
				}
				var codes []string
				if t, ok := id["type"].(map[string]any); ok {
					cs, _ := t["coding"].([]any)
					for _, c := range cs {
						cm, _ := c.(map[string]any)
						s, _ := cm["system"].(string)
						code, _ := cm["code"].(string)
						codes = append(codes, s+"#"+code)
					}
				}
				slices.Sort(codes)
				ik := sys + "|" + strings.Join(codes, ",") + "|" + val
				if j, dup := idents[ik]; dup && j != i {
					fail(i, key, "identifier[%d] (system %q, value %q) is already an identifier of entry[%d]", k, cut(sys), cut(val), j)
				} else {
					idents[ik] = i
				}
			}
		}
	}
	return errors.Join(errs...)
}

// walk calls f with the path and value of every "reference" string inside
// v, in a stable order.
func walk(v any, path string, f func(path, ref string)) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			p := path + "." + k
			if s, ok := x[k].(string); ok && k == "reference" {
				f(strings.TrimPrefix(p, "."), s)
				continue
			}
			walk(x[k], p, f)
		}
	case []any:
		for i, e := range x {
			walk(e, fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

// cut quotes at most 60 characters of s, as FORMAT.md asks of error
// messages.
func cut(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + "..."
	}
	return s
}
