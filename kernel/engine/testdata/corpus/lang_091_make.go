// spec: Making slices, maps and channels
package main

import "fmt"

type Buf []byte

func main() {
	s := make([]int, 5)
	fmt.Println(s, len(s), cap(s))
	s2 := make([]string, 0, 4)
	fmt.Printf("%q %d %d\n", s2, len(s2), cap(s2))
	b := make(Buf, 2)
	fmt.Printf("%T %v\n", b, b)
	m := make(map[string][]int, 100)
	m["a"] = append(m["a"], 1)
	fmt.Println(m, len(m))
	c := make(chan float64)
	c2 := make(chan float64, 3)
	fmt.Println(cap(c), cap(c2))
	n := 3
	grid := make([][]rune, n)
	for i := range grid {
		grid[i] = make([]rune, n)
		grid[i][i] = 'x'
	}
	fmt.Println(grid)
	defer func() { fmt.Println("recovered:", recover()) }()
	neg := -1
	_ = make([]int, neg)
}
