// spec: Function types
package main

import "fmt"

type BinOp func(a, b int) int

type Visitor func(depth int, names ...string) (count int, err error)

func apply(op BinOp, xs []int) int {
	acc := xs[0]
	for _, x := range xs[1:] {
		acc = op(acc, x)
	}
	return acc
}

func main() {
	add := func(a, b int) int { return a + b }
	fmt.Println(apply(add, []int{1, 2, 3}), apply(func(a, b int) int { return a * b }, []int{2, 3, 4}))
	var nilFn BinOp
	fmt.Println(nilFn == nil)
	var v Visitor = func(d int, names ...string) (int, error) { return d + len(names), nil }
	n, err := v(1, "a", "b")
	fmt.Println(n, err)
	fmt.Printf("%T\n", add)
	ops := map[string]BinOp{"sub": func(a, b int) int { return a - b }}
	fmt.Println(ops["sub"](10, 4))
}
