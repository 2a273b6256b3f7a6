// spec: Assignment statements
// Tuple assignments and definitions whose values mix calls and other operands.
package main

import (
	"fmt"
	"strings"
	"time"
)

type pair struct {
	Name string
	N    float64
}

var trace []string

func note(s string) string {
	trace = append(trace, s)
	return s
}

func two() (int, string) { return 2, "two" }

// Builtin results among the results, and a constant for a float64 result.
func sized(s string) (int, string, float64) { return len(s), strings.ToUpper(s), 2 }

func buffers() ([]int, []int, string) { return make([]int, 2), make([]int, 2), fmt.Sprint(1) }

func main() {
	name, n := fmt.Sprint("x", 1), 10
	start, count := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), 0
	fmt.Println(name, n, start.Year(), count)

	var s string
	var f float64
	var c complex128
	var u uint8
	s, f = fmt.Sprint(2), 4
	fmt.Println(s, f)
	s, c, u = strings.Repeat("ab", 2), 2, 3
	fmt.Println(s, c, u)
	f, s = 2.5, strings.ToUpper("up")
	fmt.Println(f, s)

	labels := make([]string, 3)
	values := make([]float64, 3)
	for i := range 3 {
		labels[i], values[i] = fmt.Sprintf("c%d", i+1), float64(i*2)
	}
	fmt.Println(labels, values)

	p := pair{}
	pp := &p
	var any1 any
	p.Name, pp.N, any1 = note("a")+note("b"), 1.5, 7
	fmt.Println(p, any1, trace)

	m := map[string]int{}
	var k int
	m["x"], k = len(note("xyz")), 9
	fmt.Println(m, k)

	x, y := 1, 2
	x, y = y, x+len(fmt.Sprint(100))
	fmt.Println(x, y)

	_, rest := note("ignored"), strings.Fields(" a b ")
	fmt.Println(rest, len(trace))

	a, b := make([]int, 2), make([]int, 2)
	a[0] = 1
	fmt.Println(a, b)

	func() {
		var q, r int
		var t string
		q, t, r = 3, fmt.Sprint(4), 5
		fmt.Println(q, t, r)
		n2, s2 := two()
		fmt.Println(n2, s2)
		fmt.Println(sized("ab"))
		b1, b2, b3 := buffers()
		b1[0] = 5
		fmt.Println(b1, b2, b3)
	}()
}
