// The typed front end: lowering loops (range over integers, functions, strings,
// channel slices and array pointers; per-iteration loop variables).

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// rangeStmt lowers range over integers and range over functions.
func (l *lowerer) rangeStmt(n *ast.RangeStmt, label *ast.LabeledStmt) bool {
	t := l.typeOf(n.X)
	if t == nil {
		return true
	}
	under := types.Unalias(t).Underlying()
	if b, ok := under.(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
		l.rangeInt(n, t)
		return true
	}
	if b, ok := under.(*types.Basic); ok && b.Info()&types.IsString != 0 && n.Key != nil && !isBlank(n.Key) {
		l.rangeString(n)
		return true
	}
	if sl, ok := under.(*types.Slice); ok {
		if _, isChan := sl.Elem().Underlying().(*types.Chan); isChan {
			l.rangeSliceIndexed(n)
			return true
		}
	}
	// Ranging over the indexes of a pointer to an array does not dereference it.
	if p, ok := under.(*types.Pointer); ok && (n.Value == nil || isBlank(n.Value)) {
		if a, ok := p.Elem().Underlying().(*types.Array); ok {
			l.rangeInt(n, types.Typ[types.Int])
			l.replace(n.X.Pos(), n.X.End(), fmt.Sprint(a.Len()))
			ast.Inspect(n.Body, l.visit)
			return false
		}
	}
	if sig, ok := under.(*types.Signature); ok {
		l.rangeFunc(n, sig, label)
		return false
	}
	if n.Tok == token.DEFINE {
		var vars []*ast.Ident
		for _, x := range []ast.Expr{n.Key, n.Value} {
			if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
				vars = append(vars, id)
			}
		}
		l.freshPerIteration(n.Body, vars)
	}
	return true
}

// rangeInt: for i := range n { body } → for k, m := T(0), T(n); k < m; k++ { i := k; body }.
// When the body neither changes i nor keeps a reference to it (a closure, &i, a method
// value), i itself counts: for i, m := T(0), T(n); i < m; i++ { body } — the copy cost as
// much as the loop's own work in yaegi.
func (l *lowerer) rangeInt(n *ast.RangeStmt, t types.Type) {
	ts := l.tx(t)
	k, m := l.tmp("k"), l.tmp("n")
	if id, ok := n.Key.(*ast.Ident); ok && n.Tok == token.DEFINE && id.Name != "_" && !l.keyKept(n.Body, l.ctx.info.Defs[id]) {
		if l.unrollRange(n, id.Name, m, ts) {
			return
		}
		l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := %s(0), %s(", id.Name, m, ts, ts))
		l.replace(n.X.End(), n.Body.Lbrace, fmt.Sprintf("); %s < %s; %s++ ", id.Name, m, id.Name))
		return
	}
	var bind string
	if n.Key != nil {
		if id, ok := n.Key.(*ast.Ident); !ok || id.Name != "_" {
			op := "="
			if n.Tok == token.DEFINE {
				op = ":="
			}
			bind = fmt.Sprintf(" %s %s %s;", l.text(n.Key), op, k)
		}
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := %s(0), %s(", k, m, ts, ts))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("); %s < %s; %s++ {%s", k, m, k, bind))
	if bind != "" && n.Tok == token.DEFINE {
		l.insert(n.Body.Lbrace+1, " _ = "+l.text(n.Key)+";", true)
	}
}

// keyKept reports whether body assigns the variable o, takes its address, or keeps a
// reference to it in a function literal or a method value.
func (l *lowerer) keyKept(body *ast.BlockStmt, o types.Object) bool {
	if o == nil {
		return true
	}
	objs := map[types.Object]bool{o: true}
	return l.assignsAny(body, objs) || l.capturesAny(body, objs)
}

// refersAny reports whether n mentions one of objs.
func (l *lowerer) refersAny(n ast.Node, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		if id, ok := c.(*ast.Ident); ok && objs[l.ctx.info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// assignsAny reports whether body assigns one of objs (=, op=, ++, a range with =).
func (l *lowerer) assignsAny(body *ast.BlockStmt, objs map[types.Object]bool) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && objs[l.ctx.info.Uses[id]]
	}
	assigned := false
	ast.Inspect(body, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.AssignStmt:
			for _, x := range c.Lhs {
				assigned = assigned || is(x)
			}
		case *ast.IncDecStmt:
			assigned = assigned || is(c.X)
		case *ast.RangeStmt:
			assigned = assigned || (c.Tok == token.ASSIGN && ((c.Key != nil && is(c.Key)) || (c.Value != nil && is(c.Value))))
		}
		return !assigned
	})
	return assigned
}

// capturesAny reports whether body keeps a reference to one of objs: a function literal
// using it, its address, or a method value bound to it.
func (l *lowerer) capturesAny(body *ast.BlockStmt, objs map[types.Object]bool) bool {
	captures := false
	ast.Inspect(body, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.FuncLit:
			captures = captures || l.refersAny(c.Body, objs)
			return false
		case *ast.UnaryExpr:
			captures = captures || (c.Op == token.AND && l.refersAny(c.X, objs))
		case *ast.SelectorExpr:
			if sel, ok := l.ctx.info.Selections[c]; ok && sel.Kind() == types.MethodVal && l.refersAny(c.X, objs) {
				captures = true
			}
		}
		return !captures
	})
	return captures
}

// rangeFunc: for k, v := range f { body } becomes a call of f with a yield function
// holding body, where continue returns true, break returns false, and return, labeled
// break and continue are carried out after the call.
func (l *lowerer) rangeFunc(n *ast.RangeStmt, sig *types.Signature, label *ast.LabeledStmt) {
	if sig.Params().Len() != 1 {
		l.unsupported(n, "range over this function", "it is not an iterator: func(yield func(...) bool)")
		return
	}
	ysig, ok := types.Unalias(sig.Params().At(0).Type()).Underlying().(*types.Signature)
	if !ok {
		l.unsupported(n, "range over this function", "its parameter is not a yield function")
		return
	}
	ysig = substType(ysig, l.subst).(*types.Signature)
	id := l.tmp("it")
	ret := id + "_ret"
	ctl := id + "_ctl"
	var params []string
	var binds []string
	vars := []ast.Expr{n.Key, n.Value}
	for i := 0; i < ysig.Params().Len(); i++ {
		pt := l.tx(ysig.Params().At(i).Type())
		var v ast.Expr
		if i < 2 {
			v = vars[i]
		}
		name := fmt.Sprintf("%s_%d", id, i)
		if v != nil {
			if vid, ok := v.(*ast.Ident); ok && n.Tok == token.DEFINE {
				name = vid.Name
			} else if !(ok && vid.Name == "_") {
				binds = append(binds, fmt.Sprintf("%s = %s_%d;", l.text(v), id, i))
			}
		}
		params = append(params, name+" "+pt)
	}
	var outer *types.Signature
	if len(l.sigs) > 0 {
		outer = l.sigs[len(l.sigs)-1]
	}
	// Rewrite the body's control flow that leaves the loop.
	b := &rangeBody{l: l, loop: n, label: label, ret: ret, ctl: ctl, outer: outer, idPrefix: id}
	b.scan(n.Body)
	if l.err != nil {
		return
	}
	start := n.Pos()
	if label != nil {
		start = label.Pos()
	}
	open, close := "(", ")"
	switch ast.Unparen(n.X).(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.CallExpr, *ast.IndexExpr, *ast.IndexListExpr:
		open, close = "", ""
	}
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("%s(func(%s) bool { %s", close, strings.Join(params, ", "), strings.Join(binds, " ")))
	// Lower the iterator expression and the body's own content; loops over functions
	// nested in the body hand their escapes (return, break and continue of outer
	// labels) to this one (see escape).
	ast.Inspect(n.X, l.visit)
	enclosing := l.rangeStack
	l.rangeStack = append(l.rangeStack, b)
	ast.Inspect(n.Body, l.visit)
	l.rangeStack = enclosing
	// What comes after the call is written last: the nested loops' escapes add to it.
	var esc *rangeBody
	if len(enclosing) > 0 {
		esc = enclosing[len(enclosing)-1]
	}
	var pre, post strings.Builder
	pre.WriteString("{ ")
	if b.usesRet {
		fmt.Fprintf(&pre, "var %s bool; ", ret)
		if outer != nil && outer.Results().Len() > 0 && outer.Results().At(0).Name() == "" {
			for i := 0; i < outer.Results().Len(); i++ {
				fmt.Fprintf(&pre, "var %s_r%d %s; ", id, i, l.tx(substType(outer.Results().At(i).Type(), l.subst)))
			}
		}
	}
	if len(b.ctls) > 0 {
		fmt.Fprintf(&pre, "var %s int; ", ctl)
	}
	if b.defers {
		// The body's deferred calls run when the enclosing function returns, in
		// reverse order, from one deferred call registered where the loop starts.
		if l.frame.chain {
			// Through the function's defer chain, so that their recover sees a panic.
			fmt.Fprintf(&pre, "var %[1]s_defers []func(); defer func() { %[2]s.Absorb(recover()); for i := len(%[1]s_defers) - 1; i >= 0; i-- { %[2]s.Offer(%[1]s_defers[i]) } }(); ", id, dcVar)
		} else {
			fmt.Fprintf(&pre, "var %[1]s_defers []func(); defer func() { for i := len(%[1]s_defers) - 1; i >= 0; i-- { %[1]s_defers[i]() } }(); ", id)
		}
	}
	l.replace(start, n.X.Pos(), pre.String()+open)
	post.WriteString("; return true })")
	if b.usesRet {
		var rs []string
		if outer != nil && outer.Results().Len() > 0 && outer.Results().At(0).Name() == "" {
			for i := 0; i < outer.Results().Len(); i++ {
				rs = append(rs, fmt.Sprintf("%s_r%d", id, i))
			}
		}
		fmt.Fprintf(&post, "; if %s { %s }", ret, esc.escapeReturn(rs))
	}
	for i, c := range b.ctls {
		fmt.Fprintf(&post, "; if %s == %d { %s }", ctl, i+1, esc.escapeBranch(c))
	}
	post.WriteString(" }")
	l.replace(n.Body.Rbrace, n.Body.Rbrace+1, post.String())
}

// rangeBody rewrites the statements of a range-over-func body that leave the loop.
type rangeBody struct {
	l        *lowerer
	loop     *ast.RangeStmt
	label    *ast.LabeledStmt
	ret, ctl string
	outer    *types.Signature
	usesRet  bool
	defers   bool     // the body has defer statements
	ctls     []string // statements run after the call, by control value 1, 2, ...
	idPrefix string
}

func (b *rangeBody) scan(body *ast.BlockStmt) {
	var visit func(n ast.Node, inLoop, inSwitch bool) // inLoop: nested for/range; inSwitch: nested switch/select
	visit = func(n ast.Node, inLoop, inSwitch bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if c == n {
				return true
			}
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				visit(c.Body, true, false)
				return false
			case *ast.RangeStmt:
				if t := b.l.typeOf(c.X); t != nil {
					if _, isFunc := t.Underlying().(*types.Signature); isFunc {
						return false // its own lowering hands its escapes to this loop
					}
				}
				visit(c.Body, true, false)
				return false
			case *ast.SwitchStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.TypeSwitchStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.SelectStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.DeferStmt:
				b.deferStmt(c)
				return false
			case *ast.BranchStmt:
				b.branch(c, inLoop, inSwitch)
			case *ast.ReturnStmt:
				b.ret1(c)
			}
			return true
		})
	}
	visit(body, false, false)
}

// deferStmt rewrites a defer of the loop body: the function and its arguments are
// evaluated now, as Go does, and the call is kept for the enclosing function's end (a
// defer in the yield function would run at the end of each iteration):
//
//	defer f(x)  →  it_defers = append(it_defers, func(f F, a X) func() { return func() { f(a) } }(f, x))
//
// The enclosing function's defer chain (fe_defer.go) runs them, so that a recover in
// them sees a panic.
func (b *rangeBody) deferStmt(d *ast.DeferStmt) {
	l := b.l
	call := d.Call
	b.defers = true
	list := b.idPrefix + "_defers"
	var params, names, args []string
	fun := "f"
	if sig, ok := types.Unalias(l.typeOf(call.Fun)).(*types.Signature); ok {
		params = append(params, "f "+l.tx(substType(sig, l.subst)))
		args = append(args, l.renderSub(call.Fun))
	} else {
		fun = l.renderSub(call.Fun) // a builtin
	}
	for i, a := range call.Args {
		t := l.typeOf(a)
		if t == nil {
			l.unsupported(d, "this defer inside the body of a range over a function", "move the defer out of the loop or into a function")
			return
		}
		name := fmt.Sprintf("a%d", i)
		params = append(params, name+" "+l.tx(types.Default(substType(t, l.subst))))
		names = append(names, name)
		args = append(args, l.renderSub(a))
	}
	ell := ""
	if call.Ellipsis.IsValid() {
		ell = "..."
	}
	l.replace(d.Pos(), d.End(), oneLine(fmt.Sprintf("%s = append(%s, func(%s) func() { return func() { %s(%s%s) } }(%s))",
		list, list, strings.Join(params, ", "), fun, strings.Join(names, ", "), ell, strings.Join(args, ", "))))
}

func (b *rangeBody) own(label *ast.Ident) bool {
	return label == nil || (b.label != nil && b.label.Label.Name == label.Name)
}

func (b *rangeBody) branch(c *ast.BranchStmt, inLoop, inSwitch bool) {
	l := b.l
	switch c.Tok {
	case token.GOTO:
		l.unsupported(c, "goto inside the body of a range over a function", "use break, continue or a flag")
	case token.CONTINUE:
		if c.Label == nil && inLoop {
			return
		}
		if b.own(c.Label) {
			if c.Label != nil && inLoop || c.Label == nil {
				l.replace(c.Pos(), c.End(), "return true")
				return
			}
			l.replace(c.Pos(), c.End(), "return true")
			return
		}
		if c.Label != nil && b.labelInside(c.Label.Name) {
			return
		}
		b.ctls = append(b.ctls, "continue "+c.Label.Name)
		l.replace(c.Pos(), c.End(), fmt.Sprintf("{ %s = %d; return false }", b.ctl, len(b.ctls)))
	case token.BREAK:
		if c.Label == nil && (inLoop || inSwitch) {
			return
		}
		if b.own(c.Label) {
			l.replace(c.Pos(), c.End(), "return false")
			return
		}
		if b.labelInside(c.Label.Name) {
			return
		}
		b.ctls = append(b.ctls, "break "+c.Label.Name)
		l.replace(c.Pos(), c.End(), fmt.Sprintf("{ %s = %d; return false }", b.ctl, len(b.ctls)))
	}
}

// escapeReturn is the statement, in the body of b (a loop over a function), that carries
// out a return of the enclosing function with the results in vars (none for named
// results) found after the call of a nested loop over a function; with b nil (no loop
// encloses the nested one) it is the return itself.
func (b *rangeBody) escapeReturn(vars []string) string {
	if b == nil {
		return strings.TrimSpace("return " + strings.Join(vars, ", "))
	}
	b.usesRet = true
	var s strings.Builder
	if len(vars) > 0 {
		var lhs []string
		for i := range vars {
			lhs = append(lhs, fmt.Sprintf("%s_r%d", strings.TrimSuffix(b.ret, "_ret"), i))
		}
		fmt.Fprintf(&s, "%s = %s; ", strings.Join(lhs, ", "), strings.Join(vars, ", "))
	}
	fmt.Fprintf(&s, "%s = true; return false", b.ret)
	return s.String()
}

// escapeBranch is the statement, in the body of b, that carries out stmt (break L or
// continue L) found after the call of a nested loop over a function.
func (b *rangeBody) escapeBranch(stmt string) string {
	if b == nil {
		return stmt
	}
	tok, label, _ := strings.Cut(stmt, " ")
	if b.label != nil && b.label.Label.Name == label {
		if tok == "continue" {
			return "return true"
		}
		return "return false"
	}
	if b.labelInside(label) {
		return stmt
	}
	b.ctls = append(b.ctls, stmt)
	return fmt.Sprintf("%s = %d; return false", b.ctl, len(b.ctls))
}

// labelInside reports whether a label of that name is declared inside the loop body.
func (b *rangeBody) labelInside(name string) bool {
	found := false
	ast.Inspect(b.loop.Body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == name {
			found = true
		}
		return !found
	})
	return found
}

func (b *rangeBody) ret1(c *ast.ReturnStmt) {
	l := b.l
	b.usesRet = true
	var s strings.Builder
	s.WriteString("{ ")
	if len(c.Results) > 0 {
		named := b.outer != nil && b.outer.Results().Len() > 0 && b.outer.Results().At(0).Name() != ""
		var lhs []string
		for i := 0; i < b.outer.Results().Len(); i++ {
			if named {
				lhs = append(lhs, b.outer.Results().At(i).Name())
			} else {
				lhs = append(lhs, fmt.Sprintf("%s_r%d", strings.TrimSuffix(b.ret, "_ret"), i))
			}
		}
		// The results are written with their own edits.
		l.replace(c.Pos(), c.Results[0].Pos(), "{ "+strings.Join(lhs, ", ")+" = ")
		l.replace(c.Results[len(c.Results)-1].End(), c.End(), fmt.Sprintf("; %s = true; return false }", b.ret))
		return
	}
	fmt.Fprintf(&s, "%s = true; return false }", b.ret)
	l.replace(c.Pos(), c.End(), s.String())
}

// loopVars gives a three-clause loop a fresh copy of its variables in each iteration,
// as Go 1.22 does, when the body can keep a reference to them (closures, go, defer, &).
func (l *lowerer) loopVars(n *ast.ForStmt) {
	as, ok := n.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return
	}
	var vars []*ast.Ident
	for _, x := range as.Lhs {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			vars = append(vars, id)
		}
	}
	// A body that assigns the variable changes the next iteration: a copy would lose that.
	objs := map[types.Object]bool{}
	for _, id := range vars {
		objs[l.ctx.info.Defs[id]] = true
	}
	if !l.assignsAny(n.Body, objs) {
		l.freshPerIteration(n.Body, vars)
	}
}

// freshPerIteration declares copies of the loop variables at the start of the body
// when the body can capture them, and creates each function literal that uses them in a
// frame of its own: yaegi's closures see the frame they were made in, which the next
// iteration overwrites when the closure runs later (in a goroutine, through a compiled
// callback).
func (l *lowerer) freshPerIteration(body *ast.BlockStmt, vars []*ast.Ident) {
	if len(vars) == 0 {
		return
	}
	loopObjs := map[types.Object]bool{}
	for _, id := range vars {
		if o := l.ctx.info.Defs[id]; o != nil {
			loopObjs[o] = true
		}
	}
	if !l.capturesAny(body, loopObjs) {
		return
	}
	var b strings.Builder
	objs := map[types.Object]*ast.Ident{}
	for _, id := range vars {
		fmt.Fprintf(&b, " %s := %s;", id.Name, id.Name)
		if o := l.ctx.info.Defs[id]; o != nil {
			objs[o] = id
		}
	}
	l.insert(body.Lbrace+1, b.String(), false)
	ast.Inspect(body, func(c ast.Node) bool {
		fl, ok := c.(*ast.FuncLit)
		if !ok {
			return true
		}
		used := map[types.Object]bool{}
		ast.Inspect(fl.Body, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok {
				if o := l.ctx.info.Uses[id]; o != nil && objs[o] != nil {
					used[o] = true
				}
			}
			return true
		})
		if len(used) == 0 {
			return false
		}
		ft := l.typeOf(fl)
		if ft == nil {
			return false
		}
		var params, args []string
		for _, id := range vars {
			if o := l.ctx.info.Defs[id]; o != nil && used[o] {
				params = append(params, id.Name+" "+l.tx(substType(o.Type(), l.subst)))
				args = append(args, id.Name)
			}
		}
		l.insert(fl.Pos(), fmt.Sprintf("(func(%s) %s { return ", strings.Join(params, ", "), l.tx(ft)), false)
		l.insert(fl.End(), fmt.Sprintf(" })(%s)", strings.Join(args, ", ")), true)
		return false
	})
}

// rangeString lowers for i, r := range s to a loop decoding s with utf8's rules: yaegi
// reports wrong byte offsets after invalid UTF-8.
func (l *lowerer) rangeString(n *ast.RangeStmt) {
	k, str, r, w := l.tmp("k"), l.tmp("s"), l.tmp("r"), l.tmp("w")
	op := "="
	if n.Tok == token.DEFINE {
		op = ":="
	}
	lhs, rhs := l.text(n.Key), k
	if n.Value != nil && !isBlank(n.Value) {
		lhs += ", " + l.text(n.Value)
		rhs += ", " + r
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := 0, string(", k, str))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("); %s < len(%s); { %s, %s := %s.DecodeRune(%s[%s:]); _ = %s; %s %s %s; %s += %s;",
		k, str, r, w, feRtPkg, str, k, r, lhs, op, rhs, k, w))
}

// rangeSliceIndexed lowers range over a slice to an index loop (yaegi fails ranging over
// a slice of channels).
func (l *lowerer) rangeSliceIndexed(n *ast.RangeStmt) {
	k, sl := l.tmp("k"), l.tmp("s")
	var lhs, rhs []string
	if n.Key != nil && !isBlank(n.Key) {
		lhs, rhs = append(lhs, l.text(n.Key)), append(rhs, k)
	}
	if n.Value != nil && !isBlank(n.Value) {
		lhs, rhs = append(lhs, l.text(n.Value)), append(rhs, sl+"["+k+"]")
	}
	bind := ""
	if len(lhs) > 0 {
		op := "="
		if n.Tok == token.DEFINE {
			op = ":="
		}
		bind = fmt.Sprintf(" %s %s %s;", strings.Join(lhs, ", "), op, strings.Join(rhs, ", "))
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := 0, ", k, sl))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("; %s < len(%s); %s++ {%s", k, sl, k, bind))
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
