// spec: Assignment statements
package main

import "fmt"

type T struct{ a, b int }

func two() (int, string) { return 2, "two" }

func main() {
	x, y := 1, 2
	x, y = y, x
	fmt.Println(x, y)
	var n int
	var s string
	n, s = two()
	fmt.Println(n, s)
	a := []int{1, 2, 3}
	i := 0
	i, a[i] = 1, 9
	fmt.Println(i, a)
	t := T{}
	t.a, t.b = 3, 4
	pt := &t
	pt.a += 10
	fmt.Println(t)
	x <<= 3
	x |= 1
	y *= y
	fmt.Println(x, y)
	var iface interface{}
	iface = t
	_, _ = two()
	fmt.Println(iface)
	arr := [3]int{}
	b := arr
	b[0] = 1
	fmt.Println(arr, b)
}
