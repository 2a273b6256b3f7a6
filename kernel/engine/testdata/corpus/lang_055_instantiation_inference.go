// spec: Instantiations, Type inference
package main

import (
	"fmt"
	"strconv"
)

func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
	out := make([]R, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func Zero[T any]() T {
	var z T
	return z
}

func Convert[To, From any](f From, conv func(From) To) To { return conv(f) }

type Ints []int

func main() {
	strs := Map(Ints{1, 2, 3}, strconv.Itoa) // E, R inferred from arguments
	fmt.Printf("%q\n", strs)
	lens := Map[[]string, string, int](strs, func(s string) int { return len(s) })
	fmt.Println(lens)
	fmt.Printf("%q %v %v\n", Zero[string](), Zero[int](), Zero[*int]() == nil)
	f := Map[[]float64, float64, float64] // explicit instantiation makes a func value
	fmt.Println(f([]float64{1, 2}, func(x float64) float64 { return x / 4 }))
	n := Convert[int]("42", func(s string) int { v, _ := strconv.Atoi(s); return v })
	fmt.Println(n + 1)
}
