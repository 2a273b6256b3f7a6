// spec: Continue statements
// Counted loops whose bodies continue, break out of a switch, a select or an outer
// loop, return, and run nested loops.
package main

import "fmt"

func evens(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if i%2 == 1 {
			continue
		}
		out = append(out, i)
	}
	return out
}

func firstOver(xs []int, limit int) int {
	for i := 0; i < len(xs); i++ {
		if xs[i] > limit {
			return i
		}
	}
	return -1
}

func breakSwitch(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		switch {
		case i%3 == 0:
			s += 100
			break
		case i%3 == 1:
			s++
		default:
			if i > 7 {
				break
			}
			s += 10
		}
	}
	return s
}

func breakLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		if i == 6 {
			break
		}
		s += i
	}
	return s
}

func outer(n int) []int {
	var out []int
rows:
	for r := 0; r < 3; r++ {
		for c := 0; c < n; c++ {
			if c == r+2 {
				continue rows
			}
			if r == 2 && c == 1 {
				break rows
			}
			out = append(out, r*10+c)
		}
	}
	return out
}

func selects(n int) int {
	ch := make(chan int, 100)
	got := 0
	for i := 0; i < n; i++ {
		select {
		case ch <- i:
		default:
			break
		}
		got += <-ch
	}
	return got
}

func main() {
	for n := 0; n < 12; n++ {
		fmt.Println(n, evens(n), breakSwitch(n), breakLoop(n))
	}
	xs := []int{1, 5, 2, 9, 4, 11, 3, 8, 20}
	for _, lim := range []int{0, 4, 8, 10, 15, 100} {
		fmt.Print(firstOver(xs, lim), " ")
	}
	fmt.Println()
	fmt.Println(outer(9), selects(13))
}
