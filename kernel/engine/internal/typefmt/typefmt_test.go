package typefmt

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// tv is an operand: a type expression in decls_test.go's scope and a compiled value.
type tv struct {
	typ string
	val any
}

func values() []tv {
	col := Color(7)
	return []tv{
		{"int", 42}, {"Color", Color(2)}, {"C", C(2.5)}, {"Name", Name("hi")}, {"bool", true},
		{"string", "str"}, {"float32", float32(1.5)}, {"complex128", 1 + 2i}, {"uint8", uint8(7)},
		{"point", point{1, 2}}, {"vec", vec{3, 4}}, {"*point", &point{1, 2}}, {"*point", (*point)(nil)},
		{"[]point", []point{{1, 2}, {3, 4}}}, {"[]point", []point(nil)}, {"[2]Color", [2]Color{1, 2}},
		{"map[string]point", map[string]point{"b": {3, 4}, "a": {1, 2}}}, {"map[Color]C", map[Color]C{2: 1.5, 1: 0.5}},
		{"map[string]point", map[string]point(nil)}, {"map[point]Name", map[point]Name{{2, 1}: "x", {1, 2}: "y"}},
		{"Pair[string, point]", Pair[string, point]{"k", point{1, 2}}},
		{"Pair[Color, Pair[int, vec]]", Pair[Color, Pair[int, vec]]{1, Pair[int, vec]{2, vec{3, 4}}}},
		{"Stack[int]", Stack[int]{items: []int{1, 2}}}, {"list", list{items: []point{{5, 6}}}},
		{"Stack[Pair[string, point]]", Stack[Pair[string, point]]{[]Pair[string, point]{{"a", point{}}}}},
		{"Pair[string, any]", Pair[string, any]{"a", point{1, 1}}},
		{"*node", &node{1, &node{2, nil}}}, {"node", node{3, nil}},
		{"inner", inner{point{1, 2}, &point{3, 4}, 3}},
		{"outer", outer{point: point{1, 2}, Color: &col, Stack: Stack[int]{[]int{7}}, Tag: "t"}},
		{"holder", holder{A: point{1, 2}, E: E2{"bad"}, S: S{3}, L: []any{nil, C(1), point{}, "s", 3, vec{}},
			M: map[string]any{"c": Color(1), "n": nil}}},
		{"holder", holder{}},
		{"[]any", []any{nil, point{1, 2}, C(1.5), Name("n"), 3, &point{}}},
		{"any", point{1, 2}}, {"any", C(3)}, {"any", nil}, {"any", 5}, {"error", E2{"x"}}, {"fmt.Stringer", S{4}},
		{"S", S{1}}, {"[]S", []S{{1}, {2}}}, {"*P", &P{1}}, {"P", P{2}}, {"[]*P", []*P{{3}}}, {"E2", E2{"m"}},
		{"G", G{1}}, {"[]G", []G{{1}, {2}}}, {"F", F{1}}, {"[]F", []F{{2}}},
		{"Bytes", Bytes("ab")}, {"[]Name", []Name{"a", "b"}}, {"withDur", withDur{time.Second, 2}},
		{"boom", boom{1}}, {"[]boom", []boom{{1}}},
		{"Shape", sq{2}}, {"[]Shape", []Shape{sq{1}, nil}}, {"Fn", Fn(nil)}, {"func(point) error", (func(point) error)(nil)},
		{"chan point", (chan point)(nil)}, {"<-chan []point", (<-chan []point)(nil)}, {"[0]point", [0]point{}},
		{"struct{ X point; c Color }", struct {
			X point
			c Color
		}{point{1, 1}, 2}},
		{"*Color", &col}, {"[]*point", []*point{nil}}, {"map[string][]point", map[string][]point{"z": {{9, 9}}}},
		{"time.Duration", time.Second}, {"[]time.Duration", []time.Duration{time.Millisecond}},
		{"[]byte", []byte("hi")}, {"*int", (*int)(nil)}, {"[]C", []C{0.5, 2}}, {"map[Name]*point", map[Name]*point{"n": nil}},
	}
}

var verbs = []string{"%v", "%+v", "%#v", "%T", "%d", "%s", "%q", "%x", "%X", "%6.2v", "%t", "%e",
	"%c", "%p", "%08.3f", "%+d", "% x", "%#x", "%U", "%o", "%w", "%10v", "%-8s"}

func typed(t testing.TB, x tv) any {
	d := desc(t, x.typ)
	return Typed{V: eraseArg(x.val, d), T: d}
}

// TestVerbsByKind formats every value with every verb and compares with fmt.
func TestVerbsByKind(t *testing.T) {
	pr := testPrinter(t)
	n := 0
	for _, x := range values() {
		for _, verb := range verbs {
			want := normalize(fmt.Sprintf(verb, x.val))
			got := normalize(pr.Sprintf(verb, typed(t, x)))
			n++
			if got != want {
				t.Errorf("Sprintf(%q, %s %#v):\n got  %s\n want %s", verb, x.typ, x.val, got, want)
			}
		}
	}
	if n < 150 {
		t.Fatalf("only %d combinations", n)
	}
	t.Logf("%d format/value combinations", n)
}

// TestFormats covers argument indexes, '*' operands, missing, extra and bad operands.
func TestFormats(t *testing.T) {
	pr := testPrinter(t)
	pt := tv{"point", point{1, 2}}
	c := tv{"C", C(1.25)}
	col := tv{"Color", Color(3)}
	nilp := tv{"*point", (*point)(nil)}
	anyNil := tv{"any", nil}
	s := tv{"S", S{5}}
	cases := []struct {
		format string
		args   []tv
	}{
		{"%[2]T %[1]v %T", []tv{pt, c}},
		{"%d %d", []tv{pt}},
		{"%v", []tv{pt, c, anyNil, {"string", "x"}, s}},
		{"%*d|%-*v|%.*f", []tv{{"int", 5}, col, {"int", 6}, pt, {"int", 2}, c}},
		{"%*d", []tv{col, col}},
		{"%*d", []tv{pt, col}},
		{"%.*d", []tv{{"int", -1}, col}},
		{"%-*v|", []tv{{"int", -9}, pt}},
		{"%!", []tv{pt}},
		{"%", []tv{pt}},
		{"abc%", nil},
		{"%[3]v %v", []tv{pt, c}},
		{"%[0]T", []tv{pt}},
		{"%[x]T", []tv{pt}},
		{"%[1]2d", []tv{col}},
		{"%.[2]d", []tv{col, col}},
		{"%[1]*d", []tv{{"int", 4}}},
		{"%v %v %#v %#v", []tv{anyNil, nilp, anyNil, nilp}},
		{"%d %T %x", []tv{anyNil, anyNil, anyNil}},
		{"%5%|%-5T|%05T|%07v", []tv{pt, c, anyNil}},
		{"%v|%s|%d", []tv{s, s, s}},
		{"%+v|%#v", []tv{{"holder", holder{A: S{1}, E: E2{"e"}}}, {"holder", holder{A: S{1}, E: E2{"e"}}}}},
		{"%s|%v|%d", []tv{{"boom", boom{1}}, {"*boom", (*boom)(nil)}, {"boom", boom{2}}}},
		{"%x %X %q", []tv{{"Name", Name("hi")}, {"Bytes", Bytes("hi")}, {"[]Name", []Name{"a"}}}},
		{"%v %d", []tv{{"[2]uint8", [2]uint8{1, 2}}, {"[]Color", []Color{1}}}},
		{"%s", []tv{{"[]*point", []*point{{1, 2}}}}},
		{"%v %+v", []tv{{"*outer", &outer{}}, {"[]*node", []*node{nil}}}},
		{"%#v", []tv{{"[]fmt.Stringer", []fmt.Stringer{S{1}, nil}}}},
		{"%#v %#v", []tv{{"map[string]any", map[string]any{"p": point{}, "n": nil}}, {"[]error", []error{E2{"z"}, nil}}}},
		{"%v|%+v|%#v|%s", []tv{{"F", F{1}}, {"F", F{2}}, {"F", F{3}}, {"[]F", []F{{4}}}}},
		{"%-7v|%+7.2v", []tv{{"F", F{1}}, {"F", F{2}}}},
		{"%#v %v", []tv{{"G", G{1}}, {"*G", &G{2}}}},
		{"%v %s", []tv{{"*P", &P{1}}, {"P", P{2}}}},
		{"%v", []tv{{"map[any]int", map[any]int{2: 1, 1: 2}}}},
	}
	for _, tc := range cases {
		var args, typedArgs []any
		for _, a := range tc.args {
			args = append(args, a.val)
			typedArgs = append(typedArgs, typed(t, a))
		}
		want := normalize(fmt.Sprintf(tc.format, args...))
		got := normalize(pr.Sprintf(tc.format, typedArgs...))
		if got != want {
			t.Errorf("Sprintf(%q):\n got  %s\n want %s", tc.format, got, want)
		}
	}
}

// TestPrintFamily checks Sprint/Sprintln/Append*/Fprint* spacing and methods.
func TestPrintFamily(t *testing.T) {
	pr := testPrinter(t)
	lists := [][]tv{
		{{"Name", Name("a")}, {"point", point{1, 2}}, {"string", "x"}, {"Color", Color(1)}, {"Name", Name("b")}, {"C", C(2)}},
		{{"any", nil}, {"S", S{1}}, {"*P", &P{2}}, {"E2", E2{"e"}}, {"[]any", []any{S{1}, point{}}}},
		{{"int", 1}, {"int", 2}, {"string", "s"}, {"string", "t"}},
		{{"*node", &node{1, nil}}, {"holder", holder{}}},
	}
	for _, l := range lists {
		var args, typedArgs []any
		for _, a := range l {
			args = append(args, a.val)
			typedArgs = append(typedArgs, typed(t, a))
		}
		check := func(name, got, want string) {
			t.Helper()
			if normalize(got) != normalize(want) {
				t.Errorf("%s:\n got  %q\n want %q", name, normalize(got), normalize(want))
			}
		}
		check("Sprint", pr.Sprint(typedArgs...), fmt.Sprint(args...))
		check("Sprintln", pr.Sprintln(typedArgs...), fmt.Sprintln(args...))
		check("Append", string(pr.Append([]byte("<"), typedArgs...)), string(fmt.Append([]byte("<"), args...)))
		check("Appendln", string(pr.Appendln(nil, typedArgs...)), string(fmt.Appendln(nil, args...)))
		check("Appendf", string(pr.Appendf([]byte(">"), "%v|%T", typedArgs...)), string(fmt.Appendf([]byte(">"), "%v|%T", args...)))
		var b1, b2 strings.Builder
		pr.Fprint(&b1, typedArgs...)
		fmt.Fprint(&b2, args...)
		check("Fprint", b1.String(), b2.String())
		b1.Reset()
		b2.Reset()
		n1, _ := pr.Fprintln(&b1, typedArgs...)
		n2, _ := fmt.Fprintln(&b2, args...)
		check("Fprintln", b1.String(), b2.String())
		if n1 != b1.Len() || n2 != b2.Len() {
			t.Errorf("Fprintln counts %d/%d", n1, n2)
		}
		b1.Reset()
		b2.Reset()
		pr.Fprintf(&b1, "%+v %T", typedArgs...)
		fmt.Fprintf(&b2, "%+v %T", args...)
		check("Fprintf", b1.String(), b2.String())
	}
}

// TestErrorf checks messages, result types and wrapping against fmt.Errorf.
func TestErrorf(t *testing.T) {
	pr := testPrinter(t)
	pt := tv{"point", point{1, 2}}
	eof := tv{"error", io.EOF}
	notExist := tv{"error", fs.ErrNotExist}
	cell := tv{"E2", E2{"cell"}}
	cases := []struct {
		format string
		args   []tv
		is     []error
	}{
		{"plain %v %T", []tv{pt, pt}, nil},
		{"wrap %w: %#v", []tv{eof, pt}, []error{io.EOF}},
		{"%w and %w, %v", []tv{eof, notExist, pt}, []error{io.EOF, fs.ErrNotExist}},
		{"%[2]w %[1]T %[2]w", []tv{pt, eof}, []error{io.EOF}},
		{"%-12w|%v %%", []tv{eof, pt}, []error{io.EOF}},
		{"%w %w", []tv{eof, {"error", nil}}, []error{io.EOF}},
		{"%w", []tv{cell}, nil},
		{"%w %v", []tv{{"int", 3}, pt}, nil},
		{"%v %w", []tv{pt}, nil},
	}
	for _, tc := range cases {
		var args, typedArgs []any
		for _, a := range tc.args {
			args = append(args, a.val)
			typedArgs = append(typedArgs, typed(t, a))
		}
		want := fmt.Errorf(tc.format, args...)
		got := pr.Errorf(tc.format, typedArgs...)
		if normalize(got.Error()) != normalize(want.Error()) {
			t.Errorf("Errorf(%q) = %q, want %q", tc.format, normalize(got.Error()), normalize(want.Error()))
		}
		if reflect.TypeOf(got) != reflect.TypeOf(want) {
			t.Errorf("Errorf(%q) type %T, want %T", tc.format, got, want)
		}
		for _, e := range tc.is {
			if !errors.Is(got, e) {
				t.Errorf("Errorf(%q): errors.Is(%v) false", tc.format, e)
			}
		}
	}
	// a cell error type wrapped with %w keeps its message and can be found with errors.As
	err := pr.Errorf("ctx: %w", typed(t, tv{"E2", E2{"deep"}}))
	if err.Error() != "ctx: E2: deep" {
		t.Errorf("cell %%w: %q", err.Error())
	}
	var pe *fs.PathError
	err = pr.Errorf("open: %w (%v)", &fs.PathError{Op: "open", Path: "x", Err: os.ErrNotExist}, typed(t, pt))
	if !errors.As(err, &pe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("errors.As/Is through Errorf failed: %v", err)
	}
}

// TestTypeNames checks descriptors' names against reflect on the compiled types.
func TestTypeNames(t *testing.T) {
	for _, x := range values() {
		if x.val == nil {
			continue
		}
		d := desc(t, x.typ)
		if d.Kind == reflect.Interface {
			continue
		}
		rt := reflect.TypeOf(x.val)
		if got, want := TypeString(d), normalize(rt.String()); got != want {
			t.Errorf("String(%s) = %q, want %q", x.typ, got, want)
		}
		if got, want := d.Name, normalize(rt.Name()); got != want {
			t.Errorf("Name(%s) = %q, want %q", x.typ, got, want)
		}
		if got, want := TypeName(Typed{V: eraseArg(x.val, d), T: d}), normalize(rt.Name()); got != want {
			t.Errorf("TypeName(%s) = %q, want %q", x.typ, got, want)
		}
		if d.Kind != rt.Kind() {
			t.Errorf("Kind(%s) = %v, want %v", x.typ, d.Kind, rt.Kind())
		}
	}
	// types that are awkward to make values of
	for expr, want := range map[string]string{
		"func(int, ...string) (int, error)":           "func(int, ...string) (int, error)",
		"chan (<-chan int)":                           "chan (<-chan int)",
		"chan<- point":                                "chan<- main.point",
		"Stack[struct{ X point }]":                    "main.Stack[struct { X main.point }]",
		"Stack[interface{ String() string; m() }]":    "main.Stack[interface { String() string; main.m() }]",
		"[]interface{ fmt.Stringer; m() }":            "[]interface { String() string; main.m() }",
		"struct{ point; x int; Y int `json:\"y\"` }":  "struct { main.point; x int; Y int \"json:\\\"y\\\"\" }",
		"Stack[time.Duration]":                        "main.Stack[time.Duration]",
		"Stack[fs.FileMode]":                          "main.Stack[io/fs.FileMode]",
		"Stack[struct{ fs.FileMode }]":                "main.Stack[struct { io/fs.FileMode }]",
		"struct{ fs.FileMode }":                       "struct { fs.FileMode }",
		"Pair[uint8, rune]":                           "main.Pair[uint8,int32]",
		"Stack[any]":                                  "main.Stack[interface {}]",
		"*Stack[*point]":                              "*main.Stack[*main.point]",
		"map[Pair[string, Color]][]func(point) error": "map[main.Pair[string,main.Color]][]func(main.point) error",
	} {
		if got := desc(t, expr).String(); got != want {
			t.Errorf("String(%s) = %q, want %q", expr, got, want)
		}
	}
}

// TestPlainGoesToFmt checks that operands without cell names are handed to fmt as is.
func TestPlainGoesToFmt(t *testing.T) {
	d := desc(t, "[]time.Duration")
	if !d.Plain() {
		t.Fatal("[]time.Duration should be plain")
	}
	if desc(t, "point").Plain() || desc(t, "[]any").Plain() || desc(t, "*node").Plain() {
		t.Fatal("cell types and interface positions are not plain")
	}
	args := []any{Typed{V: []time.Duration{time.Second}, T: d}, 3}
	r, ok := Default.raws(args)
	if !ok || &r[1] == &args[1] || reflect.TypeOf(r[0]) != reflect.TypeFor[[]time.Duration]() {
		t.Fatalf("raws: %v %v", r, ok)
	}
	plain := []any{1, "x", 2.5}
	if r, ok := Default.raws(plain); !ok || &r[0] != &plain[0] {
		t.Fatal("untyped plain operands should be passed through without copying")
	}
	allocs := testing.AllocsPerRun(100, func() { _ = Sprintf("%d %s", 1, "x") })
	base := testing.AllocsPerRun(100, func() { _ = fmt.Sprintf("%d %s", 1, "x") })
	if allocs > base+1 {
		t.Errorf("plain Sprintf allocates %v, fmt %v", allocs, base)
	}
}

// TestTypeWidth checks %T with flags, width and precision: fmt prints %T as %s of the
// type's name (the differential tests cannot compare widths, since the compiled names
// differ in length from main.X).
func TestTypeWidth(t *testing.T) {
	pr := testPrinter(t)
	for _, verb := range []string{"%-20T", "%20T", "%.3T", "%08T", "%-8.6T", "%+#T"} {
		sverb := strings.Replace(verb, "T", "s", 1)
		for _, x := range []tv{{"point", point{}}, {"[]*Pair[string, point]", []*Pair[string, point]{}}, {"any", C(1)}} {
			want := fmt.Sprintf(sverb, normalize(fmt.Sprintf("%T", x.val)))
			if got := pr.Sprintf(verb, typed(t, x)); got != want {
				t.Errorf("Sprintf(%q, %s) = %q, want %q", verb, x.typ, got, want)
			}
		}
	}
	if got, want := pr.Sprintf("%7T|%-7T|", Typed{T: desc(t, "any")}, nil), fmt.Sprintf("%7T|%-7T|", nil, nil); got != want {
		t.Errorf("nil %%T: %q, want %q", got, want)
	}
}
