// spec: Interface types, Assignability, Conversions, Address operators
package main

import (
	"fmt"
	"strings"
)

// N is a named integer with a String method.
type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

// S is a struct with a value method.
type S struct{ v int }

func (s S) String() string { return fmt.Sprint("s", s.v) }

// Ptr has a pointer method.
type Ptr struct{ v int }

func (p *Ptr) String() string { return fmt.Sprint("ptr", p.v) }

// Str is declared here.
type Str interface{ String() string }

// Box holds values of both kinds of interface.
type Box struct {
	A Str
	B fmt.Stringer
}

// W is a writer declared here.
type W struct{ name string }

func (w W) Write(p []byte) (int, error) {
	fmt.Printf("%s got %q\n", w.name, p)
	return len(p), nil
}

func main() {
	n := N(1)
	var s1 Str = n
	var s2 fmt.Stringer = n
	n = N(2)
	fmt.Println(s1.String(), s2.String(), n)

	p := &Ptr{1}
	var s3 Str = p
	p = &Ptr{2}
	fmt.Println(s3.String(), p.String())

	st := S{1}
	var s4 fmt.Stringer
	s4 = st
	st.v = 2
	fmt.Println(s4.String(), st)

	arr := [2]N{1, 2}
	var s5 Str = arr[0]
	arr[0] = 9
	fmt.Println(s5.String(), arr)

	var b Box
	b.A, b.B = n, p
	n, p = N(3), &Ptr{3}
	fmt.Println(b.A.String(), b.B.String())

	bs := []Box{{A: S{1}}}
	bs[0].A = S{5}
	bs[0].B = N(6)
	fmt.Println(bs[0].A.String(), bs[0].B.String())

	var hs [2]Str
	hs[0] = S{7}
	hs[1] = &Ptr{8}
	fmt.Println(hs[0].String(), hs[1].String())

	ms := map[string]Str{}
	k := N(4)
	ms["k"] = k
	k++
	fmt.Println(ms["k"].String(), k)

	w := W{"first"}
	var sb strings.Builder
	out := fmt.Sprint(w.name)
	ws := []interface{ Write([]byte) (int, error) }{w, &sb}
	w = W{"second"}
	for _, x := range ws {
		fmt.Fprint(x, "hi")
	}
	fmt.Println(out, sb.String())
}
