// spec: Interface types, Assignability, For statements, Appending to and copying slices
package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// N is a named integer with a String method.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

// P is a struct with a value String method.
type P struct{ X int }

func (p P) String() string { return fmt.Sprint("p", p.X) }

// Q has a pointer String method.
type Q struct{ X int }

func (q *Q) String() string { return fmt.Sprint("q", q.X) }

// Shower is declared here, not in a compiled package.
type Shower interface{ String() string }

// Code is an error type that is not a struct.
type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

var kept []Shower

func keep(s Shower) { kept = append(kept, s) }

func mk(i int) N { return N(i) }

func asShower(i int) Shower {
	for j := 0; ; j++ {
		if j == i {
			return P{j}
		}
	}
}

func show[T fmt.Stringer](label string, xs []T) {
	fmt.Print(label, ":")
	for _, x := range xs {
		fmt.Print(" ", x.String())
	}
	fmt.Println()
}

func main() {
	var a, b, c, d, e []fmt.Stringer
	var s []Shower
	m := map[int]Shower{}
	arr := make([]Shower, 3)
	ch := make(chan Shower, 3)
	var lits [][]fmt.Stringer
	for i := range 3 {
		a = append(a, N(i))
		b = append(b, P{i})
		c = append(c, &Q{i})
		d = append(d, mk(i))
		var x fmt.Stringer = N(10 + i)
		e = append(e, x)
		s = append(s, Shower(N(20+i)))
		m[i] = &Q{30 + i}
		arr[i] = P{40 + i}
		ch <- N(50 + i)
		keep(mk(60 + i))
		lits = append(lits, []fmt.Stringer{N(70 + i), &Q{80 + i}})
	}
	close(ch)
	show("a", a)
	show("b", b)
	show("c", c)
	show("d", d)
	show("e", e)
	show("s", s)
	show("m", []Shower{m[0], m[1], m[2]})
	show("arr", arr)
	var got []Shower
	for v := range ch {
		got = append(got, v)
	}
	show("ch", got)
	show("kept", kept)
	for _, l := range lits {
		show("lit", l)
	}
	show("ret", []Shower{asShower(0), asShower(1), asShower(2)})

	// Errors made in a loop keep their own values.
	var errs []error
	for i := 1; i <= 3; i++ {
		errs = append(errs, Code(i))
	}
	fmt.Println(errors.Join(errs...))
	var joined []error
	for i := 4; i <= 5; i++ {
		joined = append(joined, errors.Join(Code(i), Code(i*10)))
	}
	fmt.Println(joined[0], "|", joined[1])

	// A value of a compiled type kept in an interface declared here.
	type reader interface{ Read([]byte) (int, error) }
	var rs []reader
	for _, w := range []string{"one", "two"} {
		rs = append(rs, strings.NewReader(w))
	}
	for _, r := range rs {
		bs, _ := io.ReadAll(r)
		fmt.Print(string(bs), " ")
	}
	fmt.Println()

	// sort.Interface values made in a loop.
	var sorters []sort.Interface
	for i := range 2 {
		xs := []int{3, 1, 2}
		if i == 1 {
			xs = []int{9, 7, 8}
		}
		sorters = append(sorters, sort.IntSlice(xs))
	}
	for _, so := range sorters {
		sort.Sort(so)
		fmt.Println(so)
	}
}
