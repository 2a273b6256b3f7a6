// spec: For statements with range clause, Function types
package main

import "fmt"

func seq(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for i := range seq(3) {
		fmt.Println(i)
	}
}
