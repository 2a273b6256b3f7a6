// spec: Type switches, Method expressions, Method values, Struct types
// Type switches over cell types, pointers and interfaces (a named float, a struct, a
// struct embedding an interface, a generic instance in fmt.Stringer); method values
// and method expressions of interfaces, cell types and generic instances passed to a
// generic Map; generic types with String methods printed with %v and %T.
package main

import (
	"fmt"
	"strings"
)

// Shape has an area.
type Shape interface {
	Area() float64
	fmt.Stringer
}

// Sq is a square.
type Sq float64

func (s Sq) Area() float64   { return float64(s * s) }
func (s Sq) String() string  { return fmt.Sprintf("Sq(%g)", float64(s)) }
func (s *Sq) Grow(k float64) { *s = Sq(float64(*s) * k) }

// Rect is a rectangle.
type Rect struct{ W, H float64 }

func (r Rect) Area() float64  { return r.W * r.H }
func (r Rect) String() string { return fmt.Sprintf("Rect(%gx%g)", r.W, r.H) }

// Named embeds a Shape.
type Named struct {
	Shape
	Name string
}

// List is generic.
type List[T fmt.Stringer] struct{ items []T }

func (l *List[T]) Add(x T) { l.items = append(l.items, x) }
func (l List[T]) String() string {
	var parts []string
	for _, x := range l.items {
		parts = append(parts, x.String())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Pair is generic with a String.
type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.K, p.V) }

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case Sq:
		return "Sq " + v.String()
	case *Sq:
		return "*Sq " + v.String()
	case Shape:
		return fmt.Sprintf("Shape %T %.1f", v, v.Area())
	case fmt.Stringer:
		return fmt.Sprintf("Stringer %T %s", v, v)
	case error:
		return "error " + v.Error()
	case []Shape:
		return fmt.Sprint("shapes ", len(v), v)
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	s := Sq(2)
	shapes := []Shape{s, Rect{1, 2}, Named{Rect{3, 4}, "n"}, &s}
	for _, sh := range shapes {
		fmt.Println(describe(sh), sh, sh.Area())
	}
	fmt.Println(describe(nil), describe(3), describe(shapes), describe(Pair[string, int]{"a", 1}))
	area := Shape.Area
	str := fmt.Stringer.String
	fmt.Println(area(Rect{2, 3}), str(s), Sq.Area(3), (*Sq).Area(&s))
	grow := s.Grow
	grow(2)
	fmt.Println(s, shapes[0], shapes[3])
	fs := []func() string{}
	for _, sh := range shapes {
		fs = append(fs, sh.String)
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var l List[Sq]
	l.Add(1)
	l.Add(2)
	fmt.Println(l, &l)
	fmt.Printf("%v %s %T\n", l, l, l)
	var ls fmt.Stringer = l
	fmt.Printf("%v %T\n", ls, ls)
	ps := []Pair[string, Sq]{{"x", 1}, {"y", 2}}
	fmt.Println(ps, Map(ps, Pair[string, Sq].String))
	fmt.Printf("%v %+v %T\n", ps[0], ps[0], ps[0])
	strs := Map(shapes, Shape.String)
	fmt.Println(strs, Map([]Sq{1, 2}, Sq.Area))
	n := Named{Sq(5), "five"}
	fmt.Printf("%v %+v %s %.1f\n", n, n, n, n.Area())
	var sh Shape = n
	fmt.Printf("%v %T %.1f\n", sh, sh, sh.Area())
	m := map[string]Shape{"a": Sq(1), "b": Rect{1, 1}}
	fmt.Println(m, len(m))
	fmt.Printf("%v\n", map[Sq]string{1: "one"})
}
