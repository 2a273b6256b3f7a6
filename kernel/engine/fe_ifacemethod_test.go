package engine

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// ifaceMethodDecls are the declarations the lowering tests and benchmarks share.
const ifaceMethodDecls = `import (
	"fmt"
	"strings"
)

type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

type Shape interface{ Area() float64 }

type Sq float64

func (s Sq) Area() float64 { return float64(s * s) }
`

// lineDirective matches the line directives of lowered code.
var lineDirective = regexp.MustCompile(`/\*line [^*]*\*/`)

// TestIfaceMethodLowering checks which method values and conversions to interfaces are
// lowered (fe_ifacemethod.go, fe_ifacefresh.go), and into what.
func TestIfaceMethodLowering(t *testing.T) {
	e := newEngine(t)
	cases := []struct {
		code       string
		want, omit []string
	}{
		// A method value of an interface binds the value through a function.
		{"var s fmt.Stringer = N(1)\ng := s.String\n_ = g",
			[]string{"func(r fmt.Stringer) func() string { return r.String }((s))"}, nil},
		// In a loop (or a function), through a function the cell declares.
		{"var fs []func() string\nfor i := range 3 { var s fmt.Stringer = N(i); fs = append(fs, s.String) }",
			[]string{"_mv(r fmt.Stringer) func() string { return r.String }", "fs = append(fs, __sluice_g"}, nil},
		// A call is not a method value.
		{"var s fmt.Stringer = N(1)\n_ = s.String()", nil, []string{"func(r fmt.Stringer)"}},
		// A compiled type's method value is a literal calling the method.
		{"var b strings.Builder\nw := b.WriteString\n_ = w",
			[]string{"func(r *strings.Builder) func(string) (int, error) { return func(a0 string) (int, error) { return r.WriteString(a0) } }(&((b)))"}, nil},
		// Promoted through an embedded interface field.
		{"type H struct{ fmt.Stringer }\nh := H{N(1)}\nf := h.String\n_ = f",
			[]string{"return r.String }((h).Stringer)"}, nil},
		// A conversion to an interface declared in cells copies the value into a fresh
		// slice element: in a loop, or from a variable.
		{"var xs []Shape\nfor i := range 3 { xs = append(xs, Sq(i)) }",
			[]string{"xs = append(xs, []Sq{Sq(i)}[0])"}, nil},
		{"var xs []Shape\nxs = append(xs, Sq(2))\nk := 3\nx := Sq(k)\nxs = append(xs, x, Sq(k))",
			[]string{"xs = append(xs, []Sq{x}[0], Sq(k))"}, nil},
		// To a compiled interface, through a function the cell declares in a loop, a
		// literal elsewhere.
		{"var xs []fmt.Stringer\nfor i := range 3 { xs = append(xs, N(i)) }",
			[]string{"_ifconv(v N) fmt.Stringer { var w fmt.Stringer = v; var x any = v; return __sluice_fe.IfWrap(w, x).(fmt.Stringer) }", "xs = append(xs, __sluice_g"}, nil},
		{"n := N(1)\nvar s fmt.Stringer = n\n_ = s",
			[]string{"(func(v N) fmt.Stringer { var w fmt.Stringer = v; var x any = v; return __sluice_fe.IfWrap(w, x).(fmt.Stringer) })(n)"}, []string{"_ifconv"}},
		{"func show(n N) fmt.Stringer { var s fmt.Stringer = n; return s }",
			[]string{"_ifconv(v N) fmt.Stringer { var w fmt.Stringer = v; var x any = v; return __sluice_fe.IfWrap(w, x).(fmt.Stringer) }"}, []string{"(func(v N)"}},
		// Constants keep their conversion, in a loop too.
		{"var xs []Shape\nfor range 3 { xs = append(xs, Sq(2)) }", nil, []string{"[]Sq{"}},
		// Empty interfaces are left alone.
		{"var xs []any\nfor i := range 3 { xs = append(xs, Sq(i)) }", nil, []string{"[]Sq{", "_ifconv"}},
	}
	for _, c := range cases {
		src := lineDirective.ReplaceAllString(lowerCode(t, e, ifaceMethodDecls+c.code), "")
		for _, w := range c.want {
			if !strings.Contains(src, w) {
				t.Errorf("%s: lowered code lacks %q:\n%s", c.code, w, src)
			}
		}
		for _, o := range c.omit {
			if strings.Contains(src, o) {
				t.Errorf("%s: lowered code has %q:\n%s", c.code, o, src)
			}
		}
	}
}

// methodValueCell declares a function full of method values and conversions to
// interfaces, and calls it once: most of its cost is lowering and compiling.
const methodValueCell = `func work(n int) float64 {
	var fs []func() string
	var shapes []Shape
	var b strings.Builder
	w := b.WriteString
	for i := range n {
		var s fmt.Stringer = N(i)
		fs = append(fs, s.String)
		shapes = append(shapes, Sq(i))
		w(s.String())
	}
	total := 0.0
	for _, sh := range shapes {
		area := sh.Area
		total += area()
	}
	m := map[string]func() string{}
	for i, f := range fs {
		m[fmt.Sprint(i)] = f
	}
	return total + float64(len(m)+b.Len())
}
work(3)`

// BenchmarkMethodValueCell measures a cell whose cost is mostly lowering and compiling
// method values and conversions to interfaces (fe_ifacemethod.go, fe_ifacefresh.go).
func BenchmarkMethodValueCell(b *testing.B) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	if _, err := e.Execute(context.Background(), ifaceMethodDecls, cio); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), methodValueCell, cio); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIfaceConvLoop measures 10,000 conversions to an interface in a loop, each
// through the function that gives the interface its own copy.
func BenchmarkIfaceConvLoop(b *testing.B) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	if _, err := e.Execute(context.Background(), ifaceMethodDecls, cio); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "t := 0.0\nfor i := range 10000 { var s Shape = Sq(i); t += s.Area() }\nt", cio); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIfaceConvLoopCompiled is BenchmarkIfaceConvLoop with a compiled interface
// (fmt.Stringer), whose conversions go through a function the cell declares.
func BenchmarkIfaceConvLoopCompiled(b *testing.B) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	if _, err := e.Execute(context.Background(), ifaceMethodDecls, cio); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "n := 0\nfor i := range 10000 { var s fmt.Stringer = N(i); n += len(s.String()) }\nn", cio); err != nil {
			b.Fatal(err)
		}
	}
}
