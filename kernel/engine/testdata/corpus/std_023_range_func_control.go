// std: slices.All, slices.Values, slices.Backward, maps.Keys, slices.Sorted
package main

import (
	"fmt"
	"maps"
	"slices"
)

func firstNegative(xs []int) (int, bool) {
	for i, x := range slices.All(xs) {
		if x < 0 {
			return i, true
		}
	}
	return -1, false
}

func deferOrder(xs []string) (out []string) {
	func() {
		for _, x := range slices.Backward(xs) {
			defer func() { out = append(out, "deferred "+x) }()
			out = append(out, "body "+x)
		}
		out = append(out, "loop done")
	}()
	return out
}

func recovered(xs []int) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}()
	for x := range slices.Values(xs) {
		if x == 0 {
			panic("zero in input")
		}
	}
	return "no panic"
}

func main() {
	fmt.Println(firstNegative([]int{3, 1, -4, 1, -5}))
	fmt.Println(firstNegative(nil))
	fmt.Println(deferOrder([]string{"a", "b"}))
	fmt.Println(recovered([]int{1, 2}), "|", recovered([]int{1, 0, 2}))

	grid := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
outer:
	for i, row := range slices.All(grid) {
		for v := range slices.Values(row) {
			if v%2 == 0 {
				continue
			}
			if v == 7 {
				break outer
			}
			if v == 5 {
				continue outer
			}
			fmt.Print(i, ":", v, " ")
		}
		fmt.Print("| ")
	}
	fmt.Println()
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	var visited []string
	for k := range maps.Keys(m) {
		visited = append(visited, k)
		if len(visited) == 2 {
			break
		}
	}
	fmt.Println(len(visited), slices.Sorted(maps.Keys(m)))
}
