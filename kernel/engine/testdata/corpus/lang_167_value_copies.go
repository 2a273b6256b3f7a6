// spec: Assignment statements, For statements with range clause, Send statements, Map types
package main

import "fmt"

type P struct{ X, Y int }

func (p P) Set(v int) { p.X = v }
func (p *P) Inc()     { p.X++ }

func mod(a [3]int) { a[0] = 99 }
func modS(p P)     { p.X = 99 }

func retArr() [3]int {
	a := [3]int{1, 2, 3}
	return a
}

var g = [3]int{7, 8, 9}

func retG() [3]int { return g }

func main() {
	// struct copy
	a := P{1, 2}
	b := a
	b.X = 10
	fmt.Println(a, b)
	// array copy
	x := [3]int{1, 2, 3}
	y := x
	y[0] = 100
	fmt.Println(x, y)
	// range over array copies
	arr := [3]int{1, 2, 3}
	for i, v := range arr {
		if i == 0 {
			arr[1] = 20
			arr[2] = 30
		}
		fmt.Print(v, " ")
	}
	fmt.Println(arr)
	// range over pointer to array does not copy
	arr2 := [3]int{1, 2, 3}
	for i, v := range &arr2 {
		if i == 0 {
			arr2[1] = 20
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	// range over slice sees modifications
	sl := []int{1, 2, 3}
	for i, v := range sl {
		if i == 0 {
			sl[1] = 20
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	// pass by value
	mod(x)
	modS(a)
	a.Set(55)
	fmt.Println(x, a)
	// map values
	m := map[string]P{}
	s := P{1, 1}
	m["k"] = s
	s.X = 5
	fmt.Println(m["k"], s)
	ma := map[int][2]int{}
	aa := [2]int{1, 2}
	ma[0] = aa
	aa[0] = 9
	fmt.Println(ma[0], aa)
	// channel send copies
	ch := make(chan P, 1)
	ch <- s
	s.X = 77
	fmt.Println(<-ch, s)
	cha := make(chan [2]int, 1)
	cha <- aa
	aa[1] = 42
	fmt.Println(<-cha, aa)
	// interface holding struct
	var i interface{} = s
	s.X = 1000
	fmt.Println(i, s)
	var ia interface{} = aa
	aa[0] = -1
	fmt.Println(ia, aa)
	// returning arrays
	r := retArr()
	r[0] = 50
	r2 := retArr()
	fmt.Println(r, r2)
	rg := retG()
	rg[0] = 0
	fmt.Println(rg, g)
	// method on addressable array element
	ps := [2]P{{1, 1}, {2, 2}}
	ps[1].Inc()
	ps[0].Set(9)
	fmt.Println(ps)
	sp := []P{{1, 1}}
	sp[0].Inc()
	fmt.Println(sp)
	// struct in struct
	type W struct {
		P P
		A [2]int
	}
	w := W{P{1, 2}, [2]int{3, 4}}
	w2 := w
	w2.P.X = 9
	w2.A[0] = 9
	fmt.Println(w, w2)
	pp := w.P
	pp.Y = 8
	fmt.Println(w.P, pp)
	ac := w.A
	ac[1] = 0
	fmt.Println(w.A, ac)
}
