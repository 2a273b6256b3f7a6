package atomic_test

import (
	"sync"
	"sync/atomic"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/sync/atomic"
)

// TestPointerMatchesStd applies the same operations to ours and std's Pointer.
func TestPointerMatchesStd(t *testing.T) {
	vals := []*int{nil, new(int), new(int), new(int)}
	var o ours.Pointer[int]
	var s atomic.Pointer[int]
	if o.Load() != s.Load() {
		t.Fatal("zero values differ")
	}
	for i := range 200 {
		a, b := vals[i%4], vals[(i*7+1)%4]
		switch i % 4 {
		case 0:
			o.Store(a)
			s.Store(a)
		case 1:
			if x, y := o.Swap(a), s.Swap(a); x != y {
				t.Fatalf("step %d: Swap old %p, std %p", i, x, y)
			}
		case 2, 3:
			if x, y := o.CompareAndSwap(a, b), s.CompareAndSwap(a, b); x != y {
				t.Fatalf("step %d: CompareAndSwap %v, std %v", i, x, y)
			}
		}
		if o.Load() != s.Load() {
			t.Fatalf("step %d: Load differs", i)
		}
	}
}

func TestPointerConcurrentSwaps(t *testing.T) {
	var p ours.Pointer[int]
	var wg sync.WaitGroup
	seen := make([]int, 8*100)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				v := g*100 + i
				if old := p.Swap(&v); old != nil {
					seen[*old]++
				}
			}
		}()
	}
	wg.Wait()
	seen[*p.Load()]++
	for v, n := range seen {
		if n != 1 {
			t.Fatalf("value %d came out of Swap %d times", v, n)
		}
	}
}
