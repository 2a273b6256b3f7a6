//go:build unix

package kernel

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// debugScriptEngine is the script engine with a debugger that knows no threads: enough
// for the protocol's bookkeeping (dumpCell, debugInfo, attach, disconnect).
type debugScriptEngine struct {
	scriptEngine
	attached bool
	stopped  func(DebugStop)
	mu       sync.Mutex
	resumed  []string // "thread how" for each DebugResume
}

func (e *debugScriptEngine) SetSourcePaths(func(string) string) {}
func (e *debugScriptEngine) DebugAttach(f func(DebugStop)) error {
	e.attached, e.stopped = true, f
	return nil
}
func (e *debugScriptEngine) DebugDetach()                             { e.attached = false }
func (e *debugScriptEngine) DebugSetBreakpoints(string, []int) []bool { return nil }
func (e *debugScriptEngine) DebugThreads() []DebugThread              { return nil }
func (e *debugScriptEngine) DebugStack(int) []DebugFrame              { return nil }
func (e *debugScriptEngine) DebugScopes(int) []DebugScope             { return nil }
func (e *debugScriptEngine) DebugVariables(int) []DebugVariable       { return nil }
func (e *debugScriptEngine) DebugResume(thread int, how string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resumed = append(e.resumed, fmt.Sprint(thread, " ", how))
	return nil
}
func (e *debugScriptEngine) DebugPause(int) error          { return nil }
func (e *debugScriptEngine) DebugGlobals() []DebugVariable { return nil }
func (e *debugScriptEngine) DebugEvaluate(int, string) (DebugVariable, any, error) {
	return DebugVariable{}, nil, nil
}

var _ DebugEngine = (*debugScriptEngine)(nil)

// resumes lists the resumes asked so far.
func (e *debugScriptEngine) resumes() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return fmt.Sprint(e.resumed)
}

// debugCall sends one DAP request in a debug_request on control and returns the reply
// content and the iopub messages of the request.
func (c *testClient) debugCall(command string, args any) (map[string]any, []*wire.Message) {
	c.t.Helper()
	reply, pub := c.call(true, wire.DebugRequest, map[string]any{"type": "request", "seq": 1, "command": command, "arguments": args})
	return decode(c.t, reply), pub
}

// TestHeadersCarryProtocol55 checks that every message the kernel sends says, in its
// header, the protocol version kernel_info_reply announces: 5.5, with or without a
// debugger (5.5 adds the debugger's messages; a kernel without one says debugger: false).
func TestHeadersCarryProtocol55(t *testing.T) {
	for _, eng := range []Engine{&scriptEngine{}, &debugScriptEngine{}} {
		c := startKernel(t, eng, Options{})
		reply, pub := c.call(false, wire.KernelInfoRequest, nil)
		info := decode(t, reply)
		if info["protocol_version"] != "5.5" {
			t.Errorf("%T: kernel_info protocol_version %v, want 5.5", eng, info["protocol_version"])
		}
		_, epub := c.execute("print hello", nil)
		msgs := append(append([]*wire.Message{reply}, pub...), epub...)
		if _, ok := eng.(DebugEngine); ok {
			dr, dpub := c.call(true, wire.DebugRequest, map[string]any{"type": "request", "seq": 1, "command": "initialize"})
			msgs = append(append(msgs, dr), dpub...)
			if find(dpub, wire.DebugEvent) == nil {
				t.Errorf("no debug_event after initialize: %s", types(dpub))
			}
		}
		for _, m := range msgs {
			if m.Header.Version != "5.5" {
				t.Errorf("%T: %s header says version %q, want 5.5", eng, m.Header.MsgType, m.Header.Version)
			}
		}
	}
}

// TestDumpedCellsAreRemoved: the files dumpCell writes keep their path while the kernel
// lives, go with their directory on disconnect and come back on the next dumpCell, and
// the directory is removed when the kernel shuts down.
func TestDumpedCellsAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	c := startKernel(t, &debugScriptEngine{}, Options{})
	info, _ := c.debugCall("debugInfo", nil)
	prefix := info["body"].(map[string]any)["tmpFilePrefix"].(string)
	if !strings.HasPrefix(prefix, tmp) {
		t.Fatalf("tmpFilePrefix %s is not under TMPDIR %s", prefix, tmp)
	}
	c.debugCall("attach", nil)
	dump := func() string {
		t.Helper()
		r, _ := c.debugCall("dumpCell", map[string]any{"code": "x := 1"})
		p, _ := r["body"].(map[string]any)["sourcePath"].(string)
		if b, err := os.ReadFile(p); err != nil || string(b) != "x := 1" {
			t.Fatalf("dumped cell %s: %q %v", p, b, err)
		}
		return p
	}
	p1 := dump()
	if filepath.Dir(p1)+string(filepath.Separator) != prefix {
		t.Errorf("cell path %s is not under %s", p1, prefix)
	}
	c.debugCall("disconnect", nil)
	if _, err := os.Stat(prefix); !os.IsNotExist(err) {
		t.Errorf("after disconnect %s is still there (%v)", prefix, err)
	}
	c.debugCall("attach", nil)
	if p2 := dump(); p2 != p1 {
		t.Errorf("the cell's path changed from %s to %s", p1, p2)
	}
	reply, _ := c.call(true, wire.ShutdownRequest, map[string]any{"restart": false})
	if decode(t, reply)["status"] != "ok" {
		t.Fatalf("shutdown_reply %s", reply.Content)
	}
	select {
	case err := <-c.done:
		c.done <- err // for close
	case <-time.After(testTimeout):
		t.Fatal("the kernel did not stop after shutdown_request")
	}
	// The removal runs as the kernel's context ends, before Serve's last flush of iopub;
	// allow it a bounded number of looks.
	for i := 0; i < 200; i++ {
		if _, err := os.Stat(prefix); os.IsNotExist(err) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(prefix); !os.IsNotExist(err) {
		entries, _ := os.ReadDir(prefix)
		t.Errorf("after shutdown %s is still there with %d files (%v)", prefix, len(entries), err)
	}
}

// TestContinueResumesStoppedThreads: continue resumes every stopped thread (as debugpy
// does), whatever thread it names, unless singleThread asks for the one named.
// JupyterLab 4's panel names thread 1 in every continue, while a goroutine a cell
// started stops under a thread of its own.
func TestContinueResumesStoppedThreads(t *testing.T) {
	eng := &debugScriptEngine{}
	c := startKernel(t, eng, Options{})
	c.debugCall("initialize", nil)
	c.debugCall("attach", nil)
	eng.stopped(DebugStop{Reason: "breakpoint", Thread: 1001})
	eng.stopped(DebugStop{Reason: "breakpoint", Thread: 1002})
	info, _ := c.debugCall("debugInfo", nil)
	if got := fmt.Sprint(info["body"].(map[string]any)["stoppedThreads"]); got != "[1001 1002]" {
		t.Errorf("stoppedThreads %s", got)
	}
	r, pub := c.debugCall("continue", map[string]any{"threadId": 1})
	if r["success"] != true || r["body"].(map[string]any)["allThreadsContinued"] != true {
		t.Errorf("continue: %v", r)
	}
	if got := eng.resumes(); got != "[1001 continue 1002 continue]" {
		t.Errorf("continue of thread 1 resumed %s, want threads 1001 and 1002", got)
	}
	if find(pub, wire.DebugEvent) == nil {
		t.Errorf("no continued event: %s", types(pub))
	}
	eng.mu.Lock()
	eng.resumed = nil
	eng.mu.Unlock()
	eng.stopped(DebugStop{Reason: "breakpoint", Thread: 1003})
	eng.stopped(DebugStop{Reason: "breakpoint", Thread: 1})
	c.debugCall("continue", map[string]any{"threadId": 1003, "singleThread": true})
	if got := eng.resumes(); got != "[1003 continue]" {
		t.Errorf("continue of thread 1003 alone resumed %s", got)
	}
	info, _ = c.debugCall("debugInfo", nil)
	if got := fmt.Sprint(info["body"].(map[string]any)["stoppedThreads"]); got != "[1]" {
		t.Errorf("stoppedThreads after a single continue: %s", got)
	}
}
