package synth

import (
	"context"
	"fmt"
	"html"
	"runtime"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// Batch is one ingestion batch of generated data: users [From, To).
type Batch struct {
	Index, Batches int
	From, To       int
	Profiles       *table.Table
	Events         *table.Table
	// Converted is the number of users in the batch with a web.formFilledOut event.
	Converted int
	Duration  time.Duration
}

// Range returns the users [from, to) of batch (0-based) when users are split into
// batches of near-equal size. Arguments that name no batch (no batches at all, a batch
// outside 0..batches-1, a negative number of users) are a programming mistake: Range
// panics with a message that says which.
func Range(users, batch, batches int) (from, to int) {
	switch {
	case batches < 1:
		panic(fmt.Sprintf("synth.Range: batches must be at least 1, got %d", batches))
	case batch < 0 || batch >= batches:
		panic(fmt.Sprintf("synth.Range: batch %d is outside 0..%d", batch, batches-1))
	case users < 0:
		panic(fmt.Sprintf("synth.Range: users must not be negative, got %d", users))
	}
	return users * batch / batches, users * (batch + 1) / batches
}

// GenerateBatch generates batch number batch (0-based) of batches: the profiles and
// events of the users Range(cfg.Users, batch, batches). A panic while generating (a
// batch too large to allocate, say), in the caller or a worker, is returned as an error
// wrapping a *PanicError.
func GenerateBatch(ctx context.Context, cfg Config, batch, batches int) (*Batch, error) {
	switch {
	case cfg.Users <= 0:
		return nil, fmt.Errorf("synth: Config.Users must be positive, got %d", cfg.Users)
	case batches <= 0:
		return nil, fmt.Errorf("synth: batches must be positive, got %d", batches)
	case batch < 0 || batch >= batches:
		return nil, fmt.Errorf("synth: batch %d is outside 0..%d", batch, batches-1)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("synth: batch %d: %w", batch, err)
	}
	began := time.Now()
	cfg = cfg.withDefaults()
	from, to := Range(cfg.Users, batch, batches)
	b := &Batch{Index: batch, Batches: batches, From: from, To: to}
	if perr := protect("generating profiles", func() { b.Profiles = Profiles(cfg, from, to) }); perr != nil {
		return nil, fmt.Errorf("synth: batch %d: %w", batch, perr)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("synth: batch %d: %w", batch, err)
	}
	var err error
	if b.Events, err = events(cfg, from, to, runtime.GOMAXPROCS(0)); err != nil {
		return nil, fmt.Errorf("synth: batch %d: %w", batch, err)
	}
	b.Converted = countConverted(b.Events)
	b.Duration = time.Since(began)
	return b, nil
}

// countConverted counts web.formFilledOut events (one per converted user).
func countConverted(events *table.Table) int {
	n := 0
	for _, t := range events.Columns[2].Strings() {
		if t == FormFilledOut {
			n++
		}
	}
	return n
}

// String summarises the batch on one line.
func (b *Batch) String() string {
	users := b.To - b.From
	return fmt.Sprintf("batch %d/%d: %d users, %d events, %d converted (%.1f%%) in %s",
		b.Index+1, b.Batches, users, b.Events.NumRows(), b.Converted,
		100*float64(b.Converted)/float64(max(users, 1)), b.Duration.Round(time.Millisecond))
}

// HTML renders the batch summary.
func (b *Batch) HTML() string { return "<p>" + html.EscapeString(b.String()) + "</p>" }
