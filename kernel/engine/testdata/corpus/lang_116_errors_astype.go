// spec: Errors, Instantiations
// std: errors.AsType
package main

import (
	"errors"
	"fmt"
)

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("my error %d", e.Code) }

func do(fail bool) error {
	if fail {
		return fmt.Errorf("do: %w", &MyErr{Code: 7})
	}
	return errors.New("plain")
}

func main() {
	err := do(true)
	if me, ok := errors.AsType[*MyErr](err); ok {
		fmt.Println("matched", me.Code, me)
	}
	_, ok := errors.AsType[*MyErr](do(false))
	fmt.Println(ok)
}
