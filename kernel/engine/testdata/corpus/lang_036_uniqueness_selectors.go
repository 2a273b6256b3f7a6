// spec: Uniqueness of identifiers, Selectors
package main

import "fmt"

type Inner struct {
	Name  string
	Depth int
}

func (Inner) Who() string { return "inner" }

type Middle struct {
	Inner
	Name string
}

type Outer struct {
	Middle
	*Inner2
}

type Inner2 struct{ Extra int }

func (m Middle) Who() string { return "middle" }

func main() {
	o := Outer{Middle{Inner{"deep", 2}, "shallow"}, &Inner2{5}}
	// The shallowest Name wins; the deeper one is reachable explicitly.
	fmt.Println(o.Name, o.Middle.Inner.Name, o.Depth, o.Extra)
	fmt.Println(o.Who(), o.Inner.Who())
	p := &o
	fmt.Println(p.Name, p.Middle.Name, (*p).Extra)
	o.Extra = 6
	fmt.Println(o.Inner2.Extra)
}
