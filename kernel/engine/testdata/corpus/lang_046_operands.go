// spec: Expressions, Operands
package main

import (
	"fmt"
	"math"
)

type T struct{ v int }

func (t T) M() int { return t.v }

func main() {
	x := 4
	fmt.Println((x), (x + 1), -(-x))
	fmt.Println(math.Pi > 3, T{5}.M(), (T{6}).M())
	fmt.Println([]int{1, 2}[1], map[string]int{"a": 9}["a"], "str"[0])
	fmt.Println(func(a int) int { return a * a }(7))
	var f = (func())(nil)
	fmt.Println(f == nil)
	fmt.Println(len([3]int{}), struct{ a, b int }{1, 2})
}
