// spec: For statements with range clause, Function types, Type parameter declarations, Method declarations
package main

import (
	"fmt"
	"iter"
)

type OrderedMap[K comparable, V any] struct {
	keys []K
	m    map[K]V
}

func NewOrderedMap[K comparable, V any]() *OrderedMap[K, V] {
	return &OrderedMap[K, V]{m: map[K]V{}}
}

func (o *OrderedMap[K, V]) Set(k K, v V) {
	if _, ok := o.m[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.m[k] = v
}

func (o *OrderedMap[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for _, k := range o.keys {
			if !yield(k, o.m[k]) {
				return
			}
		}
	}
}

func (o *OrderedMap[K, V]) Keys() iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range o.All() {
			if !yield(k) {
				return
			}
		}
	}
}

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	om := NewOrderedMap[string, int]()
	for i, w := range []string{"zeta", "alpha", "mid", "alpha"} {
		om.Set(w, i)
	}
	for k, v := range om.All() {
		fmt.Println(k, v)
	}
	for k := range om.Keys() {
		if k == "mid" {
			break
		}
		fmt.Print(k, ";")
	}
	fmt.Println()
	total := 0
	for v := range Filter(Count(20), func(n int) bool { return n%3 == 0 }) {
		if v > 12 {
			break
		}
		total += v
	}
	fmt.Println(total)
	for range Count(2) {
		fmt.Print("tick ")
	}
	fmt.Println()
}
