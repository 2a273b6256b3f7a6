package typefmt

// The differential harness: the static types come from type-checking decls_test.go with
// go/types; the values given to the formatter are erased the way yaegi erases cell types
// (named types become their unnamed structure, unexported fields become exported ones,
// values of cell types in interfaces are wrapped); the expected text is what fmt prints
// for the compiled values, with this package's name replaced by "main".

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

const selfPath = "github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"

var (
	checkOnce sync.Once
	checkFset = token.NewFileSet()
	checkPkg  *types.Package
	checkPos  token.Pos // a position in decls_test.go's file scope, where its imports are visible
	checkErr  error
)

func checked(t testing.TB) *types.Package {
	t.Helper()
	checkOnce.Do(func() {
		f, err := parser.ParseFile(checkFset, "decls_test.go", nil, parser.SkipObjectResolution)
		if err != nil {
			checkErr = err
			return
		}
		checkPos = f.Name.Pos()
		conf := types.Config{Importer: importer.Default()}
		checkPkg, checkErr = conf.Check(selfPath, checkFset, []*ast.File{f}, nil)
	})
	if checkErr != nil {
		t.Fatal(checkErr)
	}
	return checkPkg
}

func testQual(p *types.Package) string {
	if p.Path() == selfPath {
		return "main"
	}
	return p.Name()
}

var descCache sync.Map

// desc describes a type expression written in decls_test.go's scope.
func desc(t testing.TB, expr string) *Type {
	t.Helper()
	if d, ok := descCache.Load(expr); ok {
		return d.(*Type)
	}
	pkg := checked(t)
	tv, err := types.Eval(checkFset, pkg, checkPos, expr)
	if err != nil || !tv.IsType() {
		t.Fatalf("type %s: %v", expr, err)
	}
	d := Describe(tv.Type, testQual)
	descCache.Store(expr, d)
	return d
}

// normalize makes fmt's output of the compiled program comparable: this package is
// "main", and addresses are not compared.
var addrRE = regexp.MustCompile(`0x[0-9a-f]{6,}|\b[0-9a-fA-F]{9,}\b|\b[0-9]{9,}\b|\b[01]{20,}\b`)

func normalize(s string) string {
	s = strings.ReplaceAll(s, selfPath+".", "main.")
	s = strings.ReplaceAll(s, "typefmt.", "main.")
	return addrRE.ReplaceAllString(s, "ADDR")
}

// ---- erasing values as yaegi does ----

// _cell stands for yaegi's wrapper of a cell value stored in an interface.
type _cell struct {
	IValue any
	Name   string // the compiled type's String(), for the test resolver
}

var (
	eraseMu   sync.Mutex
	erased    = map[reflect.Type]reflect.Type{}
	byName    = map[string]reflect.Type{} // normalized name → compiled type
	unsafePtr = reflect.TypeFor[unsafe.Pointer]()
)

func isSelf(rt reflect.Type) bool { return rt.PkgPath() == selfPath && rt.Name() != "" }

func mentionsSelf(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if isSelf(rt) {
		return true
	}
	if seen[rt] {
		return false
	}
	seen[rt] = true
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		return mentionsSelf(rt.Elem(), seen)
	case reflect.Map:
		return mentionsSelf(rt.Key(), seen) || mentionsSelf(rt.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < rt.NumField(); i++ {
			if mentionsSelf(rt.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Func:
		for i := 0; i < rt.NumIn(); i++ {
			if mentionsSelf(rt.In(i), seen) {
				return true
			}
		}
		for i := 0; i < rt.NumOut(); i++ {
			if mentionsSelf(rt.Out(i), seen) {
				return true
			}
		}
	}
	return false
}

var basicTypes = map[reflect.Kind]reflect.Type{}

func init() {
	for _, v := range []any{false, 0, int8(0), int16(0), int32(0), int64(0), uint(0), uint8(0), uint16(0),
		uint32(0), uint64(0), uintptr(0), float32(0), 0.0, complex64(0), complex128(0), ""} {
		basicTypes[reflect.TypeOf(v).Kind()] = reflect.TypeOf(v)
	}
}

// erasedType is yaegi's representation of rt: named types of this package become
// their unnamed structure (unexported fields renamed X…), interfaces become any, and a
// recursive pointer is unrolled once and then becomes unsafe.Pointer (yaegi unrolls it
// and then points at a dummy type).
func erasedType(rt reflect.Type, stack map[reflect.Type]int) reflect.Type {
	if isSelf(rt) {
		byName[normalize(rt.String())] = rt
	}
	if !needsErasure(rt) {
		return rt
	}
	if len(stack) == 0 {
		if e, ok := erased[rt]; ok {
			return e
		}
	}
	var e reflect.Type
	switch rt.Kind() {
	case reflect.Pointer:
		if stack[rt.Elem()] >= 2 {
			e = unsafePtr
		} else {
			e = reflect.PointerTo(erasedType(rt.Elem(), stack))
		}
	case reflect.Slice:
		e = reflect.SliceOf(erasedType(rt.Elem(), stack))
	case reflect.Array:
		e = reflect.ArrayOf(rt.Len(), erasedType(rt.Elem(), stack))
	case reflect.Chan:
		e = reflect.ChanOf(rt.ChanDir(), erasedType(rt.Elem(), stack))
	case reflect.Map:
		e = reflect.MapOf(erasedType(rt.Key(), stack), erasedType(rt.Elem(), stack))
	case reflect.Func:
		var in, out []reflect.Type
		for i := 0; i < rt.NumIn(); i++ {
			in = append(in, erasedType(rt.In(i), stack))
		}
		for i := 0; i < rt.NumOut(); i++ {
			out = append(out, erasedType(rt.Out(i), stack))
		}
		e = reflect.FuncOf(in, out, rt.IsVariadic())
	case reflect.Struct:
		stack[rt]++
		var fs []reflect.StructField
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			name := f.Name
			if !f.IsExported() {
				name = "X" + name
			}
			fs = append(fs, reflect.StructField{Name: name, Type: erasedType(f.Type, stack), Tag: f.Tag})
		}
		if stack[rt]--; stack[rt] == 0 {
			delete(stack, rt)
		}
		e = reflect.StructOf(fs)
	case reflect.Interface:
		e = reflect.TypeFor[any]()
	default:
		e = basicTypes[rt.Kind()]
	}
	if len(stack) == 0 {
		erased[rt] = e
	}
	return e
}

func needsErasure(rt reflect.Type) bool {
	return mentionsSelf(rt, map[reflect.Type]bool{}) || mentionsIface(rt, map[reflect.Type]bool{})
}

// view returns a settable, interfaceable view of an addressable value, even when it was
// reached through unexported fields.
func view(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// addressable copies v into a new addressable value.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// erase returns the yaegi-like representation of a compiled value.
func erase(v reflect.Value) reflect.Value {
	eraseMu.Lock()
	defer eraseMu.Unlock()
	return eraseInto(addressable(v), erasedType(v.Type(), map[reflect.Type]int{}))
}

// eraseInto converts the addressable compiled value v to the erased type et.
func eraseInto(v reflect.Value, et reflect.Type) reflect.Value {
	rt := v.Type()
	v = view(v)
	out := reflect.New(et).Elem()
	if et == rt && !needsErasure(rt) {
		out.Set(v)
		return out
	}
	switch rt.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return out
		}
		if et == unsafePtr {
			n := reflect.New(erasedType(rt.Elem(), map[reflect.Type]int{}))
			n.Elem().Set(eraseInto(v.Elem(), n.Type().Elem()))
			out.Set(reflect.ValueOf(n.UnsafePointer()))
			return out
		}
		n := reflect.New(et.Elem())
		n.Elem().Set(eraseInto(v.Elem(), et.Elem()))
		out.Set(n)
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(et, v.Len(), v.Len()))
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(eraseInto(v.Index(i), et.Elem()))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(eraseInto(v.Index(i), et.Elem()))
		}
	case reflect.Map:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeMap(et))
		it := v.MapRange()
		for it.Next() {
			out.SetMapIndex(eraseInto(addressable(it.Key()), et.Key()), eraseInto(addressable(it.Value()), et.Elem()))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			out.Field(i).Set(eraseInto(v.Field(i), et.Field(i).Type))
		}
	case reflect.Interface:
		if v.IsNil() {
			return out
		}
		e := v.Elem()
		ee := eraseInto(addressable(e), erasedType(e.Type(), map[reflect.Type]int{}))
		if mentionsSelf(e.Type(), map[reflect.Type]bool{}) {
			out.Set(reflect.ValueOf(_cell{IValue: ee.Interface(), Name: normalize(e.Type().String())}))
		} else {
			out.Set(ee)
		}
	case reflect.Func, reflect.Chan:
		// only nil values are used
	default:
		out.Set(v.Convert(et))
	}
	return out
}

func mentionsIface(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[rt] {
		return false
	}
	seen[rt] = true
	switch rt.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mentionsIface(rt.Elem(), seen)
	case reflect.Map:
		return mentionsIface(rt.Key(), seen) || mentionsIface(rt.Elem(), seen)
	case reflect.Struct:
		if rt.PkgPath() != "" && rt.PkgPath() != selfPath {
			return false // compiled types of other packages are kept as they are
		}
		for i := 0; i < rt.NumField(); i++ {
			if mentionsIface(rt.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// eraseArg is what the engine would pass for an operand: the erased value, wrapped when
// the static type is an interface (yaegi wraps values with methods; the test always does,
// so that the resolver can tell types of equal structure apart).
func eraseArg(x any, static *Type) any {
	if x == nil {
		return nil
	}
	v := reflect.ValueOf(x)
	e := erase(v)
	if static.Kind == reflect.Interface && mentionsSelf(v.Type(), map[reflect.Type]bool{}) {
		return _cell{IValue: e.Interface(), Name: normalize(v.Type().String())}
	}
	return e.Interface()
}

// restore rebuilds the compiled value of type rt from an erased value.
func restore(v reflect.Value, rt reflect.Type) reflect.Value {
	out := reflect.New(rt).Elem()
	if !v.IsValid() {
		return out
	}
	switch rt.Kind() {
	case reflect.Pointer:
		if v.Kind() != reflect.Pointer || v.IsNil() {
			return out
		}
		n := reflect.New(rt.Elem())
		n.Elem().Set(restore(v.Elem(), rt.Elem()))
		out.Set(n)
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(rt, v.Len(), v.Len()))
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(restore(v.Index(i), rt.Elem()))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(restore(v.Index(i), rt.Elem()))
		}
	case reflect.Map:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeMap(rt))
		it := v.MapRange()
		for it.Next() {
			out.SetMapIndex(restore(it.Key(), rt.Key()), restore(it.Value(), rt.Elem()))
		}
	case reflect.Struct:
		if rt.PkgPath() != "" && rt.PkgPath() != selfPath || v.Type() == rt {
			view(out).Set(addressable(v))
			return out
		}
		for i := 0; i < rt.NumField(); i++ {
			view(out.Field(i)).Set(restore(v.Field(i), rt.Field(i).Type))
		}
	case reflect.Interface:
		if v.Kind() == reflect.Interface {
			if v.IsNil() {
				return out
			}
			v = v.Elem()
		}
		if c, ok := v.Interface().(_cell); ok {
			out.Set(restore(reflect.ValueOf(c.IValue), byName[c.Name]))
		} else {
			out.Set(v)
		}
	case reflect.Func, reflect.Chan:
	default:
		out.Set(v.Convert(rt))
	}
	return out
}

// testPrinter resolves _cell wrappers through the type-checked declarations and calls
// the compiled methods on restored values.
func testPrinter(t testing.TB) *Printer {
	return &Printer{
		Resolve: func(v reflect.Value) *Type {
			if v.Kind() == reflect.Interface {
				v = v.Elem()
			}
			if !v.IsValid() || v.Type() != reflect.TypeFor[_cell]() {
				return nil
			}
			name := v.Interface().(_cell).Name
			return desc(t, strings.ReplaceAll(name, "main.", ""))
		},
		Methods: func(v reflect.Value, d *Type) any {
			eraseMu.Lock()
			rt := byName[d.String()]
			if d.Kind == reflect.Pointer && byName[d.Elem.String()] != nil {
				rt = reflect.PointerTo(byName[d.Elem.String()])
			}
			eraseMu.Unlock()
			if rt == nil {
				return nil
			}
			return restore(v, rt).Interface()
		},
	}
}
