// spec: Function declarations, Type parameter declarations, Type inference
package main

import "fmt"

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	ys := Map([]int{1, 2, 3}, func(x int) string { return fmt.Sprint(x * x) })
	fmt.Printf("%q\n", ys)
	zs := Map(ys, func(s string) int { return len(s) })
	fmt.Println(zs)
}
