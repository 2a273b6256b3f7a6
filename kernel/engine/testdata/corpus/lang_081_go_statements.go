// spec: Go statements
package main

import (
	"fmt"
	"sync"
)

func square(i int, out []int, wg *sync.WaitGroup) {
	defer wg.Done()
	out[i] = i * i
}

func main() {
	var wg sync.WaitGroup
	out := make([]int, 8)
	for i := range out {
		wg.Add(1)
		go square(i, out, &wg)
	}
	wg.Wait()
	fmt.Println(out)
	var mu sync.Mutex
	total := 0
	var wg2 sync.WaitGroup
	for i := 1; i <= 100; i++ {
		wg2.Add(1)
		go func(n int) {
			defer wg2.Done()
			mu.Lock()
			total += n
			mu.Unlock()
		}(i)
	}
	wg2.Wait()
	fmt.Println(total)
	results := make(chan string)
	go func(msg string) { results <- msg + "!" }("arguments are evaluated in the calling goroutine")
	fmt.Println(<-results)
}
