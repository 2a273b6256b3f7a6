// The typed front end: errors.Is through cell error types' Is and Unwrap methods.
//
// yaegi v0.16.1 converts a cell value to error through a wrapper whose only method is
// Error, so the compiled errors.Is (and ErrorsIs, fe_ifacewrap.go) never called a cell
// type's Is method (errors.Is(Wrap{"op", Temp{3}}, Temp{}) with Temp.Is was false) nor
// its Unwrap (errors.Is(fmt.Errorf("%w", Wrap{"read", Code(5)}), Code(5)) was false).
// When cell types have an Is or Unwrap method, errors.Is is lowered to a walk of the
// chain generated for those types (after the compiled helper, whose true is right), like errors.As (fe_calls.go): each error is compared
// with the target as == on interfaces does (IfEq), asked its Is method with the
// interpreter's own assertions to the cell types, then unwrapped by them, compiled
// errors by compiled helpers:
//
//	errors.Is(err, Temp{})  →  __sluice_g9_errorsIs(err, Temp{})

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// errorsIsWalk lowers errors.Is (the call n, whose function is sel) to a generated walk
// when cell types have Is or Unwrap methods; it reports whether it did.
func (l *lowerer) errorsIsWalk(n *ast.CallExpr, sel *ast.SelectorExpr) bool {
	boolT, errT := types.Typ[types.Bool], errorType
	tuple := func(t types.Type) *types.Tuple { return types.NewTuple(types.NewVar(token.NoPos, nil, "", t)) }
	method := func(name string, params, results *types.Tuple) types.Type {
		m := types.NewFunc(token.NoPos, nil, name, types.NewSignatureType(nil, nil, nil, params, results, false))
		return types.NewInterfaceType([]*types.Func{m}, nil).Complete()
	}
	var checks strings.Builder
	isImpl, _ := l.assertTargets(method("Is", tuple(errT), tuple(boolT)))
	for _, a := range isImpl {
		fmt.Fprintf(&checks, "%sif v, ok := err.(%s); ok && v.Is(target) { return true }%s; ", a.guard(), a.text, a.unguard())
	}
	var unwraps strings.Builder
	for _, res := range []types.Type{errT, types.NewSlice(errT)} {
		impl, _ := l.assertTargets(method("Unwrap", nil, tuple(res)))
		for _, a := range impl {
			wrap := "[]error{v.Unwrap()}"
			if res != errT {
				wrap = "v.Unwrap()"
			}
			fmt.Fprintf(&unwraps, "%sif v, ok := err.(%s); ok { next = %s; goto walk }%s; ", a.guard(), a.text, wrap, a.unguard())
		}
	}
	if checks.Len() == 0 && unwraps.Len() == 0 {
		return false
	}
	key := "errors.Is" + checks.String() + "\x00" + unwraps.String()
	fn, isNew := l.instFunc(key, "errorsIs")
	if isNew {
		l.out.decls = append(l.out.decls, fmt.Sprintf(`func %[1]s(err, target error) bool {
	if err == nil || target == nil { return err == target }
	if %[2]s.ErrorsIs(err, target) { return true }
	cmp := %[2]s.IfComparable(target)
	for err != nil {
		if cmp && %[2]s.IfEq(err, target, "", "") { return true }
		%[3]s
		if %[2]s.ErrIsMethod(err, target) { return true }
		var next []error
		%[4]s
		next = %[2]s.Unwrap(any(err))
	walk:
		if len(next) == 0 { return false }
		if len(next) == 1 { err = next[0]; continue }
		for _, e := range next { if %[1]s(e, target) { return true } }
		return false
	}
	return false
}`, fn, feRtPkg, checks.String(), unwraps.String()))
	}
	l.replace(sel.Pos(), sel.End(), fn)
	return true
}

// ifComparable reports whether the value the interface x holds is of a comparable type.
func ifComparable(x any) bool {
	v, _ := ifaceHeld(x)
	return v.IsValid() && v.Type().Comparable()
}

// errIsMethod reports whether err, a value of a compiled type, has an Is method that
// says it is target.
func errIsMethod(err, target error) bool {
	if !holdsCompiled(err) {
		return false
	}
	x, ok := plainValue(err).(interface{ Is(error) bool })
	return ok && x.Is(target)
}

// errorsUnwrapCall lowers errors.Unwrap(err) when cell types have an Unwrap() error
// method, which the compiled errors.Unwrap does not see through yaegi's wrapper (it
// returned nil): a generated function asks those types first.
//
//	errors.Unwrap(err)  →  __sluice_g9_errorsUnwrap(err)
func (l *lowerer) errorsUnwrapCall(sel *ast.SelectorExpr) bool {
	m := types.NewFunc(token.NoPos, nil, "Unwrap", types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(types.NewVar(token.NoPos, nil, "", errorType)), false))
	impl, _ := l.assertTargets(types.NewInterfaceType([]*types.Func{m}, nil).Complete())
	if len(impl) == 0 {
		return false
	}
	var checks strings.Builder
	for _, a := range impl {
		fmt.Fprintf(&checks, "%sif v, ok := err.(%s); ok { return v.Unwrap() }%s; ", a.guard(), a.text, a.unguard())
	}
	key := "errors.Unwrap" + checks.String()
	fn, isNew := l.instFunc(key, "errorsUnwrap")
	if isNew {
		l.out.decls = append(l.out.decls, fmt.Sprintf("func %s(err error) error { if err == nil { return nil }; %sreturn %s.ErrUnwrap(err) }", fn, checks.String(), feRtPkg))
	}
	l.replace(sel.Pos(), sel.End(), fn)
	return true
}

// instFunc returns the name of the helper function generated for key, and whether it is
// new (the caller then appends its declaration): one per distinct key and cell run.
func (l *lowerer) instFunc(key, suffix string) (string, bool) {
	if fn, ok := l.fe.insts[key]; ok {
		return fn, false
	}
	if fn, ok := l.out.insts[key]; ok {
		return fn, false
	}
	l.fe.n++
	fn := fmt.Sprintf("%s%d_%s", instPrefix, l.fe.n, suffix)
	l.out.insts[key] = fn
	return fn, true
}
