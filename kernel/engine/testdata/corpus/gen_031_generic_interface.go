// spec: Interface types, Type parameter declarations, Implementing an interface, Type assertions
package main

import "fmt"

type Container[T any] interface {
	Put(T)
	Take() (T, bool)
	Len() int
}

type LIFO[T any] struct{ xs []T }

func (s *LIFO[T]) Put(v T)  { s.xs = append(s.xs, v) }
func (s *LIFO[T]) Len() int { return len(s.xs) }
func (s *LIFO[T]) Take() (T, bool) {
	var z T
	if len(s.xs) == 0 {
		return z, false
	}
	z = s.xs[len(s.xs)-1]
	s.xs = s.xs[:len(s.xs)-1]
	return z, true
}

type FIFO[T any] struct{ xs []T }

func (q *FIFO[T]) Put(v T)  { q.xs = append(q.xs, v) }
func (q *FIFO[T]) Len() int { return len(q.xs) }
func (q *FIFO[T]) Take() (T, bool) {
	var z T
	if len(q.xs) == 0 {
		return z, false
	}
	z = q.xs[0]
	q.xs = q.xs[1:]
	return z, true
}

func Fill[T any](c Container[T], vs ...T) Container[T] {
	for _, v := range vs {
		c.Put(v)
	}
	return c
}

func Drain[T any](c Container[T]) []T {
	var out []T
	for c.Len() > 0 {
		v, _ := c.Take()
		out = append(out, v)
	}
	return out
}

func Kind[T any](c Container[T]) string {
	switch c.(type) {
	case *LIFO[T]:
		return "stack"
	case *FIFO[T]:
		return "queue"
	}
	return "unknown"
}

func main() {
	cs := []Container[string]{&LIFO[string]{}, &FIFO[string]{}}
	for _, c := range cs {
		Fill(c, "a", "b", "c")
		fmt.Println(Kind(c), Drain(c))
	}
	var c Container[int] = &FIFO[int]{}
	Fill(c, 1, 2)
	if q, ok := c.(*FIFO[int]); ok {
		fmt.Println("fifo holds", q.xs)
	}
	_, isStack := c.(*LIFO[int])
	fmt.Println(isStack)
	fmt.Printf("%T %T\n", c, cs[0])
}
