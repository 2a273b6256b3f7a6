package runtime_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/runtime"
)

type resource struct {
	id   int
	data [64]byte
}

// waitFor runs the garbage collector until done is closed or the time is up.
func waitFor(done chan struct{}) bool {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		select {
		case <-done:
			return true
		case <-time.After(10 * time.Millisecond):
		}
	}
	return false
}

// TestAddCleanupRunsLikeStd: both cleanups attached to one object (one of them through
// an interior pointer) run once it is unreachable, with their arguments; Stop cancels.
func TestAddCleanupRunsLikeStd(t *testing.T) {
	got := make(chan string, 4)
	done := make(chan struct{})
	func() {
		r := &resource{id: 7}
		ours.AddCleanup(r, func(id int) { got <- fmt.Sprint("first ", id) }, r.id)
		ours.AddCleanup(&r.data[8], func(s string) { got <- s; close(done) }, "second")
		stopped := ours.AddCleanup(r, func(int) { got <- "stopped one ran" }, 0)
		stopped.Stop()
	}()
	if !waitFor(done) {
		t.Fatal("the cleanups did not run")
	}
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	close(got)
	seen := map[string]bool{}
	for s := range got {
		seen[s] = true
	}
	if !seen["first 7"] || !seen["second"] || seen["stopped one ran"] || len(seen) != 2 {
		t.Errorf("cleanups ran: %v", seen)
	}
}

func TestAddCleanupPanicsLikeStd(t *testing.T) {
	panicOf := func(f func()) (s string) {
		defer func() { s = fmt.Sprint(recover()) }()
		f()
		return ""
	}
	p := new(resource)
	got := panicOf(func() { ours.AddCleanup(p, func(*resource) {}, p) })
	want := panicOf(func() { runtime.AddCleanup(p, func(*resource) {}, p) })
	if got != want || want == "" {
		t.Errorf("arg == ptr: ours %q, std %q", got, want)
	}
}
