// spec: Variable declarations, Package initialization, Instantiations, Type inference
package main

import (
	"fmt"
	"strings"
)

type Registry[K comparable, V any] struct {
	order []K
	items map[K]V
}

func NewRegistry[K comparable, V any](pairs ...any) *Registry[K, V] {
	r := &Registry[K, V]{items: map[K]V{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i].(K), pairs[i+1].(V)
		r.order = append(r.order, k)
		r.items[k] = v
	}
	return r
}

func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Keys[K comparable, V any](r *Registry[K, V]) []K { return r.order }

var handlers = NewRegistry[string, func(string) string]("upper", strings.ToUpper, "lower", strings.ToLower)

var total = Sum([]int{1, 2, 3, 4})

var mean = Sum([]float64{1, 2, 4}) / 3

var names = Keys(handlers)

var _ = Sum[int]

var sumFloats func([]float64) float64 = Sum[float64]

func main() {
	fmt.Println(total, mean, names)
	for _, k := range names {
		fmt.Println(k, handlers.items[k]("MiXeD"))
	}
	fmt.Println(sumFloats([]float64{0.5, 0.25}))
	fmt.Printf("%T %T\n", total, handlers.items)
}
