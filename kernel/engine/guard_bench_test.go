package engine

import (
	"context"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// The guards' cost (bench/engine-guards.md): the same cells lowered with and without
// them. calls: fib(20), 21,891 interpreted calls; statements: a loop of 100,000
// iterations whose two statements (fields through a pointer) record their position;
// safe statements: a loop whose statements cannot panic (no markers); deep recursion:
// 60,000 nested calls, past the point where the stack check walks the stack; make:
// 10,000 make calls of a variable size.
var guardBenchCells = []struct{ name, decl, cell string }{
	{"calls", "func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }", "fib(20)"},
	{"statements", "type acc struct{ s, n int }\nfunc work(p *acc) int {\n\tfor i := 0; i < 100000; i++ {\n\t\tp.s += i\n\t\tp.n++\n\t}\n\treturn p.s\n}",
		"work(&acc{})"},
	{"safe statements", "func safe(xs []int) int {\n\ts := 0\n\tfor i := 0; i < len(xs); i++ {\n\t\ts += xs[i] * 2\n\t\ts %= 1000003\n\t}\n\treturn s\n}\nxs := make([]int, 100000)",
		"safe(xs)"},
	{"deep recursion", "func deep(n int) int { if n == 0 { return 0 }; return deep(n-1) + 1 }", "deep(60000)"},
	{"make", "func mk(n int) int { t := 0; for i := 0; i < 10000; i++ { t += len(make([]byte, n)) }; return t }", "mk(16)"},
}

func BenchmarkGuards(b *testing.B) {
	for _, c := range guardBenchCells {
		for _, off := range []bool{true, false} {
			name := c.name + "/guarded"
			if off {
				name = c.name + "/unguarded"
			}
			b.Run(name, func(b *testing.B) {
				guardsOff = off
				defer func() { guardsOff = false }()
				e := newEngine(b)
				ctx := context.Background()
				if _, err := e.Execute(ctx, c.decl, &kernel.CellIO{}); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := e.Execute(ctx, c.cell, &kernel.CellIO{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkGuardsPaired runs each cell in two engines, one lowered with the guards and
// one without, alternately, and reports the fastest run of each and their ratio: on a
// shared machine the fastest of many runs is what is least disturbed by other load.
func BenchmarkGuardsPaired(b *testing.B) {
	for _, c := range guardBenchCells {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var engines [2]*Engine // 0: unguarded, 1: guarded
			exec := func(i int, code string) {
				guardsOff = i == 0
				defer func() { guardsOff = false }()
				if _, err := engines[i].Execute(ctx, code, &kernel.CellIO{}); err != nil {
					b.Fatal(err)
				}
			}
			for i := range engines {
				engines[i] = newEngine(b)
				exec(i, c.decl)
			}
			best := [2]time.Duration{1 << 62, 1 << 62}
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				for j := 0; j < 2; j++ {
					i := (n + j) % 2
					start := time.Now()
					exec(i, c.cell)
					best[i] = min(best[i], time.Since(start))
				}
			}
			b.ReportMetric(float64(best[0].Nanoseconds()), "unguarded-ns")
			b.ReportMetric(float64(best[1].Nanoseconds()), "guarded-ns")
			b.ReportMetric(float64(best[1])/float64(best[0]), "ratio")
		})
	}
}
