// spec: Min and max
package main

import (
	"fmt"
	"math"
)

func main() {
	var x, y = 3, 7
	m := min(x, y)
	M := max(x, y, 10)
	fmt.Println(m, M)
	c := max(1, 2.5, 2)
	fmt.Printf("%T %v\n", c, c)
	f := min(0.5, float64(x))
	fmt.Println(f)
	fmt.Println(min("b", "a", "c"), max("apple", "b"))
	fmt.Println(max(math.NaN(), 1), min(-0.0, 0.0))
	type Level int
	var lo, hi Level = 2, 5
	fmt.Printf("%T %v\n", max(lo, hi), min(lo, hi))
	const k = min(5, 3, 9)
	var arr [k]int
	fmt.Println(len(arr))
}
