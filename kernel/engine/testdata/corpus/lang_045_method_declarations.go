// spec: Method declarations
package main

import (
	"fmt"
	"strings"
)

type Point struct{ X, Y float64 }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(f float64)  { p.X *= f; p.Y *= f }
func (p Point) String() string    { return fmt.Sprintf("(%g,%g)", p.X, p.Y) }

type Path []Point

func (pa Path) String() string {
	parts := make([]string, len(pa))
	for i, p := range pa {
		parts[i] = p.String()
	}
	return strings.Join(parts, "->")
}

func (pa *Path) Append(p Point) { *pa = append(*pa, p) }

type Temp int

func (t Temp) Up() Temp { return t + 1 }

func main() {
	p := Point{1, 2}
	p.Scale(3)
	fmt.Println(p, p.Add(Point{1, 1}))
	var path Path
	path.Append(p)
	path.Append(Point{0, 0})
	fmt.Println(path)
	fmt.Println(Temp(5).Up().Up())
	pp := &p
	fmt.Println(pp.Add(p), pp)
}
