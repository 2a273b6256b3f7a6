// spec: Type definitions, Method declarations, Index expressions, The zero value
package main

import (
	"errors"
	"fmt"
)

var ErrFull = errors.New("queue full")

type Ring[T any] struct {
	buf        []T
	head, size int
}

func NewRing[T any](capacity int) *Ring[T] {
	return &Ring[T]{buf: make([]T, capacity)}
}

func (r *Ring[T]) Enqueue(v T) error {
	if r.size == len(r.buf) {
		return ErrFull
	}
	r.buf[(r.head+r.size)%len(r.buf)] = v
	r.size++
	return nil
}

func (r *Ring[T]) Dequeue() (v T, ok bool) {
	if r.size == 0 {
		return v, false
	}
	v = r.buf[r.head]
	var zero T
	r.buf[r.head] = zero
	r.head = (r.head + 1) % len(r.buf)
	r.size--
	return v, true
}

func (r *Ring[T]) Snapshot() []T {
	out := make([]T, r.size)
	for i := range out {
		out[i] = r.buf[(r.head+i)%len(r.buf)]
	}
	return out
}

type job struct {
	id   int
	name string
}

func main() {
	q := NewRing[job](3)
	for i, n := range []string{"build", "test", "lint", "ship"} {
		if err := q.Enqueue(job{i, n}); err != nil {
			fmt.Println("enqueue", n, "->", err)
		}
	}
	fmt.Printf("%+v\n", q.Snapshot())
	j, _ := q.Dequeue()
	fmt.Println("got", j.name)
	q.Enqueue(job{9, "deploy"})
	fmt.Println(q.Snapshot(), q.buf)
	for {
		j, ok := q.Dequeue()
		if !ok {
			break
		}
		fmt.Print(j.id, " ")
	}
	fmt.Println()
	fmt.Printf("%T %v\n", q, q.buf)
	r := NewRing[[]int](1)
	r.Enqueue([]int{1})
	fmt.Println(r.Enqueue(nil) == ErrFull)
}
