// spec: Method expressions
// rejected: the method expression Point.Scale is not supported by the Sluice interpreter: yaegi gives it the wrong type; write a function literal instead: func(r Point, a0 int) Point { return r.Scale(a0) }
package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Scale(k int) Point { return Point{p.X * k, p.Y * k} }

func main() {
	scale := Point.Scale
	fmt.Println(scale(Point{1, 2}, 3))
}
