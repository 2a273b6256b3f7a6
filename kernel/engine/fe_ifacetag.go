// The typed front end: assertions of tagged composites (*ID, []Celsius,
// map[string]ID: composites of named basic cell types, see fe_tags.go).
//
// At run time such a value in an interface is a composite of the underlying type
// (*string for *ID), so yaegi's x.(*ID) accepted any *string, x.(*string) accepted a
// *ID, and x.(fmt.Stringer) on a *ID whose String method has a pointer receiver gave a
// wrapper printing <nil>. The tag a conversion to an empty interface put on the value's
// identity names its type; assertions to such a type require it, assertions to an
// unnamed composite rule it out (IfCell), and an assertion to a compiled interface tries
// the pointers to named basic cell types that implement it:
//
//	p, ok := x.(*ID)  →  p, ok := (func(x any) (*ID, bool) { if __sluice_fe.IfTag(x) != "*main.ID" { … false }; v, ok := x.(*ID); return v, ok })(x)

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
)

// tagName is the name the tag of a value of composite type t carries ("*main.ID"), or
// "" when values of t are not tagged.
func (l *lowerer) tagName(t types.Type) string {
	if t == nil || !needsTag(t) || hasTypeParam(t) {
		return ""
	}
	st := tfStateOf(l.fe)
	d, _ := st.describe(t)
	l.tfRegister(st)
	return d.String()
}

// taggedAssert lowers an assertion to a tagged composite type; it reports whether it
// did.
func (l *lowerer) taggedAssert(ta *ast.TypeAssertExpr, commaOk bool) bool {
	if ta.Type == nil || l.skipAssert[ta] {
		return false
	}
	it, xt := l.typeOf(ta.Type), l.typeOf(ta.X)
	name := l.tagName(it)
	if name == "" || xt == nil {
		return false
	}
	xs, ts := l.tx(xt), l.tx(it)
	param, pre := "x", ""
	if isSourceIface(xt) {
		param, pre = "xi", "var x any = xi; "
	}
	var fn string
	if commaOk {
		fn = fmt.Sprintf("(func(%s %s) (%s, bool) { %sif %s.IfTag(x) != %q { var z %s; return z, false }; v, ok := x.(%s); return v, ok })", param, xs, ts, pre, feRtPkg, name, ts, ts)
	} else {
		fn = fmt.Sprintf("(func(%s %s) %s { %sif %s.IfTag(x) != %q { panic(%s.NamedFail(x, %q, %q)) }; return x.(%s) })", param, xs, ts, pre, feRtPkg, name, feRtPkg, ifaceTypeString(xt), name, ts)
	}
	l.wrapAssert(ta, fn)
	return true
}

// taggedTargets are the pointers to named basic cell types that an assertion to the
// compiled interface iface tries (cellCompiledFn): the checks, in the form of
// cellCompiledFn's, with ret returning the converted v.
func (l *lowerer) taggedTargets(iface *types.Interface, it types.Type, ret func(conv string) string) string {
	var b []byte
	cts, _ := l.cellTypeForms()
	is, err := l.typeExpr(it)
	if err != nil {
		return ""
	}
	for _, tn := range cts {
		if !needsTypedBox(tn.Type()) {
			continue
		}
		pt := types.NewPointer(tn.Type())
		if m, _ := types.MissingMethod(pt, iface, true); m != nil {
			continue
		}
		text, err1 := l.typeExpr(pt)
		us, err2 := l.typeExpr(types.NewPointer(tn.Type().Underlying()))
		name := l.tagName(pt)
		if err1 != nil || err2 != nil || name == "" {
			continue
		}
		b = fmt.Appendf(b, "if %s.IfTag(x) == %q { if u, ok := %s.IfValue(x).(%s); ok { v := (%s)(u); %s } }; ", feRtPkg, name, feRtPkg, us, text, ret("(func(v "+text+") "+is+" { return v })"))
	}
	return string(b)
}

// ifTag returns the name of the composite type of a named basic cell type that the
// value x holds carries: its tag's, or the interpreter type's of a valueInterface (a
// *Sq kept in a cell interface); "" for other values.
func (e *Engine) ifTag(x any) string {
	v, _ := ifaceHeld(x)
	if !v.IsValid() {
		return ""
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Slice, reflect.Array:
	default:
		return ""
	}
	st := tfStateOf(e.fe)
	if d := st.tags.lookup(v); d != nil {
		return d.String()
	}
	if d := st.resolve(reflect.ValueOf(x)); d != nil {
		return d.String()
	}
	return ""
}

// ifCell reports whether x holds a value yaegi marks with a cell type, or a composite
// tagged with one.
func (e *Engine) ifCell(x any) bool {
	v, n := ifaceHeld(x)
	if len(n) > 5 && n[:5] == "main." {
		return true
	}
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Slice, reflect.Array:
		return tfStateOf(e.fe).tags.lookup(v) != nil
	}
	return false
}

// tagWrapBody is compiledWrapBody for a pointer to a named basic cell type (*ID)
// converted to a compiled interface: the pointer is tagged first, so that fmt names its
// type (*main.ID, where the wrapper holds a *string), or "".
func (l *lowerer) tagWrapBody(st, target types.Type) string {
	p, ok := types.Unalias(st).(*types.Pointer)
	if !ok || !needsTypedBox(p.Elem()) || l.pkgPath != "main" {
		return ""
	}
	tt, err := l.typeExpr(target)
	if err != nil {
		return ""
	}
	tf := tfStateOf(l.fe)
	_, id := tf.describe(st)
	l.tfRegister(tf)
	return fmt.Sprintf("{ %s.TagType(v, %d); var w %s = v; return w }", feRtPkg, id, tt)
}
