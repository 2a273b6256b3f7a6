// spec: Run-time panics, Index expressions
// known-failure: one cell and split: ends with 'panic: reflect: slice index out of range', go run with 'panic: runtime error: index out of range [5] with length 3'
package main

import "fmt"

func main() {
	xs := []int{1, 2, 3}
	i := 5
	fmt.Println("indexing", len(xs))
	fmt.Println(xs[i])
}
