// spec: Array types
package main

import "fmt"

const N = 3

func double(a [N]int) [N]int {
	for i := range a {
		a[i] *= 2
	}
	return a
}

func main() {
	var a [N]int
	a[0], a[2] = 1, 3
	b := double(a)
	fmt.Println(a, b, len(a))
	var grid [2][3]string
	grid[1][2] = "x"
	fmt.Printf("%q\n", grid)
	c := a
	c[1] = 100
	fmt.Println(a == c, a != c, a == [N]int{1, 0, 3})
	p := &a
	p[1] = 5
	fmt.Println(a, len(p))
	e := [...]byte{'h', 'i'}
	fmt.Printf("%T %s\n", e, e[:])
}
