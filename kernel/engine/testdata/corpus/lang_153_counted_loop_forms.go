// spec: For statements with for clause
// Counted loops of every length around the unrolling factors, with <, <=, += 1, typed
// and untyped bounds, a bound read through len, and bodies that declare variables.
package main

import "fmt"

func sum(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

func sumLE(n int64) int64 {
	var s int64
	for i := int64(1); i <= n; i += 1 {
		s += i * i
	}
	return s
}

func squares(xs []int) []int {
	out := make([]int, len(xs))
	for i := 0; i < len(xs); i++ {
		v := xs[i]
		w := v * v
		out[i] = w
	}
	return out
}

func constBound() (int, uint8) {
	t := 0
	for i := 0; i < 37; i++ {
		t += i
	}
	for i := 0; i < 1e2; i++ {
		t += i
	}
	var u uint8
	for i := uint8(250); i < 255; i++ {
		u += i
	}
	return t, u
}

func main() {
	for n := -2; n <= 20; n++ {
		fmt.Print(sum(n), " ")
	}
	fmt.Println()
	for _, n := range []int64{0, 1, 3, 4, 7, 8, 9, 100} {
		fmt.Print(sumLE(n), " ")
	}
	fmt.Println()
	xs := []int{}
	for k := 0; k < 11; k++ {
		xs = append(xs, k-3)
		fmt.Println(squares(xs))
	}
	fmt.Println(constBound())
	// At the top level of a program (a cell's session variables when run as cells).
	total, n := 0, 13
	for i := 0; i < n; i++ {
		total += i * 3
	}
	fmt.Println(total)
	// The loop variable after the loop is an outer one.
	j := 0
	count := 0
	for k := j; k < n; k++ {
		count++
	}
	fmt.Println(count, j)
}
