// spec: Interface types
// Values of cell types handed to compiled packages through interfaces.
package main

import (
	"container/list"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

type Celsius float64

type Tags []string

type Code int

type point struct{ X, Y int }

func (p point) Norm1() int { return abs(p.X) + abs(p.Y) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

type reading struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

func boxed() any     { return Celsius(21.5) }
func boxedTags() any { return Tags{"a", "b"} }

func recovered() (r any) {
	defer func() { r = recover() }()
	panic(Code(7))
}

func main() {
	c := Celsius(2)
	var x any = c
	var p any = point{3, -4}
	xs := []any{1.5, c, x, point{1, 2}, Tags{"t"}}
	m := map[string]any{"c": c, "x": x, "p": point{5, 6}, "n": nil}

	// Encoders see the values, not the interpreter's representation.
	for _, v := range []any{x, p, xs, m, reading{"r", x}, []reading{{"a", c}, {"b", p}}} {
		b, err := json.Marshal(v)
		fmt.Println(string(b), err)
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.Encode(xs)
	fmt.Print(sb.String())

	// reflect sees the underlying kinds.
	fmt.Println(reflect.ValueOf(x).Kind(), reflect.ValueOf(x).Float(), reflect.ValueOf(p).Kind())
	fmt.Println(reflect.DeepEqual(x, Celsius(2)), reflect.DeepEqual(x, 2.0))

	// Printing a spread []any and nested calls.
	fmt.Println(xs...)
	fmt.Printf("%T %T %T\n", boxed(), boxedTags(), recovered())
	fmt.Printf("%v %v\n", boxed(), boxedTags())

	// Holders give back what they were given, with its type.
	var sm sync.Map
	sm.Store("c", c)
	sm.Store("x", x)
	v1, _ := sm.Load("c")
	v2, _ := sm.Load("x")
	var av atomic.Value
	av.Store(Celsius(6))
	ctx := context.WithValue(context.Background(), "k", Code(3))
	l := list.New()
	l.PushBack(Tags{"q"})
	fmt.Printf("%T %T %T %T %T\n", v1, v2, av.Load(), ctx.Value("k"), l.Front().Value)
	if cv, ok := v1.(Celsius); ok {
		fmt.Println("celsius from the map:", cv+1)
	}
	if code, ok := ctx.Value("k").(Code); ok {
		fmt.Println("code from the context:", code*2)
	}

	// A compiled sort over a []any still sorts the cell's slice.
	ys := []any{Celsius(3), Celsius(1), Celsius(2)}
	sort.Slice(ys, func(i, j int) bool { return ys[i].(Celsius) < ys[j].(Celsius) })
	fmt.Println(ys...)

	// Assertions tell a named type from its underlying type.
	var f any = 3.5
	_, isC := f.(Celsius)
	_, isF := f.(float64)
	_, xIsC := x.(Celsius)
	_, xIsF := x.(float64)
	fmt.Println(isC, isF, xIsC, xIsF)
	for _, v := range []any{f, x, Code(1), 1} {
		switch v.(type) {
		case Celsius:
			fmt.Print("Celsius ")
		case float64:
			fmt.Print("float64 ")
		case Code:
			fmt.Print("Code ")
		case int:
			fmt.Print("int ")
		}
	}
	fmt.Println()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		_ = f.(Celsius)
	}()
}
