package engine

import (
	"context"
	"sync"

	"github.com/sluice-dev/sluice/kernel"
)

// RunCallback runs f — compiled code that calls into the interpreter, such as a widget's
// change handler — the way a cell runs: under a cell run whose context ctx cancels, so
// that an interrupt stops the interpreted code f reaches (time.Sleep, wg.Wait and loops
// end as in a cell), with cio receiving its output. f runs inside a tiny interpreted
// program (__sluice_rt.Callback()) so that yaegi's stop on cancellation reaches it. It
// returns an interrupt's error or nil, and panics with f's panic once the program is
// done.
func (e *Engine) RunCallback(ctx context.Context, cio *kernel.CellIO, f func()) error {
	if cio == nil {
		cio = &kernel.CellIO{}
	}
	restore := e.switchIO(cio)
	defer restore()
	prog, err := e.callbackProgram()
	if err != nil {
		return err
	}
	var fail any
	e.callback.Lock()
	e.callback.f = func() {
		defer func() { fail = recover() }()
		f()
	}
	e.callback.Unlock()
	run, _, end := e.startRun(ctx)
	defer end()
	defer run.cancel()
	defer e.guardRun(run, "", false)()
	if _, err := e.execute(ctx, run, compiled{prog: prog}); err != nil {
		return err
	}
	if err := run.failure(); err != nil {
		return err
	}
	if fail != nil {
		// The caller reports f's panic as it reports any of its callbacks' panics.
		panic(translatePanic(fail))
	}
	return nil
}

// callbackState is the function RunCallback's program calls, and that program.
type callbackState struct {
	sync.Mutex
	f    func()
	prog *interpProgram
}

// callbackProgram compiles the program that calls the current callback, once.
func (e *Engine) callbackProgram() (*interpProgram, error) {
	e.callback.Lock()
	defer e.callback.Unlock()
	if e.callback.prog == nil {
		p, err := e.compileSrc(rtPkg + ".Callback()")
		if err != nil {
			return nil, err
		}
		e.callback.prog = p
	}
	return e.callback.prog, nil
}

// runCallbackHook is __sluice_rt.Callback: it calls the function RunCallback set.
func (e *Engine) runCallbackHook() {
	e.callback.Lock()
	f := e.callback.f
	e.callback.Unlock()
	if f != nil {
		f()
	}
}

// startRun makes a run under ctx the engine's current one (what the runtime helpers
// consult: Sleep, wg.Wait, the guards). top reports that no other run was current; end
// makes the previous one current again.
func (e *Engine) startRun(ctx context.Context) (run *cellRun, top bool, end func()) {
	runCtx, cancel := context.WithCancel(e.magicState.Bind(ctx))
	run = &cellRun{ctx: runCtx, cancel: cancel}
	e.cellMu.Lock()
	prev := e.run
	e.run = run
	e.cellMu.Unlock()
	return run, prev == nil, func() {
		e.cellMu.Lock()
		e.run = prev
		e.cellMu.Unlock()
	}
}
