// spec: Comparison operators
package main

import (
	"errors"
	"fmt"
)

// Code is an error that is not a struct.
type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

// Other has the same underlying type as Code.
type Other int

func (o Other) Error() string { return fmt.Sprint("other ", int(o)) }

// SErr is a struct error.
type SErr struct{ msg string }

func (e SErr) Error() string { return e.msg }

func main() {
	var err error = Code(1)
	fmt.Println(errors.Is(err, Code(1)), errors.Is(err, Other(1)), errors.Is(err, nil), errors.Is(nil, err))
	joined := errors.Join(errors.New("x"), fmt.Errorf("ctx: %w", Code(7)))
	fmt.Println(errors.Is(joined, Code(7)), errors.Is(joined, Code(8)))
	var se error = SErr{"boom"}
	w := fmt.Errorf("outer: %w", se)
	fmt.Println(errors.Is(w, SErr{"boom"}), errors.Is(w, SErr{"other"}), errors.Is(w, Code(1)))
	var c Code
	fmt.Println(errors.As(w, &c), errors.As(fmt.Errorf("a: %w", err), &c), c)
	var s SErr
	fmt.Println(errors.As(w, &s), s.msg)
}
