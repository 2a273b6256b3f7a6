// spec: Variable declarations, Package initialization
package main

import "fmt"

type P struct{ X, Y int }

var base = P{1, 2}

var copyOfBase = base

var boxed any = base

var limit = 10

var doubled = limit * 2

func main() {
	base.X = 100
	fmt.Println(base, copyOfBase, boxed, doubled)
}
