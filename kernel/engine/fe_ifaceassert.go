// The typed front end: assertions of interface values to compiled interfaces
// (x.(error), x.(fmt.Stringer)) when cell types implement them.
//
// yaegi v0.16.1 answers x.(fmt.Stringer) on an interface{} holding a value of a cell
// type with a wrapper it builds from the bare value: for a named non-struct type boxed
// with its name (fe_convert.go) the wrapper's String or Error method panicked in
// reflect.Set ("value of type bool is not assignable to type string"), for a cell struct
// the comma-ok form answered false, and a value of a cell interface (Str) asserted to
// fmt.Stringer lost its type (%T printed symbols._fmt_Stringer). The cell types whose
// method sets implement the compiled interface are known statically, so the assertion
// becomes an ordered check of those types on the value in an interface{} the
// interpreter made (which carries the type's name), each converted as a conversion of
// the concrete type does (fe_ifacewrap.go); cell types lacking a method fail with Go's
// message; a compiled value falls back to yaegi's assertion:
//
//	e, ok := a.(error)  →  e, ok := (func(xi any) (error, bool) { if xi == nil { … false }; var x any = xi;
//	                          if __sluice_fe.IfName(x) == "main.E" { return (func(v E) error {…})(E(__sluice_fe.IfValue(x).(string))), true }; …;
//	                          v, ok := xi.(error); return v, ok })(a)
//
// Inside a loop or a function the literal is a function the cell declares, called by
// name (a literal costs a closure at every evaluation).

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"
)

// compiledAssertFn returns the function (a literal, or the name of a declared helper)
// that asserts a value of the interface type xt to the compiled non-empty interface it:
// with commaOk it returns (I, bool), else I or Go's panic. It returns "" when no cell
// type can be involved (yaegi's own assertion is kept) or the types cannot be written.
func (l *lowerer) compiledAssertFn(xt, it types.Type, commaOk bool, at interface{ Pos() token.Pos }) string {
	mode := assertOne
	if commaOk {
		mode = assertCommaOk
	}
	return l.cellCompiledFn(xt, it, mode, at)
}

// The forms of cellCompiledFn's function.
const (
	assertOne     = iota // x.(I): I, or Go's panic
	assertCommaOk        // v, ok := x.(I)
	convertIface         // I(x), x's type assignable to I: nil stays nil
)

// cellCompiledFn is compiledAssertFn for one of the forms above.
func (l *lowerer) cellCompiledFn(xt, it types.Type, mode int, at interface{ Pos() token.Pos }) string {
	commaOk := mode == assertCommaOk
	if xt == nil || it == nil || !types.IsInterface(xt) || isTypeParam(xt) || isTypeParam(it) || hasTypeParam(xt) || hasTypeParam(it) {
		return ""
	}
	iface, ok := under(it).(*types.Interface)
	if !ok || iface.Empty() || isSourceIface(it) {
		return ""
	}
	impl, not := l.assertTargets(it)
	impl, not = l.instanceTargets(iface, impl, not)
	// Empty cell structs are left to yaegi's own assertion (reflect panicked on the
	// checks' form of them).
	nonEmpty := func(as []assertTarget) []assertTarget {
		var out []assertTarget
		for _, a := range as {
			if u, ok := under(derefType(a.t)).(*types.Struct); !ok || u.NumFields() > 0 {
				out = append(out, a)
			}
		}
		return out
	}
	impl, not = nonEmpty(impl), nonEmpty(not)
	if xi, ok := under(xt).(*types.Interface); ok && !xi.Empty() {
		impl, not = assertableTo(xi, impl), assertableTo(xi, not)
	}
	tagged := l.taggedTargets(iface, it, func(conv string) string {
		if commaOk {
			return "return " + conv + "(v), true"
		}
		return "return " + conv + "(v)"
	})
	if len(impl) == 0 && tagged == "" && !isSourceIface(xt) && !slices.Contains(compiledFmtIfaces, types.TypeString(it, func(p *types.Package) string { return p.Name() })) {
		return ""
	}
	xs, err1 := l.typeExpr(xt)
	is, err2 := l.typeExpr(it)
	if err1 != nil || err2 != nil {
		return ""
	}
	iname := types.TypeString(it, func(p *types.Package) string { return p.Name() })
	var b strings.Builder
	switch mode {
	case assertCommaOk:
		fmt.Fprintf(&b, "func(xi %s) (%s, bool) { if xi == nil { var z %s; return z, false }; var x any = xi; _ = x; ", xs, is, is)
	case convertIface:
		fmt.Fprintf(&b, "func(xi %s) %s { if xi == nil { var z %s; return z }; var x any = xi; _ = x; ", xs, is, is)
	default:
		fmt.Fprintf(&b, "func(xi %s) %s { if xi == nil { panic(%s.AssertFail(\"\", %q, \"\")) }; var x any = xi; _ = x; ", xs, is, feRtPkg, iname)
	}
	// A value of a compiled type or an unnamed basic type needs none of the checks.
	switch mode {
	case assertCommaOk:
		fmt.Fprintf(&b, "if %s.IfGo(x) { v, ok := %s.Plain(x).(%s); return v, ok }; ", feRtPkg, feRtPkg, is)
	default:
		fmt.Fprintf(&b, "if %s.IfGo(x) { return %s.Plain(x).(%s) }; ", feRtPkg, feRtPkg, is)
	}
	for _, a := range impl {
		conv := l.compiledWrapFn(a.t, it)
		if conv == "" {
			conv = "(func(v " + a.text + ") " + is + " { return v })"
		}
		ret := "return " + conv + "(v)"
		if commaOk {
			ret += ", true"
		}
		if name := cellTypeName(a.t); name != "" {
			us, err := l.typeExpr(a.t.Underlying())
			if err != nil {
				return ""
			}
			fmt.Fprintf(&b, "if %s.IfName(x) == %q { v := %s(%s.IfValue(x).(%s)); %s }; ", feRtPkg, name, a.text, feRtPkg, us, ret)
			continue
		}
		// yaegi's assertion of a struct of another run-time type to a struct type
		// panicked (reflect: Field index out of bounds): the run-time types are compared
		// first.
		fmt.Fprintf(&b, "%sif %s.IfSameRT(x, (*%s)(nil)) { if v, ok := %s.(%s); ok { %s } }%s; ", a.guard(), feRtPkg, a.text, unwrapped("x", a.t), a.text, ret, a.unguard())
	}
	b.WriteString(tagged)
	if mode == assertOne {
		for _, a := range not {
			fail := fmt.Sprintf("panic(%s.AssertFail(%q, %q, %q))", feRtPkg, a.name, iname, a.missing)
			if name := cellTypeName(a.t); name != "" {
				fmt.Fprintf(&b, "if %s.IfName(x) == %q { %s }; ", feRtPkg, name, fail)
				continue
			}
			fmt.Fprintf(&b, "%sif %s.IfSameRT(x, (*%s)(nil)) { %s }%s; ", a.guard(), feRtPkg, a.text, fail, a.unguard())
		}
	}
	if k := slices.Index(compiledFmtIfaces, iname); k >= 0 {
		// A cell type the lowering did not know (declared, or a generic instance first
		// used, after this function): converted by its registration.
		ret := "return r.(" + is + ")"
		if commaOk {
			ret += ", true"
		}
		fmt.Fprintf(&b, "if r, ok := %s.IfConvTo(x, %d); ok { %s }; ", feRtPkg, k, ret)
	}
	switch mode {
	case assertCommaOk:
		fmt.Fprintf(&b, "if %s.HoldsCompiled(x) { v, ok := %s.Plain(x).(%s); return v, ok }; v, ok := xi.(%s); return v, ok }", feRtPkg, feRtPkg, is, is)
	case convertIface:
		fmt.Fprintf(&b, "if %s.HoldsCompiled(x) { return %s.Plain(x).(%s) }; return xi }", feRtPkg, feRtPkg, is)
	default:
		fmt.Fprintf(&b, "if %s.HoldsCompiled(x) { return %s.Plain(x).(%s) }; return xi.(%s) }", feRtPkg, feRtPkg, is, is)
	}
	return l.litOrHelper(b.String(), at)
}

// litOrHelper returns the function literal lit in parentheses, or, inside a loop or a
// function, the name of a function the cell declares with lit's signature and body.
func (l *lowerer) litOrHelper(lit string, at interface{ Pos() token.Pos }) string {
	if loop, inFunc := l.enclosing(at.Pos()); loop || inFunc {
		key := "ca\x00" + lit
		name, ok := l.out.helpers[key]
		if !ok {
			l.fe.n++
			name = fmt.Sprintf("%s%d_iface", instPrefix, l.fe.n)
			l.out.helpers[key] = name
			l.out.decls = append(l.out.decls, "func "+name+lit[len("func"):])
		}
		return name
	}
	return "(" + lit + ")"
}

// cellIfaceConvFn returns the function converting a value of an interface type declared
// in cells (st) to the compiled interface target (var s fmt.Stringer = x, an argument,
// a result, fmt.Stringer(x)), or "": yaegi's conversion wrapped the bare value, so %T
// named the wrapper (symbols._fmt_Stringer) and assertions back to the cell type failed.
func (l *lowerer) cellIfaceConvFn(e ast.Expr, st, target types.Type) string {
	if e == nil || st == nil || target == nil || !isSourceIface(st) || !types.IsInterface(target) || isSourceIface(target) || isEmptyIface(target) {
		return ""
	}
	return l.cellCompiledFn(st, target, convertIface, e)
}

// explicitIfaceConv lowers an explicit conversion I(x) of a concrete value to an
// interface declared in cells (Str(N(6))): yaegi made it a value of the interface
// holding the bare value (%T printed main.Str, %v the number without String, x.(N) was
// false); the conversion is made as a function's result, which yaegi converts as Go does:
//
//	Str(N(6))  →  (func(v N) Str { return v })(N(6))
//
// It reports whether it did.
func (l *lowerer) explicitIfaceConv(n *ast.CallExpr) bool {
	if len(n.Args) != 1 {
		return false
	}
	it, st := l.typeOf(n.Fun), l.operandType(n.Args[0])
	if it == nil || st == nil || !isSourceIface(it) || types.IsInterface(st) || isTypeParam(st) || hasTypeParam(st) || hasTypeParam(it) {
		return false
	}
	if tv, ok := l.ctx.info.Types[n.Args[0]]; ok && tv.IsNil() {
		return false
	}
	ts, err1 := l.typeExpr(st)
	is, err2 := l.typeExpr(it)
	if err1 != nil || err2 != nil {
		return false
	}
	l.insert(n.Args[0].Pos(), l.litOrHelper("func(v "+ts+") "+is+" { return v }", n)+"(", false)
	l.insert(n.Args[0].End(), ")", true)
	return true
}

// instanceTargets adds to impl and not the instances of generic cell struct types that
// the cell and the session mention (Pair[string, int], *Pair[string, int]), as
// assertTargets does for the other cell types.
func (l *lowerer) instanceTargets(iface *types.Interface, impl, not []assertTarget) ([]assertTarget, []assertTarget) {
	seen := map[string]bool{}
	for c := l.main; c != nil; c = c.alt {
		for _, tv := range c.info.Types {
			nt, ok := types.Unalias(derefType(tv.Type)).(*types.Named)
			if !ok || nt.TypeArgs().Len() == 0 || nt.Obj().Pkg() == nil || nt.Obj().Pkg().Path() != "main" || hasTypeParam(nt) {
				continue
			}
			if _, ok := nt.Underlying().(*types.Struct); !ok {
				continue
			}
			for _, t := range []types.Type{nt, types.NewPointer(nt)} {
				text, err := l.typeExpr(t)
				if err != nil || seen[text] {
					continue
				}
				seen[text] = true
				a := assertTarget{t: t, text: text, name: types.TypeString(t, func(p *types.Package) string { return p.Name() })}
				if m, _ := types.MissingMethod(t, iface, true); m != nil {
					a.missing = m.Name()
					not = append(not, a)
				} else {
					impl = append(impl, a)
				}
			}
		}
	}
	return impl, not
}

// registerDeclared registers the session's cell types with fmt's table (fe_fmt.go)
// when the cell declares a type or a method whose name fmt or an assertion to a
// compiled interface looks for, so that ifConvTo finds every type a function lowered
// in an earlier cell meets.
func (l *lowerer) registerDeclared(f *ast.File) {
	if l.pkgPath != "main" || l.fe == nil {
		return
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		switch fd.Name.Name {
		case "String", "Error", "GoString", "Format":
			l.tfRegister(tfStateOf(l.fe))
			return
		}
	}
	// Generic instances the cell instantiates, with one of those methods.
	for _, inst := range l.ctx.info.Instances {
		nt, ok := inst.Type.(*types.Named)
		if !ok || nt.Obj().Pkg() == nil || nt.Obj().Pkg().Path() != "main" || hasTypeParam(nt) {
			continue
		}
		ms := types.NewMethodSet(types.NewPointer(nt))
		for _, m := range []string{"String", "Error", "GoString", "Format"} {
			if ms.Lookup(nil, m) != nil {
				l.tfRegister(tfStateOf(l.fe))
				return
			}
		}
	}
}

// compiledFmtIfaces are the compiled interfaces whose conversions fmt's registration
// makes (the order of its conversion functions' results).
var compiledFmtIfaces = []string{"fmt.Stringer", "error", "fmt.GoStringer", "fmt.Formatter"}

// ifConvTo converts x, a value of a registered cell type, to the which'th of
// compiledFmtIfaces through the conversion its registration made in the interpreter;
// ok is false when x is not such a value or its type lacks the method.
func (e *Engine) ifConvTo(x any, which int) (any, bool) {
	st := tfStateOf(e.fe)
	d := st.resolve(reflect.ValueOf(x))
	if d == nil || d.Native {
		return nil, false
	}
	st.mu.Lock()
	conv := st.conv[d.String()]
	st.mu.Unlock()
	data, _ := ifaceHeld(x)
	if conv == nil || !data.IsValid() || !data.CanInterface() {
		return nil, false
	}
	s, er, g, f := conv(data.Interface())
	var r any
	switch which {
	case 0:
		if s != nil {
			r = s
		}
	case 1:
		if er != nil {
			r = er
		}
	case 2:
		if g != nil {
			r = g
		}
	case 3:
		if f != nil {
			r = f
		}
	}
	if r == nil {
		return nil, false
	}
	return ifWrap(r, x), true
}

// ifGo reports whether x holds a value of a compiled type (its run-time type has a
// package path) or of an unnamed basic type that no tag names: a value no cell type can
// be, which compiled code asserts as Go does.
func ifGo(x any) bool {
	rt := reflect.TypeOf(x)
	if rt == nil {
		return false
	}
	if rt.PkgPath() != "" {
		return !strings.HasPrefix(rt.PkgPath(), yaegiPath) && !strings.HasPrefix(rt.Name(), "_")
	}
	switch rt.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return rt.Name() != ""
	}
	return false
}

// ifaceCaseCheck is the check of a type switch's case e (on the operand x, copied into
// t and, as an interface{}, named) that sets c to k, for a compiled interface (through
// compiledAssertFn) or a tagged composite (fe_ifacetag.go); "" for other cases.
func (l *lowerer) ifaceCaseCheck(x, e ast.Expr, c, t, named, ok string, k int) string {
	if fn := l.compiledAssertFn(l.typeOf(x), l.typeOf(e), true, e); fn != "" {
		return fmt.Sprintf("if %s < 0 && %s != nil { if _, %s := %s(%s); %s { %s = %d } }; ", c, t, ok, fn, t, ok, c, k)
	}
	if name := l.tagName(l.typeOf(e)); name != "" {
		return fmt.Sprintf("if %s < 0 && %s != nil && %s.IfTag(%s) == %q { %s = %d }; ", c, t, feRtPkg, named, name, c, k)
	}
	return ""
}

// ifSameRT reports whether the value x holds (through yaegi's wrappers) has the run-time
// type that ptr, a nil pointer, points to.
func ifSameRT(x, ptr any) bool {
	v, _ := ifaceHeld(plainValue(x))
	pt := reflect.TypeOf(ptr)
	if !v.IsValid() || pt == nil || pt.Kind() != reflect.Pointer {
		return false
	}
	return v.Type() == pt.Elem()
}
