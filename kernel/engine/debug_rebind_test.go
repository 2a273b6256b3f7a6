package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

func TestDebugLayoutProbe(t *testing.T) {
	l, err := debugLayout()
	if err != nil {
		t.Fatal(err)
	}
	if l.litFrame == 0 || l.wrapFrame == 0 || l.implFn == 0 {
		t.Fatalf("layout %+v", l)
	}
}

// rebindDecl declares a method and a function returning a closure; rebindMade makes,
// at the cell's level, a function literal, a method value, a literal in a map, a
// closure returned by a call and a declared function as a value.
const (
	rebindDecl = "type acc struct{ n int }\n\nfunc (a *acc) add(k int) int {\n\ta.n += k\n\treturn a.n\n}\n\n" +
		"func adder(k int) func(int) int {\n\treturn func(x int) int {\n\t\ty := x + k\n\t\treturn y\n\t}\n}\n\n" +
		"func triple(x int) int {\n\tr := 3 * x\n\treturn r\n}"
	rebindMade = "double := func(x int) int {\n\ty := 2 * x\n\treturn y\n}\na := &acc{}\nadd := a.add\n" +
		"ops := map[string]func(int) int{\"inc\": func(x int) int {\n\tz := x + 1\n\treturn z\n}}\nplus3 := adder(3)\nthird := triple"
	rebindCall = "fmt.Println(double(4), add(2), ops[\"inc\"](5), plus3(1), third(2))"
)

// rebindStop is where a cell stopped and the locals there.
type rebindStop struct {
	path   string
	line   int
	name   string
	locals map[string]string
}

func (s rebindStop) String() string {
	return fmt.Sprintf("%s:%d %s %v", s.path, s.line, s.name, s.locals)
}

// runStops runs code, continuing at every stop, and returns the stops and the output.
func (h *debugHarness) runStops(code string) ([]rebindStop, string) {
	h.t.Helper()
	h.out = &syncBuffer{}
	done := h.start(context.Background(), code)
	var stops []rebindStop
	for {
		select {
		case s := <-h.stops:
			f := h.top(s.Thread)
			locals := map[string]string{}
			for k, v := range h.vars(f.ID) {
				if name, ok := strings.CutPrefix(k, "Locals."); ok {
					locals[name] = v.Value
				}
			}
			stops = append(stops, rebindStop{f.Path, f.Line, f.Name, locals})
			if err := h.e.DebugResume(s.Thread, "continue"); err != nil {
				h.t.Fatalf("continue at %+v: %v", stops[len(stops)-1], err)
			}
		case err := <-done:
			if err != nil {
				h.t.Fatalf("%q: %v", code, err)
			}
			return stops, h.out.String()
		}
	}
}

// TestDebugValuesMadeBeforeAttach: function values made while the debugger was
// detached, or during an earlier session, stop at breakpoints inside them, on the right
// line with their variables, resume, and run after detach and after a second attach.
func TestDebugValuesMadeBeforeAttach(t *testing.T) {
	h := newDebugHarness(t, rebindDecl, rebindMade)
	if h.e.debug.rebind.fixed == 0 {
		t.Fatal("no frame repaired at attach")
	}
	dp, mp := defaultPath(rebindDecl), defaultPath(rebindMade)
	set := func() {
		if ok := h.e.DebugSetBreakpoints(mp, []int{2, 8}); len(ok) != 2 || !ok[0] || !ok[1] {
			t.Fatalf("breakpoints in the making cell: %v", ok)
		}
		if ok := h.e.DebugSetBreakpoints(dp, []int{4, 10, 16}); len(ok) != 3 || !ok[0] || !ok[1] || !ok[2] {
			t.Fatalf("breakpoints in the declaring cell: %v", ok)
		}
	}
	set()
	// where: path, line, function and one local per stop.
	type where struct {
		path       string
		line       int
		name, l, v string
	}
	want := []where{{mp, 2, "<anonymous>", "x", "4"}, {dp, 4, "add", "k", "2"}, {mp, 8, "<anonymous>", "x", "5"},
		{dp, 10, "<anonymous>", "x", "1"}, {dp, 16, "triple", "x", "2"}}
	check := func(when string, stops []rebindStop, out, wantOut string) {
		t.Helper()
		ok := len(stops) == len(want)
		for i := 0; ok && i < len(want); i++ {
			s, w := stops[i], want[i]
			ok = s.path == w.path && s.line == w.line && s.name == w.name && s.locals[w.l] == w.v
		}
		if !ok {
			t.Errorf("%s: stops\n%v, want\n%v", when, stops, want)
		}
		if out != wantOut {
			t.Errorf("%s: output %q, want %q", when, out, wantOut)
		}
	}
	stops, out := h.runStops(rebindCall)
	check("attached", stops, out, "8 2 6 4 6\n")
	h.e.DebugDetach()
	if v := h.run("double(5) + add(1) + ops[\"inc\"](1) + plus3(0) + third(1)"); v != 10+3+2+3+3 {
		t.Errorf("after detach: %v", v)
	}
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	set()
	stops, out = h.runStops(rebindCall)
	want[1].v = "2"
	check("attached again", stops, out, "8 5 6 4 6\n")
	// Made in this session, then used in the next one.
	h.run("quad := func(x int) int {\n\tq := 4 * x\n\treturn q\n}")
	h.e.DebugDetach()
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	qp := defaultPath("quad := func(x int) int {\n\tq := 4 * x\n\treturn q\n}")
	h.e.DebugSetBreakpoints(qp, []int{2})
	stops, out = h.runStops("fmt.Println(quad(3))")
	if len(stops) != 1 || stops[0].line != 2 || stops[0].path != qp || stops[0].locals["x"] != "3" || out != "12\n" {
		t.Errorf("value of an earlier session: stops %v, output %q", stops, out)
	}
}

// TestDebugRebindBounded: the walk at attach ends on cycles and at its bound; a large
// variable does not keep it from a function value in a small one.
func TestDebugRebindBounded(t *testing.T) {
	h := newDebugHarness(t, "x0 := 1")
	h.e.DebugDetach()
	h.run("type ring struct {\n\tnext *ring\n\tf    func() int\n}\nr := &ring{f: func() int { return 7 }}\nr.next = &ring{next: r}\n" +
		"big := make([]any, 300000)\nfor i := range big {\n\tbig[i] = &ring{}\n}")
	if err := h.e.DebugAttach(func(s kernel.DebugStop) { h.stops <- s }); err != nil {
		t.Fatal(err)
	}
	if v := h.run("len(big) + r.next.next.f()"); v != 300007 {
		t.Errorf("after attach: %v", v)
	}
}
