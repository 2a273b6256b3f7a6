// Package sync is Sluice's interpreted source for the generic functions of the standard
// package sync (see kernel/engine/gostd).
package sync

import "sync"

// OnceValue returns a function that calls f on its first call and returns f's result
// on every call. If f panics, every call panics with the same value.
func OnceValue[T any](f func() T) func() T {
	var (
		once     sync.Once
		result   T
		failed   bool
		panicked any
	)
	call := func() {
		failed = true
		defer func() {
			panicked = recover()
			f = nil
		}()
		result = f()
		failed = false
	}
	return func() T {
		once.Do(call)
		if failed {
			panic(panicked)
		}
		return result
	}
}

// OnceValues returns a function that calls f on its first call and returns f's results
// on every call. If f panics, every call panics with the same value.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once     sync.Once
		r1       T1
		r2       T2
		failed   bool
		panicked any
	)
	call := func() {
		failed = true
		defer func() {
			panicked = recover()
			f = nil
		}()
		r1, r2 = f()
		failed = false
	}
	return func() (T1, T2) {
		once.Do(call)
		if failed {
			panic(panicked)
		}
		return r1, r2
	}
}
