// spec: Program execution, Errors
// std: log.Fatal
package main

import (
	"fmt"
	"log"
)

func main() {
	log.SetFlags(0)
	fmt.Println("about to fail")
	log.Fatal("configuration missing")
}
