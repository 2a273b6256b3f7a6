// spec: Method values
package main

import "fmt"

type counter struct{ n int }

func (c counter) Get() int { return c.n }
func (c *counter) Inc()    { c.n++ }

func main() {
	c := counter{1}
	get := c.Get // the receiver is copied now
	inc := c.Inc // the receiver's address is taken now
	inc()
	inc()
	fmt.Println(get(), c.Get(), c.n)
	p := &counter{10}
	g2 := p.Get // *p is copied now
	p.Inc()
	fmt.Println(g2(), p.Get())
	fs := []func() int{}
	for _, v := range []counter{{1}, {2}, {3}} {
		fs = append(fs, v.Get)
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
