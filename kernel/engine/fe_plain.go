// The typed front end: values of cell types that reach compiled code through an
// interface.
//
// yaegi keeps a value whose interpreter type has methods as an interp.valueInterface (the
// value and the node of its type) when it is stored in an interface variable, an element
// of a []any or a map[string]any. Compiled code that is handed such an interface sees
// the valueInterface struct itself: json.Marshal wrote {} for it, reflect.ValueOf(x).Kind()
// said struct, fmt.Println(xs...) printed yaegi's pointers. Every named non-struct cell
// type has methods (the hidden one of fe_convert.go), so every `var x any = celsius`
// was affected; cell structs with methods are affected inside containers.
//
// An argument passed to a compiled function or method is therefore handed over plain:
//
//	json.Marshal(x)         →  json.Marshal(__sluice_fe.Plain(x))           x of type any
//	enc.Encode(rows)        →  enc.Encode(__sluice_fe.PlainDeep(rows).([]any))   (read-only consumers)
//	f(xs...)                →  f(__sluice_fe.PlainSlice(xs)...)             xs of type []any
//
// Plain unwraps an interface holding a valueInterface; PlainDeep copies a container
// holding any, replacing the valueInterfaces inside, and returns the argument itself when
// there are none. Containers are copied only for consumers that read their arguments
// (encoding/json, encoding/xml, text/template, html/template and Sluice's own packages):
// a compiled function that sorts or fills a []any in place must see the cell's slice.
// Printing (fmt, log) and display.Show have lowerings of their own.

package engine

import (
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

// plainReaders are the compiled packages whose functions only read their arguments, so
// containers passed to them can be copied plain.
var plainReaders = map[string]bool{
	"encoding/json": true, "encoding/xml": true, "text/template": true, "html/template": true,
}

// plainHolders are the compiled packages that hold values for the cell and give them
// back (sync.Map, atomic.Value, context values, container/list): what they hold stays as
// the interpreter made it, so that it comes back with its cell type.
var plainHolders = map[string]bool{
	"sync": true, "sync/atomic": true, "context": true,
	"container/list": true, "container/heap": true, "container/ring": true,
}

// sluicePkgs is the prefix of Sluice's own packages, which only read what cells pass.
const sluicePkgs = "github.com/sluice-dev/sluice/"

// plainArgs lowers the arguments of a call to compiled code that may carry
// valueInterfaces.
func (l *lowerer) plainArgs(n *ast.CallExpr) {
	if l.pkgPath != "main" {
		return
	}
	sig, pkg := l.compiledSig(n)
	if sig == nil || l.richCall(n, pkg) {
		return
	}
	if plainHolders[pkg] {
		l.holdArgs(n, sig)
		return
	}
	if sel := ast.Unparen(n.Fun).(*ast.SelectorExpr); pkg == "reflect" && sel.Sel.Name == "DeepEqual" && len(n.Args) == 2 {
		// The names of boxed values take part in the comparison.
		l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+".DeepEqual")
		l.keepIface(n.Args[0], true)
		l.keepIface(n.Args[1], true)
		return
	}
	if len(n.Args) == 1 {
		if _, tuple := l.typeOf(n.Args[0]).(*types.Tuple); tuple {
			return
		}
	}
	params := sig.Params()
	deep := plainReaders[pkg] || strings.HasPrefix(pkg, sluicePkgs)
	plain, plainDeep, plainEnd := "Plain(", "PlainDeep(", ")"
	if fn := l.encChecked(n); fn != "" {
		// Values in interface positions are checked (fe_iface_encoding.go).
		plain, plainDeep, plainEnd = "EncPlain(", "EncPlainDeep(", ", "+strconv.Quote(fn)+")"
	}
	for i, a := range n.Args {
		at := l.typeOf(a)
		if at == nil || hasTypeParam(at) || isUntypedNil(at) {
			continue
		}
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			pt = params.At(params.Len() - 1).Type()
			if !n.Ellipsis.IsValid() {
				pt = pt.(*types.Slice).Elem()
			}
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			continue
		}
		spread := n.Ellipsis.IsValid() && i == len(n.Args)-1
		l.keepIface(a, false)
		switch {
		case spread && isAnySlice(at):
			l.wrapArg(a, feRtPkg+".PlainSlice(", ")")
		case spread:
		case isEmptyIface(at) && isEmptyIface(pt) && deep:
			l.wrapArg(a, feRtPkg+"."+plainDeep, plainEnd)
		case isEmptyIface(at) && isEmptyIface(pt):
			l.wrapArg(a, feRtPkg+"."+plain, plainEnd)
		case deep && !types.IsInterface(at) && holdsIface(at, 0):
			text, err := l.typeExpr(at)
			if err != nil {
				continue
			}
			l.wrapArg(a, feRtPkg+"."+plainDeep, plainEnd+".("+text+")")
		}
	}
}

// holdArgs lowers the arguments of a call to a holder: a value of a named non-struct
// cell type passed as an empty interface is boxed (fe_convert.go) so that it comes back
// with its type.
func (l *lowerer) holdArgs(n *ast.CallExpr, sig *types.Signature) {
	params := sig.Params()
	for i, a := range n.Args {
		if n.Ellipsis.IsValid() {
			return
		}
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			pt = params.At(params.Len() - 1).Type().(*types.Slice).Elem()
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			continue
		}
		if isEmptyIface(pt) {
			l.keepIface(a, true)
		}
	}
}

// keepIface makes an operand handed to compiled code as an interface keep what the
// interpreter holds: yaegi passes the result of a call nested in a compiled call
// unwrapped (without its cell type), but not a parenthesized one; with box, a value of
// a named non-struct cell type is boxed first.
func (l *lowerer) keepIface(a ast.Expr, box bool) {
	t := l.typeOf(a)
	if t == nil {
		return
	}
	if box && needsTypedBox(t) {
		text, err := l.typeExpr(t)
		if err != nil {
			return
		}
		l.wrapArg(a, "((func(v "+text+") any { var x any = v; return x })(", "))")
		return
	}
	c, ok := ast.Unparen(a).(*ast.CallExpr)
	if !ok || !types.IsInterface(t) || l.ctx.info.Types[c.Fun].IsType() {
		return
	}
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		if _, builtin := l.ctx.info.Uses[id].(*types.Builtin); builtin {
			return
		}
	}
	l.wrapArg(a, "(", ")")
}

// richCall reports whether n is display.Show/Display or a Handle's Show/Update, whose
// arguments go through the runtime's Rich instead.
func (l *lowerer) richCall(n *ast.CallExpr, pkg string) bool {
	sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
	if !ok || pkg != displayPath {
		return false
	}
	switch sel.Sel.Name {
	case "Show", "Display", "Update":
		return true
	}
	return false
}

// wrapArg puts an argument between before and after.
func (l *lowerer) wrapArg(a ast.Expr, before, after string) {
	l.insert(a.Pos(), before, false)
	l.insert(a.End(), after, true)
}

// compiledSig returns the signature of a call's function when it is compiled code —
// a function of an imported package or a method of a compiled type — and the path of
// its package; nil otherwise.
func (l *lowerer) compiledSig(n *ast.CallExpr) (*types.Signature, string) {
	sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	info := l.ctx.info
	var fn *types.Func
	if s, ok := info.Selections[sel]; ok {
		if s.Kind() != types.MethodVal || types.IsInterface(s.Recv()) {
			return nil, ""
		}
		fn, _ = s.Obj().(*types.Func)
	} else if x, ok := sel.X.(*ast.Ident); ok {
		if _, isPkg := info.Uses[x].(*types.PkgName); isPkg {
			fn, _ = info.Uses[sel.Sel].(*types.Func)
		}
	}
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() == "main" {
		return nil, ""
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		return nil, ""
	}
	return sig, fn.Pkg().Path()
}

// isEmptyIface reports whether t is an empty interface (not a type parameter).
func isEmptyIface(t types.Type) bool {
	it, ok := under(t).(*types.Interface)
	return ok && it.Empty() && !isTypeParam(t)
}

// isAnySlice reports whether t is a slice of an empty interface.
func isAnySlice(t types.Type) bool {
	s, ok := under(t).(*types.Slice)
	return ok && isEmptyIface(s.Elem())
}

// holdsIface reports whether a value of type t (not itself an interface) can hold an
// interface value inside: an element, a map key or value, or a struct field.
func holdsIface(t types.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch u := under(t).(type) {
	case *types.Interface:
		return true
	case *types.Slice:
		return holdsIface(u.Elem(), depth+1)
	case *types.Array:
		return holdsIface(u.Elem(), depth+1)
	case *types.Map:
		return holdsIface(u.Key(), depth+1) || holdsIface(u.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if holdsIface(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// ---- compiled helpers ----

// plainValue returns x with a valueInterface unwrapped into the value it holds.
func plainValue(x any) any {
	if x == nil {
		return nil
	}
	v := reflect.ValueOf(x)
	if !isValueInterface(v.Type()) {
		return x
	}
	in := yaegiValue(v)
	for in.IsValid() && in.Kind() == reflect.Interface {
		if in.IsNil() {
			return nil
		}
		in = in.Elem()
	}
	if !in.IsValid() || !in.CanInterface() {
		return x
	}
	if in.Type().Kind() == reflect.Struct && isValueInterface(in.Type()) {
		return plainValue(in.Interface())
	}
	return in.Interface()
}

// deepEqual is reflect.DeepEqual for values that may be boxed: a value of a named
// non-struct cell type differs from one of its underlying type (or of another such
// type) with the same representation.
func deepEqual(a, b any) bool {
	pa, pb := plainDeep(a), plainDeep(b)
	if pa != nil && pb != nil && reflect.TypeOf(pa) == reflect.TypeOf(pb) && reflect.TypeOf(pa).Kind() != reflect.Struct {
		if _, na := ifaceHeld(a); true {
			if _, nb := ifaceHeld(b); na != nb {
				return false
			}
		}
	}
	return reflect.DeepEqual(pa, pb)
}

// plainSlice returns xs, or a copy of it with its valueInterfaces unwrapped.
func plainSlice(xs []any) []any {
	for i, x := range xs {
		if x == nil || !isValueInterface(reflect.TypeOf(x)) {
			continue
		}
		out := append([]any(nil), xs...)
		for j := i; j < len(out); j++ {
			out[j] = plainValue(out[j])
		}
		return out
	}
	return xs
}

// plainDeep returns x, or a copy of it in which every valueInterface held in an
// interface (an element, key, value or exported field) is unwrapped.
func plainDeep(x any) any {
	x = plainValue(x)
	if x == nil {
		return nil
	}
	v := reflect.ValueOf(x)
	if p, changed := plainCopy(v, 0); changed {
		return p.Interface()
	}
	return x
}

// plainCopy returns a copy of v with its valueInterfaces unwrapped, and whether there
// were any (when not, v itself).
func plainCopy(v reflect.Value, depth int) (reflect.Value, bool) {
	if depth > 32 || !v.IsValid() {
		return v, false
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		e := v.Elem()
		if isValueInterface(e.Type()) {
			p := plainValue(e.Interface())
			out := reflect.New(v.Type()).Elem()
			if p != nil {
				pv := reflect.ValueOf(p)
				if !pv.Type().AssignableTo(v.Type()) {
					return v, false
				}
				if q, ok := plainCopy(pv, depth+1); ok {
					pv = q
				}
				out.Set(pv)
			}
			return out, true
		}
		if q, ok := plainCopy(e, depth+1); ok && q.Type().AssignableTo(v.Type()) {
			out := reflect.New(v.Type()).Elem()
			out.Set(q)
			return out, true
		}
		return v, false
	case reflect.Slice, reflect.Array:
		var out reflect.Value
		for i := 0; i < v.Len(); i++ {
			q, ok := plainCopy(v.Index(i), depth+1)
			if !ok {
				continue
			}
			if !out.IsValid() {
				out = plainClone(v)
			}
			out.Index(i).Set(q)
		}
		if out.IsValid() {
			return out, true
		}
	case reflect.Map:
		if v.IsNil() {
			return v, false
		}
		var out reflect.Value
		it := v.MapRange()
		type kv struct{ k, v reflect.Value }
		var all []kv
		for it.Next() {
			k, kc := plainCopy(it.Key(), depth+1)
			e, ec := plainCopy(it.Value(), depth+1)
			all = append(all, kv{k, e})
			if kc || ec {
				out = reflect.MakeMapWithSize(v.Type(), v.Len())
			}
		}
		if out.IsValid() {
			for _, p := range all {
				out.SetMapIndex(p.k, p.v)
			}
			return out, true
		}
	case reflect.Struct:
		var out reflect.Value
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			q, ok := plainCopy(v.Field(i), depth+1)
			if !ok {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Field(i).Set(q)
		}
		if out.IsValid() {
			return out, true
		}
	}
	return v, false
}

// plainClone returns a settable copy of a slice or array.
func plainClone(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Array {
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		return out
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	reflect.Copy(out, v)
	return out
}
