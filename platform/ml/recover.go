package ml

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// A panic in a goroutine ends the whole process (in the kernel: the session, with every
// variable), and no recover on the calling goroutine can stop it. Every goroutine this
// package starts therefore runs under a group that recovers the panic and hands it to
// the goroutine that waits, as an error.

// PanicError is a panic recovered in one of the package's worker goroutines.
type PanicError struct {
	Where string // what the goroutine was doing, e.g. "scoring"
	Value any    // the value passed to panic
	Stack []byte // the goroutine's stack when it panicked
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("ml: internal error while %s: %v (a bug in sluice: please report it with the model and data that caused it)", e.Where, e.Value)
}

// group runs functions in goroutines and keeps the first panic among them.
type group struct {
	where string
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   *PanicError
}

// Go runs f in a new goroutine; a panic in f is recovered and kept for Wait.
func (g *group) Go(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := protect(g.where, f); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}()
}

// protect runs f and returns a panic in it as a *PanicError.
func protect(where string, f func()) (err *PanicError) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Where: where, Value: v, Stack: debug.Stack()}
		}
	}()
	f()
	return nil
}

// Wait waits for every goroutine and returns the first panic as an error, or nil.
func (g *group) Wait() error {
	g.wg.Wait()
	if g.err != nil {
		return g.err
	}
	return nil
}

// MustWait waits like Wait and panics again with the recovered panic in the calling
// goroutine, for internal steps that cannot return an error: the caller (a trainer, or
// the cell that called it) sees an ordinary panic it can recover.
func (g *group) MustWait() {
	if err := g.Wait(); err != nil {
		panic(err)
	}
}

// catchWorkerPanic, deferred in a function with a named error result, turns a worker's
// panic that MustWait raised again into that error; any other panic goes on.
func catchWorkerPanic(err *error) {
	if v := recover(); v != nil {
		pe, ok := v.(*PanicError)
		if !ok {
			panic(v)
		}
		*err = pe
	}
}
