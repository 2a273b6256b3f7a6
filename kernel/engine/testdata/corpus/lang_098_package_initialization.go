// spec: Package initialization, Program initialization
package main

import "fmt"

var order []string

func note(s string, v int) int { order = append(order, s); return v }

// Initialized by dependency order, not declaration order: d, b, c, a.
var (
	a = c + b
	b = f()
	c = f()
	d = note("d", 3)
)

func f() int {
	d++
	return note("f", d)
}

var total = sum(1, 2, 3)

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	fmt.Println(a, b, c, d, total)
	fmt.Println(order)
}
