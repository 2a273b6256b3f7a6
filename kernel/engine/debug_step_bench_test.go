package engine

import (
	"context"
	"testing"
)

// stepSpinDecl loops in the interpreter; stepOverCell's line 1 calls it.
const (
	stepSpinDecl = "func spin(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i & 7\n\t}\n\treturn s\n}"
	stepOverCell = "b := spin(20000)\nfmt.Println(b)"
)

// BenchmarkDebugStepOver measures `next` over a call that loops 20,000 times in the
// interpreter, alone and with a cell goroutine alive (blocked on a channel), which
// makes the engine carry the step out as yaegi's step into (bench/debugger.md).
func BenchmarkDebugStepOver(b *testing.B) {
	for _, c := range []struct {
		name      string
		goroutine bool
	}{{"alone", false}, {"goroutine", true}} {
		b.Run(c.name, func(b *testing.B) {
			h := newDebugHarness(b, stepSpinDecl)
			if c.goroutine {
				h.run("block := make(chan int)\ngo func() { <-block }()")
				defer h.run("close(block)")
			}
			h.e.DebugSetBreakpoints(defaultPath(stepOverCell), []int{1})
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				done := h.start(context.Background(), stepOverCell)
				s := h.stop(done)
				b.StartTimer()
				if err := h.e.DebugResume(s.Thread, "next"); err != nil {
					b.Fatal(err)
				}
				s = h.stop(done)
				b.StopTimer()
				if f := h.top(s.Thread); f.Line != 2 {
					b.Fatalf("next stopped at %+v", f)
				}
				if err := h.e.DebugResume(s.Thread, "continue"); err != nil {
					b.Fatal(err)
				}
				if err := <-done; err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}
