// spec: Return statements
package main

import (
	"errors"
	"fmt"
	"strings"
)

type point struct{ X, Y int }

type acc struct{ total int }

func add(n int) (s int) {
	s += n
	return
}

func check(ok bool) (err error) {
	if !ok {
		err = errors.New("bad")
	}
	return
}

func move(dx int) (p point) {
	p.X += dx
	return
}

func pair(n int) (a, b int) {
	a += n
	b += 2 * n
	return
}

func blank(n int) (_ int, err error) {
	if n < 0 {
		err = fmt.Errorf("negative %d", n)
	}
	return
}

func words(s string) (out []string, count map[string]int) {
	if count == nil {
		count = map[string]int{}
	}
	for _, w := range strings.Fields(s) {
		out = append(out, w)
		count[w]++
	}
	return
}

func grid(v int) (g [3]int) {
	g[v%3] += v
	return
}

func (a *acc) take(n int) (before int, ok bool) {
	before += a.total
	if n > 0 {
		a.total += n
		ok = true
	}
	return
}

func guarded(fail bool) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
			n += 100
		}
	}()
	n += 1
	if fail {
		panic("boom")
	}
	return
}

func sumTo[T int | float64](xs []T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func fib(n int) (r int) {
	if n < 2 {
		r += n
		return
	}
	r += fib(n-1) + fib(n-2)
	return
}

func main() {
	for n := range 4 {
		fmt.Println("add", add(n))
	}
	x := add(5)
	x = add(1)
	fmt.Println("x", x)
	fmt.Println(check(false), check(true), check(true))
	var e error
	e = check(false)
	e = check(true)
	fmt.Println("e", e)
	for n := range 3 {
		fmt.Println("move", move(n))
	}
	p := move(4)
	p = move(1)
	fmt.Println("p", p)
	for n := range 3 {
		fmt.Println(pair(n))
	}
	for _, n := range []int{-1, 2, 3} {
		v, err := blank(n)
		fmt.Println("blank", v, err)
	}
	for _, s := range []string{"a b a", "c", ""} {
		out, count := words(s)
		fmt.Println("words", out, len(out), count)
	}
	for v := range 5 {
		fmt.Println("grid", grid(v))
	}
	a := &acc{}
	for _, n := range []int{3, 0, 4} {
		fmt.Println(a.take(n))
	}
	for _, f := range []bool{true, false, true} {
		fmt.Println(guarded(f))
	}
	lit := func(n int) (s string) {
		s += strings.Repeat("*", n)
		return
	}
	for n := range 3 {
		fmt.Printf("lit %q\n", lit(n))
	}
	fmt.Println(sumTo([]int{1, 2}), sumTo([]int{3}), sumTo([]float64{0.5, 0.25}), sumTo([]float64{1}))
	ys := make([]int, 0, 6)
	for n := range 6 {
		ys = append(ys, fib(n))
	}
	fmt.Println("fib", ys)
}
