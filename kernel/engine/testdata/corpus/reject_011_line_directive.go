// spec: Comments
// rejected: a line directive (//line) is not supported by the Sluice interpreter: the front end maps cell positions with line directives of its own; remove it
package main

import "fmt"

func main() {
	x := 20
//line generated.go:100
	fmt.Println(x + 1)
}
