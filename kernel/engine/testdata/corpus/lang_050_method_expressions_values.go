// spec: Method expressions, Method values
package main

import "fmt"

type T struct{ a int }

func (tv T) Mv(x int) int          { return tv.a + x }
func (tp *T) Mp(f float32) float32 { tp.a++; return float32(tp.a) * f }

type I interface{ Mv(int) int }

func main() {
	t := T{1}
	fv := T.Mv
	fp := (*T).Mp
	fmt.Println(fv(t, 2), fp(&t, 1.5), t.a)
	fmt.Printf("%T\n%T\n", fv, fp)
	mv := t.Mv // the receiver is copied now
	t.a = 100
	fmt.Println(mv(1), t.Mv(1))
	pt := &t
	mp := pt.Mp
	fmt.Println(mp(2), t.a)
	var i I = t
	im := i.Mv
	fmt.Println(im(5), I.Mv(i, 6))
	fs := []func(int) int{t.Mv, T{10}.Mv}
	for _, f := range fs {
		fmt.Print(f(1), " ")
	}
	fmt.Println()
}
