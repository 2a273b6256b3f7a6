package engine

import (
	"context"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// The cells the debugger's benchmarks run: a round trip (compile and run a small cell)
// and an interpreter-heavy loop.
const (
	benchRoundTrip = "x := 40\nx + 2"
	benchLoop      = "s := 0\nfor i := 0; i < 200000; i++ {\n\tif i%3 == 0 {\n\t\ts += i\n\t}\n}\ns"
)

func benchCell(b *testing.B, attach bool, code string) {
	e, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	if attach {
		if err := e.DebugAttach(func(kernel.DebugStop) {}); err != nil {
			b.Fatal(err)
		}
		defer e.DebugDetach()
	}
	ctx := context.Background()
	if _, err := e.Execute(ctx, code, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Execute(ctx, code, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDebugger measures cells with the debugger detached (cells compiled as units
// of their source path, as always) and attached without breakpoints. bench/debugger.md
// compares the detached runs with the engine before cells were compiled per path.
func BenchmarkDebugger(b *testing.B) {
	for _, c := range []struct{ name, code string }{{"roundtrip", benchRoundTrip}, {"loop", benchLoop}} {
		b.Run(c.name+"/detached", func(b *testing.B) { benchCell(b, false, c.code) })
		b.Run(c.name+"/attached", func(b *testing.B) { benchCell(b, true, c.code) })
	}
}
