// spec: Type parameter declarations, Method declarations, Type inference, Struct types
package main

import "fmt"

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MakePair[K comparable, V any](k K, v V) Pair[K, V] {
	return Pair[K, V]{Key: k, Val: v}
}

func (p Pair[K, V]) String() string {
	return fmt.Sprintf("(%v: %v)", p.Key, p.Val)
}

func Swap[K, V comparable](p Pair[K, V]) Pair[V, K] {
	return Pair[V, K]{Key: p.Val, Val: p.Key}
}

func Zip[K comparable, V any](ks []K, vs []V) []Pair[K, V] {
	n := len(ks)
	if len(vs) < n {
		n = len(vs)
	}
	out := make([]Pair[K, V], 0, n)
	for i := 0; i < n; i++ {
		out = append(out, MakePair(ks[i], vs[i]))
	}
	return out
}

func main() {
	p := MakePair("answer", 42)
	fmt.Println(p)
	fmt.Printf("%T\n", p)
	q := Swap(p)
	fmt.Println(q)
	fmt.Printf("%T\n", q)
	fmt.Printf("%+v\n", Pair[int, []string]{Key: 1, Val: []string{"a", "b"}})
	for _, z := range Zip([]string{"x", "y", "z"}, []float64{1.5, 2.5}) {
		fmt.Println(z.String(), z.Key, z.Val)
	}
	fmt.Println(p == MakePair("answer", 42), p == Pair[string, int]{"answer", 41})
}
