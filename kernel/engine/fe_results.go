// The typed front end: named results start at their zero value.
//
//	func g(n int) (s int, _ error) { body }
//	  →  func g(n int) (s int, __sluice_r1 error) { var __sluice_z0 int; s = __sluice_z0; var __sluice_z1 error; __sluice_r1 = __sluice_z1; body }
//
// yaegi lets a call's callee use the caller's destination as its result slot, so a named
// result started with whatever that destination held: `func g(n int) (s int) { s += n;
// return }` called in a loop as fmt.Println(g(n)) printed 0 1 3 6, and `x = g(1)` after
// `x := g(5)` gave 6. Assigning each named result its zero value first makes it start
// from zero, as in Go. The zero is a variable's: it is copied into the slot in place, where
// a composite literal (`p = P{}`) would give the function a fresh slot the caller never
// reads, and it names nothing a parameter could shadow (`new` can be a parameter's name),
// unless a parameter shadows a name of the result's type itself: that function is left as
// written. A blank result gets a name so that it can be reset too (a bare return hands it
// back).

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"
)

const (
	resetResultPrefix = "__sluice_r" // names blank named results
	resetZeroPrefix   = "__sluice_z" // the zero values
)

// resetResults puts the zeroing of ft's named results at the start of body; recv is the
// method's receiver list (nil for a function).
func (l *lowerer) resetResults(sig *types.Signature, recv *ast.FieldList, ft *ast.FuncType, body *ast.BlockStmt) {
	if body == nil || ft.Results == nil || sig.Results().Len() == 0 || sig.Results().At(0).Name() == "" {
		return
	}
	local := map[string]bool{}
	for _, fl := range []*ast.FieldList{recv, ft.Params, ft.Results} {
		if fl != nil {
			for _, f := range fl.List {
				for _, n := range f.Names {
					local[n.Name] = true
				}
			}
		}
	}
	var b strings.Builder
	var renames [][2]any
	i := 0
	for _, field := range ft.Results.List {
		for _, name := range field.Names {
			t, err := l.typeExpr(sig.Results().At(i).Type())
			if err != nil || shadowsType(t, local) {
				return // leave the function as written
			}
			n := name.Name
			if n == "_" {
				n = fmt.Sprintf("%s%d", resetResultPrefix, i)
				renames = append(renames, [2]any{name, n})
			}
			fmt.Fprintf(&b, "var %s%d %s; %s = %[1]s%[2]d; ", resetZeroPrefix, i, t, n)
			i++
		}
	}
	for _, r := range renames {
		id := r[0].(*ast.Ident)
		l.replace(id.Pos(), id.End(), r[1].(string))
	}
	l.insert(body.Lbrace+1, b.String(), false)
}

// shadowsType reports whether type text t uses an identifier that local names.
func shadowsType(t string, local map[string]bool) bool {
	for _, w := range strings.FieldsFunc(t, func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		if local[w] {
			return true
		}
	}
	return false
}

// unaliasResult parenthesizes the call in `dst = f(…)` when f is a function or method
// declared in a cell, so that the interpreter gives the call a result slot of its own.
func (l *lowerer) unaliasResult(n *ast.AssignStmt) {
	if n.Tok != token.ASSIGN || len(n.Lhs) != 1 || len(n.Rhs) != 1 {
		return
	}
	if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
		return
	}
	call, ok := n.Rhs[0].(*ast.CallExpr)
	if !ok || l.cellFunc(call) == nil {
		return
	}
	l.insert(call.Pos(), "(", false)
	l.insert(call.End(), ")", true)
}

// cellFunc returns the function or method a call calls when a cell declares it.
func (l *lowerer) cellFunc(call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = x.X
	case *ast.IndexListExpr:
		fun = x.X
	}
	var obj types.Object
	switch x := fun.(type) {
	case *ast.Ident:
		obj = l.ctx.info.Uses[x]
	case *ast.SelectorExpr:
		if sel := l.ctx.info.Selections[x]; sel != nil {
			obj = sel.Obj()
		} else {
			obj = l.ctx.info.Uses[x.Sel]
		}
	}
	f, _ := obj.(*types.Func)
	if f == nil || f.Pkg() == nil || f.Pkg().Path() != "main" {
		return nil
	}
	return f
}
