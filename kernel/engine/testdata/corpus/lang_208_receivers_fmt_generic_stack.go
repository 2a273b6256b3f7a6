// spec: Method sets, Method values, Method expressions
// std: errors.Is, errors.As
// Value and pointer receivers of String and Format printed through values, pointers and
// slices of pointers; a typed nil *T returned as error; a generic Stack with String in
// fmt.Stringer and any; method expressions and method values of value and pointer
// methods.
package main

import (
	"errors"
	"fmt"
)

type V struct{ n int }

func (v V) String() string { return fmt.Sprint("V", v.n) }

type PF struct{ n int }

func (p *PF) Format(f fmt.State, c rune) { fmt.Fprintf(f, "PF<%c %d>", c, p.n) }

type ME struct{ msg string }

func (e *ME) Error() string { return e.msg }

func get(fail bool) error {
	var e *ME
	if fail {
		e = &ME{"boom"}
	}
	return e
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T)      { s.items = append(s.items, x) }
func (s Stack[T]) String() string { return fmt.Sprint("stack", s.items) }

func main() {
	v := V{1}
	fmt.Printf("%v %v %s\n", v, &v, []*V{&v})
	pf := PF{2}
	fmt.Printf("%v %v %d\n", pf, &pf, []*PF{&pf})
	err := get(false)
	fmt.Println(err == nil, err != nil)
	fmt.Printf("%T\n", err)
	err = get(true)
	fmt.Println(err, errors.Is(err, err))
	var me *ME
	fmt.Println(errors.As(err, &me), me.msg)
	var s Stack[V]
	s.Push(V{3})
	s.Push(V{4})
	fmt.Println(s, &s)
	fmt.Printf("%v %+v %T\n", s, s, &s)
	var st fmt.Stringer = s
	fmt.Printf("%T %v\n", st, st)
	var a any = &s
	if x, ok := a.(fmt.Stringer); ok {
		fmt.Printf("%T %v\n", x, x)
	}
	strs := map[string]fmt.Stringer{"v": v, "s": s}
	fmt.Println(strs)
	f := V.String
	g := (*V).String
	h := v.String
	v.n = 9
	fmt.Println(f(v), g(&v), h())
}
