// std: slices.Min, slices.Max, slices.MinFunc, slices.MaxFunc, slices.Reverse, slices.Concat, slices.Repeat
package main

import (
	"cmp"
	"fmt"
	"slices"
)

type run struct {
	who  string
	secs int
}

func main() {
	xs := []int{4, -2, 9, 9, 0}
	fmt.Println(slices.Min(xs), slices.Max(xs))
	fmt.Println(slices.Min([]string{"pear", "fig", "kiwi"}), slices.Max([]float64{1.5, 2.5}))
	runs := []run{{"ana", 31}, {"ben", 29}, {"cy", 29}, {"dee", 40}}
	bySecs := func(a, b run) int { return cmp.Compare(a.secs, b.secs) }
	fmt.Println(slices.MinFunc(runs, bySecs), slices.MaxFunc(runs, bySecs))
	slices.Reverse(runs)
	fmt.Println(runs)
	all := slices.Concat([]int{1}, nil, []int{2, 3}, []int{})
	fmt.Println(all, len(all))
	fmt.Println(slices.Repeat([]string{"ab", "c"}, 3))
	fmt.Println(len(slices.Repeat([]int{}, 5)), slices.Concat[[]int]() == nil)
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(slices.Min([]int{}))
}
