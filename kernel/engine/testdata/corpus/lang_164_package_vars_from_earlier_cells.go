// spec: Variable declarations, Package initialization
// known-failure: split into cells, var copyOfBase = base (a package variable of an earlier cell) fails with yaegi's "variable definition loop": a cell's only initialised package variable keeps its initialiser (fe_vars.go varDeclTyped), and yaegi cannot initialise a package variable from a global of an earlier Eval
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
