// spec: Lexical elements, Comments, Tokens
package main

import "fmt"

/* A general comment
   spanning lines. */

func main() {
	x := 1 /* inline */ + 2 // line comment
	y := x /*no space*/ * 3
	s := "// not a comment"
	r := `/* not a comment either */`
	fmt.Println(x, y, s, r)
	a, b := 7, 2
	fmt.Println(a&^b, a^b, a|b, a&b, a<<b, a>>b)
}
