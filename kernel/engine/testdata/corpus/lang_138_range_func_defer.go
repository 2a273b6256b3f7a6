// spec: For statements with range clause, Defer statements
package main

import "fmt"

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func run() {
	for i := range count(3) {
		defer fmt.Println("deferred", i)
		fmt.Println("body", i)
	}
	fmt.Println("loop done")
}

func main() {
	run()
}
