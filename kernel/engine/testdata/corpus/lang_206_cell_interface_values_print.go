// spec: Interface types, Type switches
// Values of an interface declared in a cell in struct fields, slices, maps, arrays,
// channels and variadic parameters, printed with %v %+v %#v %T %s %q %d; nil values of
// it printed, switched on and asserted (printing a nil one panicked); errors of a named
// string type collected in a loop; sort.Slice over them.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Str interface{ String() string }

type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

type P struct{ x int }

func (p *P) String() string { return fmt.Sprint("p", p.x) }

type Holder struct {
	S    Str
	List []Str
	M    map[string]Str
	Ptr  *Str
}

type Err string

func (e Err) Error() string { return string(e) }

func main() {
	var nilS Str
	h := Holder{S: N(1), List: []Str{N(2), &P{3}, nil}, M: map[string]Str{"a": N(4), "z": nilS}}
	fmt.Printf("%v\n%+v\n", h, h)
	fmt.Printf("%#v\n", []Str{N(1)})
	fmt.Printf("%T %T %T\n", h.List, h.List[0], h.List[1])
	for _, s := range h.List {
		fmt.Printf("%T|%v|%s|%q|%d\n", s, s, s, s, s)
	}
	ss := []Str{N(3), N(1), N(2)}
	sort.Slice(ss, func(i, j int) bool { return ss[i].String() < ss[j].String() })
	fmt.Println(ss)
	var errs []error
	for i := range 3 {
		errs = append(errs, Err(strings.Repeat("x", i+1)))
	}
	fmt.Println(errs, len(errs))
	fmt.Printf("%v %T %q\n", errs[2], errs[2], errs)
	anyErr := any(errs[0])
	if e, ok := anyErr.(error); ok {
		fmt.Printf("%T %v\n", e, e)
	}
	if s, ok := anyErr.(fmt.Stringer); ok {
		fmt.Println("stringer?", s)
	} else {
		fmt.Println("not a stringer")
	}
	ch := make(chan Str, 2)
	ch <- N(7)
	ch <- &P{8}
	close(ch)
	for s := range ch {
		fmt.Printf("%T %v\n", s, s)
	}
	arr := [2]Str{N(9)}
	fmt.Println(arr, len(arr))
	fn := func(xs ...Str) string { return fmt.Sprint(xs) }
	fmt.Println(fn(N(1), &P{2}), fn(ss...))
}
