// Package examplecells runs a package's Example functions as notebook cells, so that the
// documentation of an API cells call is proved to work in the kernel, not only in Go.
// Tests import it; nothing else does.
package examplecells

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

// Run runs the body of every Example in file as a cell in a fresh session and checks
// that it prints the example's Output. Other functions of the file that a body calls
// (helpers) are declared in its cell first. It fails when file has fewer than min
// examples.
func Run(t *testing.T, file string, min int) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	text := func(from, to token.Pos) string {
		return string(src[fset.Position(from).Offset:fset.Position(to).Offset])
	}
	helpers := map[string]string{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && !strings.HasPrefix(fn.Name.Name, "Example") {
			helpers[fn.Name.Name] = text(fn.Pos(), fn.End())
		}
	}
	n := 0
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fn.Name.Name, "Example") {
			continue
		}
		n++
		cell, want, _ := strings.Cut(text(fn.Body.Lbrace+1, fn.Body.Rbrace), "// Output:")
		var lines []string
		for _, l := range strings.Split(want, "\n") {
			lines = append(lines, strings.TrimPrefix(strings.TrimSpace(l), "// "))
		}
		want = strings.TrimSpace(strings.Join(lines, "\n"))
		for name, decl := range helpers {
			if strings.Contains(cell, name+"(") {
				cell = decl + "\n" + cell
			}
		}
		t.Run(fn.Name.Name, func(t *testing.T) {
			if got := strings.TrimSpace(RunCell(t, cell)); got != want {
				t.Errorf("cell printed\n%s\nwant\n%s\ncell:\n%s", got, want, cell)
			}
		})
	}
	if n < min {
		t.Fatalf("%s: found %d examples, want at least %d", file, n, min)
	}
}

// Execute runs code as one cell in a fresh engine and returns what it printed.
func Execute(t *testing.T, code string) (string, error) {
	t.Helper()
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = e.Execute(ctx, code, &kernel.CellIO{Stdout: &out, Stderr: &out})
	return out.String(), err
}

// RunCell is Execute for a cell that must succeed.
func RunCell(t *testing.T, code string) string {
	t.Helper()
	out, err := Execute(t, code)
	if err != nil {
		var x *kernel.ExecError
		if errors.As(err, &x) {
			t.Fatalf("cell failed: %s: %s\n%s\ncell:\n%s", x.Name, x.Value, strings.Join(x.Traceback, "\n"), code)
		}
		t.Fatalf("cell failed: %v\ncell:\n%s", err, code)
	}
	return out
}
