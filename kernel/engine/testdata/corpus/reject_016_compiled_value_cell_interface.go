// spec: Type assertions
// rejected: asserting a value of the compiled type *strings.Reader to main.Sizer, an interface declared in a cell, is not supported
// A value of a compiled type asserted to an interface declared in a cell: yaegi cannot
// make it one, and answering "not a Sizer" would be wrong, so the cell fails.
package main

import (
	"fmt"
	"io"
	"strings"
)

type Sizer interface{ Len() int }

func main() {
	var r io.Reader = strings.NewReader("abc")
	if s, ok := r.(Sizer); ok {
		fmt.Println(s.Len())
	}
}
