// The typed front end, part 6: printing values with their Go type names (%T, %#v,
// reflect names), which yaegi's run-time types do not carry.
//
// yaegi represents a cell-defined type by an unnamed reflect type (reflect.StructOf for a
// struct, float64 for `type C float64`) and a generic instance by its monomorphized
// declaration (__sluice_g12_Stack), so fmt prints `struct { X int; Y int }` where a
// compiled program prints `main.point`. The front end knows every operand's static type:
// a Print-family call with an operand whose type involves a cell type, a generic
// instance or an interface is lowered to the same call of internal/typefmt, each such
// operand passed with the descriptor of its static type:
//
//	fmt.Printf("%T %v\n", p, x)  →  __sluice_fe.TfPrintf("%T %v\n", __sluice_fe.TfA(p, 3), __sluice_fe.TfA(x, 4))
//	log.Printf(f, p)             →  log.Print(__sluice_fe.TfSprintf(f, __sluice_fe.TfA(p, 3)))
//	reflect.TypeOf(p)            →  __sluice_fe.TfTypeOf(__sluice_fe.TfA(p, 3))
//	reflect.TypeFor[point]()     →  __sluice_fe.TfTypeOf(__sluice_fe.TfA(*new(point), 3))
//
// Descriptors live in a per-session table; the lowered code names them by index.
//
// A value in an interface position (an operand of type any or error, a field of type
// any, an element of []any) has only its run-time representation. The session's cell
// types are registered with the compiled side by generated declarations,
//
//	var __sluice_tfreg12 = __sluice_fe.TfReg(7, (*point)(nil), func(x any) (fmt.Stringer, error, fmt.GoStringer, fmt.Formatter) {...}, ...)
//
// which give the resolver the yaegi run-time type of each cell type, and the methods
// hook a way back into the interpreter to call a cell type's String, Error, GoString and
// Format methods on a value that reached compiled code without them. The resolver names
//   - a value yaegi keeps as an interp.valueInterface by the interpreter type it carries;
//   - a struct value (and pointers, slices, arrays and maps of them) by the cell struct
//     type with that run-time representation (the latest registered, when two cell
//     types have the same structure).
//
// A named basic type in an interface position (`var x any = celsius(1)`) reaches
// compiled code as a plain float64 and prints as one.

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// fmtCallee describes a printing function the front end lowers.
type fmtCallee struct {
	first int    // index of the first operand
	tf    string // the typefmt function replacing it (fmt), or formatting the operands (log)
	log   string // for log functions and Logger methods: the non-formatting function to call
}

var fmtCallees = map[string]fmtCallee{
	"Printf": {1, "TfPrintf", ""}, "Sprintf": {1, "TfSprintf", ""}, "Errorf": {1, "TfErrorf", ""},
	"Fprintf": {2, "TfFprintf", ""}, "Appendf": {2, "TfAppendf", ""},
	"Print": {0, "TfPrint", ""}, "Println": {0, "TfPrintln", ""}, "Sprint": {0, "TfSprint", ""},
	"Sprintln": {0, "TfSprintln", ""}, "Fprint": {1, "TfFprint", ""}, "Fprintln": {1, "TfFprintln", ""},
	"Append": {1, "TfAppend", ""}, "Appendln": {1, "TfAppendln", ""},
}

var logCallees = map[string]fmtCallee{
	"Printf": {1, "TfSprintf", "Print"}, "Print": {0, "TfSprint", "Print"}, "Println": {0, "TfSprintln", "Print"},
	"Fatalf": {1, "TfSprintf", "Fatal"}, "Fatal": {0, "TfSprint", "Fatal"}, "Fatalln": {0, "TfSprintln", "Fatal"},
	"Panicf": {1, "TfSprintf", "Panic"}, "Panic": {0, "TfSprint", "Panic"}, "Panicln": {0, "TfSprintln", "Panic"},
}

// fmtCall lowers a call whose output depends on static type names (fmt's Print family
// with %T or %#v, reflect.Type's Name and String). It reports whether it handled n
// (lowering its arguments itself).
func (l *lowerer) fmtCall(n *ast.CallExpr) bool {
	if l.pkgPath != "main" || l.fe == nil {
		return false
	}
	if ix, ok := ast.Unparen(n.Fun).(*ast.IndexExpr); ok && len(n.Args) == 0 {
		return l.reflectTypeFor(n, ix)
	}
	sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	info := l.ctx.info
	var callee fmtCallee
	isLog := false
	if x, ok := sel.X.(*ast.Ident); ok {
		if pn, ok := info.Uses[x].(*types.PkgName); ok {
			switch pn.Imported().Path() {
			case "fmt":
				callee, ok = fmtCallees[sel.Sel.Name]
				if !ok {
					return false
				}
			case "log":
				callee, ok = logCallees[sel.Sel.Name]
				if !ok {
					return false
				}
				isLog = true
			case "reflect":
				if sel.Sel.Name == "TypeOf" && len(n.Args) == 1 {
					return l.reflectTypeOf(n)
				}
				return false
			default:
				return false
			}
		}
	}
	if callee.tf == "" {
		// A method of *log.Logger.
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.MethodVal {
			return false
		}
		f, ok := s.Obj().(*types.Func)
		if !ok || f.Pkg() == nil || f.Pkg().Path() != "log" {
			return false
		}
		r := f.Type().(*types.Signature).Recv()
		if r == nil || types.TypeString(r.Type(), nil) != "*log.Logger" {
			return false
		}
		if callee, ok = logCallees[sel.Sel.Name]; !ok {
			return false
		}
		isLog = true
	}
	if len(n.Args) < callee.first || (n.Ellipsis.IsValid() && len(n.Args) == callee.first) {
		return false
	}
	ops := n.Args[callee.first:]
	if len(ops) == 1 {
		if _, tuple := l.typeOf(ops[0]).(*types.Tuple); tuple {
			return false
		}
	}
	st := tfStateOf(l.fe)
	ids := make([]int, len(ops))
	need := false
	for i, a := range ops {
		ids[i] = -1
		t := l.typeOf(a)
		if t == nil || hasTypeParam(t) {
			return false
		}
		if n.Ellipsis.IsValid() && i == len(ops)-1 {
			// fmt.Println(xs...): each element of the []any is an operand.
			s, ok := under(t).(*types.Slice)
			if !ok {
				return false
			}
			t = s.Elem()
		}
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedNil {
			continue
		}
		d, id := st.describe(t)
		if !d.Plain() {
			ids[i] = id
			need = true
		}
	}
	if !need {
		return false
	}
	l.tfRegister(st)
	if isLog {
		l.replace(sel.Sel.Pos(), sel.Sel.End(), callee.log)
		ast.Inspect(sel.X, l.visit)
		l.insert(n.Args[0].Pos(), feRtPkg+"."+callee.tf+"(", false)
	} else {
		l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+"."+callee.tf)
	}
	for i, a := range ops {
		switch {
		case ids[i] < 0:
		case n.Ellipsis.IsValid() && i == len(ops)-1:
			l.insert(a.Pos(), feRtPkg+".TfSpread(", false)
			l.insert(a.End(), fmt.Sprintf(", %d)", ids[i]), true)
		default:
			l.insert(a.Pos(), feRtPkg+".TfA(", false)
			l.keepIface(a, false)
			l.keepCellIface(a)
			l.insert(a.End(), fmt.Sprintf(", %d)", ids[i]), true)
		}
	}
	if isLog {
		end := n.Args[len(n.Args)-1].End()
		if n.Ellipsis.IsValid() {
			end = n.Ellipsis + 3
		}
		l.insert(end, ")", true)
	}
	for _, a := range n.Args {
		ast.Inspect(a, l.visit)
	}
	return true
}

// reflectTypeOf lowers reflect.TypeOf(x) when x's static type involves a cell type or an
// interface: the result is a reflect.Type whose Name, String and PkgPath are Go's.
func (l *lowerer) reflectTypeOf(n *ast.CallExpr) bool {
	x := n.Args[0]
	t := l.typeOf(x)
	if t == nil || hasTypeParam(t) {
		return false
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedNil {
		return false
	}
	st := tfStateOf(l.fe)
	d, id := st.describe(t)
	if d.Plain() {
		return false
	}
	l.tfRegister(st)
	l.replace(n.Pos(), x.Pos(), feRtPkg+".TfTypeOf("+feRtPkg+".TfA(")
	l.replace(x.End(), n.End(), fmt.Sprintf(", %d))", id))
	l.keepCellIface(x)
	ast.Inspect(x, l.visit)
	return true
}

// reflectTypeFor lowers reflect.TypeFor[T]() for a T that involves a cell type like
// reflect.TypeOf of T's zero value (yaegi's run-time types have no names); for an
// interface declared in cells, an interface type carrying its name.
func (l *lowerer) reflectTypeFor(n *ast.CallExpr, ix *ast.IndexExpr) bool {
	sel, ok := ast.Unparen(ix.X).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "TypeFor" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	if pn, ok := l.ctx.info.Uses[x].(*types.PkgName); !ok || pn.Imported().Path() != "reflect" {
		return false
	}
	t := l.typeOf(ix.Index)
	if t == nil || hasTypeParam(t) {
		return false
	}
	st := tfStateOf(l.fe)
	d, id := st.describe(t)
	if d.Plain() {
		return false
	}
	if types.IsInterface(t) {
		if !isSourceIface(t) {
			return false
		}
		l.tfRegister(st)
		l.replace(n.Pos(), n.End(), fmt.Sprintf("%s.TfIfaceType(%d)", feRtPkg, id))
		return true
	}
	text, err := l.typeExpr(t)
	if err != nil {
		return false
	}
	l.tfRegister(st)
	l.replace(n.Pos(), n.End(), fmt.Sprintf("%s.TfTypeOf(%s.TfA(*new(%s), %d))", feRtPkg, feRtPkg, text, id))
	return true
}

// hasTypeParam reports whether t mentions a type parameter (a generic body not being
// instantiated).
func hasTypeParam(t types.Type) bool {
	found := false
	walkType(t, map[types.Type]bool{}, func(t types.Type) bool {
		if _, ok := t.(*types.TypeParam); ok {
			found = true
		}
		return !found
	})
	return found
}

// walkType calls f on t and the types it is built from (not into named types'
// underlying types; into their type arguments).
func walkType(t types.Type, seen map[types.Type]bool, f func(types.Type) bool) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	if !f(t) {
		return
	}
	switch t := t.(type) {
	case *types.Alias:
		walkType(types.Unalias(t), seen, f)
	case *types.Named:
		for i := 0; i < t.TypeArgs().Len(); i++ {
			walkType(t.TypeArgs().At(i), seen, f)
		}
	case *types.Pointer:
		walkType(t.Elem(), seen, f)
	case *types.Slice:
		walkType(t.Elem(), seen, f)
	case *types.Array:
		walkType(t.Elem(), seen, f)
	case *types.Map:
		walkType(t.Key(), seen, f)
		walkType(t.Elem(), seen, f)
	case *types.Chan:
		walkType(t.Elem(), seen, f)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			walkType(t.Field(i).Type(), seen, f)
		}
	case *types.Signature:
		for i := 0; i < t.Params().Len(); i++ {
			walkType(t.Params().At(i).Type(), seen, f)
		}
		for i := 0; i < t.Results().Len(); i++ {
			walkType(t.Results().At(i).Type(), seen, f)
		}
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			walkType(t.At(i).Type(), seen, f)
		}
	}
}

// tfRegister emits, once per cell, the registration of every cell type of the session
// (and every generic instance the cell mentions) not registered by an earlier cell.
func (l *lowerer) tfRegister(st *tfState) {
	if l.out.emitted["tf:cell"] {
		return
	}
	l.out.emitted["tf:cell"] = true
	var pkg *types.Package
	for _, o := range l.main.info.Defs {
		if o != nil && o.Pkg() != nil && o.Pkg().Path() == "main" {
			pkg = o.Pkg()
			break
		}
	}
	var named []*types.Named
	if pkg != nil {
		for _, name := range pkg.Scope().Names() {
			tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || strings.HasPrefix(name, hiddenPrefix) {
				continue
			}
			if nt, ok := tn.Type().(*types.Named); ok && nt.TypeParams().Len() == 0 {
				named = append(named, nt)
			}
		}
	}
	// Instances the cell and session mention.
	seen := map[types.Type]bool{}
	var insts []*types.Named
	var exprs []ast.Expr
	for x := range l.main.info.Types {
		exprs = append(exprs, x)
	}
	sort.Slice(exprs, func(i, j int) bool { return exprs[i].Pos() < exprs[j].Pos() })
	for _, x := range exprs {
		walkType(l.main.info.Types[x].Type, seen, func(t types.Type) bool {
			if nt, ok := t.(*types.Named); ok && nt.TypeArgs().Len() > 0 && nt.Obj().Pkg() != nil &&
				nt.Obj().Pkg().Path() == "main" && !hasTypeParam(nt) {
				insts = append(insts, nt)
			}
			return true
		})
	}
	fmtName := l.fe.alias("fmt")
	// The literal's names are hidden: yaegi resolves a global of the same name in a
	// package-level initializer ("variable definition loop").
	convSig := fmt.Sprintf("func(%[2]s_x any) (%[1]s.Stringer, error, %[1]s.GoStringer, %[1]s.Formatter)", fmtName, hiddenPrefix)
	usedFmt := false
	conv := func(t types.Type, src string) string {
		ms := types.NewMethodSet(t)
		var res [4]string
		has := false
		for i, m := range []string{"String", "Error", "GoString", "Format"} {
			res[i] = "nil"
			if sel := ms.Lookup(nil, m); sel != nil && tfMethodOK(sel.Obj(), m) {
				res[i] = hiddenPrefix + "_v"
				if path := ifacePromotedPath(t, sel.Index()); path != "" {
					// Promoted through an embedded interface among other fields
					// (fe_ifacepromote.go): called through the fields.
					res[i] = tfAdapter(m, hiddenPrefix+"_v"+path, fmtName)
				} else if len(sel.Index()) > 1 && sel.Obj().Pkg() != nil && sel.Obj().Pkg().Path() != "main" {
					// Promoted from a compiled embedded field: yaegi cannot convert the
					// cell type to the interface ("cannot use … (type ptrT) as type
					// valueT"), so a compiled adapter calls the method.
					res[i] = tfAdapter(m, hiddenPrefix+"_v", fmtName)
				}
				has = true
			}
		}
		if !has {
			return "nil"
		}
		usedFmt = true
		pre := ""
		if res[1] != "nil" && isCellStruct(t) {
			// The error keeps the struct value itself (see fe_convert.go).
			pre = fmt.Sprintf("var %[1]s_e error = %[1]s_v; ", hiddenPrefix)
			res[1] = fmt.Sprintf("%[1]s.IfWrapError(%[2]s_e, %[2]s_v)", feRtPkg, hiddenPrefix)
		}
		return fmt.Sprintf("%[1]s { %[4]s_v := %[4]s_x.(%[2]s); %[5]sreturn %[3]s }", convSig, src, strings.Join(res[:], ", "), hiddenPrefix, pre)
	}
	for _, nt := range append(named, insts...) {
		src, err := l.typeExpr(nt)
		if err != nil {
			continue
		}
		key := "tf:reg:" + tfFingerprint(nt)
		if l.fe.emitted[key] || l.out.emitted[key] {
			continue
		}
		l.out.emitted[key] = true
		id := st.register(nt, src)
		l.out.decls = append(l.out.decls, fmt.Sprintf("var %s = %s.TfReg(%d, (*%s)(nil), %s, %s)",
			l.tmp("tfreg"), feRtPkg, id, src, conv(nt, src), conv(types.NewPointer(nt), "*"+src)))
	}
	if usedFmt {
		l.needAlias("fmt")
	}
}

// tfMethodOK reports whether method obj has the signature fmt looks for.
func tfMethodOK(obj types.Object, name string) bool {
	sig, ok := obj.Type().(*types.Signature)
	if !ok {
		return false
	}
	if name == "Format" {
		return sig.Params().Len() == 2 && sig.Results().Len() == 0 &&
			types.TypeString(sig.Params().At(0).Type(), nil) == "fmt.State" &&
			types.Identical(sig.Params().At(1).Type(), types.Typ[types.Int32])
	}
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
		types.Identical(sig.Results().At(0).Type(), types.Typ[types.String])
}

// tfFingerprint identifies a type across cells: its name with the structure and methods
// of every cell type it involves (a redefinition makes a new fingerprint).
func tfFingerprint(t types.Type) string {
	var b strings.Builder
	b.WriteString(types.TypeString(t, tfQualPath))
	var named []*types.Named
	walkType(t, map[types.Type]bool{}, func(t types.Type) bool {
		if nt, ok := t.(*types.Named); ok && nt.Obj().Pkg() != nil && nt.Obj().Pkg().Path() == "main" {
			named = append(named, nt)
		}
		return true
	})
	seen := map[*types.Named]bool{}
	for len(named) > 0 {
		nt := named[0]
		named = named[1:]
		if seen[nt] {
			continue
		}
		seen[nt] = true
		b.WriteString("|" + types.TypeString(nt, tfQualPath) + "=" + types.TypeString(nt.Underlying(), tfQualPath))
		ms := types.NewMethodSet(types.NewPointer(nt))
		for i := 0; i < ms.Len(); i++ {
			b.WriteString(";" + ms.At(i).Obj().Name() + types.TypeString(ms.At(i).Type(), tfQualPath))
		}
		walkType(nt.Underlying(), map[types.Type]bool{}, func(t types.Type) bool {
			if n2, ok := t.(*types.Named); ok && n2.Obj().Pkg() != nil && n2.Obj().Pkg().Path() == "main" && !seen[n2] {
				named = append(named, n2)
			}
			return true
		})
	}
	return b.String()
}

func tfQualPath(p *types.Package) string { return p.Path() }

// tfNative reports whether the named types of p are compiled: not those of the cell,
// nor those of the standard packages whose every type is generic, which run from our
// interpreted source (gostd).
func tfNative(p *types.Package) bool {
	switch p.Path() {
	case "main", "iter", "unique", "weak":
		return false
	}
	return true
}

// tfQual names packages as reflect prints them, the cell's package as "main".
func tfQual(p *types.Package) string {
	if p.Path() == "main" {
		return "main"
	}
	return p.Name()
}

// ---- compiled helpers ----

// fmtSymbols are the compiled helpers fmtCall's lowering calls. They join the front
// end's package (feRtPath), which every lowered cell imports.
func (e *Engine) fmtSymbols() map[string]map[string]reflect.Value {
	st := func() *tfState { return tfStateOf(e.fe) }
	pr := func() *typefmt.Printer { return st().pr }
	var stdout io.Writer = e.std.out
	type convFn = func(any) (fmt.Stringer, error, fmt.GoStringer, fmt.Formatter)
	return map[string]map[string]reflect.Value{feRtPath + "/fe": {
		"TfA": reflect.ValueOf(func(x any, id int) typefmt.Typed {
			return typefmt.Typed{V: x, T: st().desc(id)}
		}),
		"TfReg": reflect.ValueOf(func(id int, ptr any, conv, pconv convFn) bool {
			st().reg(id, ptr, conv, pconv)
			return true
		}),
		"TfTypeOf": reflect.ValueOf(func(x typefmt.Typed) reflect.Type { return st().typeOf(x) }),
		// TfSpread is TfA of each element of a []any spread into a Print-family call.
		"TfSpread": reflect.ValueOf(func(xs []any, id int) []any {
			d := st().desc(id)
			out := make([]any, len(xs))
			for i, x := range xs {
				out[i] = typefmt.Typed{V: x, T: d}
			}
			return out
		}),
		// TagType tags a composite of named basic cell types going into an interface.
		"TagType":  reflect.ValueOf(func(v any, id int) { st().tags.tag(v, st().desc(id)) }),
		"TagIface": reflect.ValueOf(func(x any, id int) { st().tags.tagIface(x, st().desc(id)) }),
		// TfIfaceType is reflect.TypeFor of an interface declared in cells: an interface
		// type with Go's name (yaegi has no run-time type for it).
		"TfIfaceType": reflect.ValueOf(func(id int) reflect.Type {
			if d := st().desc(id); d != nil {
				return newTfRType(reflect.TypeFor[any](), d)
			}
			return reflect.TypeFor[any]()
		}),
		"TfPrintf": reflect.ValueOf(func(f string, a ...any) (int, error) { return pr().Fprintf(stdout, f, a...) }),
		"TfPrint":  reflect.ValueOf(func(a ...any) (int, error) { return pr().Fprint(stdout, a...) }),
		"TfPrintln": reflect.ValueOf(func(a ...any) (int, error) {
			return pr().Fprintln(stdout, a...)
		}),
		"TfSprintf":  reflect.ValueOf(func(f string, a ...any) string { return pr().Sprintf(f, a...) }),
		"TfSprint":   reflect.ValueOf(func(a ...any) string { return pr().Sprint(a...) }),
		"TfSprintln": reflect.ValueOf(func(a ...any) string { return pr().Sprintln(a...) }),
		"TfErrorf":   reflect.ValueOf(func(f string, a ...any) error { return pr().Errorf(f, a...) }),
		"TfFprintf": reflect.ValueOf(func(w io.Writer, f string, a ...any) (int, error) {
			return pr().Fprintf(w, f, a...)
		}),
		"TfFprint":   reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return pr().Fprint(w, a...) }),
		"TfFprintln": reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return pr().Fprintln(w, a...) }),
		"TfAppendf": reflect.ValueOf(func(b []byte, f string, a ...any) []byte {
			return pr().Appendf(b, f, a...)
		}),
		"TfStringer": reflect.ValueOf(func(f func() string) fmt.Stringer { return tfStringFunc(f) }),
		"TfError":    reflect.ValueOf(func(f func() string) error { return tfErrorFunc(f) }),
		"TfGoString": reflect.ValueOf(func(f func() string) fmt.GoStringer { return tfGoStringFunc(f) }),
		"TfFormat":   reflect.ValueOf(func(f func(fmt.State, rune)) fmt.Formatter { return tfFormatFunc(f) }),
		"TfAppend":   reflect.ValueOf(func(b []byte, a ...any) []byte { return pr().Append(b, a...) }),
		"TfAppendln": reflect.ValueOf(func(b []byte, a ...any) []byte { return pr().Appendln(b, a...) }),
	}}
}

// tfAdapter writes the compiled adapter that gives v's method m (String, Error,
// GoString or Format) to fmt; fmtName is the cell's name of package fmt.
func tfAdapter(m, v, fmtName string) string {
	switch m {
	case "Format":
		return fmt.Sprintf("%s.TfFormat(func(s %s.State, c rune) { %s.Format(s, c) })", feRtPkg, fmtName, v)
	case "String":
		return fmt.Sprintf("%s.TfStringer(func() string { return %s.String() })", feRtPkg, v)
	}
	return fmt.Sprintf("%s.Tf%s(func() string { return %s.%s() })", feRtPkg, m, v, m)
}

// Compiled adapters: a function as fmt.Stringer, error, fmt.GoStringer, fmt.Formatter.
type (
	tfStringFunc   func() string
	tfErrorFunc    func() string
	tfGoStringFunc func() string
	tfFormatFunc   func(fmt.State, rune)
)

func (f tfStringFunc) String() string             { return f() }
func (f tfErrorFunc) Error() string               { return f() }
func (f tfGoStringFunc) GoString() string         { return f() }
func (f tfFormatFunc) Format(s fmt.State, c rune) { f(s, c) }
