// Interrupts: waiting for an interrupted cell to stop, and the error that reports it.

package engine

import (
	"context"
	"reflect"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// execute runs a compiled group. On interrupt it waits up to StuckGrace for the
// interpreter goroutine to stop, and reports ErrStuck if it does not.
func (e *Engine) execute(ctx context.Context, run *cellRun, c compiled) (v reflect.Value, err error) {
	v, err = e.i.ExecuteWithContext(run.ctx, c.prog)
	if err == nil || run.ctx.Err() == nil {
		return v, err
	}
	// yaegi returns at once on cancellation; its goroutine stops at its next step. Wait
	// for that, so that the next cell does not run beside the end of this one.
	e.cellMu.Lock()
	gid := run.gid
	e.cellMu.Unlock()
	stuck := false
	if gid != "" {
		deadline := time.Now().Add(e.opts.StuckGrace)
		for goroutineAlive(gid) {
			if time.Now().After(deadline) {
				stuck = true
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if gp := run.failure(); gp != nil {
		return v, gp
	}
	cause := ctx.Err()
	if cause == nil {
		cause = context.Canceled
	}
	return v, &InterruptError{Stuck: stuck, cause: cause}
}

// InterruptError is returned by Execute when the cell was interrupted. It wraps the
// context's error and, when the cell could not be stopped, ErrStuck.
type InterruptError struct {
	Stuck bool
	cause error
}

func (e *InterruptError) Error() string {
	if e.Stuck {
		return "interrupted: " + ErrStuck.Error() + "; session variables are kept, restart the kernel if it stays busy"
	}
	return "interrupted: the cell was stopped; session variables are kept"
}

// As lets errors.As see a stuck cell as a *kernel.ExecError named StuckInNativeCall, the
// name the kernel uses for it; an interrupt that stopped the cell is left to the kernel's
// handling of context.Canceled.
func (e *InterruptError) As(target any) bool {
	t, ok := target.(**kernel.ExecError)
	if !ok || !e.Stuck {
		return false
	}
	*t = &kernel.ExecError{Name: "StuckInNativeCall", Value: ErrStuck.Error(), Traceback: []string{
		"StuckInNativeCall: " + ErrStuck.Error(),
		"The kernel keeps its variables; the cell stops at its next interpreted step once the call returns.",
		"Pass ctx to long-running library calls so that an interrupt can stop them, or restart the kernel.",
	}}
	return true
}

// Unwrap returns the context error and, for a stuck cell, ErrStuck.
func (e *InterruptError) Unwrap() []error {
	if e.Stuck {
		return []error{e.cause, ErrStuck}
	}
	return []error{e.cause}
}
