package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// TestDebugValueOfEarlierSession: without the repair at attach (debug_rebind.go), a
// function literal made while an earlier debugger session was attached keeps that
// session's goroutine state in yaegi. Called in a new session it runs, but once stopped
// at a breakpoint it waits for the old session's resume, which nothing can send:
// DebugResume says so instead of hanging the control channel, and stopping the debugger
// ends the call with zero values (README, "Debugger"). Made again, the value works.
func TestDebugValueOfEarlierSession(t *testing.T) {
	old := resumeWait
	resumeWait = time.Second
	rebindOff = true
	t.Cleanup(func() { resumeWait, rebindOff = old, false })
	cell := "double := func(x int) int {\n\ty := 2 * x\n\treturn y\n}"
	h := newDebugHarness(t, "x0 := 1")
	h.run(cell)
	h.e.DebugDetach()
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	if v := h.run("double(4)"); v != 8 {
		t.Errorf("without a breakpoint: double(4) = %v", v)
	}
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{3})
	done := h.start(context.Background(), "fmt.Println(double(5))")
	s := h.stop(done)
	if err := h.e.DebugResume(s.Thread, "continue"); !errors.Is(err, errStaleSession) {
		t.Fatalf("resume of a value of an earlier session: %v", err)
	}
	h.e.DebugDetach()
	if err := <-done; err != nil || h.out.String() != "0\n" {
		t.Errorf("after detach: %v, output %q", err, h.out.String())
	}
	// Made again in the current session, it stops and resumes.
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	h.out = &syncBuffer{}
	h.run(cell)
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{3})
	done = h.start(context.Background(), "fmt.Println(double(6))")
	s = h.stop(done)
	if err := h.e.DebugResume(s.Thread, "continue"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil || h.out.String() != "12\n" {
		t.Errorf("made again: %v, output %q", err, h.out.String())
	}
}

// TestDebugUnreachableValues: function values the walk at attach cannot reach (held in
// a channel's buffer). One made during an earlier session runs on the shared goroutine
// state, stops and resumes; one made while detached fails with errStaleFunc's message.
func TestDebugUnreachableValues(t *testing.T) {
	cell := "ch := make(chan func(int) int, 2)\nch <- func(x int) int {\n\ty := 2 * x\n\treturn y\n}"
	h := newDebugHarness(t, "x0 := 1")
	h.run(cell)
	h.e.DebugDetach()
	h.run("ch <- func(x int) int { return 3 * x }")
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{3})
	stops, out := h.runStops("fmt.Println((<-ch)(5))")
	if len(stops) != 1 || stops[0].line != 3 || stops[0].locals["x"] != "5" || out != "10\n" {
		t.Errorf("value of an earlier session: stops %v, output %q", stops, out)
	}
	_, err := h.e.Execute(context.Background(), "(<-ch)(1)", h.io())
	if err == nil || !strings.Contains(err.Error(), "made before it was attached") {
		t.Errorf("value made detached, out of reach: %v", err)
	}
}

// TestDebugNoWalkBesideGoroutines: while a cell goroutine runs at attach, the session's
// variables are not walked (they may change under the walk); a value made detached
// fails with errStaleFunc's message, and is repaired at an attach without goroutines.
func TestDebugNoWalkBesideGoroutines(t *testing.T) {
	h := newDebugHarness(t, "x0 := 1")
	h.e.DebugDetach()
	h.run("double := func(x int) int { return 2 * x }\nblock := make(chan int)\ngo func() { <-block }()")
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	_, err := h.e.Execute(context.Background(), "double(1)", h.io())
	if err == nil || !strings.Contains(err.Error(), "made before it was attached") {
		t.Errorf("beside a goroutine: %v", err)
	}
	h.e.DebugDetach()
	h.run("close(block)")
	for i := 0; i < 200 && h.e.shared(); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	if v := h.run("double(2)"); v != 4 {
		t.Errorf("attached without goroutines: %v", v)
	}
}
