// Descriptors of run-time types, for values whose static type is an interface.

package typefmt

import (
	"reflect"
	"strings"
)

// FromReflect describes a run-time type by what reflect says of it. It is the
// description of compiled types, and the fallback for values whose cell type the
// resolver does not know (they print as their yaegi representation).
func FromReflect(rt reflect.Type) *Type {
	if rt == nil {
		return nil
	}
	if d, ok := reflectCache.Load(rt); ok {
		return d.(*Type)
	}
	memo := map[reflect.Type]*Type{}
	var nodes []*Type
	d := fromReflect(rt, memo, &nodes)
	settlePlain(nodes, func(t *Type) bool { return t.Kind != reflect.Interface && !isYaegiType(t) })
	for _, n := range nodes {
		n.finish()
	}
	for k, v := range memo {
		reflectCache.LoadOrStore(k, v)
	}
	if got, ok := reflectCache.Load(rt); ok {
		return got.(*Type)
	}
	return d
}

func isYaegiType(t *Type) bool {
	return strings.HasPrefix(t.PkgPath, "github.com/traefik/yaegi")
}

func fromReflect(rt reflect.Type, memo map[reflect.Type]*Type, nodes *[]*Type) *Type {
	if d, ok := memo[rt]; ok {
		return d
	}
	if d, ok := reflectCache.Load(rt); ok {
		return d.(*Type)
	}
	t := &Type{Kind: rt.Kind(), Name: rt.Name(), PkgPath: rt.PkgPath()}
	memo[rt] = t
	*nodes = append(*nodes, t)
	if t.Name != "" {
		t.Native = true
		t.str = rt.String()
		t.pathStr = t.str
		if t.PkgPath != "" {
			t.pathStr = t.PkgPath + "." + t.Name
		}
	}
	if rt.Kind() != reflect.Interface {
		for _, m := range []struct {
			it reflect.Type
			m  methodSet
		}{{formatterType, mFormat}, {goStringerType, mGoString}, {errorType, mError}, {stringerType, mString}} {
			if rt.Implements(m.it) {
				t.fmtMeth |= m.m
			}
		}
	}
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice:
		t.Elem = fromReflect(rt.Elem(), memo, nodes)
	case reflect.Array:
		t.Elem = fromReflect(rt.Elem(), memo, nodes)
		t.Len = rt.Len()
	case reflect.Chan:
		t.Elem = fromReflect(rt.Elem(), memo, nodes)
		t.ChanDir = rt.ChanDir()
	case reflect.Map:
		t.Key = fromReflect(rt.Key(), memo, nodes)
		t.Elem = fromReflect(rt.Elem(), memo, nodes)
	case reflect.Func:
		for i := 0; i < rt.NumIn(); i++ {
			t.In = append(t.In, fromReflect(rt.In(i), memo, nodes))
		}
		for i := 0; i < rt.NumOut(); i++ {
			t.Out = append(t.Out, fromReflect(rt.Out(i), memo, nodes))
		}
		t.Variadic = rt.IsVariadic()
	case reflect.Struct:
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			t.Fields = append(t.Fields, Field{Name: f.Name, Type: fromReflect(f.Type, memo, nodes),
				Embedded: f.Anonymous, Exported: f.IsExported(), Tag: string(f.Tag)})
		}
	case reflect.Interface:
		if t.Name == "" {
			// Only the printed form matters for an unnamed interface; take it from reflect.
			t.str = rt.String()
			t.pathStr = t.str
			t.built = true
		}
	}
	return t
}
