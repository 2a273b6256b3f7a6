package engine

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// TestTypeTagsBounded: tags of objects that are gone are swept, and a full table stops
// tagging instead of growing.
func TestTypeTagsBounded(t *testing.T) {
	var tt typeTags
	d := &typefmt.Type{}
	for i := 0; i < 20000; i++ {
		tt.tag(make([]int64, 4), d) // garbage at once
	}
	runtime.GC()
	tt.mu.Lock()
	tt.sweep()
	n := len(tt.tags)
	tt.mu.Unlock()
	if n > 100 {
		t.Errorf("%d tags of collected slices left after a sweep", n)
	}
	keep := make([][]int64, 0, 10)
	for i := 0; i < 10; i++ {
		s := make([]int64, 2)
		keep = append(keep, s)
		tt.tag(s, d)
	}
	for _, s := range keep {
		if got := tt.lookup(reflect.ValueOf(s)); got != d {
			t.Fatalf("a live slice lost its tag")
		}
	}
}
