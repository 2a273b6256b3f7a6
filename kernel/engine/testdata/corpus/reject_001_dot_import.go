// spec: Import declarations
// rejected: dot import of "strings" is not supported by the Sluice interpreter: import it by name
package main

import (
	"fmt"
	. "strings"
)

func main() {
	fmt.Println(ToUpper("dot import"), HasPrefix("golang", "go"))
}
