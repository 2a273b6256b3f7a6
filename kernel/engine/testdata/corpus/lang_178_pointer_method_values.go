// spec: Method values, For statements, Address operators, Method sets
package main

import (
	"fmt"
	"strings"
	"sync"
)

// C is a counter with a pointer method.
type C struct{ N int }

// Inc increments the counter.
func (c *C) Inc() { c.N++ }

// Get returns the count.
func (c C) Get() int { return c.N }

// Add adds n and returns the new count.
func (c *C) Add(n int) int { c.N += n; return c.N }

func main() {
	// The pointer is bound when the method value is evaluated.
	a := &C{1}
	p := a
	f := p.Inc
	p = &C{10}
	f()
	fmt.Println(a.N, p.N)
	// In a loop body each method value binds its own element.
	arr := [3]C{{1}, {2}, {3}}
	var incs []func()
	var gets []func() int
	for i := range arr {
		incs = append(incs, arr[i].Inc)
		gets = append(gets, arr[i].Get)
	}
	for _, f := range incs {
		f()
		f()
	}
	fmt.Println(arr)
	for _, g := range gets {
		fmt.Print(g(), " ")
	}
	fmt.Println()
	var adds []func(int) int
	for i := range arr {
		q := &arr[i]
		adds = append(adds, q.Add)
	}
	fmt.Println(adds[0](100), adds[2](1000), arr)
	// A range value's method value binds that iteration's copy.
	var vals []func() int
	for _, c := range arr {
		vals = append(vals, c.Get)
		c.Inc()
	}
	for _, g := range vals {
		fmt.Print(g(), " ")
	}
	fmt.Println()
	// Elements of slices and maps of pointers.
	sl := arr[:]
	h := sl[1].Inc
	sl = append(sl, C{9})
	h()
	fmt.Println(arr, sl)
	m := map[string]*C{"a": {1}}
	ma := m["a"].Inc
	m["a"] = &C{100}
	ma()
	fmt.Println(m["a"].N)
	// Compiled types.
	var b strings.Builder
	write := b.WriteString
	write("x")
	write("y")
	fmt.Println(b.String())
	var wg sync.WaitGroup
	wg.Add(2)
	done := wg.Done
	go done()
	go done()
	wg.Wait()
	var nilC *C
	bound := nilC.Inc
	fmt.Println(bound != nil)
}
