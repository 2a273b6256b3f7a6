// spec: Method values, Return statements, Function literals
package main

import (
	"fmt"
	"strings"
)

// C has a value and a pointer method.
type C struct{ n int }

func (c C) Get() int { return c.n }
func (c *C) Inc()    { c.n++ }

// Getter is an interface over C.
type Getter interface{ Get() int }

func getOf(c C) func() int                                  { return c.Get }
func incOf(c *C) func()                                     { return c.Inc }
func viaIface(g Getter) func() int                          { return g.Get }
func writerOf(b *strings.Builder) func(string) (int, error) { return b.WriteString }

func pair(c C) (func() int, int) { return c.Get, c.n }

func main() {
	c := C{1}
	g := getOf(c)
	inc := incOf(&c)
	inc()
	fmt.Println(g(), c.n, viaIface(c)())
	var sb strings.Builder
	writerOf(&sb)("returned")
	fmt.Println(sb.String())
	f, n := pair(C{7})
	fmt.Println(f(), n)
	lit := func(x Getter) func() int { return x.Get }
	fmt.Println(lit(C{9})())
	mk := func(c *C) func() { return c.Inc }
	mk(&c)()
	fmt.Println(c.n)
}
