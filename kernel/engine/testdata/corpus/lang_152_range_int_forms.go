// spec: For statements with range clause
// Range over an integer: closures, address, assignments to the variable, shadowing, a
// bound changed in the body, typed bounds, defers and nesting.
package main

import "fmt"

type T struct{ v int }

func (t *T) inc() { t.v++ }

func main() {
	var fs []func() int
	for i := range 3 {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	for i := range 5 {
		i *= 2
		fmt.Print(i, " ")
	}
	fmt.Println()
	var ps []*int
	for i := range 3 {
		ps = append(ps, &i)
	}
	fmt.Println(*ps[0], *ps[1], *ps[2])
	i := 4
	for i := range i {
		fmt.Print(i)
	}
	fmt.Println()
	n := 3
	for i := range n {
		n = 10
		fmt.Print(i)
	}
	fmt.Println(n)
	type U int8
	for u := range U(3) {
		fmt.Printf("%T%v ", u, u)
	}
	fmt.Println()
	for j := range 3 {
		defer fmt.Print(j)
	}
	for range 2 {
		fmt.Print("x")
	}
	for k := range int64(2) {
		for k2 := range k + 1 {
			fmt.Print(k, k2, ";")
		}
	}
	fmt.Println()
}
