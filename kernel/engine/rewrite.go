package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// Names the rewrites introduce into the session. They start with "__sluice" so that
// completion and %who hide them.
const (
	hiddenPrefix = "__sluice"
	rtPkg        = "__sluice_rt"      // compiled runtime helpers (see runtime.go)
	displayAlias = "__sluice_display" // the display package, imported by the prelude
)

// unsupportedError is a Go feature the interpreter cannot run, found before yaegi sees it.
type unsupportedError struct {
	pos     int // cell offset
	feature string
	hint    string
}

func (e *unsupportedError) Error() string {
	return e.feature + " is not supported by the Sluice interpreter: " + e.hint
}

// nameScope is what the rewriter needs to know about names defined by earlier cells.
type nameScope interface {
	// global reports whether name is a session variable, constant, function or type.
	global(name string) bool
	// intGlobal reports whether name is a session variable or constant of integer kind.
	intGlobal(name string) bool
	// funcGlobal reports whether name is a session function (not a variable), or a
	// function declared earlier in the running cell.
	funcGlobal(name string) bool
	// typeGlobal reports whether name is a session type.
	typeGlobal(name string) bool
	// importPath returns the path imported under name, or "".
	importPath(name string) string
	// handleGlobal reports whether name is a session variable holding a *display.Handle.
	handleGlobal(name string) bool
}

// declInfo is one top-level declaration of a cell.
type declInfo struct {
	names []string // declared names; methods as "Type.Method"
	kind  token.Token
	start int // cell offsets
	end   int
	refs  map[string]bool
}

// importInfo is one import spec of a cell.
type importInfo struct {
	name, path string
	pos        int
}

// analysis is the result of rewriting one group.
type analysis struct {
	edits    []edit // always applied
	optional []edit // ":=" to "=" for names that already exist: tried first, dropped on error
	packEdit []edit // wraps the trailing expression so its values become the result
	// rangeMaybe rewrites range loops over expressions that may be integers; applied
	// only when the group does not compile without them.
	rangeMaybe []edit
	defines    []string
	decls      []declInfo
	imports    []importInfo
	pkgRefs    map[string]bool // identifiers used as X in X.Sel that no local declaration resolves
	// trailing is the cell's trailing expression when it is a call (last group only).
	trailing *trailingCall
	// errAssigns are the top-level statements that assign the variable err.
	errAssigns []errAssign
}

// wrapper prefixes used to parse groups the way yaegi compiles them.
const (
	stmtWrap = "package main;func _(){"
	declWrap = "package main;"
)

// padFor returns the text that places a group at its cell line and column when the group
// text follows it, after one leading line break (the line yaegi's wrapper takes).
func padFor(cell string, start int) string {
	line, col := lineCol(cell, start)
	return "\n" + strings.Repeat("\n", line-1) + strings.Repeat(" ", col-1)
}

// syntaxError reports a parse failure at cell offset pos.
type syntaxError struct {
	pos int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// rewriter analyses and rewrites one group.
type rewriter struct {
	cell    string
	g       group
	sess    nameScope
	fset    *token.FileSet
	base    int // subtract from file offsets, add g.start, to get cell offsets
	an      *analysis
	counter *int
	last    bool // the group is the cell's last one
	locals  map[string]bool
}

func (r *rewriter) off(p token.Pos) int { return r.fset.Position(p).Offset - r.base + r.g.start }

func (r *rewriter) text(n ast.Node) string { return r.cell[r.off(n.Pos()):r.off(n.End())] }

func (r *rewriter) tmp(kind string) string {
	*r.counter++
	return fmt.Sprintf("%s_%s%d", hiddenPrefix, kind, *r.counter)
}

// analyse parses group g of cell and computes its rewrites.
func analyse(cell string, g group, last bool, sess nameScope, counter *int) (*analysis, error) {
	pad := padFor(cell, g.start)
	wrap := declWrap
	if g.kind == groupStmt {
		wrap = stmtWrap
	}
	src := wrap + pad + cell[g.start:g.end]
	if g.kind == groupStmt {
		src += "\n}"
	}
	fset := token.NewFileSet()
	r := &rewriter{cell: cell, g: g, sess: sess, fset: fset, base: len(wrap) + len(pad), an: &analysis{pkgRefs: map[string]bool{}}, counter: counter, last: last, locals: map[string]bool{}}
	f, err := parser.ParseFile(fset, "cell", src, parser.DeclarationErrors)
	if err != nil {
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			pos := list[0].Pos.Offset - r.base + g.start
			if pos < 0 {
				pos = 0
			}
			if pos > len(cell) {
				pos = len(cell)
			}
			return nil, &syntaxError{pos: pos, msg: list[0].Msg}
		}
		return nil, err
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		r.an.imports = append(r.an.imports, importInfo{name: name, path: path, pos: r.off(imp.Pos())})
	}
	if g.kind == groupImport {
		return r.an, nil
	}
	// Names declared in this group shadow builtins and session names for the rewrites.
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				r.locals[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					r.locals[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						r.locals[n.Name] = true
					}
				}
			}
		}
	}
	if err := r.walk(f); err != nil {
		return nil, err
	}
	if g.kind == groupDecl {
		r.collectDecls(f)
		r.retype(f)
		return r.an, nil
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	r.topLevel(body)
	return r.an, nil
}

// collectDecls records the declarations of a declaration group.
func (r *rewriter) collectDecls(f *ast.File) {
	for _, d := range f.Decls {
		info := declInfo{start: r.off(d.Pos()), end: r.off(d.End()), refs: map[string]bool{}}
		switch d := d.(type) {
		case *ast.FuncDecl:
			info.kind = token.FUNC
			if d.Recv != nil && len(d.Recv.List) > 0 {
				info.names = []string{recvTypeName(d.Recv.List[0].Type) + "." + d.Name.Name}
			} else {
				info.names = []string{d.Name.Name}
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
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
			r.an.defines = append(r.an.defines, n)
		}
		r.an.decls = append(r.an.decls, info)
	}
}

// retype makes a redefinition of an existing type take effect: yaegi keeps the first
// definition of a type name, so the new one gets a fresh hidden name and the old name
// becomes an alias of it.
func (r *rewriter) retype(f *ast.File) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if ts.Assign.IsValid() || ts.TypeParams != nil || !r.sess.typeGlobal(ts.Name.Name) {
				continue
			}
			hidden := r.tmp("type_" + ts.Name.Name)
			alias := "; type " + ts.Name.Name + " = " + hidden
			if gd.Lparen.IsValid() {
				alias = "; " + ts.Name.Name + " = " + hidden
			}
			r.an.edits = append(r.an.edits,
				edit{off: r.off(ts.Name.Pos()), n: len(ts.Name.Name), text: hidden},
				edit{off: r.off(ts.End()), n: 0, text: alias})
		}
	}
}

func recvTypeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return "?"
		}
	}
}

// topLevel handles the statements of a statement group: names defined with := (reusing
// existing session variables), min/max hoisting, and the trailing expression.
func (r *rewriter) topLevel(body *ast.BlockStmt) {
	for _, st := range body.List {
		switch st.(type) {
		case *ast.AssignStmt, *ast.ExprStmt, *ast.IncDecStmt, *ast.SendStmt:
			r.hoistMinMax(st)
		}
	}
	handled := map[ast.Stmt]bool{}
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
			// yaegi mis-compiles comma-ok forms, type switches and generic calls in
			// statements at top level, but not in function bodies. Names these statements
			// declare are scoped to them, so running them in a function literal keeps
			// their meaning.
			r.an.edits = append(r.an.edits,
				edit{off: r.off(st.Pos()), n: 0, text: "func() { "},
				edit{off: r.off(st.End()), n: 0, text: " }()", late: true})
		case *ast.AssignStmt:
			if r.commaOk(st) {
				handled[st] = true
			}
		}
	}
	for i, st := range body.List {
		if as, ok := st.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == "err" {
					r.an.errAssigns = append(r.an.errAssigns, errAssign{start: r.off(as.Pos()), end: r.off(as.End())})
					break
				}
			}
		}
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && handled[st] {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					r.an.defines = append(r.an.defines, id.Name)
				}
			}
		} else if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			all := true
			for _, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					all = false
					continue
				}
				if id.Name == "_" {
					continue
				}
				r.an.defines = append(r.an.defines, id.Name)
				if !r.sess.global(id.Name) {
					all = false
				}
			}
			if all {
				r.an.optional = append(r.an.optional, edit{off: r.off(as.TokPos), n: 2, text: "= "})
			}
		}
		if i == len(body.List)-1 && r.last {
			if es, ok := st.(*ast.ExprStmt); ok {
				start, end := r.off(es.Pos()), r.off(es.End())
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
					r.an.trailing = r.trailingCall(call)
				}
				r.an.packEdit = []edit{{off: start, n: 0, text: rtPkg + ".Pack("}, {off: end, n: 0, text: ")"}}
				if pure(es.X) {
					// Evaluating it twice is harmless: also pass it where the interpreter
					// wraps it as a fmt.Stringer, for the text of a rich value.
					r.an.packEdit[0].text = rtPkg + ".Text(" + r.text(es.X) + "); " + r.an.packEdit[0].text
				}
			}
		}
	}
}

// trailingCall describes the trailing call of a cell.
func (r *rewriter) trailingCall(call *ast.CallExpr) *trailingCall {
	c := &trailingCall{off: r.off(call.Pos()), text: oneLine(r.text(call))}
	if len(c.text) > 60 {
		c.text = c.text[:57] + "..."
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		c.name = f.Name
	case *ast.SelectorExpr:
		c.name = f.Sel.Name
		if id, ok := f.X.(*ast.Ident); ok && id.Obj == nil && !r.locals[id.Name] && !r.sess.global(id.Name) {
			c.pkg = id.Name
			if p := r.sess.importPath(id.Name); p != "" {
				c.pkg = p
			}
		}
	}
	return c
}

// commaOk rewrites a top-level "v, ok := m[k]", "v, ok := x.(T)" or "v, ok = <-ch"
// (which yaegi mis-compiles at top level) into declarations and an assignment in a
// function literal.
func (r *rewriter) commaOk(as *ast.AssignStmt) bool {
	if len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	rhs := ast.Unparen(as.Rhs[0])
	lhs := make([]string, 2)
	for i, l := range as.Lhs {
		lhs[i] = oneLine(r.text(l))
	}
	x := oneLine(r.text(rhs))
	var text string
	switch {
	case as.Tok == token.ASSIGN:
		switch rhs.(type) {
		case *ast.IndexExpr, *ast.TypeAssertExpr, *ast.UnaryExpr:
		default:
			return false
		}
		text = fmt.Sprintf("func() { %s, %s = %s }()", lhs[0], lhs[1], x)
	case as.Tok == token.DEFINE:
		var decl strings.Builder
		switch rx := rhs.(type) {
		case *ast.TypeAssertExpr:
			if rx.Type == nil {
				return false
			}
			if lhs[0] != "_" {
				fmt.Fprintf(&decl, "var %s %s; ", lhs[0], oneLine(r.text(rx.Type)))
			}
		case *ast.IndexExpr:
			if lhs[0] != "_" {
				fmt.Fprintf(&decl, "%s := %s; ", lhs[0], x)
			}
		default:
			return false
		}
		if lhs[1] != "_" {
			fmt.Fprintf(&decl, "var %s bool; ", lhs[1])
		}
		text = decl.String() + fmt.Sprintf("func() { %s, %s = %s }()", lhs[0], lhs[1], x)
	default:
		return false
	}
	start, end := r.off(as.Pos()), r.off(as.End())
	text += strings.Repeat("\n", strings.Count(r.cell[start:end], "\n"))
	kept := r.an.edits[:0]
	for _, e := range r.an.edits {
		if e.off < start || e.off >= end {
			kept = append(kept, e)
		}
	}
	r.an.edits = append(kept, edit{off: start, n: end - start, text: text})
	return true
}

// hoistMinMax computes min and max calls of a top-level statement in statements placed
// before it: yaegi cannot assign the result of a generic call at top level, and the
// variable initialised from a non-constant argument keeps that argument's type.
func (r *rewriter) hoistMinMax(st ast.Stmt) {
	var calls []*ast.CallExpr
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "min" || id.Name == "max") && r.builtin(id) && len(n.Args) > 0 {
				if _, folded := r.constMinMax(id.Name, n.Args); !folded {
					calls = append(calls, n)
					return false
				}
			}
		}
		return true
	})
	var pre strings.Builder
	for _, c := range calls {
		init := -1
		for i, a := range c.Args {
			if _, ok := constValue(a); !ok {
				init = i
				break
			}
		}
		if init < 0 {
			continue
		}
		op := "<"
		if c.Fun.(*ast.Ident).Name == "max" {
			op = ">"
		}
		m, t := r.tmp("m"), r.tmp("t")
		fmt.Fprintf(&pre, "%s := %s; ", m, oneLine(r.text(c.Args[init])))
		for i, a := range c.Args {
			if i == init {
				continue
			}
			fmt.Fprintf(&pre, "if %s := %s; %s %s %s || %s != %s { %s = %s }; ", t, oneLine(r.text(a)), t, op, m, t, t, m, t)
		}
		start, end := r.off(c.Pos()), r.off(c.End())
		kept := r.an.edits[:0]
		for _, e := range r.an.edits {
			if e.off < start || e.off >= end {
				kept = append(kept, e)
			}
		}
		r.an.edits = append(kept, edit{off: start, n: end - start, text: m + strings.Repeat("\n", strings.Count(r.cell[start:end], "\n"))})
	}
	if pre.Len() > 0 {
		r.an.edits = append(r.an.edits, edit{off: r.off(st.Pos()), n: 0, text: pre.String()})
	}
}

// oneLine joins a multi-line expression onto one line (edits must not add lines).
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// pure reports whether evaluating e has no side effects (no calls, receives or
// function literals).
func pure(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// walk applies the expression and statement rewrites everywhere in f.
func (r *rewriter) walk(f *ast.File) error {
	var err error
	ast.Inspect(f, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Obj == nil && !r.locals[id.Name] {
				r.an.pkgRefs[id.Name] = true
			}
		case *ast.RangeStmt:
			err = r.rangeStmt(n)
		case *ast.GoStmt:
			r.goStmt(n)
		case *ast.CallExpr:
			r.call(n)
		case *ast.FuncDecl:
			if n.Type.TypeParams != nil && n.Recv == nil {
				// Generic functions work in function bodies but yaegi cannot assign their
				// results at top level; nothing to rewrite here.
				return true
			}
		}
		return true
	})
	return err
}

// builtin reports whether id refers to the predeclared identifier (not shadowed by a
// local, cell or session declaration).
func (r *rewriter) builtin(id *ast.Ident) bool {
	return id.Obj == nil && !r.locals[id.Name] && !r.sess.global(id.Name)
}

// iterFuncs are standard functions returning iter.Seq/Seq2 values.
var iterFuncs = map[string]map[string]bool{
	"maps":    {"Keys": true, "Values": true, "All": true},
	"slices":  {"All": true, "Values": true, "Backward": true, "Chunk": true},
	"strings": {"Lines": true, "SplitSeq": true, "SplitAfterSeq": true, "FieldsSeq": true, "FieldsFuncSeq": true},
	"bytes":   {"Lines": true, "SplitSeq": true, "SplitAfterSeq": true, "FieldsSeq": true, "FieldsFuncSeq": true},
}

func (r *rewriter) rangeStmt(n *ast.RangeStmt) error {
	if r.rangeOverFunc(n.X) {
		return &unsupportedError{pos: r.off(n.X.Pos()), feature: "range over a function (Go 1.23 iterators)",
			hint: "collect the values into a slice first (for example with slices.Collect in compiled code) or call the iterator with a yield func"}
	}
	target := &r.an.edits
	if !r.isInt(n.X, 0) {
		if r.notInt(n.X) {
			return nil
		}
		// Unknown: rewritten only when yaegi fails on the loop as written.
		target = &r.an.rangeMaybe
	}
	k := "" // loop variable
	switch {
	case n.Key == nil:
		k = r.tmp("i")
	default:
		k = r.text(n.Key)
	}
	op := ":="
	if n.Tok == token.ASSIGN {
		op = "="
	}
	if n.Key == nil {
		op = ":="
	}
	nv := r.tmp("n")
	x := r.text(n.X)
	head := fmt.Sprintf("{ %s := %s; for %s %s %s - %s; %s < %s; %s++ ", nv, x, k, op, nv, nv, k, nv, k)
	if _, pure := n.X.(*ast.BasicLit); pure && op == ":=" {
		// A literal needs no temporary; this form also keeps labels working.
		head = fmt.Sprintf("for %s := 0; %s < %s; %s++ ", k, k, x, k)
		*target = append(*target, edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head})
		return nil
	}
	if id, ok := n.X.(*ast.Ident); ok && op == ":=" {
		head = fmt.Sprintf("for %s, %s := %s - %s, %s; %s < %s; %s++ ", k, nv, id.Name, id.Name, id.Name, k, nv, k)
		*target = append(*target, edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head})
		return nil
	}
	*target = append(*target,
		edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head},
		edit{off: r.off(n.Body.Rbrace) + 1, n: 0, text: " }"})
	return nil
}

// notInt reports whether x is recognisably not an integer (a slice, map, string, array,
// channel or composite value).
func (r *rewriter) notInt(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.CompositeLit, *ast.SliceExpr, *ast.FuncLit:
		return true
	case *ast.BasicLit:
		return x.Kind == token.STRING
	case *ast.ParenExpr:
		return r.notInt(x.X)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Obj == nil {
			return id.Name == "make" || id.Name == "append" || id.Name == "string"
		}
		if _, ok := x.Fun.(*ast.ArrayType); ok {
			return true
		}
	case *ast.Ident:
		if x.Obj == nil {
			if !r.sess.global(x.Name) {
				return false
			}
			return !r.sess.intGlobal(x.Name) && !r.sess.funcGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && len(d.Lhs) == len(d.Rhs) {
					return r.notInt(d.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if d.Type != nil {
				_, basic := d.Type.(*ast.Ident)
				return !basic
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return r.notInt(d.Values[i])
				}
			}
		case *ast.Field:
			_, basic := d.Type.(*ast.Ident)
			return !basic
		}
	}
	return false
}

// rangeOverFunc reports whether x is recognisably a function value.
func (r *rewriter) rangeOverFunc(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.FuncLit:
		return true
	case *ast.ParenExpr:
		return r.rangeOverFunc(x.X)
	case *ast.Ident:
		if x.Obj != nil {
			if fd, ok := x.Obj.Decl.(*ast.FuncDecl); ok && fd.Recv == nil {
				return true
			}
			return false
		}
		return r.sess.funcGlobal(x.Name)
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				path := r.sess.importPath(id.Name)
				if path == "" {
					path = id.Name
				}
				return iterFuncs[path][sel.Sel.Name]
			}
		}
	}
	return false
}

var intTypes = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

// isInt reports whether x is recognisably an integer expression.
func (r *rewriter) isInt(x ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := x.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT || x.Kind == token.CHAR
	case *ast.ParenExpr:
		return r.isInt(x.X, depth+1)
	case *ast.UnaryExpr:
		return r.isInt(x.X, depth+1)
	case *ast.BinaryExpr:
		switch x.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.SHL, token.SHR, token.AND_NOT:
			return r.isInt(x.X, depth+1) || r.isInt(x.Y, depth+1)
		}
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Obj == nil {
			return id.Name == "len" || id.Name == "cap" || intTypes[id.Name]
		}
	case *ast.Ident:
		if x.Obj == nil {
			return r.sess.intGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && i < len(d.Rhs) && len(d.Lhs) == len(d.Rhs) {
					return r.isInt(d.Rhs[i], depth+1)
				}
			}
		case *ast.ValueSpec:
			if t, ok := d.Type.(*ast.Ident); ok {
				return intTypes[t.Name]
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return r.isInt(d.Values[i], depth+1)
				}
			}
		case *ast.Field:
			if t, ok := d.Type.(*ast.Ident); ok {
				return intTypes[t.Name]
			}
		}
	}
	return false
}

// goStmt wraps the call of a go statement so that a panic in the goroutine becomes an
// error of the cell that started it instead of ending the kernel.
func (r *rewriter) goStmt(n *ast.GoStmt) {
	call := n.Call
	recov := fmt.Sprintf("defer func() { if r := recover(); r != nil { %s.GoPanic(r) } }(); ", rtPkg)
	// Evaluate the arguments now, as a go statement does, unless one of them is a
	// multi-valued call (f(g())), which must stay in place.
	simple := len(call.Args) > 0 && !(len(call.Args) == 1 && isCall(call.Args[0]))
	if !simple {
		r.an.edits = append(r.an.edits,
			edit{off: r.off(n.Go), n: r.off(call.Pos()) - r.off(n.Go), text: "go func() { " + recov},
			edit{off: r.off(call.End()), n: 0, text: " }()"})
		return
	}
	names := make([]string, len(call.Args))
	vals := make([]string, len(call.Args))
	for i, a := range call.Args {
		names[i] = r.tmp("a")
		vals[i] = r.text(a)
	}
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	text := fmt.Sprintf("{ %s := %s; go func() { %s%s(%s) }() }", strings.Join(names, ", "), strings.Join(vals, ", "), recov, r.text(call.Fun), args)
	// Keep line breaks of the original statement as trailing blank lines would shift lines:
	// instead put the rewritten text on the first line and keep the newlines after it.
	orig := r.cell[r.off(n.Pos()):r.off(n.End())]
	if extra := strings.Count(orig, "\n") - strings.Count(text, "\n"); extra > 0 {
		text += strings.Repeat("\n", extra)
	}
	r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: len(orig), text: text})
}

func isCall(e ast.Expr) bool {
	_, ok := e.(*ast.CallExpr)
	return ok
}

// call rewrites calls of min, max and clear, time.Sleep and display.Show.
func (r *rewriter) call(n *ast.CallExpr) {
	switch fun := n.Fun.(type) {
	case *ast.Ident:
		if !r.builtin(fun) {
			return
		}
		switch fun.Name {
		case "min", "max":
			if len(n.Args) == 0 {
				return
			}
			if v, ok := r.constMinMax(fun.Name, n.Args); ok {
				r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: r.off(n.End()) - r.off(n.Pos()), text: v})
				return
			}
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: len(fun.Name), text: hiddenPrefix + "_" + fun.Name})
		case "clear":
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: len(fun.Name), text: rtPkg + ".Clear"})
		}
	case *ast.SelectorExpr:
		if (fun.Sel.Name == "Show" || fun.Sel.Name == "Update") && len(n.Args) == 1 && !n.Ellipsis.IsValid() && r.isHandle(fun.X) {
			a := n.Args[0]
			r.an.edits = append(r.an.edits, edit{off: r.off(a.Pos()), n: 0, text: rtPkg + ".Rich("}, edit{off: r.off(a.End()), n: 0, text: ")"})
			return
		}
		id, ok := fun.X.(*ast.Ident)
		if !ok || id.Obj != nil || r.locals[id.Name] {
			return
		}
		path := r.sess.importPath(id.Name)
		if path == "" && !r.sess.global(id.Name) {
			path = autoImports[id.Name]
		}
		switch {
		case path == "time" && fun.Sel.Name == "Sleep":
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: r.off(fun.End()) - r.off(fun.Pos()), text: rtPkg + ".Sleep"})
		case path == "slices" && slicesFuncs[fun.Sel.Name].helper != "":
			sf := slicesFuncs[fun.Sel.Name]
			if !sf.index {
				r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: r.off(fun.End()) - r.off(fun.Pos()), text: rtPkg + "." + sf.helper})
			} else if len(n.Args) == 1 && pure(n.Args[0]) {
				a := oneLine(r.text(n.Args[0]))
				r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: r.off(n.End()) - r.off(n.Pos()),
					text: fmt.Sprintf("(%s)[%s.%s(%s)]", a, rtPkg, sf.helper, a) + strings.Repeat("\n", strings.Count(r.text(n), "\n"))})
			}
		case path == displayPath && (fun.Sel.Name == "Show" || fun.Sel.Name == "Display") && !n.Ellipsis.IsValid():
			for _, a := range n.Args {
				r.an.edits = append(r.an.edits, edit{off: r.off(a.Pos()), n: 0, text: rtPkg + ".Rich("}, edit{off: r.off(a.End()), n: 0, text: ")"})
			}
		}
	}
}

// isDisplayPkg reports whether x names the display package.
func (r *rewriter) isDisplayPkg(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj != nil || r.locals[id.Name] {
		return false
	}
	if p := r.sess.importPath(id.Name); p != "" {
		return p == displayPath
	}
	return !r.sess.global(id.Name) && autoImports[id.Name] == displayPath
}

// isHandle reports whether x is recognisably a *display.Handle: display.NewHandle(), a
// session variable holding one, or a local variable, parameter or field declared from
// display.NewHandle() or with type *display.Handle.
func (r *rewriter) isHandle(x ast.Expr) bool {
	isNew := func(e ast.Expr) bool {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "NewHandle" && r.isDisplayPkg(sel.X)
	}
	isType := func(t ast.Expr) bool {
		st, ok := t.(*ast.StarExpr)
		if !ok {
			return false
		}
		sel, ok := st.X.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Handle" && r.isDisplayPkg(sel.X)
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		return isNew(x)
	case *ast.Ident:
		if x.Obj == nil {
			return !r.locals[x.Name] && r.sess.handleGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && len(d.Lhs) == len(d.Rhs) {
					return isNew(d.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if d.Type != nil {
				return isType(d.Type)
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return isNew(d.Values[i])
				}
			}
		case *ast.Field:
			return isType(d.Type)
		}
	}
	return false
}

// constMinMax folds min/max of constant arguments into a constant expression, keeping
// Go's untyped-constant rules: the result has the kind of the "largest" argument.
func (r *rewriter) constMinMax(name string, args []ast.Expr) (string, bool) {
	var best constant.Value
	bestText := ""
	kind := constant.Int
	for _, a := range args {
		v, ok := constValue(a)
		if !ok {
			return "", false
		}
		if v.Kind() == constant.Float && kind == constant.Int {
			kind = constant.Float
		}
		if v.Kind() == constant.String {
			kind = constant.String
		}
		if best == nil {
			best, bestText = v, r.text(a)
			continue
		}
		if best.Kind() == constant.String != (v.Kind() == constant.String) {
			return "", false
		}
		op := token.LSS
		if name == "max" {
			op = token.GTR
		}
		if constant.Compare(v, op, best) {
			best, bestText = v, r.text(a)
		}
	}
	if kind == constant.Float && best.Kind() == constant.Int {
		return "(" + bestText + " + 0.0)", true
	}
	return "(" + bestText + ")", true
}

// constValue evaluates literal constant expressions.
func constValue(e ast.Expr) (constant.Value, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		v := constant.MakeFromLiteral(e.Value, e.Kind, 0)
		return v, v.Kind() != constant.Unknown
	case *ast.ParenExpr:
		return constValue(e.X)
	case *ast.UnaryExpr:
		v, ok := constValue(e.X)
		if !ok || (e.Op != token.SUB && e.Op != token.ADD) {
			return nil, false
		}
		return constant.UnaryOp(e.Op, v, 0), true
	case *ast.BinaryExpr:
		x, ok1 := constValue(e.X)
		y, ok2 := constValue(e.Y)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch e.Op {
		case token.ADD, token.SUB, token.MUL:
			return constant.BinaryOp(x, e.Op, y), true
		}
	}
	return nil, false
}
