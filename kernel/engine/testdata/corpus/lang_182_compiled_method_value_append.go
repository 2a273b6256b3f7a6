// spec: Method values, Appending to and copying slices
// known-failure: append(ws, p.WriteString) with p a *strings.Builder does not compile: yaegi types the method value of a compiled pointer as the method expression, func(*strings.Builder, string) (int, error)
package main

import (
	"fmt"
	"strings"
)

func main() {
	var b strings.Builder
	p := &b
	w := p.WriteString
	w("a")
	var ws []func(string) (int, error)
	ws = append(ws, p.WriteString)
	ws[0]("b")
	fmt.Println(b.String())
}
