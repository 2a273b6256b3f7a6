// std: heap.Init, heap.Push, heap.Pop, heap.Fix, list.New, list.List.PushBack, list.List.PushFront, list.List.MoveToFront, ring.New, ring.Ring.Do
package main

import (
	"cmp"
	"container/heap"
	"container/list"
	"container/ring"
	"fmt"
)

type minHeap[T cmp.Ordered] []T

func (h minHeap[T]) Len() int           { return len(h) }
func (h minHeap[T]) Less(i, j int) bool { return cmp.Less(h[i], h[j]) }
func (h minHeap[T]) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap[T]) Push(x any)        { *h = append(*h, x.(T)) }
func (h *minHeap[T]) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}

func main() {
	h := &minHeap[string]{"pear", "apple", "fig"}
	heap.Init(h)
	heap.Push(h, "banana")
	(*h)[0] = "zzz"
	heap.Fix(h, 0)
	for h.Len() > 0 {
		fmt.Print(heap.Pop(h), " ")
	}
	fmt.Println()
	ih := &minHeap[int]{5, 1, 4}
	heap.Init(ih)
	fmt.Println(heap.Pop(ih).(int) + 100)

	l := list.New()
	l.PushBack(1)
	l.PushBack(2)
	front := l.PushFront(0)
	last := l.PushBack(3)
	l.MoveToFront(last)
	l.Remove(front)
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Print(e.Value, " ")
	}
	fmt.Println(l.Len())

	r := ring.New(4)
	for i := 0; i < r.Len(); i++ {
		r.Value = i * i
		r = r.Next()
	}
	sum := 0
	r.Do(func(v any) { sum += v.(int) })
	fmt.Println(sum, r.Move(2).Value)
}
