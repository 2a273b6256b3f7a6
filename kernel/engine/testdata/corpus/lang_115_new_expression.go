// spec: Allocation, Pointer types
// known-failure: one cell and split: prints '0' where go run prints '42'
package main

import "fmt"

func main() {
	q := new(42)
	fmt.Println(*q)
	*q++
	fmt.Println(*q)
}
