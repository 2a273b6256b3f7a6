// spec: Struct types, Type parameter declarations, Assignment statements, Method values
package main

import (
	"fmt"
	"image"
	"time"
)

type Holder struct {
	R image.Rectangle
	T time.Time
}

func swap[T any](a, b *T) { *a, *b = *b, *a }

func mutate[T any](v T, f func(*T)) T { f(&v); return v }

type Pair[T any] struct{ A, B T }

func (p Pair[T]) Swapped() Pair[T] { p.A, p.B = p.B, p.A; return p }

func main() {
	p := image.Pt(1, 2)
	q := p
	q.X = 9
	fmt.Println(p, q)
	r := image.Rect(0, 0, 10, 10)
	r2 := r
	r2.Min.X = 5
	fmt.Println(r, r2)
	pts := []image.Point{{1, 1}, {2, 2}}
	for _, v := range pts {
		v.X = 100
	}
	fmt.Println(pts)
	arr := [2]image.Point{{1, 1}, {2, 2}}
	brr := arr
	brr[0].Y = 50
	fmt.Println(arr, brr)
	for i, v := range arr {
		if i == 0 {
			arr[1].X = 77
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	m := map[string]image.Point{"a": p}
	p.X = 3
	fmt.Println(m, p)
	h := Holder{R: r}
	h2 := h
	h2.R.Max.Y = 1
	fmt.Println(h.R, h2.R)
	dx := r.Dx
	r.Max.X = 100
	fmt.Println(dx(), r.Dx())
	func() {
		defer fmt.Println("deferred", r.Dx())
		rr := r
		defer func() { fmt.Println("closure", rr.Dx()) }()
		rr.Max.X = 1
	}()
	a, b := image.Pt(1, 1), image.Pt(2, 2)
	swap(&a, &b)
	fmt.Println(a, b)
	x, y := [2]int{1, 2}, [2]int{3, 4}
	swap(&x, &y)
	x[0] = 0
	fmt.Println(x, y)
	orig := [3]int{1, 2, 3}
	got := mutate(orig, func(v *[3]int) { v[0] = 9 })
	fmt.Println(orig, got)
	op := P2{1, 2}
	gp := mutate(op, func(v *P2) { v.X = 9 })
	fmt.Println(op, gp)
	pr := Pair[[2]int]{[2]int{1, 2}, [2]int{3, 4}}
	sw := pr.Swapped()
	sw.A[0] = 100
	fmt.Println(pr, sw)
	pi := Pair[image.Point]{image.Pt(1, 1), image.Pt(2, 2)}
	ps := pi.Swapped()
	ps.A.X = 9
	fmt.Println(pi, ps)
	var i any = r
	r.Min.Y = 3
	fmt.Println(i, r)
	ch := make(chan image.Rectangle, 1)
	ch <- r
	r.Min.Y = 4
	fmt.Println(<-ch, r)
}

type P2 struct{ X, Y int }
