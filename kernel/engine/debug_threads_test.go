package engine

import (
	"context"
	"sort"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// TestDebugGoroutinesAreThreads: goroutines a cell starts (the engine starts them
// through compiled code, GoCall and Go) are threads of their own. Two goroutines stop
// at one breakpoint, each under its own thread id with its own stack and locals, both
// are listed by DebugThreads beside the cell's thread 1, and each resumes on its own.
func TestDebugGoroutinesAreThreads(t *testing.T) {
	decl := "func work(i int, res chan int) {\n\tv := i * 100\n\tres <- v\n}"
	h := newDebugHarness(t, decl)
	cell := "res := make(chan int, 4)\nw := func(i int) {\n\tv := i * 10\n\tu := v + 1\n\tres <- u - 1\n}\ngo w(1)\ngo w(2)\ngo work(3, res)\nfmt.Println(<-res + <-res + <-res)"
	h.e.DebugSetBreakpoints(defaultPath(cell), []int{4})
	h.e.DebugSetBreakpoints(defaultPath(decl), []int{3})
	done := h.start(context.Background(), cell)
	seen := map[int]string{} // thread → "i v"
	var stops []kernel.DebugStop
	for len(stops) < 3 {
		s := h.stop(done)
		if s.Reason != "breakpoint" {
			t.Fatalf("stop %+v", s)
		}
		if _, dup := seen[s.Thread]; dup || s.Thread == 1 {
			t.Fatalf("stop %+v: thread already stopped, or the cell's own (stops %+v)", s, stops)
		}
		f := h.top(s.Thread)
		vs := h.vars(f.ID)
		seen[s.Thread] = vs["Locals.i"].Value + " " + vs["Locals.v"].Value
		if (f.Line != 4 || f.Path != defaultPath(cell)) && (f.Line != 3 || f.Path != defaultPath(decl)) {
			t.Errorf("thread %d stopped at %s:%d", s.Thread, f.Path, f.Line)
		}
		if st := h.e.DebugStack(s.Thread); len(st) != 1 || st[0].Name == "cell" {
			t.Errorf("thread %d: stack %+v, want the goroutine's function alone", s.Thread, st)
		}
		stops = append(stops, s)
	}
	var vals []string
	for _, v := range seen {
		vals = append(vals, v)
	}
	sort.Strings(vals)
	if want := "1 10,2 20,3 300"; join(vals) != want {
		t.Errorf("locals of the stopped goroutines %v, want %s", vals, want)
	}
	listed := map[int]bool{}
	for _, th := range h.e.DebugThreads() {
		listed[th.ID] = true
	}
	for _, s := range stops {
		if !listed[s.Thread] {
			t.Errorf("thread %d not listed in %+v", s.Thread, h.e.DebugThreads())
		}
	}
	if !listed[1] {
		t.Errorf("the cell's thread 1 not listed in %+v", h.e.DebugThreads())
	}
	// A step on one goroutine's thread stops that thread on its next line.
	var a kernel.DebugStop
	for _, s := range stops {
		if h.top(s.Thread).Path == defaultPath(cell) {
			a = s
		}
	}
	if err := h.e.DebugResume(a.Thread, "next"); err != nil {
		t.Fatal(err)
	}
	if s := h.stop(done); s.Thread != a.Thread || s.Reason != "step" {
		t.Errorf("after next on thread %d: stop %+v", a.Thread, s)
	} else if f := h.top(a.Thread); f.Line != 5 {
		t.Errorf("after next on thread %d: line %d, want 5", a.Thread, f.Line)
	} else if vs := h.vars(f.ID); vs["Locals.u"].Value == "" || vs["Locals.u"].Value == "0" {
		t.Errorf("u at line 5 = %+v", vs["Locals.u"])
	}
	// Each thread resumes on its own: the others stay stopped meanwhile.
	for i, s := range stops {
		if err := h.e.DebugResume(s.Thread, "continue"); err != nil {
			t.Fatal(err)
		}
		for _, o := range stops[i+1:] {
			if len(h.e.DebugStack(o.Thread)) == 0 {
				t.Errorf("thread %d lost its stop when thread %d resumed", o.Thread, s.Thread)
			}
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := h.out.String(); got != "330\n" {
		t.Errorf("output %q", got)
	}
}

func join(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}
