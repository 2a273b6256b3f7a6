// spec: Method sets, Struct types
// std: fmt.Printf, fmt.Println, fmt.Sprint, fmt.Errorf
// fmt verbs (%v %+v %#v %T %s %q %d %x, width and precision) of cell types with String,
// Error, GoString and Format methods, on values, pointers, slices, maps, arrays,
// embedded structs, interface fields and []any spread into Println.
package main

import (
	"fmt"
)

// Celsius has a String method on the value.
type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

// Pt has a String method on the pointer only.
type Pt struct{ X, Y int }

func (p *Pt) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

// Code is an error with a GoString.
type Code int

func (c Code) Error() string    { return fmt.Sprintf("code %d", int(c)) }
func (c Code) GoString() string { return fmt.Sprintf("Code(%d)", int(c)) }

// Money formats itself.
type Money struct {
	Cents int64
	Cur   string
}

func (m Money) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		fmt.Fprintf(f, "%d.%02d %s", m.Cents/100, m.Cents%100, m.Cur)
		if f.Flag('+') {
			fmt.Fprint(f, " (+)")
		}
	case 'd':
		fmt.Fprintf(f, "%d", m.Cents)
	default:
		fmt.Fprintf(f, "%%!%c(Money)", verb)
	}
}

// Tag is a named string with no methods.
type Tag string

// Inner is embedded.
type Inner struct{ C Celsius }

// Outer embeds Inner and a pointer.
type Outer struct {
	Inner
	P    *Pt
	Err  error
	Any  any
	Tags []Tag
}

func main() {
	c := Celsius(21.5)
	p := &Pt{1, 2}
	var e error = Code(7)
	m := Money{1234, "EUR"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%T", "%s", "%q", "%d"} {
		fmt.Printf(verb+"|"+verb+"|"+verb+"|"+verb+"\n", c, p, e, m)
	}
	fmt.Printf("%v %+v\n", []Celsius{1, 2}, map[string]Celsius{"a": 3})
	fmt.Printf("%v %v\n", []*Pt{p, {3, 4}}, []Pt{{5, 6}})
	fmt.Printf("%v %#v\n", []error{Code(1), Code(2)}, []error{Code(3)})
	fmt.Printf("%v %d\n", []Money{m, {5, "USD"}}, []Money{m})
	o := Outer{Inner{Celsius(3)}, p, Code(4), Celsius(5), []Tag{"a", "b"}}
	fmt.Printf("%v\n%+v\n", o, o)
	fmt.Printf("%v %s\n", &o, o.Inner)
	fmt.Println(o.C, o.Err, o.Any, o.Tags)
	fmt.Printf("%q %x %X\n", Tag("hi"), Tag("hi"), c)
	fmt.Printf("%5.1v|%-8v|%08.3f\n", c, c, c)
	var xs []any = []any{c, p, e, m, Tag("t"), o.Inner}
	fmt.Println(xs...)
	fmt.Printf("%v\n", xs)
	fmt.Printf("%T\n", xs...)
	mm := map[Celsius]Tag{1: "one", 2: "two"}
	fmt.Println(mm)
	fmt.Printf("%#v\n", mm)
	s := fmt.Sprint(c, " ", e, " ", m)
	fmt.Println(s, len(s))
	err := fmt.Errorf("wrap: %w", e)
	fmt.Println(err)
	var arr [2]Celsius
	arr[1] = 9
	fmt.Println(arr, &arr)
}
