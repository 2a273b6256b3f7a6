// spec: Type switches, Type assertions
// A nil value of an interface declared in a cell printed, compared, switched on and
// asserted to a cell type and to fmt.Stringer.
package main

import "fmt"

// Str is declared in a cell.
type Str interface{ String() string }

// N is a named int.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

func init() {
	var s Str
	switch v := s.(type) {
	case N:
		fmt.Println("N", v)
	case nil:
		fmt.Println("nil case")
	}
	_, isN := s.(N)
	fmt.Println(isN)
	_, isS := s.(fmt.Stringer)
	fmt.Println(isS)
}

func main() {
	var s Str
	fmt.Printf("%v|%T\n", s, s)
	list := []Str{N(1), nil}
	t := list[1]
	fmt.Println(t == nil)
	fmt.Printf("%v\n", t)
	for _, x := range list {
		fmt.Println(x)
	}
}
