// std: maps.All, maps.Keys, maps.Values, maps.Collect, maps.Insert, slices.Sorted, slices.Collect, slices.All
package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	ages := map[string]int{"zoe": 31, "adam": 45, "mia": 27}
	fmt.Println(slices.Sorted(maps.Keys(ages)))
	fmt.Println(slices.Sorted(maps.Values(ages)))
	total := 0
	for _, v := range maps.All(ages) {
		total += v
	}
	fmt.Println(total)
	copyOf := maps.Collect(maps.All(ages))
	fmt.Println(copyOf)
	byIndex := maps.Collect(slices.All([]string{"x", "y", "z"}))
	fmt.Println(byIndex)
	maps.Insert(ages, maps.All(map[string]int{"bob": 50, "zoe": 32}))
	fmt.Println(ages, len(ages))
	count := 0
	for k := range maps.Keys(ages) {
		if k != "" {
			count++
		}
	}
	fmt.Println(count)
	keys := slices.Collect(maps.Keys(map[int]bool{}))
	fmt.Println(len(keys), keys == nil)
}
