// std: slices.Chunk, slices.Concat, slices.Repeat, slices.Collect, slices.Backward, slices.Reverse, slices.IndexFunc
package main

import (
	"fmt"
	"slices"
)

func main() {
	flat := slices.Concat(slices.Repeat([]int{0}, 3), []int{1, 2, 3, 4, 5, 6})
	rows := slices.Collect(slices.Chunk(flat, 3))
	fmt.Println(rows, len(rows))
	rows[1][0] = 100
	fmt.Println(flat[3])
	for i, row := range slices.Backward(rows) {
		r := slices.Clone(row)
		slices.Reverse(r)
		fmt.Println(i, r)
	}
	idx := slices.IndexFunc(rows, func(r []int) bool { return slices.Contains(r, 5) })
	fmt.Println(idx)
	odd := slices.Collect(slices.Chunk([]string{"a", "b", "c", "d", "e"}, 2))
	fmt.Printf("%q %d\n", odd, cap(odd[0]))
	fmt.Println(len(slices.Collect(slices.Chunk([]int{}, 4))))
}
