// spec: Method expressions, Method sets, Interface types, Function types
package main

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Point has value and pointer methods.
type Point struct{ X, Y int }

func (p Point) Sum() int             { return p.X + p.Y }
func (p *Point) Scale(k int)         { p.X *= k; p.Y *= k }
func (p Point) Add(q Point) Point    { return Point{p.X + q.X, p.Y + q.Y} }
func (p Point) Cmp(q Point) int      { return p.Sum() - q.Sum() }
func (p Point) Fmt(xs ...int) string { return fmt.Sprint(p, xs) }

// Named embeds Point: its methods are promoted.
type Named struct {
	Point
	Name string
}

// Shape is an interface; ReadShape embeds it.
type Shape interface{ Area() float64 }

// ReadShape embeds Shape.
type ReadShape interface {
	Shape
	Label() string
}

// Sq is a square.
type Sq float64

func (s Sq) Area() float64 { return float64(s * s) }
func (s Sq) Label() string { return fmt.Sprint("sq", float64(s)) }

// List is generic.
type List[T any] struct{ xs []T }

func (l *List[T]) Add(x T)   { l.xs = append(l.xs, x) }
func (l List[T]) Count() int { return len(l.xs) }

func apply(ps []Point, f func(Point) int) []int {
	var out []int
	for _, p := range ps {
		out = append(out, f(p))
	}
	return out
}

func main() {
	sum := Point.Sum
	scale := (*Point).Scale
	psum := (*Point).Sum
	p := Point{1, 2}
	scale(&p, 3)
	fmt.Println(sum(p), psum(&p), Point.Add(p, Point{1, 1}), Point.Fmt(p, 1, 2), Point.Fmt(p))
	fmt.Println(apply([]Point{{1, 1}, {2, 3}}, Point.Sum))

	ps := []Point{{5, 5}, {1, 0}, {2, 2}}
	slices.SortFunc(ps, Point.Cmp)
	fmt.Println(ps)
	sort.Slice(ps, func(i, j int) bool { return Point.Cmp(ps[j], ps[i]) < 0 })
	fmt.Println(ps)

	n := Named{Point{4, 4}, "n"}
	nsum, nscale := Named.Sum, (*Named).Scale
	nscale(&n, 2)
	fmt.Println(nsum(n), n.Point)

	area, label := Shape.Area, ReadShape.Label
	rarea := ReadShape.Area
	shapes := []Shape{Sq(2), Sq(3)}
	for _, s := range shapes {
		fmt.Print(area(s), " ")
	}
	fmt.Println(label(Sq(1)), rarea(Sq(4)))
	errText := error.Error
	fmt.Println(errText(fmt.Errorf("wrapped %d", 1)))
	str := fmt.Stringer.String
	fmt.Println(str(time.Second), str(Sq(1).Area2()))

	write := (*strings.Builder).WriteString
	var sb strings.Builder
	write(&sb, "via ")
	write(&sb, "expr")
	fmt.Println(sb.String(), (*strings.Builder).Len(&sb))
	dstr := time.Duration.String
	fmt.Println(dstr(90 * time.Minute))
	bufLen := (*bytes.Buffer).Len
	fmt.Println(bufLen(bytes.NewBufferString("four")))

	add, count := (*List[string]).Add, List[string].Count
	var l List[string]
	add(&l, "a")
	add(&l, "b")
	fmt.Println(count(l), l.xs)
	counters := map[string]func(List[int]) int{"count": List[int].Count}
	fmt.Println(counters["count"](List[int]{[]int{1, 2, 3}}))
}

// Area2 gives a Stringer for the expression above.
func (s Sq) Area2() fmt.Stringer { return time.Duration(s) }
