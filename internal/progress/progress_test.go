package progress

import (
	"sync"
	"testing"
)

// recorder is a Bar that remembers what it was told.
type recorder struct {
	mu      sync.Mutex
	title   string
	total   int64
	n       int64
	summary string
}

func (r *recorder) Add(n int64) { r.mu.Lock(); r.n += n; r.mu.Unlock() }
func (r *recorder) DoneWith(s string) {
	r.mu.Lock()
	r.summary = s
	r.mu.Unlock()
}

func TestStartUsesTheInstalledStarter(t *testing.T) {
	var made *recorder
	SetStarter(func(title string, total int64) Bar {
		made = &recorder{title: title, total: total}
		return made
	})
	defer SetStarter(nil)
	b := Start("ingest into events", 30)
	b.Add(10)
	b.Add(20)
	b.DoneWith("3 batches")
	if made == nil || made.title != "ingest into events" || made.total != 30 || made.n != 30 || made.summary != "3 batches" {
		t.Fatalf("starter's bar got %+v", made)
	}
}

func TestStartWithoutStarterIsSilent(t *testing.T) {
	SetStarter(nil)
	if b := Start("x", 1); b != Silent {
		t.Fatalf("Start without a starter = %T, want Silent", b)
	}
	SetStarter(func(string, int64) Bar { return nil })
	defer SetStarter(nil)
	if b := Start("x", 1); b != Silent {
		t.Fatalf("Start with a starter returning nil = %T, want Silent", b)
	}
	Silent.Add(1)
	Silent.DoneWith("")
}
