// spec: Type parameter declarations, Function types, Method declarations, Slice expressions
package main

import "fmt"

type Heap[T any] struct {
	data []T
	less func(a, b T) bool
}

func NewHeap[T any](less func(a, b T) bool, items ...T) *Heap[T] {
	h := &Heap[T]{less: less}
	for _, it := range items {
		h.Push(it)
	}
	return h
}

func (h *Heap[T]) Len() int { return len(h.data) }

func (h *Heap[T]) Push(v T) {
	h.data = append(h.data, v)
	i := len(h.data) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(h.data[i], h.data[p]) {
			break
		}
		h.data[i], h.data[p] = h.data[p], h.data[i]
		i = p
	}
}

func (h *Heap[T]) Pop() T {
	top := h.data[0]
	last := len(h.data) - 1
	h.data[0] = h.data[last]
	h.data = h.data[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.data) && h.less(h.data[l], h.data[m]) {
			m = l
		}
		if r < len(h.data) && h.less(h.data[r], h.data[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.data[i], h.data[m] = h.data[m], h.data[i]
		i = m
	}
	return top
}

func TopK[T any](xs []T, k int, less func(a, b T) bool) []T {
	h := NewHeap(less)
	for _, x := range xs {
		h.Push(x)
		if h.Len() > k {
			h.Pop()
		}
	}
	out := make([]T, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = h.Pop()
	}
	return out
}

type event struct {
	at   int
	name string
}

func main() {
	h := NewHeap(func(a, b int) bool { return a < b }, 5, 3, 8, 1, 9, 2)
	for h.Len() > 0 {
		fmt.Print(h.Pop(), " ")
	}
	fmt.Println()
	fmt.Println(TopK([]int{7, 1, 9, 3, 9, 4}, 3, func(a, b int) bool { return a < b }))
	ev := NewHeap(func(a, b event) bool { return a.at < b.at },
		event{30, "lunch"}, event{10, "standup"}, event{20, "review"})
	fmt.Println(ev.Pop().name, ev.Pop().name)
	fmt.Printf("%T\n", ev)
}
