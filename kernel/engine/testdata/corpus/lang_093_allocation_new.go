// spec: Allocation
package main

import "fmt"

type S struct {
	a int
	b float64
	c []string
}

func main() {
	p := new(S)
	fmt.Printf("%+v %v\n", *p, p.c == nil)
	n := new(int)
	*n += 5
	fmt.Println(*n)
	pp := new(*int)
	*pp = n
	fmt.Println(**pp)
	// Go 1.26: new accepts an expression and returns a pointer to a copy of its value.
	q := new(42)
	fmt.Println(*q)
	name := new("gopher")
	f := new(2.5 * 2)
	fmt.Printf("%T %v %T %v\n", name, *name, f, *f)
	v := 3
	c := new(v)
	*c = 10
	fmt.Println(v, *c)
}
