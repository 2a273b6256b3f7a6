// spec: Expression statements, IncDec statements
package main

import "fmt"

type C struct{ n int }

func (c *C) Bump() int { c.n++; return c.n }

func main() {
	c := &C{}
	c.Bump()
	c.Bump()
	fmt.Println(c.n)
	x := 5
	x++
	x--
	x++
	fmt.Println(x)
	arr := []int{1, 2}
	arr[1]++
	m := map[string]int{}
	m["k"]++
	m["k"]++
	fmt.Println(arr, m)
	f := 1.5
	f++
	p := &x
	*p++
	fmt.Println(f, x)
	ch := make(chan int, 1)
	ch <- 1
	<-ch
	func() { fmt.Println("called as a statement") }()
	c.n--
	fmt.Println(c.n)
}
