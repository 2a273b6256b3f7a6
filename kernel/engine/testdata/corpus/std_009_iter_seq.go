// std: iter.Seq, iter.Seq2, slices.Collect, maps.Collect
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Fib() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func Take[V any](seq iter.Seq[V], n int) iter.Seq[V] {
	return func(yield func(V) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Enumerate[V any](seq iter.Seq[V]) iter.Seq2[int, V] {
	return func(yield func(int, V) bool) {
		i := 0
		for v := range seq {
			if !yield(i, v) {
				return
			}
			i++
		}
	}
}

func Swap[K, V any](seq iter.Seq2[K, V]) iter.Seq2[V, K] {
	return func(yield func(V, K) bool) {
		for k, v := range seq {
			if !yield(v, k) {
				return
			}
		}
	}
}

func main() {
	fmt.Println(slices.Collect(Take(Fib(), 12)))
	for i, f := range Enumerate(Take(Fib(), 5)) {
		fmt.Print(i, "=", f, " ")
	}
	fmt.Println()
	idx := maps.Collect(Swap(slices.All(strings.Fields("one two three"))))
	fmt.Println(idx)
	var seq iter.Seq[string] = slices.Values([]string{"a", "b"})
	fmt.Printf("%T\n", seq)
	seq(func(s string) bool {
		fmt.Println("direct yield", s)
		return false
	})
	sum := 0
	for v := range Fib() {
		if v > 100 {
			break
		}
		sum += v
	}
	fmt.Println(sum)
}
