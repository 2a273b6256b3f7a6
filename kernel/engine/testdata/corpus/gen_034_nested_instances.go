// spec: Instantiations, Type identity, Composite literals, Elision of element types
package main

import "fmt"

type Pair[A, B any] struct {
	First  A
	Second B
}

type Opt[T any] struct {
	V  T
	OK bool
}

type Grid[T any] [][]T

func NewGrid[T any](rows, cols int, fill T) Grid[T] {
	g := make(Grid[T], rows)
	for i := range g {
		g[i] = make([]T, cols)
		for j := range g[i] {
			g[i][j] = fill
		}
	}
	return g
}

func (g Grid[T]) Map(f func(T) T) Grid[T] {
	out := NewGrid[T](len(g), len(g[0]), g[0][0])
	for i := range g {
		for j := range g[i] {
			out[i][j] = f(g[i][j])
		}
	}
	return out
}

func GroupPairs[K comparable, V any](ps []Pair[K, V]) map[K][]V {
	m := map[K][]V{}
	for _, p := range ps {
		m[p.First] = append(m[p.First], p.Second)
	}
	return m
}

func main() {
	nested := Pair[Opt[int], []Pair[string, bool]]{
		First:  Opt[int]{V: 3, OK: true},
		Second: []Pair[string, bool]{{"x", true}, {"y", false}},
	}
	fmt.Printf("%+v\n", nested)
	fmt.Printf("%T\n", nested)
	m := map[Pair[int, int]]Opt[string]{{1, 2}: {"a", true}, {0, 0}: {}}
	fmt.Println(m[Pair[int, int]{1, 2}], m[Pair[int, int]{9, 9}].OK, len(m))
	g := NewGrid(2, 3, 1).Map(func(v int) int { return v * 7 })
	fmt.Printf("%v %T\n", g, g)
	gs := GroupPairs([]Pair[string, int]{{"a", 1}, {"b", 2}, {"a", 3}})
	fmt.Println(gs)
	arr := [2]Opt[Pair[int, string]]{{V: Pair[int, string]{1, "one"}, OK: true}}
	fmt.Printf("%v %T\n", arr, arr)
	var zero Pair[Opt[float64], *int]
	fmt.Println(zero.First.OK, zero.Second == nil)
}
