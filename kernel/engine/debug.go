// The debugger: yaegi's interp.Debugger driven for a session whose cells compile one by
// one (see README, "Debugger").

package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel"
)

// debugSession is the state of an attached debugger. yaegi's Debugger runs one program;
// the engine debugs the no-op program and holds that program's goroutine in the
// debugger's entry event for as long as the debugger is attached, so that every cell
// the engine executes meanwhile runs with the debugger's hooks (interp.debugger is set)
// and its main goroutine is the debugger's goroutine 1.
type debugSession struct {
	mu      sync.Mutex
	dbg     *interp.Debugger
	release chan struct{} // closed on detach: yaegi's debug goroutine may end
	ended   chan struct{} // closed when yaegi reports the debug goroutine's end
	endG    string        // that goroutine's number, set before ended is closed
	entered bool          // the entry event arrived (and is holding)
	stopped func(kernel.DebugStop)

	threads map[int]bool         // live goroutines
	paused  map[int]*pausedState // stopped goroutines
	steps   map[int]stepState    // the step a goroutine is carrying out
	frames  map[int]frameRef     // frame ids handed out since the last resume
	refs    map[int]*varNode     // variable references handed out since the last resume
	nextID  int
	bps     map[string][]int // breakpoints by source path

	goThreads  map[string]int // thread ids of goroutines cells started, by goroutine number
	nextThread int

	frameThreads map[unsafe.Pointer]int // thread ids by yaegi call frame (threadOf)
}

// maxGoThreads bounds the cell goroutines a threads request lists.
const maxGoThreads = 1000

// goThreadBase numbers the threads of goroutines that cells start through compiled code.
const goThreadBase = 1000

// pausedState is a stopped goroutine, held in the engine (hold) until it is resumed.
type pausedState struct {
	ev      *interp.DebugEvent
	frames  []*interp.DebugFrame
	yid     int             // yaegi's goroutine id (1 for every goroutine a cell started)
	thread  int             // the thread it is paused under
	release chan releaseReq // the client resumed it
	resumed chan error      // yaegi resumed it
}

// releaseReq is how yaegi resumes a held goroutine: Continue, or Step in mode.
type releaseReq struct {
	cont bool
	mode interp.DebugEventReason
}

// stepState is what a step was asked from: the stop position and stack depth. With
// seek set, the goroutine steps on in its frame until it reaches that line (at most
// seekSteps steps) and then stops for reason.
type stepState struct {
	how    interp.DebugEventReason
	path   string
	line   int
	depth  int
	seek   int
	tries  int
	reason string
}

// seekSteps bounds the steps taken to reach a function's first statement.
const seekSteps = 64

// frameRef is a frame handed out to the client.
type frameRef struct {
	thread, index int
	cell          bool // the cell's own level, whose variables are the session's
}

var errNotAttached = errors.New("the debugger is not attached")

// DebugAttach attaches yaegi's debugger to the session. stopped is called, on the
// stopped goroutine, whenever a cell stops. Attaching while a cell runs takes effect
// for the cells that start afterwards... the running one keeps running undebugged.
func (e *Engine) DebugAttach(stopped func(kernel.DebugStop)) error {
	e.cellMu.Lock()
	running := e.run != nil
	e.cellMu.Unlock()
	e.debug.smu.Lock()
	defer e.debug.smu.Unlock()
	if e.debug.s != nil {
		e.debug.s.mu.Lock()
		e.debug.s.stopped = stopped
		e.debug.s.mu.Unlock()
		return nil
	}
	if running {
		e.debug.wanted = stopped
		return nil
	}
	return e.attachLocked(stopped)
}

// attachLocked starts yaegi's debugger; e.dbgMu is held and no cell runs.
func (e *Engine) attachLocked(stopped func(kernel.DebugStop)) error {
	s := &debugSession{release: make(chan struct{}), ended: make(chan struct{}), stopped: stopped,
		threads: map[int]bool{1: true}, paused: map[int]*pausedState{}, steps: map[int]stepState{},
		frames: map[int]frameRef{}, refs: map[int]*varNode{}, bps: map[string][]int{},
		goThreads: map[string]int{}, nextThread: goThreadBase, frameThreads: map[unsafe.Pointer]int{}}
	entered := make(chan struct{})
	s.dbg = e.i.Debug(context.Background(), e.noop, func(ev *interp.DebugEvent) {
		e.debugEvent(s, ev, entered)
	}, &interp.DebugOptions{GoRoutineStartAt1: true})
	e.rebindAttach(s.dbg)
	// Starts the no-op program, which stops in its entry event until detach.
	if err := s.dbg.Continue(1); err != nil {
		return fmt.Errorf("start the debugger: %w", err)
	}
	select {
	case <-entered:
	case <-time.After(5 * time.Second):
		return errors.New("start the debugger: yaegi's debugger did not start")
	}
	e.debug.s = s
	return nil
}

// DebugDetach detaches the debugger: paused goroutines resume, breakpoints go, and the
// session with its variables stays.
func (e *Engine) DebugDetach() {
	e.debug.smu.Lock()
	s := e.debug.s
	e.debug.s, e.debug.wanted = nil, nil
	e.debug.smu.Unlock()
	if s == nil {
		return
	}
	for path := range s.bps {
		e.setBreakpoints(s, path, nil)
	}
	s.mu.Lock()
	s.stopped = nil
	var ids []int
	for id := range s.paused {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	for _, id := range ids {
		_ = e.resume(s, id, "continue")
	}
	close(s.release)
	select {
	case <-s.ended:
		s.endWait()
	case <-time.After(2 * time.Second):
		e.log.Warn("the debugger is still waiting for goroutines of the session to end")
	}
}

// endWait waits (a second at most) for yaegi's debug goroutine to end: after the
// terminate event it sets the interpreter's debugger to nil, which would detach a
// session attached meanwhile.
func (s *debugSession) endWait() {
	if s.endG == "" {
		return
	}
	for i := 0; i < 100 && goroutineAlive(s.endG); i++ {
		time.Sleep(10 * time.Millisecond)
	}
}

// debugCellStarts applies an attach asked for while the previous cell ran.
func (e *Engine) debugCellStarts() {
	e.debug.smu.Lock()
	defer e.debug.smu.Unlock()
	if e.debug.wanted != nil && e.debug.s == nil {
		if err := e.attachLocked(e.debug.wanted); err != nil {
			e.log.Warn("attach the debugger", "err", err)
		}
		e.debug.wanted = nil
	}
}

// debugInterrupted resumes every paused goroutine when the running cell is interrupted,
// once the interpreter has seen the interrupt, so that the goroutines stop at their next
// step instead of running the rest of the cell.
func (e *Engine) debugInterrupted() {
	e.debug.smu.Lock()
	s := e.debug.s
	e.debug.smu.Unlock()
	if s == nil {
		return
	}
	e.cellMu.Lock()
	run := e.run
	e.cellMu.Unlock()
	if run != nil {
		t := time.NewTimer(stopWait)
		select {
		case <-e.stop.wait(run.ctx):
		case <-t.C:
		}
		t.Stop()
	}
	s.mu.Lock()
	var ids []int
	for id := range s.paused {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	for _, id := range ids {
		_ = e.resume(s, id, "continue")
	}
}

// session returns the attached debugger or nil.
func (e *Engine) session() *debugSession {
	e.debug.smu.Lock()
	defer e.debug.smu.Unlock()
	return e.debug.s
}

// debugEvent handles an event of yaegi's debugger, on the goroutine it concerns.
func (e *Engine) debugEvent(s *debugSession, ev *interp.DebugEvent, entered chan struct{}) {
	switch ev.Reason() {
	case interp.DebugEnterGoRoutine:
		s.mu.Lock()
		first := !s.entered
		s.entered = true
		s.threads[ev.GoRoutine()] = true
		s.mu.Unlock()
		if first {
			// The no-op program's start: hold it while the debugger is attached.
			close(entered)
			<-s.release
		}
		return
	case interp.DebugExitGoRoutine:
		s.mu.Lock()
		delete(s.threads, ev.GoRoutine())
		s.mu.Unlock()
		return
	case interp.DebugTerminate:
		// yaegi's debug goroutine clears the interpreter's debugger after this event;
		// detach waits for that goroutine to end (endWait).
		s.endG = goroutineID()
		close(s.ended)
		return
	}
	yid := ev.GoRoutine()
	id := e.threadOf(s, ev, yid)
	if r := ev.Reason(); r != interp.DebugBreak && r != interp.DebugPause && !e.cellInterrupted() {
		// A step event: skip the ones a step does not stop at before looking at frames.
		s.mu.Lock()
		st, stepping := s.steps[id]
		s.mu.Unlock()
		if !stepping {
			go e.passOn(s, yid)
			return
		}
		if st.how == interp.DebugStepOver || st.how == interp.DebugStepOut {
			depth := min(ev.FrameDepth(), 64)
			if (st.how == interp.DebugStepOver && depth > st.depth) || (st.how == interp.DebugStepOut && depth >= st.depth) {
				go e.resumeMode(s, id, yid, st.how, st)
				return
			}
		}
	}
	frames := ev.Frames(0, 64)
	if len(frames) == 0 || e.cellInterrupted() {
		// An interrupted cell runs on until the interpreter sees the interrupt.
		go e.passOn(s, yid)
		return
	}
	path, line, col := e.framePos(frames[0])
	injected := path == "" || line >= genLine || e.pastLineEnd(path, line, col)
	s.mu.Lock()
	st, stepping := s.steps[id]
	s.mu.Unlock()
	depth := len(frames)
	reason := "step"
	switch ev.Reason() {
	case interp.DebugBreak:
		reason = "breakpoint"
		if path == "" {
			go e.resumeMode(s, id, yid, interp.DebugStepInto, stepState{})
			return
		}
		if injected {
			// A function's entry: go on to its first statement.
			if f, ok := e.funcAt(path, line); ok && f.first > 0 {
				go e.resumeMode(s, id, yid, interp.DebugStepOver, stepState{how: interp.DebugStepOver, path: path,
					depth: depth, seek: f.first, reason: "breakpoint"})
				return
			}
		}
	case interp.DebugPause:
		reason = "pause"
		if injected {
			go e.resumeMode(s, id, yid, interp.DebugStepInto, stepState{how: interp.DebugStepInto, depth: -1, reason: "pause"})
			return
		}
	default: // a step
		if !stepping {
			// A step mode left over from a cell that ended while stepping, or one that
			// another goroutine sharing yaegi's goroutine state asked for.
			go e.passOn(s, yid)
			return
		}
		// (Steps deeper than a step over or out asks were skipped above: yaegi steps
		// into every call when goroutines share its state, see yaegiMode.)
		if st.seek > 0 {
			if depth == st.depth && (path != st.path || line != st.seek || injected) && st.tries < seekSteps {
				st.tries++
				go e.resumeMode(s, id, yid, st.how, st)
				return
			}
			reason = st.reason
			break
		}
		if depth > st.depth && st.how == interp.DebugStepInto {
			// Entered a function: go on to its first statement.
			if f, ok := e.funcAt(path, line); ok && f.first > 0 && (line != f.first || injected) {
				go e.resumeMode(s, id, yid, interp.DebugStepOver, stepState{how: interp.DebugStepOver, path: path,
					depth: depth, seek: f.first, reason: "step"})
				return
			}
		}
		sameLine := depth == st.depth && line == st.line && path == st.path
		back := depth == st.depth && path == st.path && line < st.line && e.closesBlock(path, line, col)
		if injected || back || (st.how != interp.DebugStepOut && sameLine) {
			go e.resumeMode(s, id, yid, st.how, st)
			return
		}
		if st.reason != "" {
			reason = st.reason
		}
	}
	p := &pausedState{ev: ev, frames: frames, yid: yid, thread: id, release: make(chan releaseReq, 1), resumed: make(chan error, 1)}
	s.mu.Lock()
	delete(s.steps, id)
	s.paused[id] = p
	stopped := s.stopped
	s.mu.Unlock()
	if stopped != nil {
		stopped(kernel.DebugStop{Reason: reason, Thread: id})
	}
	e.hold(s, p)
}

// hold keeps a stopped goroutine here until the client resumes it, then has yaegi
// resume it. Goroutines that a cell starts through compiled code (GoCall, Go) share the
// cell's goroutine state in yaegi (its id 1, its resume channel): holding every stop
// here, each under its own thread, leaves at most the goroutines being resumed waiting
// on that channel, so that every resume reaches one of them.
func (e *Engine) hold(s *debugSession, p *pausedState) {
	var r releaseReq
	select {
	case r = <-p.release:
	case <-s.release:
		// Detached while this goroutine stopped: it runs on.
		s.mu.Lock()
		delete(s.paused, p.thread)
		s.mu.Unlock()
		r = releaseReq{cont: true}
	}
	go func() {
		// yaegi's call returns once the goroutine, back from this event, takes it.
		var err error
		if r.cont {
			err = s.dbg.Continue(p.yid)
		} else {
			err = stepHeld(s.dbg, p.yid, r.mode)
		}
		p.resumed <- err
	}()
}

// shared reports whether goroutines started by cells run beside the cell, sharing its
// goroutine state in yaegi.
func (e *Engine) shared() bool {
	found := false
	e.goCells.Range(func(_, _ any) bool { found = true; return false })
	return found
}

// yaegiMode is the yaegi step mode that carries out a step in mode: yaegi's step over
// and out count calls in the state goroutines share, so while cell goroutines run,
// every step is yaegi's step into and debugEvent skips what the step would not stop at.
func (e *Engine) yaegiMode(mode interp.DebugEventReason) interp.DebugEventReason {
	if mode != interp.DebugStepInto && e.shared() {
		return interp.DebugStepInto
	}
	return mode
}

// passOn lets a goroutine that does not stop go on: it continues, unless another
// goroutine sharing its yaegi state is carrying out a step, which Continue would end.
func (e *Engine) passOn(s *debugSession, yid int) {
	if r := e.passReq(s); r.cont {
		_ = s.dbg.Continue(yid)
	} else {
		_ = stepHeld(s.dbg, yid, r.mode)
	}
}

// passReq is passOn's resume.
func (e *Engine) passReq(s *debugSession) releaseReq {
	s.mu.Lock()
	stepping := len(s.steps) > 0
	s.mu.Unlock()
	if stepping {
		return releaseReq{mode: interp.DebugStepInto}
	}
	return releaseReq{cont: true}
}

// framePos returns a frame's cell source path and cell position.
func (e *Engine) framePos(f *interp.DebugFrame) (path string, line, col int) {
	pos := f.Position()
	if !pos.IsValid() {
		return "", 0, 0
	}
	return e.unitOf(pos.Offset, pos.Line, pos.Column), pos.Line, pos.Column
}

// pastLineEnd reports a position after the end of its cell line: code the front end
// added there (a function's recursion guard after its opening brace).
func (e *Engine) pastLineEnd(path string, line, col int) bool {
	code, ok := e.codeOf(path)
	if !ok {
		return false
	}
	lines := strings.Split(code, "\n")
	if line < 1 || line > len(lines) {
		return true
	}
	return col > len(lines[line-1])
}

// closesBlock reports a position at an if, switch or select statement or a block's
// brace, where yaegi passes again after running the statement's body: a step that
// arrives there from a later line has left the statement, and goes on.
func (e *Engine) closesBlock(path string, line, col int) bool {
	code, ok := e.codeOf(path)
	if !ok {
		return false
	}
	lines := strings.Split(code, "\n")
	if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
		return false
	}
	rest := strings.TrimSpace(lines[line-1][col-1:])
	for _, p := range []string{"if ", "switch", "select", "{", "}", "else"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// DebugResume resumes a paused goroutine: "continue", "next", "stepIn" or "stepOut".
func (e *Engine) DebugResume(thread int, how string) error {
	s := e.session()
	if s == nil {
		return errNotAttached
	}
	return e.resume(s, thread, how)
}

// resume resumes a paused goroutine (thread id) as asked by the client.
func (e *Engine) resume(s *debugSession, id int, how string) error {
	mode := map[string]interp.DebugEventReason{"continue": debugContinue, "next": interp.DebugStepOver,
		"stepIn": interp.DebugStepInto, "stepOut": interp.DebugStepOut}[how]
	if mode == 0 {
		return fmt.Errorf("unknown resume %q", how)
	}
	s.mu.Lock()
	p, ok := s.paused[id]
	delete(s.paused, id)
	s.frames, s.refs = map[int]frameRef{}, map[int]*varNode{}
	if mode == debugContinue {
		delete(s.steps, id)
	}
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("thread %d is not stopped", id)
	}
	if mode == debugContinue {
		p.release <- e.passReq(s)
		return waitResumed(p)
	}
	st := stepState{how: mode}
	if len(p.frames) > 0 {
		st.path, st.line, _ = e.framePos(p.frames[0])
		st.depth = len(p.frames)
	}
	s.mu.Lock()
	s.steps[id] = st
	s.mu.Unlock()
	p.release <- releaseReq{mode: e.yaegiMode(mode)}
	return waitResumed(p)
}

// resumeWait bounds the wait for a released goroutine to take yaegi's resume, which
// takes microseconds unless the goroutine waits on the state of an earlier debugger
// session (see errStaleSession).
var resumeWait = 5 * time.Second

// errStaleSession explains a goroutine that cannot be resumed.
var errStaleSession = errors.New("the stopped code does not take the resume: it is a function value made during " +
	"an earlier debugger session, which yaegi resumes through that session's state; stop the debugger to end " +
	"the call (it returns zero values) and run the cell that makes the value again")

// waitResumed waits for yaegi to have resumed a released goroutine, within resumeWait,
// so that the control channel never hangs on it.
func waitResumed(p *pausedState) error {
	t := time.NewTimer(resumeWait)
	defer t.Stop()
	select {
	case err := <-p.resumed:
		return err
	case <-t.C:
		return errStaleSession
	}
}

// debugContinue stands for "continue" among yaegi's step modes.
const debugContinue interp.DebugEventReason = -1

// resumeMode steps a goroutine (thread id, yaegi id yid) that did not stop in a yaegi
// mode, remembering the step it carries out.
func (e *Engine) resumeMode(s *debugSession, id, yid int, mode interp.DebugEventReason, st stepState) error {
	s.mu.Lock()
	s.steps[id] = st
	s.mu.Unlock()
	return stepHeld(s.dbg, yid, e.yaegiMode(mode))
}

// retryRunning calls f until the goroutine has reached its stop (yaegi reports
// ErrRunning between an event and the wait that follows it).
func retryRunning(f func() error) error {
	for i := 0; ; i++ {
		err := f()
		if !errors.Is(err, interp.ErrRunning) || i > 5000 {
			return err
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// DebugPause asks a running goroutine to stop at its next statement.
func (e *Engine) DebugPause(thread int) error {
	s := e.session()
	if s == nil {
		return errNotAttached
	}
	// Goroutines a cell started share the cell's state in yaegi: the first of them to
	// run a statement stops, under its own thread.
	yid := thread
	if thread > goThreadBase {
		yid = 1
	}
	if !s.dbg.Interrupt(yid, interp.DebugPause) {
		return fmt.Errorf("thread %d is not running", thread)
	}
	return nil
}

// DebugStack returns the frames of a paused goroutine, innermost first.
func (e *Engine) DebugStack(thread int) []kernel.DebugFrame {
	s := e.session()
	if s == nil {
		return nil
	}
	s.mu.Lock()
	p := s.paused[thread]
	s.mu.Unlock()
	if p == nil {
		return nil
	}
	var out []kernel.DebugFrame
	for i, f := range p.frames {
		name := f.Name()
		cell := name == "<anonymous>" && i == len(p.frames)-1 || strings.HasPrefix(name, hiddenPrefix)
		if thread > goThreadBase && cell {
			// A goroutine a cell started runs none of the cell's body. The cell's frame
			// is not read: the cell may be running it on its own goroutine.
			continue
		}
		path, line, col := e.framePos(f)
		if path == "" || line >= genLine {
			continue // the engine's own code
		}
		if thread > goThreadBase && e.pastLineEnd(path, line, col) {
			// The frames yaegi shows below a goroutine's function are where the
			// function value was made, through the engine's wrappers of the go statement.
			continue
		}
		if cell {
			name = "cell"
		}
		s.mu.Lock()
		s.nextID++
		id := s.nextID
		s.frames[id] = frameRef{thread: thread, index: i, cell: cell}
		s.mu.Unlock()
		out = append(out, kernel.DebugFrame{ID: id, Name: name, Path: path, Line: line, Column: col})
	}
	return out
}

var _ kernel.DebugEngine = (*Engine)(nil)

// errStaleFunc explains a failure yaegi's debugger adds: calling a function value (a
// function literal or method value) that a cell made while the debugger was detached.
// The value closes over a clone of the frame it was made in, whose debugger state was
// nil then and stays nil; yaegi's enterCall dereferences it (README, "Debugger").
var errStaleFunc = errors.New("the debugger cannot enter a function value made before it was attached; run the cell that makes it again (or stop the debugger)")

// executeCell runs a compiled unit of a cell (execute), naming the failure of a stale
// function value while the debugger is attached.
func (e *Engine) executeCell(ctx context.Context, run *cellRun, c compiled) (reflect.Value, error) {
	v, err := e.execute(ctx, run, c)
	var p interp.Panic
	if err != nil && e.session() != nil && errors.As(err, &p) && bytes.Contains(p.Stack, []byte("interp.(*Debugger).enterCall")) {
		e.cellMu.Lock()
		run.trace = nil
		e.cellMu.Unlock()
		p.Value = errStaleFunc
		return v, p
	}
	return v, err
}
