package frontend

// The kernel round trip, old binary against new: this file is not copied into the old
// worktree (run.sh copies only engine_test.go); it drives two real kernel processes
// over ZeroMQ with the runner's Jupyter client, in one run, interleaved.
//
//	FEBENCH_OLD_BIN, FEBENCH_NEW_BIN   the two sluice binaries (both required)
//	FEBENCH_RT_ROUNDS                  rounds (default 60); a round runs every cell once
//	                                   on each kernel, the kernels' order alternating

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/runner"
)

// rtSetup runs once per kernel before the measured rounds.
const rtSetup = "func first[T any](xs []T) T { return xs[0] }\ntype point struct{ X, Y int }"

// rtCells are small cells of the kinds an analyst types between the heavy ones.
var rtCells = []struct{ name, code string }{
	{"expr", "1+1"},
	{"define", "x := 1"},
	{"print", "fmt.Println(x)"},
	{"func", "func sq(n int) int { return n * n }"},
	{"call", "sq(x + 2)"},
	{"generic", `first([]string{"a", "b"})`},
	{"struct", "p := point{X: x, Y: 2}\np.X + p.Y"},
	{"loop", "s := 0\nfor i := range 100 {\n\ts += i\n}\ns"},
}

func startKernel(b *testing.B, bin, home string) *runner.Kernel {
	spec := &runner.KernelSpec{Name: "sluice-febench", Argv: []string{bin, "kernel", "--connection-file", "{connection_file}"}, Language: "go"}
	k, _, err := runner.StartKernel(context.Background(), spec, home, []string{"SLUICE_HOME=" + home}, io.Discard, 60*time.Second, nil)
	if err != nil {
		b.Fatalf("start %s: %v", bin, err)
	}
	return k
}

func execCell(b *testing.B, k *runner.Kernel, code string) (time.Duration, bool, string) {
	t0 := time.Now()
	res, err := k.Execute(context.Background(), &runner.Cell{Type: "code", Source: code}, nil, time.Minute, nil)
	d := time.Since(t0)
	if err != nil {
		b.Fatalf("execute %q: %v", code, err)
	}
	return d, res.Status == "ok", res.EName + " " + res.EValue
}

// BenchmarkRoundTrip measures execute_request → execute_reply + idle for rtCells on a
// kernel built before the front end (FEBENCH_OLD_BIN) and one with it (FEBENCH_NEW_BIN).
func BenchmarkRoundTrip(b *testing.B) {
	oldBin, newBin := os.Getenv("FEBENCH_OLD_BIN"), os.Getenv("FEBENCH_NEW_BIN")
	if oldBin == "" || newBin == "" {
		b.Skip("FEBENCH_OLD_BIN and FEBENCH_NEW_BIN name the two sluice binaries")
	}
	rounds := 60
	if n := os.Getenv("FEBENCH_RT_ROUNDS"); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			b.Fatal(err)
		}
		rounds = v
	}
	home := b.TempDir()
	sides := []struct {
		label string
		bin   string
		k     *runner.Kernel
	}{{"old", oldBin, nil}, {"new", newBin, nil}}
	for i := range sides {
		dir := filepath.Join(home, sides[i].label)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		sides[i].k = startKernel(b, sides[i].bin, dir)
		defer sides[i].k.Shutdown(5 * time.Second)
	}
	var all []sample
	// The first cell of a fresh kernel pays the process's one-time costs.
	for i := range sides {
		d, ok, msg := execCell(b, sides[i].k, rtSetup)
		if !ok {
			b.Fatalf("%s: setup cell failed: %s", sides[i].label, msg)
		}
		all = append(all, sample{Side: sides[i].label, Set: "roundtrip-first", Cell: "setup", Kind: "go", MS: ms(d), OK: ok})
	}
	// Warm-up round, not measured.
	for i := range sides {
		for _, c := range rtCells {
			execCell(b, sides[i].k, c.code)
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for r := 0; r < rounds; r++ {
			for _, c := range rtCells {
				for j := range sides {
					s := &sides[(j+r)%2] // alternate which kernel goes first
					d, ok, msg := execCell(b, s.k, c.code)
					smp := sample{Side: s.label, Set: "roundtrip", Cell: c.name, Kind: "go", Rep: n*rounds + r, MS: ms(d), OK: ok}
					if !ok {
						smp.Error = msg
					}
					all = append(all, smp)
				}
			}
		}
	}
	b.StopTimer()
	record(b, all)
	by := map[string][]sample{}
	for _, s := range all {
		if s.Set == "roundtrip" {
			by[s.Side] = append(by[s.Side], s)
		}
	}
	o, nw := quantile(by["old"], 0.5), quantile(by["new"], 0.5)
	b.ReportMetric(o, "old-median-ms")
	b.ReportMetric(nw, "new-median-ms")
	b.ReportMetric(quantile(by["old"], 0.9), "old-p90-ms")
	b.ReportMetric(quantile(by["new"], 0.9), "new-p90-ms")
	if o > 0 {
		b.ReportMetric(nw/o, "new/old")
	}
}
