// spec: Type parameter declarations, Struct types, Go statements, Defer statements
package main

import (
	"fmt"
	"sort"
	"sync"
)

type SafeMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (s *SafeMap[K, V]) Update(k K, f func(V) V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[K]V)
	}
	s.m[k] = f(s.m[k])
}

func (s *SafeMap[K, V]) Snapshot() map[K]V {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[K]V, len(s.m))
	for k, v := range s.m {
		out[k] = v
	}
	return out
}

func ParallelEach[T any](xs []T, workers int, f func(T)) {
	var wg sync.WaitGroup
	ch := make(chan T)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := range ch {
				f(x)
			}
		}()
	}
	for _, x := range xs {
		ch <- x
	}
	close(ch)
	wg.Wait()
}

func main() {
	var counts SafeMap[string, int]
	words := []string{"a", "b", "a", "c", "b", "a"}
	var all []string
	for i := 0; i < 50; i++ {
		all = append(all, words...)
	}
	ParallelEach(all, 4, func(w string) {
		counts.Update(w, func(n int) int { return n + 1 })
	})
	snap := counts.Snapshot()
	keys := make([]string, 0, len(snap))
	for k := range snap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, snap[k])
	}
	var lengths SafeMap[int, []string]
	ParallelEach([]string{"x"}, 2, func(w string) {
		lengths.Update(len(w), func(v []string) []string { return append(v, w) })
	})
	fmt.Println(lengths.Snapshot())
	fmt.Printf("%T\n", &lengths)
}
