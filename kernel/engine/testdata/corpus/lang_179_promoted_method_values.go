// spec: Method values, Struct types, Selectors, For statements
package main

import (
	"fmt"
	"strings"
)

type C struct{ N int }

func (c *C) Inc()    { c.N++ }
func (c C) Get() int { return c.N }

type W struct{ C }

func main() {
	ws := [2]W{{C{1}}, {C{2}}}
	var incs []func()
	var gets []func() int
	for i := range ws {
		incs = append(incs, ws[i].Inc)
		gets = append(gets, ws[i].Get)
	}
	incs[0]()
	fmt.Println(ws, gets[0](), gets[1]())
	w := W{C{5}}
	g := w.Get
	w.N = 6
	fmt.Println(g())
	bs := make([]strings.Builder, 2)
	var writes []func(string) (int, error)
	for i := range bs {
		writes = append(writes, bs[i].WriteString)
	}
	writes[0]("a")
	fmt.Printf("%q %q\n", bs[0].String(), bs[1].String())
}
