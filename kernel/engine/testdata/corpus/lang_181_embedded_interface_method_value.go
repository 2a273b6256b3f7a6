// spec: Method values, Struct types, Interface types
package main

import "fmt"

// Namer names things.
type Namer interface{ Name() string }

// Dog is a Namer.
type Dog struct{ name string }

// Name returns the dog's name.
func (d Dog) Name() string { return d.name }

// Holder embeds a Namer.
type Holder struct{ Namer }

func main() {
	hd := Holder{Dog{"a"}}
	hn := hd.Name
	hd.Namer = Dog{"b"}
	fmt.Println(hn(), hd.Name())
}
