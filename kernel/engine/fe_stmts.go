// The typed front end: lowering statements yaegi mis-runs (type switches, comma-ok
// assertions, select and switch forms, tuple assignments, returns, go statements,
// constant and local type declarations).

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// typeSwitch lowers a type switch into assertions and a switch on the matching case:
// yaegi's type switches miss interface cases for compiled values (case error).
//
//	switch v := x.(type) { case A: …; case B, C: …; default: … }
//
// becomes
//
//	{ t := x; c := -1; if _, ok := t.(A); ok { c = 0 } else if …; switch c { case 0: v := t.(A); …; case 1: v := t; …; default: v := t; … } }
func (l *lowerer) typeSwitch(n *ast.TypeSwitchStmt, label *ast.LabeledStmt) {
	var x ast.Expr
	var bind *ast.Ident
	switch a := n.Assign.(type) {
	case *ast.AssignStmt:
		bind = a.Lhs[0].(*ast.Ident)
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	}
	if x == nil {
		return
	}
	t, c := l.tmp("t"), l.tmp("c")
	var pre strings.Builder
	pre.WriteString("{ ")
	if n.Init != nil {
		pre.WriteString(l.renderRange(n.Init.Pos(), n.Init.End()))
		pre.WriteString("; ")
	}
	fmt.Fprintf(&pre, "%s := %s; %s := -1; ", t, oneLine(l.renderSub(x)), c)
	// A value of a cell interface handed to compiled code is its bare value; in an
	// interface{} the interpreter made, it carries its type's name (namedAssert).
	named := t
	if isSourceIface(l.typeOf(x)) {
		named = l.tmp("a")
		fmt.Fprintf(&pre, "var %s any = %s; _ = %s; ", named, t, named)
	}
	for k, st := range n.Body.List {
		cc := st.(*ast.CaseClause)
		for _, e := range cc.List {
			// Checks run in order until one matches. An assertion on a nil interface
			// panics in yaegi, so nil is tested first.
			if id, ok := e.(*ast.Ident); ok && id.Name == "nil" && l.ctx.info.Types[e].IsNil() {
				fmt.Fprintf(&pre, "if %s < 0 && %s == nil { %s = %d }; ", c, t, c, k)
				continue
			}
			ok := l.tmp("ok")
			if et := l.typeOf(e); isSourceIface(et) {
				fmt.Fprintf(&pre, "if %s < 0 && %s != nil { if _, %s := %s(%s); %s { %s = %d } }; ", c, t, ok, l.sourceAssertFn(l.typeOf(x), et, true), t, ok, c, k)
				continue
			}
			if check := l.ifaceCaseCheck(x, e, c, t, named, ok, k); check != "" {
				pre.WriteString(check)
				continue
			}
			if name := cellTypeName(l.typeOf(e)); name != "" {
				// The name decides (see namedAssert).
				fmt.Fprintf(&pre, "if %s < 0 && %s != nil && %s.IfName(%s) == %q { %s = %d }; ", c, t, feRtPkg, named, name, c, k)
				continue
			}
			guard := ""
			if mayHoldCell(l.typeOf(e)) {
				guard = " && !" + feRtPkg + ".IfCell(" + t + ")"
			}
			fmt.Fprintf(&pre, "if %s < 0 && %s != nil%s { if _, %s := %s.(%s); %s { %s = %d } }; ", c, t, guard, ok, unwrapped(t, l.typeOf(e)), l.tx(l.typeOf(e)), ok, c, k)
		}
	}
	lab := ""
	start := n.Pos()
	if label != nil {
		start = label.Pos()
		lab = label.Label.Name + ": "
	}
	fmt.Fprintf(&pre, "%sswitch %s {", lab, c)
	l.replace(start, n.Body.Lbrace+1, pre.String())
	for k, st := range n.Body.List {
		cc := st.(*ast.CaseClause)
		head := fmt.Sprintf("case %d:", k)
		if cc.List == nil {
			head = "default:"
		}
		if bind != nil {
			val, assign := t, ":="
			if len(cc.List) == 1 {
				if id, ok := cc.List[0].(*ast.Ident); !ok || id.Name != "nil" {
					if ct := l.typeOf(cc.List[0]); isSourceIface(ct) {
						val, assign = l.sourceAssertFn(l.typeOf(x), ct, true)+"("+t+")", ", _ :="
					} else if fn := l.compiledAssertFn(l.typeOf(x), ct, true, cc); fn != "" {
						val, assign = fn+"("+t+")", ", _ :="
					} else if cellTypeName(ct) != "" {
						val = fmt.Sprintf("%s(%s.IfValue(%s).(%s))", l.tx(ct), feRtPkg, named, l.tx(ct.Underlying()))
					} else {
						val = fmt.Sprintf("%s.(%s)", unwrapped(t, ct), l.tx(ct))
					}
				}
			}
			// Each clause's variable gets its own name: yaegi confuses variables of one
			// name and different types in sibling clauses.
			name := fmt.Sprintf("%s_%s%d", bind.Name, hiddenPrefix, k)
			obj := l.ctx.info.Implicits[cc]
			for _, b := range cc.Body {
				ast.Inspect(b, func(c ast.Node) bool {
					if id, ok := c.(*ast.Ident); ok && obj != nil && l.ctx.info.Uses[id] == obj {
						l.replace(id.Pos(), id.End(), name)
					}
					return true
				})
			}
			head += fmt.Sprintf(" %s %s %s; _ = %s;", name, assign, val, name)
		}
		l.replace(cc.Case, cc.Colon+1, head)
		for _, b := range cc.Body {
			ast.Inspect(b, l.visit)
		}
	}
	l.insert(n.Body.Rbrace+1, " }", true)
}

// renderSub lowers an expression on its own and returns its text.
func (l *lowerer) renderSub(e ast.Expr) string {
	ast.Inspect(e, l.visit)
	return l.renderRange(e.Pos(), e.End())
}

// commaOkAssert lowers v, ok := x.(I) for an interface type I: yaegi panics when x is
// a nil interface, where Go gives the zero value and false.
func (l *lowerer) commaOkAssert(e ast.Expr) {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return
	}
	it := l.typeOf(ta.Type)
	xt := l.typeOf(ta.X)
	if it == nil || xt == nil {
		return
	}
	if l.namedAssert(ta, true) {
		return
	}
	if mayHoldCell(it) {
		// yaegi's x.(float64) accepts a value of a cell type Celsius float64.
		ts := l.tx(it)
		l.replace(ta.Pos(), ta.X.Pos(), fmt.Sprintf("(func(x %s) (%s, bool) { if %s.IfCell(x) { var z %s; return z, false }; v, ok := x.(%s); return v, ok })(", l.tx(xt), ts, feRtPkg, ts, ts))
		l.replace(ta.X.End(), ta.End(), ")")
		return
	}
	if !types.IsInterface(it) {
		return
	}
	if isSourceIface(it) {
		l.wrapAssert(ta, l.sourceAssertFn(xt, it, true))
		return
	}
	if l.compiledIfaceAssert(ta, true) {
		return
	}
	xs, is := l.tx(xt), l.tx(it)
	// Written in place, so that the types may be local to a function.
	fn := fmt.Sprintf("(func(x %s) (%s, bool) { if x == nil { var z %s; return z, false }; v, ok := x.(%s); return v, ok })", xs, is, is, is)
	l.replace(ta.Pos(), ta.X.Pos(), fn+"(")
	l.replace(ta.X.End(), ta.End(), ")")
}

// selectAssign lowers a select case that assigns a received value to existing variables
// (case v = <-c, case v, ok = <-c), which panics in yaegi, into one that declares
// fresh variables and assigns them at the start of the case.
func (l *lowerer) selectAssign(n *ast.CommClause) {
	as, ok := n.Comm.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Rhs) != 1 {
		return
	}
	var tmps, assigns []string
	for _, x := range as.Lhs {
		t := l.tmp("r")
		tmps = append(tmps, t)
		if !isBlank(x) {
			ast.Inspect(x, l.visit)
			assigns = append(assigns, l.renderSub(x)+" = "+t)
		} else {
			assigns = append(assigns, "_ = "+t)
		}
	}
	ast.Inspect(as.Rhs[0], l.visit)
	l.replace(as.Pos(), as.Rhs[0].Pos(), strings.Join(tmps, ", ")+" := ")
	l.insert(n.Colon+1, " "+strings.Join(assigns, "; ")+";", false)
}

// switchInit moves the init statement of an expression switch into a block around it:
// yaegi mis-evaluates a switch that has both an init statement and a tag expression.
func (l *lowerer) switchInit(n *ast.SwitchStmt, label *ast.LabeledStmt) {
	if n.Init == nil {
		return
	}
	start, lab := n.Pos(), ""
	if label != nil {
		start, lab = label.Pos(), label.Label.Name+": "
	}
	next := n.Body.Lbrace
	if n.Tag != nil {
		next = n.Tag.Pos()
	}
	l.replace(start, n.Init.Pos(), "{ ")
	l.replace(n.Init.End(), next, "; "+lab+"switch ")
	l.insert(n.Body.Rbrace+1, " }", true)
}

// tupleMapAssign lowers a tuple assignment that writes a map element (a, m[k] = x, y),
// whose map write yaegi drops, into Go's two phases spelled out: the index operands on
// the left and the values on the right are evaluated in order into temporaries, then the
// assignments are made left to right.
func (l *lowerer) tupleMapAssign(n *ast.AssignStmt) bool {
	if n.Tok != token.ASSIGN || len(n.Lhs) < 2 || len(n.Lhs) != len(n.Rhs) {
		return false
	}
	hasMap := false
	for _, x := range n.Lhs {
		if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
			if t := l.typeOf(ix.X); t != nil {
				if _, ok := types.Unalias(t).Underlying().(*types.Map); ok {
					hasMap = true
				}
			}
		}
	}
	if !hasMap {
		return false
	}
	var pre, targets []string
	for _, x := range n.Lhs {
		switch x := ast.Unparen(x).(type) {
		case *ast.IndexExpr:
			t := l.typeOf(x.X)
			tx, ti := l.tmp("x"), l.tmp("i")
			ref := tx
			if _, isArr := types.Unalias(t).Underlying().(*types.Array); isArr {
				pre = append(pre, fmt.Sprintf("%s := &(%s)", tx, l.renderSub(x.X)))
				ref = "(*" + tx + ")"
			} else {
				pre = append(pre, fmt.Sprintf("%s := %s", tx, l.renderSub(x.X)))
			}
			pre = append(pre, fmt.Sprintf("%s := %s", ti, l.renderSub(x.Index)))
			targets = append(targets, ref+"["+ti+"]")
		case *ast.StarExpr:
			tp := l.tmp("p")
			pre = append(pre, fmt.Sprintf("%s := %s", tp, l.renderSub(x.X)))
			targets = append(targets, "*"+tp)
		default:
			targets = append(targets, l.renderSub(x))
		}
	}
	var vals []string
	for _, r := range n.Rhs {
		tv := l.tmp("v")
		pre = append(pre, fmt.Sprintf("%s := %s", tv, l.renderSub(r)))
		vals = append(vals, tv)
	}
	var asg []string
	for i, t := range targets {
		if t == "_" {
			asg = append(asg, "_ = "+vals[i])
			continue
		}
		asg = append(asg, t+" = "+vals[i])
	}
	text := "{ " + strings.Join(pre, "; ") + "; " + strings.Join(asg, "; ") + " }"
	l.replace(n.Pos(), n.End(), oneLine(text))
	return true
}

// recvAssign lowers v, ok = <-c (assigning existing variables), which panics in yaegi,
// to a receive into fresh variables that are then assigned.
func (l *lowerer) recvAssign(n *ast.AssignStmt) bool {
	if n.Tok != token.ASSIGN || len(n.Lhs) > 2 || len(n.Rhs) != 1 {
		return false
	}
	u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	if len(n.Lhs) == 1 {
		// v = <-c: yaegi binds v to the received value's storage, so a later receive
		// of a zero value into v panics (reflect.Value.Set using unaddressable value).
		v := l.tmp("v")
		l.replace(n.Pos(), n.End(), oneLine(fmt.Sprintf("{ %s := %s; %s = %s }", v, l.renderSub(n.Rhs[0]), l.renderSub(n.Lhs[0]), v)))
		return true
	}
	v, okv := l.tmp("v"), l.tmp("ok")
	var lhs []string
	for _, x := range n.Lhs {
		lhs = append(lhs, l.renderSub(x))
	}
	text := fmt.Sprintf("{ %s, %s := %s; %s = %s, %s }", v, okv, l.renderSub(n.Rhs[0]), strings.Join(lhs, ", "), v, okv)
	l.replace(n.Pos(), n.End(), oneLine(text))
	return true
}

// returnRecv lowers a return whose results receive from a channel (return <-c), which
// panics in yaegi when the channel is closed, or that has several results of builtin
// calls: the results go through temporaries, in order.
func (l *lowerer) returnRecv(n *ast.ReturnStmt) bool {
	recv := false
	for _, r := range n.Results {
		if u, ok := ast.Unparen(r).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			recv = true
		}
		// yaegi returns the last of several builtin results for all of them
		// (return real(c), imag(c)).
		if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && len(n.Results) > 1 {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
				if _, ok := l.ctx.info.Uses[id].(*types.Builtin); ok {
					recv = true
				}
			}
		}
	}
	if !recv {
		return false
	}
	var results *types.Tuple
	if len(l.sigs) > 0 {
		results = l.sigs[len(l.sigs)-1].Results()
	}
	var pre, names []string
	for i, r := range n.Results {
		t := l.tmp("ret")
		// The temporary has the result's type: a constant takes it (return …, 2 for a
		// float64 result).
		if results != nil && results.Len() == len(n.Results) {
			if text, err := l.typeExpr(substType(results.At(i).Type(), l.subst)); err == nil {
				pre = append(pre, "var "+t+" "+text+" = "+l.renderSub(r))
				names = append(names, t)
				continue
			}
		}
		pre = append(pre, t+" := "+l.renderSub(r))
		names = append(names, t)
	}
	l.replace(n.Pos(), n.End(), oneLine("{ "+strings.Join(pre, "; ")+"; return "+strings.Join(names, ", ")+" }"))
	return true
}

// goStmt wraps the call of a go statement so that a panic in the goroutine becomes an
// error of the cell that started it. The function and arguments are evaluated at the go
// statement, as Go does.
func (l *lowerer) goStmt(n *ast.GoStmt) {
	l.goDefers(n)
	recov := goRecover()
	call := n.Call
	if len(call.Args) == 1 && isCall(call.Args[0]) {
		l.replace(n.Go, call.Pos(), feRtPkg+".Go(func() { "+recov)
		l.insert(call.End(), " })", true)
		return
	}
	// The function value and the arguments are parameters of the goroutine's function,
	// evaluated at the go statement: captured block variables would be shared with the
	// next iteration of an enclosing loop in yaegi.
	sig, _ := types.Unalias(l.typeOf(call.Fun)).(*types.Signature)
	if sig == nil || (sig.Variadic() && !call.Ellipsis.IsValid()) || sig.Params().Len() != len(call.Args) {
		l.goStmtCaptured(n, recov)
		return
	}
	f := l.tmp("f")
	params := []string{f + " " + l.tx(substType(sig, l.subst))}
	// A function declared at package level is called by its name (its value is the
	// same at the go statement): yaegi sometimes read a declared function passed as a
	// value as nil in the new goroutine.
	direct := l.declaredFunc(call.Fun)
	if direct {
		params = nil
	}
	ps, args := l.goArgs(sig, call)
	params = append(params, ps...)
	// The goroutine is started by compiled code (Go): yaegi's own go statement on a
	// function value sometimes read it as nil in the new goroutine and killed the process.
	if direct {
		fun := l.renderSub(call.Fun)
		l.replace(n.Go, call.Fun.End(), fmt.Sprintf("%s.Go(func(%s) func() { return func() { %s%s(%s) } }", feRtPkg, strings.Join(params, ", "), recov, fun, args))
		if len(call.Args) > 0 {
			l.replace(call.Fun.End(), call.Args[0].Pos(), "(")
			l.replace(call.Args[len(call.Args)-1].End(), call.End(), "))")
		} else {
			l.replace(call.Fun.End(), call.End(), "())")
		}
		return
	}
	if _, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); !isSel && len(call.Args) > 0 {
		// A function literal or variable: called by compiled code (GoCall), since
		// yaegi's goroutine sometimes read the value it captured as nil.
		l.replace(n.Go, call.Fun.Pos(), feRtPkg+".GoCall(")
		spread := "false"
		if call.Ellipsis.IsValid() {
			spread = "true"
			l.replace(call.Ellipsis, call.Ellipsis+3, "")
		}
		if len(call.Args) > 0 {
			l.replace(call.Fun.End(), call.Args[0].Pos(), ", "+spread+", ")
			for _, a := range call.Args {
				l.copyForIface(a, types.NewInterfaceType(nil, nil))
			}
		} else {
			l.replace(call.Fun.End(), call.End(), ", "+spread+")")
		}
		return
	}
	l.replace(n.Go, call.Fun.Pos(), fmt.Sprintf("%s.Go(func(%s) func() { return func() { %s%s(%s) } }(", feRtPkg, strings.Join(params, ", "), recov, f, args))
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), "))")
	} else {
		l.replace(call.Fun.End(), call.End(), "))")
	}
}

// declaredFunc reports whether fun names a function declared at package level (in cells
// or in a package), not a variable or method value.
func (l *lowerer) declaredFunc(fun ast.Expr) bool {
	var id *ast.Ident
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			if _, ok := l.ctx.info.Uses[x].(*types.PkgName); ok {
				id = f.Sel
			}
		}
	}
	if id == nil {
		return false
	}
	fn, ok := l.ctx.info.Uses[id].(*types.Func)
	return ok && fn.Type().(*types.Signature).TypeParams().Len() == 0
}

// goStmtCaptured is goStmt for calls whose arguments cannot be parameters (variadic
// calls without ...): they are evaluated into block variables the goroutine captures.
func (l *lowerer) goStmtCaptured(n *ast.GoStmt, recov string) {
	call := n.Call
	names := make([]string, len(call.Args))
	for i := range call.Args {
		names[i] = l.tmp("a")
	}
	f := l.tmp("f")
	pre := "{ " + f + " := "
	if len(names) > 0 {
		pre = "{ " + f + ", " + strings.Join(names, ", ") + " := "
	}
	l.replace(n.Go, call.Fun.Pos(), pre)
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), fmt.Sprintf("; %s.Go(func() { %s%s(%s) }) }", feRtPkg, recov, f, args))
	} else {
		l.replace(call.Fun.End(), call.End(), fmt.Sprintf("; %s.Go(func() { %s%s() }) }", feRtPkg, recov, f))
	}
}

// constDecl writes every constant of a declaration with its value, as go/types computed
// it: yaegi mis-handles implicit repetition, iota expressions and blank names.
func (l *lowerer) constDecl(n *ast.GenDecl) {
	var specs []string
	for _, sp := range n.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for _, id := range vs.Names {
			if id.Name == "_" {
				continue
			}
			c, ok := l.ctx.info.Defs[id].(*types.Const)
			if !ok {
				continue
			}
			lit := constLiteral(c.Val(), c.Type())
			name := id.Name
			if l.pkgPath != "main" && c.Parent() == c.Pkg().Scope() {
				name = stdName(l.fe, l.pkgPath, id.Name)
			}
			if b, ok := c.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
				specs = append(specs, fmt.Sprintf("%s = %s", name, lit))
			} else {
				t := l.tx(c.Type())
				specs = append(specs, fmt.Sprintf("%s %s = %s(%s)", name, t, t, lit))
			}
		}
	}
	text := "const (" + strings.Join(specs, "; ") + ")"
	if len(specs) == 1 {
		text = "const " + specs[0]
	}
	src := l.text(n)
	text += strings.Repeat("\n", strings.Count(src, "\n"))
	l.replace(n.Pos(), n.End(), text)
}

// constLiteral writes a constant value as a literal of its kind.
func constLiteral(v constant.Value, t types.Type) string {
	switch v.Kind() {
	case constant.Bool:
		return v.String()
	case constant.String:
		return strconv.Quote(constant.StringVal(v))
	case constant.Int:
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedRune {
			if r, ok := constant.Int64Val(v); ok && r >= 0 && r <= 0x10FFFF {
				return strconv.QuoteRune(rune(r))
			}
		}
		return v.ExactString()
	case constant.Float:
		bits := 64
		if b, ok := types.Unalias(t).Underlying().(*types.Basic); ok && b.Kind() == types.Float32 {
			bits = 32
		}
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			// Untyped: keep the exact value as a ratio, which constant arithmetic keeps exact.
			if n, d := constant.Num(v), constant.Denom(v); n.Kind() == constant.Int && d.Kind() == constant.Int && len(n.ExactString())+len(d.ExactString()) < 200 {
				if d.ExactString() == "1" {
					return n.ExactString() + ".0"
				}
				return "(" + n.ExactString() + ".0 / " + d.ExactString() + ".0)"
			}
		}
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, bits)
		if !strings.ContainsAny(s, ".eEnI") {
			s += ".0"
		}
		return s
	case constant.Complex:
		return "complex(" + constLiteral(constant.Real(v), types.Typ[types.UntypedFloat]) + ", " + constLiteral(constant.Imag(v), types.Typ[types.UntypedFloat]) + ")"
	}
	return v.ExactString()
}

// hoistTypes moves a function's local type declarations to package level under hidden
// names when they use nothing local: generated helpers and instances, which live at
// package level, can then name them. It reports whether it handled the declaration.
func (l *lowerer) hoistTypes(ds *ast.DeclStmt, gd *ast.GenDecl) bool {
	if l.localAliases(ds, gd) {
		return true
	}
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		if ts.TypeParams != nil || ts.Assign.IsValid() {
			return false
		}
		local := false
		ast.Inspect(ts.Type, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok {
				if o := l.ctx.info.Uses[id]; o != nil && o.Pkg() != nil && o.Parent() != nil && o.Parent() != o.Pkg().Scope() {
					if _, hoisted := l.fe.hoisted[o]; !hoisted {
						local = true
					}
				}
			}
			return !local
		})
		if local {
			return false
		}
	}
	var decls []string
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		obj := l.ctx.info.Defs[ts.Name]
		name := l.tmp("local_" + ts.Name.Name)
		l.fe.hoisted[obj] = name
		l.out.instNames[name] = "main." + ts.Name.Name
		ast.Inspect(ts.Type, l.visit)
		decls = append(decls, "type "+name+" "+l.renderSub(ts.Type))
	}
	l.out.decls = append(l.out.decls, decls...)
	l.replace(ds.Pos(), ds.End(), strings.Repeat("\n", strings.Count(l.text(ds), "\n")))
	return true
}

// localAliases removes a function's local alias declarations (type A = T), writing T
// wherever A is used: yaegi mis-resolves local aliases, above all of predeclared names
// (type int32 = string). It reports whether it handled the declaration.
func (l *lowerer) localAliases(ds *ast.DeclStmt, gd *ast.GenDecl) bool {
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		if !ts.Assign.IsValid() || ts.TypeParams != nil {
			return false
		}
	}
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		obj := l.ctx.info.Defs[ts.Name]
		if obj == nil {
			return false
		}
		t, err := l.typeExpr(obj.Type())
		if err != nil {
			return false
		}
		if strings.HasPrefix(t, "*") || strings.HasPrefix(t, "<-") || strings.HasPrefix(t, "func") {
			t = "(" + t + ")"
		}
		l.fe.hoisted[obj] = t
	}
	l.replace(ds.Pos(), ds.End(), strings.Repeat("\n", strings.Count(l.text(ds), "\n")))
	return true
}

// switchCalls lowers an expression switch whose case lists call functions to a tagless
// switch on comparisons joined by ||: Go evaluates the case expressions left to right
// only until one matches, yaegi does not. It reports whether it handled n.
func (l *lowerer) switchCalls(n *ast.SwitchStmt, label *ast.LabeledStmt) bool {
	if n.Tag == nil {
		return false
	}
	calls := false
	for _, st := range n.Body.List {
		for _, e := range st.(*ast.CaseClause).List {
			ast.Inspect(e, func(c ast.Node) bool {
				if call, ok := c.(*ast.CallExpr); ok && !l.ctx.info.Types[call.Fun].IsType() {
					calls = true
				}
				return !calls
			})
		}
	}
	if !calls {
		return false
	}
	t := l.tmp("tag")
	start, lab := n.Pos(), ""
	if label != nil {
		start, lab = label.Pos(), label.Label.Name+": "
	}
	var pre strings.Builder
	pre.WriteString("{ ")
	if n.Init != nil {
		ast.Inspect(n.Init, l.visit)
		pre.WriteString(l.renderRange(n.Init.Pos(), n.Init.End()))
		pre.WriteString("; ")
	}
	fmt.Fprintf(&pre, "%s := %s; _ = %s; %sswitch {", t, l.renderSub(n.Tag), t, lab)
	l.replace(start, n.Body.Lbrace+1, oneLine(pre.String()))
	for _, st := range n.Body.List {
		cc := st.(*ast.CaseClause)
		if len(cc.List) > 0 {
			var conds []string
			for _, e := range cc.List {
				conds = append(conds, t+" == ("+l.renderSub(e)+")")
			}
			l.replace(cc.List[0].Pos(), cc.List[len(cc.List)-1].End(), oneLine(strings.Join(conds, " || ")))
		}
		for _, b := range cc.Body {
			ast.Inspect(b, l.visit)
		}
	}
	l.insert(n.Body.Rbrace+1, " }", true)
	return true
}

// goRecover is the start of a goroutine's function: a panic is reported as one of a
// goroutine the cell started (GoPanicFrom).
func goRecover() string {
	return fmt.Sprintf("__sluice_gc := %s.GoCell(); defer func() { if r := recover(); r != nil { %s.GoPanicFrom(r, __sluice_gc) } }(); ", feRtPkg, feRtPkg)
}

// goArgs returns the parameters that carry a go statement's arguments into the
// goroutine's function, and the arguments of the call inside it (with ... when the call
// passes a slice as it is).
func (l *lowerer) goArgs(sig *types.Signature, call *ast.CallExpr) (params []string, args string) {
	var names []string
	for i := 0; i < sig.Params().Len(); i++ {
		a := l.tmp("a")
		names = append(names, a)
		params = append(params, a+" "+l.tx(substType(sig.Params().At(i).Type(), l.subst)))
	}
	args = strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	return params, args
}
