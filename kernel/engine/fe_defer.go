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
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
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

// frameState is what the lowerer knows of the function body it is in.
type frameState struct {
	// defers: the body has defer statements; called are its function literals called
	// where they stand.
	defers bool
	called map[*ast.FuncLit]bool
	// chain: the body's deferred calls go through a deferChain (see chainNeeded); litDC:
	// the body is a function literal inside a function with a chain, whose recover also
	// asks the chain.
	chain, litDC bool
}

// enterFrame notes whether the function body being lowered has defer statements, and
// which of its function literals are called where they stand; it returns the previous
// state for leaveFrame. name is the function's, "" for a function literal.
func (l *lowerer) enterFrame(body *ast.BlockStmt, name string) frameState {
	lit := name == ""
	prev := l.frame
	l.frame = frameState{defers: hasOwnDefer(body)}
	if lit {
		l.frame.litDC = prev.chain || prev.litDC
	}
	if l.frame.defers && l.chainNeeded(body) {
		l.frame.chain = true
		l.frame.litDC = l.frame.litDC || lit
		if lit {
			name = "lit.func"
		}
		l.insert(body.Lbrace+1, fmt.Sprintf("%s := %s.Defers(%q, %d); defer %s.Finish(); ", dcVar, feRtPkg, l.pkgPath+"."+name, l.panicPos(body.Lbrace), dcVar), false)
	}
	if l.frame.defers {
		l.frame.called = map[*ast.FuncLit]bool{}
		ast.Inspect(body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if lit, ok := ast.Unparen(c.Fun).(*ast.FuncLit); ok {
					l.frame.called[lit] = true
				}
			}
			return true
		})
	}
	return prev
}

func (l *lowerer) leaveFrame(prev frameState) { l.frame = prev }

// closureFrame makes lit in a frame of its own when the enclosing function has defer
// statements and lit is not called where it stands.
func (l *lowerer) closureFrame(lit *ast.FuncLit) {
	if !l.frame.defers || l.frame.called[lit] {
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

// ---- deferred calls that panic ----
//
// yaegi v0.16.1 runs a function's deferred calls in a loop inside a deferred function of
// its own: when one of them panics, the loop stops, the remaining deferred calls never
// run and their recover never sees the panic (Go runs them all, and a later recover
// stops the new panic). And a deferred closure that was stored in a variable reads the
// panic from the frame that made it, so `cleanup := func() { recover() }; defer
// cleanup()` did not recover. In a function where this matters (chainNeeded), the
// deferred calls go through a chain kept in a variable of the function:
//
//	defer f(a)     →  d_0 := a; defer func() { dc.Absorb(recover()); dc.Run(func() { defer f(d_0); dc.Repanic() }) }()
//	defer fv(a)    →  d_f, d_0 := nilf(fv), a; defer func() { dc.Absorb(recover()); dc.Offer(func() { d_f(d_0) }) }()
//
// with `dc := new(Defers); defer dc.Finish()` first in the body. Absorb takes the panic
// in flight out of the function's frame; Run calls the deferred call as the deferred call
// of a new frame that panics with the panic in flight, so its recover sees it as Go's
// does, and keeps whatever panic leaves; Offer holds the panic out to the recover of the
// function literals of the function (recover() → dc.Recover(recover()) in them); Finish,
// the last deferred call, panics with what is left.

// dcVar is the name of a function's defer chain.
const dcVar = "__sluice_dc"

// chainNeeded reports whether the deferred calls of body go through a chain: with two
// defer statements or more, one in a loop (a range over a function included), or one
// that calls a function value.
func (l *lowerer) chainNeeded(body *ast.BlockStmt) bool {
	n, need := 0, false
	var visit func(node ast.Node, loop bool)
	visit = func(node ast.Node, loop bool) {
		ast.Inspect(node, func(c ast.Node) bool {
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				visit(c.Body, true)
				return false
			case *ast.RangeStmt:
				if _, isFunc := types.Unalias(l.typeOf(c.X)).Underlying().(*types.Signature); isFunc {
					// The loop's own lowering keeps its defers and runs them through
					// the chain (fe_loops.go).
					if hasOwnDefer(c.Body) {
						need = true
					}
					return false
				}
				visit(c.Body, true)
				return false
			case *ast.DeferStmt:
				n++
				if loop || l.calleeValue(c.Call) {
					need = true
				}
			}
			return true
		})
	}
	visit(body, false)
	return need || n >= 2
}

// calleeValue reports whether call calls a function value (a variable, a field, the
// result of an expression) rather than a declared function, a method or a literal.
func (l *lowerer) calleeValue(call *ast.CallExpr) bool {
	info := l.ctx.info
	if tv, ok := info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return false
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		return false
	case *ast.Ident:
		_, isFunc := info.Uses[f].(*types.Func)
		_, isBuiltin := info.Uses[f].(*types.Builtin)
		return !isFunc && !isBuiltin
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[f]; ok {
			return sel.Kind() == types.FieldVal
		}
		_, isFunc := info.Uses[f.Sel].(*types.Func)
		return !isFunc
	case *ast.IndexExpr, *ast.IndexListExpr:
		return false // an instance of a generic function
	}
	return true
}

// deferStmt lowers a defer statement; it reports whether it handled n.
//
// yaegi evaluates neither the function value nor the arguments of a deferred call at the
// defer statement the way Go does: it keeps references to variables (a deferred
// fmt.Println(depth) prints depth's value at return), and a nil function value fails when
// the deferred calls run, as a reflect panic that skips the other deferred calls. So the
// function value and the arguments are copied into fresh variables first, and a
// function value that may be nil goes through a helper that replaces nil by a function
// that panics as Go does (invalid memory address or nil pointer dereference):
//
//	defer f(a, b)  →  __sluice_d1_f, __sluice_d1_0, __sluice_d1_1 := nilf(f), a, b; defer __sluice_d1_f(__sluice_d1_0, __sluice_d1_1)
//
// Since a defer statement runs its call at the end of the function, the copies can live in
// the statement's block; the statement stays one line. In a function with a defer chain,
// the call then goes through the chain (above).
func (l *lowerer) deferStmt(n *ast.DeferStmt) bool {
	pre, call, params, value, ok := l.deferParts(n.Call)
	if !l.frame.chain || len(l.rangeStack) > 0 {
		// In the body of a range over a function the loop's lowering keeps the call.
		if !ok {
			return false
		}
		l.replace(n.Pos(), n.End(), pre+"defer "+call)
		return true
	}
	absorb := dcVar + ".Absorb(recover()); "
	run, repanic := dcVar+".Run(func() { defer ", "; "+dcVar+".Repanic() })"
	if !ok {
		// Lowered where it stands (a builtin, a literal, a generic instance).
		l.insert(n.Call.Pos(), "func() { "+absorb+run, false)
		l.insert(n.Call.End(), repanic+" }()", true)
		return false
	}
	// The copies are passed to the chain's closure by name.
	names := make([]string, 0, 4)
	for _, d := range strings.Split(params, ", ") {
		names = append(names, strings.Fields(d)[0])
	}
	args := "(" + strings.Join(names, ", ") + ")"
	if value {
		l.replace(n.Pos(), n.End(), pre+"defer func("+params+") { "+absorb+dcVar+".Offer(func() { "+call+" }) }"+args)
		return true
	}
	l.replace(n.Pos(), n.End(), pre+"defer func("+params+") { "+absorb+run+call+repanic+" }"+args)
	return true
}

// deferParts is a deferred call with its function value and arguments copied: the
// declarations of the copies (pre), the call on them, and whether it calls a function
// value; params declares the copies as parameters (for a chain's closure, which takes
// them as arguments: yaegi's closures made in a loop body share its variables). ok is
// false when nothing needs copying (or cannot be), and the call stays as it is.
func (l *lowerer) deferParts(call *ast.CallExpr) (pre, text, params string, value, ok bool) {
	fun := ast.Unparen(call.Fun)
	info := l.ctx.info
	// Builtins and conversions are left to the interpreter.
	if tv, found := info.Types[call.Fun]; found && (tv.IsType() || tv.IsBuiltin()) {
		return
	}
	if id, isID := fun.(*ast.Ident); isID {
		if _, isBuiltin := info.Uses[id].(*types.Builtin); isBuiltin {
			return
		}
	}
	sig, isSig := types.Unalias(l.typeOf(call.Fun)).(*types.Signature)
	if !isSig || hasTypeParam(sig) {
		return
	}
	if _, isLit := fun.(*ast.FuncLit); isLit && len(call.Args) == 0 {
		return // nothing to evaluate early, never nil
	}
	// A call f(g()) with a multi-value g passes its results on.
	if len(call.Args) == 1 {
		if tup, isTup := l.typeOf(call.Args[0]).(*types.Tuple); isTup && tup.Len() > 1 {
			return
		}
	}
	// The statement must sit in a block (or a case clause) to take declarations before it.
	base := l.tmp("d")
	var names, vals, decls []string
	add := func(name, val string, t types.Type) {
		names, vals = append(names, name), append(vals, val)
		decls = append(decls, name+" "+l.tx(substType(t, l.subst)))
	}
	fv, recv := "", ""
	if l.calleeValue(call) {
		fv = base + "_f"
		add(fv, l.nilFuncHelper(sig)+"("+oneLine(l.renderSub(call.Fun))+")", sig)
	} else if sel, isSel := fun.(*ast.SelectorExpr); isSel && l.frame.chain {
		// In a chain the call runs in a closure: the receiver is evaluated now.
		if s, found := info.Selections[sel]; found && s.Kind() == types.MethodVal {
			recv = base + "_r"
			x, t := oneLine(l.renderSub(sel.X)), l.typeOf(sel.X)
			if _, ptrRecv := s.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptrRecv {
				if _, isPtr := types.Unalias(t).Underlying().(*types.Pointer); !isPtr {
					x, t = "&("+x+")", types.NewPointer(t)
				}
			}
			add(recv, x, t)
		}
	}
	var args []string
	for i, a := range call.Args {
		nm := fmt.Sprintf("%s_%d", base, i)
		v, t := oneLine(l.renderSub(a)), l.typeOf(a)
		if ts := l.argType(sig, i, call); ts != "" {
			v, t = ts+"("+v+")", paramType(sig, i, call)
		}
		add(nm, v, types.Default(t))
		args = append(args, nm)
	}
	if len(names) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s := %s; ", strings.Join(names, ", "), strings.Join(vals, ", "))
	for _, nm := range names {
		fmt.Fprintf(&b, "_ = %s; ", nm)
	}
	callee := fv
	switch {
	case recv != "":
		callee = recv + "." + fun.(*ast.SelectorExpr).Sel.Name
	case callee == "":
		callee = l.renderSub(call.Fun) // a function literal keeps its lines
	}
	a := strings.Join(args, ", ")
	if call.Ellipsis.IsValid() {
		a += "..."
	}
	return b.String(), callee + "(" + a + ")", strings.Join(decls, ", "), fv != "", true
}

// ---- at run time ----

// deferChain is a function's defer chain (made by __sluice_fe.Defers): the panic in
// flight while its deferred calls run, outside the interpreter's frames. The interpreter
// prints a line for each frame a panic leaves, from which the cell's traceback is made
// (errors.go): the chain drops the lines of its own closures' frames and, for a panic of
// the function's own, writes the function's line, which its frame no longer prints.
type deferChain struct {
	e        *Engine
	fn       string // the function's name as the interpreter prints it
	at       int    // its cell position (panicPos)
	pending  any    // the panic in flight
	on       bool
	own      bool // pending is the panic the function's frame held
	mark     int  // the traceback's length when it was taken
	offer    any  // the panic held out to a closure's recover during Offer
	offering bool
}

func (e *Engine) newDeferChain(fn string, at int) *deferChain {
	return &deferChain{e: e, fn: fn, at: at}
}

// traceLen is the length of the running cell's traceback.
func (c *deferChain) traceLen() int {
	c.e.cellMu.Lock()
	defer c.e.cellMu.Unlock()
	if c.e.run == nil {
		return 0
	}
	return len(c.e.run.trace)
}

// Absorb takes r, the panic the function's frame held, into the chain.
func (c *deferChain) Absorb(r any) {
	if r != nil {
		c.pending, c.on, c.own, c.mark = r, true, true, c.traceLen()
	}
}

// take returns the panic in flight and clears it.
func (c *deferChain) take() (any, bool) {
	v, on := c.pending, c.on
	c.pending, c.on = nil, false
	return v, on
}

// left records r, a panic that left a deferred call through its closure (whose frame
// printed the traceback's last line since n): it replaces the one in flight, as in Go.
// prev is the panic in flight before the call, if had.
func (c *deferChain) left(r any, n int, prev any, had bool) {
	if r == nil {
		return
	}
	if !had || !samePanic(r, prev) {
		c.own = false
	}
	c.e.cellMu.Lock()
	if c.e.run != nil && len(c.e.run.trace) > n {
		c.e.run.trace = c.e.run.trace[:len(c.e.run.trace)-1]
	}
	c.e.cellMu.Unlock()
	c.pending, c.on = r, true
}

// samePanic reports whether a and b are the same panic value.
func samePanic(a, b any) bool {
	if t := reflect.TypeOf(a); t == nil || t != reflect.TypeOf(b) || !t.Comparable() {
		return false
	}
	return a == b
}

// Run calls fn, whose deferred call is the function's; a panic leaving it stays in flight.
func (c *deferChain) Run(fn func()) {
	n, prev, had := c.traceLen(), c.pending, c.on
	defer func() { c.left(recover(), n, prev, had) }()
	fn()
}

// Repanic panics with the panic in flight, if any, for the deferred call of Run's frame.
func (c *deferChain) Repanic() {
	if v, on := c.take(); on {
		panic(v)
	}
}

// Offer calls fn, which calls a function value; its function literals' recover take the
// panic in flight through Recover.
func (c *deferChain) Offer(fn func()) {
	n := c.traceLen()
	prev, had := c.take()
	c.offer, c.offering = prev, had
	defer func() {
		if c.offering {
			c.pending, c.on = c.offer, true
		}
		c.offer, c.offering = nil, false
		c.left(recover(), n, prev, had)
	}()
	fn()
}

// Recover is recover in a function literal of a function with a chain: r when the
// frame held a panic, else the panic Offer holds out.
func (c *deferChain) Recover(r any) any {
	if r == nil && c.offering {
		r, c.offer, c.offering = c.offer, nil, false
	}
	return r
}

// Finish, the function's first deferred call and so its last, panics with what is left.
func (c *deferChain) Finish() {
	v, on := c.take()
	if !on {
		return
	}
	if c.own && c.at != 0 {
		c.e.cellMu.Lock()
		if c.e.run != nil && len(c.e.run.trace) == c.mark {
			c.e.run.trace = append(c.e.run.trace, fmt.Sprintf("_.go:%d:%d: panic: %s(...)", c.at>>16, c.at&(1<<16-1), c.fn))
		}
		c.e.cellMu.Unlock()
	}
	panic(v)
}
