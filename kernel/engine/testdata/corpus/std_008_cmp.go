// std: cmp.Compare, cmp.Less, cmp.Or, slices.SortFunc
package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

type employee struct {
	dept, name string
	salary     int
}

func main() {
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Compare(2.0, 2.0))
	nan := math.NaN()
	fmt.Println(cmp.Compare(nan, -math.Inf(1)), cmp.Compare(nan, nan), cmp.Less(nan, 0.0), cmp.Less(0.0, nan))
	fmt.Println(cmp.Less("abc", "abd"), cmp.Less(3, 3))
	fmt.Println(cmp.Or("", "", "fallback", "x"), cmp.Or(0, 0), cmp.Or[string]())
	port := cmp.Or(0, 8080)
	fmt.Println(port)
	staff := []employee{
		{"eng", "ivy", 120}, {"ops", "al", 90}, {"eng", "bo", 120}, {"ops", "cy", 95}, {"eng", "dan", 100},
	}
	slices.SortFunc(staff, func(a, b employee) int {
		return cmp.Or(
			cmp.Compare(a.dept, b.dept),
			-cmp.Compare(a.salary, b.salary),
			cmp.Compare(a.name, b.name),
		)
	})
	for _, e := range staff {
		fmt.Println(e.dept, e.salary, e.name)
	}
}
