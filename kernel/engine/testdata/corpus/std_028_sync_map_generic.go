// std: sync.OnceValues, sync.Map, slices.Sorted, slices.Collect, maps.Keys
package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

type TypedMap[K comparable, V any] struct {
	m sync.Map
}

func (t *TypedMap[K, V]) Store(k K, v V) { t.m.Store(k, v) }

func (t *TypedMap[K, V]) Load(k K) (V, bool) {
	v, ok := t.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

func (t *TypedMap[K, V]) Snapshot() map[K]V {
	out := map[K]V{}
	t.m.Range(func(k, v any) bool {
		out[k.(K)] = v.(V)
		return true
	})
	return out
}

var loadCatalog = sync.OnceValues(func() ([]string, error) {
	raw := "orders, customers , ,events"
	var out []string
	for _, p := range strings.Split(raw, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("empty catalog")
	}
	return out, nil
})

func main() {
	var tm TypedMap[string, int]
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Go(func() { tm.Store(fmt.Sprint("k", i), i*i) })
	}
	wg.Wait()
	snap := tm.Snapshot()
	fmt.Println(slices.Sorted(maps.Keys(snap)), snap["k3"])
	v, ok := tm.Load("k4")
	fmt.Println(v, ok)
	_, ok = tm.Load("nope")
	fmt.Println(ok)
	tables, err := loadCatalog()
	fmt.Println(tables, err)
	again, _ := loadCatalog()
	fmt.Println(len(again) == len(tables), &again[0] == &tables[0])
}
