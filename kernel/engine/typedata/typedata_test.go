package typedata

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/kernel/engine/internal/pkglist"
)

func TestEveryPackageImports(t *testing.T) {
	paths := Packages()
	if len(paths) < 150 {
		t.Fatalf("only %d packages in the embedded data", len(paths))
	}
	for _, want := range append([]string{"fmt", "net/http", "github.com/sluice-dev/sluice/platform/qs", "github.com/jackc/pgx/v5", "gonum.org/v1/gonum/mat"}, pkglist.Extra...) {
		if !Has(want) {
			t.Errorf("Has(%q) = false", want)
		}
	}
	for _, no := range []string{"os/exec", "unsafe", "internal/poll", "github.com/sluice-dev/sluice/platform/sandbox", "nosuch/pkg"} {
		if Has(no) {
			t.Errorf("Has(%q) = true", no)
		}
	}
	imp := Importer(token.NewFileSet())
	for _, path := range paths {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Errorf("import %s: %v", path, err)
			continue
		}
		if pkg.Path() != path || !pkg.Complete() || pkg.Scope().Len() == 0 {
			t.Errorf("import %s: path %q, complete %v, %d objects", path, pkg.Path(), pkg.Complete(), pkg.Scope().Len())
		}
		again, _ := imp.Import(path)
		if again != pkg {
			t.Errorf("import %s twice gave two packages", path)
		}
	}
	if _, err := imp.Import("internal/poll"); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("import internal/poll: err = %v, want not available", err)
	}
}

func TestLazy(t *testing.T) {
	im := Importer(nil).(*dataImporter)
	fmtPkg, err := im.Import("fmt")
	if err != nil {
		t.Fatal(err)
	}
	if len(im.done) != 1 {
		t.Errorf("importing fmt read %d packages' data, want 1", len(im.done))
	}
	io := im.pkgs["io"]
	if io == nil || io.Complete() {
		t.Fatalf("after importing fmt, io should be present but incomplete: %v", io)
	}
	if io.Scope().Lookup("Writer") == nil || io.Scope().Lookup("Pipe") != nil {
		t.Errorf("io should hold only what fmt refers to; has %v", io.Scope().Names())
	}
	// Importing io completes the same package and keeps its objects.
	writer := io.Scope().Lookup("Writer")
	io2, err := im.Import("io")
	if err != nil {
		t.Fatal(err)
	}
	if io2 != io || !io.Complete() || io.Scope().Lookup("Pipe") == nil || io.Scope().Lookup("Writer") != writer {
		t.Errorf("importing io after fmt: same package %v, complete %v, Writer kept %v", io2 == io, io.Complete(), io.Scope().Lookup("Writer") == writer)
	}
	fprintf := fmtPkg.Scope().Lookup("Fprintf").Type().(*types.Signature)
	if fprintf.Params().At(0).Type().(*types.Named).Obj() != writer {
		t.Errorf("fmt.Fprintf's io.Writer is not io's Writer")
	}
}

// check type-checks src with the importer and returns the info.
func check(t *testing.T, imp types.Importer, src string) (*types.Info, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Instances: map[*ast.Ident]types.Instance{}, Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check("cell", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return info, f
}

func TestSharedAcrossPackages(t *testing.T) {
	const src = `package cell

import (
	"context"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/qs"
)

func f(ctx context.Context, c *qs.Client, conn *pgx.Conn) (*display.Table, *pgconn.PgConn, error) {
	t, err := c.Query(ctx, "select 1")
	var p *pgconn.PgConn = conn.PgConn()
	return t, p, err
}
`
	// Both orders: the package a cell names first must not matter.
	check(t, Importer(nil), src)
	imp := Importer(nil)
	for _, p := range []string{"github.com/sluice-dev/sluice/platform/qs", "github.com/jackc/pgx/v5", "context"} {
		if _, err := imp.Import(p); err != nil {
			t.Fatal(err)
		}
	}
	check(t, imp, src)
}

func TestGenericsInstances(t *testing.T) {
	const src = `package cell

import (
	"cmp"
	"iter"
	"maps"
	"math/rand/v2"
	"slices"
)

func evens(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func f() {
	s := []int{3, 1, 2}
	slices.Reverse(s)
	m := map[string]float64{"a": 1}
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(a, b) })
	for v := range evens(10) {
		_ = v
	}
	_ = rand.N[int64](10)
}
`
	info, _ := check(t, Importer(nil), src)
	got := map[string]string{}
	for id, inst := range info.Instances {
		var args []string
		for i := 0; i < inst.TypeArgs.Len(); i++ {
			args = append(args, inst.TypeArgs.At(i).String())
		}
		got[id.Name] = strings.Join(args, ", ") + " | " + inst.Type.String()
	}
	want := map[string]string{
		"Reverse":  "[]int, int | func(s []int)",
		"Keys":     "map[string]float64, string, float64 | func(m map[string]float64) iter.Seq[string]",
		"Collect":  "string | func(seq iter.Seq[string]) []string",
		"SortFunc": "[]string, string | func(x []string, cmp func(a string, b string) int)",
		"Compare":  "string | func(x string, y string) int",
		"Seq":      "int | iter.Seq[int]",
		"N":        "int64 | func(n int64) int64",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("instance of %s = %q, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("instances = %v, want %d of them", got, len(want))
	}
}

func TestConcurrentImports(t *testing.T) {
	imp := Importer(nil)
	paths := []string{"fmt", "net/http", "slices", "io", "context", "github.com/sluice-dev/sluice/platform/qs"}
	results := make([][]*types.Package, 8)
	var wg sync.WaitGroup
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range paths {
				p := paths[(i+g)%len(paths)]
				pkg, err := imp.Import(p)
				if err != nil {
					t.Error(err)
					return
				}
				results[g] = append(results[g], pkg)
			}
		}()
	}
	wg.Wait()
	byPath := map[string]*types.Package{}
	for _, r := range results {
		for _, p := range r {
			if q := byPath[p.Path()]; q != nil && q != p {
				t.Errorf("two packages for %s", p.Path())
			}
			byPath[p.Path()] = p
		}
	}
}

// TestStampUpToDate fails when exportdata.bin was generated from a different Go release,
// package list or sources than this checkout's.
func TestStampUpToDate(t *testing.T) {
	testenv.Command(t, "go")
	embedded, err := pkglist.ParseStamp(Stamp())
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := pkglist.Read("../symbols/packages.txt", ".")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := pkglist.ComputeStamp(".", pkgs)
	if err != nil {
		t.Fatal(err)
	}
	const fix = "; regenerate with: go generate ./kernel/engine/typedata/..."
	if cur.GoVersion != embedded.GoVersion {
		t.Fatalf("exportdata.bin was generated with %s but the go command here is %s (the test binary runs %s): the type data does not match this Go release%s",
			embedded.GoVersion, cur.GoVersion, runtime.Version(), fix)
	}
	if cur.Packages != embedded.Packages {
		t.Fatalf("exportdata.bin describes %d packages, the package list now expands to %d%s", embedded.Packages, cur.Packages, fix)
	}
	if got := Packages(); !slices.Equal(got, pkgs) {
		t.Fatalf("exportdata.bin holds packages %v, the list expands to %v%s", diff(got, pkgs), diff(pkgs, got), fix)
	}
	if cur != embedded {
		t.Fatalf("exportdata.bin is stale: stamp %q, sources now give %q (a listed package, one it depends on, or a module version changed)%s", embedded, cur, fix)
	}
}

// diff returns the elements of a not in b.
func diff(a, b []string) []string {
	var res []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			res = append(res, x)
		}
	}
	return res
}

// TestMatchesCompiler compares every embedded package with the same package loaded by
// go/packages from the compiler's export data: the same exported objects, each with the
// same type, and the same methods on every exported named type.
func TestMatchesCompiler(t *testing.T) {
	testenv.Command(t, "go")
	if testing.Short() {
		t.Skip("loads every package with go/packages")
	}
	if runtime.GOOS+"/"+runtime.GOARCH != pkglist.GOOS+"/"+pkglist.GOARCH {
		t.Logf("comparing with %s/%s type information", pkglist.GOOS, pkglist.GOARCH)
	}
	paths := Packages()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps, Env: pkglist.Env()}
	loaded, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*packages.Package{}
	for _, p := range loaded {
		byPath[p.PkgPath] = p
	}
	imp := Importer(nil)
	for _, path := range paths {
		ref := byPath[path]
		if ref == nil || ref.Types == nil || len(ref.Errors) > 0 {
			t.Errorf("%s: go/packages could not load it: %v", path, ref)
			continue
		}
		pkg, err := imp.Import(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		want, got := describe(ref.Types), describe(pkg)
		if !slices.Equal(want, got) {
			t.Errorf("%s differs from the compiler's export data:\n  missing or different: %v\n  extra or different:   %v", path, diff(want, got), diff(got, want))
		}
	}
}

// describe lists the exported objects of pkg with their types, and the methods of its
// exported named types, with packages named by path.
func describe(pkg *types.Package) []string {
	qual := func(p *types.Package) string { return p.Path() }
	var res []string
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		if !obj.Exported() {
			continue
		}
		res = append(res, types.ObjectString(obj, qual))
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			if named, ok := tn.Type().(*types.Named); ok {
				for i := 0; i < named.NumMethods(); i++ {
					res = append(res, fmt.Sprintf("method %s: %s", name, types.ObjectString(named.Method(i), qual)))
				}
			}
			for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
				ms := types.NewMethodSet(t)
				for i := 0; i < ms.Len(); i++ {
					res = append(res, fmt.Sprintf("method set %s: %s", types.TypeString(t, qual), ms.At(i)))
				}
			}
		}
	}
	// The underlying type of a type declared as "type PublicKey any" is, through the
	// compiler's export data, the predeclared any's own empty interface, which go/types
	// prints as "any"; gcexportdata's data gives an identical new empty interface,
	// printed "interface{}". Only the printing differs.
	for i, s := range res {
		if strings.HasPrefix(s, "type ") {
			if rest, ok := strings.CutSuffix(s, " interface{}"); ok {
				res[i] = rest + " any"
			}
		}
	}
	slices.Sort(res)
	return res
}

// TestMatchesGoTypesFromSource spot-checks a few packages against go/types checking the
// standard library from source (go/importer's "source" mode), an independent path from
// the compiler's export data.
func TestMatchesGoTypesFromSource(t *testing.T) {
	testenv.Command(t, "go")
	if runtime.GOOS+"/"+runtime.GOARCH != pkglist.GOOS+"/"+pkglist.GOARCH {
		t.Skipf("the embedded data describes %s/%s", pkglist.GOOS, pkglist.GOARCH)
	}
	src := importer.ForCompiler(token.NewFileSet(), "source", nil)
	imp := Importer(nil)
	for _, path := range []string{"slices", "maps", "iter", "cmp", "unique", "math/rand/v2", "fmt", "strings", "context", "sync"} {
		ref, err := src.Import(path)
		if err != nil {
			t.Fatalf("%s from source: %v", path, err)
		}
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		want, got := describe(ref), describe(pkg)
		if !slices.Equal(want, got) {
			t.Errorf("%s differs from go/types on the source:\n  missing or different: %v\n  extra or different:   %v", path, diff(want, got), diff(got, want))
		}
	}
}
