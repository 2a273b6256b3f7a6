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
}

// hasDecls reports whether the cell declares anything at package level.
func hasDecls(tc *typedCell) bool {
	for _, d := range tc.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name != cellFunc {
				return true
			}
		case *ast.GenDecl:
			if d.Tok != token.IMPORT {
				return true
			}
		}
	}
	return false
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
				}
			}
			meta.decls = append(meta.decls, e.declOf(tc, d))
		}
	}
	var fnDecl *ast.FuncDecl
	for _, d := range tc.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc {
			fnDecl = fd
		}
	}
	body := fnDecl.Body
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
			if obj == nil {
				continue // an existing variable of this cell, assigned again
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
	if err := l.walk(body); err != nil {
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
	meta.noCall = len(body.List) == 0 && !(declaresMain && keep) && !(len(inits) > 0 && keep) && !l.varInitCell
	if l.err != nil {
		return "", nil, nil, l.err
	}
	// A cell of statements only (the common small cell) runs as one interpreter program:
	// its new variables, then its function literal called in place.
	if len(out.decls) == 0 && len(meta.decls) == 0 && len(inits) == 0 && !declaresMain && !hasDecls(tc) {
		var b strings.Builder
		// A statement first: yaegi takes source starting with var for declarations.
		b.WriteString(rtPkg + ".Begin();")
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

// isGenericDecl reports whether d declares a generic function or a method of a generic
// type.
func (e *Engine) isGenericDecl(tc *typedCell, d *ast.FuncDecl) bool {
	if d.Type.TypeParams != nil {
		return true
	}
	if d.Recv != nil && len(d.Recv.List) > 0 {
		if tn, ok := tc.info.Uses[recvIdent(d.Recv.List[0].Type)].(*types.TypeName); ok {
			if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
				return true
			}
		}
	}
	return false
}

// declOf describes a top-level declaration of the cell for the session's table.
func (e *Engine) declOf(tc *typedCell, d ast.Decl) declInfo {
	info := declInfo{start: tc.off(d.Pos()), end: tc.off(d.End()), refs: map[string]bool{}}
	switch d := d.(type) {
	case *ast.FuncDecl:
		info.kind = token.FUNC
		if d.Recv != nil && len(d.Recv.List) > 0 {
			info.names = []string{recvTypeName(d.Recv.List[0].Type) + "." + d.Name.Name}
		} else {
			info.names = []string{d.Name.Name}
		}
	case *ast.GenDecl:
		info.kind = d.Tok
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				info.names = append(info.names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					info.names = append(info.names, n.Name)
				}
			}
		}
	}
	ast.Inspect(d, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			info.refs[id.Name] = true
		}
		return true
	})
	for _, n := range info.names {
		delete(info.refs, n)
	}
	return info
}

// retype gives a redefined type a fresh hidden name and makes the old name an alias of
// it: yaegi keeps the first definition of a type name.
func (e *Engine) retype(l *lowerer, tc *typedCell, ts *ast.TypeSpec, gd *ast.GenDecl) {
	if ts.Assign.IsValid() || !e.typeGlobal(ts.Name.Name) {
		return
	}
	hidden := l.tmp("type_" + ts.Name.Name)
	alias := "; type " + ts.Name.Name + " = " + hidden
	if gd.Lparen.IsValid() {
		alias = "; " + ts.Name.Name + " = " + hidden
	}
	l.replace(ts.Name.Pos(), ts.Name.End(), hidden)
	l.insert(ts.End(), alias, true)
}

// trailingOf describes the cell's trailing call.
func (e *Engine) trailingOf(tc *typedCell, call *ast.CallExpr) *trailingCall {
	code := tc.lay.code
	c := &trailingCall{off: tc.off(call.Pos()), text: oneLine(code[tc.off(call.Pos()):tc.off(call.End())])}
	if len(c.text) > 60 {
		c.text = c.text[:57] + "..."
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		c.name = f.Name
	case *ast.SelectorExpr:
		c.name = f.Sel.Name
		if id, ok := f.X.(*ast.Ident); ok {
			if pn, ok := tc.info.Uses[id].(*types.PkgName); ok {
				c.pkg = pn.Imported().Path()
			}
		}
	}
	return c
}

// checkErrs stops the cell at a top-level statement that assigns a non-nil err the cell
// never reads afterwards (before assigning err again).
func (e *Engine) checkErrs(l *lowerer, tc *typedCell, body *ast.BlockStmt) {
	// errObj is the variable err a top-level statement assigns, or nil.
	errObj := func(st ast.Stmt) types.Object {
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			return nil
		}
		for _, x := range as.Lhs {
			if id, ok := x.(*ast.Ident); ok && id.Name == "err" {
				o := tc.info.ObjectOf(id)
				if o != nil && types.Implements(o.Type(), errorType.Underlying().(*types.Interface)) {
					return o
				}
			}
		}
		return nil
	}
	// reads reports whether n reads obj (the left side of skipLHS does not count).
	reads := func(n ast.Node, obj types.Object, skipLHS *ast.AssignStmt) bool {
		found := false
		var visit func(c ast.Node) bool
		visit = func(c ast.Node) bool {
			if found {
				return false
			}
			if as, ok := c.(*ast.AssignStmt); ok && as == skipLHS {
				for _, r := range as.Rhs {
					ast.Inspect(r, visit)
				}
				return false
			}
			if id, ok := c.(*ast.Ident); ok && tc.info.Uses[id] == obj {
				found = true
			}
			return !found
		}
		ast.Inspect(n, visit)
		return found
	}
	for i, st := range body.List {
		obj := errObj(st)
		if obj == nil {
			continue
		}
		read := false
		for _, later := range body.List[i+1:] {
			if errObj(later) == obj {
				as := later.(*ast.AssignStmt)
				// err = f(err) reads it; x, err := g() does not.
				read = reads(as, obj, as)
				break
			}
			if reads(later, obj, nil) {
				read = true
				break
			}
		}
		// A function the cell declares may read err (the session variable) by name.
		if !read {
			for _, d := range tc.file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name != cellFunc {
					ast.Inspect(fd, func(c ast.Node) bool {
						if id, ok := c.(*ast.Ident); ok && id.Name == "err" && tc.info.Uses[id] != nil && tc.info.Uses[id].Parent() != nil && tc.info.Uses[id].Parent().Parent() == types.Universe {
							read = true
						}
						return !read
					})
				}
			}
		}
		if read {
			continue
		}
		line, _ := lineCol(tc.lay.code, tc.off(st.Pos()))
		l.insert(st.End(), fmt.Sprintf("; %s.CheckErr(err, %d)", feRtPkg, line), true)
	}
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
	if _, err := e.execute(ctx, run, compiled{prog: prog}); err != nil {
		if meta.single {
			// Its variables exist now, even though the cell failed.
			e.defineVars(meta)
		}
		return cellValue{}, e.feRuntimeError(code, err)
	}
	// The declarations exist now: remember them.
	for k, v := range out.insts {
		e.fe.insts[k] = v
	}
	for k := range out.emitted {
		e.fe.emitted[k] = true
	}
	for k, v := range out.instNames {
		e.instNames[k] = v
	}
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
		call, err := e.compileSrc(rtPkg + ".Begin(); " + meta.fn + "()")
		if err != nil {
			return cellValue{}, e.feCompileError(code, err)
		}
		if _, err := e.execute(ctx, run, compiled{prog: call}); err != nil {
			return cellValue{}, e.feRuntimeError(code, err)
		}
	}
	if err := run.failure(); err != nil {
		return cellValue{}, e.feRuntimeError(code, err)
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

// compileSrc compiles source, turning an interpreter panic into an error.
func (e *Engine) compileSrc(src string) (prog *interpProgram, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the interpreter failed on this cell: %v", r)
		}
	}()
	return e.i.Compile(src)
}

// keepDecls stores the cell's declarations and returns the names they redefine.
func (e *Engine) keepDecls(code string, meta *cellMeta) []string {
	var changed []string
	for _, d := range meta.decls {
		if d.start < 0 || d.end < 0 {
			continue
		}
		kind := d.kind.String()
		sd := &storedDecl{names: d.names, kind: kind, src: code[d.start:d.end], refs: d.refs}
		sd.check = declForChecking(sd.src)
		e.seq++
		sd.seq = e.seq
		for _, n := range d.names {
			if strings.Contains(n, ".") && e.storedName(n) {
				changed = append(changed, n) // a method redefined
			}
			delete(e.fe.vars, n)
		}
		e.replaceDecl(sd)
		changed = append(changed, e.define(kind, d.names...)...)
	}
	return changed
}

// storedName reports whether a stored declaration declares name.
func (e *Engine) storedName(name string) bool {
	for _, d := range e.decls {
		for _, n := range d.names {
			if n == name {
				return true
			}
		}
	}
	return false
}

// dropStoredVar forgets a stored var or const declaration of name, now a := variable.
func (e *Engine) dropStoredVar(name string) {
	kept := e.decls[:0]
	for _, d := range e.decls {
		if (d.kind == "var" || d.kind == "const") && len(d.names) == 1 && d.names[0] == name {
			continue
		}
		kept = append(kept, d)
	}
	e.decls = kept
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

// feCompileError reports an interpreter compile error of lowered code. Positions are
// cell positions already (line directives); generated code has none.
func (e *Engine) feCompileError(code string, err error) error {
	msg := strings.TrimSpace(err.Error())
	first := strings.SplitN(msg, "\n", 2)[0]
	if m := posRE.FindStringSubmatch(first); m != nil {
		var l, c int
		fmt.Sscanf(m[1]+" "+m[2], "%d %d", &l, &c)
		if l >= genLine {
			return &kernel.ExecError{Name: "CompileError", Value: "the interpreter could not compile the lowered cell: " + m[3], Traceback: []string{msg}}
		}
		text := hint(m[3])
		return &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", l, c, text),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, text)}, sourceLine(code, l, c)...)}
	}
	return &kernel.ExecError{Name: "CompileError", Value: "the interpreter could not compile the lowered cell: " + first, Traceback: []string{msg}}
}

// feRuntimeError converts a failure of running lowered code.
func (e *Engine) feRuntimeError(code string, err error) error {
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	var p interpPanic
	if errors.As(err, &p) {
		if u, ok := p.Value.(uncheckedErr); ok {
			name, msg := errorName(u.err), u.err.Error()
			value := fmt.Sprintf("err is set: %s (assigned at line %d)", msg, u.line)
			e.cellMu.Lock()
			if e.run != nil {
				e.run.trace = nil
			}
			e.cellMu.Unlock()
			return &kernel.ExecError{Name: name, Value: value, Traceback: append([]string{
				name + ": " + value,
				fmt.Sprintf("  at cell:%d: err was assigned a non-nil error and the cell never checked it", u.line),
			}, sourceLine(code, u.line, 1)...)}
		}
	}
	return e.runtimeErrorAt(code, compiled{}, e.cellPanicError(err))
}

// setTyped declares session variable name with value's type and sets it.
func (e *Engine) setTyped(name string, rv reflect.Value) error {
	out := newLowered()
	l := &lowerer{fe: e.fe, out: out, edits: map[string][]edit{}, pkgPath: "main"}
	t, err := l.reflectType(rv.Type())
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	if err := e.importAliases(context.Background(), out); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	if _, err := e.compileRun(context.Background(), "package main\nvar "+name+" "+t); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	g, ok := e.globals()[name]
	if !ok || !g.CanSet() {
		return fmt.Errorf("set %s: the variable was not created", name)
	}
	g.Set(rv)
	e.fe.vars[name] = feVar{check: t, lowered: t, paths: sortedSet(out.aliases)}
	e.dropStoredVar(name)
	e.define("var", name)
	return nil
}

// reflectType writes a compiled type as source.
func (l *lowerer) reflectType(t reflect.Type) (string, error) {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name(), nil
		}
		if strings.ContainsAny(t.Name(), "[") {
			return "", &unnameable{t.String()}
		}
		first := t.Name()[:1]
		if strings.ToUpper(first) != first {
			return "", &unnameable{t.String()}
		}
		l.needAlias(t.PkgPath())
		return l.fe.alias(t.PkgPath()) + "." + t.Name(), nil
	}
	elem := func(prefix string, et reflect.Type) (string, error) {
		s, err := l.reflectType(et)
		return prefix + s, err
	}
	switch t.Kind() {
	case reflect.Pointer:
		return elem("*", t.Elem())
	case reflect.Slice:
		return elem("[]", t.Elem())
	case reflect.Array:
		return elem(fmt.Sprintf("[%d]", t.Len()), t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return elem("<-chan ", t.Elem())
		case reflect.SendDir:
			return elem("chan<- ", t.Elem())
		}
		return elem("chan ", t.Elem())
	case reflect.Map:
		k, err := l.reflectType(t.Key())
		if err != nil {
			return "", err
		}
		return elem("map["+k+"]", t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "interface{}", nil
		}
	case reflect.Func:
		var ps, rs []string
		for i := 0; i < t.NumIn(); i++ {
			s, err := l.reflectType(t.In(i))
			if err != nil {
				return "", err
			}
			if t.IsVariadic() && i == t.NumIn()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			ps = append(ps, s)
		}
		for i := 0; i < t.NumOut(); i++ {
			s, err := l.reflectType(t.Out(i))
			if err != nil {
				return "", err
			}
			rs = append(rs, s)
		}
		r := "func(" + strings.Join(ps, ", ") + ")"
		if len(rs) == 1 {
			r += " " + rs[0]
		} else if len(rs) > 1 {
			r += " (" + strings.Join(rs, ", ") + ")"
		}
		return r, nil
	case reflect.Struct:
		var fs []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			s, err := l.reflectType(f.Type)
			if err != nil {
				return "", err
			}
			if f.Anonymous {
				fs = append(fs, s)
			} else {
				fs = append(fs, f.Name+" "+s)
			}
		}
		return "struct{" + strings.Join(fs, "; ") + "}", nil
	}
	return "", &unnameable{t.String()}
}

// genLine is the line generated code is placed at in the interpreter's source.
const genLine = 1000000

// forInterpreter renames the line directives of lowered source for yaegi, which scopes
// imports by file name: cell text keeps its lines and columns in file "_.go", generated
// text is placed at line genLine.
func forInterpreter(src string) string {
	src = strings.ReplaceAll(src, "/*line "+genFile+":1:1*/", fmt.Sprintf("/*line _.go:%d:1*/", genLine))
	return strings.ReplaceAll(src, "/*line "+cellFile+":", "/*line _.go:")
}

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

// waitsForNames reports whether a type-check failure is about names not defined yet.
func (e *Engine) waitsForNames(err error) bool {
	var te *typeError
	if !errors.As(err, &te) {
		return false
	}
	return strings.HasPrefix(te.msg, "undefined: ") || strings.Contains(te.msg, "has no field or method")
}

// pend keeps a declaration cell for later, or defines it together with the waiting ones
// when they complete each other (mutual recursion across cells).
func (e *Engine) pend(ctx context.Context, code string, cause error) (cellValue, error) {
	if len(e.pending) > 0 && !e.retrying {
		all := append(append([]pendingDecl(nil), e.pending...), pendingDecl{src: code})
		if e.runPending(ctx, all) {
			e.pending = nil
			return cellValue{}, nil
		}
	}
	var te *typeError
	errors.As(cause, &te)
	e.pending = append(e.pending, pendingDecl{src: code, why: te.msg, names: layoutNames(code)})
	fmt.Fprintf(e.errw, "note: not defined yet (%s); the declaration is kept and defined when a later cell provides what it uses\n", te.msg)
	return cellValue{}, nil
}

// pendingDecl is a declaration cell waiting for names.
type pendingDecl struct {
	src   string
	why   string
	names []string
}

func layoutNames(code string) []string {
	lay, err := layoutCell(programToCell(code))
	if err != nil {
		return nil
	}
	var ns []string
	for n := range lay.declNames {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// runPending defines waiting declarations as one cell; it reports success.
func (e *Engine) runPending(ctx context.Context, ps []pendingDecl) bool {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(programToCell(p.src))
		b.WriteString("\n")
	}
	e.retrying = true
	defer func() { e.retrying = false }()
	_, err := e.runTyped(ctx, b.String(), false, true)
	if err != nil {
		e.log.Debug("waiting declarations still fail", "error", describeErr(err))
	}
	return err == nil
}

// retryPending defines the waiting declarations once they type-check.
func (e *Engine) retryPending(ctx context.Context) {
	if e.runPending(ctx, e.pending) {
		e.pending = nil
		return
	}
	// Some may still wait: define those that can be defined on their own.
	var still []pendingDecl
	for _, p := range e.pending {
		if !e.runPending(ctx, []pendingDecl{p}) {
			still = append(still, p)
		}
	}
	e.pending = still
}

// waitingFor explains that name is declared by a cell still waiting for names.
func (e *Engine) waitingFor(name string) string {
	for _, p := range e.pending {
		for _, n := range p.names {
			if n == name {
				return name + " is declared by a cell that is not defined yet: " + p.why
			}
		}
	}
	return ""
}

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

// varDeclTyped writes a package-level var declaration of the cell without its
// initialisers (they run, in dependency order, at the start of the cell: see varInits),
// so that yaegi's textual order of initialisation does not matter. It reports whether it
// did; declarations whose types cannot be written keep their initialisers.
func (e *Engine) varDeclTyped(l *lowerer, tc *typedCell, d *ast.GenDecl) bool {
	var specs []string
	values := 0
	tuple := false
	for _, sp := range d.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Values) > 0 {
			values++
		}
		if len(vs.Names) > 1 && len(vs.Values) == 1 {
			tuple = true // var a, b = f(): yaegi gives both the last result
		}
		for _, id := range vs.Names {
			if id.Name == "_" {
				continue
			}
			o := tc.info.Defs[id]
			if o == nil {
				return false
			}
			t, err := l.typeExpr(o.Type())
			if err != nil {
				return false
			}
			specs = append(specs, id.Name+" "+t)
		}
	}
	// Order matters only between several initialised variables; yaegi also cannot
	// initialise a package variable from a generic instance.
	if values < 2 && countVarInits(tc) < 2 && !usesInstance(tc, d) && !tuple {
		return false
	}
	text := "var (" + strings.Join(specs, "; ") + ")"
	text += strings.Repeat("\n", strings.Count(l.text(d), "\n"))
	l.replace(d.Pos(), d.End(), text)
	l.varInitCell = true
	if l.typedVars == nil {
		l.typedVars = map[types.Object]bool{}
	}
	for _, sp := range d.Specs {
		for _, id := range sp.(*ast.ValueSpec).Names {
			if o := tc.info.Defs[id]; o != nil {
				l.typedVars[o] = true
			}
		}
	}
	return true
}

// varInits returns the assignments that initialise the cell's package variables, in the
// order go/types computed.
func (e *Engine) varInits(l *lowerer, tc *typedCell) string {
	if !l.varInitCell {
		return ""
	}
	file := tc.fset.File(tc.file.Pos())
	var b strings.Builder
	for _, in := range tc.info.InitOrder {
		if len(in.Lhs) == 0 || tc.fset.File(in.Lhs[0].Pos()) != file || !l.typedVars[in.Lhs[0]] {
			continue
		}
		var lhs []string
		for _, v := range in.Lhs {
			lhs = append(lhs, v.Name())
		}
		if len(lhs) > 1 {
			// Through temporaries: yaegi assigns every result of a call to the last
			// package variable.
			var tmps []string
			for range lhs {
				tmps = append(tmps, l.tmp("init"))
			}
			fmt.Fprintf(&b, " { %s := %s; %s = %s };", strings.Join(tmps, ", "), l.renderSub(in.Rhs), strings.Join(lhs, ", "), strings.Join(tmps, ", "))
			continue
		}
		fmt.Fprintf(&b, " %s = %s;", strings.Join(lhs, ", "), l.renderSub(in.Rhs))
	}
	return b.String()
}

// countVarInits counts the cell's package-level variables with initialisers.
func countVarInits(tc *typedCell) int {
	n := 0
	for _, d := range tc.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, sp := range gd.Specs {
				if vs := sp.(*ast.ValueSpec); len(vs.Values) > 0 {
					n++
				}
			}
		}
	}
	return n
}

// usesInstance reports whether n uses a generic function or type.
func usesInstance(tc *typedCell, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		if id, ok := c.(*ast.Ident); ok {
			if _, ok := tc.info.Instances[id]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}
