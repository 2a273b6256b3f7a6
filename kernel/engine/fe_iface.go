// The typed front end, part 8: interface values (comparison, assertion) where yaegi's
// semantics differ from Go's.
//
// yaegi v0.16.1 keeps a value of a cell type in an interface in one of three forms: an
// interp.valueInterface (the value and the interpreter type it carries: a non-empty
// interface declared in cells, and often an interface{} initialised by a declaration or
// a composite literal), the bare run-time value (an interface{} assigned, passed or
// converted: a cell struct type is a reflect.StructOf, a named basic type its underlying
// type, both without methods), or a generated wrapper struct (a compiled interface such
// as error). Go's == on two interfaces compares dynamic types and values; the compiled
// == on these forms compares representations: two interface{} values holding C(1) of a
// named int type compare unequal. Comparisons of interface operands are lowered to a
// compiled helper that compares what the forms hold:
//
//	a == b  →  __sluice_fe.IfEq(a, b)
//	a != b  →  !__sluice_fe.IfEq(a, b)
//
// Comparisons with the literal nil stay with yaegi, which tests the forms correctly.
//
// Assertions to an interface declared in cells are lowered too (see sourceAssertFn).

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"
)

// ifaceCompare lowers == and != involving interface values; it reports whether it
// handled n (lowering its operands itself).
func (l *lowerer) ifaceCompare(n *ast.BinaryExpr) bool {
	if n.Op != token.EQL && n.Op != token.NEQ {
		return false
	}
	if tv, ok := l.ctx.info.Types[n]; ok && tv.Value != nil {
		return false // constant
	}
	xt, yt := l.typeOf(n.X), l.typeOf(n.Y)
	if xt == nil || yt == nil || isUntypedNil(xt) || isUntypedNil(yt) {
		return false
	}
	if !types.IsInterface(xt) && !types.IsInterface(yt) {
		return false
	}
	if isTypeParam(xt) || isTypeParam(yt) {
		return false
	}
	x, y := oneLine(l.renderSub(n.X)), oneLine(l.renderSub(n.Y))
	text := fmt.Sprintf("%s.IfEq(%s, %s, %q, %q)", feRtPkg, x, y, dynName(xt), dynName(yt))
	if n.Op == token.NEQ {
		text = "!" + text
	}
	l.replace(n.Pos(), n.End(), text)
	return true
}

// dynName is the dynamic type an operand of static type t has in an interface, as
// ifEq compares names: "" for an interface (known only at run time).
func dynName(t types.Type) string {
	if types.IsInterface(t) {
		return ""
	}
	return types.TypeString(types.Default(t), func(p *types.Package) string { return p.Path() })
}

func isUntypedNil(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.UntypedNil
}

func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

// isSourceIface reports whether yaegi keeps values of interface type t as
// valueInterfaces: a non-empty interface written in cells (named or literal), not a
// compiled package's interface nor error.
func isSourceIface(t types.Type) bool {
	t = types.Unalias(t)
	it, ok := t.Underlying().(*types.Interface)
	if !ok || it.Empty() {
		return false
	}
	if n, ok := t.(*types.Named); ok {
		o := n.Obj()
		return o.Pkg() != nil && o.Pkg().Path() == "main"
	}
	return true
}

// An assertion to an interface I declared in cells, on an interface value holding a cell
// type, is decided by the front end: yaegi keeps such a value bare in an interface{} (a
// struct type without its methods) and panics on a valueInterface inside an interface{}.
// The cell types whose method sets implement I are known statically, so x.(I) becomes an
// ordered check of those concrete types, each of which yaegi asserts reliably; a value of
// a compiled type falls back to yaegi's own assertion:
//
//	v, ok := x.(I)  →  v, ok := (func(x X) (I, bool) { if x == nil { …false }; if v, ok := x.(T1); ok { return v, true }; …; compiled fallback })(x)
//
// A single-value x.(I) panics with Go's message when nothing matches.

// assertTarget is a cell type an assertion to a cell interface tries: its type text and,
// when it does not implement the interface, the method it lacks.
type assertTarget struct {
	t                   types.Type
	text, name, missing string
	// byName: yaegi may hold another type's values in the same run-time form (a named
	// basic type's as its underlying type, identical struct layouts as one type), so
	// the value matches only when its form carries the type's name. ambiguous pointers
	// are not tried at all.
	byName, skip bool
}

// guard and unguard enclose a target's check in the name test it needs.
func (a assertTarget) guard() string {
	if !a.byName {
		return ""
	}
	return fmt.Sprintf("if %s.IfName(x) == %q { ", feRtPkg, "main."+strings.TrimPrefix(a.name, "main."))
}

func (a assertTarget) unguard() string {
	if !a.byName {
		return ""
	}
	return " }"
}

// cellTypes returns the non-generic named types the cell and the session declare at
// package level, sorted by name.
func (l *lowerer) cellTypes() []*types.TypeName {
	seen := map[*types.TypeName]bool{}
	var out []*types.TypeName
	for c := l.main; c != nil; c = c.alt {
		for id, o := range c.info.Defs {
			tn, ok := o.(*types.TypeName)
			if !ok || id == nil || tn.IsAlias() || seen[tn] || tn.Pkg() == nil || tn.Pkg().Path() != "main" || tn.Parent() != tn.Pkg().Scope() {
				continue
			}
			n, ok := tn.Type().(*types.Named)
			if !ok || n.TypeParams().Len() > 0 || types.IsInterface(n) {
				continue
			}
			seen[tn] = true
			out = append(out, tn)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// runtimeKey identifies the run-time type yaegi gives the struct type tn: a struct
// literal with fields has its own (hideUnexported tags it with its name); a type defined
// from another cell type shares that type's; others share their layout's.
func (l *lowerer) runtimeKey(tn *types.TypeName, depth int) string {
	spec := l.typeSpec(tn)
	if spec != nil && depth < 8 {
		switch t := spec.Type.(type) {
		case *ast.StructType:
			if t.Fields != nil && len(t.Fields.List) > 0 {
				return "tag:" + tn.Name()
			}
		case *ast.Ident:
			if o, ok := l.main.info.Uses[t].(*types.TypeName); ok && o.Pkg() != nil && o.Pkg().Path() == "main" {
				return l.runtimeKey(o, depth+1)
			}
			if l.main.alt != nil {
				if o, ok := l.main.alt.info.Uses[t].(*types.TypeName); ok && o.Pkg() != nil && o.Pkg().Path() == "main" {
					return l.runtimeKey(o, depth+1)
				}
			}
		}
	}
	return types.TypeString(tn.Type().Underlying(), nil)
}

// typeSpec finds the declaration of a cell type.
func (l *lowerer) typeSpec(tn *types.TypeName) *ast.TypeSpec {
	for c := l.main; c != nil; c = c.alt {
		for _, f := range c.files {
			if f.Pos() > tn.Pos() || tn.Pos() > f.End() {
				continue
			}
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.TYPE || tn.Pos() < gd.Pos() || tn.Pos() > gd.End() {
					continue
				}
				for _, sp := range gd.Specs {
					if ts := sp.(*ast.TypeSpec); ts.Name.Pos() == tn.Pos() {
						return ts
					}
				}
			}
		}
	}
	return nil
}

// cellTypeForms returns the cell types (see cellTypes) and those whose run-time type
// another cell type shares (see runtimeKey); computed once per lowerer.
func (l *lowerer) cellTypeForms() ([]*types.TypeName, map[*types.TypeName]bool) {
	if l.cellForms == nil {
		cts := l.cellTypes()
		keys := map[string]int{}
		key := map[*types.TypeName]string{}
		for _, tn := range cts {
			key[tn] = l.runtimeKey(tn, 0)
			keys[key[tn]]++
		}
		shared := map[*types.TypeName]bool{}
		for _, tn := range cts {
			shared[tn] = keys[key[tn]] > 1
		}
		l.cellForms = &cellForms{cts, shared}
	}
	return l.cellForms.types, l.cellForms.shared
}

// cellForms caches cellTypeForms.
type cellForms struct {
	types  []*types.TypeName
	shared map[*types.TypeName]bool
}

// assertTargets returns the cell types (and pointers to them) an assertion to interface
// it tries, those implementing it first.
func (l *lowerer) assertTargets(it types.Type) (impl, not []assertTarget) {
	iface, _ := it.Underlying().(*types.Interface)
	if iface == nil {
		return nil, nil
	}
	cts, shared := l.cellTypeForms()
	for _, tn := range cts {
		_, isStruct := tn.Type().Underlying().(*types.Struct)
		ambiguous := !isStruct || shared[tn]
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			_, isPtr := t.(*types.Pointer)
			if _, ptrUnder := tn.Type().Underlying().(*types.Pointer); ptrUnder && isPtr {
				continue
			}
			text, err := l.typeExpr(t)
			if err != nil {
				continue
			}
			a := assertTarget{t: t, text: text, name: types.TypeString(t, func(p *types.Package) string { return p.Name() }), byName: ambiguous, skip: ambiguous && isPtr}
			if a.skip {
				continue
			}
			if m, _ := types.MissingMethod(t, iface, true); m != nil {
				a.missing = m.Name()
				not = append(not, a)
			} else {
				impl = append(impl, a)
			}
		}
	}
	return impl, not
}

// sourceAssertFn returns the function literal that asserts a value of static type xt to
// the cell interface it: with commaOk it returns (I, bool), else I or Go's panic.
func (l *lowerer) sourceAssertFn(xt, it types.Type, commaOk bool) string {
	xs, is := l.tx(xt), l.tx(it)
	iname := types.TypeString(it, func(p *types.Package) string { return p.Name() })
	impl, not := l.assertTargets(it)
	// A cell type that cannot be in x (it lacks a method of x's interface) is not tried:
	// the assertion would not compile.
	if xi, ok := xt.Underlying().(*types.Interface); ok && !xi.Empty() {
		impl, not = assertableTo(xi, impl), assertableTo(xi, not)
	}
	var b strings.Builder
	if commaOk {
		fmt.Fprintf(&b, "(func(x %s) (%s, bool) { if x == nil { var z %s; return z, false }; ", xs, is, is)
		for _, a := range impl {
			fmt.Fprintf(&b, "%sif v, ok := x.(%s); ok { return v, true }%s; ", a.guard(), a.text, a.unguard())
		}
		fmt.Fprintf(&b, "if !%s.IfCompiled(x) { var z %s; return z, false }; v, ok := x.(%s); if !ok { %s.CompiledMiss(x, %q, %q) }; return v, ok })", feRtPkg, is, is, feRtPkg, iname, methodNames(it))
		return b.String()
	}
	fmt.Fprintf(&b, "(func(x %s) %s { if x == nil { panic(%s.AssertFail(\"\", %q, \"\")) }; ", xs, is, feRtPkg, iname)
	for _, a := range impl {
		fmt.Fprintf(&b, "%sif v, ok := x.(%s); ok { return v }%s; ", a.guard(), a.text, a.unguard())
	}
	for _, a := range not {
		fmt.Fprintf(&b, "%sif _, ok := x.(%s); ok { panic(%s.AssertFail(%q, %q, %q)) }%s; ", a.guard(), a.text, feRtPkg, a.name, iname, a.missing, a.unguard())
	}
	fmt.Fprintf(&b, "if !%s.IfCompiled(x) { panic(%s.AssertFail(\"?\", %q, \"\")) }; if v, ok := x.(%s); ok { return v }; %s.CompiledMiss(x, %q, %q); return x.(%s) })", feRtPkg, feRtPkg, iname, is, feRtPkg, iname, methodNames(it), is)
	return b.String()
}

// ifaceAssert lowers a single-value x.(I) for an interface I declared in cells.
func (l *lowerer) ifaceAssert(n *ast.TypeAssertExpr) {
	if l.namedAssert(n, false) {
		return
	}
	if n.Type == nil || l.skipAssert[n] {
		return
	}
	if !isSourceIface(l.typeOf(n.Type)) {
		l.compiledIfaceAssert(n, false)
		return
	}
	xt := l.typeOf(n.X)
	if xt == nil {
		return
	}
	l.replace(n.Pos(), n.X.Pos(), l.sourceAssertFn(xt, l.typeOf(n.Type), false)+"(")
	l.replace(n.X.End(), n.End(), ")")
}

// ---- compiled helpers ----

// ifaceSymbols are the compiled helpers the interface lowerings call.
func (e *Engine) ifaceSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{feRtPath + "/fe": {
		"IfCompiled":    reflect.ValueOf(ifCompiled),
		"HoldsCompiled": reflect.ValueOf(holdsCompiled),
		"CompiledMiss":  reflect.ValueOf(compiledMiss),
		"Reached":       reflect.ValueOf(func() { e.fe.reached.Store(true) }),
		// Protect wraps a callback that compiled code runs on its own goroutine
		// (time.AfterFunc, context.AfterFunc): its panic is reported like a goroutine's.
		"Protect": reflect.ValueOf(func(f func()) func() {
			if f == nil {
				return nil
			}
			return func() {
				defer func() {
					if r := recover(); r != nil {
						e.goPanic(r)
					}
				}()
				f()
			}
		}),
		// Go starts a cell's goroutine (the go statement's lowering, fe_stmts.go).
		"Go": reflect.ValueOf(func(f func()) {
			gc := e.goCell()
			go func() {
				defer e.goStarted(gc)()
				defer func() {
					if r := recover(); r != nil {
						e.goPanic(r)
					}
				}()
				f()
			}()
		}),
		// GoCall starts a cell's goroutine on a function value (the go statement's
		// lowering, fe_stmts.go): compiled code calls the function, so the new goroutine
		// does not read the value through the interpreter's frames.
		"GoCall":      reflect.ValueOf(e.goCall),
		"GoPanicNow":  reflect.ValueOf(e.goPanicNow),
		"NilError":    reflect.ValueOf(func(p any, msg func() string) error { return _nilError{IValue: p, WError: msg} }),
		"IfWrapError": reflect.ValueOf(ifWrapError),
		"IfName":      reflect.ValueOf(func(x any) string { _, n := ifaceHeld(x); return n }),
		// IfCell reports whether x holds a value yaegi marks with a cell type.
		"IfCell": reflect.ValueOf(e.ifCell),
		// IfTag names the type a composite's tag carries (fe_ifacetag.go).
		"IfTag":      reflect.ValueOf(e.ifTag),
		"AssertFail": reflect.ValueOf(assertFail),
		"IfEq":       reflect.ValueOf(ifEq),
		"ErrorsIs":   reflect.ValueOf(errorsIs),
		// IfComparable and ErrIsMethod serve errors.Is's walk (fe_iface_errors.go).
		"IfComparable": reflect.ValueOf(ifComparable),
		"ErrIsMethod":  reflect.ValueOf(errIsMethod),
		"ErrUnwrap":    reflect.ValueOf(errors.Unwrap),
		"IfConvTo":     reflect.ValueOf(e.ifConvTo),
		"IfGo":         reflect.ValueOf(ifGo),
		"IfSameRT":     reflect.ValueOf(ifSameRT),
		// EncPlain and EncPlainDeep check encoding calls' arguments (fe_iface_encoding.go).
		"EncPlain":     reflect.ValueOf(e.encPlain),
		"EncPlainDeep": reflect.ValueOf(e.encPlainDeep),
		"IfWrap":       reflect.ValueOf(ifWrap),
		"IfUnwrap":     reflect.ValueOf(ifUnwrap),
		"IfValue":      reflect.ValueOf(ifValue),
		"NamedFail": reflect.ValueOf(func(x any, static, want string) error {
			dyn := "nil"
			if x != nil {
				if d := tfStateOf(e.fe).resolve(reflect.ValueOf(x)); d != nil {
					dyn = d.String()
				} else {
					dyn = reflect.TypeOf(plainValue(x)).String()
				}
			}
			return &runtimeErr{msg: "interface conversion: " + static + " is " + dyn + ", not " + want}
		}),
		"Plain":      reflect.ValueOf(plainValue),
		"DeepEqual":  reflect.ValueOf(deepEqual),
		"PlainSlice": reflect.ValueOf(plainSlice),
		"PlainDeep":  reflect.ValueOf(plainDeep),
	}}
}

// goCall calls fn with args on a new goroutine (with spread, the last argument is the
// variadic slice), reporting its panic as Go does.
func (e *Engine) goCall(fn any, spread bool, args ...any) {
	fv := reflect.ValueOf(fn)
	if !fv.IsValid() || fv.Kind() != reflect.Func || fv.IsNil() {
		panic(&runtimeErr{msg: "go of nil func value"})
	}
	ft := fv.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		pt := ft.In(min(i, ft.NumIn()-1))
		if ft.IsVariadic() && i >= ft.NumIn()-1 && !spread {
			pt = pt.Elem()
		}
		if a == nil {
			in[i] = reflect.Zero(pt)
			continue
		}
		v := reflect.ValueOf(plainValue(a))
		if !v.Type().AssignableTo(pt) && v.Type().ConvertibleTo(pt) {
			v = v.Convert(pt)
		}
		in[i] = v
	}
	gc := e.goCell()
	go func() {
		defer e.goStarted(gc)()
		defer func() {
			if r := recover(); r != nil {
				e.goPanicFrom(r, gc)
			}
		}()
		if spread {
			fv.CallSlice(in)
		} else {
			fv.Call(in)
		}
	}()
}

// goStarted records that the current goroutine was started by cell gc, for goPanicNow;
// the returned function forgets it.
func (e *Engine) goStarted(gc int) func() {
	gid := goroutineID()
	e.goCells.Store(gid, gc)
	return func() { e.goCells.Delete(gid) }
}

// goPanicNow reports a panic of a cell's goroutine from the first deferred call it
// reaches (fe_stmts.go goDefers), before the goroutine's own deferred calls — a
// wg.Done() — let the cell go on as if nothing had happened.
func (e *Engine) goPanicNow(r any) {
	gc, _ := e.goCells.Load(goroutineID())
	n, _ := gc.(int)
	e.goPanicFrom(r, n)
}

// _nilError is a nil pointer of a cell type as an error. Its shape is that of yaegi's own
// wrappers (the value first, as IValue; the name starts with _), which yaegi's
// assertions and ifaceHeld look through.
type _nilError struct {
	IValue any
	WError func() string
}

func (e _nilError) Error() string { return e.WError() }

// ifWrapError returns w, the wrapper yaegi made converting v to error, with v itself as
// the value the wrapper holds (see fe_convert.go).
func ifWrapError(w error, v any) error {
	wv := reflect.ValueOf(w)
	if !wv.IsValid() || wv.Kind() != reflect.Struct || wv.NumField() == 0 || wv.Type().Field(0).Name != "IValue" {
		return w
	}
	held, _ := ifaceHeld(v)
	if !held.IsValid() {
		return w
	}
	c := reflect.New(wv.Type()).Elem()
	c.Set(wv)
	c.Field(0).Set(held)
	if r, ok := c.Interface().(error); ok {
		return r
	}
	return w
}

// isValueInterface reports whether rt is yaegi's interp.valueInterface (a value with the
// interpreter type it carries).
func isValueInterface(rt reflect.Type) bool {
	return rt.Kind() == reflect.Struct && rt.Name() == "valueInterface" && strings.HasPrefix(rt.PkgPath(), yaegiPath)
}

// ifCompiled reports whether an interface value is not one of yaegi's valueInterfaces
// (which only the ordered checks of a cell-interface assertion can take apart).
func ifCompiled(x any) bool {
	v := reflect.ValueOf(x)
	return !v.IsValid() || !isValueInterface(v.Type())
}

// assertFail is Go's panic for a failed assertion of a value of type dyn ("" for a nil
// interface) to the interface iface lacking method missing.
func assertFail(dyn, iface, missing string) error {
	switch {
	case dyn == "":
		return &runtimeErr{msg: "interface conversion: interface is nil, not " + iface}
	case missing == "":
		return &runtimeErr{msg: "interface conversion: interface value is not " + iface}
	}
	return &runtimeErr{msg: "interface conversion: " + dyn + " is not " + iface + ": missing method " + missing}
}

// uncomparableError is the run-time panic of comparing interfaces holding values of an
// uncomparable type.
type uncomparableError struct{ t string }

func (e uncomparableError) RuntimeError() {}
func (e uncomparableError) Error() string {
	return "runtime error: comparing uncomparable type " + e.t
}

// ifEq is Go's == on two interface values as yaegi represents them. ta and tb are the
// operands' static types when they are not interfaces (the dynamic type then), else "".
// A bare value in an interface carries only its run-time representation, so types are
// told apart by name only when both names are known.
func ifEq(a, b any, ta, tb string) bool {
	va, na := ifaceHeld(a)
	vb, nb := ifaceHeld(b)
	if ta != "" {
		na = ta
	}
	if tb != "" {
		nb = tb
	}
	if !va.IsValid() || !vb.IsValid() {
		return !va.IsValid() && !vb.IsValid()
	}
	if va.Type() != vb.Type() {
		return false
	}
	if na != "" && nb != "" && na != nb && !strings.Contains(na+nb, hiddenPrefix) {
		return false
	}
	if !va.Type().Comparable() {
		name := na
		if name == "" {
			name = va.Type().String()
		}
		panic(uncomparableError{name})
	}
	return va.Equal(vb)
}

// ifaceHeld returns the value an interface holds, looking through yaegi's
// valueInterface and the wrappers of compiled interfaces, and the name of its
// interpreter type when the form carries one ("" otherwise).
func ifaceHeld(x any) (reflect.Value, string) {
	v := reflect.ValueOf(x)
	name := ""
	for depth := 0; v.IsValid() && depth < 8; depth++ {
		if v.Kind() == reflect.Interface {
			v = v.Elem()
			continue
		}
		rt := v.Type()
		if rt.Kind() != reflect.Struct {
			break
		}
		if isValueInterface(rt) {
			if n := itypeName(v); n != "" {
				name = n
			}
			v = yaegiValue(v)
			continue
		}
		if strings.HasPrefix(rt.Name(), "_") && rt.NumField() > 0 && rt.Field(0).Name == "IValue" {
			// A wrapper of a compiled interface: its IValue is the value for a pointer;
			// for a struct yaegi v0.16.1 sometimes stores a field there instead (an
			// error value returned by a function), so such comparisons can be wrong.
			iv := v.Field(0)
			for iv.IsValid() && iv.Kind() == reflect.Interface {
				iv = iv.Elem()
			}
			if iv.IsValid() {
				v = iv
				continue
			}
		}
		break
	}
	return v, name
}

// itypeName is the qualified name of the named interpreter type a valueInterface
// carries, or "".
func itypeName(vi reflect.Value) string {
	n := vi.FieldByName("node")
	if !n.IsValid() || n.Kind() != reflect.Pointer || n.IsNil() {
		return ""
	}
	t := n.Elem().FieldByName("typ")
	if !t.IsValid() || t.Kind() != reflect.Pointer || t.IsNil() {
		return ""
	}
	if itypeIsInterface(t, 0) {
		return "" // the interface itself, not the dynamic type
	}
	name, path := t.Elem().FieldByName("name"), t.Elem().FieldByName("path")
	if name.Kind() != reflect.String || path.Kind() != reflect.String || name.String() == "" {
		return ""
	}
	if path.String() == "" {
		return name.String()
	}
	return path.String() + "." + name.String()
}

// yaegi's type categories (interp.tcat) that itypeIsInterface tells apart.
const (
	yaegiInterfaceT = 18
	yaegiLinkedT    = 24
)

// itypeIsInterface reports whether the *itype p is an interface type or names one.
func itypeIsInterface(p reflect.Value, depth int) bool {
	if depth > 8 || !p.IsValid() || p.Kind() != reflect.Pointer || p.IsNil() {
		return false
	}
	cat := p.Elem().FieldByName("cat")
	if !cat.IsValid() || !cat.CanInt() {
		return false
	}
	switch cat.Int() {
	case yaegiInterfaceT:
		return true
	case yaegiLinkedT:
		return itypeIsInterface(p.Elem().FieldByName("val"), depth+1)
	}
	return false
}

// assertableTo keeps the targets a value of interface xi can hold (an assertion to any
// other would not compile).
func assertableTo(xi *types.Interface, as []assertTarget) []assertTarget {
	var out []assertTarget
	for _, a := range as {
		if types.AssertableTo(xi, a.t) {
			out = append(out, a)
		}
	}
	return out
}
