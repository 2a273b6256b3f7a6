// The typed front end: methods promoted through an interface embedded in a cell struct
// among other fields.
//
// yaegi v0.16.1 marks an embedded field as embedded only when it is the struct's only
// field, and a method promoted from an interface embedded among other fields
// (type Named struct { Shape; Name string }) panicked when called ("invalid interface
// value"); fmt, calling String through the registration of fe_fmt.go, printed
// %!v(PANIC=String method: …). A call of such a method names the embedded fields
// itself, and the registration calls the method through the same path:
//
//	n.Area()  →  n.Shape.Area()

package engine

import (
	"go/ast"
	"go/types"
	"strings"
)

// ifacePromotedPath returns the field names (".Shape") through which the method
// selection sel of a value of type recv is promoted, when the path passes through an
// embedded interface field of a cell struct with other fields; else "".
func ifacePromotedPath(recv types.Type, index []int) string {
	if len(index) < 2 {
		return ""
	}
	t := recv
	var b strings.Builder
	through := false
	for _, i := range index[:len(index)-1] {
		t = derefType(t)
		st, ok := under(t).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return ""
		}
		f := st.Field(i)
		if types.IsInterface(f.Type()) && st.NumFields() > 1 && interpretedType(t) {
			through = true
		}
		b.WriteString("." + f.Name())
		t = f.Type()
	}
	if !through {
		return ""
	}
	return b.String()
}

// ifacePromotedCall lowers the called selector n (x.M) of a method promoted through an
// embedded interface among other fields to x.F.M; the lowering goes on as usual.
func (l *lowerer) ifacePromotedCall(n *ast.SelectorExpr) {
	if !l.called[n] {
		return
	}
	sel, ok := l.ctx.info.Selections[n]
	if !ok || sel.Kind() != types.MethodVal {
		return
	}
	if path := ifacePromotedPath(sel.Recv(), sel.Index()); path != "" {
		l.insert(n.Sel.Pos(), path[1:]+".", false)
	}
}

// refusePromotedConv refuses converting e, of the concrete type st, to the compiled
// interface target when a method target needs is promoted through an embedded interface
// among other fields: yaegi's conversion does not find it ("method not found"). It
// reports whether it refused.
func (l *lowerer) refusePromotedConv(e ast.Expr, st, target types.Type) bool {
	it, ok := under(target).(*types.Interface)
	if e == nil || st == nil || !ok || it.Empty() || isSourceIface(target) || types.IsInterface(st) || isTypeParam(st) {
		return false
	}
	ms := types.NewMethodSet(st)
	for i := 0; i < it.NumMethods(); i++ {
		m := it.Method(i)
		sel := ms.Lookup(m.Pkg(), m.Name())
		if sel == nil {
			continue
		}
		if path := ifacePromotedPath(st, sel.Index()); path != "" {
			name := func(t types.Type) string {
				return types.TypeString(t, func(p *types.Package) string { return p.Name() })
			}
			l.unsupported(e, "converting a value of "+name(st)+" to "+name(target)+", whose method "+m.Name()+" is promoted from an interface embedded among other fields ("+path[1:]+")",
				"the interpreter does not find such a method when it makes the "+name(target)+"; convert the embedded field itself (x"+path+"), or declare the method on "+name(derefType(st)))
			return true
		}
	}
	return false
}
