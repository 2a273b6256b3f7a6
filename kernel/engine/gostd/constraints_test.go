package gostd_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel/engine/gostd"
	"golang.org/x/tools/go/packages"
)

// TestSourceSuitsTheInterpreter checks the rules the embedded source follows so that
// its instantiations run in yaegi: no range over functions (iterators are called with
// an explicit yield), no min/max/clear builtins, no unsafe or linkname, no goroutines
// except iter.Pull's, and no imports beyond the standard library and gostd/native.
func TestSourceSuitsTheInterpreter(t *testing.T) {
	var paths []string
	for _, p := range gostd.Packages() {
		paths = append(paths, self+p)
	}
	mode := packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedFiles
	pkgs, err := packages.Load(&packages.Config{Mode: mode}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("load %s: %v", p.PkgPath, e)
		}
		for _, f := range p.Syntax {
			pos := func(n ast.Node) string { return p.Fset.Position(n.Pos()).String() }
			for _, imp := range f.Imports {
				path := strings.Trim(imp.Path.Value, `"`)
				if path == "unsafe" || (strings.Contains(path, ".") && path != self+"native") {
					t.Errorf("%s: import %s", pos(imp), path)
				}
			}
			for _, cg := range f.Comments {
				if strings.Contains(cg.Text(), "go:linkname") {
					t.Errorf("%s: linkname", pos(cg))
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.RangeStmt:
					if _, ok := p.TypesInfo.TypeOf(n.X).Underlying().(*types.Signature); ok {
						t.Errorf("%s: range over a function", pos(n))
					}
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						if b, ok := p.TypesInfo.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max" || b.Name() == "clear") {
							t.Errorf("%s: builtin %s", pos(n), b.Name())
						}
					}
				case *ast.GoStmt:
					if p.Types.Name() != "iter" {
						t.Errorf("%s: go statement outside iter", pos(n))
					}
				}
				return true
			})
		}
	}
}
