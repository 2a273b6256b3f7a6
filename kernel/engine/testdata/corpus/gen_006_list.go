// spec: Type parameter declarations, Type definitions, Method declarations, Instantiations
package main

import "fmt"

type List[T any] struct {
	head *elem[T]
	n    int
}

type elem[T any] struct {
	val  T
	next *elem[T]
}

func FromSlice[T any](xs []T) *List[T] {
	l := &List[T]{}
	for i := len(xs) - 1; i >= 0; i-- {
		l.PushFront(xs[i])
	}
	return l
}

func (l *List[T]) PushFront(v T) {
	l.head = &elem[T]{val: v, next: l.head}
	l.n++
}

func (l *List[T]) Each(f func(int, T)) {
	i := 0
	for e := l.head; e != nil; e = e.next {
		f(i, e.val)
		i++
	}
}

func (l *List[T]) Reverse() *List[T] {
	r := &List[T]{}
	l.Each(func(_ int, v T) { r.PushFront(v) })
	return r
}

func (l *List[T]) Slice() []T {
	out := make([]T, 0, l.n)
	l.Each(func(_ int, v T) { out = append(out, v) })
	return out
}

func MapList[T, U any](l *List[T], f func(T) U) *List[U] {
	xs := l.Slice()
	ys := make([]U, len(xs))
	for i, x := range xs {
		ys[i] = f(x)
	}
	return FromSlice(ys)
}

func main() {
	l := FromSlice([]int{3, 1, 4, 1, 5})
	fmt.Println(l.Slice(), l.n)
	fmt.Println(l.Reverse().Slice())
	s := MapList(l, func(i int) string { return fmt.Sprint("#", i) })
	fmt.Printf("%T %q\n", s, s.Slice())
	s.Each(func(i int, v string) {
		if i%2 == 0 {
			fmt.Println(i, v)
		}
	})
	var empty List[bool]
	fmt.Println(empty.Slice(), len(empty.Reverse().Slice()))
}
