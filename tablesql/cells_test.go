package tablesql_test

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

// TestExamplesRunAsCells runs the body of every Example in example_test.go as a notebook
// cell in a fresh session and checks the cell prints the example's Output.
func TestExamplesRunAsCells(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "example_test.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
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
		t.Run(fn.Name.Name, func(t *testing.T) {
			e, err := engine.New(engine.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			var out bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if _, err := e.Execute(ctx, cell, &kernel.CellIO{Stdout: &out, Stderr: &out}); err != nil {
				var x *kernel.ExecError
				if errors.As(err, &x) {
					t.Fatalf("cell failed: %s: %s\n%s", x.Name, x.Value, cell)
				}
				t.Fatalf("cell failed: %v\n%s", err, cell)
			}
			if got := strings.TrimSpace(out.String()); got != want {
				t.Errorf("cell printed\n%s\nwant\n%s\ncell:\n%s", got, want, cell)
			}
		})
	}
	if n < 4 {
		t.Fatalf("found %d examples", n)
	}
}

// TestWhereFailsTheCell checks a bad expression fails the cell with DuckDB's message.
func TestWhereFailsTheCell(t *testing.T) {
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.Execute(context.Background(), `t := table.New(table.IntColumn("n", []int64{1}))
u := tablesql.Where(t, "spend > 1")
fmt.Println(u)`, &kernel.CellIO{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
	var x *kernel.ExecError
	if !errors.As(err, &x) || !strings.Contains(x.Value, "spend") {
		t.Fatalf("error %v", err)
	}
}
