package engine

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// TestUnrollLowering checks which counted loops the front end unrolls.
func TestUnrollLowering(t *testing.T) {
	e := newEngine(t)
	cases := []struct {
		code     string
		unrolled bool
	}{
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { s += i }; return s }", true},
		{"func f(n int64) (s int64) { for i := int64(1); i <= n; i += 1 { s += i }; return }", true},
		{"func f(xs []int) { for i := 0; i < len(xs); i++ { v := xs[i]; xs[i] = v * 2 } }", true},
		{"func f() int { s := 0; for i := 0; i < 100; i++ { if i%3 == 0 { continue }; s += i }; return s }", true},
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { switch { case i > 3: break }; s++ }; return s }", true},
		{"n := 10\ns := 0\nfor i := 0; i < n; i++ { s += i }", true},
		{"s := 0\nfor i := 0; i < 1e6; i++ { s += i }", true},
		{"func f(n int) int { s := 0; for i := range n { s += i }; return s }", true},
		{"s := 0\nfor i := range int8(100) { s += int(i) }", true},
		{"func f(xs []float64) (s float64) { for i := range len(xs) { x := xs[i]; s += x * x }; return }", true},
		// Left alone.
		{"func f() int { s := 0; for i := range 10 { s += i }; return s }", false},
		{"func f(n int) int { s := 0; for i := range n { if i > 5 { break }; s += i }; return s }", false},
		{"func f(n int) []*int { var ps []*int; for i := range n { ps = append(ps, &i) }; return ps }", false},
		{"func f(n int) int { s := 0; for range n { s++ }; return s }", false},
		{"func f() int { s := 0; for i := 0; i < 5; i++ { s += i }; return s }", false}, // too short
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { if i > 5 { break }; s += i }; return s }", false},
		{"func f(n int) int { s := 0\nL:\n\tfor i := 0; i < n; i++ { s += i; continue L }; return s }", false},
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { if i == 2 { goto out } }; out: return s }", false},
		{"func f(n int) []func() int { var fs []func() int; for i := 0; i < n; i++ { fs = append(fs, func() int { return i }) }; return fs }", false},
		{"func f(n int) []*int { var ps []*int; for i := 0; i < n; i++ { ps = append(ps, &i) }; return ps }", false},
		{"func f(n int) { for i := 0; i < n; i++ { defer println(i) } }", false},
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { i++; s += i }; return s }", false},
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { n--; s += i }; return s }", false},
		{"func f(n int) int { g := func() { n-- }; s := 0; for i := 0; i < n; i++ { g(); s += i }; return s }", false},
		{"func f(n int) int { p := &n; s := 0; for i := 0; i < n; i++ { s += i }; return s + *p }", false},
		{"var lim = 10\nfunc g() {}\nfunc f() int { s := 0; for i := 0; i < lim; i++ { g(); s += i }; return s }", false},
		{"func f(m map[int]int) { for i := 0; i < len(m); i++ { m[i+100] = i } }", false},
		{"func f(n float64) float64 { s := 0.0; for x := 0.0; x < n; x++ { s += x }; return s }", false},
		{"func f(n int) int { s := 0; for i := 0; i < n; i++ { for j := 0; j < n; j++ { s += j } }; return s }", true}, // the inner loop only
	}
	for _, c := range cases {
		src := lowerCode(t, e, c.code)
		got := strings.Contains(src, "} }; for ; ")
		if got != c.unrolled {
			t.Errorf("%s: unrolled %v, want %v\n%s", c.code, got, c.unrolled, src)
		}
		if strings.Count(src, "} }; for ; ") > 1 {
			t.Errorf("%s: more than one loop unrolled\n%s", c.code, src)
		}
	}
}

// TestUnrollPanicLine: a panic in any copy of an unrolled body, and in the loop that
// finishes it, is reported at the body's own line and column.
func TestUnrollPanicLine(t *testing.T) {
	e := newEngine(t)
	run(t, e, "func fill(xs []int, d, n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += xs[i] / (d - i)\n\t}\n\treturn s\n}")
	for _, c := range []struct{ call, value, at string }{
		{"fill(make([]int, 40), 5, 40)", "runtime error: integer divide by zero", "at line 4:3 "},  // a later copy
		{"fill(make([]int, 40), 38, 40)", "runtime error: integer divide by zero", "at line 4:3 "}, // the loop after the copies
		{"fill(make([]int, 10), 100, 13)", "runtime error: index out of range [10] with length 10", "at line 4:10 "},
	} {
		o := run(t, e, c.call)
		var x *kernel.ExecError
		if !errors.As(o.err, &x) || x.Name != "panic" || !strings.HasPrefix(x.Value, c.value) {
			t.Fatalf("%s: %v", c.call, describe(o.err))
		}
		if tb := strings.Join(x.Traceback, "\n"); !strings.Contains(x.Value, "(line 4 of the cell") || !strings.Contains(tb, c.at) {
			t.Errorf("%s: not at line 4:\n%s", c.call, describe(o.err))
		}
	}
}

// unrollBenchCell declares decl in a cell, then times the cell call; cpu-ms/op is the
// process's CPU time (steadier than wall time on a shared machine).
func unrollBenchCell(b *testing.B, decl, call string) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	if _, err := e.Execute(context.Background(), decl, cio); err != nil {
		b.Fatal(err)
	}
	var r0, r1 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	for b.Loop() {
		if _, err := e.Execute(context.Background(), call, cio); err != nil {
			b.Fatal(err)
		}
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	b.ReportMetric(float64(r1.Utime.Nano()+r1.Stime.Nano()-r0.Utime.Nano()-r0.Stime.Nano())/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkSumLoop runs bench/anchors' sum function over 5 M in a cell, with the
// loop unrolled and as written.
func BenchmarkSumLoop(b *testing.B) {
	const sumTo = "func sumTo(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i\n\t}\n\treturn s\n}"
	for _, off := range []bool{false, true} {
		name := "unrolled"
		if off {
			name = "as-written"
		}
		b.Run(name, func(b *testing.B) {
			unrollOff = off
			defer func() { unrollOff = false }()
			unrollBenchCell(b, sumTo, "sumTo(5000000)")
		})
	}
}

// BenchmarkSortCellFunction is BenchmarkCellSort's comparator that calls a cell
// function (100 k floats), with the CPU time per sort (bench/anchors.md).
func BenchmarkSortCellFunction(b *testing.B) {
	unrollBenchCell(b, sortBenchSetup, "copy(small, src)\nsort.Slice(small, func(i, j int) bool { return lessF(small[i], small[j]) })")
}

// TestUnrollNotWhileDebugging: cells lowered while a debugger is attached keep their
// loops as written, so that a line breakpoint in the body stops in every iteration.
func TestUnrollNotWhileDebugging(t *testing.T) {
	e := newEngine(t)
	const code = "func f(n int) int { s := 0; for i := 0; i < n; i++ { s += i }; return s }"
	unrolled := func() bool { return strings.Contains(lowerCode(t, e, code), "} }; for ; ") }
	if !unrolled() {
		t.Fatal("not unrolled without a debugger")
	}
	if err := e.DebugAttach(func(kernel.DebugStop) {}); err != nil {
		t.Fatal(err)
	}
	if unrolled() {
		t.Error("unrolled while a debugger is attached")
	}
	e.DebugDetach()
	if !unrolled() {
		t.Error("not unrolled after the debugger was detached")
	}
}
