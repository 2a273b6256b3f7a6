// The typed front end: errors.Is on values of cell types.
//
// yaegi v0.16.1 converts a cell value to error through a wrapper struct whose methods
// are function fields, so two errors holding Code(1) (a named non-struct cell type) are
// wrappers of an uncomparable type: the compiled errors.Is never found the target, where
// err == Code(1), which the front end lowers to IfEq, was true. A call of errors.Is
// goes through a compiled helper that asks errors.Is first, then walks the chain of
// wrapped errors comparing each with the target as == on interfaces does (ifEq):
//
//	errors.Is(err, Code(1))  →  __sluice_fe.ErrorsIs(err, Code(1))

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
)

// errorsCall lowers a call of errors.Is to the compiled helper ErrorsIs; the arguments
// keep their own lowering.
func (l *lowerer) errorsCall(n *ast.CallExpr) {
	sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := l.ctx.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "errors" {
		return
	}
	if fn.Name() == "Unwrap" {
		l.errorsUnwrapCall(sel)
		return
	}
	if fn.Name() != "Is" {
		return
	}
	if l.errorsIsWalk(n, sel) {
		return
	}
	l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+".ErrorsIs")
}

// errorsIs is errors.Is for errors of cell types as yaegi holds them: an error in err's
// chain matches when errors.Is says so or when it equals target as == on interfaces
// compares (the held values and, where the forms carry them, the type names).
func errorsIs(err, target error) bool {
	if errors.Is(err, target) {
		return true
	}
	if err == nil || target == nil {
		return false
	}
	tv, _ := ifaceHeld(target)
	if !tv.IsValid() || !tv.Type().Comparable() {
		return false
	}
	return errorsWalk(err, target, 0)
}

// errorsWalk reports whether err or an error it wraps equals target (see errorsIs).
func errorsWalk(err, target error, depth int) bool {
	for ; err != nil && depth < 1000; depth++ {
		if v, _ := ifaceHeld(err); v.IsValid() && v.Type().Comparable() && ifEq(err, target, "", "") {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if errorsWalk(e, target, depth+1) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// A value of a cell type converted to a compiled interface (fmt.Stringer, error) is
// yaegi's wrapper struct, whose IValue should be the value: for a struct yaegi v0.16.1
// stores one of its fields there instead, and a named non-struct type (type N int) is
// its bare underlying value, without its name. Assertions back (s.(P), s.(N)), type
// switches, %T and errors.Is then missed the type. Such a conversion puts the value
// itself (a struct) or the value boxed with its type's name (see needsTypedBox) into
// the wrapper:
//
//	var s fmt.Stringer = P{1}  →  var s fmt.Stringer = (func(v P) fmt.Stringer { var w fmt.Stringer = v; return __sluice_fe.IfWrap(w, v).(fmt.Stringer) })(P{1})
//	var s fmt.Stringer = N(3)  →  … { var w fmt.Stringer = v; var x any = v; return __sluice_fe.IfWrap(w, x).(fmt.Stringer) } …

// compiledWrapBody returns the body of a function of one parameter v of type st
// converting it to target as above, or "" when yaegi's own conversion is kept.
func (l *lowerer) compiledWrapBody(st, target types.Type) string {
	it, ok := under(target).(*types.Interface)
	if !ok || it.Empty() || isSourceIface(target) || isTypeParam(target) || st == nil || isTypeParam(st) {
		return ""
	}
	if body := l.tagWrapBody(st, target); body != "" {
		return body
	}
	typed := cellTypeName(st) != ""
	if !typed && !isCellStruct(st) {
		return ""
	}
	if u, ok := under(st).(*types.Struct); ok && u.NumFields() == 0 {
		// yaegi takes a struct in a wrapper's IValue for an emulated interface and
		// looks at its fields: an empty one keeps yaegi's conversion.
		return ""
	}
	if n, ok := types.Unalias(st).(*types.Named); !ok || (n.TypeArgs().Len() > 0 && (typed || hasTypeParam(n))) {
		return ""
	}
	tt, err := l.typeExpr(target)
	if err != nil {
		return ""
	}
	if typed {
		return "{ var w " + tt + " = v; var x any = v; return " + feRtPkg + ".IfWrap(w, x).(" + tt + ") }"
	}
	return "{ var w " + tt + " = v; return " + feRtPkg + ".IfWrap(w, v).(" + tt + ") }"
}

// compiledWrapFn is compiledWrapBody as a function literal, or "".
func (l *lowerer) compiledWrapFn(st, target types.Type) string {
	body := l.compiledWrapBody(st, target)
	if body == "" {
		return ""
	}
	ts, err1 := l.typeExpr(st)
	tt, err2 := l.typeExpr(target)
	if err1 != nil || err2 != nil {
		return ""
	}
	return "(func(v " + ts + ") " + tt + " " + body + ")"
}

// ifWrap returns w, the wrapper yaegi made converting a cell value to a compiled
// interface, holding x: a value boxed with its type's name as it is, else the value x
// holds (see ifWrapError).
func ifWrap(w any, x any) any {
	wv := reflect.ValueOf(w)
	if !wv.IsValid() || wv.Kind() != reflect.Struct || wv.NumField() == 0 || wv.Type().Field(0).Name != "IValue" {
		return w
	}
	held := reflect.ValueOf(x)
	if !held.IsValid() {
		return w
	}
	if !isValueInterface(held.Type()) {
		held, _ = ifaceHeld(x)
		if !held.IsValid() {
			return w
		}
	}
	if held.Kind() == reflect.Struct && held.NumField() == 0 {
		// yaegi takes a struct in IValue for an emulated interface and looks at its
		// fields (reflect: Field index out of bounds): an empty one keeps its form.
		return w
	}
	c := reflect.New(wv.Type()).Elem()
	c.Set(wv)
	if !held.Type().AssignableTo(c.Field(0).Type()) {
		return w
	}
	c.Field(0).Set(held)
	return c.Interface()
}

// ifValue is the value an interface holds, looking through yaegi's valueInterface and
// the wrappers of compiled interfaces (see ifaceHeld).
func ifValue(x any) any {
	v, _ := ifaceHeld(x)
	if !v.IsValid() || !v.CanInterface() {
		return plainValue(x)
	}
	return v.Interface()
}

// keepCellIface makes an operand of an interface type declared in cells, handed to
// fmt's compiled printer, an interface{} the interpreter made: yaegi hands the value of
// a cell interface to compiled code bare (a named non-struct type's value as its
// underlying type, so %T printed int), where in an interface{} it carries its type.
func (l *lowerer) keepCellIface(a ast.Expr) {
	t := l.typeOf(a)
	if t == nil || !isSourceIface(t) {
		return
	}
	text, err := l.typeExpr(t)
	if err != nil {
		return
	}
	l.wrapArg(a, "((func(v "+text+") any { if v == nil { return nil }; var x any = v; return x })(", "))")
}

// unwrapped is the operand text x of an assertion to the type t: for a cell struct
// type or a pointer to a cell type, x as IfUnwrap leaves it. An interface{} handed a fmt.Stringer (or another
// compiled interface) holding a cell struct holds yaegi's wrapper, which yaegi's own
// assertion to the struct type rejects.
func unwrapped(x string, t types.Type) string {
	if !isCellStruct(t) && !isCellPointer(t) {
		return x
	}
	return feRtPkg + ".IfUnwrap(" + x + ")"
}

// ifUnwrap returns the struct or pointer value a wrapper of a compiled interface holds (see
// ifWrap), else x itself.
func ifUnwrap(x any) any {
	v := reflect.ValueOf(x)
	if !v.IsValid() || v.Kind() != reflect.Struct || !strings.HasPrefix(v.Type().Name(), "_") || v.NumField() == 0 || v.Type().Field(0).Name != "IValue" {
		return x
	}
	iv := v.Field(0)
	for iv.IsValid() && iv.Kind() == reflect.Interface {
		iv = iv.Elem()
	}
	if !iv.IsValid() || (iv.Kind() != reflect.Struct && iv.Kind() != reflect.Pointer) || !iv.CanInterface() {
		return x
	}
	return iv.Interface()
}

// cellToCompiled returns the ordered checks that assert a value of the cell interface
// type xt to the compiled interface it through the cell types implementing it, each
// converted as compiledWrapFn does: yaegi's own assertion of a cell struct held by a
// cell interface to fmt.Stringer dereferenced nil.
func (l *lowerer) cellToCompiled(xt, it types.Type, commaOk bool) string {
	impl, _ := l.assertTargets(it)
	xi, _ := xt.Underlying().(*types.Interface)
	var b strings.Builder
	for _, a := range impl {
		if xi != nil && !types.AssertableTo(xi, a.t) {
			continue
		}
		conv := l.compiledWrapFn(a.t, it)
		if _, ptr := a.t.(*types.Pointer); ptr && conv == "" {
			if tt, err := l.typeExpr(it); err == nil {
				conv = "(func(v " + a.text + ") " + tt + " { return v })"
			}
		}
		if conv == "" {
			continue
		}
		ret := "return " + conv + "(v)"
		if commaOk {
			ret += ", true"
		}
		fmt.Fprintf(&b, "%sif v, ok := x.(%s); ok { %s }%s; ", a.guard(), a.text, ret, a.unguard())
	}
	return b.String()
}
