// std: slices.Insert, slices.Delete, slices.DeleteFunc, slices.Replace, slices.Compact, slices.CompactFunc, slices.Clip, slices.Grow, slices.Clone
package main

import (
	"fmt"
	"slices"
	"strings"
)

func main() {
	s := []string{"a", "b", "e"}
	s = slices.Insert(s, 2, "c", "d")
	fmt.Println(s, len(s))
	s = slices.Insert(s, len(s), "f")
	fmt.Println(s)
	s = slices.Delete(s, 1, 3)
	fmt.Println(s)
	s = slices.Replace(s, 0, 2, "X", "Y", "Z")
	fmt.Println(s)

	nums := []int{1, 2, 3, 4, 5, 6, 7, 8}
	nums = slices.DeleteFunc(nums, func(n int) bool { return n%3 == 0 })
	fmt.Println(nums)

	runs := []int{1, 1, 2, 2, 2, 3, 1, 1}
	fmt.Println(slices.Compact(runs))
	names := []string{"Go", "go", "GO", "Rust", "rust", "Go"}
	fmt.Println(slices.CompactFunc(names, strings.EqualFold))

	c := slices.Clone(nums)
	c[0] = 100
	fmt.Println(nums[0], c[0])
	var nilSlice []int
	fmt.Println(slices.Clone(nilSlice) == nil)

	g := make([]int, 2, 2)
	g = slices.Grow(g, 10)
	fmt.Println(len(g), cap(g) >= 12)
	big := make([]byte, 3, 64)
	clipped := slices.Clip(big)
	fmt.Println(len(clipped), cap(clipped))
}
