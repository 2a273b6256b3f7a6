// The typed front end: the cell's top-level declarations (generic ones, redefined
// types, the table entries the session keeps) and its trailing call.

package engine

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

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
					if n.Name != "_" { // blank names declare nothing a later cell could redefine
						info.names = append(info.names, n.Name)
					}
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
