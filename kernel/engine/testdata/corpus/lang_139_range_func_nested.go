// spec: For statements with range clause, Break statements, Continue statements, Return statements
package main

import (
	"fmt"
	"maps"
	"slices"
)

func find(grid [][]int, want int) (int, int) {
	for i, row := range slices.All(grid) {
		for j, v := range slices.All(row) {
			if v == want {
				return i, j
			}
		}
		fmt.Println("row", i, "searched")
	}
	return -1, -1
}

func firstKey(m map[string][]int, want int) (key string, found bool) {
	for k := range maps.Keys(m) {
		for v := range slices.Values(m[k]) {
			if v == want {
				key, found = k, true
				return
			}
		}
	}
	return
}

func main() {
	grid := [][]int{{1, 2}, {4, 5}, {7, 8}}
	fmt.Println(find(grid, 5))
	fmt.Println(find(grid, 9))
	fmt.Println(firstKey(map[string][]int{"a": {1, 2}, "b": {3}}, 3))
rows:
	for i, row := range slices.All(grid) {
		for v := range slices.Values(row) {
			switch {
			case v == 7:
				break rows
			case v == 4:
				continue rows
			}
			fmt.Print(i, ":", v, " ")
		}
		fmt.Print("| ")
	}
	fmt.Println()
	total := 0
	for _, row := range slices.All(grid) {
	inner:
		for v := range slices.Values(row) {
			for k := range 3 {
				if k == v%3 {
					continue inner
				}
				total += k
			}
		}
	}
	fmt.Println(total)
}
