// spec: Order of evaluation
package main

import "fmt"

var trace []string

func v(name string, x int) int { trace = append(trace, name); return x }

func idx(name string, x int) int { trace = append(trace, "idx "+name); return x }

func main() {
	xs := []int{v("a", 1), v("b", 2), v("c", 3)}
	y := v("d", 1) + v("e", 2)*v("f", 3)
	fmt.Println(xs, y, trace)
	trace = nil
	m := map[string]int{}
	arr := []int{0, 0, 0}
	arr[idx("l", 1)], m["k"] = v("r1", 10), v("r2", 20)
	fmt.Println(arr, m, trace)
	i := 0
	i, arr[i] = 1, 9 // arr[0] is set: index operands evaluate first
	fmt.Println(i, arr)
	b, c := 1, 2
	b, c = c, b
	fmt.Println(b, c)
}
