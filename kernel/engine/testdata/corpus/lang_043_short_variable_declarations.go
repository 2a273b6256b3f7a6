// spec: Short variable declarations
package main

import (
	"fmt"
	"strconv"
)

func main() {
	i, j := 0, 10
	f := func() int { return 7 }
	ch := make(chan int, 1)
	r, w, _ := 1, 2, 3
	fmt.Println(i, j, f(), cap(ch), r, w)
	// Redeclaration: at least one new variable, the others are assigned.
	a, err := strconv.Atoi("12")
	b, err := strconv.Atoi("x")
	fmt.Println(a, b, err)
	a, c := 5, 6
	fmt.Println(a, c)
	if a, d := 100, 200; a > 0 {
		fmt.Println(a, d)
	}
	fmt.Println(a)
	field1, offset := nextField("a,b", 0)
	field2, offset := nextField("a,b", offset)
	fmt.Println(field1, field2, offset)
}

func nextField(s string, at int) (string, int) {
	for i := at; i < len(s); i++ {
		if s[i] == ',' {
			return s[at:i], i + 1
		}
	}
	return s[at:], len(s)
}
