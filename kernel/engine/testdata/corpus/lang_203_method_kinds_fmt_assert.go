// spec: Type assertions, Method sets
// std: errors.As, errors.Unwrap, fmt.Errorf
// Pointer-receiver String on a named string, GoString, String methods on function,
// array and map types, %#v, method values of pointer and value methods, []any of them
// asserted to fmt.Stringer and fmt.GoStringer, errors.Unwrap through cell types.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// ID is a named string with a String method on the pointer.
type ID string

func (i *ID) String() string { return "id:" + string(*i) }

// Temp has a GoString and a String.
type Temp float64

func (t Temp) String() string   { return strconv.FormatFloat(float64(t), 'f', 1, 64) + "C" }
func (t Temp) GoString() string { return "Temp(" + strconv.FormatFloat(float64(t), 'f', -1, 64) + ")" }

// Reading holds values.
type Reading struct {
	ID   *ID
	T    Temp
	Prev *Temp
	Meta map[string]Temp
	Err  error
}

// Counter counts by method value.
type Counter struct{ n int }

func (c *Counter) Inc() int { c.n++; return c.n }
func (c Counter) Get() int  { return c.n }

// Op is a function type with a method.
type Op func(int) int

func (o Op) String() string { return fmt.Sprint("op(", o(1), ")") }

// Grid is an array type with a String.
type Grid [2][2]int

func (g Grid) String() string { return fmt.Sprint("grid", g[0][0], g[1][1]) }

// Set is a map type with a String.
type Set map[string]bool

func (s Set) String() string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return fmt.Sprint("set", keys)
}

// Chain wraps with %w.
type Chain struct{ inner error }

func (c *Chain) Error() string { return "chain(" + c.inner.Error() + ")" }
func (c *Chain) Unwrap() error { return c.inner }

func main() {
	id := ID("a1")
	prev := Temp(19.5)
	r := Reading{&id, 21.25, &prev, map[string]Temp{"max": 30}, errors.New("e")}
	fmt.Printf("%v\n%+v\n", r, r)
	fmt.Printf("%#v\n", r.T)
	fmt.Printf("%#v %#v\n", []Temp{1, 2.5}, map[string]Temp{"a": 1})
	fmt.Printf("%v %s %d\n", id, &id, r.Meta)
	var c Counter
	inc, get := c.Inc, c.Get
	inc()
	inc()
	fmt.Println(c.n, get(), c.Get(), (*Counter).Inc(&c), Counter.Get(c))
	incs := map[string]func() int{"a": c.Inc}
	incs["a"]()
	fmt.Println(c)
	var o Op = func(x int) int { return x * 10 }
	fmt.Println(o, Op(func(x int) int { return -x }))
	fmt.Printf("%v %s\n", []Op{o}, o)
	g := Grid{{1, 2}, {3, 4}}
	fmt.Println(g, []Grid{g}, &g)
	fmt.Printf("%v %+v %#v\n", Set{"b": true, "a": true}, Set{}, g)
	var anys []any = []any{o, g, Set{"x": true}, &id, Temp(3), r.Prev}
	for _, a := range anys {
		s, isS := a.(fmt.Stringer)
		gs, isG := a.(fmt.GoStringer)
		fmt.Printf("%T %v %v %v\n", a, isS, isG, a)
		if isS {
			fmt.Println(" ", s.String())
		}
		if isG {
			fmt.Println(" ", gs.GoString())
		}
	}
	var err error = &Chain{&Chain{errors.New("root")}}
	fmt.Println(err, errors.Unwrap(err), errors.Unwrap(errors.Unwrap(err)))
	var ch *Chain
	fmt.Println(errors.As(err, &ch), ch.inner)
	wrapped := fmt.Errorf("top: %w", err)
	fmt.Printf("%v | %T | %T\n", wrapped, errors.Unwrap(wrapped), errors.Unwrap(errors.Unwrap(wrapped)))
}
