// spec: Instantiations
// Counted loops in generic functions over several integer types, and a loop variable
// of a named integer type.
package main

import "fmt"

type Integer interface {
	~int | ~int8 | ~uint16 | ~int64 | ~uint
}

type Day int

func sumTo[T Integer](n T) T {
	var s T
	for i := T(0); i < n; i++ {
		s += i
	}
	return s
}

func count[T any](xs []T, keep func(T) bool) int {
	c := 0
	for i := 0; i < len(xs); i++ {
		if keep(xs[i]) {
			c++
		}
	}
	return c
}

func main() {
	fmt.Println(sumTo(10), sumTo(int8(15)), sumTo(uint16(300)), sumTo(int64(1000)), sumTo(uint(9)))
	fmt.Println(sumTo(Day(12)))
	days := []Day{}
	for d := Day(0); d < 10; d++ {
		days = append(days, d*2)
	}
	fmt.Println(days)
	fmt.Println(count([]string{"a", "bb", "", "ccc", "", "d", "ee", "f", "gg"}, func(s string) bool { return len(s) > 1 }))
}
