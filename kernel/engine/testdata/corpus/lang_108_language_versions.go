// spec: Appendix, Language versions, Go 1.18, Go 1.21
package main

import "fmt"

// Go 1.18: generics and the predeclared any and comparable.
func Index[T comparable](xs []T, v T) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
}

func main() {
	var a any = "any is interface{}"
	fmt.Println(a, Index([]string{"a", "b"}, "b"), Index([]int{1}, 5))
	// Go 1.21: min, max and clear are predeclared.
	s := []int{3, 1, 2}
	fmt.Println(min(s[0], s[1], s[2]), max(s[0], s[1]))
	clear(s)
	fmt.Println(s)
}
