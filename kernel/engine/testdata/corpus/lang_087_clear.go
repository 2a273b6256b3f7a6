// spec: Clear, Go 1.21
package main

import "fmt"

type Scores map[string]int

func main() {
	m := Scores{"a": 1, "b": 2}
	alias := m
	clear(m)
	fmt.Println(len(m), len(alias), m == nil)
	s := []int{1, 2, 3}
	clear(s[1:])
	fmt.Println(s, len(s))
	strs := []string{"x", "y"}
	clear(strs)
	fmt.Printf("%q\n", strs)
	type P struct{ v *int }
	one := 1
	ps := []P{{&one}}
	clear(ps)
	fmt.Println(ps[0].v == nil)
	var nilMap map[int]int
	clear(nilMap)
	fmt.Println(len(nilMap))
}
