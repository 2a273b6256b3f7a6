// spec: Defer statements
package main

import "fmt"

type res struct{ name string }

func (r *res) Close() { fmt.Println("close", r.name) }

func trace(s string) string { fmt.Println("enter", s); return s }
func un(s string)           { fmt.Println("leave", s) }

func nested() {
	defer un(trace("nested")) // trace runs now, un at return
	fmt.Println("in nested")
}

func main() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i) // LIFO
	}
	x := 1
	defer fmt.Println("x at defer time:", x)
	x = 2
	defer func() { fmt.Println("x in closure:", x) }()
	nested()
	r := &res{"file"}
	defer r.Close()
	var nilF func()
	func() {
		defer func() { fmt.Println("nil func deferred panics:", recover() != nil) }()
		defer nilF()
	}()
	fmt.Println("end of main")
}
