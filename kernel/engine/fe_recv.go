// The typed front end: the receiver of a method called by a defer or go statement.
//
// Go evaluates a deferred call's receiver at the defer statement; yaegi v0.16.1 kept a
// reference to it, so `defer v.Show()` with a value receiver printed v as it was when the
// function returned, and `defer p.Close()` called Close on whatever p held then. In a
// function without a defer chain (fe_defer.go evaluates the receiver early in a chain
// only), a deferred method call has its receiver copied first (through a pointer for a
// value receiver: `defer p.Show()` shows *p as it is at the statement):
//
//	defer v.Show()  →  __sluice_d1_r := v; _ = __sluice_d1_r; defer __sluice_d1_r.Show()

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
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	t := l.typeOf(sel.X)
	ptr, isPtr := types.Unalias(t).Underlying().(*types.Pointer)
	if l.frame.chain && !(isPtr && !ptrRecv) {
		return false // deferStmt copies the receiver in a chain
	}
	x := oneLine(l.renderSub(sel.X))
	switch {
	case ptrRecv && !isPtr:
		if s.Indirect() {
			return false // promoted through an embedded pointer: x may not be addressable
		}
		x, t = "&("+x+")", types.NewPointer(t)
	case !ptrRecv && isPtr:
		x, t = "*("+x+")", ptr.Elem() // the value the pointer points to now
	}
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
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel != call.Fun {
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
	_, ptrRecv := msig.Recv().Type().(*types.Pointer)
	t := l.typeOf(sel.X)
	ptr, isPtr := types.Unalias(t).Underlying().(*types.Pointer)
	pre, post := "", ""
	switch {
	case ptrRecv && !isPtr:
		if s.Indirect() {
			return false
		}
		pre, post, t = "&(", ")", types.NewPointer(t)
	case !ptrRecv && isPtr:
		pre, post, t = "*(", ")", ptr.Elem()
	}
	r := l.tmp("r")
	params := []string{r + " " + l.tx(substType(t, l.subst))}
	var names []string
	for i := 0; i < sig.Params().Len(); i++ {
		a := l.tmp("a")
		names = append(names, a)
		params = append(params, a+" "+l.tx(substType(sig.Params().At(i).Type(), l.subst)))
	}
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..." // the slice is passed as it is: the last replacement drops its ...
	}
	recov := fmt.Sprintf("__sluice_gc := %s.GoCell(); defer func() { if r := recover(); r != nil { %s.GoPanicFrom(r, __sluice_gc) } }(); ", feRtPkg, feRtPkg)
	l.replace(n.Go, sel.X.Pos(), fmt.Sprintf("%s.Go(func(%s) func() { return func() { %s%s.%s(%s) } }(%s", feRtPkg, strings.Join(params, ", "), recov, r, sel.Sel.Name, args, pre))
	l.replace(sel.X.End(), call.Fun.End(), post)
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), "))")
	} else {
		l.replace(call.Fun.End(), call.End(), "))")
	}
	return true
}
