package pkglist

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
)

func needGo(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		if os.Getenv("SLUICE_REQUIRE_ALL") == "1" {
			t.Fatalf("go command not found and SLUICE_REQUIRE_ALL=1: %v", err)
		}
		t.Skipf("go command not found: %v", err)
	}
}

// TestStdExcludeMatchesSymgen keeps StdExclude equal to the list symgen expands "std"
// with, read from symgen's source.
func TestStdExcludeMatchesSymgen(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "../../../internal/symgen/main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var found map[string]bool
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "stdExclude" || len(vs.Values) != 1 {
			return true
		}
		found = map[string]bool{}
		for _, e := range vs.Values[0].(*ast.CompositeLit).Elts {
			k, err := strconv.Unquote(e.(*ast.KeyValueExpr).Key.(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			found[k] = true
		}
		return false
	})
	if found == nil {
		t.Fatal("symgen's stdExclude not found")
	}
	for k := range found {
		if !StdExclude[k] {
			t.Errorf("symgen excludes %q from std, StdExclude does not", k)
		}
	}
	for k := range StdExclude {
		if !found[k] {
			t.Errorf("StdExclude has %q, symgen does not exclude it", k)
		}
	}
}

func TestExpand(t *testing.T) {
	needGo(t)
	list := `# comment
std
-os/exec
github.com/sluice-dev/sluice/platform/...
-github.com/sluice-dev/sluice/platform/sandbox
gonum.org/v1/gonum/mat # trailing comment
`
	got, err := Expand([]byte(list), ".")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(got) {
		t.Error("not sorted")
	}
	for _, want := range []string{"fmt", "net/http", "slices", "iter", "math/rand/v2", "gonum.org/v1/gonum/mat", "github.com/sluice-dev/sluice/platform/qs"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
	for _, no := range []string{"os/exec", "unsafe", "syscall", "internal/poll", "crypto/internal/fips140", "cmd/go", "github.com/sluice-dev/sluice/platform/sandbox"} {
		if slices.Contains(got, no) {
			t.Errorf("has %s", no)
		}
	}
}

func TestStampRoundTrip(t *testing.T) {
	s := Stamp{GoVersion: "go1.26.8", Target: "linux/amd64", Packages: 185, Digest: "0123456789abcdef01234567"}
	back, err := ParseStamp(s.String())
	if err != nil || back != s {
		t.Fatalf("ParseStamp(%q) = %v, %v", s.String(), back, err)
	}
	if _, err := ParseStamp("garbage"); err == nil {
		t.Error("ParseStamp accepted garbage")
	}
}
