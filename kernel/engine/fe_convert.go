// The typed front end: conversions to interfaces, and operands whose type yaegi gets
// wrong. Converting a struct or array variable to an interface copies it; a cell struct
// value converted to error keeps its value; a named non-struct cell type keeps its type
// in an empty interface; a value assigned to an interface field of a compiled struct is
// converted explicitly; a constant shift operand gets its context's type.
//
// Go copies a value into an interface when it converts it; yaegi v0.16.1 keeps the
// variable's storage in the interface, so a later change to the variable shows through
// it (var g Getter = c; c.Inc(); g.Get() sees the increment). Where an addressable
// operand of struct or array type meets an interface type — assignment, initialisation,
// argument, result, composite literal element, send, explicit conversion — it is passed
// through an interpreted identity function, whose parameter is a copy:
//
//	var g Getter = c  →  var g Getter = (func(v Counter) Counter { return v })(c)
//
// A nil pointer of a cell type converted to error is a non-nil error in Go (the typed nil
// the Go FAQ warns about); yaegi made it a nil error. The conversion gives a compiled
// wrapper holding the typed nil pointer instead:
//
//	return e  →  return (func(v *MyErr) error { if v == nil { return __sluice_fe.NilError(v, …) }; return v })(e)
//
// yaegi converts a value to a compiled interface (error, fmt.Stringer …) through a wrapper
// struct whose IValue field holds the value; for a struct value it stores the struct's
// last non-nil interface field instead (it takes the struct for an emulated interface),
// so an assertion back to the struct type failed and errors.As found nothing. The
// conversion of a cell struct value to error is followed by a compiled helper that puts
// the value itself into the wrapper (other compiled interfaces keep yaegi's wrapper):
//
//	var e error = RetryError{…}  →  var e error = (func(v RetryError) error { var e error = v; return __sluice_fe.IfWrapError(e, v) })(RetryError{…})

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// copyForIface wraps e in a copy when it is an addressable struct or array operand
// converted to the interface type target.
func (l *lowerer) copyForIface(e ast.Expr, target types.Type) {
	if pre, post := l.ifaceCopy(e, target); pre != "" {
		l.insert(e.Pos(), pre, false)
		l.insert(e.End(), post, true)
	}
}

// ifaceCopy returns the text to write before and after e so that e converted to target
// is a copy, or "", "": an identity function's call, or a one-element slice literal's
// element (fe_ifacefresh.go).
func (l *lowerer) ifaceCopy(e ast.Expr, target types.Type) (pre, post string) {
	st := l.operandType(e)
	if l.refusePromotedConv(e, st, target) {
		return "", ""
	}
	if isErrorType(target) && (isCellPointer(st) || isCellStruct(st)) {
		// ifaceCopyFn's conversions to error are made in a function of their own.
	} else if pre, post := l.freshIface(e, st, target); pre != "" {
		return pre, post
	}
	if fn := l.ifaceCopyFn(e, target); fn != "" {
		return fn + "(", ")"
	}
	return "", ""
}

// ifaceCopyFn returns the identity function that copies e converted to target, or "".
func (l *lowerer) ifaceCopyFn(e ast.Expr, target types.Type) string {
	if e == nil || target == nil || !types.IsInterface(target) || isTypeParam(target) {
		return ""
	}
	st := l.operandType(e)
	if fn := l.cellIfaceConvFn(e, st, target); fn != "" {
		return fn
	}
	if st == nil || types.IsInterface(st) || isTypeParam(st) {
		return ""
	}
	if l.boxesName(st, target) {
		text, err := l.typeExpr(st)
		if err != nil {
			return ""
		}
		return "(func(v " + text + ") any { var x any = v; return x })"
	}
	if it, ok := under(target).(*types.Interface); ok && it.Empty() && l.pkgPath == "main" && needsTag(st) {
		return l.tagFn(st)
	}
	if isErrorType(target) && isCellPointer(st) {
		text, err := l.typeExpr(st)
		if err != nil {
			return ""
		}
		return "(func(v " + text + ") error { if v == nil { return " + feRtPkg + ".NilError(v, func() string { return v.Error() }) }; return v })"
	}
	if isErrorType(target) && isCellStruct(st) {
		text, err1 := l.typeExpr(st)
		tt, err2 := l.typeExpr(target)
		if err1 != nil || err2 != nil {
			return ""
		}
		return "(func(v " + text + ") " + tt + " { var e " + tt + " = v; return " + feRtPkg + ".IfWrapError(e, v) })"
	}
	if fn := l.compiledWrapFn(st, target); fn != "" {
		return fn
	}
	switch st.Underlying().(type) {
	case *types.Struct, *types.Array:
	default:
		return ""
	}
	if !l.addressable(e) {
		return ""
	}
	text, err := l.typeExpr(st)
	if err != nil {
		return ""
	}
	return "(func(v " + text + ") " + text + " { return v })"
}

// operandType is the type of e, also for a package variable's initialiser naming a
// variable the cell's statements define (the checker saw only the name).
func (l *lowerer) operandType(e ast.Expr) types.Type {
	st := l.typeOf(e)
	if id, ok := e.(*ast.Ident); ok && (st == nil || st == types.Typ[types.Invalid]) && l.cellScope != nil {
		if o := l.cellScope.Lookup(id.Name); o != nil {
			st = o.Type()
		}
	}
	return st
}

// isErrorType reports whether t is the predeclared error.
func isErrorType(t types.Type) bool {
	return types.Identical(t, errorType)
}

// A named cell type whose underlying type is not a struct (type Celsius float64) has no
// run-time type of its own in yaegi: an interface{} assigned, passed or returned such a
// value holds the bare underlying value, so %T, reflection and type switches named
// float64. yaegi keeps the interpreter type when an interface{} variable is initialised
// from a value whose type has methods, so such types get a hidden method and a
// conversion to an empty interface goes through a variable:
//
//	type Celsius float64  →  type Celsius float64; func (Celsius) __sluice_type() {}
//	xs = append(xs, c)    →  xs = append(xs, (func(v Celsius) any { var x any = v; return x })(c))
//
// Assertions to an unnamed type then check that the value is not of a cell type
// (notCellAssert): yaegi's x.(float64) accepts a Celsius.

// markTyped adds the hidden method to a declared type that needs it.
func (l *lowerer) markTyped(ts *ast.TypeSpec, d *ast.GenDecl) {
	if ts.Assign.IsValid() || ts.TypeParams != nil || l.pkgPath != "main" {
		return
	}
	tn, ok := l.ctx.info.Defs[ts.Name].(*types.TypeName)
	if !ok || !needsTypedBox(tn.Type()) {
		return
	}
	l.insert(d.End(), "\nfunc ("+ts.Name.Name+") "+hiddenPrefix+"_type() {}", true)
}

// needsTypedBox reports whether t is a named cell type whose values lose their type in
// an empty interface.
func needsTypedBox(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" || n.TypeParams().Len() > 0 || n.TypeArgs().Len() > 0 {
		return false
	}
	switch n.Underlying().(type) {
	case *types.Struct, *types.Interface, *types.Pointer:
		return false
	}
	return true
}

// boxesName reports whether converting a value of type st to target goes through the
// typed cell interface.
func (l *lowerer) boxesName(st, target types.Type) bool {
	it, ok := under(target).(*types.Interface)
	return ok && it.Empty() && !isTypeParam(target) && needsTypedBox(st)
}

// mayHoldCell reports whether an assertion to t must first rule out a value of a cell
// type: t is not an interface and not a type declared in cells.
func mayHoldCell(t types.Type) bool {
	if t == nil || types.IsInterface(t) || isTypeParam(t) {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main" {
		return false
	}
	return true
}

// isCellPointer reports whether t is a pointer to a type declared in cells.
func isCellPointer(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main"
}

// isCellStruct reports whether t is a struct type declared in cells.
func isCellStruct(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" {
		return false
	}
	_, ok = n.Underlying().(*types.Struct)
	return ok
}

// addressable reports whether e denotes storage a later statement can change: a
// variable, a field of one, an element of an array or slice, a dereference.
func (l *lowerer) addressable(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := l.ctx.info.ObjectOf(x).(*types.Var)
		return ok
	case *ast.SelectorExpr:
		sel, ok := l.ctx.info.Selections[x]
		return ok && sel.Kind() == types.FieldVal
	case *ast.IndexExpr:
		t := l.typeOf(x.X)
		if t == nil {
			return false
		}
		switch t.Underlying().(type) {
		case *types.Slice, *types.Array, *types.Pointer:
			return true
		}
	case *ast.StarExpr:
		return true
	}
	return false
}

// ifaceCopies applies copyForIface to the operands n converts implicitly or explicitly.
func (l *lowerer) ifaceCopies(n ast.Node) {
	info := l.ctx.info
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
			return
		}
		for i, r := range n.Rhs {
			if len(n.Rhs) > 1 {
				l.typedNil(n.Lhs[i], r)
			}
			l.assignIface(n.Lhs[i], r)
			l.compiledFieldConv(n.Lhs[i], r)
		}
	case *ast.ValueSpec:
		if n.Type == nil || len(n.Names) != len(n.Values) {
			return
		}
		if o := info.Defs[n.Names[0]]; o == nil || o.Pkg() == nil || o.Parent() == o.Pkg().Scope() {
			return // package variables: see writeVarInit
		}
		t := l.typeOf(n.Type)
		for _, v := range n.Values {
			l.copyForIface(v, t)
		}
	case *ast.ReturnStmt:
		if len(l.sigs) == 0 {
			return
		}
		res := l.sigs[len(l.sigs)-1].Results()
		if res.Len() != len(n.Results) {
			return
		}
		for i, r := range n.Results {
			l.copyForIface(r, substType(res.At(i).Type(), l.subst))
		}
	case *ast.SendStmt:
		if ch, ok := under(l.typeOf(n.Chan)).(*types.Chan); ok {
			l.copyForIface(n.Value, ch.Elem())
		}
	case *ast.CompositeLit:
		t := l.typeOf(n)
		if t == nil {
			return
		}
		for i, el := range n.Elts {
			kv, isKV := el.(*ast.KeyValueExpr)
			v := el
			if isKV {
				v = kv.Value
			}
			switch u := t.Underlying().(type) {
			case *types.Slice:
				l.copyForIface(v, u.Elem())
			case *types.Array:
				l.copyForIface(v, u.Elem())
			case *types.Map:
				if isKV {
					l.copyForIface(kv.Key, u.Key())
				}
				l.copyForIface(v, u.Elem())
			case *types.Struct:
				if isKV {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := info.Uses[id].(*types.Var); ok {
							l.copyForIface(v, substType(f.Type(), l.subst))
						}
					}
				} else if i < u.NumFields() {
					l.copyForIface(v, substType(u.Field(i).Type(), l.subst))
				}
			}
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
			if len(n.Args) == 1 && !l.explicitIfaceConv(n) {
				l.copyForIface(n.Args[0], l.typeOf(n.Fun))
			}
			return
		}
		if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() != "append" {
				return // panic and print have lowerings of their own
			}
		}
		sig, ok := under(l.typeOf(n.Fun)).(*types.Signature)
		if !ok || n.Ellipsis.IsValid() {
			return
		}
		compiled := l.compiledCallee(n.Fun)
		ps := sig.Params()
		for i, a := range n.Args {
			var pt types.Type
			switch {
			case sig.Variadic() && i >= ps.Len()-1:
				if s, ok := ps.At(ps.Len() - 1).Type().(*types.Slice); ok {
					pt = s.Elem()
				}
			case i < ps.Len():
				pt = ps.At(i).Type()
			}
			if compiled {
				// Compiled code receives a copy, but the wrapper yaegi makes for a
				// compiled interface calls the methods on the interpreter's storage.
				pre, post := l.freshIface(a, l.typeOf(a), pt)
				if fn := l.compiledIfaceArgFn(l.typeOf(a), pt, a); pre == "" && fn != "" {
					pre, post = fn+"(", ")"
				}
				if fn := l.compiledWrapFn(l.typeOf(a), pt); pre == "" && fn != "" {
					pre, post = fn+"(", ")"
				}
				if pre != "" {
					l.insert(a.Pos(), pre, false)
					l.insert(a.End(), post, true)
				}
				continue
			}
			l.copyForIface(a, pt)
		}
	}
}

// skipFieldConv turns compiledFieldConv off, for the test of the stopped-early check.
var skipFieldConv bool

// compiledFieldConv converts the value assigned to an interface field of a compiled
// struct type explicitly: yaegi v0.16.1 stops the cell silently at r.Value = i + 1
// (container/ring) and stores nil for r.Value = <-c; r.Value = any(i + 1) works.
func (l *lowerer) compiledFieldConv(lhs, rhs ast.Expr) {
	if skipFieldConv {
		return
	}
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s, ok := l.ctx.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || s.Obj().Pkg() == nil || s.Obj().Pkg().Path() == "main" {
		return
	}
	ft := s.Obj().Type()
	if !types.IsInterface(ft) {
		return
	}
	if rt := l.typeOf(rhs); rt == nil || types.IsInterface(rt) {
		return
	}
	text, err := l.typeExpr(ft)
	if err != nil {
		return
	}
	l.insert(rhs.Pos(), text+"(", false)
	l.insert(rhs.End(), ")", true)
}

// compiledCallee reports whether fun names a function or method of a package other
// than main: compiled code receives its arguments through reflect, which copies them.
func (l *lowerer) compiledCallee(fun ast.Expr) bool {
	var obj types.Object
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		obj = l.ctx.info.Uses[f]
	case *ast.SelectorExpr:
		if sel, ok := l.ctx.info.Selections[f]; ok {
			obj = sel.Obj()
		} else {
			obj = l.ctx.info.Uses[f.Sel]
		}
	}
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() != "main"
}

// shiftOperand gives the constant left operand of a non-constant shift its type: Go
// types 1<<i by its context (p&(1<<i) is a Perm for a Perm p), yaegi always as an int.
func (l *lowerer) shiftOperand(n *ast.BinaryExpr) {
	if n.Op != token.SHL && n.Op != token.SHR {
		return
	}
	tv, ok := l.ctx.info.Types[n]
	if !ok || tv.Value != nil {
		return
	}
	xv, ok := l.ctx.info.Types[n.X]
	if !ok || xv.Value == nil {
		return
	}
	t := l.typeOf(n)
	if t == nil || isTypeParam(t) || types.Identical(t, types.Typ[types.Int]) {
		return
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return
	}
	text, err := l.typeExpr(t)
	if err != nil {
		return
	}
	l.insert(n.X.Pos(), text+"(", false)
	l.insert(n.X.End(), ")", true)
}

// under is t's underlying type, nil for nil.
func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// cellTypeName returns the run-time name of a package-level named non-struct cell type
// ("main.Celsius"), which the boxed values of fe_convert.go carry, or "".
func cellTypeName(t types.Type) string {
	if !needsTypedBox(t) {
		return ""
	}
	obj := types.Unalias(t).(*types.Named).Obj()
	if obj.Parent() != obj.Pkg().Scope() {
		return ""
	}
	return "main." + obj.Name()
}

// namedAssert lowers an assertion to a named non-struct cell type: yaegi's x.(Celsius)
// accepts any float64, so the value must also carry the type's name.
//
//	c, ok := x.(Celsius)  →  c, ok := (func(x any) (Celsius, bool) { if __sluice_fe.IfName(x) != "main.Celsius" { … false }; … })(x)
//	c := x.(Celsius)      →  c := (func(x any) Celsius { if … { panic(__sluice_fe.NamedFail(x, "interface {}", "main.Celsius")) }; return x.(Celsius) })(x)
func (l *lowerer) namedAssert(ta *ast.TypeAssertExpr, commaOk bool) bool {
	if ta.Type == nil || l.skipAssert[ta] {
		return false
	}
	if l.taggedAssert(ta, commaOk) {
		return true
	}
	it, xt := l.typeOf(ta.Type), l.typeOf(ta.X)
	name := cellTypeName(it)
	if name == "" || xt == nil {
		return false
	}
	// The value is taken out by a compiled helper: one that went through compiled code
	// (heap.Pop) can be wrapped twice, which yaegi's own assertion rejects.
	xs, ts, us := l.tx(xt), l.tx(it), l.tx(it.Underlying())
	// A value of a cell interface handed to compiled code is its bare value; in an
	// interface{} the interpreter made, it carries its type's name.
	param, pre := "x", ""
	if isSourceIface(xt) {
		param, pre = "xi", "var x any = xi; "
	}
	var fn string
	if commaOk {
		fn = fmt.Sprintf("(func(%s %s) (%s, bool) { %sif %s.IfName(x) != %q { var z %s; return z, false }; v, ok := %s.IfValue(x).(%s); return %s(v), ok })", param, xs, ts, pre, feRtPkg, name, ts, feRtPkg, us, ts)
	} else {
		fn = fmt.Sprintf("(func(%s %s) %s { %sif %s.IfName(x) != %q { panic(%s.NamedFail(x, %q, %q)) }; return %s(%s.IfValue(x).(%s)) })", param, xs, ts, pre, feRtPkg, name, feRtPkg, ifaceTypeString(xt), name, ts, feRtPkg, us)
	}
	l.wrapAssert(ta, fn)
	return true
}

// ifaceTypeString is an interface type as Go's run time names it in a failed assertion
// ("interface {}" for any).
func ifaceTypeString(t types.Type) string {
	if isEmptyIface(t) {
		if _, named := types.Unalias(t).(*types.Named); !named {
			return "interface {}"
		}
	}
	return types.TypeString(t, nil)
}
