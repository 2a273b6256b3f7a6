// spec: Order of evaluation, Assignment statements, Appending to and copying slices, Defer statements
package main

import "fmt"

type P struct{ x, y int }

var calls int

func f() int { calls++; return 1 }

var trace []string

func idx(s string, i int) int { trace = append(trace, s); return i }

func main() {
	a, b := 1, 2
	a, b = b, a
	fmt.Println(a, b)
	arr := []int{1, 2, 3, 4}
	arr[0], arr[3] = arr[3], arr[0]
	fmt.Println(arr)
	p := P{1, 2}
	p.x, p.y = p.y, p.x
	fmt.Println(p)
	pa := [2]P{{1, 2}, {3, 4}}
	pa[0], pa[1] = pa[1], pa[0]
	fmt.Println(pa)
	ps := &P{5, 6}
	ps.x, ps.y = ps.y, ps.x
	fmt.Println(*ps)
	// x = x[1:]
	s := []int{1, 2, 3, 4}
	s = s[1:]
	fmt.Println(s, len(s), cap(s))
	s = append(s[:1], s[2:]...)
	fmt.Println(s)
	t := []int{1, 2, 3, 4, 5}
	copy(t[1:], t)
	fmt.Println(t)
	t = []int{1, 2, 3, 4, 5}
	copy(t, t[1:])
	fmt.Println(t)
	// evaluation order
	i := 0
	ar := []int{0, 0, 0}
	ar[i], i = 1, 2
	fmt.Println(ar, i)
	i = 0
	i, ar[i] = 1, 2
	fmt.Println(ar, i)
	// op-assign with side effect
	ar[f()] += 10
	fmt.Println(ar, calls)
	mm := map[int]int{}
	mm[f()]++
	fmt.Println(mm, calls)
	ar[idx("a", 0)], ar[idx("b", 1)] = ar[idx("c", 1)], ar[idx("d", 0)]
	fmt.Println(ar, trace)
	// defer arg eval
	func() {
		x := 1
		defer fmt.Println("deferred", x)
		defer func(v P) { fmt.Println("deferred struct", v) }(p)
		x = 2
		p.x = 100
	}()
	// closures capture
	c := 1
	fn := func() int { return c }
	c = 2
	fmt.Println(fn())
	q := P{1, 1}
	fq := func() P { return q }
	q.x = 3
	fmt.Println(fq())
	// array swap with self-referencing
	xs := [3]int{1, 2, 3}
	xs[0], xs[1], xs[2] = xs[2], xs[0], xs[1]
	fmt.Println(xs)
	// struct value assigned then swapped
	u, v := P{1, 2}, P{3, 4}
	u, v = v, u
	v.x = 99
	fmt.Println(u, v)
	// array of arrays
	aa := [2][2]int{{1, 2}, {3, 4}}
	aa[0], aa[1] = aa[1], aa[0]
	aa[0][0] = 9
	fmt.Println(aa)
	row := aa[1]
	row[0] = 7
	fmt.Println(aa, row)
	// pointer to elements
	pt := &aa[0]
	aa[0] = [2]int{5, 5}
	fmt.Println(*pt)
}
