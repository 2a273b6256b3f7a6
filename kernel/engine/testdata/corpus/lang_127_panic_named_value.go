// spec: Handling panics, Type definitions
package main

import "fmt"

type Code int

func main() {
	fmt.Println("panicking with a value of a defined integer type")
	panic(Code(7))
}
