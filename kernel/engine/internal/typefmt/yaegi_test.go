package typefmt

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// cellDecls are declared in the interpreter (as a cell would) and type-checked with
// go/types (as the engine's front end does); they mirror decls_test.go's types, whose
// compiled values give the expected text.
const cellDecls = `package main

import "fmt"

type S struct{ N int }

func (s S) String() string { return fmt.Sprintf("S<%d>", s.N) }

type P struct{ N int }

func (p *P) String() string { return fmt.Sprintf("P<%d>", p.N) }

type point struct{ X, Y int }

type Color int

type C float64

type node struct {
	V    int
	next *node
}

type inner struct {
	p point
	Q *point
	c Color
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}
`

// TestYaegiValues formats values the interpreter made (reflect.StructOf structs with
// renamed fields, unrolled recursive pointers, named basics as basics) and compares
// with fmt on the equivalent compiled values.
func TestYaegiValues(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", cellDecls, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("main", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	describe := func(expr string) *Type {
		tv, err := types.Eval(fset, pkg, f.Name.Pos(), expr)
		if err != nil {
			panic(err)
		}
		return Describe(tv.Type, nil)
	}

	var got []string
	// The engine's resolver names values in interface positions; this one knows that a
	// fmt.Stringer wrapper holds a *P. (yaegi v0.16.1 puts a wrong IValue in the wrapper
	// of a struct value — the last field's value — so the test uses a pointer.)
	pr := &Printer{Resolve: func(v reflect.Value) *Type {
		if v.Kind() == reflect.Struct && v.Type().Name() == "_fmt_Stringer" {
			return describe("*P")
		}
		return nil
	}}
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(interp.Exports{"typefmt/typefmt": {
		"Typed":    reflect.ValueOf((*Typed)(nil)),
		"Sprintf":  reflect.ValueOf(Sprintf),
		"Sprint":   reflect.ValueOf(Sprint),
		"D":        reflect.ValueOf(describe),
		"PSprintf": reflect.ValueOf(pr.Sprintf),
		"Out":      reflect.ValueOf(func(s string) { got = append(got, s) }),
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(`import "typefmt"`); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(cellDecls[len("package main"):]); err != nil {
		t.Fatal(err)
	}
	// Generic instances reach yaegi monomorphized by the front end (yaegi's own generics
	// mishandle this call); the descriptor still comes from the generic type.
	if _, err := i.Eval("type Pair__string__point struct { Key string; Val point }"); err != nil {
		t.Fatal(err)
	}
	formats := []string{"%v", "%+v", "%#v", "%T", "%s", "%d"}
	cellArgs := []struct{ typ, expr string }{
		{"point", "point{1, 2}"},
		{"*point", "&point{3, 4}"},
		{"Color", "Color(2)"},
		{"C", "C(2.5)"},
		{"[]point", "[]point{{1, 2}}"},
		{"map[string]point", `map[string]point{"a": {1, 2}}`},
		{"inner", "inner{point{1, 2}, nil, 3}"},
		{"*node", "&node{1, nil}"},
		{"Pair[string, point]", `Pair__string__point{"k", point{5, 6}}`},
		{"[]Color", "[]Color{1, 2}"},
	}
	for _, a := range cellArgs {
		for _, format := range formats {
			src := fmt.Sprintf("typefmt.Out(typefmt.Sprintf(%q, typefmt.Typed{V: %s, T: typefmt.D(%q)}))", format, a.expr, a.typ)
			if _, err := i.Eval(src); err != nil {
				t.Fatalf("%s: %v", src, err)
			}
		}
	}
	// A cell value with methods, held in an interface: yaegi wraps it; the wrapper's
	// String is the method, IValue the data.
	if _, err := i.Eval(`func() { var s fmt.Stringer = &P{4}; typefmt.Out(typefmt.PSprintf("%v|%+v|%#v|%T|%x", typefmt.Typed{V: s, T: typefmt.D("fmt.Stringer")}, typefmt.Typed{V: s, T: typefmt.D("fmt.Stringer")}, typefmt.Typed{V: s, T: typefmt.D("fmt.Stringer")}, typefmt.Typed{V: s, T: typefmt.D("fmt.Stringer")}, typefmt.Typed{V: s, T: typefmt.D("fmt.Stringer")})) }()`); err != nil {
		t.Fatal(err)
	}
	if w := normalize(fmt.Sprintf("%v|%+v|%#v|%T|%x", fmt.Stringer(&P{4}), fmt.Stringer(&P{4}), fmt.Stringer(&P{4}), fmt.Stringer(&P{4}), fmt.Stringer(&P{4}))); len(got) == 0 || got[len(got)-1] != w {
		t.Errorf("wrapped Stringer: got %q, want %q", got, w)
	}
	got = got[:len(got)-1]
	compiled := []any{point{1, 2}, &point{3, 4}, Color(2), C(2.5), []point{{1, 2}},
		map[string]point{"a": {1, 2}}, inner{point{1, 2}, nil, 3}, &node{1, nil},
		Pair[string, point]{"k", point{5, 6}}, []Color{1, 2}}
	k := 0
	for _, v := range compiled {
		for _, format := range formats {
			want := normalize(fmt.Sprintf(format, v))
			if k >= len(got) {
				t.Fatalf("interpreter produced %d results", len(got))
			}
			if g := normalize(got[k]); g != want {
				t.Errorf("Sprintf(%q, %s):\n got  %s\n want %s", format, cellArgs[k/len(formats)].expr, g, want)
			}
			k++
		}
	}
}
