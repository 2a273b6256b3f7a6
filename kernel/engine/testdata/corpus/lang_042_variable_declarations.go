// spec: Variable declarations
package main

import "fmt"

var i int
var U, V, W float64
var k = 0
var x, y float32 = -1, -2
var (
	ii      int
	u, v, s = 2.0, 3.0, "bar"
)
var re, im = complexParts(2 + 3i)

func complexParts(c complex128) (float64, float64) { return real(c), imag(c) }

func main() {
	fmt.Println(i, U, V, W, k, x, y, ii, u, v, s, re, im)
	var d = map[string]int{}
	var _, found = d["missing"]
	fmt.Println(found)
	var n = nil == (*int)(nil)
	fmt.Printf("%T %v %T\n", n, n, y)
}
