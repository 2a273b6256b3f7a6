// Package unique is Sluice's interpreted source for the generic API of the standard
// package unique (see kernel/engine/gostd): values are interned in a table keyed by
// the value itself, so two handles are equal exactly when their values are.
package unique

import "sync"

// Handle is a globally unique identity for some value of type T. Two handles compare
// equal exactly if the two values used to create them would have compared equal.
type Handle[T comparable] struct {
	value *T
}

// Value returns a shallow copy of the value that produced the Handle.
func (h Handle[T]) Value() T {
	return *h.value
}

// interned maps a value (as an interface, so that one table serves every T) to the
// pointer that its handles share. Values of different types never collide because
// interface equality compares dynamic types first.
var (
	internMu sync.Mutex
	interned = map[any]any{}
)

// Make returns a globally unique handle for a value of type T.
func Make[T comparable](value T) Handle[T] {
	key := any(value)
	internMu.Lock()
	defer internMu.Unlock()
	if p, ok := interned[key]; ok {
		return Handle[T]{value: p.(*T)}
	}
	p := new(T)
	*p = value
	interned[key] = p
	return Handle[T]{value: p}
}
