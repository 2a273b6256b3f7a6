// std: atomic.Pointer, atomic.Int64, atomic.Int32, atomic.Uint64, atomic.Bool, sync.WaitGroup.Go
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type config struct {
	version int
	name    string
}

func main() {
	var cur atomic.Pointer[config]
	fmt.Println(cur.Load() == nil)
	cur.Store(&config{1, "initial"})
	old := cur.Swap(&config{2, "second"})
	fmt.Println(old.name, cur.Load().version)
	snapshot := cur.Load()
	fmt.Println(cur.CompareAndSwap(old, &config{9, "bad"}), cur.Load().name)
	fmt.Println(cur.CompareAndSwap(snapshot, &config{3, "third"}), cur.Load().name)
	fmt.Printf("%T\n", cur.Load())

	var hits atomic.Int64
	var small atomic.Int32
	var big atomic.Uint64
	var done atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Go(func() {
			for j := 0; j < 100; j++ {
				hits.Add(1)
				small.Add(-1)
				big.Add(uint64(i))
			}
		})
	}
	wg.Wait()
	done.Store(true)
	fmt.Println(hits.Load(), small.Load(), big.Load(), done.Load())
	fmt.Println(hits.CompareAndSwap(1000, 0), hits.Load(), small.Swap(5), small.Load())
	fmt.Println(done.CompareAndSwap(false, true), done.Swap(false), done.Load())
	var counter atomic.Uint32
	counter.Store(^uint32(0))
	fmt.Println(counter.Add(1))
}
