// spec: Calls, Type inference, Instantiations, Function declarations
package main

import (
	"cmp"
	"fmt"
)

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func InsertionSort[T cmp.Ordered](xs []T) []T {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && cmp.Less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	return xs
}

func SortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	return InsertionSort(Keys(m))
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	g := map[K][]T{}
	for _, x := range xs {
		k := key(x)
		g[k] = append(g[k], x)
	}
	return g
}

func Count[T any, K cmp.Ordered](xs []T, key func(T) K) ([]K, []int) {
	g := GroupBy(xs, key)
	ks := SortedKeys(g)
	ns := make([]int, len(ks))
	for i, k := range ks {
		ns[i] = len(g[k])
	}
	return ks, ns
}

type Inventory map[string]int

func main() {
	inv := Inventory{"pears": 3, "apples": 5, "figs": 0}
	fmt.Println(SortedKeys(inv))
	words := []string{"go", "rust", "c", "zig", "java", "d", "ocaml"}
	ks, ns := Count(words, func(s string) int { return len(s) })
	fmt.Println(ks, ns)
	g := GroupBy(words, func(s string) byte { return s[0] })
	fmt.Println(g['g'], g['z'], len(g))
	fmt.Println(InsertionSort([]float64{2.5, -1, 0}))
}
