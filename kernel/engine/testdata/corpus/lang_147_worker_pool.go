// spec: Select statements, Channel types
// A worker pool at the top of a cell: jobs, results, a context deadline, sync.Once.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

type job struct {
	ID   int
	Size int
}

type result struct {
	ID    int
	Score float64
	Err   error
}

var errTooBig = errors.New("too big")

func score(j job) (float64, error) {
	if j.Size > 40 {
		return 0, fmt.Errorf("job %d: %w", j.ID, errTooBig)
	}
	s := 0.0
	for i := 1; i <= j.Size; i++ {
		s += 1 / float64(i)
	}
	return s, nil
}

func main() {
	jobs := make(chan job)
	results := make(chan result, 4)
	var wg sync.WaitGroup
	var processed atomic.Int64
	var once sync.Once
	started := ""
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(worker int) {
			defer wg.Done()
			once.Do(func() { started = "pool started" })
			for j := range jobs {
				s, err := score(j)
				processed.Add(1)
				results <- result{j.ID, s, err}
			}
		}(w)
	}
	go func() {
		for i := 1; i <= 10; i++ {
			jobs <- job{ID: i, Size: i * 5}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var all []result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	failed := 0
	for _, r := range all {
		if errors.Is(r.Err, errTooBig) {
			failed++
			continue
		}
		fmt.Printf("%d:%.3f ", r.ID, r.Score)
	}
	fmt.Println()
	fmt.Println(started, processed.Load(), "processed,", failed, "too big")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	slow := make(chan int)
	go func() {
		time.Sleep(200 * time.Millisecond)
		select {
		case slow <- 1:
		default:
		}
	}()
	select {
	case v := <-slow:
		fmt.Println("got", v)
	case <-ctx.Done():
		fmt.Println("gave up:", ctx.Err(), errors.Is(ctx.Err(), context.DeadlineExceeded))
	}
	tick := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			tick.Stop()
			break
		}
	}
	fmt.Println("ticks", n)
}
