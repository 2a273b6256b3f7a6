// The typed front end: lowering calls and selectors (builtins, errors.As/Join,
// method values and expressions, embedded generic fields).

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// minMax lowers min and max: constants fold; other calls go to a helper generated for
// the result type.
func (l *lowerer) minMax(n *ast.CallExpr, name string) bool {
	tv := l.ctx.info.Types[n]
	if tv.Value != nil {
		// Constant: keep the chosen argument's text, converted to the result type.
		best := 0
		for i, a := range n.Args {
			v := l.ctx.info.Types[a].Value
			bv := l.ctx.info.Types[n.Args[best]].Value
			if v == nil || bv == nil {
				continue
			}
			op := token.LSS
			if name == "max" {
				op = token.GTR
			}
			if constant.Compare(v, op, bv) {
				best = i
			}
		}
		t := tv.Type
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			text := "(" + oneLine(l.text(n.Args[best])) + ")"
			if b.Kind() == types.UntypedFloat && l.ctx.info.Types[n.Args[best]].Value.Kind() == constant.Int {
				text = "(" + oneLine(l.text(n.Args[best])) + " + 0.0)"
			}
			l.replace(n.Pos(), n.End(), text)
			return false
		}
		l.replace(n.Pos(), n.End(), l.tx(t)+"("+oneLine(l.text(n.Args[best]))+")")
		return false
	}
	t := l.tx(tv.Type)
	h := l.minMaxHelper(name, t)
	l.replace(n.Fun.Pos(), n.Fun.End(), h)
	return true
}

// minMaxHelper returns a function literal func(x T, ys ...T) T computing min or max. It
// is written in place, so that T may be a type local to a function.
func (l *lowerer) minMaxHelper(name, t string) string {
	op := "<"
	if name == "max" {
		op = ">"
	}
	return fmt.Sprintf("(func(x %s, ys ...%s) %s { for _, y := range ys { if y %s x || y != y { x = y } }; return x })", t, t, t, op)
}

// errorsAs lowers errors.As(err, &target) to a helper generated for the target's type:
// the compiled errors.As cannot see cell-defined types through yaegi's values. The
// helper walks the chain with the interpreter's own assertions, asking a compiled helper
// to unwrap compiled errors.
func (l *lowerer) errorsAs(n *ast.CallExpr, sel *ast.SelectorExpr) bool {
	pt, ok := types.Unalias(l.typeOf(n.Args[1])).(*types.Pointer)
	if !ok {
		return false
	}
	ts := l.tx(pt.Elem())
	// Cell error types whose Unwrap the compiled side cannot see through yaegi's
	// wrapper are unwrapped by the interpreter, each by its own assertion.
	var unwraps strings.Builder
	for _, res := range []types.Type{errorType, types.NewSlice(errorType)} {
		m := types.NewFunc(token.NoPos, nil, "Unwrap", types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(types.NewVar(token.NoPos, nil, "", res)), false))
		impl, _ := l.assertTargets(types.NewInterfaceType([]*types.Func{m}, nil).Complete())
		for _, a := range impl {
			wrap := "[]error{v.Unwrap()}"
			if res != errorType {
				wrap = "v.Unwrap()"
			}
			fmt.Fprintf(&unwraps, "%sif v, ok := err.(%s); ok { next = %s; goto walk }%s; ", a.guard(), a.text, wrap, a.unguard())
		}
	}
	key := "errors.As[" + ts + "]" + unwraps.String()
	fn, isNew := l.instFunc(key, "errorsAs")
	if isNew {
		assert := fmt.Sprintf("if v, ok := err.(%s); ok { *target = v; return true }", ts)
		if isSourceIface(pt.Elem()) {
			assert = fmt.Sprintf("if v, ok := %s(err); ok { *target = v; return true }", l.sourceAssertFn(errorType, pt.Elem(), true))
		}
		if name := cellTypeName(pt.Elem()); name != "" {
			// The name decides (see namedAssert).
			assert = fmt.Sprintf("if %s.IfName(err) == %q { *target = %s(%s.IfValue(err).(%s)); return true }", feRtPkg, name, ts, feRtPkg, l.tx(pt.Elem().Underlying()))
		}
		l.out.decls = append(l.out.decls, fmt.Sprintf(`func %[1]s(err error, target *%[2]s) bool {
	if target == nil { panic("errors: target cannot be nil") }
	for err != nil {
		%[3]s
		if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) { return true }
		var next []error
		%[5]s
		if u, ok := err.(interface{ Unwrap() []error }); ok {
			next = u.Unwrap()
		} else if u, ok := err.(interface{ Unwrap() error }); ok {
			next = []error{u.Unwrap()}
		} else {
			next = %[4]s.Unwrap(any(err))
		}
	walk:
		if len(next) == 0 { return false }
		if len(next) == 1 { err = next[0]; continue }
		for _, e := range next { if %[1]s(e, target) { return true } }
		return false
	}
	return false
}`, fn, ts, assert, feRtPkg, unwraps.String()))
	}
	l.replace(sel.Pos(), sel.End(), fn)
	for _, a := range n.Args {
		ast.Inspect(a, l.visit)
	}
	return true
}

// methodValue lowers a method value x.M whose method has a value receiver: Go copies x
// when the method value is evaluated, yaegi binds the variable itself.
func (l *lowerer) methodValue(n *ast.SelectorExpr) bool {
	if l.called[n] {
		return false
	}
	sel, ok := l.ctx.info.Selections[n]
	if !ok || sel.Kind() != types.MethodVal || len(sel.Index()) != 1 {
		return false
	}
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	if _, ptr := recv.Type().(*types.Pointer); ptr || types.IsInterface(recv.Type()) {
		return false
	}
	xt := l.typeOf(n.X)
	if xt == nil || types.IsInterface(xt) {
		return false
	}
	ft := l.tx(substType(sel.Type(), l.subst))
	rt := l.tx(substType(recv.Type(), l.subst))
	if rt == "" || ft == "" {
		return false
	}
	x := l.renderSub(n.X)
	if _, isPtr := types.Unalias(xt).(*types.Pointer); isPtr {
		x = "*(" + x + ")"
	}
	l.replace(n.Pos(), n.End(), fmt.Sprintf("func(r %s) %s { return r.%s }(%s)", rt, ft, n.Sel.Name, x))
	return true
}

// methodExpr writes the function literal a method expression T.M stands for:
// func(r T, a0 A0) R { return r.M(a0) } (yaegi types method expressions wrongly).
func (l *lowerer) methodExpr(s *types.Selection) string {
	sig, ok := substType(s.Type(), l.subst).(*types.Signature)
	if !ok {
		return ""
	}
	var params, args []string
	ps := sig.Params()
	for i := 0; i < ps.Len(); i++ {
		t, err := l.typeExpr(ps.At(i).Type())
		if err != nil {
			return ""
		}
		if i == 0 {
			params = append(params, "r "+t)
			continue
		}
		name := fmt.Sprintf("a%d", i-1)
		if sig.Variadic() && i == ps.Len()-1 {
			params = append(params, name+" ..."+strings.TrimPrefix(t, "[]"))
			args = append(args, name+"...")
			continue
		}
		params = append(params, name+" "+t)
		args = append(args, name)
	}
	res := ""
	body := "r." + s.Obj().Name() + "(" + strings.Join(args, ", ") + ")"
	if rs := sig.Results(); rs.Len() > 0 {
		var ts []string
		for i := 0; i < rs.Len(); i++ {
			t, err := l.typeExpr(rs.At(i).Type())
			if err != nil {
				return ""
			}
			ts = append(ts, t)
		}
		res = " " + ts[0]
		if len(ts) > 1 {
			res = " (" + strings.Join(ts, ", ") + ")"
		}
		body = "return " + body
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + body + " }"
}

// embeddedInstanceName is the field name yaegi knows for an embedded field whose type is
// a generic instance (the instance's generated name), or "".
func (l *lowerer) embeddedInstanceName(obj types.Object) string {
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() || !v.Embedded() {
		return ""
	}
	t := substType(v.Type(), l.subst)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	nt, ok := types.Unalias(t).(*types.Named)
	if !ok || nt.TypeArgs().Len() == 0 {
		return ""
	}
	name, err := l.typeExpr(nt)
	if err != nil {
		return ""
	}
	return name
}
