// std: slices.Max, maps.Clone, cmp.Or
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

type Box[T any] struct {
	V T
}

func Ptr[T any](v T) *T { return new(v) }

type Options struct {
	Retries *int
	Name    *string
	Ratio   *float64
}

func main() {
	p := new(slices.Max([]int{3, 9, 4}))
	*p += 1
	fmt.Println(*p)
	b := new(Box[string]{V: "boxed"})
	fmt.Printf("%T %v\n", b, b.V)
	m := new(maps.Clone(map[string]int{"a": 1}))
	(*m)["b"] = 2
	fmt.Println(*m)
	q := Ptr(cmp.Or("", "default"))
	fmt.Println(*q)
	opts := Options{Retries: new(3), Name: new("svc"), Ratio: new(0.5)}
	fmt.Println(*opts.Retries, *opts.Name, *opts.Ratio)
	fmt.Printf("%T %T\n", opts.Retries, new(Box[[]int]{V: []int{1}}).V)
	x := 10
	px := new(x)
	*px = 11
	fmt.Println(x, *px)
	type celsius float64
	pc := new(celsius(21.5))
	fmt.Printf("%v\n", *pc)
}
