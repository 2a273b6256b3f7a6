// Interrupts: waiting for an interrupted cell to stop, and the error that reports it.

package engine

import (
	"context"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/sluice-dev/sluice/kernel"
)

// execute runs a compiled group. On interrupt it waits up to StuckGrace for the
// interpreter goroutine to stop, and reports ErrStuck if it does not. Either way, what
// the group wrote to os.Stdout and os.Stderr has reached the cell's writers when it
// returns.
func (e *Engine) execute(ctx context.Context, run *cellRun, c compiled) (v reflect.Value, err error) {
	defer e.syncOutput()
	id := e.runID()
	v, err = e.i.ExecuteWithContext(run.ctx, c.prog)
	if err == nil || run.ctx.Err() == nil {
		return v, err
	}
	if err == run.ctx.Err() {
		// ExecuteWithContext returns the context's error only after it has stopped the
		// interpreter: interrupted helpers may now end their goroutines (see interrupted).
		e.stop.stopped(run.ctx)
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
	if !stuck {
		// yaegi stops a run by advancing its run id; a function literal made before keeps
		// the id of its making and would silently do nothing ever after (a closure in a
		// session variable called by a later cell returned at once). The cell's goroutine
		// has ended, so the id goes back. A goroutine stuck in a native call keeps it
		// advanced, so that it ends instead of running the rest of its cell.
		e.setRunID(id)
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

// Interrupted helpers. The compiled helpers that block on behalf of a cell (Sleep,
// WaitGroupWait) must not return into interpreted code once the cell is interrupted:
// the statement after `time.Sleep(d)` would run. yaegi stops interpreted frames at their
// next step once ExecuteWithContext has seen the cancelled context, but only those
// frames: whatever runs in a frame the stop did not reach (a function that compiled code
// calls back once the next cell has started) would go on, and a loop around a returning
// Sleep spins as fast as it can.
//
// So an interrupted helper waits until the interpreter has stopped (at most stopWait)
// and then ends its goroutine with runtime.Goexit. It never returns to its caller:
//   - recover() returns nil during Goexit, so a cell's `defer func() { recover() }()`
//     cannot turn the interrupt into a normal return;
//   - deferred calls of compiled functions still run as the goroutine unwinds
//     (`defer wg.Done()`, `defer f.Close()`, `defer mu.Unlock()`); deferred interpreted
//     functions do not, because the interpreter has stopped;
//   - the kernel never sees a panic: Goexit is safe in the cell's goroutine (yaegi has
//     already returned from ExecuteWithContext), in go statements of cells, and in
//     goroutines of compiled code that call cell functions (errgroup, an HTTP server),
//     whose own deferred calls run.
// Waiting for the stop first keeps the order fixed: ExecuteWithContext has returned the
// context's error, so execute reports the InterruptError, and no other interpreted
// goroutine of the session goes on past its current step.

// stopWait bounds how long an interrupted helper waits for the interpreter to stop (it
// only waits long when no group is being executed at the interrupt).
const stopWait = 250 * time.Millisecond

// stopSignal tells the helpers of the current cell when the interpreter has stopped
// after an interrupt.
type stopSignal struct {
	mu   sync.Mutex
	ctx  context.Context
	ch   chan struct{}
	done bool
}

// wait returns a channel that is closed once the interpreter has stopped for ctx.
func (s *stopSignal) wait(ctx context.Context) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slot(ctx)
	return s.ch
}

func (s *stopSignal) stopped(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slot(ctx)
	if !s.done {
		s.done = true
		close(s.ch)
	}
}

// slot makes the signal track ctx (only the current cell's context is ever waited for).
func (s *stopSignal) slot(ctx context.Context) {
	if s.ctx != ctx || s.ch == nil {
		s.ctx, s.ch, s.done = ctx, make(chan struct{}), false
	}
}

// interrupted ends the calling goroutine of an interrupted helper (see above).
func (e *Engine) interrupted(ctx context.Context) {
	t := time.NewTimer(stopWait)
	defer t.Stop()
	select {
	case <-e.stop.wait(ctx):
	case <-t.C:
	}
	runtime.Goexit()
}

// runID reads the interpreter's run id (yaegi's Interpreter.id, its first field); 0
// when the field is not where yaegi v0.16.1 has it (setRunID then does nothing).
func (e *Engine) runID() uint64 {
	if p := e.runIDField(); p != nil {
		return atomic.LoadUint64(p)
	}
	return 0
}

// setRunID sets the interpreter's run id.
func (e *Engine) setRunID(id uint64) {
	if p := e.runIDField(); p != nil {
		atomic.StoreUint64(p, id)
	}
}

// runIDField is the address of the interpreter's run id.
func (e *Engine) runIDField() *uint64 {
	v := reflect.ValueOf(e.i).Elem()
	f, ok := v.Type().FieldByName("id")
	if !ok || f.Type.Kind() != reflect.Uint64 || f.Offset != 0 {
		return nil
	}
	return (*uint64)(unsafe.Pointer(v.UnsafeAddr()))
}
