// spec: Run-time panics, Handling panics
package main

import "fmt"

func main() {
	fmt.Println("before the panic")
	defer fmt.Println("deferred calls still run")
	panic("something went wrong")
}
