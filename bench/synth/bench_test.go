// Package synthbench benchmarks the data path of notebooks 01 and 03 at the
// reference scale: generating 100,000 users (≈1.06 M events) in 10 batches, writing
// and reading them as Parquet, and exporting a loaded dataset from the sandbox and
// from PostgreSQL to storage. Results are summarised in bench/platform-data.md.
//
//	go test -run XXX -bench . -benchtime 1x ./bench/synth/
package synthbench

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/export"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/platform/synth"
	"github.com/sluice-dev/sluice/table"
)

const (
	refUsers   = 100_000
	refBatches = 10
)

var refCfg = synth.Config{Users: refUsers, Seed: 1, End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}

// peakHeap samples the live heap while f runs and returns its peak in bytes.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return peak.Load()
}

// cpuTime returns the process's CPU time (user + system); on a shared machine rows
// per CPU-second are steadier than rows per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGenerateReference generates the reference scale batch by batch.
func BenchmarkGenerateReference(b *testing.B) {
	ctx := context.Background()
	var events, profiles int
	c0 := cpuTime()
	for b.Loop() {
		for i := 0; i < refBatches; i++ {
			batch, err := synth.GenerateBatch(ctx, refCfg, i, refBatches)
			if err != nil {
				b.Fatal(err)
			}
			events += batch.Events.NumRows()
			profiles += batch.Profiles.NumRows()
		}
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(profiles)/b.Elapsed().Seconds(), "profiles/s")
	b.ReportMetric(float64(events)/(cpuTime()-c0).Seconds(), "events/cpu-s")
}

// BenchmarkEventsOneTable generates all users' events into one table at the reference
// scale and at 5×, and reports the peak and the final live heap per event and the
// rate per CPU-second: issue 19's "all users in one table" row (bench/anchors measures
// the same in child processes, with peak RSS). The ratios to read are the 5× run's
// peak-heap-MiB and cpu-s over the 1× run's.
func BenchmarkEventsOneTable(b *testing.B) {
	for _, scale := range []int{1, 5} {
		b.Run(fmt.Sprintf("scale=%d", scale), func(b *testing.B) {
			cfg := refCfg
			cfg.Users = scale * refUsers
			var peak, live uint64
			events := 0
			c0 := cpuTime()
			for b.Loop() {
				var t *table.Table
				peak = max(peak, peakHeap(func() { t = synth.Events(cfg, 0, cfg.Users) }))
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc
				events = t.NumRows()
				runtime.KeepAlive(t)
			}
			cpu := (cpuTime() - c0).Seconds() / float64(b.N)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(live)/float64(events), "live-B/event")
			b.ReportMetric(cpu, "cpu-s")
			b.ReportMetric(float64(events)/cpu, "events/cpu-s")
		})
	}
}

// BenchmarkParquetEvents writes the reference events as Parquet files of one batch
// each (snappy) to a file:// store and reads them back.
func BenchmarkParquetEvents(b *testing.B) {
	ctx := context.Background()
	st, err := storage.Open(ctx, "file://"+b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	var batches []*table.Table
	rows := 0
	for i := 0; i < refBatches; i++ {
		batch, err := synth.GenerateBatch(ctx, refCfg, i, refBatches)
		if err != nil {
			b.Fatal(err)
		}
		batches = append(batches, batch.Events)
		rows += batch.Events.NumRows()
	}
	var written int64
	var writeTime, readTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		for i, t := range batches {
			n, err := st.WriteParquet(ctx, fmt.Sprintf("events/part-%05d.parquet", i), t, storage.Options{})
			if err != nil {
				b.Fatal(err)
			}
			written += n
		}
		t1 := time.Now()
		back, err := st.ReadParquet(ctx, "events")
		if err != nil || back.NumRows() != rows {
			b.Fatalf("read back %v rows, err %v", back.NumRows(), err)
		}
		writeTime += t1.Sub(t0)
		readTime += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(rows)*n/writeTime.Seconds(), "write-rows/s")
	b.ReportMetric(float64(rows)*n/readTime.Seconds(), "read-rows/s")
	b.ReportMetric(float64(written)/n/float64(rows), "bytes/row")
}

// BenchmarkExportSandbox exports the reference events from the sandbox.
func BenchmarkExportSandbox(b *testing.B) {
	benchExport(b, testdb.Sandbox(b).DB)
}

// BenchmarkExportPostgres exports the reference events from PostgreSQL.
func BenchmarkExportPostgres(b *testing.B) {
	benchExport(b, testdb.Postgres(b).DB)
}

func benchExport(b *testing.B, db *qs.Client) {
	ctx := context.Background()
	var cols []string
	for _, f := range synth.EventFields {
		cols = append(cols, qs.QuoteIdent(f.Name)+" "+f.Type)
	}
	if _, err := db.Exec(ctx, "CREATE TABLE events ("+strings.Join(cols, ", ")+")"); err != nil {
		b.Fatal(err)
	}
	rows := 0
	load := time.Now()
	for i := 0; i < refBatches; i++ {
		batch, err := synth.GenerateBatch(ctx, refCfg, i, refBatches)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.CopyFrom(ctx, "events", nil, batch.Events); err != nil {
			b.Fatal(err)
		}
		rows += batch.Events.NumRows()
	}
	b.Logf("generated and loaded %d events in %s", rows, time.Since(load).Round(time.Millisecond))
	st, err := storage.Open(ctx, "file://"+b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	var peak uint64
	var bytes int64
	c0 := cpuTime()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			run, err := export.Dataset(ctx, db, st, "events", export.Options{RowsPerFile: 250_000, Quiet: true})
			if err != nil {
				b.Fatal(err)
			}
			if run.Rows != int64(rows) {
				b.Fatalf("exported %d rows of %d", run.Rows, rows)
			}
			bytes = run.Bytes
		}))
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)*float64(b.N)/(cpuTime()-c0).Seconds(), "rows/cpu-s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(bytes)/(1<<20), "MiB-written")
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }

// BenchmarkExportMemoryScaling exports generated rows from PostgreSQL at two sizes,
// 8× apart; the peak heap should stay about the same (the export streams).
func BenchmarkExportMemoryScaling(b *testing.B) {
	ctx := context.Background()
	db, err := qs.Open(ctx, testenv.PostgresDSN(b), qs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	st, err := storage.Open(ctx, "file://"+b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{250_000, 2_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			sql := fmt.Sprintf("SELECT x AS id, md5(x::text) AS h, x * 0.5 AS f, now() AS at FROM generate_series(1, %d) AS x", n)
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					run, err := export.Query(ctx, db, st, "scaling", sql, export.Options{RowsPerFile: 500_000, Quiet: true})
					if err != nil || run.Rows != int64(n) {
						b.Fatalf("export: %v rows, %v", run, err)
					}
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
