// spec: Handling panics, Type definitions
// known-failure: one cell and split: ends with 'panic: 7', go run with 'panic: main.Code(7)'
package main

import "fmt"

type Code int

func main() {
	fmt.Println("panicking with a value of a defined integer type")
	panic(Code(7))
}
