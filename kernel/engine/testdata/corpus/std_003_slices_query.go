// std: slices.Contains, slices.ContainsFunc, slices.Index, slices.IndexFunc, slices.Equal, slices.EqualFunc, slices.Compare, slices.CompareFunc
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

func main() {
	langs := []string{"go", "rust", "zig", "c"}
	fmt.Println(slices.Contains(langs, "zig"), slices.Contains(langs, "java"))
	fmt.Println(slices.ContainsFunc(langs, func(s string) bool { return len(s) > 3 }))
	fmt.Println(slices.Index(langs, "c"), slices.Index(langs, "d"))
	fmt.Println(slices.IndexFunc(langs, func(s string) bool { return strings.HasPrefix(s, "r") }))

	a := []int{1, 2, 3}
	fmt.Println(slices.Equal(a, []int{1, 2, 3}), slices.Equal(a, []int{1, 2}), slices.Equal([]int{}, nil))
	strs := []string{"1", "2", "3"}
	fmt.Println(slices.EqualFunc(a, strs, func(n int, s string) bool { return strconv.Itoa(n) == s }))

	fmt.Println(slices.Compare(a, []int{1, 2, 4}), slices.Compare(a, []int{1, 2}), slices.Compare(a, a))
	fmt.Println(slices.CompareFunc(a, []float64{1, 2, 2.5}, func(x int, y float64) int {
		return cmp.Compare(float64(x), y)
	}))
	nan := []float64{0}
	nan[0] = nan[0] / nan[0]
	fmt.Println(slices.Equal(nan, nan), slices.Contains(nan, nan[0]), slices.Index(nan, nan[0]))
}
