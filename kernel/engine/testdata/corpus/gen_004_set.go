// spec: Type parameter declarations, Type constraints, Map types, Method declarations
package main

import (
	"fmt"
	"sort"
)

type Set[T comparable] struct {
	m map[T]struct{}
}

func NewSet[T comparable](items ...T) *Set[T] {
	s := &Set[T]{m: make(map[T]struct{})}
	for _, it := range items {
		s.Add(it)
	}
	return s
}

func (s *Set[T]) Add(v T)      { s.m[v] = struct{}{} }
func (s *Set[T]) Has(v T) bool { _, ok := s.m[v]; return ok }
func (s *Set[T]) Len() int     { return len(s.m) }
func (s *Set[T]) Remove(v T)   { delete(s.m, v) }

func (s *Set[T]) Union(o *Set[T]) *Set[T] {
	r := NewSet[T]()
	for k := range s.m {
		r.Add(k)
	}
	for k := range o.m {
		r.Add(k)
	}
	return r
}

func (s *Set[T]) Intersect(o *Set[T]) *Set[T] {
	r := NewSet[T]()
	for k := range s.m {
		if o.Has(k) {
			r.Add(k)
		}
	}
	return r
}

func Sorted[T comparable](s *Set[T], less func(a, b T) bool) []T {
	out := make([]T, 0, s.Len())
	for k := range s.m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

type coord struct{ X, Y int }

func main() {
	a := NewSet(1, 2, 3, 4)
	b := NewSet(3, 4, 5)
	intLess := func(x, y int) bool { return x < y }
	fmt.Println(Sorted(a.Union(b), intLess))
	fmt.Println(Sorted(a.Intersect(b), intLess))
	a.Remove(1)
	fmt.Println(a.Has(1), a.Has(2), a.Len())
	fmt.Printf("%T\n", a)

	pts := NewSet(coord{1, 2}, coord{0, 0}, coord{1, 2})
	fmt.Println(pts.Len(), pts.Has(coord{0, 0}), pts.Has(coord{2, 1}))
	fmt.Println(Sorted(pts, func(p, q coord) bool { return p.X < q.X }))
	fmt.Printf("%T\n", pts)
}
