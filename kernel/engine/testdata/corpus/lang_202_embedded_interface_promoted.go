// spec: Struct types, Selectors
// A struct embedding an interface among other fields: the promoted methods called
// directly, through a cell interface and by fmt (yaegi panicked calling them).
package main

import "fmt"

type Shape interface {
	Area() float64
	fmt.Stringer
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64  { return r.W * r.H }
func (r Rect) String() string { return fmt.Sprintf("Rect(%gx%g)", r.W, r.H) }

type Named struct {
	Shape
	Name string
}

func main() {
	n := Named{Rect{3, 4}, "n"}
	fmt.Println(n.Area(), n.String())
	var sh Shape = n
	fmt.Println(sh)
	fmt.Println(n)
	fmt.Println(sh.Area(), sh.String())
	fmt.Printf("%v %+v %s %T\n", n, n, n, n)
	ns := []Named{n, {Rect{1, 1}, "m"}}
	fmt.Println(ns, ns[1].Area())
}
