// spec: Comparison operators, Interface types, Method sets
package main

import (
	"errors"
	"fmt"
)

// Code is an error that is not a struct.
type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

func main() {
	var err error = Code(1)
	fmt.Println(err == Code(1), errors.Is(err, Code(1)), errors.Is(err, Code(2)))
	wrapped := fmt.Errorf("wrapped: %w", err)
	fmt.Println(errors.Is(wrapped, Code(1)), wrapped)
}
