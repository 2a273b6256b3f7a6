package synth

import (
	"fmt"
	"runtime/debug"
)

// A panic in a goroutine ends the whole process (in the kernel: the session and every
// variable in it), and no recover in the caller can stop it. The event generator's
// workers therefore run under protect, and the caller gets the panic as an error.

// PanicError is a panic recovered in one of the package's worker goroutines.
type PanicError struct {
	Where string // what the worker was doing
	Value any    // the value passed to panic
	Stack []byte // the worker's stack when it panicked
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("synth: internal error while %s: %v", e.Where, e.Value)
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
