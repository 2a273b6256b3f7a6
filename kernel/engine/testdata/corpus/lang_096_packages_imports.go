// spec: Packages, Source file organization, Import declarations
// known-failure: one cell and split: CompileError: dot import of "strings" is not supported: import the package by name
package main

import (
	"fmt"
	m "math"
	. "strings"
	_ "unicode"
)

import str "strconv"

func main() {
	fmt.Println(m.Sqrt(2) > 1.41, ToUpper("dot import"), HasPrefix("golang", "go"))
	fmt.Println(str.Quote("renamed"), str.Itoa(12))
}
