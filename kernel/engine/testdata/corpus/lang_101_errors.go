// spec: Errors
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return e.Name + " not found" }

var ErrBase = errors.New("base failure")

func lookup(name string) error {
	if name == "" {
		return fmt.Errorf("lookup: %w", ErrBase)
	}
	return fmt.Errorf("lookup %q: %w", name, &NotFound{name})
}

func main() {
	err := lookup("")
	fmt.Println(err, errors.Is(err, ErrBase), errors.Unwrap(err) == ErrBase)
	err = lookup("cfg")
	var nf *NotFound
	fmt.Println(err, errors.As(err, &nf), nf.Name)
	_, err = os.Open("/definitely/not/here")
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	var pe *fs.PathError
	fmt.Println(errors.As(err, &pe), pe.Op)
	joined := errors.Join(ErrBase, errors.New("second"))
	fmt.Println(joined, errors.Is(joined, ErrBase))
	var e error
	fmt.Println(e == nil)
}
