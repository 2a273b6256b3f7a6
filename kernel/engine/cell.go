package engine

import (
	"context"
	"go/scanner"
	"go/token"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// runCell splits, rewrites and runs a Go cell. When result is set, the values of a
// trailing expression statement are returned, and a non-nil err the cell assigned and
// never read fails the cell (see checkErr).
func (e *Engine) runCell(ctx context.Context, code string, result bool) (cellValue, error) {
	return e.runTyped(ctx, code, result, true)
}

// programToCell turns a whole Go program pasted into a cell ("package main" and a main
// function) into a cell: the package clause is blanked out and main is called at the end.
func programToCell(code string) string {
	var sc scanner.Scanner
	fset := token.NewFileSet()
	sc.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, 0)
	pos, t, _ := sc.Scan()
	if t != token.PACKAGE {
		return code
	}
	_, t2, name := sc.Scan()
	if t2 != token.IDENT {
		return code
	}
	start := fset.Position(pos).Offset
	end := strings.Index(code[start:], name) + start + len(name)
	return code[:start] + strings.Repeat(" ", end-start) + code[end:]
}

// compiled is one compiled group with what is needed to map positions back to the cell.
type compiled struct {
	prog   *interp.Program
	prefix int // bytes before the rewritten group text
	src    string
	start  int
	used   []edit
}
