// spec: Method expressions
package main

import "fmt"

type Acc[T int | float64] struct {
	total T
	n     int
}

func (a *Acc[T]) Add(v T) { a.total += v; a.n++ }

func main() {
	add := (*Acc[float64]).Add
	var a Acc[float64]
	add(&a, 1.5)
	add(&a, 2)
	fmt.Println(a.total, a.n)
}
