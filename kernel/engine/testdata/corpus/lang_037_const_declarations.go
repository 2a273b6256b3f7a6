// spec: Constant declarations
package main

import "fmt"

const (
	a = 1
	b
	c = "s"
	d
	e, f = iota, iota * 10
	g, h
)

const (
	Sunday = iota
	Monday
	Tuesday
)

const typedInt int64 = 7
const x, y, z = 1, 2.5, "z"

func main() {
	fmt.Println(a, b, c, d, e, f, g, h)
	fmt.Println(Sunday, Monday, Tuesday)
	fmt.Printf("%T %T %T %T\n", typedInt, x, y, z)
	const local = typedInt * 2
	fmt.Println(local)
}
