// spec: Bootstrapping
// known-failure: one cell and split: prints 'to stderr 1 true' where go run prints 'to stdout'
package main

import (
	"fmt"
	"os"
)

func main() {
	// print and println write to standard error; only stdout is compared.
	println("to stderr", 1, true)
	print("also stderr\n")
	fmt.Println("to stdout")
	fmt.Fprintln(os.Stderr, "stderr via fmt")
	fmt.Println("done")
}
