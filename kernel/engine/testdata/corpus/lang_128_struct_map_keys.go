// spec: Comparison operators, Map types, Struct types
package main

import (
	"fmt"
	"sort"
)

type Cell struct {
	Row, Col int
}

type Key struct {
	Name string
	At   [2]int
	Ptr  *int
}

func main() {
	seen := map[Cell]int{}
	moves := []Cell{{0, 0}, {0, 1}, {0, 0}, {1, 1}, {0, 1}, {0, 0}}
	for _, m := range moves {
		seen[m]++
	}
	var cells []Cell
	for c := range seen {
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool {
		if cells[i].Row != cells[j].Row {
			return cells[i].Row < cells[j].Row
		}
		return cells[i].Col < cells[j].Col
	})
	for _, c := range cells {
		fmt.Println(c, seen[c])
	}
	x := 1
	k1 := Key{"a", [2]int{1, 2}, &x}
	k2 := Key{"a", [2]int{1, 2}, &x}
	k3 := Key{"a", [2]int{1, 2}, new(int)}
	fmt.Println(k1 == k2, k1 == k3)
	set := map[Key]bool{k1: true}
	fmt.Println(set[k2], set[k3])
	var anyKey map[interface{}]string = map[interface{}]string{Cell{1, 2}: "cell", [2]int{1, 2}: "array"}
	fmt.Println(anyKey[Cell{1, 2}], anyKey[[2]int{1, 2}])
}
