package kernel

// DebugEngine is what an Engine offers the debugger that JupyterLab's debugger panel
// drives (debug_request on the control channel, Debug Adapter Protocol inside). The
// kernel speaks the protocol; the engine stops, steps and shows values. Methods other
// than SetSourcePaths may be called from the control goroutine while a cell runs.
type DebugEngine interface {
	// SetSourcePaths names every cell by the source path pathOf gives its text; the
	// kernel sets it before the first cell.
	SetSourcePaths(pathOf func(code string) string)
	// DebugAttach starts debugging; stopped is called whenever a thread stops.
	DebugAttach(stopped func(DebugStop)) error
	// DebugDetach stops debugging, resuming paused threads; the session is kept.
	DebugDetach()
	// DebugSetBreakpoints replaces the breakpoints of a source path; it reports which
	// lines hold a breakpoint (false: no statement on that line, or not compiled yet).
	DebugSetBreakpoints(path string, lines []int) []bool
	// DebugThreads lists the threads (goroutines the debugger knows).
	DebugThreads() []DebugThread
	// DebugStack returns the frames of a stopped thread, innermost first.
	DebugStack(thread int) []DebugFrame
	// DebugScopes returns the scopes of a frame of a stopped thread.
	DebugScopes(frame int) []DebugScope
	// DebugVariables returns the children of a variables reference.
	DebugVariables(ref int) []DebugVariable
	// DebugResume resumes a stopped thread: "continue", "next", "stepIn" or "stepOut".
	DebugResume(thread int, how string) error
	// DebugPause stops a running thread at its next statement.
	DebugPause(thread int) error
	// DebugEvaluate evaluates expr in a frame (0: the session) and returns it as a
	// variable together with the value itself.
	DebugEvaluate(frame int, expr string) (DebugVariable, any, error)
	// DebugGlobals lists the session's variables (the variable explorer).
	DebugGlobals() []DebugVariable
}

// DebugStop tells that a thread stopped, and why: "breakpoint", "step", "pause".
type DebugStop struct {
	Reason string
	Thread int
}

// DebugThread is a thread of the debugged program.
type DebugThread struct {
	ID   int
	Name string
}

// DebugFrame is a stack frame; Path is the cell's source path ("" when the frame is in
// no cell) and Line, Column are the cell's own.
type DebugFrame struct {
	ID           int
	Name         string
	Path         string
	Line, Column int
}

// DebugScope is a group of variables of a frame.
type DebugScope struct {
	Name string
	Ref  int
}

// DebugVariable is a value as the debugger shows it; Ref > 0 when it has children.
type DebugVariable struct {
	Name, Value, Type string
	Ref               int
	Evaluate          string // an expression naming it, for evaluate
}
