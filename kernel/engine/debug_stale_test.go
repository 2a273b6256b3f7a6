package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// TestDebugValueOfEarlierSession: a function literal made while an earlier debugger
// session was attached keeps that session's goroutine state in yaegi. Called in a new
// session it runs, but once stopped at a breakpoint it waits for the old session's
// resume, which nothing can send: DebugResume says so instead of hanging the control
// channel, and stopping the debugger ends the call with zero values (README,
// "Debugger"). Made again, the value works.
func TestDebugValueOfEarlierSession(t *testing.T) {
	old := resumeWait
	resumeWait = time.Second
	t.Cleanup(func() { resumeWait = old })
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
