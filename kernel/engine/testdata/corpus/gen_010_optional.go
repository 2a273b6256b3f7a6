// spec: Type parameter declarations, Method declarations, Method values, The zero value
package main

import (
	"fmt"
	"strconv"
)

type Optional[T any] struct {
	val T
	ok  bool
}

func Some[T any](v T) Optional[T] { return Optional[T]{val: v, ok: true} }
func None[T any]() Optional[T]    { return Optional[T]{} }

func (o Optional[T]) Get() (T, bool) { return o.val, o.ok }
func (o Optional[T]) IsSome() bool   { return o.ok }

func (o Optional[T]) OrElse(def T) T {
	if o.ok {
		return o.val
	}
	return def
}

func (o Optional[T]) String() string {
	if !o.ok {
		return "None"
	}
	return fmt.Sprintf("Some(%v)", o.val)
}

func Then[T, U any](o Optional[T], f func(T) Optional[U]) Optional[U] {
	if v, ok := o.Get(); ok {
		return f(v)
	}
	return None[U]()
}

func parse(s string) Optional[int] {
	n, err := strconv.Atoi(s)
	if err != nil {
		return None[int]()
	}
	return Some(n)
}

func half(n int) Optional[float64] {
	if n%2 != 0 {
		return None[float64]()
	}
	return Some(float64(n) / 2)
}

func main() {
	for _, in := range []string{"42", "7", "x"} {
		p := parse(in)
		h := Then(p, half)
		fmt.Println(in, p, h, h.OrElse(-1))
	}
	o := Some("hello")
	get := o.Get
	v, ok := get()
	fmt.Println(v, ok)
	orElse := None[string]().OrElse
	fmt.Println(orElse("fallback"))
	fmt.Printf("%T %T\n", o, None[[]byte]())
	fmt.Println(Some(Some(1)), None[Optional[int]]().IsSome())
}
