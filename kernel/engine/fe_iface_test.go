package engine

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ifacePrograms are run compiled (go build) and in the engine (the whole program as one
// cell, then split into a cell of declarations and a cell running main's statements); their standard
// output must be identical.
var ifacePrograms = map[string]string{
	// == and != on interfaces compare dynamic types and values, whatever form yaegi
	// keeps the value in.
	"compare": `package main

import (
	"errors"
	"fmt"
)

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type point struct{ X, Y int }

func (p point) Norm() int { return p.X*p.X + p.Y*p.Y }

type normer interface{ Norm() int }

var errNotFound = errors.New("not found")

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint("code ", e.code) }

func find(k string) error {
	if k == "" {
		return errNotFound
	}
	return nil
}

func main() {
	var a any = celsius(1)
	var b any = celsius(1)
	var c any = celsius(2)
	fmt.Println(a == b, a != b, a == c, a != c)
	xs := []any{celsius(3), point{1, 2}, "s", 4}
	ys := []any{celsius(3), point{1, 2}, "s", 4}
	for i := range xs {
		fmt.Print(xs[i] == ys[i], " ")
	}
	fmt.Println(xs[0] == xs[1], xs[2] == "s", xs[3] == 4, xs[3] == int64(4))
	var n1, n2 normer = point{3, 4}, point{3, 4}
	fmt.Println(n1 == n2, n1 != n2, n1 == point{3, 4}, n1 == point{4, 3})
	fmt.Println(find("") == errNotFound, find("k") == nil, find("") != nil, errors.Is(find(""), errNotFound))
	var ce error = codeErr{1}
	fmt.Println(ce == codeErr{1}, ce == codeErr{2}, ce != codeErr{1})
	p, q := &point{}, &point{}
	var ip, iq, ip2 any = p, q, p
	fmt.Println(ip == iq, ip == ip2)
	var e1, e2 any
	fmt.Println(e1 == e2, e1 == nil, a == nil, a != nil)
	m := map[string]any{"k": celsius(5)}
	fmt.Println(m["k"] == celsius(5), m["k"] == any(celsius(5)), m["k"] == 5.0)
	defer func() { fmt.Println("recovered:", recover()) }()
	var f1, f2 any = map[int]int{}, map[int]int{}
	fmt.Println(f1 == f2)
}
`,
	// Assertions to interfaces declared in the cell on every form: bare struct values in
	// interface{}, pointers, a cell interface inside an interface{}, types that do not
	// implement it, types sharing a layout, a compiled type, nil; single-value failures
	// panic with Go's message.
	"assert_ordered": `package main

import (
	"bytes"
	"fmt"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }
type Twin struct{ W, H float64 }
type Plain struct{ N int }

func (r Rect) Area() float64       { return r.W * r.H }
func (r Rect) Perimeter() float64  { return 2 * (r.W + r.H) }
func (c *Circle) Area() float64    { return 3 * c.R * c.R }
func (c *Circle) Perimeter() float64 { return 6 * c.R }
func (t Twin) Area() float64       { return 1 }

type Writer interface{ WriteString(string) (int, error) }

func try(x any) {
	s, ok := x.(Shape)
	if ok {
		fmt.Printf("%v %.1f %.1f\n", ok, s.Area(), s.Perimeter())
	} else {
		fmt.Println(ok, s == nil)
	}
}

func main() {
	var empty interface{} = Rect{2, 3}
	try(empty)
	try(&Rect{1, 1})
	try(&Circle{1})
	try(Circle{1})
	try(Twin{2, 3})
	try(Plain{1})
	try(nil)
	try(3)
	var sh Shape = Rect{1, 2}
	var a any = sh
	try(a)
	_, isW := any(Rect{}).(Writer)
	fmt.Println(isW, bytes.MinRead)
	for _, x := range []any{Rect{1, 1}, &Circle{2}, Twin{}, "s"} {
		switch v := x.(type) {
		case Shape:
			fmt.Printf("shape %.0f\n", v.Area())
		default:
			fmt.Printf("other %T\n", v)
		}
	}
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(any(Rect{3, 3}).(Shape).Area())
	_ = any(Twin{}).(Shape)
}
`,
	// A named non-struct cell type keeps its type in an interface{}: %T, comma-ok and
	// single assertions, type switches with the underlying type as another case. (A
	// plain float64 still satisfies x.(Celsius): see the engine README.)
	"named_basic": `package main

import "fmt"

type Celsius float64
type IntSlice []int

func kind(x any) string {
	switch x.(type) {
	case float64:
		return "float64"
	case Celsius:
		return "Celsius"
	case []int:
		return "[]int"
	case IntSlice:
		return "IntSlice"
	}
	return "other"
}

func main() {
	var xs []any
	xs = append(xs, Celsius(1), 2.5, IntSlice{1}, []int{2})
	for _, x := range xs {
		_, isF := x.(float64)
		fmt.Printf("%T %v %s\n", x, isF, kind(x))
	}
	m := map[string]any{"c": Celsius(3)}
	_, isC := m["c"].(Celsius)
	c := m["c"].(Celsius)
	fmt.Println(isC)
	fmt.Println(c+1, fmt.Sprintf("%T", m["c"]))
}
`,
	// Converting a struct or array variable to an interface copies it; a var declared
	// after statements is initialised where it stands.
	"convert_copies": `package main

import "fmt"

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }

type Getter interface{ Get() int }

type box struct{ g Getter }

func keep(g Getter) Getter { return g }

func main() {
	c := Counter{}
	c.Inc()
	var g Getter = c
	var a any = c
	arr := [2]int{1, 2}
	var b any = arr
	xs := []Getter{c}
	m := map[string]Getter{"c": c}
	bx := box{c}
	k := keep(c)
	ch := make(chan Getter, 1)
	ch <- c
	var g2 Getter
	g2 = c
	c.Inc()
	arr[0] = 9
	fmt.Println(g.Get(), a.(Counter).n, b, xs[0].Get(), m["c"].Get(), bx.g.Get(), k.Get(), (<-ch).Get(), g2.Get(), c.Get())
}
`,
	// A type switch and an assertion to an interface declared in the cell, on values
	// yaegi keeps as interp.valueInterface inside an interface{}.
	"assert_cell_interface": `package main

import (
	"errors"
	"fmt"
)

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type stringer interface{ String() string }

type shape interface{ Area() float64 }

type square struct{ S float64 }

func (s square) Area() float64 { return s.S * s.S }

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case error:
		return "error " + v.Error()
	case stringer:
		return "stringer " + v.String()
	case shape:
		return fmt.Sprint("shape ", v.Area())
	default:
		return fmt.Sprintf("other %v", v)
	}
}

func main() {
	for _, x := range []any{nil, errors.New("e"), celsius(2), square{3}, 1.5} {
		fmt.Println(describe(x))
	}
	items := []any{square{2}, celsius(1)}
	s := items[0].(shape)
	fmt.Println(s.Area())
	fmt.Println(items[0].(shape).Area() + s.Area())
}
`,
}

func TestIfaceDifferential(t *testing.T) {
	names, bin := buildGoPrograms(t, ifacePrograms)
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			src := ifacePrograms[n]
			want, err := exec.Command(filepath.Join(bin, n)).Output()
			if err != nil {
				t.Fatalf("compiled program: %v", err)
			}
			// One cell.
			got := run(t, newEngine(t), src)
			if got.err != nil {
				t.Fatalf("engine: %s\nstdout so far:\n%s", describe(got.err), got.stdout)
			}
			if got.stdout != string(want) {
				t.Errorf("one cell: stdout differs\n--- go run:\n%s--- engine:\n%s", want, got.stdout)
			}
			// Declarations in one cell, main's body in the next.
			decls, body, ok := strings.Cut(src, "func main() {\n")
			if !ok {
				t.Fatal("no func main")
			}
			// The statements run in a function literal: top-level := and var of a cell
			// are session variables, a matter of their own.
			body = "func() {\n" + strings.TrimSuffix(strings.TrimSpace(body), "}") + "\n}()"
			e := newEngine(t)
			mustRun(t, e, strings.Replace(decls, "package main\n", "", 1))
			got = run(t, e, body)
			if got.err != nil {
				t.Fatalf("engine, split: %s\nstdout so far:\n%s", describe(got.err), got.stdout)
			}
			if got.stdout != string(want) {
				t.Errorf("split: stdout differs\n--- go run:\n%s--- engine:\n%s", want, got.stdout)
			}
		})
	}
}
