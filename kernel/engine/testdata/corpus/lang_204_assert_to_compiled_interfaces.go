// spec: Type assertions, Conversions, Interface types
// Values of cell types asserted from any, from a cell interface and from error to
// compiled interfaces (fmt.Stringer, error, fmt.GoStringer), comma-ok, single-value and
// in type switches, in loops and functions; explicit conversions to a cell interface
// (Str(N(6))); cell interface values assigned to compiled interfaces; pointers to
// named strings with pointer methods in any.
package main

import (
	"fmt"
	"reflect"
)

// N is a named int with a String method.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

// P is a struct with a String method.
type P struct{ x int }

func (p P) String() string { return fmt.Sprint("p", p.x) }

// E is a named string error.
type E string

func (e E) Error() string { return "e:" + string(e) }

// Plain has no methods.
type Plain float64

// ID has a pointer-receiver String.
type ID string

func (i *ID) String() string { return "id:" + string(*i) }

// Str is declared here.
type Str interface{ String() string }

func mk(i int) Str { return N(i) }

func stringers(xs []any) (out []fmt.Stringer) {
	for _, x := range xs {
		if s, ok := x.(fmt.Stringer); ok {
			out = append(out, s)
		}
	}
	return out
}

func kind(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case error:
		return fmt.Sprintf("error %T %v", v, v)
	case fmt.Stringer:
		return fmt.Sprintf("stringer %T %v", v, v)
	default:
		return fmt.Sprintf("other %T %v", v, v)
	}
}

func main() {
	var x Str = N(5)
	st, ok := x.(fmt.Stringer)
	fmt.Printf("%v %v %T\n", st, ok, st)
	y := Str(N(6))
	fmt.Printf("%T %v\n", y, y)
	_, isN := y.(N)
	fmt.Println(isN)
	st = y.(fmt.Stringer)
	fmt.Printf("%v %T\n", st, st)
	var q Str = P{1}
	st = q.(fmt.Stringer)
	fmt.Printf("%v %T\n", st, st)
	z := mk(3)
	var s fmt.Stringer = z
	fmt.Printf("%T %v\n", s, s)
	var a any = E("y")
	if er, ok := a.(error); ok {
		fmt.Println(er, reflect.TypeOf(er))
	}
	e2 := a.(error)
	fmt.Printf("%v %T\n", e2, e2)
	var b any = N(3)
	if s, ok := b.(fmt.Stringer); ok {
		fmt.Printf("%v %T\n", s, s)
	}
	var c any = P{3}
	if s, ok := c.(fmt.Stringer); ok {
		fmt.Printf("%v %T\n", s, s)
	}
	_, isErr := b.(error)
	_, isStr := a.(fmt.Stringer)
	_, plainStr := any(Plain(1)).(fmt.Stringer)
	fmt.Println(isErr, isStr, plainStr)
	id := ID("a1")
	txt := "plain"
	var pa, pb any = &id, &txt
	_, ok1 := pa.(*ID)
	_, ok2 := pb.(*ID)
	_, ok3 := pa.(*string)
	_, ok4 := pb.(fmt.Stringer)
	fmt.Println(ok1, ok2, ok3, ok4)
	ps, ok5 := pa.(fmt.Stringer)
	fmt.Printf("%v %v %T\n", ok5, ps, ps)
	var s2 fmt.Stringer = &id
	fmt.Printf("%T %v %s\n", s2, s2, s2.String())
	xs := []any{N(1), P{2}, E("z"), Plain(4), &id, 5, nil}
	for _, v := range stringers(xs) {
		fmt.Printf("%T %v; ", v, v)
	}
	fmt.Println()
	for _, v := range xs {
		fmt.Println(kind(v))
	}
	defer func() { fmt.Println("recovered:", recover()) }()
	_ = any(Plain(2)).(fmt.Stringer)
}
