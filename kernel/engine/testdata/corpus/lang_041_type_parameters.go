// spec: Type parameter declarations
package main

import (
	"fmt"
	"strings"
)

type List[T any] struct {
	items []T
}

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }
func (l *List[T]) Len() int { return len(l.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MapKeys[K comparable, V any](ps []Pair[K, V]) []K {
	out := make([]K, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Key)
	}
	return out
}

type Tree[T interface{ ~int | ~string }] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t.Val)
	t.Right.Walk(f)
}

func main() {
	var l List[string]
	l.Push("a")
	l.Push("b")
	fmt.Println(l.Len(), l.items)
	fmt.Println(MapKeys([]Pair[string, int]{{"x", 1}, {"y", 2}}))
	var root *Tree[string]
	for _, w := range strings.Fields("m c x a") {
		root = root.Insert(w)
	}
	root.Walk(func(s string) { fmt.Print(s, " ") })
	fmt.Println()
	fmt.Printf("%T\n", Pair[string, int]{})
}
