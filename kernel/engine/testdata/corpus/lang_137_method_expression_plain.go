// spec: Method expressions
package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Scale(k int) Point { return Point{p.X * k, p.Y * k} }

func main() {
	scale := Point.Scale
	fmt.Println(scale(Point{1, 2}, 3))
}
