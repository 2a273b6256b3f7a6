// spec: Method values, Struct types, Type parameter declarations, Selectors
package main

import (
	"fmt"
	"strings"
)

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s Stack[T]) Len() int  { return len(s.items) }

type Wrapper[T any] struct {
	Stack[T]
	name string
}

type Named struct {
	*Stack[string]
}

type Holder[T fmt.Stringer] struct{ x T }

func (h Holder[T]) Bind() func() string { return h.x.String }

func field[T fmt.Stringer](h Holder[T]) func() string { return h.x.String }

type ID int

func (i ID) String() string { return fmt.Sprint("id", int(i)) }

type Lines struct{ strings.Builder }

func main() {
	var w Wrapper[int]
	push, size := w.Push, w.Len
	push(1)
	push(2)
	fmt.Println(size(), w.Len())
	n := Named{&Stack[string]{}}
	np := n.Push
	n.Stack = &Stack[string]{}
	np("x")
	fmt.Println(n.Len())
	h := Holder[ID]{5}
	b := h.Bind()
	h.x = 6
	fmt.Println(b(), field(h)())
	var ls Lines
	lw := ls.WriteString
	lw("line")
	fmt.Println(ls.String())
	var hs []Holder[ID]
	for i := range 3 {
		hs = append(hs, Holder[ID]{ID(i)})
	}
	var bs []func() string
	for _, x := range hs {
		bs = append(bs, x.Bind(), field(x))
	}
	for _, f := range bs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
