package catalog

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// IngestOptions tunes a load.
type IngestOptions struct {
	// Source labels the batch in the catalog (a file path, "synth seed 42", …).
	Source string
	// ChunkRows is how many rows one COPY sends inside the batch's transaction
	// (default 200,000); it bounds the encoder's buffers, not the batch's atomicity.
	ChunkRows int
	// FirstLine is the source-file line of the table's first row, used when reporting bad
	// rows (for a CSV file with a header: 2). 0 reports data-row numbers instead.
	FirstLine int
	// BatchRows splits a multi-batch load (IngestFile, IngestBatches) into batches of at
	// most this many rows; 0 loads each table as one batch.
	BatchRows int
	// Quiet turns off the progress display of multi-batch loads.
	Quiet bool
	// Parallel loads up to this many batches of a multi-batch load at once, each in its
	// own transaction on its own connection (0 or 1: one at a time). Every batch stays
	// all-or-nothing; after a failure no new batch starts.
	Parallel int
}

// Ingest loads t into dataset as one batch and returns the batch record. The load is
// all-or-nothing: rows are checked against the schema first (bad rows fail the batch
// before anything is loaded, with a *BadRowsError naming each row, line and field),
// then copied in one transaction that also marks the batch successful. On any failure
// no row of the batch remains, the batch is recorded as failed with the reason, and
// both the batch and the error are returned.
//
// Columns of t are matched to fields by name; fields missing from t are loaded as NULL
// (except the identity field, which every row needs). Values are converted to the
// field types: strings are parsed (an empty string is NULL), integers widen to floats.
func (c *Catalog) Ingest(ctx context.Context, dataset string, t *table.Table, opts IngestOptions) (*Batch, error) {
	d, err := c.Dataset(ctx, dataset)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if !d.Managed {
		return nil, fmt.Errorf("ingest into %s: it is a registered table, not a dataset made with CreateDataset; it cannot take batches", dataset)
	}
	conformed, bad, cerr := d.conform(t, opts.FirstLine)
	if cerr != nil || bad != nil {
		b, err := c.beginBatch(ctx, dataset, opts.Source)
		if err != nil {
			return nil, err
		}
		var reason string
		var out error
		if cerr != nil {
			reason, out = cerr.Error(), fmt.Errorf("%w (batch %d failed before loading; no rows were written)", cerr, b.ID)
		} else {
			bad.BatchID = b.ID
			reason, out = bad.Error(), bad
		}
		if err := c.failBatch(ctx, b, reason); err != nil {
			return b, errors.Join(out, err)
		}
		return b, out
	}
	return c.load(ctx, d, conformed, opts)
}

// load copies an already conformed table as one batch.
func (c *Catalog) load(ctx context.Context, d *Dataset, t *table.Table, opts IngestOptions) (*Batch, error) {
	b, err := c.beginBatch(ctx, d.Name, opts.Source)
	if err != nil {
		return nil, err
	}
	setActive(b.ID, true)
	defer setActive(b.ID, false)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer recoverLogged("batch heartbeat")
		c.heartbeat(ctx, b.ID, heartbeatInterval(c.StaleAfter), stop)
	}()

	rows, err := c.copyBatch(ctx, d, b, t, opts)
	if err != nil {
		reason := err.Error()
		if ctx.Err() != nil {
			reason = "interrupted: " + reason
		}
		if ferr := c.failBatch(ctx, b, reason); ferr != nil {
			return b, fmt.Errorf("ingest into %s, batch %d failed, no rows were kept: %w", d.Name, b.ID, errors.Join(err, ferr))
		}
		return b, fmt.Errorf("ingest into %s, batch %d failed, no rows were kept: %w", d.Name, b.ID, err)
	}
	b.Status, b.Rows = StatusSuccess, rows
	return b, nil
}

func heartbeatInterval(stale time.Duration) time.Duration {
	if stale <= 0 {
		stale = 2 * time.Minute
	}
	return max(stale/4, 50*time.Millisecond)
}

// copyBatch copies t (plus the batch-id column) in one transaction that also marks the
// batch successful, and returns the rows copied.
func (c *Catalog) copyBatch(ctx context.Context, d *Dataset, b *Batch, t *table.Table, opts IngestOptions) (int64, error) {
	rows := t.NumRows()
	ids := make([]int64, rows)
	for i := range ids {
		ids[i] = b.ID
	}
	cols := append(append([]*table.Column(nil), t.Columns...), table.IntColumn(BatchColumn, ids))
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.Name
	}
	chunk := opts.ChunkRows
	if chunk <= 0 {
		chunk = 200_000
	}
	tx, err := c.db.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var copied int64
	chunks := max(1, (rows+chunk-1)/chunk)
	for n := 0; n < chunks; n++ {
		from, to := n*chunk, min((n+1)*chunk, rows)
		if to > from {
			part := &table.Table{Columns: make([]*table.Column, len(cols))}
			for i, col := range cols {
				part.Columns[i] = col.Slice(from, to)
			}
			k, err := tx.CopyFrom(ctx, d.Name, names, part)
			if err != nil {
				return 0, err
			}
			copied += k
		}
		if c.afterChunk != nil {
			if err := c.afterChunk(b.ID, n); err != nil {
				return 0, err
			}
		}
	}
	if copied != int64(rows) {
		return 0, fmt.Errorf("the query service stored %d of %d rows", copied, rows)
	}
	fin := now()
	n, err := tx.Exec(ctx, `UPDATE sluice_batches SET status = $1, row_count = $2, finished = $3, heartbeat = $3
		WHERE id = $4 AND status = $5`, StatusSuccess, copied, fin, b.ID, StatusLoading)
	if err != nil {
		return 0, err
	}
	if n != 1 {
		return 0, fmt.Errorf("batch %d is no longer loading (another catalog marked it failed as abandoned)", b.ID)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	b.Finished = fin
	return copied, nil
}

// IngestRun is the record of a multi-batch load.
type IngestRun struct {
	Dataset  string
	Source   string
	Batches  []*Batch
	Rows     int64
	Failed   int
	Duration time.Duration
}

// RowsPerSecond returns the load's throughput.
func (r *IngestRun) RowsPerSecond() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Rows) / r.Duration.Seconds()
}

// String summarizes the run on one line.
func (r *IngestRun) String() string {
	return fmt.Sprintf("ingested %s rows into %s in %d batches (%d failed) in %s — %s rows/s",
		groupDigits(r.Rows), r.Dataset, len(r.Batches), r.Failed, roundDuration(r.Duration), groupDigits(int64(r.RowsPerSecond())))
}

// Table lists the run's batches.
func (r *IngestRun) Table() *table.Table {
	t := batchTable(r.Batches, "ingestion into "+r.Dataset)
	t.Note = r.String()
	return t
}

// DisplayParts shows the run as its batches, with the summary line as the table's note
// (display.Composite).
func (r *IngestRun) DisplayParts() []any { return []any{r.Table()} }

// IngestBatches loads each table as its own batch (or, with opts.BatchRows, splits them
// further), showing progress, opts.Parallel batches at a time, and stops starting new
// batches at the first failure (returning its error). Batches that succeeded stay
// loaded; the run lists every batch attempted, in id order.
func (c *Catalog) IngestBatches(ctx context.Context, dataset string, tables []*table.Table, opts IngestOptions) (*IngestRun, error) {
	start := time.Now()
	run := &IngestRun{Dataset: dataset, Source: opts.Source}
	var parts []*table.Table
	var firstLines []int
	for _, t := range tables {
		n := t.NumRows()
		size := opts.BatchRows
		if size <= 0 || size >= n {
			parts = append(parts, t)
			firstLines = append(firstLines, opts.FirstLine)
			continue
		}
		for from := 0; from < n; from += size {
			to := min(from+size, n)
			p := &table.Table{Columns: make([]*table.Column, len(t.Columns))}
			for i, col := range t.Columns {
				p.Columns[i] = col.Slice(from, to)
			}
			parts = append(parts, p)
			fl := 0
			if opts.FirstLine > 0 {
				fl = opts.FirstLine + from
			}
			firstLines = append(firstLines, fl)
		}
	}
	var total int64
	for _, p := range parts {
		total += int64(p.NumRows())
	}
	prog := startProgress(fmt.Sprintf("ingest into %s", dataset), total, opts.Quiet || len(parts) < 2)
	defer func() { prog.DoneWith(fmt.Sprintf("%d batches, %d failed", len(run.Batches), run.Failed)) }()
	workers := min(max(opts.Parallel, 1), max(len(parts), 1))
	var (
		mu       sync.Mutex
		firstErr error
		next     int
		wg       sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if firstErr != nil || next >= len(parts) {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				o := opts
				o.FirstLine = firstLines[i]
				b, err := ingestRecovered(func() (*Batch, error) { return c.Ingest(ctx, dataset, parts[i], o) })
				mu.Lock()
				if b != nil {
					run.Batches = append(run.Batches, b)
				}
				if err != nil {
					run.Failed++
					if firstErr == nil {
						firstErr = err
					}
				} else {
					run.Rows += b.Rows
				}
				mu.Unlock()
				if err == nil {
					prog.Add(b.Rows)
				}
			}
		}()
	}
	wg.Wait()
	sort.Slice(run.Batches, func(i, j int) bool { return run.Batches[i].ID < run.Batches[j].ID })
	run.Duration = time.Since(start)
	return run, firstErr
}

// describeMapping renders a field mapping for batch sources: "a→x, b→y".
func describeMapping(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"→"+v)
	}
	return strings.Join(parts, ", ")
}
