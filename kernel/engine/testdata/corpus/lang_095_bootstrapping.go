// spec: Bootstrapping
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
