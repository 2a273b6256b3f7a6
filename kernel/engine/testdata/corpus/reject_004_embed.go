// spec: Import declarations
// rejected: package embed (//go:embed) is not supported by the Sluice interpreter: a cell has no package directory to embed files from; read the file when the cell runs
package main

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed main.go
var source string

func main() {
	fmt.Println(strings.HasPrefix(source, "// spec:"))
}
