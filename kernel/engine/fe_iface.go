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
// An assertion to an interface declared in cells (x.(Shape), a type switch case Shape)
// panics in yaegi ("reflect.Set: value of type interface {} is not assignable to type
// interp.valueInterface") when x is an interface{} holding a valueInterface: it stores
// the interface{} itself as the result. The operand is passed through a compiled
// identity function first, whose result yaegi treats as a compiled value and unwraps.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
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

// assertOperand returns the text of operand x (source already lowered) of an assertion
// to target in generated code: passed through a compiled identity function when target
// is an interface declared in cells (see the file comment).
func (l *lowerer) assertOperand(x string, target types.Type) string {
	if target == nil || !isSourceIface(target) {
		return x
	}
	return feRtPkg + ".IfAny(" + x + ")"
}

// ifaceAssert lowers x.(I) for an interface I declared in cells: x.(I) → __sluice_fe.IfAny(x).(I).
func (l *lowerer) ifaceAssert(n *ast.TypeAssertExpr) {
	if n.Type == nil || !isSourceIface(l.typeOf(n.Type)) {
		return
	}
	l.insert(n.X.Pos(), feRtPkg+".IfAny(", false)
	l.insert(n.X.End(), ")", true)
}

// ---- compiled helpers ----

// ifaceSymbols are the compiled helpers the interface lowerings call.
func (e *Engine) ifaceSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{feRtPath + "/fe": {
		"IfAny": reflect.ValueOf(func(x any) any { return x }),
		"IfEq":  reflect.ValueOf(ifEq),
	}}
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
		if rt.Name() == "valueInterface" && strings.HasPrefix(rt.PkgPath(), yaegiPath) {
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
