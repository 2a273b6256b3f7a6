// spec: Type switches
package main

import (
	"errors"
	"fmt"
	"reflect"
)

// N is a named integer with a String method.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

// P is a struct with a String method.
type P struct{ x int }

func (p P) String() string { return fmt.Sprint("p", p.x) }

// E is a named string error.
type E string

func (e E) Error() string { return "e:" + string(e) }

// Str is declared here.
type Str interface{ String() string }

func kind(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case N:
		return "N " + v.String()
	case P, *P:
		return fmt.Sprintf("P-ish %v", v)
	case error:
		return "error " + v.Error()
	case fmt.Stringer:
		return "stringer " + v.String()
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	var t Str = N(2)
	var s fmt.Stringer = P{1}
	var u fmt.Stringer = N(3)
	fmt.Printf("%T %v %#v %T %v %#v %T %v %#v\n", t, t, t, s, s, s, u, u, u)
	fmt.Println(reflect.TypeOf(t), reflect.TypeOf(s), reflect.TypeOf(u), t, s, u)
	fmt.Printf("%v %s %d\n", []fmt.Stringer{N(4), P{5}}, t, t)
	for _, x := range []fmt.Stringer{N(1), P{2}, &P{3}, nil} {
		switch v := x.(type) {
		case nil:
			fmt.Println("nil")
		case N:
			fmt.Println("N", int(v))
		case P:
			fmt.Println("P", v.x)
		default:
			fmt.Printf("default %T\n", v)
		}
		fmt.Println(kind(x))
	}
	for _, x := range []Str{N(5), P{6}} {
		switch v := x.(type) {
		case P:
			fmt.Println("P", v.x)
		case N:
			fmt.Println("N", int(v))
		}
		_, ok := x.(N)
		fmt.Println(ok)
	}
	for _, x := range []Str{P{6}, &P{7}} {
		st, ok := x.(fmt.Stringer)
		fmt.Printf("%v %v %T %v\n", st, ok, st, x.(fmt.Stringer))
	}
	var err error = E("x")
	_, isStr := err.(fmt.Stringer)
	var e E
	fmt.Println(kind(err), isStr, errors.As(fmt.Errorf("w: %w", err), &e), e, err.(E))
}
