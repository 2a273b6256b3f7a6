// spec: Function declarations, Type parameter declarations, Type inference, Function literals
package main

import (
	"fmt"
	"strconv"
	"strings"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func main() {
	nums := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	evens := Filter(nums, func(n int) bool { return n%2 == 0 })
	fmt.Println(evens)
	squares := Map(evens, func(n int) int { return n * n })
	fmt.Println(squares)
	total := Reduce(squares, 0, func(a, n int) int { return a + n })
	fmt.Println("sum of even squares:", total)
	labels := Map(nums[:4], strconv.Itoa)
	fmt.Printf("%q %T\n", labels, labels)
	joined := Reduce(labels, "", func(acc string, s string) string {
		if acc == "" {
			return s
		}
		return acc + "-" + s
	})
	fmt.Println(joined)
	lengths := Map(strings.Fields("the quick brown fox"), func(s string) int { return len(s) })
	fmt.Println(lengths, Reduce(lengths, 0.0, func(a float64, n int) float64 { return a + float64(n)/2 }))
	fmt.Println(len(Filter([]string{}, func(string) bool { return true })))
}
