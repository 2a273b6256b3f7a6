// spec: Function literals, Type parameter declarations, Function types, Map types
package main

import "fmt"

func Memoize[K comparable, V any](f func(K) V) (func(K) V, func() int) {
	cache := map[K]V{}
	calls := 0
	return func(k K) V {
			if v, ok := cache[k]; ok {
				return v
			}
			calls++
			v := f(k)
			cache[k] = v
			return v
		}, func() int {
			return calls
		}
}

func Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func Counter[T any]() func(T) map[string]int {
	seen := map[string]int{}
	return func(v T) map[string]int {
		seen[fmt.Sprint(v)]++
		return seen
	}
}

func Curry[A, B, R any](f func(A, B) R) func(A) func(B) R {
	return func(a A) func(B) R {
		return func(b B) R { return f(a, b) }
	}
}

func main() {
	slowSquare := func(n int) int { return n * n }
	sq, calls := Memoize(slowSquare)
	fmt.Println(sq(4), sq(4), sq(5), calls())

	var fib func(int) uint64
	fib, fibCalls := Memoize(func(n int) uint64 {
		if n < 2 {
			return uint64(n)
		}
		return fib(n-1) + fib(n-2)
	})
	fmt.Println(fib(80), fibCalls())

	lenThenDouble := Compose(func(s string) int { return len(s) }, func(n int) float64 { return float64(n) * 2 })
	fmt.Printf("%v %T\n", lenThenDouble("hello"), lenThenDouble)

	c := Counter[bool]()
	c(true)
	c(false)
	fmt.Println(c(true))

	add := Curry(func(a int, b string) string { return fmt.Sprint(a, ":", b) })
	fmt.Println(add(1)("x"), add(2)("y"))

	adders := make([]func(int) int, 3)
	for i := range adders {
		adders[i] = Compose(func(x int) int { return x + i }, func(x int) int { return x * 10 })
	}
	fmt.Println(adders[0](1), adders[1](1), adders[2](1))
}
