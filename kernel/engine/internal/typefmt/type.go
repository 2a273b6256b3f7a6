// Package typefmt formats interpreted values with their real Go type names.
//
// yaegi represents a cell-defined type at run time by an unnamed reflect type
// (reflect.StructOf for structs, the underlying basic type for `type C float64`), so
// fmt prints `struct { X int; Y int }{X:1, Y:2}` where a compiled program prints
// `main.point{X:1, Y:2}`. The typed front end knows the static type of every argument
// of a fmt call, so it lowers the call to this package and passes a descriptor of that
// type with each argument. The formatter then walks the value together with the
// descriptor and prints exactly what fmt prints for the compiled program.
//
// # API the engine calls
//
// At compile time (go/types):
//
//	d := typefmt.Describe(t, qual)     // qual maps the cell package to "main"
//	d := typefmt.DescribeNative(t, qual, native) // native: which packages are compiled
//
// At run time, mirroring fmt over wrapped arguments (a plain argument is formatted by
// its reflect type, as fmt would):
//
//	typefmt.Sprintf(format, typefmt.Typed{V: x, T: d}, y)
//	Sprint, Sprintln, Fprintf, Fprint, Fprintln, Printf, Print, Println,
//	Errorf (keeps %w: errors.Is/As/Unwrap work as with fmt.Errorf, same result types),
//	Appendf, Append, Appendln
//	typefmt.TypeName(x) / typefmt.TypeString(d)   // reflect.TypeOf(x).Name() / .String()
//
// The package-level functions use Default; a session can use its own *Printer, whose
// Resolve hook names the dynamic type of a value found in an interface position (a
// field of type any, an []error element, an argument of static type fmt.Stringer) and
// whose Methods hook makes a cell type's String/Error/Format/GoString methods callable
// for a value that reached compiled code without yaegi's wrapper.
//
// Arguments whose descriptors contain no cell-defined names and no interface positions
// go straight to fmt.
package typefmt

import (
	"go/types"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Type describes a Go type as a compiled program's reflect would see it.
// Descriptors are immutable once built and may be shared between goroutines.
type Type struct {
	Kind reflect.Kind
	// Name is reflect.Type.Name(): "point", "Stack[int]", "Pair[string,main.point]",
	// "int"; "" for unnamed types.
	Name string
	// PkgPath is the package path of a named type ("main" for cell types), "" otherwise.
	PkgPath string
	// Native reports a named type that exists at run time under its own name (a type of a
	// compiled package), so fmt prints it correctly without help.
	Native bool

	Elem     *Type // Pointer, Slice, Array, Chan, Map (value)
	Key      *Type // Map
	Len      int   // Array
	ChanDir  reflect.ChanDir
	Fields   []Field   // Struct
	In, Out  []*Type   // Func
	Variadic bool      // Func
	Methods  []Method  // Interface (for printing unnamed interface types)
	fmtMeth  methodSet // the fmt-relevant methods in the type's method set
	promoted map[methodSet][]int

	str     string // reflect.Type.String()
	pathStr string // the form used inside generic type arguments
	plain   bool   // fmt prints values of this type correctly by itself
	built   bool
}

// Field is a struct field.
type Field struct {
	Name     string // as reflect names it: the type name for an embedded field
	Type     *Type
	Embedded bool
	Exported bool
	Tag      string
}

// Method is a method of an interface type.
type Method struct {
	Name    string
	Pkg     string // qualifier of an unexported method ("main"), else ""
	PkgPath string // the same in type-argument form
	Sig     *Type  // a Func type
}

// methodSet records which of fmt's interfaces a type's method set satisfies.
type methodSet uint8

const (
	mFormat methodSet = 1 << iota
	mGoString
	mError
	mString
)

// String returns what reflect.Type.String() returns for the type: "main.point",
// "*main.point", "map[string]main.point", "main.Pair[string,main.point]".
func (t *Type) String() string {
	if t == nil {
		return "<nil>"
	}
	return t.str
}

// Plain reports whether fmt alone formats values of t exactly: no cell-defined named
// type and no interface position occurs in it.
func (t *Type) Plain() bool { return t != nil && t.plain }

// HasMethod reports whether t's method set has the named fmt method: "Format",
// "GoString", "Error" or "String".
func (t *Type) HasMethod(name string) bool {
	switch name {
	case "Format":
		return t.fmtMeth&mFormat != 0
	case "GoString":
		return t.fmtMeth&mGoString != 0
	case "Error":
		return t.fmtMeth&mError != 0
	case "String":
		return t.fmtMeth&mString != 0
	}
	return false
}

// TypeString returns reflect.TypeOf(x).String() for a value of type t.
func TypeString(t *Type) string { return t.String() }

// ---- strings ----

// finish computes the printed forms of an unnamed composite type from its parts.
func (t *Type) finish() {
	if t.Name != "" || t.built {
		return
	}
	t.built = true
	t.str = t.compose(false)
	t.pathStr = t.compose(true)
}

func (t *Type) sub(path bool) string {
	if t == nil {
		return "<nil>"
	}
	if t.Name == "" && !t.built {
		t.finish()
	}
	if path {
		return t.pathStr
	}
	return t.str
}

func (t *Type) compose(path bool) string {
	var b strings.Builder
	switch t.Kind {
	case reflect.Pointer:
		b.WriteString("*")
		b.WriteString(t.Elem.sub(path))
	case reflect.Slice:
		b.WriteString("[]")
		b.WriteString(t.Elem.sub(path))
	case reflect.Array:
		b.WriteString("[")
		b.WriteString(strconv.Itoa(t.Len))
		b.WriteString("]")
		b.WriteString(t.Elem.sub(path))
	case reflect.Map:
		b.WriteString("map[")
		b.WriteString(t.Key.sub(path))
		b.WriteString("]")
		b.WriteString(t.Elem.sub(path))
	case reflect.Chan:
		e := t.Elem.sub(path)
		switch t.ChanDir {
		case reflect.RecvDir:
			b.WriteString("<-chan " + e)
		case reflect.SendDir:
			b.WriteString("chan<- " + e)
		default:
			if strings.HasPrefix(e, "<-chan") {
				b.WriteString("chan (" + e + ")")
			} else {
				b.WriteString("chan " + e)
			}
		}
	case reflect.Func:
		b.WriteString("func")
		b.WriteString(t.signature(path))
	case reflect.Struct:
		if len(t.Fields) == 0 {
			return "struct {}"
		}
		b.WriteString("struct { ")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString("; ")
			}
			if !f.Embedded {
				b.WriteString(f.Name)
				b.WriteString(" ")
			}
			b.WriteString(f.Type.sub(path))
			if f.Tag != "" {
				b.WriteString(" ")
				b.WriteString(strconv.Quote(f.Tag))
			}
		}
		b.WriteString(" }")
	case reflect.Interface:
		if len(t.Methods) == 0 {
			return "interface {}"
		}
		b.WriteString("interface { ")
		for i, m := range t.Methods {
			if i > 0 {
				b.WriteString("; ")
			}
			q := m.Pkg
			if path {
				q = m.PkgPath
			}
			if q != "" {
				b.WriteString(q + ".")
			}
			b.WriteString(m.Name)
			b.WriteString(m.Sig.signature(path))
		}
		b.WriteString(" }")
	default:
		return t.Kind.String()
	}
	return b.String()
}

// signature prints a func type without its "func" keyword: "(int, ...string) (int, error)".
func (t *Type) signature(path bool) string {
	var b strings.Builder
	b.WriteString("(")
	for i, in := range t.In {
		if i > 0 {
			b.WriteString(", ")
		}
		if t.Variadic && i == len(t.In)-1 {
			b.WriteString("...")
			b.WriteString(in.Elem.sub(path))
		} else {
			b.WriteString(in.sub(path))
		}
	}
	b.WriteString(")")
	switch len(t.Out) {
	case 0:
	case 1:
		b.WriteString(" ")
		b.WriteString(t.Out[0].sub(path))
	default:
		b.WriteString(" (")
		for i, o := range t.Out {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(o.sub(path))
		}
		b.WriteString(")")
	}
	return b.String()
}

// ---- plainness ----

// children lists the descriptors t refers to.
func (t *Type) children() []*Type {
	var c []*Type
	if t.Elem != nil {
		c = append(c, t.Elem)
	}
	if t.Key != nil {
		c = append(c, t.Key)
	}
	for _, f := range t.Fields {
		c = append(c, f.Type)
	}
	c = append(c, t.In...)
	c = append(c, t.Out...)
	return c
}

// settlePlain computes plain for every descriptor in nodes: a descriptor is plain when
// it is locally plain and every descriptor it reaches is (a greatest fixed point, so
// recursive types are handled).
func settlePlain(nodes []*Type, local func(*Type) bool) {
	for _, n := range nodes {
		n.plain = local(n)
	}
	for changed := true; changed; {
		changed = false
		for _, n := range nodes {
			if !n.plain {
				continue
			}
			for _, c := range n.children() {
				if !c.plain {
					n.plain = false
					changed = true
					break
				}
			}
		}
	}
}

// ---- descriptors from reflect ----

var reflectCache sync.Map // reflect.Type → *Type

var (
	formatterType = reflect.TypeFor[interface {
		Format(interface {
			Write(b []byte) (n int, err error)
			Width() (wid int, ok bool)
			Precision() (prec int, ok bool)
			Flag(c int) bool
		}, rune)
	}]()
	goStringerType = reflect.TypeFor[interface{ GoString() string }]()
	errorType      = reflect.TypeFor[error]()
	stringerType   = reflect.TypeFor[interface{ String() string }]()
)

// ---- descriptors from go/types ----

// Describe builds the descriptor of a go/types type. qual names a named type's package
// as reflect prints it (nil: the package name); the engine passes one that maps the
// cell package to "main". Inside generic type arguments Go prints package paths
// ("main.Stack[encoding/json.Number]"): there a package is written as qual(pkg) when
// qual renames it (returns something other than pkg.Name()), else as pkg.Path().
//
// A named type whose package qual calls "main" is taken to be cell-defined (it has no
// run-time name of its own); any other named type is taken to be compiled.
func Describe(t types.Type, qual func(*types.Package) string) *Type {
	return DescribeNative(t, qual, nil)
}

// DescribeNative is Describe with an explicit test of which packages are compiled (their
// named types exist at run time); nil means every package qual does not call "main".
func DescribeNative(t types.Type, qual func(*types.Package) string, native func(*types.Package) bool) *Type {
	if qual == nil {
		qual = func(p *types.Package) string { return p.Name() }
	}
	if native == nil {
		native = func(p *types.Package) bool { return qual(p) != "main" }
	}
	b := &builder{qual: qual, native: native, memo: map[types.Type]*Type{}}
	d := b.describe(t)
	settlePlain(b.nodes, func(t *Type) bool {
		if t.Kind == reflect.Interface {
			return false
		}
		return t.Name == "" || t.Native
	})
	for _, n := range b.nodes {
		n.finish()
	}
	return d
}

type builder struct {
	qual   func(*types.Package) string
	native func(*types.Package) bool
	memo   map[types.Type]*Type
	named  []*types.Named // named types built so far, for identical-instance lookups
	nodes  []*Type
}

func (b *builder) pathQual(p *types.Package) string {
	if q := b.qual(p); q != p.Name() {
		return q
	}
	return p.Path()
}

func (b *builder) new(t types.Type, k reflect.Kind) *Type {
	d := &Type{Kind: k}
	b.memo[t] = d
	b.nodes = append(b.nodes, d)
	return d
}

var basicKinds = map[types.BasicKind]reflect.Kind{
	types.Bool: reflect.Bool, types.Int: reflect.Int, types.Int8: reflect.Int8, types.Int16: reflect.Int16,
	types.Int32: reflect.Int32, types.Int64: reflect.Int64, types.Uint: reflect.Uint, types.Uint8: reflect.Uint8,
	types.Uint16: reflect.Uint16, types.Uint32: reflect.Uint32, types.Uint64: reflect.Uint64,
	types.Uintptr: reflect.Uintptr, types.Float32: reflect.Float32, types.Float64: reflect.Float64,
	types.Complex64: reflect.Complex64, types.Complex128: reflect.Complex128, types.String: reflect.String,
	types.UnsafePointer: reflect.UnsafePointer,
	// untyped constants take their default types
	types.UntypedBool: reflect.Bool, types.UntypedInt: reflect.Int, types.UntypedRune: reflect.Int32,
	types.UntypedFloat: reflect.Float64, types.UntypedComplex: reflect.Complex128, types.UntypedString: reflect.String,
}

func (b *builder) describe(t types.Type) *Type {
	t = types.Unalias(t)
	if d, ok := b.memo[t]; ok {
		return d
	}
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UntypedNil {
			d := b.new(t, reflect.Interface)
			d.built, d.str, d.pathStr = true, "interface {}", "interface {}"
			return d
		}
		k, ok := basicKinds[t.Kind()]
		if !ok {
			k = reflect.Invalid
		}
		d := b.new(t, k)
		d.Name = k.String()
		d.Native = true
		d.str, d.pathStr = d.Name, d.Name
		if k == reflect.UnsafePointer {
			d.Name, d.PkgPath = "Pointer", "unsafe"
			d.str, d.pathStr = "unsafe.Pointer", "unsafe.Pointer"
		}
		return d
	case *types.Named:
		for _, n := range b.named {
			if types.Identical(n, t) {
				return b.memo[n]
			}
		}
		b.named = append(b.named, t)
		under := t.Underlying()
		d := b.new(t, kindOf(under))
		obj := t.Obj()
		name := obj.Name()
		if args := t.TypeArgs(); args.Len() > 0 {
			var sb strings.Builder
			sb.WriteString(name + "[")
			for i := 0; i < args.Len(); i++ {
				if i > 0 {
					sb.WriteString(",")
				}
				sb.WriteString(b.describe(args.At(i)).sub(true))
			}
			sb.WriteString("]")
			name = sb.String()
		}
		d.Name = name
		if pkg := obj.Pkg(); pkg != nil {
			d.PkgPath = b.qualPath(pkg)
			d.str = b.qual(pkg) + "." + name
			d.pathStr = b.pathQual(pkg) + "." + name
			// An instance of a generic type is never compiled: the interpreter runs it
			// from Go source (its package's generic types cannot be extracted).
			d.Native = b.native(pkg) && t.TypeArgs().Len() == 0
		} else { // error, comparable
			d.str, d.pathStr = name, name
			d.Native = true
		}
		b.fill(d, under)
		d.fmtMeth, d.promoted = b.methods(t)
		return d
	case *types.TypeParam:
		d := b.new(t, reflect.Interface) // uninstantiated: nothing better is known
		d.built, d.str, d.pathStr = true, t.Obj().Name(), t.Obj().Name()
		return d
	}
	d := b.new(t, kindOf(t))
	b.fill(d, t)
	d.fmtMeth, d.promoted = b.methods(t)
	return d
}

func (b *builder) qualPath(p *types.Package) string {
	if q := b.qual(p); q != p.Name() {
		return q
	}
	return p.Path()
}

func kindOf(t types.Type) reflect.Kind {
	switch t := t.(type) {
	case *types.Basic:
		return basicKinds[t.Kind()]
	case *types.Pointer:
		return reflect.Pointer
	case *types.Slice:
		return reflect.Slice
	case *types.Array:
		return reflect.Array
	case *types.Map:
		return reflect.Map
	case *types.Chan:
		return reflect.Chan
	case *types.Signature:
		return reflect.Func
	case *types.Struct:
		return reflect.Struct
	case *types.Interface:
		return reflect.Interface
	}
	return reflect.Invalid
}

// fill describes the structure of u (an underlying or unnamed type) into d.
func (b *builder) fill(d *Type, u types.Type) {
	switch u := u.(type) {
	case *types.Pointer:
		d.Elem = b.describe(u.Elem())
	case *types.Slice:
		d.Elem = b.describe(u.Elem())
	case *types.Array:
		d.Elem = b.describe(u.Elem())
		d.Len = int(u.Len())
	case *types.Map:
		d.Key = b.describe(u.Key())
		d.Elem = b.describe(u.Elem())
	case *types.Chan:
		d.Elem = b.describe(u.Elem())
		switch u.Dir() {
		case types.SendOnly:
			d.ChanDir = reflect.SendDir
		case types.RecvOnly:
			d.ChanDir = reflect.RecvDir
		default:
			d.ChanDir = reflect.BothDir
		}
	case *types.Signature:
		for i := 0; i < u.Params().Len(); i++ {
			d.In = append(d.In, b.describe(u.Params().At(i).Type()))
		}
		for i := 0; i < u.Results().Len(); i++ {
			d.Out = append(d.Out, b.describe(u.Results().At(i).Type()))
		}
		d.Variadic = u.Variadic()
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			name := f.Name()
			if f.Embedded() {
				// reflect names an embedded field by its type's name, without type arguments
				ft := types.Unalias(f.Type())
				if p, ok := ft.(*types.Pointer); ok {
					ft = types.Unalias(p.Elem())
				}
				if n, ok := ft.(*types.Named); ok {
					name = n.Obj().Name()
				}
			}
			d.Fields = append(d.Fields, Field{Name: name, Type: b.describe(f.Type()), Embedded: f.Embedded(),
				Exported: f.Exported(), Tag: u.Tag(i)})
		}
	case *types.Interface:
		for i := 0; i < u.NumMethods(); i++ {
			m := u.Method(i)
			mm := Method{Name: m.Name(), Sig: b.describe(m.Type())}
			if !m.Exported() && m.Pkg() != nil {
				mm.Pkg = b.qual(m.Pkg())
				mm.PkgPath = b.pathQual(m.Pkg())
			}
			d.Methods = append(d.Methods, mm)
		}
	}
}

// methods finds which fmt interfaces t's method set satisfies, and for each one reached
// through embedded fields, the field index path to the value that has it.
func (b *builder) methods(t types.Type) (methodSet, map[methodSet][]int) {
	if types.IsInterface(t) {
		return 0, nil
	}
	var ms methodSet
	var promoted map[methodSet][]int
	mset := types.NewMethodSet(t)
	for i := 0; i < mset.Len(); i++ {
		sel := mset.At(i)
		fn, ok := sel.Obj().(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		var m methodSet
		switch fn.Name() {
		case "Format":
			if sig.Params().Len() == 2 && sig.Results().Len() == 0 && isBasic(sig.Params().At(1).Type(), types.Int32) &&
				isNamed(sig.Params().At(0).Type(), "fmt", "State") {
				m = mFormat
			}
		case "GoString":
			if stringMethod(sig) {
				m = mGoString
			}
		case "Error":
			if stringMethod(sig) {
				m = mError
			}
		case "String":
			if stringMethod(sig) {
				m = mString
			}
		}
		if m == 0 {
			continue
		}
		ms |= m
		if idx := sel.Index(); len(idx) > 1 {
			if promoted == nil {
				promoted = map[methodSet][]int{}
			}
			promoted[m] = append([]int(nil), idx[:len(idx)-1]...)
		}
	}
	return ms, promoted
}

func stringMethod(sig *types.Signature) bool {
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && isBasic(sig.Results().At(0).Type(), types.String)
}

func isBasic(t types.Type, k types.BasicKind) bool {
	b, ok := types.Unalias(t).(*types.Basic)
	return ok && b.Kind() == k
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
