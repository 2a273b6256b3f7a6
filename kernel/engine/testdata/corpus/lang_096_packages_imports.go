// spec: Packages, Source file organization, Import declarations
package main

import (
	"fmt"
	m "math"
	"strings"
	_ "unicode"
)

import str "strconv"

func main() {
	fmt.Println(m.Sqrt(2) > 1.41, strings.ToUpper("named import"), strings.HasPrefix("golang", "go"))
	fmt.Println(str.Quote("renamed"), str.Itoa(12))
}
