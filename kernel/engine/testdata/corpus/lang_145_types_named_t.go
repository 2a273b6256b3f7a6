// spec: Type declarations
// Cell types named like the type parameters of generic functions (T, K, V), with
// package-level variables of them declared before the types.
package main

import "fmt"

var origin T
var count = K(3)
var cache = map[K]V{}

type T struct {
	S string
	F int
}

type K int

type V []string

func Keys[K comparable, V any](m map[K]V) int { return len(m) }

func First[T any](xs []T) T { return xs[0] }

func main() {
	origin = T{S: "o"}
	cache[count] = V{"a", "b"}
	fmt.Println(origin, count, cache, Keys(cache), First([]T{origin}).S)
	fmt.Println(min(count, 2), max(2.5, 1))
}
