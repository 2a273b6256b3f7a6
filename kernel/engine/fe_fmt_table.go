// The typed front end: the session's table of type descriptors and registered cell
// types, and how run-time values are named from it (see fe_fmt.go).

package engine

import (
	"fmt"
	"go/types"
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// ---- the session's table ----

// tfState is a session's descriptors and registered cell types. It is reached from the
// lowering (through the front end) and from the compiled helpers (through the engine's
// current front end).
type tfState struct {
	mu    sync.Mutex
	descs []*typefmt.Type
	byKey map[string]int // fingerprint → index in descs

	regs    []*tfReg
	byName  map[string]*tfReg       // yaegi's name of a cell type → its registration
	byRType map[reflect.Type]*tfReg // run-time struct type → the latest cell type with it
	conv    map[string]func(any) (fmt.Stringer, error, fmt.GoStringer, fmt.Formatter)
	cache   map[reflect.Type]*typefmt.Type // resolved run-time types (nil: not a cell type)

	pr *typefmt.Printer
	// tags name composites of named basic cell types held in interfaces (fe_tags.go).
	tags typeTags
}

// tfReg is a registered cell type.
type tfReg struct {
	t         types.Type
	name      string // as the lowered source names it
	str, pstr string // how Go prints the type and a pointer to it
}

var tfStates perSession[tfState]

// tfStateOf returns the table of fe's session; it goes away with the front end.
func tfStateOf(fe *frontEnd) *tfState {
	return tfStates.of(fe, func() *tfState {
		st := &tfState{byKey: map[string]int{}, byName: map[string]*tfReg{}, byRType: map[reflect.Type]*tfReg{},
			conv: map[string]func(any) (fmt.Stringer, error, fmt.GoStringer, fmt.Formatter){}, cache: map[reflect.Type]*typefmt.Type{}}
		st.pr = &typefmt.Printer{Resolve: st.resolve, Methods: st.methods}
		return st
	})
}

// describe returns t's descriptor and its index in the table.
func (st *tfState) describe(t types.Type) (*typefmt.Type, int) {
	key := tfFingerprint(t)
	st.mu.Lock()
	defer st.mu.Unlock()
	if id, ok := st.byKey[key]; ok {
		return st.descs[id], id
	}
	d := typefmt.DescribeNative(t, tfQual, tfNative)
	st.descs = append(st.descs, d)
	st.byKey[key] = len(st.descs) - 1
	return d, len(st.descs) - 1
}

func (st *tfState) desc(id int) *typefmt.Type {
	st.mu.Lock()
	defer st.mu.Unlock()
	if id < 0 || id >= len(st.descs) {
		return nil
	}
	return st.descs[id]
}

// register notes a cell type the generated code will register under index id.
func (st *tfState) register(t types.Type, name string) int {
	d, _ := st.describe(t)
	pd, _ := st.describe(types.NewPointer(t))
	st.mu.Lock()
	defer st.mu.Unlock()
	st.regs = append(st.regs, &tfReg{t: t, name: name, str: d.String(), pstr: pd.String()})
	return len(st.regs) - 1
}

// reg runs at run time: the interpreter's representation of registration id.
func (st *tfState) reg(id int, ptr any, conv, pconv func(any) (fmt.Stringer, error, fmt.GoStringer, fmt.Formatter)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if id < 0 || id >= len(st.regs) {
		return
	}
	r := st.regs[id]
	st.byName[r.name] = r
	if rt := reflect.TypeOf(ptr); rt != nil && rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Struct {
		st.byRType[rt.Elem()] = r
	}
	if conv != nil {
		st.conv[r.str] = conv
	}
	if pconv != nil {
		st.conv[r.pstr] = pconv
	}
	clear(st.cache)
}

// methods is the Printer's Methods hook: the cell's methods on a value of cell type t.
func (st *tfState) methods(v reflect.Value, t *typefmt.Type) any {
	st.mu.Lock()
	conv := st.conv[t.String()]
	st.mu.Unlock()
	if conv == nil || !v.IsValid() || !v.CanInterface() {
		return nil
	}
	s, e, g, f := conv(v.Interface())
	return tfCombine(s, e, g, f)
}

// tfCombine returns a value with exactly the methods of the non-nil arguments (fmt.Errorf
// gets it as a %w operand, and must not find a Format method that is not there).
func tfCombine(s fmt.Stringer, e error, g fmt.GoStringer, f fmt.Formatter) any {
	mask := 0
	for i, ok := range []bool{s != nil, e != nil, g != nil, f != nil} {
		if ok {
			mask |= 1 << i
		}
	}
	type (
		se struct {
			fmt.Stringer
			error
		}
		sg struct {
			fmt.Stringer
			fmt.GoStringer
		}
		sf struct {
			fmt.Stringer
			fmt.Formatter
		}
		eg struct {
			error
			fmt.GoStringer
		}
		ef struct {
			error
			fmt.Formatter
		}
		gf struct {
			fmt.GoStringer
			fmt.Formatter
		}
		seg struct {
			fmt.Stringer
			error
			fmt.GoStringer
		}
		sef struct {
			fmt.Stringer
			error
			fmt.Formatter
		}
		sgf struct {
			fmt.Stringer
			fmt.GoStringer
			fmt.Formatter
		}
		egf struct {
			error
			fmt.GoStringer
			fmt.Formatter
		}
		segf struct {
			fmt.Stringer
			error
			fmt.GoStringer
			fmt.Formatter
		}
	)
	switch mask {
	case 1:
		return s
	case 2:
		return e
	case 4:
		return g
	case 8:
		return f
	case 3:
		return se{s, e}
	case 5:
		return sg{s, g}
	case 9:
		return sf{s, f}
	case 6:
		return eg{e, g}
	case 10:
		return ef{e, f}
	case 12:
		return gf{g, f}
	case 7:
		return seg{s, e, g}
	case 11:
		return sef{s, e, f}
	case 13:
		return sgf{s, g, f}
	case 14:
		return egf{e, g, f}
	case 15:
		return segf{s, e, g, f}
	}
	return nil
}

const yaegiPath = "github.com/traefik/yaegi/"

// resolve is the Printer's Resolve hook: the cell type of a value found in an interface
// position, nil when it is not one.
func (st *tfState) resolve(v reflect.Value) *typefmt.Type {
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	if d := st.tags.lookup(v); d != nil {
		return d
	}
	rt := v.Type()
	// A valueInterface may hold another (a cell interface value in an interface{}).
	for depth := 0; depth < 4 && isValueInterface(rt); depth++ {
		if n := v.FieldByName("node"); n.IsValid() && n.Kind() == reflect.Pointer && !n.IsNil() {
			if t := st.fromItype(n.Elem().FieldByName("typ"), 0); t != nil {
				return st.describeRT(t)
			}
		}
		v = yaegiValue(v)
		for v.IsValid() && v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		if !v.IsValid() {
			return nil
		}
		rt = v.Type()
	}
	if rt.Kind() == reflect.Struct && strings.HasPrefix(rt.Name(), "_") && rt.NumField() > 0 && rt.Field(0).Name == "IValue" {
		// An interface wrapper: its methods are the value's. Its IValue is the value
		// for a pointer; yaegi v0.16.1 fills it wrongly for a struct.
		data := v.Field(0)
		for data.IsValid() && data.Kind() == reflect.Interface {
			data = data.Elem()
		}
		if data.IsValid() && data.Kind() == reflect.Pointer {
			// A tagged pointer to a named basic cell type (fe_ifacetag.go).
			if d := st.tags.lookup(data); d != nil {
				return d
			}
		}
		if data.IsValid() && isValueInterface(data.Type()) {
			// A named non-struct cell value boxed with its type (fe_ifacewrap.go).
			if d := st.resolve(data); d != nil {
				return d
			}
		}
		if data.IsValid() && data.Kind() == reflect.Struct && st.fromRType(data.Type(), 0) != nil {
			// A cell struct value the conversion put in (fe_ifacewrap.go).
			return st.resolve(data)
		}
		if !data.IsValid() || data.Kind() != reflect.Pointer {
			// Describe the wrapper itself, so that its methods print the value.
			return typefmt.FromReflect(rt)
		}
		rt = data.Type()
	}
	st.mu.Lock()
	d, ok := st.cache[rt]
	st.mu.Unlock()
	if ok {
		return d
	}
	if t := st.fromRType(rt, 0); t != nil {
		d = typefmt.Describe(t, tfQual)
	}
	st.mu.Lock()
	st.cache[rt] = d
	st.mu.Unlock()
	return d
}

func (st *tfState) describeRT(t types.Type) *typefmt.Type {
	d, _ := st.describe(t)
	return d
}

// fromItype is the go/types type of a yaegi interpreter type (a *itype), when it is a
// registered cell type or a pointer to one.
func (st *tfState) fromItype(p reflect.Value, depth int) types.Type {
	if depth > 8 || !p.IsValid() || p.Kind() != reflect.Pointer || p.IsNil() {
		return nil
	}
	it := p.Elem()
	name, path := it.FieldByName("name"), it.FieldByName("path")
	if !name.IsValid() || !path.IsValid() || name.Kind() != reflect.String {
		return nil
	}
	if name.String() != "" {
		if path.String() != "main" {
			return nil
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if r := st.lookupName(name.String()); r != nil {
			return r.t
		}
		return nil
	}
	if s := it.FieldByName("str"); s.IsValid() && strings.HasPrefix(s.String(), "*") {
		if e := st.fromItype(it.FieldByName("val"), depth+1); e != nil {
			return types.NewPointer(e)
		}
	}
	return nil
}

// lookupName finds a cell type by the name yaegi knows it by: its own, or the hidden
// name a redefinition gave it (__sluice_type_point12). st.mu is held.
func (st *tfState) lookupName(n string) *tfReg {
	if r := st.byName[n]; r != nil {
		return r
	}
	const hidden = hiddenPrefix + "_type_"
	if rest, ok := strings.CutPrefix(n, hidden); ok {
		for i := len(rest) - 1; i > 0 && rest[i] >= '0' && rest[i] <= '9'; i-- {
			if r := st.byName[rest[:i]]; r != nil {
				return r
			}
		}
	}
	return nil
}

// fromRType is the go/types type of a run-time type that involves a registered cell
// struct type; nil when it involves none.
func (st *tfState) fromRType(rt reflect.Type, depth int) types.Type {
	if depth > 8 {
		return nil
	}
	switch rt.Kind() {
	case reflect.Struct:
		st.mu.Lock()
		r := st.byRType[rt]
		st.mu.Unlock()
		if r != nil {
			return r.t
		}
	case reflect.Pointer:
		if e := st.fromRType(rt.Elem(), depth+1); e != nil {
			return types.NewPointer(e)
		}
	case reflect.Slice:
		if e := st.fromRType(rt.Elem(), depth+1); e != nil {
			return types.NewSlice(e)
		}
	case reflect.Array:
		if e := st.fromRType(rt.Elem(), depth+1); e != nil {
			return types.NewArray(e, int64(rt.Len()))
		}
	case reflect.Map:
		k, e := st.fromRType(rt.Key(), depth+1), st.fromRType(rt.Elem(), depth+1)
		if k == nil && e == nil {
			return nil
		}
		if k == nil {
			k = basicOf(rt.Key())
		}
		if e == nil {
			e = basicOf(rt.Elem())
		}
		if k != nil && e != nil {
			return types.NewMap(k, e)
		}
	}
	return nil
}

// basicOf is the go/types type of an unnamed basic run-time type, or nil.
func basicOf(rt reflect.Type) types.Type {
	if rt.PkgPath() != "" {
		return nil
	}
	if rt.Kind() == reflect.Interface && rt.NumMethod() == 0 {
		return types.NewInterfaceType(nil, nil).Complete()
	}
	if rt.Name() == "" {
		return nil
	}
	if o, ok := types.Universe.Lookup(rt.Name()).(*types.TypeName); ok {
		return o.Type()
	}
	return nil
}

// yaegiValue returns the value an interp.valueInterface holds.
func yaegiValue(v reflect.Value) reflect.Value {
	f, ok := v.Type().FieldByName("value")
	if !ok || f.Type != reflect.TypeFor[reflect.Value]() {
		return reflect.Value{}
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return *(*reflect.Value)(unsafe.Pointer(c.FieldByIndex(f.Index).UnsafeAddr()))
}

// tfRType is a reflect.Type with Go's name for a cell type.
type tfRType struct {
	reflect.Type
	d *typefmt.Type
}

func (t tfRType) Name() string    { return t.d.Name }
func (t tfRType) String() string  { return t.d.String() }
func (t tfRType) PkgPath() string { return t.d.PkgPath }

// Elem keeps Go's names for the element type of a pointer, slice, array, map or channel.
func (t tfRType) Elem() reflect.Type {
	e := t.Type.Elem()
	if t.d.Elem == nil || t.d.Elem.Plain() || t.d.Elem.String() == e.String() {
		return e
	}
	return newTfRType(e, t.d.Elem)
}

// tfRTypes interns descriptors, so that two reflect.Types of one cell type are == as in
// Go (reflect.TypeFor[*T]().Elem() == reflect.TypeOf(T{})).
var tfRTypes sync.Map // tfRKey → *typefmt.Type

type tfRKey struct {
	rt reflect.Type
	s  string
}

// newTfRType is the reflect.Type rt with the names of descriptor d.
func newTfRType(rt reflect.Type, d *typefmt.Type) reflect.Type {
	v, _ := tfRTypes.LoadOrStore(tfRKey{rt, d.String()}, d)
	return tfRType{rt, v.(*typefmt.Type)}
}

// typeOf is reflect.TypeOf for a typed operand.
func (st *tfState) typeOf(x typefmt.Typed) reflect.Type {
	if x.V == nil {
		return nil
	}
	v := reflect.ValueOf(x.V)
	data := v
	if isValueInterface(v.Type()) {
		data = yaegiValue(v)
	} else if v.Kind() == reflect.Struct && strings.HasPrefix(v.Type().Name(), "_") && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" {
		data = v.Field(0).Elem()
	}
	if !data.IsValid() {
		return reflect.TypeOf(x.V)
	}
	rt := data.Type()
	d := st.pr.TypeOf(x)
	if d == nil || d.String() == rt.String() {
		return rt
	}
	return newTfRType(rt, d)
}
