// The typed front end: composites of named basic cell types held in interfaces.
//
// yaegi gives a named non-struct cell type (type ID int64) no run-time type of its own,
// so a map[string]ID, []Celsius, *ID or chan Celsius in an interface{} is, at run time, a
// map[string]int64, []float64, *int64 or chan float64: %T, %v (with the element type's
// String method) and reflect.TypeOf named the underlying types. A named value alone is
// boxed (fe_convert.go); a composite cannot be, but it has an identity — the map, the
// channel, the pointer, the first element of a slice — so where a value of such a type
// is converted to an empty interface, the front end tags that identity with the static
// type, and the resolver of fmt's lowering (fe_fmt_table.go) reads the tag back:
//
//	var m any = ids  →  var m any = (func(v map[string]ID) map[string]ID { __sluice_fe.TagType(v, 12); return v })(ids)
//
// An array or a slice held in an interface is a copy of its own, made for the interface,
// and that copy is tagged instead (the interface is made by the tagging function, and
// the resolver finds the copy through reflect.Value's pointer, read with the layout
// checked once); a slice's elements are tagged too, for the slice taken out again.
//
// Tags hold their object weakly and are dropped once it is gone; a tag is read only for a
// value of the run-time type it was made for.

package engine

import (
	"go/types"
	"reflect"
	"strconv"
	"sync"
	"unsafe"
	"weak"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// needsTag reports whether a value of type t converted to an empty interface is tagged:
// an unnamed slice, array, map, pointer or channel type with a named basic cell type in
// it.
func needsTag(t types.Type) bool {
	switch types.Unalias(t).(type) {
	case *types.Slice, *types.Array, *types.Map, *types.Pointer, *types.Chan:
		return mentionsBoxed(t, 0)
	}
	return false
}

func mentionsBoxed(t types.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return needsTypedBox(t)
	case *types.Slice:
		return mentionsBoxed(t.Elem(), depth+1)
	case *types.Array:
		return mentionsBoxed(t.Elem(), depth+1)
	case *types.Pointer:
		return mentionsBoxed(t.Elem(), depth+1)
	case *types.Chan:
		return mentionsBoxed(t.Elem(), depth+1)
	case *types.Map:
		return mentionsBoxed(t.Key(), depth+1) || mentionsBoxed(t.Elem(), depth+1)
	}
	return false
}

// tagFn returns the identity function that tags a value of type st, or "".
func (l *lowerer) tagFn(st types.Type) string {
	text, err := l.typeExpr(st)
	if err != nil {
		return ""
	}
	tf := tfStateOf(l.fe)
	_, id := tf.describe(st)
	l.tfRegister(tf)
	switch types.Unalias(st).(type) {
	case *types.Array, *types.Slice:
		// Stored in an interface, the value is a copy of its own: that copy is tagged.
		return "(func(v " + text + ") any { var x any = v; " + feRtPkg + ".TagIface(x, " + strconv.Itoa(id) + "); return x })"
	}
	return "(func(v " + text + ") " + text + " { " + feRtPkg + ".TagType(v, " + strconv.Itoa(id) + "); return v })"
}

// ---- at run time ----

// typeTags are the tags of one session.
type typeTags struct {
	mu    sync.Mutex
	tags  map[tagKey]typeTag
	added int // since the last sweep
}

type tagKey struct {
	p uintptr
	n int // a slice's length, -1 for a map, channel or pointer, -2 for an interface's copy
}

type typeTag struct {
	rt  reflect.Type
	obj weak.Pointer[byte]
	d   *typefmt.Type
}

// identity returns the key of v's object and a pointer to it, ok false when v has none.
func identity(v reflect.Value) (tagKey, *byte, bool) {
	switch v.Kind() {
	case reflect.Map, reflect.Chan, reflect.Pointer:
		if v.IsNil() || (v.Kind() == reflect.Pointer && v.Type().Elem().Size() == 0) {
			return tagKey{}, nil, false
		}
		p := v.UnsafePointer()
		return tagKey{uintptr(p), -1}, (*byte)(p), true
	case reflect.Slice:
		if v.Len() == 0 || v.Type().Elem().Size() == 0 {
			return tagKey{}, nil, false
		}
		p := v.UnsafePointer()
		return tagKey{uintptr(p), v.Len()}, (*byte)(p), true
	}
	return tagKey{}, nil, false
}

// tag records that the object of v is of the type d describes.
func (tt *typeTags) tag(v any, d *typefmt.Type) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || d == nil {
		return
	}
	key, p, ok := identity(rv)
	if !ok {
		return
	}
	wp, ok := weakOf(p)
	if !ok {
		return
	}
	tt.mu.Lock()
	defer tt.mu.Unlock()
	tt.put(key, typeTag{rt: rv.Type(), obj: wp, d: d})
}

// maxTags bounds the table: past it (after a sweep), new values are not tagged and show
// the underlying type, as before tags, rather than the session's memory growing.
const maxTags = 1 << 20

// put adds a tag, sweeping the dead ones now and then; tt.mu is held.
func (tt *typeTags) put(key tagKey, t typeTag) {
	if tt.tags == nil {
		tt.tags = map[tagKey]typeTag{}
	}
	if len(tt.tags) >= maxTags {
		if tt.added >= 4096 { // sweep a full table only now and then
			tt.sweep()
		}
		if len(tt.tags) >= maxTags {
			tt.added++
			return
		}
	}
	tt.tags[key] = t
	if tt.added++; tt.added >= 4096 && tt.added >= len(tt.tags)/2 {
		tt.sweep()
	}
}

// tagIface tags the copy the interface x holds of an array or a slice (and a slice's
// elements).
func (tt *typeTags) tagIface(x any, d *typefmt.Type) {
	rv := reflect.ValueOf(x)
	if !rv.IsValid() || d == nil {
		return
	}
	if rv.Kind() == reflect.Slice {
		tt.tag(x, d)
	}
	p := (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
	if !valuePtrOK || p == nil || rv.Type().Size() == 0 {
		return
	}
	wp, ok := weakOf((*byte)(p))
	if !ok {
		return
	}
	tt.mu.Lock()
	defer tt.mu.Unlock()
	tt.put(tagKey{uintptr(p), -2}, typeTag{rt: rv.Type(), obj: wp, d: d})
}

// valuePtr is the pointer a reflect.Value of an array or slice from an interface holds:
// the interface's copy. reflect has no accessor; the field's place is checked once.
func valuePtr(v reflect.Value) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(&v), unsafe.Sizeof(uintptr(0))))
}

// valuePtrOK reports whether valuePtr reads reflect.Value's pointer on this Go.
var valuePtrOK = func() bool {
	var x any = [2]int64{7, 8}
	return valuePtr(reflect.ValueOf(x)) == (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
}()

// sweep drops the tags of objects that are gone; tt.mu is held.
func (tt *typeTags) sweep() {
	tt.added = 0
	for k, t := range tt.tags {
		if t.obj.Value() == nil {
			delete(tt.tags, k)
		}
	}
}

// weakOf is a weak pointer to p; ok is false where the run time cannot make one.
func weakOf(p *byte) (wp weak.Pointer[byte], ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return weak.Make(p), true
}

// lookup returns the type a tag gives v's object, or nil.
func (tt *typeTags) lookup(v reflect.Value) *typefmt.Type {
	tt.mu.Lock()
	n := len(tt.tags)
	tt.mu.Unlock()
	if n == 0 {
		return nil
	}
	if k := v.Kind(); valuePtrOK && (k == reflect.Array || k == reflect.Slice) {
		if p := valuePtr(v); p != nil {
			if d := tt.find(tagKey{uintptr(p), -2}, v.Type(), (*byte)(p)); d != nil {
				return d
			}
		}
	}
	key, p, ok := identity(v)
	if !ok {
		return nil
	}
	return tt.find(key, v.Type(), p)
}

// find returns the type of the tag under key, if it is for an object of type rt at p.
func (tt *typeTags) find(key tagKey, rt reflect.Type, p *byte) *typefmt.Type {
	tt.mu.Lock()
	t, ok := tt.tags[key]
	tt.mu.Unlock()
	if !ok || t.rt != rt || t.obj.Value() != p {
		return nil
	}
	return t.d
}
