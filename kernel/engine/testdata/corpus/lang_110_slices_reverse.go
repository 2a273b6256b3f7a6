// spec: Calls, Instantiations
// std: slices.Reverse
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
