// spec: Program execution
package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred calls do not run on os.Exit")
	fmt.Println("exiting with status 3")
	os.Exit(3)
}
