// spec: Function declarations
// rejected: //go:linkname (with import _ "unsafe") is not supported by the Sluice interpreter: interpreted code cannot link to unexported functions
package main

import (
	"fmt"
	_ "unsafe"
)

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func main() {
	fmt.Println(nanotime() > 0)
}
