package engine

import (
	"context"
	"fmt"
	"go/scanner"
	"go/token"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// runCell splits, rewrites and runs a Go cell. When result is set, the values of a
// trailing expression statement are returned, and a non-nil err the cell assigned and
// never read fails the cell (see checkErr).
func (e *Engine) runCell(ctx context.Context, code string, result bool) (cellValue, error) {
	return e.runTyped(ctx, code, result, true)
}

// runCellText is the text-rewriting path the typed front end replaces.
func (e *Engine) runCellText(ctx context.Context, code string, result bool) (cellValue, error) {
	code = programToCell(code)
	groups := splitCell(code)
	if len(groups) == 0 {
		return cellValue{}, nil
	}
	ans := make([]*analysis, len(groups))
	e.cellFuncs = map[string]bool{}
	for k, g := range groups {
		an, err := analyse(code, g, result && k == len(groups)-1, e, &e.counter)
		if err != nil {
			return cellValue{}, e.cellError(code, err)
		}
		ans[k] = an
		for _, d := range an.decls {
			if d.kind == token.FUNC && len(d.names) == 1 && !strings.Contains(d.names[0], ".") {
				e.cellFuncs[d.names[0]] = true
			}
		}
	}
	e.cellFuncs = nil
	if err := e.importAll(ctx, code, ans); err != nil {
		return cellValue{}, err
	}

	// The cell's context ends with an interrupt (ctx) or a goroutine panic, not when the
	// cell returns: goroutines the cell started may go on using it.
	runCtx, cancel := context.WithCancel(ctx)
	run := &cellRun{ctx: runCtx, cancel: cancel}
	e.cellMu.Lock()
	prev := e.run
	e.run = run
	e.cellMu.Unlock()
	defer func() {
		e.cellMu.Lock()
		e.run = prev
		e.cellMu.Unlock()
	}()
	if c, ok := e.globals()["ctx"]; ok && c.CanSet() && c.Type() == reflect.TypeFor[context.Context]() {
		c.Set(reflect.ValueOf(runCtx))
	}

	var vals []any
	for k, g := range groups {
		an := ans[k]
		var err error
		switch g.kind {
		case groupImport:
			continue
		case groupDecl:
			err = e.runDecls(ctx, run, code, g, an)
		case groupStmt:
			vals, err = e.runStmts(ctx, run, code, g, an)
		}
		if err != nil {
			if result {
				e.noteErr(code, ans, err)
			}
			return cellValue{}, err
		}
	}
	if err := run.failure(); err != nil {
		return cellValue{}, e.runtimeError(code, err)
	}
	if result {
		if err := e.checkErr(code, ans); err != nil {
			return cellValue{}, err
		}
	}
	return cellValue{vals: vals, call: ans[len(ans)-1].trailing}, nil
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

func (e *Engine) compileGroup(code string, g group, prefix string, edits []edit) (c compiled, err error) {
	text, used := applyEdits(code, g.start, g.end, edits)
	pad := padFor(code, g.start)
	c = compiled{src: prefix + pad + text, prefix: len(prefix) + len(pad), start: g.start, used: used}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the interpreter failed on this cell: %v", r)
		}
	}()
	c.prog, err = e.i.Compile(c.src)
	return c, err
}

// runStmts compiles and runs a statement group. The trailing expression is wrapped so
// that all its values come back; ":=" of existing variables becomes "=" so that
// functions using them keep seeing the same variable. Each rewrite is dropped again when
// the group does not compile with it.
func (e *Engine) runStmts(ctx context.Context, run *cellRun, code string, g group, an *analysis) ([]any, error) {
	type variant struct {
		edits  []edit
		reuse  bool
		packed bool
	}
	base := an.edits
	var variants []variant
	with := func(parts ...[]edit) []edit {
		var r []edit
		r = append(r, base...)
		for _, p := range parts {
			r = append(r, p...)
		}
		return r
	}
	if len(an.optional) > 0 {
		variants = append(variants, variant{with(an.optional, an.packEdit), true, an.packEdit != nil})
	}
	if an.packEdit != nil {
		variants = append(variants, variant{with(an.packEdit), false, true})
	}
	variants = append(variants, variant{with(), false, false})
	const prefix = rtPkg + ".Begin();"
	var (
		c   compiled
		err error
		v   variant
	)
	for _, v = range variants {
		c, err = e.compileGroup(code, g, prefix, v.edits)
		if err == nil {
			break
		}
	}
	if err != nil && len(an.rangeMaybe) > 0 && strings.Contains(err.Error(), "nil type") {
		for _, v2 := range variants {
			v2.edits = append(append([]edit(nil), v2.edits...), an.rangeMaybe...)
			c2, err2 := e.compileGroup(code, g, prefix, v2.edits)
			if err2 == nil {
				c, err, v = c2, nil, v2
				break
			}
		}
	}
	if err != nil {
		return nil, e.diagnose(code, g, v.edits, c, err)
	}
	res, err := e.execute(ctx, run, c)
	// Names defined by := are session variables now, even when the cell failed later.
	changed := e.define("var", an.defines...)
	if !v.reuse {
		e.rebind(ctx, changed, nil)
	}
	if err != nil {
		return nil, e.runtimeErrorAt(code, c, err)
	}
	if !v.packed || !res.IsValid() {
		return nil, nil
	}
	e.cellMu.Lock()
	vals := run.vals
	run.vals = nil
	e.cellMu.Unlock()
	return vals, nil
}

// diagnose improves yaegi's vague messages for top-level statements ("constant
// definition loop", "nil type") by compiling the same statements as a function body,
// which is never run, and reporting that error when it is more specific.
func (e *Engine) diagnose(code string, g group, edits []edit, c compiled, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "definition loop") || strings.Contains(msg, "nil type") || strings.Contains(msg, "nil reflect type") {
		e.counter++
		prefix := fmt.Sprintf("func %s_check%d() {", hiddenPrefix, e.counter)
		text, used := applyEdits(code, g.start, g.end, edits)
		pad := padFor(code, g.start)
		c2 := compiled{src: prefix + pad + text + "\n}", prefix: len(prefix) + len(pad), start: g.start, used: used}
		func() {
			defer func() {
				// yaegi may panic here on names the failed compile left half-declared.
				if r := recover(); r != nil {
					if m := incompleteRE.FindStringSubmatch(fmt.Sprint(r)); m != nil {
						c, err = c2, fmt.Errorf("%s: undefined: %s", m[1], m[2])
					}
				}
			}()
			_, err2 := e.i.Compile(c2.src)
			if err2 != nil && !strings.Contains(err2.Error(), "definition loop") && !strings.Contains(err2.Error(), "nil type") {
				c, err = c2, err2
			}
		}()
	}
	return e.compileError(code, c, err)
}
