// spec: Errors, Handling panics
// known-failure: one cell and split: ends with 'panic: errors: *target must be interface or implement error', go run with 'panic: validate: bad input in name'
package main

import (
	"errors"
	"fmt"
)

type BadInput struct{ Field string }

func (b BadInput) Error() string { return "bad input in " + b.Field }

func main() {
	fmt.Println("validating")
	err := fmt.Errorf("validate: %w", BadInput{"name"})
	fmt.Println(errors.As(err, new(BadInput)))
	panic(err)
}
