// spec: Struct types, Type definitions
package main

import "fmt"

type point struct{ X, Y int }

type tagged struct {
	Name string
	At   *point
	Tags []string
	M    map[string]int
}

type celsius float64

type list []point

func main() {
	p := point{1, 2}
	fmt.Printf("%T %#v\n", p, p)
	fmt.Printf("%v %+v\n", p, p)
	pp := &p
	fmt.Printf("%T %v %+v\n", pp, pp, pp)
	t := tagged{Name: "t", Tags: []string{"a"}, M: map[string]int{"k": 1}}
	fmt.Printf("%+v\n%#v\n", t, t)
	c := celsius(21.5)
	fmt.Printf("%T %v %#v\n", c, c, c)
	l := list{{1, 2}, {3, 4}}
	fmt.Printf("%T %v %#v\n", l, l, l)
	var iface interface{} = p
	fmt.Printf("%T %v\n", iface, iface)
	fmt.Printf("%T %#v\n", []*point{}, map[string]point{"o": {}})
}
