package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// debugHarness is an engine with the debugger attached and a channel of stops.
type debugHarness struct {
	t     testing.TB
	e     *Engine
	out   *syncBuffer
	stops chan kernel.DebugStop
}

func newDebugHarness(t testing.TB, before ...string) *debugHarness {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := &debugHarness{t: t, e: e, out: &syncBuffer{}, stops: make(chan kernel.DebugStop, 16)}
	for _, c := range before {
		h.run(c)
	}
	if err := e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.DebugDetach)
	return h
}

func (h *debugHarness) io() *kernel.CellIO { return &kernel.CellIO{Stdout: h.out, Stderr: h.out} }

func (h *debugHarness) run(code string) any {
	h.t.Helper()
	v, err := h.e.Execute(context.Background(), code, h.io())
	if err != nil {
		h.t.Fatalf("%q: %v", code, err)
	}
	return v
}

// start runs code in the background; the channel gets its error.
func (h *debugHarness) start(ctx context.Context, code string) chan error {
	done := make(chan error, 1)
	go func() {
		_, err := h.e.Execute(ctx, code, h.io())
		done <- err
	}()
	return done
}

// stop waits for the next stop, or for the cell to end (which fails the test).
func (h *debugHarness) stop(done chan error) kernel.DebugStop {
	h.t.Helper()
	select {
	case s := <-h.stops:
		return s
	case err := <-done:
		h.t.Fatalf("the cell ended (%v) without stopping; output %q", err, h.out.String())
	case <-time.After(20 * time.Second):
		h.t.Fatal("no stop")
	}
	return kernel.DebugStop{}
}

// top returns the innermost frame of a stopped thread.
func (h *debugHarness) top(thread int) kernel.DebugFrame {
	h.t.Helper()
	fs := h.e.DebugStack(thread)
	if len(fs) == 0 {
		h.t.Fatalf("no frames for thread %d", thread)
	}
	return fs[0]
}

// vars returns a frame's variables of all scopes by scope and name.
func (h *debugHarness) vars(frame int) map[string]kernel.DebugVariable {
	out := map[string]kernel.DebugVariable{}
	for _, sc := range h.e.DebugScopes(frame) {
		for _, v := range h.e.DebugVariables(sc.Ref) {
			out[sc.Name+"."+v.Name] = v
		}
	}
	return out
}

func (h *debugHarness) children(v kernel.DebugVariable) map[string]string {
	out := map[string]string{}
	for _, c := range h.e.DebugVariables(v.Ref) {
		out[c.Name] = c.Value + " " + c.Type
	}
	return out
}

func TestDebugBreakpointsAndSteps(t *testing.T) {
	decl := "type Point struct{ X, Y int }\n\nfunc norm1(p *Point) int {\n\tx := p.X\n\tif x < 0 {\n\t\tx = -x\n\t}\n\treturn x + p.Y\n}"
	h := newDebugHarness(t, decl)
	cell := "ps := map[string]*Point{\"a\": {-3, 4}}\nn := norm1(ps[\"a\"])\nlabel := \"n=\"\nfmt.Println(label, n)"
	if ok := h.e.DebugSetBreakpoints(defaultPath(decl), []int{4}); len(ok) != 1 || !ok[0] {
		t.Fatalf("breakpoint on line 4 of the declaring cell not verified: %v", ok)
	}
	done := h.start(context.Background(), cell)
	s := h.stop(done)
	if s.Reason != "breakpoint" || s.Thread != 1 {
		t.Fatalf("stop %+v", s)
	}
	stack := h.e.DebugStack(1)
	if len(stack) != 2 || stack[0].Name != "norm1" || stack[0].Line != 4 || stack[0].Path != defaultPath(decl) ||
		stack[1].Name != "cell" || stack[1].Line != 2 || stack[1].Path != defaultPath(cell) {
		t.Fatalf("stack %+v", stack)
	}
	vs := h.vars(stack[0].ID)
	p := vs["Locals.p"]
	if p.Type != "*main.Point" || p.Value != "&{-3 4}" || p.Ref == 0 {
		t.Errorf("p = %+v", p)
	}
	if c := h.children(p); c["X"] != "-3 int" || c["Y"] != "4 int" {
		t.Errorf("p's fields %v", c)
	}
	if m := vs["Session.ps"]; m.Type != "map[string]*main.Point" || h.children(m)[`["a"]`] != "&{-3 4} *main.Point" {
		t.Errorf("ps = %+v %v", m, h.children(m))
	}
	if v, raw, err := h.e.DebugEvaluate(stack[0].ID, "p.Y"); err != nil || v.Value != "4" || raw != 4 {
		t.Errorf("evaluate p.Y = %+v %v %v", v, raw, err)
	}
	if v, _, err := h.e.DebugEvaluate(stack[0].ID, "p.Y + 1"); err != nil || v.Value != "5" {
		t.Errorf("evaluate p.Y + 1 = %+v %v", v, err)
	}
	// Steps move by lines: 4 → 5 → 6 (x < 0) → 8, each stop in the cell's own text.
	var lines []int
	for i := 0; i < 3; i++ {
		if err := h.e.DebugResume(1, "next"); err != nil {
			t.Fatal(err)
		}
		s = h.stop(done)
		lines = append(lines, h.top(1).Line)
	}
	if want := []int{5, 6, 8}; !equalInts(lines, want) {
		t.Errorf("next stopped at lines %v, want %v", lines, want)
	}
	if x := h.vars(h.top(1).ID)["Locals.x"]; x.Value != "3" {
		t.Errorf("x at line 8 = %+v", x)
	}
	if err := h.e.DebugResume(1, "stepOut"); err != nil {
		t.Fatal(err)
	}
	h.stop(done)
	if f := h.top(1); f.Name != "cell" || f.Line != 2 || len(h.e.DebugStack(1)) != 1 {
		t.Errorf("after stepOut: %+v", h.e.DebugStack(1))
	}
	if err := h.e.DebugResume(1, "continue"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := h.out.String(); got != "n= 7\n" {
		t.Errorf("output %q", got)
	}
	// Without breakpoints the cell runs through.
	h.e.DebugSetBreakpoints(defaultPath(decl), nil)
	if v := h.run("norm1(&Point{1, 1})"); v != 2 {
		t.Errorf("norm1 = %v", v)
	}
}

// TestDebugStepsStayInCellText steps into and through a function whose code the front
// end guards (recursion check, statement positions): every stop is on a line of a
// cell's own text, never past its end nor in generated code.
func TestDebugStepsStayInCellText(t *testing.T) {
	decl := "func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}"
	h := newDebugHarness(t, decl)
	cell := "xs := []int{}\nfor i := 0; i < 3; i++ {\n\txs = append(xs, fib(i))\n}\nfmt.Println(xs)"
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{1})
	done := h.start(context.Background(), cell)
	h.stop(done)
	texts := map[string][]string{defaultPath(decl): strings.Split(decl, "\n"), defaultPath(cell): strings.Split(cell, "\n")}
	stops := 0
	for ; stops < 200; stops++ {
		f := h.top(1)
		lines := texts[f.Path]
		if lines == nil || f.Line < 1 || f.Line > len(lines) || f.Column > len(lines[f.Line-1]) {
			t.Fatalf("stop %d at %s:%d:%d, outside the cells' text", stops, f.Path, f.Line, f.Column)
		}
		if err := h.e.DebugResume(1, "stepIn"); err != nil {
			t.Fatal(err)
		}
		select {
		case <-h.stops:
			continue
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		}
		break
	}
	if stops < 10 || h.out.String() != "[0 1 1]\n" {
		t.Errorf("%d stops, output %q", stops, h.out.String())
	}
}

// TestDebugInterruptPaused interrupts a cell stopped at a breakpoint: the cell fails as
// interrupted without running on, and the session keeps its variables.
func TestDebugInterruptPaused(t *testing.T) {
	h := newDebugHarness(t, "kept := 42")
	cell := "total := 0\nfor i := 0; i < 5; i++ {\n\ttotal += i\n}\nfmt.Println(\"total\", total)"
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{3})
	ctx, cancel := context.WithCancel(context.Background())
	done := h.start(ctx, cell)
	h.stop(done)
	cancel()
	err := <-done
	var ie *InterruptError
	if !errors.As(err, &ie) || ie.Stuck {
		t.Fatalf("interrupted paused cell: %v", err)
	}
	if strings.Contains(h.out.String(), "total") {
		t.Errorf("the cell ran on after the interrupt: %q", h.out.String())
	}
	select {
	case s := <-h.stops:
		t.Errorf("stopped again after the interrupt: %+v", s)
	default:
	}
	h.e.DebugDetach()
	if v := h.run("kept"); v != 42 {
		t.Errorf("kept = %v", v)
	}
	if v := h.run(cell + "\ntotal"); v != 10 {
		t.Errorf("after detach the cell gives %v", v)
	}
}

// TestDebugPause pauses a running loop and resumes it.
func TestDebugPause(t *testing.T) {
	h := newDebugHarness(t)
	cell := "t0 := time.Now()\nn := 0\nfor time.Since(t0) < 2*time.Second {\n\tn++\n\tif n < 0 {\n\t\tbreak\n\t}\n}\nfmt.Println(\"done\")"
	done := h.start(context.Background(), cell)
	time.Sleep(300 * time.Millisecond) // the loop runs
	var s kernel.DebugStop
	for i := 0; ; i++ {
		if err := h.e.DebugPause(1); err == nil {
			break
		} else if i > 1000 {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
	}
	s = h.stop(done)
	f := h.top(1)
	if s.Reason != "pause" || f.Line < 3 || f.Line > 7 {
		t.Fatalf("pause stopped %+v at %+v", s, f)
	}
	if n := h.vars(f.ID)["Session.n"]; n.Value == "0" {
		t.Errorf("n = %+v while the loop runs", n)
	}
	h.e.DebugDetach()
	if err := <-done; err != nil || h.out.String() != "done\n" {
		t.Fatalf("after detach: %v %q", err, h.out.String())
	}
}

// TestDebugStaleFunctionValue: without the repair at attach (debug_rebind.go), a
// function literal or method value made while the debugger was detached cannot be
// entered while it is attached (yaegi dereferences the debugger state of the frame it
// was made in); the cell fails with a message saying so, and works again after detach or
// when made again.
func TestDebugStaleFunctionValue(t *testing.T) {
	rebindOff = true
	t.Cleanup(func() { rebindOff = false })
	h := newDebugHarness(t, "double := func(x int) int { return 2 * x }")
	_, err := h.e.Execute(context.Background(), "double(3)", h.io())
	if err == nil || !strings.Contains(err.Error(), "made before it was attached") {
		t.Fatalf("calling a stale function value: %v", err)
	}
	if v := h.run("double = func(x int) int { return 2 * x }\ndouble(4)"); v != 8 {
		t.Errorf("made again: %v", v)
	}
	h.e.DebugDetach()
	if v := h.run("double(5)"); v != 10 {
		t.Errorf("after detach: %v", v)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
