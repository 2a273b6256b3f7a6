// spec: Errors, Handling panics
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
