// spec: String concatenation
package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "hi" + string('!')
	s += " there"
	fmt.Println(s, len(s))
	const c = "con" + "st"
	fmt.Println(c + "ant")
	var b strings.Builder
	for i := 0; i < 3; i++ {
		b.WriteString(fmt.Sprint(i))
		b.WriteByte(',')
	}
	fmt.Println(b.String(), b.Len())
	parts := []string{"a", "b"}
	joined := parts[0] + "/" + parts[1]
	fmt.Println(joined, strings.Repeat("ab", 3))
	type Name string
	var n Name = "x"
	n += "y"
	fmt.Printf("%T %v\n", n, n)
}
