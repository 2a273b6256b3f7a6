// spec: Run-time panics
package main

import (
	"fmt"
	"runtime"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		re, isRuntime := r.(runtime.Error)
		if isRuntime {
			fmt.Println(name, "runtime error:", re.Error())
		} else {
			fmt.Println(name, "other:", r)
		}
	}()
	f()
}

func main() {
	var xs []int
	var m map[string]int
	var p *struct{ v int }
	var i interface{} = "s"
	zero := 0
	try("index", func() { _ = xs[3] })
	try("nil map", func() { m["a"] = 1 })
	try("nil pointer", func() { _ = p.v })
	try("assertion", func() { _ = i.(int) })
	try("divide", func() { _ = 10 / zero })
	try("custom", func() { panic("not a runtime error") })
}
