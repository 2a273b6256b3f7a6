// spec: Type switches
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
