package rules_test

// The API-stability guard for the whole module lives here, in the package
// at the top of the import graph, because the design card fixes the top
// level of the repository: there is no room for a tools folder.

import (
	"flag"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var updateAPI = flag.Bool("update-api", false, "rewrite testdata/api/*.txt from the current exported API")

// apiPackages are the importable packages whose exported API is promised
// (see the README's stability section). Example programs are not.
var apiPackages = []string{
	"typology",
	"labelling",
	"network",
	"network/networktest",
	"network/activefile",
	"network/analysis",
	"network/csvtable",
	"network/fhir",
	"network/geojson",
	"network/orphadata",
	"rules",
	"rules/dossier",
	"rules/rulestest",
	"rules/sarif",
}

// TestAPIPackagesListed fails when an importable package of the module is
// missing from apiPackages, so that a new package cannot escape the
// guard: every folder with Go code outside examples, testdata and
// internal folders is one.
func TestAPIPackagesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, p := range apiPackages {
		listed[p] = true
	}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("..", path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch base := d.Name(); {
			case rel == ".":
				return nil
			case base == "internal" || base == "testdata" || base == "examples" || base == "node_modules" || strings.HasPrefix(base, "."):
				return filepath.SkipDir
			}
			return nil
		}
		if dir := filepath.ToSlash(filepath.Dir(rel)); strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") && dir != "." && !listed[dir] {
			t.Errorf("package %s is not in apiPackages: add it, then go test ./rules -run TestAPIStable -update-api", dir)
			listed[dir] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

const modulePath = "github.com/rarenet/rarenet"

// TestAPIStable compares every package's exported API with the committed
// listing in testdata/api. A removed or changed line is a break for the
// services that import rarenet; an added line is a new promise. Either way
// the change must be deliberate: rerun with -update-api and commit the
// listing with the change that explains it.
func TestAPIStable(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the module from source: skipped with -short")
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	for _, rel := range apiPackages {
		path := modulePath + "/" + rel
		if _, err := os.Stat(filepath.Join("..", rel)); err != nil {
			continue // a package not written yet has no promise to keep
		}
		pkg, err := imp.Import(path)
		if err != nil {
			t.Errorf("type-checking %s: %v", path, err)
			continue
		}
		got := apiListing(pkg)
		file := filepath.Join("testdata", "api", strings.ReplaceAll(rel, "/", "_")+".txt")
		if *updateAPI {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: no committed API listing (%v); run go test ./rules -run TestAPIStable -update-api", rel, err)
			continue
		}
		want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		removed, added := setDiff(want, got), setDiff(got, want)
		for _, l := range removed {
			t.Errorf("%s: API removed or changed (a break for importers): %s", rel, l)
		}
		for _, l := range added {
			t.Errorf("%s: API added (a new promise): %s", rel, l)
		}
		if len(removed)+len(added) > 0 {
			t.Errorf("%s: if the change is deliberate, run `go test ./rules -run TestAPIStable -update-api` and commit %s with it (README: Stability)", rel, file)
		}
	}
}

func setDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

// apiListing returns one sorted line per exported object, method and
// struct field, in the style of the standard library's api/go1.N.txt.
func apiListing(pkg *types.Package) []string {
	q := types.RelativeTo(pkg)
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.Const:
			add("const %s %s", name, types.TypeString(o.Type(), q))
		case *types.Var:
			add("var %s %s", name, types.TypeString(o.Type(), q))
		case *types.Func:
			add("func %s%s", name, strings.TrimPrefix(types.TypeString(o.Type(), q), "func"))
		case *types.TypeName:
			under := o.Type().Underlying()
			kind := types.TypeString(under, q)
			if _, ok := under.(*types.Struct); ok {
				kind = "struct"
			}
			if _, ok := under.(*types.Interface); ok {
				kind = "interface"
			}
			if o.IsAlias() {
				add("type %s = %s", name, types.TypeString(o.Type(), q))
				continue
			}
			add("type %s %s", name, kind)
			if st, ok := under.(*types.Struct); ok {
				for f := range st.Fields() {
					if f.Exported() {
						add("type %s struct, %s %s", name, f.Name(), types.TypeString(f.Type(), q))
					}
				}
			}
			if it, ok := under.(*types.Interface); ok {
				for m := range it.Methods() {
					if m.Exported() {
						add("type %s interface, %s%s", name, m.Name(), strings.TrimPrefix(types.TypeString(m.Type(), q), "func"))
					}
				}
			}
			for _, T := range []types.Type{o.Type(), types.NewPointer(o.Type())} {
				ms := types.NewMethodSet(T)
				for m := range ms.Methods() {
					if !m.Obj().Exported() {
						continue
					}
					if _, isPtr := T.(*types.Pointer); isPtr && types.NewMethodSet(o.Type()).Lookup(pkg, m.Obj().Name()) != nil {
						continue
					}
					recv := name
					if _, isPtr := T.(*types.Pointer); isPtr {
						recv = "*" + name
					}
					sig := m.Obj().Type().(*types.Signature)
					add("method (%s) %s%s", recv, m.Obj().Name(), strings.TrimPrefix(types.TypeString(types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic()), q), "func"))
				}
			}
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}
