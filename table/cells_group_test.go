package table_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestGroupExamplesRunAsCells runs every Example of example_group_test.go (group-by,
// joins, pivot, Describe) as a notebook cell and checks it prints the example's Output.
// Helper functions the examples call (col) are defined in the cell first.
func TestGroupExamplesRunAsCells(t *testing.T) {
	src, err := os.ReadFile("example_group_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "example_group_test.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var helpers []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && !strings.HasPrefix(fn.Name.Name, "Example") {
			helpers = append(helpers, string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset]))
		}
	}
	n := 0
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fn.Name.Name, "Example") {
			continue
		}
		n++
		body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		cell, want, _ := strings.Cut(body, "// Output:")
		var lines []string
		for _, l := range strings.Split(want, "\n") {
			lines = append(lines, strings.TrimPrefix(strings.TrimSpace(l), "// "))
		}
		want = strings.TrimSpace(strings.Join(lines, "\n"))
		code := cell
		if strings.Contains(cell, "col(") {
			code = strings.Join(helpers, "\n") + "\n" + cell
		}
		t.Run(fn.Name.Name, func(t *testing.T) {
			if got := strings.TrimSpace(runCell(t, code)); got != want {
				t.Errorf("cell printed\n%s\nwant\n%s\ncell:\n%s", got, want, code)
			}
		})
	}
	if n < 10 {
		t.Fatalf("found %d examples", n)
	}
}
