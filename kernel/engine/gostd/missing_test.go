package gostd_test

import (
	"bufio"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sluice-dev/sluice/kernel/engine/gostd"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
	"golang.org/x/tools/go/packages"
)

// extraPackages are standard packages whose tables are empty or absent but that cells
// must be able to use.
var extraPackages = []string{"slices", "maps", "iter", "cmp", "unique", "math/rand/v2"}

const self = "github.com/sluice-dev/sluice/kernel/engine/gostd/"

// tablePackages returns the import paths in the symbol tables with their names.
func tablePackages() map[string]map[string]bool {
	have := map[string]map[string]bool{}
	for key, syms := range symbols.Symbols {
		i := strings.LastIndex(key, "/")
		if i < 0 {
			continue
		}
		names := map[string]bool{}
		for n := range syms {
			names[n] = true
		}
		have[key[:i]] = names
	}
	for _, p := range extraPackages {
		if have[p] == nil {
			have[p] = map[string]bool{}
		}
	}
	return have
}

func readExceptions(t *testing.T) map[string]string {
	f, err := os.Open("exceptions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, " ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Errorf("exceptions.txt: %q has no reason", line)
		}
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// missingNames lists "importpath.Name" for every exported object of a table package
// that its compiled table lacks, with the loaded packages.
func missingNames(t *testing.T) ([]string, map[string]*types.Package) {
	t.Helper()
	missingOnce.Do(func() { missingList, missingPkgs, missingErr = loadMissing() })
	if missingErr != nil {
		t.Fatal(missingErr)
	}
	return missingList, missingPkgs
}

// The inventory is loaded once for all tests of the package.
var (
	missingOnce sync.Once
	missingList []string
	missingPkgs map[string]*types.Package
	missingErr  error
)

func loadMissing() ([]string, map[string]*types.Package, error) {
	have := tablePackages()
	var paths []string
	for p := range have {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, paths...)
	if err != nil {
		return nil, nil, err
	}
	loaded := map[string]*types.Package{}
	var missing []string
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, nil, fmt.Errorf("load %s: %v", p.PkgPath, p.Errors[0])
		}
		if p.Types == nil {
			continue
		}
		loaded[p.PkgPath] = p.Types
		scope := p.Types.Scope()
		for _, n := range scope.Names() {
			if token := scope.Lookup(n); token.Exported() && !have[p.PkgPath][n] {
				missing = append(missing, p.PkgPath+"."+n)
			}
		}
	}
	sort.Strings(missing)
	return missing, loaded, nil
}

func splitName(full string) (pkg, name string) {
	i := strings.LastIndex(full, ".")
	return full[:i], full[i+1:]
}

// TestEveryMissingNameIsProvided is the inventory: every exported name of every table
// package is in the compiled table, in our source, or in exceptions.txt with a reason.
func TestEveryMissingNameIsProvided(t *testing.T) {
	missing, _ := missingNames(t)
	exceptions := readExceptions(t)
	used := map[string]bool{}
	var provided []string
	for _, full := range missing {
		pkg, name := splitName(full)
		switch {
		case gostd.Provides(pkg, name):
			provided = append(provided, full)
			if exceptions[full] != "" {
				t.Errorf("%s is provided by gostd and also listed in exceptions.txt", full)
			}
		case exceptions[full] != "":
			used[full] = true
		default:
			t.Errorf("%s is missing from the symbol tables: provide it in gostd/%s or list it in exceptions.txt with a reason", full, pkg)
		}
	}
	for name := range exceptions {
		if !used[name] && !gostd.Provides(splitName(name)) {
			t.Errorf("exceptions.txt lists %s, which is not missing (remove the line)", name)
		}
	}
	t.Logf("%d names missing from the tables: %d provided by gostd, %d exceptions", len(missing), len(provided), len(used))
}

// TestProvidedNamesMatchTheStandardAPI checks that our source declares nothing that the
// tables already have or that the standard package lacks, and that every declaration
// has the standard signature (funcs) or the standard methods (types).
func TestProvidedNamesMatchTheStandardAPI(t *testing.T) {
	missing, _ := missingNames(t)
	isMissing := map[string]bool{}
	for _, m := range missing {
		isMissing[m] = true
	}
	var ours []string
	for _, p := range gostd.Packages() {
		ours = append(ours, self+p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps}, ours...)
	if err != nil {
		t.Fatal(err)
	}
	stdPaths := gostd.Packages()
	std, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, stdPaths...)
	if err != nil {
		t.Fatal(err)
	}
	stdTypes := map[string]*types.Package{}
	for _, p := range std {
		stdTypes[p.PkgPath] = p.Types
	}
	// Both sides print with package names, so our iter.Seq and the real one read alike.
	qual := func(p *types.Package) string { return p.Name() }
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("load %s: %v", p.PkgPath, e)
		}
		stdPath := strings.TrimPrefix(p.PkgPath, self)
		real := stdTypes[stdPath]
		if real == nil {
			t.Errorf("%s: no standard package %s", p.PkgPath, stdPath)
			continue
		}
		if p.Types.Name() != real.Name() {
			t.Errorf("%s: package name %s, the standard one is %s", p.PkgPath, p.Types.Name(), real.Name())
		}
		for _, name := range gostd.Names(stdPath) {
			full := stdPath + "." + name
			if !isMissing[full] {
				t.Errorf("gostd provides %s, which the symbol tables already carry (or the package lacks)", full)
				continue
			}
			mine, theirs := p.Types.Scope().Lookup(name), real.Scope().Lookup(name)
			if got, want := types.ObjectString(mine, qual), types.ObjectString(theirs, qual); !sameDecl(mine, theirs, got, want) {
				t.Errorf("%s:\n ours %s\n std  %s", full, got, want)
			}
			if tn, ok := theirs.(*types.TypeName); ok {
				want := methodList(tn.Type(), qual)
				got := methodList(mine.Type(), qual)
				if got != want {
					t.Errorf("%s methods:\n ours %s\n std  %s", full, got, want)
				}
			}
		}
	}
}

// sameDecl compares declarations: funcs by signature, types by kind only (their
// fields are private representation).
func sameDecl(mine, theirs types.Object, got, want string) bool {
	if _, ok := theirs.(*types.Func); ok {
		return got == want
	}
	_, ok := mine.(*types.TypeName)
	return ok && mine.Type().(*types.Named).TypeParams().Len() == theirs.Type().(*types.Named).TypeParams().Len()
}

func methodList(t types.Type, qual types.Qualifier) string {
	ms := types.NewMethodSet(types.NewPointer(t))
	var out []string
	for i := 0; i < ms.Len(); i++ {
		if f := ms.At(i).Obj(); f.Exported() {
			out = append(out, types.ObjectString(f, qual))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// TestEmbedListsEverySource fails when a source file of a gostd package is not in the
// //go:embed list of gostd.go.
func TestEmbedListsEverySource(t *testing.T) {
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || filepath.Dir(p) == "." || strings.HasPrefix(p, "stdcover") || strings.HasPrefix(p, "native") {
			return err
		}
		dir, base := filepath.ToSlash(filepath.Dir(p)), filepath.Base(p)
		if gostd.Files(dir)[base] == nil {
			t.Errorf("%s is not embedded: add it to the //go:embed list in gostd.go", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gostd.Packages() {
		if len(gostd.Names(p)) == 0 {
			t.Errorf("gostd/%s declares no exported name", p)
		}
	}
}
