// spec: Alias declarations, Type parameter declarations, Type identity, Instantiations
package main

import "fmt"

type Vec[T any] = []T

type Table[K comparable, V any] = map[K]V

type Matrix = Vec[Vec[float64]]

type Box[T any] struct{ V T }

type IntBox = Box[int]

type Ptr[T any] = *Box[T]

func Sum(v Vec[int]) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}

func Keys[K comparable, V any](t Table[K, V], order []K) Vec[K] {
	var out Vec[K]
	for _, k := range order {
		if _, ok := t[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

func main() {
	v := Vec[int]{1, 2, 3}
	var plain []int = v
	fmt.Printf("%v %T %d\n", v, v, Sum(plain))
	t := Table[string, int]{"a": 1, "c": 3}
	fmt.Printf("%T %v\n", t, Keys(t, []string{"a", "b", "c"}))
	m := Matrix{{1, 0}, {0, 1}}
	fmt.Printf("%T %v\n", m, m)
	b := IntBox{V: 5}
	var b2 Box[int] = b
	fmt.Printf("%T %v %v\n", b, b2, b == b2)
	var p Ptr[string] = &Box[string]{V: "p"}
	fmt.Printf("%T %s\n", p, p.V)
}
