// Package weak is Sluice's interpreted source for the generic API of the standard
// package weak (see kernel/engine/gostd): Pointer and Make, through the compiled helper
// in gostd/native, which holds a real runtime weak pointer.
package weak

import "github.com/sluice-dev/sluice/kernel/engine/gostd/native"

// Pointer is a weak pointer to a value of type T. Two Pointer values compare equal if
// and only if the pointers from which they were created compare equal.
type Pointer[T any] struct {
	_ [0]*T
	w native.Weak
}

// Make creates a weak pointer from a pointer to some value of type T.
func Make[T any](ptr *T) Pointer[T] {
	return Pointer[T]{w: native.MakeWeak(ptr)}
}

// Value returns the original pointer used to create the weak pointer, or nil if the
// value it points to has been reclaimed by the garbage collector.
func (p Pointer[T]) Value() *T {
	return p.w.Value((*T)(nil)).(*T)
}
