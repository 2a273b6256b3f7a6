// spec: Type switches
// known-failure: a value of a named non-struct cell type held by a cell interface asserted to fmt.Stringer (x.(fmt.Stringer)) is yaegi's wrapper of the bare value: %T prints symbols._fmt_Stringer; %v of a []Str (Str an interface declared in cells) prints the bare values [1 {}] without their String methods; er, ok := a.(error) with a an interface{} holding E("y") (E a named string cell error type) gives an error whose Error method panics (reflect.Set: value of type bool is not assignable to type string)
package main

import (
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

func main() {
	fmt.Printf("%v\n", []Str{N(1), P{2}})
	var x Str = N(5)
	st, ok := x.(fmt.Stringer)
	fmt.Printf("%v %v %T\n", st, ok, st)
	var a any = E("y")
	if er, ok := a.(error); ok {
		fmt.Println(er, reflect.TypeOf(er))
	}
}
