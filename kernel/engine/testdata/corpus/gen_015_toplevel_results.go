// spec: Short variable declarations, Type inference, Calls, Assignment statements
package main

import "fmt"

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Split[T any](xs []T, n int) ([]T, []T) {
	if n > len(xs) {
		n = len(xs)
	}
	return xs[:n], xs[n:]
}

func Lookup[K comparable, V any](m map[K]V, k K) (V, bool) {
	v, ok := m[k]
	return v, ok
}

type Wrapper[T any] struct{ Inner T }

func Wrap[T any](v T) Wrapper[T] { return Wrapper[T]{v} }

func Repeat[T any](v T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func main() {
	m := Max(3, 8)
	f := Max(2.5, -1)
	s := Max("go", "gopher")
	fmt.Println(m, f, s)
	head, tail := Split([]string{"a", "b", "c", "d"}, 1)
	fmt.Println(head, tail, len(tail))
	v, ok := Lookup(map[string]int{"one": 1}, "one")
	fmt.Println(v, ok)
	w := Wrap(Wrap(m))
	fmt.Printf("%T %v\n", w, w.Inner.Inner)
	var r []rune
	r = Repeat('x', 3)
	fmt.Println(string(r))
	m = Max(m, 100)
	fmt.Println(m)
	z, missing := Lookup(map[int][]byte{}, 1)
	fmt.Println(z == nil, missing)
	a, b := Max(1, 2), Max("b", "a")
	fmt.Println(a, b)
}
