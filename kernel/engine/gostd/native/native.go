// Package native is compiled Go that gostd's interpreted source calls for what plain,
// non-generic Go cannot express: weak pointers and cleanups tied to an object's
// lifetime. Its functions take pointers as interface values and reach the runtime
// through the standard generic entry points instantiated at *byte on the object's
// address, which the runtime accepts for any pointer into an allocation. For the
// interpreter to see it, the package must be in the symbol tables (symbols/packages.txt).
package native

import (
	"reflect"
	"runtime"
	"unsafe"
	"weak"
)

// address returns ptr (a pointer of any type, possibly nil) as a *byte to the same
// address. It panics if ptr is not a pointer.
func address(ptr any) *byte {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer {
		panic("native: not a pointer: " + reflect.TypeOf(ptr).String())
	}
	return (*byte)(v.UnsafePointer())
}

// Weak is a weak pointer to the object ptr pointed to when MakeWeak was called. Two
// Weak values are equal exactly when they were made from equal addresses.
type Weak struct {
	p weak.Pointer[byte]
}

// MakeWeak returns a weak pointer for ptr, a pointer of any type (nil gives the zero Weak).
func MakeWeak(ptr any) Weak {
	b := address(ptr)
	w := Weak{p: weak.Make(b)}
	runtime.KeepAlive(ptr)
	return w
}

// Value returns the original pointer, of the same type as like (a typed nil pointer),
// or a nil pointer of that type once the object has been reclaimed.
func (w Weak) Value(like any) any {
	t := reflect.TypeOf(like)
	b := w.p.Value()
	if b == nil {
		return reflect.Zero(t).Interface()
	}
	return reflect.NewAt(t.Elem(), unsafe.Pointer(b)).Interface()
}

// AddCleanup arranges for cleanup(arg) to run some time after the object ptr points
// into is no longer reachable, as runtime.AddCleanup does. The caller checks that arg
// is not ptr itself.
func AddCleanup(ptr any, cleanup func(any), arg any) runtime.Cleanup {
	b := address(ptr)
	c := runtime.AddCleanup(b, cleanup, arg)
	runtime.KeepAlive(ptr)
	return c
}
