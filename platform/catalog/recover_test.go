package catalog

import (
	"strings"
	"testing"
)

// TestIngestWorkerPanicIsAnError: a panic inside a parallel ingest worker comes back as
// that batch's error instead of ending the process.
func TestIngestWorkerPanicIsAnError(t *testing.T) {
	b, err := ingestRecovered(func() (*Batch, error) {
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
		return nil, nil
	})
	if b != nil || err == nil || !strings.Contains(err.Error(), "nil map") {
		t.Fatalf("batch %v, error %v", b, err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer recoverLogged("a test goroutine")
		panic("boom")
	}()
	<-done
}
