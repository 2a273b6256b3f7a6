// The typed front end: values of compiled types held in interfaces declared in cells.
//
// yaegi keeps a value of a compiled type (*bytes.Buffer) in a cell interface in a
// wrapper whose methods it does not look up again: wr.(io.Writer) on such a value failed
// (or dereferenced nil). An assertion to a compiled interface takes the value out first.
// The other way, a compiled value cannot be made a value of a cell interface at all:
// where it has the interface's methods, the cell fails with UnsupportedFeature instead of
// answering that the value is not one.

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
)

// methodNames lists the methods of the interface t, comma-separated.
func methodNames(t types.Type) string {
	it, _ := t.Underlying().(*types.Interface)
	if it == nil {
		return ""
	}
	var ns []string
	for i := 0; i < it.NumMethods(); i++ {
		ns = append(ns, it.Method(i).Name())
	}
	return strings.Join(ns, ",")
}

// compiledIfaceAssert lowers x.(I) for a compiled interface I when x's static type is an
// interface declared in cells: yaegi does not find the methods of a compiled value it
// keeps in a cell interface (wr.(io.Writer) failed, or dereferenced nil), so such a
// value is asserted once taken out.
func (l *lowerer) compiledIfaceAssert(ta *ast.TypeAssertExpr, commaOk bool) bool {
	it, xt := l.typeOf(ta.Type), l.typeOf(ta.X)
	if fn := l.compiledAssertFn(xt, it, commaOk, ta); fn != "" {
		l.wrapAssert(ta, fn)
		return true
	}
	if it == nil || xt == nil || !types.IsInterface(it) || isSourceIface(it) || !isSourceIface(xt) {
		return false
	}
	xs, is := l.tx(xt), l.tx(it)
	cells := l.cellToCompiled(xt, it, commaOk)
	fn := fmt.Sprintf("(func(x %s) %s { %sif %s.HoldsCompiled(x) { return %s.Plain(x).(%s) }; return x.(%s) })", xs, is, cells, feRtPkg, feRtPkg, is, is)
	if commaOk {
		fn = fmt.Sprintf("(func(x %s) (%s, bool) { if x == nil { var z %s; return z, false }; %sif %s.HoldsCompiled(x) { v, ok := %s.Plain(x).(%s); return v, ok }; v, ok := x.(%s); return v, ok })", xs, is, is, cells, feRtPkg, feRtPkg, is, is)
	}
	l.wrapAssert(ta, fn)
	return true
}

// wrapAssert replaces the assertion ta by a call of the function literal fn on its
// operand, and marks it lowered.
func (l *lowerer) wrapAssert(ta *ast.TypeAssertExpr, fn string) {
	l.replace(ta.Pos(), ta.X.Pos(), fn+"(")
	l.replace(ta.X.End(), ta.End(), ")")
	if l.skipAssert == nil {
		l.skipAssert = map[*ast.TypeAssertExpr]bool{}
	}
	l.skipAssert[ta] = true
}

// unsupportedAtRun is a construct the front end can only recognise while the cell runs:
// the cell fails with UnsupportedFeature.
type unsupportedAtRun string

func (u unsupportedAtRun) Error() string { return string(u) }

// holdsCompiled reports whether x holds a value of a type a compiled package declares
// (*bytes.Buffer), however the interpreter wraps it.
func holdsCompiled(x any) bool {
	t := reflect.TypeOf(plainValue(x))
	if t == nil {
		return false
	}
	if t.Kind() == reflect.Pointer && t.Name() == "" {
		t = t.Elem()
	}
	p := t.PkgPath()
	return p != "" && p != "main" && !strings.HasPrefix(p, yaegiPath)
}

// compiledMiss fails the cell when an assertion to the interface iface declared in cells
// (methods: its method names, comma-separated) failed on a value of a compiled type that
// has those methods: the interpreter cannot make such a value satisfy a cell interface,
// and answering "no" would be a wrong answer.
func compiledMiss(x any, iface, methods string) {
	if !holdsCompiled(x) {
		return
	}
	t := reflect.TypeOf(plainValue(x))
	for _, m := range strings.Split(methods, ",") {
		if _, ok := t.MethodByName(m); !ok {
			return
		}
	}
	panic(unsupportedAtRun(fmt.Sprintf("asserting a value of the compiled type %s to %s, an interface declared in a cell, is not supported by the Sluice interpreter: assert it to an interface of its package or of the standard library (io.Writer, fmt.Stringer…) instead", t, iface)))
}
