// spec: Method values, Type parameter declarations, Instantiations, Type constraints
package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Stack is a generic type with value and pointer methods.
type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s Stack[T]) Len() int  { return len(s.items) }
func (s Stack[T]) Top() T    { return s.items[len(s.items)-1] }

// Pair has a method that formats both halves.
type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p Pair[K, V]) String() string { return fmt.Sprint(p.K, "=", p.V) }

// ID is a named int with a String method.
type ID int

func (i ID) String() string { return "#" + strconv.Itoa(int(i)) }

// Box holds one value; Set needs a pointer.
type Box struct{ v string }

func (b *Box) Set(s string) { b.v = s }
func (b Box) Get() string   { return b.v }

// Setter is satisfied by pointers to types with Set.
type Setter[T any] interface {
	*T
	Set(string)
}

// bind returns x's String method value: x is copied when bind evaluates it.
func bind[T fmt.Stringer](x T) func() string {
	f := x.String
	var zero T
	x = zero
	return f
}

// bindAll makes one method value per element.
func bindAll[T fmt.Stringer](xs []T) []func() string {
	var fs []func() string
	for _, x := range xs {
		fs = append(fs, x.String)
	}
	return fs
}

// fill calls Set through a method value of a type-parameter pointer.
func fill[T any, P Setter[T]](n int) []T {
	out := make([]T, n)
	for i := range out {
		set := P(&out[i]).Set
		set(strconv.Itoa(i))
	}
	return out
}

// lenOf takes a method value of a generic instance.
func lenOf(f func() int) int { return f() }

func main() {
	var s Stack[string]
	push, size := s.Push, s.Len
	push("a")
	push("b")
	fmt.Println(size(), s.Len(), s.Top())
	top := s.Top
	s.Push("c")
	fmt.Println(top(), s.Top(), lenOf(s.Len))

	ps := []*Stack[int]{{}, {}}
	var pushes []func(int)
	for _, p := range ps {
		pushes = append(pushes, p.Push)
	}
	for i, f := range pushes {
		f(i * 10)
		f(i*10 + 1)
	}
	fmt.Println(ps[0].items, ps[1].items)

	pr := Pair[string, int]{"x", 1}
	ps2 := pr.String
	pr.V = 2
	fmt.Println(ps2(), pr)

	fmt.Println(bind(ID(7))(), bind(Pair[int, bool]{1, true})(), bind(time.Duration(1500))())
	for _, f := range bindAll([]ID{1, 2, 3}) {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var sb strings.Builder
	sb.WriteString("sb")
	for _, f := range bindAll([]fmt.Stringer{ID(4), &sb, Pair[ID, ID]{5, 6}}) {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	for _, b := range fill[Box](3) {
		fmt.Print(b.Get(), " ")
	}
	fmt.Println()

	var n atomic.Int64
	add, load := n.Add, n.Load
	add(5)
	add(2)
	fmt.Println(load(), n.Load())
	var ptr atomic.Pointer[Box]
	store, get := ptr.Store, ptr.Load
	store(&Box{"stored"})
	fmt.Println(get().Get())
}
