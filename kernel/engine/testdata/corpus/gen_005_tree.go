// spec: Type parameter declarations, Type definitions, Method declarations, Type constraints
package main

import (
	"cmp"
	"fmt"
	"strings"
)

type Tree[K cmp.Ordered, V any] struct {
	root *node[K, V]
	size int
}

type node[K cmp.Ordered, V any] struct {
	key         K
	val         V
	left, right *node[K, V]
}

func (t *Tree[K, V]) Put(k K, v V) {
	t.root = t.put(t.root, k, v)
}

func (t *Tree[K, V]) put(n *node[K, V], k K, v V) *node[K, V] {
	if n == nil {
		t.size++
		return &node[K, V]{key: k, val: v}
	}
	switch c := cmp.Compare(k, n.key); {
	case c < 0:
		n.left = t.put(n.left, k, v)
	case c > 0:
		n.right = t.put(n.right, k, v)
	default:
		n.val = v
	}
	return n
}

func (t *Tree[K, V]) Get(k K) (V, bool) {
	n := t.root
	for n != nil {
		switch c := cmp.Compare(k, n.key); {
		case c < 0:
			n = n.left
		case c > 0:
			n = n.right
		default:
			return n.val, true
		}
	}
	var zero V
	return zero, false
}

func (n *node[K, V]) walk(f func(K, V)) {
	if n == nil {
		return
	}
	n.left.walk(f)
	f(n.key, n.val)
	n.right.walk(f)
}

func (n *node[K, V]) height() int {
	if n == nil {
		return 0
	}
	return 1 + max(n.left.height(), n.right.height())
}

func (t *Tree[K, V]) String() string {
	var b strings.Builder
	t.root.walk(func(k K, v V) { fmt.Fprintf(&b, "%v=%v ", k, v) })
	return strings.TrimSpace(b.String())
}

func main() {
	var t Tree[string, int]
	for i, w := range strings.Fields("mango apple pear kiwi apple fig") {
		t.Put(w, i)
	}
	fmt.Println(t.String())
	fmt.Println(t.size, t.root.height())
	v, ok := t.Get("apple")
	fmt.Println(v, ok)
	_, ok = t.Get("banana")
	fmt.Println(ok)

	ft := &Tree[float64, []string]{}
	ft.Put(2.5, []string{"b"})
	ft.Put(-1, nil)
	ft.Put(10, []string{"x", "y"})
	fmt.Println(ft)
	fmt.Printf("%T %T\n", ft, ft.root)
}
