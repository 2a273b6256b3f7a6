// spec: Iota
// rejected: a package-level variable named iota
package main

import "fmt"

var iota = 5

func main() {
	iota++
	fmt.Println(iota)
}
