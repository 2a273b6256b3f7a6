// spec: Method values, Interface types, For statements
package main

import (
	"errors"
	"fmt"
)

type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

type Namer interface{ Name() string }

type Dog struct{ name string }

func (d Dog) Name() string { return d.name }

func main() {
	var fs []func() string
	for i := range 3 {
		var s fmt.Stringer = N(i)
		fs = append(fs, s.String)
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var s fmt.Stringer = N(1)
	g := s.String
	s = N(2)
	fmt.Println(g(), s)
	var nm Namer = Dog{"rex"}
	h := nm.Name
	nm = Dog{"fido"}
	fmt.Println(h(), nm.Name())
	err := errors.New("first")
	e := err.Error
	err = errors.New("second")
	fmt.Println(e(), err)
}
