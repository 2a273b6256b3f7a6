// spec: Type parameter declarations, Interface types, Method declarations, Function types
package main

import (
	"errors"
	"fmt"
)

type Result[T any] struct {
	Val T
	Err error
}

func Ok[T any](v T) Result[T]         { return Result[T]{Val: v} }
func Fail[T any](err error) Result[T] { return Result[T]{Err: err} }

func Try[T any](f func() (T, error)) Result[T] {
	v, err := f()
	return Result[T]{Val: v, Err: err}
}

func (r Result[T]) Unwrap() T {
	if r.Err != nil {
		panic("unwrap of failed result: " + r.Err.Error())
	}
	return r.Val
}

func (r Result[T]) String() string {
	if r.Err != nil {
		return "Err(" + r.Err.Error() + ")"
	}
	return fmt.Sprintf("Ok(%v)", r.Val)
}

func MapResult[T, U any](r Result[T], f func(T) U) Result[U] {
	if r.Err != nil {
		return Fail[U](r.Err)
	}
	return Ok(f(r.Val))
}

var errDiv = errors.New("division by zero")

func div(a, b int) Result[int] {
	if b == 0 {
		return Fail[int](errDiv)
	}
	return Ok(a / b)
}

func safeUnwrap[T any](r Result[T]) (v T, msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint("recovered: ", p)
		}
	}()
	return r.Unwrap(), "fine"
}

func main() {
	fmt.Println(div(10, 3), div(1, 0))
	r := MapResult(div(9, 3), func(n int) string { return fmt.Sprint(n, "!") })
	fmt.Printf("%v %T\n", r, r)
	bad := MapResult(div(1, 0), func(n int) bool { return n > 0 })
	fmt.Println(bad, errors.Is(bad.Err, errDiv))
	fmt.Println(safeUnwrap(div(8, 2)))
	fmt.Println(safeUnwrap(div(8, 0)))
	t := Try(func() ([]int, error) { return []int{1, 2}, nil })
	fmt.Println(t)
}
