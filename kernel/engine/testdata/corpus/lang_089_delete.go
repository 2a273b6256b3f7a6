// spec: Deletion of map elements
package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	delete(m, "b")
	delete(m, "missing")
	fmt.Println(m, len(m))
	var nilMap map[string]int
	delete(nilMap, "x")
	fmt.Println(len(nilMap))
	for k := range m {
		delete(m, k) // deleting during range is allowed
	}
	fmt.Println(len(m))
	type key struct{ a, b int }
	km := map[key]bool{{1, 2}: true, {3, 4}: true}
	delete(km, key{1, 2})
	fmt.Println(km)
}
