// spec: Introduction, Notation, Program execution, Package clause
package main

import "fmt"

func main() {
	fmt.Println("hello, corpus")
	fmt.Println("main returns, the program exits with status 0")
}
