package storage

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/synth"
)

// cpuTime returns the CPU time the process has used: on a shared machine, rows per
// CPU-second are steadier than rows per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParquet writes and reads back 100 k synthetic events (about 10,600 users)
// in a mem:// store; it reports rows/s of each.
func BenchmarkParquet(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, "mem://bench-parquet")
	if err != nil {
		b.Fatal(err)
	}
	ev := synth.Events(synth.Config{Users: 10000, Seed: 1, End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, 0, 10000)
	var wt, rt, wc, rc time.Duration
	for b.Loop() {
		c0 := cpuTime()
		t0 := time.Now()
		if _, err := st.WriteParquet(ctx, "ev.parquet", ev, Options{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		c1 := cpuTime()
		if _, err := st.ReadParquet(ctx, "ev.parquet"); err != nil {
			b.Fatal(err)
		}
		wt += t1.Sub(t0)
		rt += time.Since(t1)
		wc += c1 - c0
		rc += cpuTime() - c1
	}
	rows := float64(ev.NumRows() * b.N)
	b.ReportMetric(rows/wt.Seconds(), "write-rows/s")
	b.ReportMetric(rows/rt.Seconds(), "read-rows/s")
	b.ReportMetric(rows/wc.Seconds(), "write-rows/cpu-s")
	b.ReportMetric(rows/rc.Seconds(), "read-rows/cpu-s")
}

// BenchmarkCSV writes and reads back the same events as CSV.
func BenchmarkCSV(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, "mem://bench-csv")
	if err != nil {
		b.Fatal(err)
	}
	ev := synth.Events(synth.Config{Users: 10000, Seed: 1, End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, 0, 10000)
	var wt, rt, wc, rc time.Duration
	for b.Loop() {
		c0 := cpuTime()
		t0 := time.Now()
		if _, err := st.WriteCSV(ctx, "ev.csv", ev, Options{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		c1 := cpuTime()
		if _, err := st.ReadCSV(ctx, "ev.csv", CSVOptions{}); err != nil {
			b.Fatal(err)
		}
		wt += t1.Sub(t0)
		rt += time.Since(t1)
		wc += c1 - c0
		rc += cpuTime() - c1
	}
	rows := float64(ev.NumRows() * b.N)
	b.ReportMetric(rows/wt.Seconds(), "write-rows/s")
	b.ReportMetric(rows/rt.Seconds(), "read-rows/s")
	b.ReportMetric(rows/wc.Seconds(), "write-rows/cpu-s")
	b.ReportMetric(rows/rc.Seconds(), "read-rows/cpu-s")
}
