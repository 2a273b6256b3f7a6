// spec: Channel types, Go statements, Close
package main

import (
	"fmt"
	"sync"
)

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			out <- n
		}
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int, 16)
	for _, c := range cs {
		wg.Add(1)
		go func(c <-chan int) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func main() {
	for v := range sq(sq(gen(1, 2, 3))) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	total := 0
	src := gen(1, 2, 3, 4, 5, 6)
	for v := range merge(sq(src), sq(src)) {
		total += v
	}
	fmt.Println(total)
}
