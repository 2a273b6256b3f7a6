// spec: Method values, Method expressions, Method sets, Instantiations
package main

import "fmt"

type Acc[T int | float64] struct {
	total T
	n     int
}

func (a *Acc[T]) Add(v T) { a.total += v; a.n++ }

func (a Acc[T]) Mean() float64 {
	if a.n == 0 {
		return 0
	}
	return float64(a.total) / float64(a.n)
}

func (a Acc[T]) Total() T { return a.total }

func Each[T any](xs []T, f func(T)) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	var a Acc[int]
	add := a.Add
	Each([]int{4, 8, 15, 16, 23, 42}, add)
	fmt.Println(a.Total(), a.Mean())

	mean := a.Mean
	a.Add(100)
	fmt.Printf("%.2f %.2f\n", mean(), a.Mean())

	addExpr := (*Acc[float64]).Add
	totalExpr := Acc[float64].Total
	var f Acc[float64]
	addExpr(&f, 1.5)
	addExpr(&f, 2)
	fmt.Println(totalExpr(f))
	fmt.Printf("%T\n", addExpr)
	fmt.Printf("%T\n", totalExpr)

	fs := []func() float64{a.Mean, f.Mean}
	for _, g := range fs {
		fmt.Printf("%.3f ", g())
	}
	fmt.Println()
	fmt.Printf("%T\n", add)
}
