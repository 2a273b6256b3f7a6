// Package reflect is Sluice's interpreted source for the generic functions of the
// standard package reflect (see kernel/engine/gostd).
package reflect

import "reflect"

// TypeFor returns the reflect.Type that represents the type argument T.
func TypeFor[T any]() reflect.Type {
	return reflect.TypeOf((*T)(nil)).Elem()
}

// TypeAssert is semantically equivalent to v2, ok := v.Interface().(T), with the
// standard function's panics: on the zero Value, and on a value obtained from an
// unexported field or method.
func TypeAssert[T any](v reflect.Value) (T, bool) {
	if !v.IsValid() {
		panic(&reflect.ValueError{Method: "reflect.TypeAssert", Kind: reflect.Invalid})
	}
	if !v.CanInterface() {
		panic("reflect.TypeAssert: cannot return value obtained from unexported field or method")
	}
	x, ok := v.Interface().(T)
	return x, ok
}
