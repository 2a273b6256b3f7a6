package catalog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// Batch statuses.
const (
	StatusLoading = "loading"
	StatusSuccess = "success"
	StatusFailed  = "failed"
)

// Batch is one ingestion batch: all of its rows were loaded (success) or none were
// (failed); loading means a load is in progress.
type Batch struct {
	ID       int64
	Dataset  string
	Status   string
	Rows     int64
	Source   string
	Started  time.Time
	Finished time.Time
	// Error is the reason a failed batch failed.
	Error string
}

// Duration returns how long the batch took (zero while loading).
func (b *Batch) Duration() time.Duration {
	if b.Finished.IsZero() {
		return 0
	}
	return b.Finished.Sub(b.Started)
}

// String is a one-line summary such as "batch 7 of events: success, 10,000 rows in 0.21s".
func (b *Batch) String() string {
	s := fmt.Sprintf("batch %d of %s: %s, %s rows", b.ID, b.Dataset, b.Status, groupDigits(b.Rows))
	if d := b.Duration(); d > 0 {
		s += " in " + roundDuration(d).String()
	}
	if b.Error != "" {
		s += " — " + b.Error
	}
	return s
}

// Table returns the batch as a one-row table.
func (b *Batch) Table() *table.Table {
	return batchTable([]*Batch{b}, "batch")
}

// DisplayParts shows the batch as its one-line summary above a one-row table
// (display.Composite).
func (b *Batch) DisplayParts() []any { return []any{b.String(), b.Table()} }

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d > time.Minute:
		return d.Round(time.Second)
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	default:
		return d.Round(time.Millisecond)
	}
}

// beginBatch records a new batch as loading, committed, and returns its id.
func (c *Catalog) beginBatch(ctx context.Context, dataset, source string) (*Batch, error) {
	b := &Batch{Dataset: dataset, Status: StatusLoading, Source: source, Started: now()}
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		t, err := c.db.Query(ctx, `INSERT INTO sluice_batches (id, dataset, status, row_count, source, started, heartbeat, owner)
			VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM sluice_batches), $1, $2, 0, $3, $4, $5, $6)
			RETURNING id`, dataset, StatusLoading, source, b.Started, b.Started, processToken)
		if err == nil {
			ids, err := t.Column("id")
			if err != nil || ids.Kind() != table.KindInt || ids.Len() != 1 {
				return nil, fmt.Errorf("record batch for %s: no id returned", dataset)
			}
			b.ID = ids.IntAt(0)
			return b, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
		// Two loaders picked the same next id: try again.
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return nil, fmt.Errorf("record batch for %s: %w", dataset, lastErr)
}

// failBatch records batch b as failed with reason, outside any transaction. It uses a
// context that outlives ctx's cancellation so an interrupted load is still recorded.
func (c *Catalog) failBatch(ctx context.Context, b *Batch, reason string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	b.Status = StatusFailed
	b.Rows = 0
	b.Finished = now()
	b.Error = reason
	if _, err := c.db.Exec(ctx, `UPDATE sluice_batches SET status = $1, row_count = 0, finished = $2, reason = $3
		WHERE id = $4 AND status = $5`, StatusFailed, b.Finished, reason, b.ID, StatusLoading); err != nil {
		return fmt.Errorf("record batch %d as failed: %w", b.ID, err)
	}
	return nil
}

// heartbeat refreshes the batch's heartbeat every interval until stop is closed, so
// other catalogs can tell a live load from an abandoned one.
func (c *Catalog) heartbeat(ctx context.Context, id int64, interval time.Duration, stop <-chan struct{}) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			hctx, cancel := context.WithTimeout(ctx, interval)
			_, _ = c.db.Exec(hctx, `UPDATE sluice_batches SET heartbeat = $1 WHERE id = $2 AND status = $3`, now(), id, StatusLoading)
			cancel()
		}
	}
}

// Recover marks as failed every batch left "loading" whose loader is gone: a loader in
// this process that is no longer running it, a process on this host that has exited,
// or any loader whose heartbeat is older than StaleAfter. It returns how many batches
// it marked. Listing batches and describing datasets call it, so an abandoned batch is
// never shown as loading or counted as success.
func (c *Catalog) Recover(ctx context.Context) (int, error) {
	if err := c.init(ctx); err != nil {
		return 0, err
	}
	t, err := c.db.Query(ctx, `SELECT id, owner, heartbeat FROM sluice_batches WHERE status = $1`, StatusLoading)
	if err != nil {
		return 0, fmt.Errorf("recover batches: %w", err)
	}
	ids := t.Ints("id")
	owners := t.Strings("owner")
	beats := t.Times("heartbeat")
	host, _ := os.Hostname()
	stale := c.StaleAfter
	if stale <= 0 {
		stale = 2 * time.Minute
	}
	marked := 0
	for i, id := range ids {
		reason := ""
		switch {
		case owners[i] == processToken:
			if !isActive(id) {
				reason = "the load was abandoned by this process (it stopped before finishing)"
			}
		case ownerDead(owners[i], host):
			reason = "the loading process exited before the batch committed; no rows were kept"
		case now().Sub(beats[i]) > stale:
			reason = fmt.Sprintf("no heartbeat from the loader for %s; treated as failed, no rows were kept", roundDuration(now().Sub(beats[i])))
		}
		if reason == "" {
			continue
		}
		n, err := c.db.Exec(ctx, `UPDATE sluice_batches SET status = $1, finished = $2, reason = $3, row_count = 0
			WHERE id = $4 AND status = $5`, StatusFailed, now(), reason, id, StatusLoading)
		if err != nil {
			return marked, fmt.Errorf("recover batch %d: %w", id, err)
		}
		marked += int(n)
	}
	return marked, nil
}

// ownerDead reports whether owner ("host/pid/nonce") names a process on this host that
// no longer exists.
func ownerDead(owner, host string) bool {
	parts := strings.Split(owner, "/")
	if len(parts) != 3 || parts[0] != host {
		return false
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return false
	}
	err = syscall.Kill(pid, 0)
	return errors.Is(err, syscall.ESRCH)
}

// Batch returns one batch by id.
func (c *Catalog) Batch(ctx context.Context, id int64) (*Batch, error) {
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	bs, err := c.queryBatches(ctx, `WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return nil, fmt.Errorf("batch %d: %w", id, ErrNotFound)
	}
	return bs[0], nil
}

// BatchList returns the batches of dataset (all datasets when empty), oldest first.
func (c *Catalog) BatchList(ctx context.Context, dataset string) ([]*Batch, error) {
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	if dataset == "" {
		return c.queryBatches(ctx, `ORDER BY id`)
	}
	return c.queryBatches(ctx, `WHERE dataset = $1 ORDER BY id`, dataset)
}

// Batches lists the batches of dataset (all datasets when empty) as a table: id,
// dataset, status, rows, source, started, finished, seconds and error.
func (c *Catalog) Batches(ctx context.Context, dataset string) (*table.Table, error) {
	bs, err := c.BatchList(ctx, dataset)
	if err != nil {
		return nil, err
	}
	title := "batches"
	if dataset != "" {
		title = "batches of " + dataset
	}
	return batchTable(bs, title), nil
}

func (c *Catalog) queryBatches(ctx context.Context, where string, args ...any) ([]*Batch, error) {
	t, err := c.db.Query(ctx, `SELECT id, dataset, status, row_count, source, started, finished, reason
		FROM sluice_batches `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list batches: %w", err)
	}
	ids := t.Ints("id")
	ds := t.Strings("dataset")
	st := t.Strings("status")
	rows := t.Ints("row_count")
	src := t.Strings("source")
	started := t.Times("started")
	finished := t.Times("finished")
	reason := t.Strings("reason")
	out := make([]*Batch, len(ids))
	for i := range ids {
		out[i] = &Batch{ID: ids[i], Dataset: ds[i], Status: st[i], Rows: rows[i], Source: src[i],
			Started: started[i], Finished: finished[i], Error: reason[i]}
	}
	return out, nil
}

func batchTable(bs []*Batch, title string) *table.Table {
	n := len(bs)
	ids, rows := make([]int64, n), make([]int64, n)
	ds, st, src, errs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	started, finished := make([]time.Time, n), make([]time.Time, n)
	secs := make([]float64, n)
	finNull, secNull := make([]bool, n), make([]bool, n)
	for i, b := range bs {
		ids[i], ds[i], st[i], rows[i], src[i], errs[i] = b.ID, b.Dataset, b.Status, b.Rows, b.Source, b.Error
		started[i], finished[i] = b.Started, b.Finished
		if b.Finished.IsZero() {
			finNull[i], secNull[i] = true, true
		} else {
			secs[i] = b.Duration().Seconds()
		}
	}
	fin := table.TimeColumn("finished", finished).WithNulls(finNull)
	sec := table.FloatColumn("seconds", secs).WithNulls(secNull)
	t := table.New(table.IntColumn("id", ids), table.StringColumn("dataset", ds),
		table.StringColumn("status", st), table.IntColumn("rows", rows), table.StringColumn("source", src),
		table.TimeColumn("started", started), fin, sec, table.StringColumn("error", errs))
	t.Title = title
	if n > 20 {
		t.Limit = 50
	}
	return t
}
