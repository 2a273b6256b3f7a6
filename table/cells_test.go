package table_test

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
// cell, in a fresh session each, and checks the cell prints the example's Output.
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
	examples := 0
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fn.Name.Name, "Example") {
			continue
		}
		examples++
		body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		var cell, want []string
		inOutput := false
		for _, line := range strings.Split(body, "\n") {
			line = strings.TrimPrefix(line, "\t")
			switch {
			case strings.HasPrefix(line, "// Output:"):
				inOutput = true
				want = append(want, strings.TrimSpace(strings.TrimPrefix(line, "// Output:")))
			case inOutput:
				want = append(want, strings.TrimPrefix(line, "// "))
			default:
				cell = append(cell, line)
			}
		}
		t.Run(fn.Name.Name, func(t *testing.T) {
			got := runCell(t, strings.Join(cell, "\n"))
			if w := strings.TrimSpace(strings.Join(want, "\n")); strings.TrimSpace(got) != w {
				t.Errorf("cell printed\n%s\nwant\n%s\ncell:\n%s", got, w, strings.Join(cell, "\n"))
			}
		})
	}
	if examples < 10 {
		t.Fatalf("found %d examples", examples)
	}
}

// TestCellFailsOnWrongColumn checks what an analyst sees when a typed accessor meets a
// missing column or a column of another kind: a cell error naming the column, not a
// stack of table internals.
func TestCellFailsOnWrongColumn(t *testing.T) {
	for code, want := range map[string]string{
		`t := table.New(table.StringColumn("tier", []string{"gold"}))
best := t.Strings("teir")[0]
fmt.Println(best)`: `table: no column "teir"; the columns are: tier string`,
		`t := table.New(table.StringColumn("tier", []string{"gold"}), table.IntColumn("n", []int64{1}))
n := t.Ints("tier")
fmt.Println(n)`: `table: column "tier" is string, not an integer (read it with Strings); the columns are: tier string, n int`,
	} {
		err := cellError(t, code)
		var x *kernel.ExecError
		if !errors.As(err, &x) {
			t.Fatalf("cell error %v (%T), want a *kernel.ExecError", err, err)
		}
		if !strings.Contains(x.Value, want) {
			t.Errorf("error value %q lacks %q", x.Value, want)
		}
		tb := strings.Join(x.Traceback, "\n")
		if strings.Contains(tb, "table.go") || strings.Contains(tb, "column.go") || strings.Contains(tb, "goroutine ") {
			t.Errorf("traceback shows table internals:\n%s", tb)
		}
		if !strings.Contains(tb, "cell:2") {
			t.Errorf("traceback does not point at the cell's line 2:\n%s", tb)
		}
	}
}

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func execute(t *testing.T, code string) (string, error) {
	e := newEngine(t)
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := e.Execute(ctx, code, &kernel.CellIO{Stdout: &out, Stderr: &errb})
	return out.String(), err
}

func runCell(t *testing.T, code string) string {
	t.Helper()
	out, err := execute(t, code)
	if err != nil {
		var x *kernel.ExecError
		if errors.As(err, &x) {
			t.Fatalf("cell failed: %s: %s\n%s\ncell:\n%s", x.Name, x.Value, strings.Join(x.Traceback, "\n"), code)
		}
		t.Fatalf("cell failed: %v\ncell:\n%s", err, code)
	}
	return out
}

func cellError(t *testing.T, code string) error {
	t.Helper()
	out, err := execute(t, code)
	if err == nil {
		t.Fatalf("cell succeeded, printing %q:\n%s", out, code)
	}
	return err
}
