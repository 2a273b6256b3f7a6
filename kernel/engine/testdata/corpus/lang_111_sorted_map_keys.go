// spec: Map types, For statements with range clause
// std: slices.Sorted, maps.Keys
package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"pear": 3, "apple": 1, "fig": 2}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	for _, k := range keys {
		fmt.Println(k, m[k])
	}
}
