// spec: Type parameter declarations
// An embedded generic field in a generic struct, and a constraint with a pointer method
// (PT interface{ *T; Set(string) }).
package main

import "fmt"

type Base[T any] struct{ V T }

func (b Base[T]) Get() T { return b.V }

type Derived[T any] struct {
	Base[T]
	Name string
}

func NewDerived[T any](v T) Derived[T] { return Derived[T]{Base: Base[T]{V: v}, Name: "n"} }

type Setter[T any] interface {
	*T
	Set(string)
}

type item struct{ s string }

func (i *item) Set(s string) { i.s = s }

func FromStrings[T any, PT Setter[T]](xs []string) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		PT(&out[i]).Set(x)
	}
	return out
}

func main() {
	fmt.Println(FromStrings[item]([]string{"a", "b"}))
	d := Derived[string]{Base: Base[string]{V: "s"}, Name: "x"}
	fmt.Println(d.Get(), d.V, d.Name)
	e := NewDerived(2.5)
	fmt.Println(e.Get(), e)
}
