// spec: Calls, Instantiations
// std: slices.Reverse
// known-failure: one cell and split: CompileError: undefined type for E
package main

import (
	"fmt"
	"slices"
)

func main() {
	xs := []int{3, 1, 2}
	slices.Reverse(xs)
	fmt.Println(xs)
}
