// spec: Go 1.22, For statements with for clause
package main

import "fmt"

func main() {
	// Since Go 1.22 each iteration has its own loop variable.
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var ps []*int
	for i := range 3 {
		ps = append(ps, &i)
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println()
	// Changing the variable inside the body affects the next iteration's copy.
	for i := 0; i < 6; i++ {
		fmt.Print(i, " ")
		i++
	}
	fmt.Println()
	done := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() { done <- i * i }()
	}
	total := 0
	for range 3 {
		total += <-done
	}
	fmt.Println(total)
}
