package typefmt

// The types the differential tests format. The tests type-check this file with go/types
// to get the static types, and compare the formatter (given yaegi-like erased values)
// with fmt on the compiled values.

import (
	"fmt"
	"io/fs"
	"time"
)

var _ fs.FileMode

type point struct{ X, Y int }

type vec struct{ X, Y int }

type C float64

type Color int

type Name string

type Bytes []byte

type node struct {
	V    int
	next *node
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Stack[T any] struct{ items []T }

type inner struct {
	p point
	Q *point
	c Color
}

type outer struct {
	point
	*Color
	Stack[int]
	In  inner
	Tag string `json:"tag,omitempty"`
}

type holder struct {
	A any
	E error
	S fmt.Stringer
	L []any
	M map[string]any
}

type S struct{ N int }

func (s S) String() string { return fmt.Sprintf("S<%d>", s.N) }

type P struct{ N int }

func (p *P) String() string { return fmt.Sprintf("P<%d>", p.N) }

type E2 struct{ Msg string }

func (e E2) Error() string { return "E2: " + e.Msg }

type G struct{ N int }

func (g G) GoString() string { return fmt.Sprintf("G(%d)", g.N) }

type F struct{ N int }

func (f F) Format(s fmt.State, verb rune) {
	w, wok := s.Width()
	fmt.Fprintf(s, "F[%c %d %v %v%v%v]", verb, f.N, w, wok, s.Flag('+'), s.Flag('#'))
}

type withDur struct {
	time.Duration
	N int
}

type boom struct{ N int }

func (b boom) String() string { panic("boom") }

type Shape interface{ Area() float64 }

type sq struct{ Side C }

func (s sq) Area() float64 { return float64(s.Side * s.Side) }

type Fn func(point) error

type list = Stack[point]
