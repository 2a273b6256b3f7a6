package catalog

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/synth"
	"github.com/sluice-dev/sluice/table"
)

// BenchmarkIngestReference generates the reference scale (SLUICE_BENCH_USERS users,
// default 100,000, ≈10.6 events each, in 10 batches) with synth and ingests the events
// into the sandbox and into PostgreSQL, one catalog batch per generated batch, loading 1
// or 3 batches at a time while the next ones are generated. It reports rows/s from the
// first generated batch to the last committed one, the seconds spent generating, the
// seconds of generate+ingest, the peak Go heap during the load and the process's peak
// RSS (which includes the in-process sandbox's DuckDB).
//
//	go test -run '^$' -bench IngestReference -benchtime 1x ./platform/catalog/
func BenchmarkIngestReference(b *testing.B) {
	users := 100_000
	if s := os.Getenv("SLUICE_BENCH_USERS"); s != "" {
		users, _ = strconv.Atoi(s)
	}
	for _, name := range []string{"sandbox", "postgres"} {
		for _, parallel := range []int{1, 3} {
			b.Run(fmt.Sprintf("%s/parallel=%d", name, parallel), func(b *testing.B) {
				var be testdb.Backend
				if name == "sandbox" {
					be = testdb.Sandbox(b)
				} else {
					be = testdb.Postgres(b)
				}
				for i := 0; i < b.N; i++ {
					benchIngest(b, be, users, parallel)
				}
			})
		}
	}
}

func benchIngest(b *testing.B, be testdb.Backend, users, parallel int) {
	ctx := context.Background()
	c := New(be.DB)
	c.StaleAfter = 10 * time.Minute
	cfg := synth.Config{Users: users, Seed: 42, End: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
	const batches = 10
	b.StopTimer()
	_ = c.DropDataset(ctx, "bench_events")
	runtime.GC()
	resetPeakRSS()
	peak := watchHeap()
	b.StartTimer()
	start := time.Now()
	var genTime time.Duration
	var rows int64
	// One goroutine generates batches in order; parallel workers ingest them, so
	// generation overlaps loading (with parallel = 1: one batch at a time).
	gen := make(chan *synth.Batch, parallel)
	genErr := make(chan error, 1)
	created := make(chan struct{})
	go func() {
		defer close(gen)
		for k := 0; k < batches; k++ {
			g0 := time.Now()
			batch, err := synth.GenerateBatch(ctx, cfg, k, batches)
			if err != nil {
				genErr <- err
				return
			}
			genTime += time.Since(g0)
			if k == 0 {
				if _, err := c.CreateDataset(ctx, Dataset{Name: "bench_events", Fields: FieldsOf(batch.Events), IdentityField: "user_id"}); err != nil {
					genErr <- err
					return
				}
				close(created)
			}
			gen <- batch
		}
	}()
	var mu sync.Mutex
	var loadErr error
	var wg sync.WaitGroup
	l0 := time.Now()
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range gen {
				bt, err := c.Ingest(ctx, "bench_events", batch.Events, IngestOptions{Source: fmt.Sprintf("synth batch %d", batch.Index)})
				mu.Lock()
				if err != nil && loadErr == nil {
					loadErr = err
				}
				if bt != nil {
					rows += bt.Rows
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-genErr:
		b.Fatal(err)
	default:
	}
	if loadErr != nil {
		b.Fatal(loadErr)
	}
	<-created
	loadTime := time.Since(l0)
	total := time.Since(start)
	b.StopTimer()
	heap := peak()
	if n, err := c.RowCount(ctx, "bench_events"); err != nil || n != rows {
		b.Fatalf("stored %d rows (%v), ingested %d", n, err, rows)
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)/loadTime.Seconds(), "rows/s")
	b.ReportMetric(genTime.Seconds(), "generate-s")
	b.ReportMetric(total.Seconds(), "total-s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-rss-MiB")
	_ = c.DropDataset(ctx, "bench_events")
	b.StartTimer()
}

// watchHeap samples the live heap every 20ms until the returned function is called,
// which returns the largest sample.
func watchHeap() func() uint64 {
	var mu sync.Mutex
	var max uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			if v := sample[0].Value.Uint64(); v > max {
				max = v
			}
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return max
	}
}

// resetPeakRSS resets the kernel's peak-RSS mark of this process (Linux).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the process's peak resident set size in bytes (VmHWM), 0 if unknown.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkIngestNotebook01 runs notebook 01's ingestion cell at the reference scale on
// the sandbox: one batch at a time, generate the batch, ingest its profiles, then its
// events (20 catalog batches, nothing overlapped). It reports the cell's seconds and the
// part of them spent generating.
//
//	go test -run '^$' -bench IngestNotebook01 -benchtime 1x ./platform/catalog/
func BenchmarkIngestNotebook01(b *testing.B) {
	users := 100_000
	if s := os.Getenv("SLUICE_BENCH_USERS"); s != "" {
		users, _ = strconv.Atoi(s)
	}
	be := testdb.Sandbox(b)
	ctx := context.Background()
	c := New(be.DB)
	cfg := synth.Config{Users: users, Seed: 42, End: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
	const batches = 10
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, name := range []string{"bench_events", "bench_profiles"} {
			_ = c.DropDataset(ctx, name)
		}
		if _, err := c.CreateDataset(ctx, Dataset{Name: "bench_profiles", Fields: FieldsOf(synth.Profiles(cfg, 0, 1)), IdentityField: "user_id"}); err != nil {
			b.Fatal(err)
		}
		if _, err := c.CreateDataset(ctx, Dataset{Name: "bench_events", Fields: FieldsOf(synth.Events(cfg, 0, 1)), IdentityField: "user_id"}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		var genTime time.Duration
		var rows int64
		for k := 0; k < batches; k++ {
			g0 := time.Now()
			batch, err := synth.GenerateBatch(ctx, cfg, k, batches)
			if err != nil {
				b.Fatal(err)
			}
			genTime += time.Since(g0)
			src := fmt.Sprintf("synth batch %d/%d", k+1, batches)
			for _, load := range []struct {
				name string
				t    *table.Table
			}{{"bench_profiles", batch.Profiles}, {"bench_events", batch.Events}} {
				bt, err := c.Ingest(ctx, load.name, load.t, IngestOptions{Source: src})
				if err != nil {
					b.Fatal(err)
				}
				rows += bt.Rows
			}
		}
		total := time.Since(start)
		b.StopTimer()
		b.ReportMetric(float64(rows), "rows")
		b.ReportMetric(genTime.Seconds(), "generate-s")
		b.ReportMetric(total.Seconds(), "total-s")
		b.StartTimer()
	}
}
