// spec: Type parameter declarations, Function declarations, Slice types, Appending to and copying slices
package main

import (
	"fmt"
	"strings"
)

func Permutations[T any](xs []T) [][]T {
	if len(xs) <= 1 {
		return [][]T{append([]T(nil), xs...)}
	}
	var out [][]T
	for i := range xs {
		rest := make([]T, 0, len(xs)-1)
		rest = append(rest, xs[:i]...)
		rest = append(rest, xs[i+1:]...)
		for _, p := range Permutations(rest) {
			out = append(out, append([]T{xs[i]}, p...))
		}
	}
	return out
}

func PowerSet[T any](xs []T) [][]T {
	if len(xs) == 0 {
		return [][]T{{}}
	}
	without := PowerSet(xs[1:])
	out := append([][]T(nil), without...)
	for _, s := range without {
		out = append(out, append([]T{xs[0]}, s...))
	}
	return out
}

type Nested[T any] struct {
	Val  T
	Kids []Nested[T]
}

func Flatten[T any](n Nested[T]) []T {
	out := []T{n.Val}
	for _, k := range n.Kids {
		out = append(out, Flatten(k)...)
	}
	return out
}

func Depth[T any](n Nested[T]) int {
	d := 0
	for _, k := range n.Kids {
		d = max(d, Depth(k))
	}
	return d + 1
}

func Render[T any](n Nested[T], indent int, b *strings.Builder) {
	fmt.Fprintf(b, "%s%v\n", strings.Repeat("  ", indent), n.Val)
	for _, k := range n.Kids {
		Render(k, indent+1, b)
	}
}

func main() {
	for _, p := range Permutations([]string{"a", "b", "c"}) {
		fmt.Print(strings.Join(p, ""), " ")
	}
	fmt.Println()
	fmt.Println(len(PowerSet([]int{1, 2, 3, 4})), PowerSet([]rune("xy")))
	tree := Nested[int]{1, []Nested[int]{{2, nil}, {3, []Nested[int]{{4, nil}, {5, []Nested[int]{{6, nil}}}}}}}
	fmt.Println(Flatten(tree), Depth(tree))
	var b strings.Builder
	Render(Nested[string]{Val: "root", Kids: []Nested[string]{{Val: "leaf"}}}, 0, &b)
	fmt.Print(b.String())
	fmt.Printf("%T\n", tree.Kids)
}
