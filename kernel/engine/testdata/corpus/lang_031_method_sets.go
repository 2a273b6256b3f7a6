// spec: Method sets
package main

import "fmt"

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }

type Getter interface{ Get() int }
type Incer interface {
	Inc()
	Get() int
}

type Wrapper struct{ *Counter }
type ValWrapper struct{ Counter }

func main() {
	c := Counter{}
	c.Inc() // addressable: (&c).Inc()
	fmt.Println(c.Get())
	var g Getter = c
	var g2 Getter = &c
	var i Incer = &c
	i.Inc()
	fmt.Println(g.Get(), g2.Get(), i.Get())
	_, ok := interface{}(c).(Incer)
	_, ok2 := interface{}(&c).(Incer)
	fmt.Println(ok, ok2)
	w := Wrapper{&Counter{10}}
	var i2 Incer = w // *Counter embedded: both methods promoted to Wrapper
	i2.Inc()
	fmt.Println(w.Get())
	vw := ValWrapper{}
	_, ok3 := interface{}(vw).(Incer)
	_, ok4 := interface{}(&vw).(Incer)
	fmt.Println(ok3, ok4)
}
