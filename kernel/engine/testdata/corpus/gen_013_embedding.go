// spec: Struct types, Selectors, Method sets, Type parameter declarations
package main

import "fmt"

type Base[T any] struct {
	ID   T
	tags []string
}

func (b *Base[T]) Tag(t string)    { b.tags = append(b.tags, t) }
func (b Base[T]) Describe() string { return fmt.Sprintf("id=%v tags=%v", b.ID, b.tags) }

type Counter[K comparable] struct {
	counts map[K]int
}

func (c *Counter[K]) Inc(k K) int {
	if c.counts == nil {
		c.counts = map[K]int{}
	}
	c.counts[k]++
	return c.counts[k]
}

type Record[T any, K comparable] struct {
	Base[T]
	*Counter[K]
	Name string
}

type Named interface {
	Describe() string
}

func Show[N Named](items ...N) {
	for _, it := range items {
		fmt.Println(it.Describe())
	}
}

func main() {
	r := Record[int, string]{Base: Base[int]{ID: 7}, Counter: &Counter[string]{}, Name: "seven"}
	r.Tag("new")
	r.Tag("hot")
	r.Inc("views")
	n := r.Inc("views")
	fmt.Println(r.Name, r.ID, n, r.Describe())
	fmt.Printf("%T %T\n", r.Base, r.Counter)
	Show(r, Record[int, string]{Base: Base[int]{ID: 8}})
	Show[Named](r.Base, Base[string]{ID: "s"})
	var d Named = &r
	fmt.Println(d.Describe())
}
