// spec: Introduction, Notation, Program execution, Package clause
// known-failure: one cell: main runs three times
package main

import "fmt"

func main() {
	fmt.Println("hello, corpus")
	fmt.Println("main returns, the program exits with status 0")
}
