// spec: Method values, Run-time panics, Interface types, Address operators
package main

import (
	"fmt"
	"strings"
)

type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

type P struct{ x int }

func (p P) Get() int   { return p.x }
func (p *P) Ptr() bool { return p == nil }

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panicked:", r)
		}
	}()
	f()
	fmt.Println(name, "ok")
}

func main() {
	try("nil iface", func() {
		var s fmt.Stringer
		f := s.String
		fmt.Println("bound")
		_ = f
	})
	try("nil ptr value method", func() {
		var p *P
		f := p.Get
		fmt.Println("bound")
		_ = f
	})
	try("nil ptr ptr method", func() {
		var p *P
		f := p.Ptr
		fmt.Println("bound", f())
	})
	try("nil compiled ptr", func() {
		var b *strings.Builder
		f := b.Len
		fmt.Println("bound")
		fmt.Println(f())
	})
}
