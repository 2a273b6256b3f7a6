// spec: Calls, Array types, Method declarations, Return statements
package main

import "fmt"

type P struct{ X, Y int }

func rev(a [3]int) (r [3]int) {
	for i := range a {
		r[i] = a[2-i]
	}
	return
}

func revS(p P) (q P) {
	q.X = p.Y
	q.Y = p.X
	return
}

func fill(a *[3]int) (n int) {
	for i := range a {
		a[i] = i * 10
		n += a[i]
	}
	return
}

type Acc struct{ arr [3]int }

func (a Acc) Rev() (r Acc) {
	for i := range a.arr {
		r.arr[i] = a.arr[2-i]
	}
	return
}

func (a *Acc) RevIn() [3]int {
	a.arr = rev(a.arr)
	return a.arr
}

func main() {
	arr := [3]int{1, 2, 3}
	arr = rev(arr)
	fmt.Println(arr)
	p := P{1, 2}
	p = revS(p)
	fmt.Println(p)
	n := fill(&arr)
	fmt.Println(n, arr)
	acc := Acc{[3]int{1, 2, 3}}
	acc = acc.Rev()
	fmt.Println(acc)
	acc.arr = acc.RevIn()
	fmt.Println(acc)
	ptr := &acc
	*ptr = ptr.Rev()
	fmt.Println(acc)
	var grid [2][3]int
	grid[0] = [3]int{1, 2, 3}
	grid[1] = rev(grid[0])
	grid[0] = rev(grid[1])
	fmt.Println(grid)
	ps := []P{{1, 2}, {3, 4}}
	ps[0] = revS(ps[1])
	ps[1] = revS(ps[1])
	fmt.Println(ps)
	m := map[string]P{"a": {1, 2}}
	m["a"] = revS(m["a"])
	fmt.Println(m)
	fn := revS
	p = fn(p)
	fmt.Println(p)
	var iface interface{ Rev() Acc } = acc
	acc = iface.Rev()
	fmt.Println(acc)
}
