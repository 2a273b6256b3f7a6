// spec: Map types
package main

import (
	"fmt"
	"sort"
)

type key struct{ x, y int }

func main() {
	m := map[string]int{"b": 2, "a": 1}
	m["c"] = 3
	fmt.Println(len(m), m["a"], m["zz"])
	fmt.Println(m) // fmt prints maps sorted by key
	grid := map[key]string{{0, 0}: "origin", {1, 2}: "p"}
	fmt.Println(grid[key{1, 2}], len(grid))
	var nilMap map[string]bool
	fmt.Println(nilMap["x"], len(nilMap), nilMap == nil)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys)
	byIface := map[interface{}]int{1: 1, "1": 2, 1.0: 3}
	fmt.Println(byIface[1], byIface["1"], byIface[1.0])
	ref := m
	ref["a"] = 100
	fmt.Println(m["a"])
}
