// spec: Import declarations
// rejected: ImportError: package "os/exec" is not available in the interpreter
package main

import (
	"errors"
	"fmt"
	"os/exec"
)

func main() {
	_, err := exec.LookPath("surely-not-a-command-on-this-machine")
	fmt.Println(errors.Is(err, exec.ErrNotFound))
}
