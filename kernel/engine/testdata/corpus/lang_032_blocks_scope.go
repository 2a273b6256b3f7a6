// spec: Blocks, Declarations and scope
package main

import "fmt"

var x = "package"

func show() string { return x }

func main() {
	fmt.Println(x)
	x := "function"
	fmt.Println(x, show())
	{
		x := "block"
		fmt.Println(x)
	}
	if x := "if"; x != "" {
		fmt.Println(x)
	} else {
		fmt.Println("else", x)
	}
	for x := 0; x < 1; x++ {
		fmt.Println("for", x)
	}
	switch x := 3; {
	case x > 2:
		x := "case"
		fmt.Println(x)
	}
	fmt.Println(x)
	type x2 int
	var v x2 = 4
	fmt.Printf("%T %v\n", v, v)
}
