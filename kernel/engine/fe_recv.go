// The typed front end: the receiver of a method called by a defer or go statement.
//
// Go evaluates a deferred (or go'd) call's receiver at the statement; yaegi v0.16.1 kept
// a reference to it, so `defer v.Show()` with a value receiver printed v as it was when
// the function returned, `defer p.Show()` with p a *T printed *p as it was then (in a
// defer chain too), and `defer cur.Close()` called Close on whatever cur held then. The
// receiver is evaluated first, as Go does: the operand, the embedded fields a promoted
// method goes through, the address for a pointer method on a variable, the value behind
// a pointer for a value method:
//
//	defer p.Show()  →  __sluice_d1_r := *(p); _ = __sluice_d1_r; defer __sluice_d1_r.Show()

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// deferRecvNow lowers a defer of a method call with its receiver evaluated at the
// statement; it reports whether it handled n. In a function with a defer chain the call
// runs through the chain as deferStmt writes it, with the receiver passed by value.
func (l *lowerer) deferRecvNow(n *ast.DeferStmt) bool {
	if len(l.rangeStack) > 0 {
		return false
	}
	sel, ok := ast.Unparen(n.Call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, found := l.ctx.info.Selections[sel]
	if !found || s.Kind() != types.MethodVal {
		return false
	}
	sig, isSig := s.Obj().Type().(*types.Signature)
	if !isSig || hasTypeParam(sig) {
		return false
	}
	rpre, path, rpost, t, ok := l.recvPath(s, sig)
	if !ok {
		return false
	}
	x := rpre + "(" + oneLine(l.renderSub(sel.X)) + ")" + path + rpost
	recv := l.tmp("d") + "_r"
	pre := recv + " := " + x + "; _ = " + recv + "; "
	call := recv + "." + sel.Sel.Name + "()"
	params, args := recv+" "+l.tx(substType(t, l.subst)), recv
	if len(n.Call.Args) > 0 {
		// deferParts copies the arguments; its call is on the method as written.
		chain := l.frame.chain
		l.frame.chain = false
		apre, acall, aparams, _, ok := l.deferParts(n.Call)
		l.frame.chain = chain
		fun := l.renderSub(n.Call.Fun)
		if !ok || !strings.HasPrefix(acall, fun+"(") {
			return false
		}
		pre, call = pre+apre, recv+"."+sel.Sel.Name+acall[len(fun):]
		params += ", " + aparams
		for _, d := range strings.Split(aparams, ", ") {
			args += ", " + strings.Fields(d)[0]
		}
	}
	if !l.frame.chain {
		l.replace(n.Pos(), n.End(), pre+"defer "+call)
		return true
	}
	// As deferStmt writes a deferred call of a chain.
	absorb := dcVar + ".Absorb(recover()); "
	run, repanic := dcVar+".Run(func() { defer ", "; "+dcVar+".Repanic() })"
	l.replace(n.Pos(), n.End(), pre+"defer func("+params+") { "+absorb+run+call+repanic+" }("+args+")")
	return true
}

// goRecvNow lowers a go statement calling a method: the receiver is a parameter of the
// goroutine's function, evaluated at the statement like the arguments. goStmt passed the
// method value x.M, which yaegi bound to x itself, so `go v.Show()` showed v as it was
// when the goroutine ran. It reports whether it handled n; goStmt lowers the others.
//
//	go v.M(a)  →  __sluice_fe.Go(func(r V, a1 A) func() { return func() { …; r.M(a1) } }(v, a))
func (l *lowerer) goRecvNow(n *ast.GoStmt) bool {
	call := n.Call
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel || sel != call.Fun {
		return false
	}
	s, found := l.ctx.info.Selections[sel]
	if !found || s.Kind() != types.MethodVal {
		return false
	}
	sig, isSig := types.Unalias(l.typeOf(call.Fun)).(*types.Signature)
	if !isSig || hasTypeParam(sig) || (sig.Variadic() && !call.Ellipsis.IsValid()) || sig.Params().Len() != len(call.Args) {
		return false
	}
	msig, isSig := s.Obj().Type().(*types.Signature)
	if !isSig || hasTypeParam(msig) {
		return false
	}
	pre, path, post, t, ok := l.recvPath(s, msig)
	if !ok {
		return false
	}
	r := l.tmp("r")
	ps, args := l.goArgs(sig, call) // a slice passed as it is: the last replacement drops its ...
	params := append([]string{r + " " + l.tx(substType(t, l.subst))}, ps...)
	recov := goRecover()
	l.replace(n.Go, sel.X.Pos(), fmt.Sprintf("%s.Go(func(%s) func() { return func() { %s%s.%s(%s) } }(%s(", feRtPkg, strings.Join(params, ", "), recov, r, sel.Sel.Name, args, pre))
	l.replace(sel.X.End(), call.Fun.End(), ")"+path+post)
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), "))")
	} else {
		l.replace(call.Fun.End(), call.End(), "))")
	}
	return true
}

// recvPath is how the receiver of the method selected by s (with signature sig) is
// written after the selector's operand x: pre + "(x)" + path + post, of type t. path
// names the embedded fields a promoted method goes through; pre and post take the address
// for a pointer method on a value and dereference a pointer for a value method, so that
// the receiver is what Go evaluates at the statement. ok is false when a field on the way
// cannot be named from the cell (unexported in another package).
func (l *lowerer) recvPath(s *types.Selection, sig *types.Signature) (pre, path, post string, t types.Type, ok bool) {
	t = s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		u := types.Unalias(t).Underlying()
		if p, isPtr := u.(*types.Pointer); isPtr {
			u = types.Unalias(p.Elem()).Underlying()
		}
		st, isStruct := u.(*types.Struct)
		if !isStruct {
			return "", "", "", nil, false
		}
		f := st.Field(i)
		if !f.Exported() && (f.Pkg() == nil || f.Pkg().Path() != l.pkgPath) {
			return "", "", "", nil, false
		}
		if name := l.embeddedInstanceName(f); name != "" {
			path += "." + name // an embedded generic instance: the field has its name
		} else {
			path += "." + f.Name()
		}
		t = f.Type()
	}
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	ptr, isPtr := types.Unalias(t).Underlying().(*types.Pointer)
	switch {
	case ptrRecv && !isPtr:
		pre, post, t = "&(", ")", types.NewPointer(t)
	case !ptrRecv && isPtr:
		pre, post, t = "*(", ")", ptr.Elem() // the value the pointer points to now
	}
	return pre, path, post, t, true
}
