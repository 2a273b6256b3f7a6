// std: slices.Clone, slices.Compact, slices.Insert, slices.Sorted, slices.Grow, slices.Concat, maps.Clone, maps.Collect
package main

import (
	"fmt"
	"maps"
	"slices"
)

type Names []string
type Scores map[string]int

func (n Names) Joined() string {
	s := ""
	for i, x := range n {
		if i > 0 {
			s += "+"
		}
		s += x
	}
	return s
}

func main() {
	n := Names{"b", "a", "a"}
	c := slices.Clone(n)
	fmt.Printf("%T %s\n", c, c.Joined())
	slices.Sort(c)
	c = slices.Compact(c)
	fmt.Printf("%T %v\n", c, c)
	ins := slices.Insert(n, 1, "z")
	fmt.Printf("%T %s\n", ins, ins.Joined())
	sorted := slices.Sorted(slices.Values(n))
	fmt.Printf("%T %v\n", sorted, sorted)
	g := slices.Grow(n, 5)
	fmt.Printf("%T %d\n", g, len(g))
	cc := slices.Concat(n, Names{"q"})
	fmt.Printf("%T %s\n", cc, cc.Joined())

	s := Scores{"x": 1}
	s2 := maps.Clone(s)
	fmt.Printf("%T %v\n", s2, s2)
	col := maps.Collect(maps.All(s))
	fmt.Printf("%T %v\n", col, col)
}
