// spec: Type switches, Type assertions
// std: errors.As, errors.Is, errors.Join, errors.Unwrap, fmt.Errorf
// errors.As and errors.Is with cell error types: pointer and value receivers, a named
// int error, an Is method, Unwrap chains through cell types, fmt.Errorf %w and
// errors.Join around them, a compiled *fs.PathError inside a cell wrapper; type
// switches over the results.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// NotFound is a struct error.
type NotFound struct{ Name string }

func (e *NotFound) Error() string { return "not found: " + e.Name }

// Code is a named int error.
type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

// Temp is a value-receiver struct error with Is.
type Temp struct{ N int }

func (t Temp) Error() string        { return fmt.Sprint("temp ", t.N) }
func (t Temp) Is(target error) bool { _, ok := target.(Temp); return ok }

// Wrap wraps an error.
type Wrap struct {
	Op  string
	Err error
}

func (w Wrap) Error() string { return w.Op + ": " + w.Err.Error() }
func (w Wrap) Unwrap() error { return w.Err }

var ErrSentinel = errors.New("sentinel")

func find(n int) error {
	switch n {
	case 0:
		return nil
	case 1:
		return &NotFound{"x"}
	case 2:
		return Code(42)
	case 3:
		return Wrap{"op", Temp{3}}
	case 4:
		return fmt.Errorf("ctx: %w", Wrap{"read", Code(5)})
	case 5:
		return errors.Join(ErrSentinel, &NotFound{"y"})
	}
	_, err := os.Open("/nonexistent/zz")
	return Wrap{"open", err}
}

func main() {
	for i := 0; i <= 6; i++ {
		err := find(i)
		var nf *NotFound
		var c Code
		var t Temp
		var w Wrap
		var pe *fs.PathError
		fmt.Println(i, err,
			errors.As(err, &nf), errors.As(err, &c), errors.As(err, &t), errors.As(err, &w), errors.As(err, &pe),
			errors.Is(err, Code(42)), errors.Is(err, Code(5)), errors.Is(err, Temp{}), errors.Is(err, ErrSentinel), errors.Is(err, fs.ErrNotExist))
		if nf != nil {
			fmt.Println("  nf:", nf.Name)
		}
		if c != 0 {
			fmt.Printf("  c: %v %d %T\n", c, c, c)
		}
		if w.Op != "" {
			fmt.Printf("  w: %v %T %T\n", w, w, w.Err)
		}
		fmt.Printf("  %T\n", err)
		switch e := err.(type) {
		case nil:
			fmt.Println("  nil")
		case *NotFound:
			fmt.Println("  *NotFound", e.Name)
		case Code:
			fmt.Println("  Code", int(e))
		case Wrap:
			fmt.Printf("  Wrap %T %v\n", e.Unwrap(), e.Unwrap())
		case fmt.Stringer:
			fmt.Println("  stringer", e)
		default:
			fmt.Println("  other")
		}
	}
	e1 := error(Code(1))
	e2 := error(Code(1))
	fmt.Println(e1 == e2, e1 == Code(1), e1 != error(Code(2)))
	var target interface{ Error() string }
	fmt.Println(errors.As(Wrap{"a", Code(9)}, &target), target)
}
