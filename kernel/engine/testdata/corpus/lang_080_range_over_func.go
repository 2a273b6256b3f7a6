// spec: For statements with range clause, Go 1.23
package main

import "fmt"

func countTo(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 1; i <= n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func pairs(s []string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func once(yield func() bool) { yield() }

func main() {
	for i := range countTo(5) {
		if i == 4 {
			break
		}
		fmt.Print(i, " ")
	}
	fmt.Println()
	for i, s := range pairs([]string{"x", "y"}) {
		fmt.Println(i, s)
	}
	for range once {
		fmt.Println("once")
	}
	sum := 0
	for i := range countTo(10) {
		if i%2 == 0 {
			continue
		}
		sum += i
	}
	fmt.Println(sum)
}
