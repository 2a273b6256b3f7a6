// std: atomic.Pointer, atomic.Int64, atomic.Value.Swap, atomic.Value, sync.WaitGroup.Go
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Versioned[T any] struct {
	cur     atomic.Pointer[T]
	updates atomic.Int64
}

func (v *Versioned[T]) Update(f func(old T) T) {
	for {
		old := v.cur.Load()
		var base T
		if old != nil {
			base = *old
		}
		next := f(base)
		if v.cur.CompareAndSwap(old, &next) {
			v.updates.Add(1)
			return
		}
	}
}

func (v *Versioned[T]) Get() T {
	if p := v.cur.Load(); p != nil {
		return *p
	}
	var zero T
	return zero
}

type settings struct {
	Level int
	Tags  []string
}

func main() {
	var counter Versioned[int]
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			for j := 0; j < 50; j++ {
				counter.Update(func(n int) int { return n + 1 })
			}
		})
	}
	wg.Wait()
	fmt.Println(counter.Get(), counter.updates.Load())

	var s Versioned[settings]
	fmt.Printf("%+v\n", s.Get())
	s.Update(func(old settings) settings { old.Level = 3; return old })
	s.Update(func(old settings) settings { old.Tags = append(old.Tags, "x"); return old })
	fmt.Printf("%+v %d\n", s.Get(), s.updates.Load())
	fmt.Printf("%T\n", &s.cur)

	var v atomic.Value
	fmt.Println(v.Load() == nil)
	v.Store([]int{1, 2})
	fmt.Println(v.Load().([]int), v.Swap([]int{3}).([]int), v.Load())
	defer func() { fmt.Println("recovered:", recover()) }()
	v.Store("different type")
}
