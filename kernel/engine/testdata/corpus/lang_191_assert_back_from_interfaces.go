// spec: Type assertions, Interface types, Type switches
package main

import "fmt"

// N is a named integer with a String method.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

// P is a struct with a String method.
type P struct{ x int }

func (p P) String() string { return fmt.Sprint("p", p.x) }

// Str is declared here.
type Str interface{ String() string }

func main() {
	var s fmt.Stringer = P{1}
	p, ok := s.(P)
	fmt.Printf("%v %v %T\n", p, ok, s)
	switch s.(type) {
	case P:
		fmt.Println("P")
	default:
		fmt.Println("not P")
	}
	var t Str = N(2)
	n, ok := t.(N)
	fmt.Printf("%v %v %T\n", n, ok, t)
	var u fmt.Stringer = N(3)
	n, ok = u.(N)
	fmt.Println(n, ok)
}
