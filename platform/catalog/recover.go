package catalog

import (
	"fmt"
	"log/slog"
	"runtime/debug"
)

// A panic in a goroutine ends the whole process (in the kernel: the session and every
// variable), so the goroutines this package starts recover their panics: a loader's
// becomes its batch's error, a helper's is logged.

// ingestRecovered calls ingest and returns a panic in it as an error.
func ingestRecovered(ingest func() (*Batch, error)) (b *Batch, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("ingest: internal error: %v (a bug in sluice: please report it)", v)
			slog.Error("panic in an ingest worker", "panic", v, "stack", string(debug.Stack()))
		}
	}()
	return ingest()
}

// recoverLogged, deferred first in a goroutine, logs a panic instead of letting it end
// the process.
func recoverLogged(what string) {
	if v := recover(); v != nil {
		slog.Error("panic in "+what, "panic", v, "stack", string(debug.Stack()))
	}
}
