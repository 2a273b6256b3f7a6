// spec: Instantiations, Struct types, Composite literals, Type identity
package main

import (
	"fmt"
	"sort"
)

type Point struct {
	X, Y int
}

type Person struct {
	Name string
	Age  int
}

type Box[T any] struct {
	Items []T
}

func (b *Box[T]) Add(v T) *Box[T] {
	b.Items = append(b.Items, v)
	return b
}

func (b Box[T]) First() T { return b.Items[0] }

func SortBy[T any, K int | string](xs []T, key func(T) K) []T {
	out := append([]T(nil), xs...)
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func Index[T any, K comparable](xs []T, key func(T) K) map[K]T {
	m := make(map[K]T, len(xs))
	for _, x := range xs {
		m[key(x)] = x
	}
	return m
}

func main() {
	pb := &Box[Point]{}
	pb.Add(Point{3, 4}).Add(Point{1, 2})
	fmt.Printf("%T %v %+v\n", pb, pb.Items, pb.First())

	people := []Person{{"Ann", 41}, {"Bob", 29}, {"Cid", 41}, {"Dee", 35}}
	byAge := SortBy(people, func(p Person) int { return p.Age })
	fmt.Println(byAge)
	byName := Index(people, func(p Person) string { return p.Name })
	fmt.Printf("%+v %T\n", byName["Cid"], byName)

	nested := Box[Box[Point]]{Items: []Box[Point]{*pb}}
	fmt.Printf("%T %v\n", nested, nested.First().First())
	anon := Box[struct{ A, B int }]{}
	anon.Add(struct{ A, B int }{1, 2})
	fmt.Printf("%T %+v\n", anon, anon.Items)
	pp := Box[*Person]{Items: []*Person{&people[1]}}
	pp.First().Age++
	fmt.Println(people[1].Age)
}
