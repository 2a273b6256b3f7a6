// spec: Handling panics
package main

import (
	"errors"
	"fmt"
)

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func repanic() (msg string) {
	defer func() { msg = fmt.Sprint("outer got: ", recover()) }()
	func() {
		defer func() {
			r := recover()
			panic(fmt.Sprint("re-", r))
		}()
		panic("first")
	}()
	return "unreachable"
}

var ErrCustom = errors.New("custom")

func main() {
	fmt.Println(safeDiv(6, 3))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(repanic())
	fmt.Println(recover()) // not panicking: nil
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			fmt.Println(ok, errors.Is(err, ErrCustom))
		}()
		panic(fmt.Errorf("wrapped: %w", ErrCustom))
	}()
	func() {
		defer func() { fmt.Printf("%T %v\n", recover(), "panic value kept its type") }()
		panic(42)
	}()
}
