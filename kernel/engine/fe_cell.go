// The typed front end, part 5: running a cell. The cell is checked, lowered into one
// file of package main (generated declarations, the cell's declarations, and its
// statements in a function), compiled and run by yaegi.

package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sluice-dev/sluice/kernel"
)

// uncheckedErr is the panic value of CheckErr: a top-level statement assigned a non-nil
// err that the cell never reads.
type uncheckedErr struct {
	err  error
	line int
}

// feSymbols are the compiled helpers the lowered code calls.
func (e *Engine) feSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{feRtPath + "/fe": {
		"CheckErr": reflect.ValueOf(func(err error, line int) {
			if err != nil {
				panic(uncheckedErr{err: err, line: line})
			}
		}),
		"Join": joinFn,
		// SortKeys sorts by keys a comparator compares (fe_sort.go).
		"SortKeys": reflect.ValueOf(sortKeys),
		// Defers is a function's defer chain (fe_defer.go).
		"Defers": reflect.ValueOf(e.newDeferChain),
		// DecodeRune decodes the first rune of s as range over a string does.
		"DecodeRune": reflect.ValueOf(utf8.DecodeRuneInString),
		// Ctx is the running cell's context.
		"Ctx": reflect.ValueOf(e.currentCtx),
		// Unwrap returns what err wraps: Unwrap() error or Unwrap() []error.
		"Unwrap": reflect.ValueOf(func(err any) []error {
			switch u := err.(type) {
			case interface{ Unwrap() error }:
				if w := u.Unwrap(); w != nil {
					return []error{w}
				}
			case interface{ Unwrap() []error }:
				return u.Unwrap()
			}
			return nil
		}),
		// AsInterface reports whether err implements the interface *target points to.
		"AsInterface": reflect.ValueOf(func(err any, target any) (any, bool) {
			t := reflect.TypeOf(target).Elem()
			if reflect.TypeOf(err).Implements(t) {
				return err, true
			}
			return nil, false
		}),
	}}
}

// cellMeta is what lowering learned about the cell.
type cellMeta struct {
	defines  []defined
	decls    []declInfo
	trailing *trailingCall
	packed   bool
	fn       string // the generated name of the statements function
	// single: the lowered source is one program that also runs the statements.
	single bool
	// noCall: the cell's function has nothing to run (a cell of declarations only).
	noCall bool
	// checkEnd: the cell's function reports reaching its end (see markEnd).
	checkEnd bool
}

type defined struct {
	name string
	v    feVar
}

// lowerCell computes the interpreter source of a checked cell.
func (e *Engine) lowerCell(tc *typedCell, result, keep bool) (string, *cellMeta, *lowered, error) {
	code := tc.lay.code
	mainCtx := &srcContext{pkgPath: "main", fset: tc.fset, info: tc.info, files: []*ast.File{tc.session, tc.file},
		src: map[string]string{"session.go": tc.sessSrc, cellFile + ".go": tc.cellSrc}, cellCode: code}
	if tc.sessInfo != nil {
		mainCtx.alt = &srcContext{pkgPath: "main", fset: tc.fset, info: tc.sessInfo, files: []*ast.File{tc.session},
			src: map[string]string{"session.go": tc.sessSrc}, cellCode: code}
	}
	out := newLowered()
	e.fe.noUnroll = e.debugAttached()
	l := &lowerer{fe: e.fe, ctx: mainCtx, main: mainCtx, pkgPath: "main", out: out, edits: map[string][]edit{}}
	meta := &cellMeta{}
	// One name for every cell's function: each cell redefines it.
	meta.fn = cellFunc

	if err := e.rejectUnsupported(tc); err != nil {
		return "", nil, nil, err
	}
	var inits []string
	declaresMain := false
	for _, d := range tc.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == cellFunc {
				continue
			}
			if e.isGenericDecl(tc, d) {
				// Generic code runs only as instances.
				l.replace(d.Pos(), d.End(), "")
				meta.decls = append(meta.decls, e.declOf(tc, d))
				continue
			}
			if d.Recv == nil && d.Name.Name == "init" {
				n := l.tmp("init")
				l.replace(d.Name.Pos(), d.Name.End(), n)
				inits = append(inits, n)
				if err := l.walk(d); err != nil {
					return "", nil, nil, err
				}
				continue
			}
			if d.Recv == nil && d.Name.Name == "main" {
				declaresMain = true
			}
			if err := l.walk(d); err != nil {
				return "", nil, nil, err
			}
			meta.decls = append(meta.decls, e.declOf(tc, d))
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			if d.Tok == token.CONST {
				if err := l.walk(d); err != nil {
					return "", nil, nil, err
				}
				meta.decls = append(meta.decls, e.declOf(tc, d))
				continue
			}
			if d.Tok == token.VAR && e.varDeclTyped(l, tc, d) {
				meta.decls = append(meta.decls, e.declOf(tc, d))
				continue
			}
			for _, sp := range d.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok && ts.TypeParams != nil {
					l.replace(ts.Pos(), ts.End(), l.tmp("generic")+" struct{}")
					continue
				}
				if err := l.walk(sp); err != nil {
					return "", nil, nil, err
				}
				if ts, ok := sp.(*ast.TypeSpec); ok {
					e.retype(l, tc, ts, d)
					l.markTyped(ts, d)
				}
			}
			meta.decls = append(meta.decls, e.declOf(tc, d))
		}
	}
	l.registerDeclared(tc.file)
	var fnDecl *ast.FuncDecl
	for _, d := range tc.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc {
			fnDecl = fd
		}
	}
	body := fnDecl.Body
	l.cellScope = tc.info.Scopes[fnDecl.Type]
	l.replace(fnDecl.Name.Pos(), fnDecl.Name.End(), meta.fn)
	l.sigs = []*types.Signature{types.NewSignatureType(nil, nil, nil, nil, nil, false)}
	// Top-level := defines session variables: package-level vars assigned here.
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		l.replace(as.TokPos, as.TokPos+2, "=")
		for _, lhs := range as.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			obj := tc.info.Defs[id]
			if obj == nil || tc.lay.declNames[id.Name] {
				// An existing variable of this cell, assigned again: one its statements
				// define, or one its top-level var declares (go/types sees a new local,
				// but the statements and the var share one block, as in a function body).
				continue
			}
			t := obj.Type()
			lt, err := l.typeExpr(t)
			if err != nil {
				var un *unnameable
				if errors.As(err, &un) {
					return "", nil, nil, &unsupportedError{pos: tc.off(id.Pos()), feature: "a session variable of type " + un.t,
						hint: "its type cannot be named outside its package; give " + id.Name + " an exported type (an interface it implements) with var " + id.Name + " T = …"}
				}
				return "", nil, nil, err
			}
			ct, paths := e.fe.checkType(t)
			meta.defines = append(meta.defines, defined{id.Name, feVar{check: ct, lowered: lt, paths: paths}})
		}
	}
	for i, st := range body.List {
		// A trailing expression is the cell's result.
		if es, ok := st.(*ast.ExprStmt); ok && i == len(body.List)-1 && result {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				meta.trailing = e.trailingOf(tc, call)
			}
			if tv, ok := tc.info.Types[es.X]; ok && !tv.IsVoid() {
				meta.packed = true
				if pure(es.X) {
					l.insert(es.Pos(), rtPkg+".Text("+oneLine(tc.lay.code[tc.off(es.X.Pos()):tc.off(es.X.End())])+"); ", false)
				}
				l.insert(es.Pos(), rtPkg+".Pack(", false)
				l.insert(es.End(), ")", true)
			}
		}
	}
	if result {
		e.checkErrs(l, tc, body)
	}
	prev := l.enterFrame(body, cellFunc)
	err := l.walk(body)
	l.leaveFrame(prev)
	if err != nil {
		return "", nil, nil, err
	}
	// ctx is the running cell's context. (Begin, which records the goroutine running
	// the cell for stuck-call detection, runs just before the function, where the stack
	// it reads is short.)
	l.insert(body.Lbrace+1, "ctx = "+feRtPkg+".Ctx();", false)
	// The cell's package variables are initialised first, in Go's dependency order.
	if inits := e.varInits(l, tc); inits != "" {
		l.insert(body.Lbrace+1, inits, false)
	}
	if len(inits) > 0 && keep {
		l.insert(body.Lbrace+1, strings.Join(inits, "(); ")+"();", false)
	}
	if declaresMain && keep {
		l.insert(body.Rbrace, ";"+mainFunc+"()", true)
	}
	meta.checkEnd = l.markEnd(body)
	meta.noCall = len(body.List) == 0 && !(declaresMain && keep) && !(len(inits) > 0 && keep) && !l.varInitCell
	if l.err != nil {
		return "", nil, nil, l.err
	}
	// A cell of statements only (the common small cell) runs as one interpreter program:
	// its new variables, then its function literal called in place.
	if len(out.decls) == 0 && len(meta.decls) == 0 && len(inits) == 0 && !declaresMain && !hasDecls(tc) {
		var b strings.Builder
		// A statement first: yaegi takes source starting with var for declarations.
		b.WriteString("/*line " + genFile + ":1:1*/" + rtPkg + ".Begin();")
		for _, d := range meta.defines {
			if old, ok := e.fe.vars[d.name]; ok && old.lowered == d.v.lowered && e.names[d.name] != nil && e.names[d.name].kind == "var" {
				continue
			}
			fmt.Fprintf(&b, "/*line %s:1:1*/var %s %s;", genFile, d.name, d.v.lowered)
		}
		b.WriteString("/*line " + genFile + ":1:1*/(func()")
		b.WriteString(l.renderRange(body.Lbrace, body.Rbrace+1))
		b.WriteString("/*line " + genFile + ":1:1*/)()")
		meta.single = true
		return b.String(), meta, out, nil
	}
	// Assemble: generated declarations, new session variables, then the cell.
	var b strings.Builder
	b.WriteString("package main\n")
	for _, d := range out.decls {
		b.WriteString("/*line " + genFile + ":1:1*/")
		b.WriteString(d)
		b.WriteString("\n")
	}
	for _, d := range meta.defines {
		if old, ok := e.fe.vars[d.name]; ok && old.lowered == d.v.lowered && e.names[d.name] != nil && e.names[d.name].kind == "var" {
			continue
		}
		fmt.Fprintf(&b, "/*line %s:1:1*/var %s %s\n", genFile, d.name, d.v.lowered)
	}
	file := tc.fset.File(tc.file.Pos())
	b.WriteString(l.renderRange(file.Pos(tc.declStart), file.Pos(len(tc.cellSrc))))
	return b.String(), meta, out, nil
}

// runTyped runs a Go cell through the typed front end.
func (e *Engine) runTyped(ctx context.Context, code string, result, keep bool) (cellValue, error) {
	code = programToCell(code)
	lay, err := layoutCellIn(e.fe.fset, code)
	if err != nil {
		return cellValue{}, e.cellError(code, err)
	}
	if len(lay.groups) == 0 {
		return cellValue{}, nil
	}
	if err := e.importCell(ctx, code, lay); err != nil {
		return cellValue{}, err
	}
	tc, err := e.typeCheck(lay)
	if err != nil && keep && !lay.hasStmts && !e.retrying && e.waitsForNames(err) {
		return e.pend(ctx, code, err)
	}
	if err != nil {
		var te *typeError
		if errors.As(err, &te) {
			if strings.HasPrefix(te.msg, "undefined: ") {
				if w := e.waitingFor(strings.TrimPrefix(te.msg, "undefined: ")); w != "" {
					te.msg += " (" + w + ")"
				}
			}
			l, c := lineCol(code, te.pos)
			return cellValue{}, &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", l, c, te.msg),
				Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, te.msg)}, sourceLine(code, l, c)...)}
		}
		return cellValue{}, &kernel.ExecError{Name: "CompileError", Value: err.Error(), Traceback: []string{err.Error()}}
	}
	src, meta, out, err := e.lowerCell(tc, result, keep)
	if err != nil {
		var ue *unsupportedError
		if errors.As(err, &ue) {
			return cellValue{}, e.cellError(code, err)
		}
		return cellValue{}, &kernel.ExecError{Name: "CompileError", Value: err.Error(), Traceback: []string{err.Error()}}
	}
	if err := e.importAliases(context.Background(), out); err != nil {
		return cellValue{}, err
	}
	src = forInterpreter(src)
	e.log.Debug("lowered cell", "source", src)
	prog, err := e.compileSrc(src)
	if err != nil {
		return cellValue{}, e.feCompileError(code, err)
	}
	run, top, end := e.startRun(ctx)
	defer end()
	defer e.guardRun(run, code, top)()
	e.fe.reached.Store(false)
	if _, err := e.executeCell(ctx, run, compiled{prog: prog}); err != nil {
		if meta.single {
			// Its variables exist now, even though the cell failed.
			e.defineVars(meta)
		}
		return cellValue{}, e.feRuntimeError(code, err)
	}
	// The declarations exist now: remember them.
	e.remember(out)
	var changed []string
	if keep {
		changed = e.keepDecls(code, meta)
	}
	changed = append(changed, e.defineVars(meta)...)
	if keep {
		e.rebindTyped(ctx, changed)
		if len(meta.decls) > 0 && len(e.pending) > 0 && !e.retrying {
			e.retryPending(ctx)
		}
	}
	if !meta.single && !meta.noCall {
		call, err := e.compileSrc(fmt.Sprintf("/*line _.go:%d:1*/%s.Begin(); %s()", genLine, rtPkg, meta.fn))
		if err != nil {
			return cellValue{}, e.feCompileError(code, err)
		}
		if _, err := e.executeCell(ctx, run, compiled{prog: call}); err != nil {
			return cellValue{}, e.feRuntimeError(code, err)
		}
	}
	if err := run.failure(); err != nil {
		return cellValue{}, e.feRuntimeError(code, err)
	}
	if meta.checkEnd && !meta.noCall && !e.fe.reached.Load() && ctx.Err() == nil {
		return cellValue{}, errStoppedEarly
	}
	var vals []any
	if meta.packed {
		e.cellMu.Lock()
		vals = run.vals
		run.vals = nil
		e.cellMu.Unlock()
	}
	return cellValue{vals: vals, call: meta.trailing}, nil
}

// remember records the generated declarations of a lowered cell as the session's.
func (e *Engine) remember(out *lowered) {
	for k, v := range out.insts {
		e.fe.insts[k] = v
	}
	for k := range out.emitted {
		e.fe.emitted[k] = true
	}
	for k, v := range out.instNames {
		e.instNames[k] = v
	}
}

// compileSrc compiles source, turning an interpreter panic into an error.
func (e *Engine) compileSrc(src string) (prog *interpProgram, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the interpreter failed on this cell: %v", r)
		}
	}()
	return e.compileUnit(src)
}

// rebindTyped re-evaluates stored functions, methods and types that use a changed name.
func (e *Engine) rebindTyped(ctx context.Context, changed []string) {
	if len(changed) == 0 {
		return
	}
	set := map[string]bool{}
	for _, n := range changed {
		set[n] = true
		if i := strings.IndexByte(n, '.'); i > 0 {
			set[n[i+1:]] = true
		}
	}
	todo := map[*storedDecl]bool{}
	for grew := true; grew; {
		grew = false
		for _, d := range e.decls {
			if todo[d] || d.kind == "var" || d.kind == "const" || set[d.names[0]] && !todo[d] && contains(changed, d.names[0]) {
				continue
			}
			for r := range d.refs {
				if set[r] {
					todo[d] = true
					grew = true
					for _, n := range d.names {
						set[n] = true
					}
					break
				}
			}
		}
	}
	var list []*storedDecl
	for d := range todo {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
	var b strings.Builder
	for _, d := range list {
		b.WriteString(d.src)
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		return
	}
	if _, err := e.runTyped(ctx, b.String(), false, false); err != nil {
		var names []string
		for _, d := range list {
			names = append(names, strings.Join(d.names, ", "))
		}
		fmt.Fprintf(e.errw, "note: %s no longer compiles after the redefinition: %s\n", strings.Join(names, "; "), describeErr(err))
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// importCell imports what the cell imports and, for package names it uses without
// importing them, the package of that name from the symbol tables.
func (e *Engine) importCell(ctx context.Context, code string, lay *cellLayout) error {
	an := &analysis{imports: lay.imports, pkgRefs: lay.pkgRefs}
	for n := range lay.declNames {
		an.defines = append(an.defines, n)
	}
	return e.importAll(context.Background(), code, []*analysis{an})
}

// importAliases imports the packages the generated code names by hidden names.
func (e *Engine) importAliases(ctx context.Context, out *lowered) error {
	var todo []string
	for p := range out.aliases {
		if !e.fe.imported[p] && e.fe.nameFor(p) != e.importedName(p) {
			todo = append(todo, p)
		}
	}
	if !e.fe.imported[feRtPath] {
		todo = append(todo, feRtPath)
	}
	if len(todo) == 0 {
		return nil
	}
	sort.Strings(todo)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range todo {
		name := e.fe.alias(p)
		if p == feRtPath {
			name = feRtPkg
		}
		fmt.Fprintf(&b, "\t%s %q\n", name, p)
	}
	b.WriteString(")\n")
	if _, err := e.compileRun(ctx, b.String()); err != nil {
		return &kernel.ExecError{Name: "ImportError", Value: err.Error()}
	}
	for _, p := range todo {
		e.fe.imported[p] = true
		if p != feRtPath {
			e.imports[e.fe.alias(p)] = p
		}
	}
	return nil
}

// importedName is the name the session imported path under, or "".
func (e *Engine) importedName(path string) string {
	names := make([]string, 0, 1)
	for n, p := range e.imports {
		if p == path {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// nameFor is the front end's name for package path (see frontEnd.alias).
func (e *Engine) nameFor(path string) string {
	if n := e.importedName(path); n != "" {
		return n
	}
	n := pkgName(path)
	if _, taken := e.imports[n]; taken || e.names[n] != nil || n == "ctx" {
		return ""
	}
	return n
}

// genLine is the line generated code is placed at in the interpreter's source.
const genLine = 1000000

func sortedSet(m map[string]bool) []string {
	var r []string
	for k := range m {
		r = append(r, k)
	}
	sort.Strings(r)
	return r
}

// joinFn is errors.Join for cells: yaegi hands cell-defined errors to a compiled
// ...error parameter without their methods; registered in MapTypes, its arguments arrive
// wrapped as errors.
var joinFn = reflect.ValueOf(func(errs ...any) error {
	es := make([]error, 0, len(errs))
	for _, x := range errs {
		if x == nil {
			continue
		}
		if err, ok := x.(error); ok {
			es = append(es, err)
		}
	}
	return errors.Join(es...)
})

// Declarations that use names no cell has defined yet wait, as declarations of a Go
// package may use names declared further down: a cell holding only declarations whose
// sole problem is undefined names is kept and defined once the names exist.

// declForChecking returns the source of a stored declaration as later cells are checked
// against it: a non-generic function keeps its signature and loses its body, which was
// checked when its cell ran.
func declForChecking(src string) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return src
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil || fd.Type.TypeParams != nil {
		return src
	}
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		switch t := ast.Unparen(fd.Recv.List[0].Type).(type) {
		case *ast.StarExpr:
			if _, ok := t.X.(*ast.Ident); !ok {
				return src
			}
		case *ast.Ident:
		default:
			return src
		}
	}
	const off = len("package p\n")
	start, end := fset.Position(fd.Body.Lbrace).Offset-off, fset.Position(fd.Body.Rbrace).Offset-off
	return src[:start] + "{ panic(0) }" + src[end+1:]
}

// defineVars records the session variables the cell defined and returns those whose
// type changed.
func (e *Engine) defineVars(meta *cellMeta) []string {
	var changed []string
	for _, d := range meta.defines {
		old, had := e.fe.vars[d.name]
		e.fe.vars[d.name] = d.v
		e.dropStoredVar(d.name)
		if had && old.lowered != d.v.lowered {
			changed = append(changed, d.name)
		}
		e.define("var", d.name)
	}
	return changed
}
