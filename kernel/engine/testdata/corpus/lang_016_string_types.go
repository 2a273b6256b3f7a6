// spec: String types
package main

import "fmt"

type Name string

func main() {
	s := "grüße"
	fmt.Println(len(s), s[2], s[0:2])
	b := []byte(s)
	b[0] = 'G'
	fmt.Println(s, string(b))
	var n Name = "gopher"
	fmt.Println(n+"!", len(n), string(n[1]))
	fmt.Printf("%T %q %x % x\n", n, n, "hi", "hi")
	var empty string
	fmt.Println(empty == "", len(empty))
	t := s
	t += "?"
	fmt.Println(s, t)
}
