// Package atomic is Sluice's interpreted source for the generic type of the standard
// package sync/atomic (see kernel/engine/gostd): Pointer, here guarded by a mutex,
// which gives the same sequentially consistent behaviour as the standard atomics.
package atomic

import "sync"

// A Pointer is an atomic pointer of type *T. The zero value is a nil *T. A Pointer
// must not be copied after first use.
type Pointer[T any] struct {
	mu sync.Mutex
	v  *T
}

// Load atomically loads and returns the value stored in x.
func (x *Pointer[T]) Load() *T {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.v
}

// Store atomically stores val into x.
func (x *Pointer[T]) Store(val *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.v = val
}

// Swap atomically stores new into x and returns the previous value.
func (x *Pointer[T]) Swap(new *T) (old *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	old, x.v = x.v, new
	return old
}

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.v != old {
		return false
	}
	x.v = new
	return true
}
