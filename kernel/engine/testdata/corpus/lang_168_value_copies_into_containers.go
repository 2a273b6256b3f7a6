// spec: Assignment statements, For statements with range clause, Composite literals, Method values
package main

import "fmt"

type P struct{ X, Y int }
type V [3]int

func (v V) Zero() V  { v[0] = 0; return v }
func (v V) Sum() int { return v[0] + v[1] + v[2] }
func (v *V) Inc()    { v[0]++ }

type W struct {
	A [3]int
	P P
}

func grow(s ...int) []int { s[0] = -1; return append(s, 100) }

func main() {
	arr := [3]int{1, 2, 3}
	pa := &arr
	for i, v := range *pa {
		if i == 0 {
			pa[1] = 20
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	v := V{1, 2, 3}
	z := v.Zero()
	fmt.Println(v, z)
	sum := v.Sum
	v[0] = 10
	fmt.Println(sum(), v.Sum())
	v.Inc()
	fmt.Println(v)
	m := map[[3]int]string{}
	m[arr] = "a"
	key := arr
	arr[0] = 99
	fmt.Println(m[key], m[arr] == "", len(m))
	mp := map[P]int{}
	p := P{1, 2}
	mp[p] = 1
	p.X = 5
	mp[p] = 2
	fmt.Println(mp)
	s := []int{1, 2, 3}
	out := grow(s...)
	fmt.Println(s, out)
	out2 := grow(s[0], s[1])
	fmt.Println(s, out2)
	ch := make(chan P, 2)
	select {
	case ch <- p:
	}
	p.Y = 77
	cha := make(chan [3]int, 1)
	select {
	case cha <- arr:
	}
	arr[2] = 0
	fmt.Println(<-ch, <-cha, p, arr)
	w := W{A: arr, P: p}
	arr[1] = -2
	p.X = -3
	fmt.Println(w, arr, p)
	ps := []P{p, p}
	p.X = 4
	ps[0].Y = 1
	fmt.Println(ps, p)
	mm := map[int]P{1: p}
	p.X = 44
	fmt.Println(mm, p)
	ap := [2]P{p, p}
	p.Y = 0
	fmt.Println(ap, p)
	var sl []P
	sl = append(sl, p)
	p.X = 8
	fmt.Println(sl, p)
	var sa [][3]int
	sa = append(sa, arr)
	arr[0] = 1234
	fmt.Println(sa, arr)
	w.A = arr
	arr[0] = 0
	fmt.Println(w.A, arr)
	ww := []W{w}
	w.A[2] = 9
	fmt.Println(ww[0].A, w.A)
	mw := map[string]W{"w": w}
	w.P.Y = 100
	fmt.Println(mw["w"].P, w.P)
	// closures over range values of arrays of structs
	var fs []func() P
	for _, e := range [2]P{{1, 1}, {2, 2}} {
		fs = append(fs, func() P { return e })
	}
	fmt.Println(fs[0](), fs[1]())
	// pointer into array, array reassigned whole
	q := &arr[1]
	arr = [3]int{7, 7, 7}
	fmt.Println(*q)
	// struct returned from slice index, modify slice
	first := ps[0]
	ps[0].X = 555
	fmt.Println(first, ps[0])
	// slice of structs: range value copy
	for _, e := range ps {
		e.X = 0
	}
	fmt.Println(ps)
	for i := range ps {
		e := &ps[i]
		e.X = 0
	}
	fmt.Println(ps)
}
