// spec: Defer statements, Go statements, Struct types, Selectors
package main

import "fmt"

type P struct{ X, Y int }

func (p P) Show(tag string) { fmt.Println(tag, p) }
func (p *P) Ptr(tag string) { fmt.Println(tag, *p) }

// Send sends p once gate is closed.
func (p P) Send(gate chan bool, c chan P) {
	<-gate
	c <- p
}

type ByPtr struct {
	*P
	Name string
}

type ByVal struct {
	P
	Name string
}

type Deep struct {
	ByPtr
}

func main() {
	func() {
		o := ByPtr{&P{1, 1}, "p"}
		defer o.Show("embedded pointer, value method")
		defer o.Ptr("embedded pointer, pointer method")
		o.X = 42
		o.P = &P{5, 5}
	}()
	func() {
		o := ByVal{P{2, 2}, "v"}
		defer o.Show("embedded value, value method")
		o.X = 42
	}()
	func() {
		o := &ByVal{P{3, 3}, "v"}
		defer o.Show("pointer to embedded value")
		defer o.Ptr("pointer to embedded value, pointer method")
		o.X = 42
	}()
	func() {
		d := Deep{ByPtr{&P{4, 4}, "d"}}
		defer d.Show("two levels")
		d.X = 42
	}()
	// A goroutine gets the receiver as it is at the go statement.
	ch := make(chan P)
	gate := make(chan bool)
	o := ByPtr{&P{6, 6}, "g"}
	go o.Send(gate, ch)
	o.X = 42
	close(gate)
	fmt.Println("go embedded pointer", <-ch)
	d := Deep{ByPtr{&P{7, 7}, "d"}}
	done := make(chan bool)
	go func() { d.Show("closure"); done <- true }()
	<-done
}
