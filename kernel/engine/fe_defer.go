// The typed front end: closures called by deferred calls.
//
// yaegi v0.16.1 runs a function's deferred calls while holding the function's frame lock,
// and a function literal stored in a variable takes the lock of the frame that made it
// after each call. So a closure made in a function and called by that function's
// deferred calls — `cleanup := func() {…}; defer cleanup()` — deadlocked: the cell hung.
// In a function with defer statements, function literals that are not called where they
// stand are made by a function of their own, whose frame nobody locks:
//
//	cleanup := func() { … }  →  cleanup := (func() func() { return func() { … } })()

package engine

import (
	"go/ast"
	"go/types"
)

// hasOwnDefer reports whether body has a defer statement outside nested function literals.
func hasOwnDefer(body *ast.BlockStmt) bool {
	found := false
	if body == nil {
		return false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// enterFrame notes whether the function body being lowered has defer statements, and
// which of its function literals are called where they stand; it returns the previous
// state for leaveFrame.
func (l *lowerer) enterFrame(body *ast.BlockStmt) (bool, map[*ast.FuncLit]bool) {
	prevDefers, prevCalled := l.frameDefers, l.calledLits
	l.frameDefers = hasOwnDefer(body)
	if l.frameDefers {
		l.calledLits = map[*ast.FuncLit]bool{}
		ast.Inspect(body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if lit, ok := ast.Unparen(c.Fun).(*ast.FuncLit); ok {
					l.calledLits[lit] = true
				}
			}
			return true
		})
	}
	return prevDefers, prevCalled
}

func (l *lowerer) leaveFrame(prevDefers bool, prevCalled map[*ast.FuncLit]bool) {
	l.frameDefers, l.calledLits = prevDefers, prevCalled
}

// closureFrame makes lit in a frame of its own when the enclosing function has defer
// statements and lit is not called where it stands.
func (l *lowerer) closureFrame(lit *ast.FuncLit) {
	if !l.frameDefers || l.calledLits[lit] {
		return
	}
	sig, ok := l.typeOf(lit).(*types.Signature)
	if !ok {
		return
	}
	t, err := l.typeExpr(substType(sig, l.subst))
	if err != nil {
		return
	}
	l.insert(lit.Pos(), "(func() "+t+" { return ", false)
	l.insert(lit.End(), " })()", true)
}

// goDefers makes a panic in a goroutine's function literal known before its deferred
// calls run: Go ends the program at once, while the cell went on after the deferred
// wg.Done() let it (and only failed later). After each deferred call at the top of the
// literal's body, a deferred report is registered, which the panic reaches first:
//
//	go func() { defer wg.Done(); … }()  →  go func() { defer wg.Done(); defer func() { if r := recover(); r != nil { __sluice_fe.GoPanicNow(r) } }(); … }()
//
// Only for a literal with no recover of its own, which could have stopped the panic.
func (l *lowerer) goDefers(n *ast.GoStmt) {
	lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
	if !ok || l.pkgPath != "main" {
		return
	}
	recovers := false
	ast.Inspect(lit.Body, func(c ast.Node) bool {
		if call, ok := c.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := l.ctx.info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
					recovers = true
				}
			}
		}
		return !recovers
	})
	if recovers {
		return
	}
	for _, st := range lit.Body.List {
		if d, ok := st.(*ast.DeferStmt); ok {
			l.insert(d.End(), "; defer func() { if r := recover(); r != nil { "+feRtPkg+".GoPanicNow(r) } }()", true)
		}
	}
}
