package engine

import (
	"fmt"
	"go/ast"
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
