// spec: Struct types, Method sets
// rejected: converting a value of main.Named to fmt.Stringer, whose method String is promoted from an interface embedded among other fields (Shape) is not supported
// A struct embedding an interface among other fields converted to a compiled interface
// whose method is promoted from the embedded interface: the interpreter does not find
// the method when it makes the fmt.Stringer, so the conversion is refused (calling the
// method, converting to a cell interface and printing work: lang_202).
package main

import "fmt"

// Shape has an area and a name.
type Shape interface {
	Area() float64
	fmt.Stringer
}

// Rect is a rectangle.
type Rect struct{ W, H float64 }

func (r Rect) Area() float64  { return r.W * r.H }
func (r Rect) String() string { return fmt.Sprintf("Rect(%gx%g)", r.W, r.H) }

// Named embeds a Shape among other fields.
type Named struct {
	Shape
	Name string
}

func main() {
	n := Named{Rect{3, 4}, "n"}
	var st fmt.Stringer = n
	fmt.Println(st)
}
