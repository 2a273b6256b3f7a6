// std: maps.Clone, maps.Copy, maps.DeleteFunc, maps.Equal, maps.EqualFunc
package main

import (
	"fmt"
	"maps"
	"strings"
)

func main() {
	stock := map[string]int{"apple": 5, "pear": 0, "fig": 12}
	backup := maps.Clone(stock)
	backup["apple"] = 99
	fmt.Println(stock, backup)
	fmt.Println(maps.Equal(stock, backup))
	maps.Copy(stock, map[string]int{"kiwi": 3, "fig": 1})
	fmt.Println(stock)
	maps.DeleteFunc(stock, func(k string, v int) bool { return v == 0 || strings.HasPrefix(k, "k") })
	fmt.Println(stock, len(stock))
	upper := map[string]string{"apple": "5", "fig": "1"}
	fmt.Println(maps.EqualFunc(stock, upper, func(v int, s string) bool { return fmt.Sprint(v) == s }))
	var nilMap map[string]int
	fmt.Println(maps.Clone(nilMap) == nil, maps.Equal(nilMap, map[string]int{}))
	type key struct{ a, b int }
	grid := map[key]bool{{0, 1}: true}
	g2 := maps.Clone(grid)
	fmt.Println(maps.Equal(grid, g2), g2[key{0, 1}])
}
