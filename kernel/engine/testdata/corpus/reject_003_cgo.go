// spec: Import declarations
// rejected: cgo (import "C") is not supported by the Sluice interpreter: the interpreter cannot call C
package main

// static int twice(int x) { return 2 * x; }
import "C"

import "fmt"

func main() {
	fmt.Println(int(C.twice(21)))
}
