package synth

import (
	"context"
	"errors"
	"testing"

	"github.com/sluice-dev/sluice/table"
)

// mustEvents is events for tests that expect no panic.
func mustEvents(tb testing.TB, cfg Config, from, to, workers int) *table.Table {
	tb.Helper()
	t, err := events(cfg, from, to, workers)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// hugeRange is a user range whose columns no machine can allocate: growing a worker's
// columns panics (a negative or too large length) inside the worker goroutine.
const hugeRange = 1 << 61

// TestEventsWorkerPanicIsAnError checks that a panic in an event worker goroutine comes
// back as events' error, with one worker and with two, instead of ending the process.
func TestEventsWorkerPanicIsAnError(t *testing.T) {
	cfg := Config{Users: 10, End: testEnd}.withDefaults()
	for _, workers := range []int{1, 2} {
		_, err := events(cfg, 0, hugeRange, workers)
		var pe *PanicError
		if !errors.As(err, &pe) || pe.Value == nil || len(pe.Stack) == 0 {
			t.Errorf("%d workers: err = %v, want a *PanicError", workers, err)
		}
	}
}

// TestEventsPanicReachesCaller checks that Events raises a worker's panic again in the
// calling goroutine, where a cell (or any caller) can recover it.
func TestEventsPanicReachesCaller(t *testing.T) {
	defer func() {
		v := recover()
		if v == nil {
			t.Fatal("Events over an impossible range returned")
		}
		if err, ok := v.(error); !ok || err.Error() == "" {
			t.Errorf("recovered %#v, want the worker's panic as an error", v)
		}
	}()
	Events(Config{Users: 10, End: testEnd}, 0, hugeRange)
}

// TestGenerateBatchPanicIsAnError checks that GenerateBatch returns a panic while
// generating as its error.
func TestGenerateBatchPanicIsAnError(t *testing.T) {
	b, err := GenerateBatch(context.Background(), Config{Users: hugeRange, End: testEnd}, 0, 1)
	var pe *PanicError
	if b != nil || !errors.As(err, &pe) {
		t.Fatalf("GenerateBatch = %v, %v; want a *PanicError", b, err)
	}
}
