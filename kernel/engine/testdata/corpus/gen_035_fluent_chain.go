// spec: Method declarations, Type parameter declarations, Selectors, Calls
package main

import (
	"fmt"
	"strings"
)

type Chain[T any] struct {
	items []T
	log   []string
}

func Of[T any](xs ...T) Chain[T] { return Chain[T]{items: xs} }

func (c Chain[T]) Where(name string, keep func(T) bool) Chain[T] {
	var out []T
	for _, x := range c.items {
		if keep(x) {
			out = append(out, x)
		}
	}
	return Chain[T]{items: out, log: append(append([]string(nil), c.log...), name)}
}

func (c Chain[T]) Take(n int) Chain[T] {
	if n < len(c.items) {
		c.items = c.items[:n]
	}
	c.log = append(append([]string(nil), c.log...), fmt.Sprint("take", n))
	return c
}

func Pairs[T any](c Chain[T]) Chain[[2]T] {
	var out [][2]T
	for i := 0; i+1 < len(c.items); i += 2 {
		out = append(out, [2]T{c.items[i], c.items[i+1]})
	}
	return Chain[[2]T]{items: out, log: append(c.log, "pairs")}
}

func (c Chain[T]) Slice() []T    { return c.items }
func (c Chain[T]) Steps() string { return strings.Join(c.log, " > ") }

func Select[T, U any](c Chain[T], f func(T) U) Chain[U] {
	out := make([]U, len(c.items))
	for i, x := range c.items {
		out[i] = f(x)
	}
	return Chain[U]{items: out, log: append(c.log, "select")}
}

func main() {
	c := Of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).
		Where("odd", func(n int) bool { return n%2 == 1 }).
		Take(4)
	fmt.Println(c.Slice(), c.Steps())
	p := Pairs(c)
	fmt.Printf("%v %T\n", p.Slice(), p)
	s := Select(p, func(pr [2]int) string { return fmt.Sprint(pr[0], "+", pr[1], "=", pr[0]+pr[1]) })
	fmt.Println(s.Slice(), s.Steps())
	words := Of(strings.Fields("a bb ccc dddd")...).Where("long", func(s string) bool { return len(s) > 1 })
	fmt.Println(Select(words, strings.ToUpper).Slice())
}
