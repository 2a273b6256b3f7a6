// spec: Allocation, Pointer types
package main

import "fmt"

func main() {
	q := new(42)
	fmt.Println(*q)
	*q++
	fmt.Println(*q)
}
