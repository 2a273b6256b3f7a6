package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// debugAdapter serves debug_request messages: Debug Adapter Protocol requests as
// JupyterLab's debugger panel sends them, answered in debug_reply, with the protocol's
// events sent as debug_event on iopub. The language work is the engine's (DebugEngine).
type debugAdapter struct {
	once    sync.Once
	eng     DebugEngine // nil when the engine cannot debug
	prefix  string
	mu      sync.Mutex
	seq     int
	started bool
	parent  *wire.Message     // the debug_request events are sent under
	bps     map[string][]int  // breakpoints by source path, as the client set them
	stopped map[int]bool      // threads stopped now
	sources map[string]string // dumped cells by source path
	closed  bool              // the kernel shut down: dumpCell writes no more files
}

// dapRequest is a Debug Adapter Protocol request.
type dapRequest struct {
	Seq       int             `json:"seq"`
	Type      string          `json:"type"`
	Command   string          `json:"command"`
	Arguments json.RawMessage `json:"arguments"`
}

// debugAvailable reports whether the engine can debug cells.
func (k *kernel) debugAvailable() bool {
	_, ok := k.eng.(DebugEngine)
	return ok
}

// debugInit names cells by the path JupyterLab computes for them, once.
func (k *kernel) debugInit() *debugAdapter {
	d := &k.debug
	d.once.Do(func() {
		d.eng, _ = k.eng.(DebugEngine)
		d.prefix = debugFilePrefix()
		d.bps, d.stopped, d.sources = map[string][]int{}, map[int]bool{}, map[string]string{}
		// The dumped cells' directory goes when the kernel shuts down.
		context.AfterFunc(k.ctx, func() {
			d.mu.Lock()
			d.closed = true
			d.mu.Unlock()
			d.removeFiles()
		})
		if d.eng != nil {
			prefix := d.prefix
			d.eng.SetSourcePaths(func(code string) string { return cellSourcePath(prefix, code) })
		}
	})
	return d
}

// handleDebug answers one debug_request.
func (k *kernel) handleDebug(r request) {
	d := k.debugInit()
	var req dapRequest
	if err := json.Unmarshal(r.msg.Content, &req); err != nil || req.Command == "" {
		r.reply(wire.DebugReply, map[string]any{"type": "response", "request_seq": req.Seq, "success": false,
			"command": req.Command, "message": "a debug_request holds a Debug Adapter Protocol request"})
		return
	}
	d.mu.Lock()
	d.parent = r.msg
	d.mu.Unlock()
	body, err := k.debugCommand(d, req)
	resp := map[string]any{"type": "response", "request_seq": req.Seq, "command": req.Command,
		"seq": d.nextSeq(), "success": err == nil}
	if err != nil {
		resp["message"] = err.Error()
	} else {
		if body == nil {
			body = map[string]any{}
		}
		resp["body"] = body
	}
	r.reply(wire.DebugReply, resp)
	if err == nil && req.Command == "initialize" {
		k.debugEvent(d, "initialized", map[string]any{})
	}
}

func (d *debugAdapter) nextSeq() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.seq++
	return d.seq
}

// debugEvent publishes a DAP event on iopub.
func (k *kernel) debugEvent(d *debugAdapter, event string, body any) {
	d.mu.Lock()
	parent := d.parent
	d.mu.Unlock()
	k.publish(parent, wire.DebugEvent, map[string]any{"type": "event", "event": event, "body": body, "seq": d.nextSeq()})
}

var errNoDebugger = errors.New("this kernel's engine has no debugger")

// debugCommand carries out one request and returns the response body.
func (k *kernel) debugCommand(d *debugAdapter, req dapRequest) (any, error) {
	var args struct {
		ThreadID           int    `json:"threadId"`
		FrameID            int    `json:"frameId"`
		VariablesReference int    `json:"variablesReference"`
		Code               string `json:"code"`
		Expression         string `json:"expression"`
		VariableName       string `json:"variableName"`
		Source             struct {
			Path string `json:"path"`
		} `json:"source"`
		Breakpoints []struct {
			Line int `json:"line"`
		} `json:"breakpoints"`
		StartFrame   int  `json:"startFrame"`
		Levels       int  `json:"levels"`
		SingleThread bool `json:"singleThread"`
	}
	if len(req.Arguments) > 0 {
		if err := json.Unmarshal(req.Arguments, &args); err != nil {
			return nil, fmt.Errorf("%s: bad arguments: %w", req.Command, err)
		}
	}
	if req.Command == "debugInfo" {
		return d.info(), nil
	}
	if d.eng == nil {
		return nil, errNoDebugger
	}
	switch req.Command {
	case "initialize":
		return map[string]any{
			"supportsConfigurationDoneRequest": true,
			"supportsEvaluateForHovers":        true,
			"supportsSetVariable":              false,
			"supportsStepBack":                 false,
			"supportsDelayedStackTraceLoading": false,
			"exceptionBreakpointFilters":       []any{},
		}, nil
	case "attach":
		if err := d.eng.DebugAttach(func(s DebugStop) { k.debugStopped(d, s) }); err != nil {
			return nil, err
		}
		d.mu.Lock()
		d.started = true
		bps := make(map[string][]int, len(d.bps))
		for p, l := range d.bps {
			bps[p] = l
		}
		d.mu.Unlock()
		for p, lines := range bps {
			d.eng.DebugSetBreakpoints(p, lines)
		}
		return nil, nil
	case "disconnect":
		d.eng.DebugDetach()
		d.mu.Lock()
		d.started = false
		d.stopped = map[int]bool{}
		d.mu.Unlock()
		// Nothing reads the files while detached; the next dumpCell writes them again
		// under the same paths.
		d.removeFiles()
		return nil, nil
	case "configurationDone", "setExceptionBreakpoints", "setFunctionBreakpoints":
		return map[string]any{"breakpoints": []any{}}, nil
	case "dumpCell":
		path := cellSourcePath(d.prefix, args.Code)
		d.mu.Lock()
		d.sources[path] = args.Code
		if !d.closed {
			if err := os.MkdirAll(d.prefix, 0o700); err == nil {
				_ = os.WriteFile(path, []byte(args.Code), 0o600)
			}
		}
		d.mu.Unlock()
		return map[string]any{"sourcePath": path}, nil
	case "source":
		d.mu.Lock()
		code, ok := d.sources[args.Source.Path]
		d.mu.Unlock()
		if !ok {
			return nil, fmt.Errorf("source %s is unknown", args.Source.Path)
		}
		return map[string]any{"content": code}, nil
	case "setBreakpoints":
		lines := make([]int, len(args.Breakpoints))
		for i, b := range args.Breakpoints {
			lines[i] = b.Line
		}
		d.mu.Lock()
		d.bps[args.Source.Path] = lines
		if len(lines) == 0 {
			delete(d.bps, args.Source.Path)
		}
		d.mu.Unlock()
		ok := d.eng.DebugSetBreakpoints(args.Source.Path, lines)
		out := make([]map[string]any, len(lines))
		for i, l := range lines {
			out[i] = map[string]any{"verified": i < len(ok) && ok[i], "line": l, "source": map[string]any{"path": args.Source.Path}}
		}
		return map[string]any{"breakpoints": out}, nil
	case "threads":
		var out []map[string]any
		for _, t := range d.eng.DebugThreads() {
			out = append(out, map[string]any{"id": t.ID, "name": t.Name})
		}
		if out == nil {
			out = []map[string]any{}
		}
		return map[string]any{"threads": out}, nil
	case "stackTrace":
		frames := d.eng.DebugStack(args.ThreadID)
		total := len(frames)
		if args.StartFrame > 0 && args.StartFrame <= len(frames) {
			frames = frames[args.StartFrame:]
		}
		if args.Levels > 0 && args.Levels < len(frames) {
			frames = frames[:args.Levels]
		}
		out := make([]map[string]any, 0, len(frames))
		for _, f := range frames {
			out = append(out, map[string]any{"id": f.ID, "name": f.Name, "line": f.Line, "column": f.Column,
				"source": map[string]any{"path": f.Path, "name": f.Path}})
		}
		return map[string]any{"stackFrames": out, "totalFrames": total}, nil
	case "scopes":
		var out []map[string]any
		for _, s := range d.eng.DebugScopes(args.FrameID) {
			hint := "locals"
			if s.Name != "Locals" {
				hint = "globals"
			}
			out = append(out, map[string]any{"name": s.Name, "variablesReference": s.Ref, "expensive": false, "presentationHint": hint})
		}
		if out == nil {
			out = []map[string]any{}
		}
		return map[string]any{"scopes": out}, nil
	case "variables":
		return map[string]any{"variables": dapVariables(d.eng.DebugVariables(args.VariablesReference))}, nil
	case "inspectVariables":
		return map[string]any{"variables": dapVariables(d.eng.DebugGlobals())}, nil
	case "continue":
		if args.SingleThread {
			if err := d.eng.DebugResume(args.ThreadID, "continue"); err != nil {
				return nil, err
			}
			d.mu.Lock()
			delete(d.stopped, args.ThreadID)
			d.mu.Unlock()
			k.debugEvent(d, "continued", map[string]any{"threadId": args.ThreadID, "allThreadsContinued": false})
			return map[string]any{"allThreadsContinued": false}, nil
		}
		return k.debugContinueAll(d, args.ThreadID)
	case "next", "stepIn", "stepOut":
		if err := d.eng.DebugResume(args.ThreadID, req.Command); err != nil {
			return nil, err
		}
		d.mu.Lock()
		delete(d.stopped, args.ThreadID)
		d.mu.Unlock()
		return nil, nil
	case "pause":
		return nil, d.eng.DebugPause(args.ThreadID)
	case "evaluate":
		v, _, err := d.eng.DebugEvaluate(args.FrameID, args.Expression)
		if err != nil {
			return nil, err
		}
		return map[string]any{"result": v.Value, "type": v.Type, "variablesReference": v.Ref}, nil
	case "richInspectVariables":
		_, raw, err := d.eng.DebugEvaluate(args.FrameID, args.VariableName)
		if err != nil {
			return nil, err
		}
		b := render(raw)
		return map[string]any{"data": bundleData(b), "metadata": bundleMetadata(b)}, nil
	case "modules":
		return map[string]any{"modules": []any{}, "totalModules": 0}, nil
	}
	return nil, fmt.Errorf("the %s request is not supported", req.Command)
}

// removeFiles removes the directory of the dumped cells (the source request is answered
// from memory, so nothing is lost).
func (d *debugAdapter) removeFiles() {
	d.mu.Lock()
	defer d.mu.Unlock()
	_ = os.RemoveAll(d.prefix)
}

// debugContinueAll resumes every stopped thread, as debugpy does unless asked for a
// single thread. JupyterLab 4's panel needs it: its continue forgets the stopped thread
// before naming it, and so always names thread 1, while a goroutine a cell started
// stops under a thread of its own.
func (k *kernel) debugContinueAll(d *debugAdapter, thread int) (any, error) {
	d.mu.Lock()
	threads := []int{}
	for t := range d.stopped {
		threads = append(threads, t)
	}
	d.mu.Unlock()
	sort.Ints(threads)
	if len(threads) == 0 {
		threads = []int{thread}
	}
	var firstErr error
	resumed := 0
	for _, t := range threads {
		if err := d.eng.DebugResume(t, "continue"); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		resumed++
		d.mu.Lock()
		delete(d.stopped, t)
		d.mu.Unlock()
	}
	if resumed == 0 && firstErr != nil {
		return nil, firstErr
	}
	k.debugEvent(d, "continued", map[string]any{"threadId": thread, "allThreadsContinued": true})
	return map[string]any{"allThreadsContinued": true}, nil
}

// debugStopped sends the stopped event of a thread the engine stopped.
func (k *kernel) debugStopped(d *debugAdapter, s DebugStop) {
	d.mu.Lock()
	d.stopped[s.Thread] = true
	d.mu.Unlock()
	k.debugEvent(d, "stopped", map[string]any{"reason": s.Reason, "threadId": s.Thread, "allThreadsStopped": false})
}

// info is the body of debugInfo: what a client needs to name cells and restore state.
func (d *debugAdapter) info() map[string]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	bps := []map[string]any{}
	paths := make([]string, 0, len(d.bps))
	for p := range d.bps {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		var lines []map[string]any
		for _, l := range d.bps[p] {
			lines = append(lines, map[string]any{"line": l})
		}
		bps = append(bps, map[string]any{"source": p, "breakpoints": lines})
	}
	stopped := []int{}
	for t := range d.stopped {
		stopped = append(stopped, t)
	}
	sort.Ints(stopped)
	return map[string]any{
		"isStarted":      d.started && d.eng != nil,
		"hashMethod":     "Murmur2",
		"hashSeed":       debugHashSeed,
		"tmpFilePrefix":  d.prefix,
		"tmpFileSuffix":  debugFileSuffix,
		"breakpoints":    bps,
		"stoppedThreads": stopped,
		"richRendering":  true,
		"exceptionPaths": []string{},
		"copyToGlobals":  false,
	}
}

// dapVariables converts variables to the protocol's form.
func dapVariables(vs []DebugVariable) []map[string]any {
	out := make([]map[string]any, 0, len(vs))
	for _, v := range vs {
		out = append(out, map[string]any{"name": v.Name, "value": v.Value, "type": v.Type,
			"variablesReference": v.Ref, "evaluateName": v.Evaluate})
	}
	return out
}
