// The typed front end: method values of pointer methods.
//
// Go evaluates a method value x.M at once: for a pointer method, the pointer x (or &x for
// a variable) is bound then. yaegi bound the variable itself, so `f := p.Inc; p = q; f()`
// incremented *q, and in a loop body, whose variables yaegi shares between iterations,
// `fs = append(fs, arr[i].Inc)` or `p := &arr[i]; fs = append(fs, p.Inc)` bound every
// function to the last element. Like a value method's (methodValue, fe_calls.go), the
// receiver is passed to a function that returns the method value:
//
//	p.Inc  →  func(r *C) func() { return r.Inc }(p)
//	arr[i].Inc  →  func(r *C) func() { return r.Inc }(&(arr[i]))

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
)

// methodValueSel is the selection and method of x.M when it is a method value (not
// called where it stands).
func (l *lowerer) methodValueSel(n *ast.SelectorExpr) (*types.Selection, *types.Func, bool) {
	if l.called[n] {
		return nil, nil, false
	}
	sel, ok := l.ctx.info.Selections[n]
	if !ok || sel.Kind() != types.MethodVal {
		return nil, nil, false
	}
	fn, ok := sel.Obj().(*types.Func)
	return sel, fn, ok
}

// ptrMethodValue lowers a method value x.M of a cell type's pointer method, or of a
// value method promoted through embedded fields (methodValue lowers the others); it
// reports whether it did.
func (l *lowerer) ptrMethodValue(n *ast.SelectorExpr) bool {
	sel, fn, ok := l.methodValueSel(n)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	recv := sig.Recv()
	if recv == nil || hasTypeParam(sig) || types.IsInterface(recv.Type()) {
		return false
	}
	base := recv.Type()
	if ptr, isPtr := base.(*types.Pointer); isPtr {
		base = ptr.Elem()
	} else if len(sel.Index()) == 1 {
		return false // methodValue's
	}
	// Only cell types: yaegi cannot return a compiled type's method value from a
	// function (b.WriteString: "cannot use (type valueT) as type funcT").
	named, isNamed := types.Unalias(base).(*types.Named)
	if !isNamed || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" {
		return false
	}
	xt := l.typeOf(n.X)
	if xt == nil || types.IsInterface(xt) || hasTypeParam(xt) {
		return false
	}
	pre, path, post, rt, ok := l.recvPath(sel, sig)
	if !ok {
		return false
	}
	ft := l.tx(substType(sel.Type(), l.subst))
	rts := l.tx(substType(rt, l.subst))
	if rts == "" || ft == "" {
		return false
	}
	x := pre + "(" + l.renderSub(n.X) + ")" + path + post
	l.replace(n.Pos(), n.End(), fmt.Sprintf("func(r %s) %s { return r.%s }(%s)", rts, ft, n.Sel.Name, x))
	return true
}
