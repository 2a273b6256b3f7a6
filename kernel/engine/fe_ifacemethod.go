// The typed front end: method values of interfaces, of compiled types and of type
// parameters.
//
// Go evaluates a method value x.M at once: the interface value x holds (or the receiver
// a compiled method needs) is bound then. yaegi v0.16.1 bound the variable itself, so
// `g := s.String; s = N(2); g()` gave n2, and a method value promoted through an embedded
// interface field panicked in reflect.Set. A compiled type's method value was typed as
// the method expression (`append(ws, p.WriteString)` did not compile; `f := p.WriteString`
// panicked in reflect.Set) and bound the variable too. The receiver is passed to a
// function that returns the method value, as for cell types' methods (fe_calls.go,
// fe_ptrmethod.go); yaegi cannot return a compiled type's method value from a function,
// so for those the function returns a literal calling the method:
//
//	s.String         →  (func(r fmt.Stringer) func() string { return r.String })(s)
//	hd.Name          →  (func(r Namer) func() string { return r.Name })((hd).Namer)
//	p.WriteString    →  (func(r *strings.Builder) func(string) (int, error) {
//	                        return func(a0 string) (int, error) { return r.WriteString(a0) } })(p)
//
// Inside a loop or a function, the function is one the cell declares, called by name.
//
// A method value whose operand is a type parameter is lowered the same way in each
// instance: as an interface's when the type argument is an interface, as a compiled
// type's when it is compiled, and otherwise as a cell type's, with the receiver copied
// (value methods) or its address taken (pointer methods on a variable).

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// boundMethodValue lowers a method value x.M whose receiver is an interface, a compiled
// type, or a type parameter; it reports whether it did (methodValue and ptrMethodValue
// lower cell types' methods).
func (l *lowerer) boundMethodValue(n *ast.SelectorExpr) bool {
	sel, fn, ok := l.methodValueSel(n)
	if !ok {
		return false
	}
	msig, ok := fn.Type().(*types.Signature)
	if !ok || msig.Recv() == nil {
		return false
	}
	ft, ok := substType(sel.Type(), l.subst).(*types.Signature)
	if !ok || hasTypeParam(ft) {
		return false
	}
	xt := l.typeOf(n.X)
	if xt == nil || hasTypeParam(xt) {
		return false
	}
	var pre, path, post string
	var rt types.Type
	if isTypeParam(sel.Recv()) || isTypeParam(derefType(sel.Recv())) {
		// The operand's type is a type argument: the method is the argument's own, or an
		// interface's; a pointer method of a cell type is called on the variable's address.
		rt = xt
		if !types.IsInterface(xt) {
			if ms := types.NewMethodSet(xt); ms.Lookup(fn.Pkg(), fn.Name()) == nil && l.addressable(n.X) {
				pre, post, rt = "&(", ")", types.NewPointer(xt)
			}
			m, _, _ := types.LookupFieldOrMethod(rt, true, fn.Pkg(), fn.Name())
			if fn, ok = m.(*types.Func); !ok {
				return false
			}
		}
	} else {
		if hasTypeParam(msig) {
			return false
		}
		var ok bool
		pre, path, post, rt, ok = l.recvPath(sel, msig)
		if !ok {
			return false
		}
		rt = substType(rt, l.subst)
		if !types.IsInterface(rt) && (fn.Pkg() == nil || fn.Pkg().Path() == "main") {
			return false // a cell type's method: methodValue, ptrMethodValue
		}
	}
	rts, err1 := l.typeExpr(rt)
	fts, err2 := l.typeExpr(ft)
	if err1 != nil || err2 != nil {
		return false
	}
	body := "r." + n.Sel.Name
	if !types.IsInterface(rt) && !l.interpretedMethod(rt, fn) {
		lit, ok := l.callingLit(ft, "r."+n.Sel.Name)
		if !ok {
			return false
		}
		body = lit
	}
	x := pre + "(" + oneLine(l.renderSub(n.X)) + ")" + path + post
	lit := fmt.Sprintf("func(r %s) %s { return %s }", rts, fts, body)
	if loop, inFunc := l.enclosing(n.Pos()); loop || inFunc {
		// A function literal costs a closure at every evaluation, and the unrolled
		// copies of a loop body each compile it: loops and functions call a function
		// the cell declares.
		key := "mv\x00" + lit
		name, ok := l.out.helpers[key]
		if !ok {
			l.fe.n++
			name = fmt.Sprintf("%s%d_mv", instPrefix, l.fe.n)
			l.out.helpers[key] = name
			l.out.decls = append(l.out.decls, "func "+name+lit[len("func"):])
		}
		l.replace(n.Pos(), n.End(), name+"("+x+")")
		return true
	}
	l.replace(n.Pos(), n.End(), lit+"("+x+")")
	return true
}

// interpretedMethod reports whether the method fn of a value of type t runs in the
// interpreter (its type was declared in cells, or is an instance of a generic type,
// which the front end declares): yaegi can then return its method value from a function.
func (l *lowerer) interpretedMethod(t types.Type, fn *types.Func) bool {
	nt, ok := types.Unalias(derefType(t)).(*types.Named)
	if !ok || nt.Obj().Pkg() == nil {
		return false
	}
	if nt.Obj().Pkg().Path() != "main" && nt.TypeArgs().Len() == 0 {
		return false
	}
	// A method promoted from a compiled embedded field is compiled.
	return fn.Pkg() != nil && (fn.Pkg().Path() == "main" || nt.TypeArgs().Len() > 0)
}

// derefType is the element type of a pointer type, or t.
func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// callingLit writes a function literal of signature sig that calls fun with its
// parameters: func(a0 A0, a1 ...A1) (R0, R1) { return fun(a0, a1...) }.
func (l *lowerer) callingLit(sig *types.Signature, fun string) (string, bool) {
	var params, args []string
	ps := sig.Params()
	for i := 0; i < ps.Len(); i++ {
		t, err := l.typeExpr(ps.At(i).Type())
		if err != nil {
			return "", false
		}
		name := fmt.Sprintf("a%d", i)
		if sig.Variadic() && i == ps.Len()-1 {
			params = append(params, name+" ..."+strings.TrimPrefix(t, "[]"))
			args = append(args, name+"...")
			continue
		}
		params = append(params, name+" "+t)
		args = append(args, name)
	}
	call := fun + "(" + strings.Join(args, ", ") + ")"
	res := ""
	if rs := sig.Results(); rs.Len() > 0 {
		var ts []string
		for i := 0; i < rs.Len(); i++ {
			t, err := l.typeExpr(rs.At(i).Type())
			if err != nil {
				return "", false
			}
			ts = append(ts, t)
		}
		res = " " + ts[0]
		if len(ts) > 1 {
			res = " (" + strings.Join(ts, ", ") + ")"
		}
		call = "return " + call
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + call + " }", true
}
