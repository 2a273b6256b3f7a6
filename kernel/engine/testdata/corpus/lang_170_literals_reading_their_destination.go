// spec: Composite literals, Conversions from slice to array or array pointer, Assignment statements, Address operators
package main

import "fmt"

type P struct{ X, Y int }
type N struct {
	V    int
	Next *N
}
type W struct {
	A [3]int
	P P
}

func id[T any](v T) T { return v }

func first[T any](vs [3]T) T { vs[0] = vs[2]; return vs[0] }

var garr = [3]int{1, 2, 3}

func main() {
	p := P{1, 2}
	p = P{p.Y, p.X}
	fmt.Println(p)
	p = P{Y: p.X}
	fmt.Println(p)
	arr := [3]int{1, 2, 3}
	arr = [3]int{arr[2], arr[1], arr[0]}
	fmt.Println(arr)
	arr = [3]int{2: arr[0], 0: arr[2]}
	fmt.Println(arr)
	s := []int{1, 2}
	s = []int{s[1], s[0], len(s)}
	fmt.Println(s)
	w := W{[3]int{1, 2, 3}, P{4, 5}}
	w = W{A: [3]int{w.A[2], w.P.X}, P: P{w.A[0], w.P.Y}}
	fmt.Println(w)
	w.A = [3]int{w.A[1], w.A[0], w.A[2]}
	fmt.Println(w)
	pw := &w
	pw.P = P{pw.P.Y, pw.P.X}
	*pw = W{P: pw.P, A: [3]int{pw.A[2]}}
	fmt.Println(w)
	n := &N{1, &N{2, &N{3, nil}}}
	v := *n
	v = *v.Next
	fmt.Println(v.V, n.V)
	nn := *n
	nn = N{nn.V * 10, nn.Next.Next}
	fmt.Println(nn.V, nn.Next.V, n.Next.V)
	a := []int{1, 2, 3}
	a = append(a, a...)
	fmt.Println(a)
	a = append(a[:0], a[1:]...)
	fmt.Println(a)
	x, y := 0, 1
	for range 10 {
		x, y = y, x+y
	}
	fmt.Println(x, y)
	q := P{1, 1}
	pq := &q
	pq.X, pq = 5, &P{7, 7}
	fmt.Println(q, *pq)
	// slice to array conversion copies; to array pointer aliases
	sl := []int{1, 2, 3, 4}
	ca := [3]int(sl)
	cp := (*[3]int)(sl)
	sl[0] = 99
	fmt.Println(ca, *cp)
	ca = [3]int(sl[1:])
	sl[1] = 0
	fmt.Println(ca)
	// *pa = arr copies
	pa := new([3]int)
	*pa = arr
	arr[0] = -5
	fmt.Println(*pa, arr)
	copy(arr[:], pa[:])
	pa[1] = 100
	fmt.Println(*pa, arr)
	// generics with arrays
	ga := id(arr)
	ga[0] = 77
	fmt.Println(ga, arr)
	fmt.Println(first(arr), arr)
	gw := id(w)
	gw.A[0] = 1000
	fmt.Println(gw.A[0], w.A[0])
	// package array
	la := garr
	garr[0] = 0
	fmt.Println(la, garr)
	// arrays in map of structs
	m := map[string]W{}
	m["a"] = w
	w.A[1] = 555
	fmt.Println(m["a"].A, w.A)
	// array through interface and type switch
	var i any = arr
	switch t := i.(type) {
	case [3]int:
		t[0] = 1
		fmt.Println(t, i)
	}
	// array element struct modified through range index
	ps := [2]P{{1, 1}, {2, 2}}
	cps := ps
	for i := range ps {
		ps[i].X *= 10
	}
	fmt.Println(ps, cps)
	// array in channel of structs
	ch := make(chan W, 1)
	ch <- w
	w.P.X = -1
	got := <-ch
	fmt.Println(got.P, w.P)
	// multiple assignment of arrays
	b1, b2 := [2]int{1, 2}, [2]int{3, 4}
	b1, b2 = b2, b1
	b1[0] = 0
	fmt.Println(b1, b2)
	// assignment of struct from array element then modify element
	el := ps[0]
	ps[0].Y = 12345
	fmt.Println(el, ps[0])
	// array returned by map index modified
	ma := map[int][2]int{1: {1, 2}}
	got2 := ma[1]
	got2[0] = 9
	fmt.Println(ma[1], got2)
}
