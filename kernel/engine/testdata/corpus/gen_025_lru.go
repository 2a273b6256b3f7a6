// spec: Type parameter declarations, Pointer types, Map types, Method declarations
package main

import "fmt"

type entry[K comparable, V any] struct {
	key        K
	val        V
	prev, next *entry[K, V]
}

type LRU[K comparable, V any] struct {
	cap     int
	items   map[K]*entry[K, V]
	sentry  entry[K, V]
	evicted []K
}

func NewLRU[K comparable, V any](capacity int) *LRU[K, V] {
	c := &LRU[K, V]{cap: capacity, items: map[K]*entry[K, V]{}}
	c.sentry.next = &c.sentry
	c.sentry.prev = &c.sentry
	return c
}

func (c *LRU[K, V]) unlink(e *entry[K, V]) {
	e.prev.next = e.next
	e.next.prev = e.prev
}

func (c *LRU[K, V]) pushFront(e *entry[K, V]) {
	e.next = c.sentry.next
	e.prev = &c.sentry
	c.sentry.next.prev = e
	c.sentry.next = e
}

func (c *LRU[K, V]) Get(k K) (V, bool) {
	if e, ok := c.items[k]; ok {
		c.unlink(e)
		c.pushFront(e)
		return e.val, true
	}
	var zero V
	return zero, false
}

func (c *LRU[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		e.val = v
		c.unlink(e)
		c.pushFront(e)
		return
	}
	e := &entry[K, V]{key: k, val: v}
	c.items[k] = e
	c.pushFront(e)
	if len(c.items) > c.cap {
		last := c.sentry.prev
		c.unlink(last)
		delete(c.items, last.key)
		c.evicted = append(c.evicted, last.key)
	}
}

func (c *LRU[K, V]) Order() []K {
	var ks []K
	for e := c.sentry.next; e != &c.sentry; e = e.next {
		ks = append(ks, e.key)
	}
	return ks
}

func main() {
	c := NewLRU[string, int](3)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Put("c", 3)
	c.Get("a")
	c.Put("d", 4)
	c.Put("b", 20)
	c.Put("e", 5)
	fmt.Println(c.Order(), c.evicted)
	v, ok := c.Get("b")
	fmt.Println(v, ok)
	_, ok = c.Get("c")
	fmt.Println(ok)
	type key struct{ x, y int }
	grid := NewLRU[key, []string](2)
	grid.Put(key{0, 0}, []string{"origin"})
	grid.Put(key{1, 0}, nil)
	grid.Put(key{0, 0}, []string{"again"})
	grid.Put(key{2, 2}, []string{"far"})
	fmt.Println(grid.Order(), grid.evicted)
	fmt.Printf("%T %d\n", c, len(grid.items))
}
