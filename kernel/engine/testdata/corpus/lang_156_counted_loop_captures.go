// spec: For statements with for clause
// Counted loops whose bodies keep the loop variable (closures, addresses, goroutines,
// defers) get one variable per iteration; bodies with function values, panics and
// recovers run once per iteration.
package main

import (
	"fmt"
	"sync"
)

func closures() {
	var fs []func() int
	for i := 0; i < 6; i++ {
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var ps []*int
	for i := 0; i < 5; i++ {
		ps = append(ps, &i)
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println()
}

func goroutines() {
	var wg sync.WaitGroup
	res := make([]int, 9)
	for i := 0; i < 9; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); res[i] = i + 1 }()
	}
	wg.Wait()
	fmt.Println(res)
}

func defers() {
	for i := 0; i < 5; i++ {
		defer fmt.Print(i, " ")
	}
}

func apply(f func(int) int, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += f(i)
	}
	return s
}

func safeDiv(xs []int, d int) (out []int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("after %d: %v", len(out), r)
		}
	}()
	for i := 0; i < len(xs); i++ {
		out = append(out, xs[i]/(d-i))
	}
	return out, nil
}

func main() {
	closures()
	goroutines()
	defers()
	fmt.Println()
	fmt.Println(apply(func(x int) int { return 2*x + 1 }, 10))
	fmt.Println(safeDiv([]int{10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110}, 6))
	fmt.Println(safeDiv([]int{10, 20, 30}, 6))
}
