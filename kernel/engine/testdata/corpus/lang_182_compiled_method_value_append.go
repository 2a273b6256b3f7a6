// spec: Method values, Appending to and copying slices
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
